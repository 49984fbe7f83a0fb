// The transport: requests, retries, pagination, batching and concurrency. It imports
// nothing of the nodes above it, only n8n-workflow.
export * from './batching';
export * from './concurrency';
export * from './concurrencyController';
export * from './contract';
export * from './failure';
export * from './notifications';
export * from './pageWalk';
export * from './request';
export * from './retryPolicy';
export * from './scrub';
