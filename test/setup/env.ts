// Quiet n8n-core's logger in tests; errors are asserted, not printed.
process.env.N8N_LOG_LEVEL = 'silent';
