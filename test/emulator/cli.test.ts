import { parseCliSettings } from './cli';

test('CLI flags and environment: limits, latency, page size, sample data', () => {
	const { options, seedSample } = parseCliSettings(
		[
			'--latency-ms',
			'25',
			'--max-in-flight=20',
			'--max-rps',
			'50',
			'--retry-after',
			'2',
			'--max-page-size',
			'100',
			'--seed-sample',
			'3',
			'--disable',
			'advancedWebhooks',
		],
		{},
	);
	expect(options).toMatchObject({
		latencyMs: 25,
		maxInFlight: 20,
		maxRequestsPerSecond: 50,
		retryAfterSeconds: 2,
		maxPageSize: 100,
		features: { advancedWebhooks: false },
	});
	expect(seedSample).toBe(3);
	const fromEnv = parseCliSettings([], {
		VELT_EMULATOR_MAX_IN_FLIGHT: '7',
		VELT_EMULATOR_MAX_RPS: '9',
	}).options;
	expect([fromEnv.maxInFlight, fromEnv.maxRequestsPerSecond]).toEqual([7, 9]);
});
