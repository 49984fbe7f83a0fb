/**
 * Load behaviour: in-flight and per-second limits answered with 429 RESOURCE_EXHAUSTED and
 * Retry-After, the counters, latency, and the fault kinds the fault suite relies on.
 */
import { call } from './apiClient';
import { FAULT_KINDS } from './faults';
import { startVeltEmulator, type VeltEmulator } from './server';
import { ENDPOINTS } from './veltDocs';

const add = (i: number) => ({
	organizationId: 'o',
	documentId: 'd',
	notificationId: `n-${i}`,
	actionUser: { userId: 'u1' },
	displayHeadlineMessageTemplate: 'h',
	displayBodyMessage: 'b',
	notifyUsers: [{ userId: 'u2' }],
	notifyAll: false,
});

let emulator: VeltEmulator;
afterEach(() => emulator?.close());

test('beyond maxInFlight: 429 RESOURCE_EXHAUSTED with Retry-After, nothing stored for it', async () => {
	emulator = await startVeltEmulator({ maxInFlight: 3, latencyMs: 150, retryAfterSeconds: 2 });
	const answers = await Promise.all(
		Array.from({ length: 8 }, (_, i) => call(emulator, ENDPOINTS.addNotification, add(i))),
	);
	const limited = answers.filter((a) => a.status === 429);
	expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
	expect(limited).toHaveLength(5);
	for (const answer of limited) {
		expect(answer.headers.get('retry-after')).toBe('2');
		expect(answer.body.error.status).toBe('RESOURCE_EXHAUSTED');
	}
	const stats = emulator.stats();
	expect(stats).toMatchObject({
		requestsByEndpoint: { [ENDPOINTS.addNotification]: 8 },
		rateLimitedResponses: 5,
		limitedBy: { inFlight: 5, perSecond: 0 },
		storedNotifications: 3,
		addsReceived: 3,
		peakInFlight: 3,
	});
	// Once the others are answered there is room again.
	expect((await call(emulator, ENDPOINTS.addNotification, add(99))).status).toBe(200);
});

test('beyond maxRequestsPerSecond: 429 with Retry-After until the window ends', async () => {
	emulator = await startVeltEmulator({ maxRequestsPerSecond: 4 });
	const answers = [];
	for (let i = 0; i < 6; i++) answers.push(await call(emulator, ENDPOINTS.addNotification, add(i)));
	expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429]);
	expect(answers[5].headers.get('retry-after')).toBe('1');
	expect(emulator.stats().limitedBy.perSecond).toBe(2);
	await new Promise((resolve) => setTimeout(resolve, 1050));
	expect((await call(emulator, ENDPOINTS.addNotification, add(7))).status).toBe(200);
});

test('limits can be changed at run time and over the control endpoint; reset restores the start limits', async () => {
	emulator = await startVeltEmulator();
	emulator.setLimits({ maxRequestsPerSecond: 1 });
	expect((await call(emulator, ENDPOINTS.addNotification, add(1))).status).toBe(200);
	expect((await call(emulator, ENDPOINTS.addNotification, add(2))).status).toBe(429);
	const control = await fetch(`${emulator.url}/__emulator/limits`, {
		method: 'POST',
		body: JSON.stringify({ maxInFlight: 5 }),
	});
	expect(await control.json()).toEqual({ limits: { maxInFlight: 5 } });
	const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as {
		rateLimitedResponses: number;
	};
	expect(stats.rateLimitedResponses).toBe(1);
	emulator.reset();
	expect(emulator.getLimits()).toEqual({});
	expect(emulator.stats().rateLimitedResponses).toBe(0);
});

test('latency is added to every answer', async () => {
	emulator = await startVeltEmulator({ latencyMs: 120 });
	const started = Date.now();
	await call(emulator, ENDPOINTS.addNotification, add(1));
	expect(Date.now() - started).toBeGreaterThanOrEqual(110);
});

test('the fault kinds still answer as the fault suite expects', async () => {
	emulator = await startVeltEmulator();
	expect(FAULT_KINDS).toEqual([
		'rate_limit',
		'rate_limit_retry_after',
		'internal',
		'unavailable',
		'slow',
		'drop',
		'drop_before',
		'html',
	]);
	emulator.failNext('rate_limit_retry_after');
	const limited = await call(emulator, ENDPOINTS.addNotification, add(1));
	expect([limited.status, limited.headers.get('retry-after'), limited.body.error.status]).toEqual([
		429,
		'1',
		'RESOURCE_EXHAUSTED',
	]);
	emulator.failNext('internal');
	expect((await call(emulator, ENDPOINTS.addNotification, add(2))).status).toBe(500);
	emulator.failNext('drop');
	await expect(call(emulator, ENDPOINTS.addNotification, add(3))).rejects.toThrow();
	expect(emulator.store.getNotification('o', 'n-3')).toBeDefined(); // applied, answer lost
	expect(emulator.stats().rateLimitedResponses).toBe(1);
});
