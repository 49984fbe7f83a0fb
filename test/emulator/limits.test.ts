/**
 * Load behaviour: in-flight and per-second limits answered with 429 RESOURCE_EXHAUSTED and
 * Retry-After, the counters, latency, and the fault kinds the fault suite relies on.
 */
import { FakeClock } from '../helpers/fakeClock';
import { waitFor } from '../helpers/bounds';
import { call, type ApiAnswer } from './apiClient';
import { DEFAULT_RETRY_AFTER_SECONDS } from './choices';
import { FAULT_KINDS } from './faults';
import { LoadLimiter } from './limits';
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

// Every limit test runs on a fake clock: what is admitted is counted against time the test
// moves, so a loaded machine cannot stretch a window (review 2, finding 15).

test('review 2, finding 15: beyond maxInFlight: 429 RESOURCE_EXHAUSTED with Retry-After, nothing stored for it (counted, fake clock)', async () => {
	const clock = new FakeClock();
	emulator = await startVeltEmulator({
		maxInFlight: 3,
		latencyMs: 150,
		retryAfterSeconds: 2,
		loadClock: clock,
	});
	const answers: ApiAnswer[] = [];
	const calls = Array.from({ length: 8 }, (_, i) =>
		call(emulator, ENDPOINTS.addNotification, add(i)).then((answer) => {
			answers.push(answer);
			return answer;
		}),
	);
	// The three admitted wait on the latency, which only the fake clock ends; the rest are refused at once.
	await waitFor('3 admitted requests held by the latency and 5 refusals answered', () => {
		return clock.pendingSleeps === 3 && answers.length === 5;
	});
	expect(answers.map((answer) => answer.status)).toEqual([429, 429, 429, 429, 429]);
	for (const answer of answers) {
		expect(answer.headers.get('retry-after')).toBe('2');
		expect(answer.body.error.status).toBe('RESOURCE_EXHAUSTED');
	}
	await clock.advance(150);
	const all = await Promise.all(calls);
	expect(all.filter((a) => a.status === 200)).toHaveLength(3);
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
	const again = call(emulator, ENDPOINTS.addNotification, add(99));
	await waitFor('the next request to be admitted and held by the latency', () => {
		return clock.pendingSleeps === 1;
	});
	await clock.advance(150);
	expect((await again).status).toBe(200);
});

test('review 2, finding 15: beyond maxRequestsPerSecond: 429 with Retry-After until the window ends (counted, fake clock)', async () => {
	const clock = new FakeClock();
	emulator = await startVeltEmulator({ maxRequestsPerSecond: 4, loadClock: clock });
	const answers = [];
	for (let i = 0; i < 6; i++) answers.push(await call(emulator, ENDPOINTS.addNotification, add(i)));
	expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429]);
	expect(answers[5].headers.get('retry-after')).toBe('1');
	expect(emulator.stats().limitedBy.perSecond).toBe(2);
	// One millisecond before the window ends it is still full; at its end a new one opens.
	await clock.advance(999);
	expect((await call(emulator, ENDPOINTS.addNotification, add(6))).status).toBe(429);
	await clock.advance(1);
	expect((await call(emulator, ENDPOINTS.addNotification, add(7))).status).toBe(200);
	expect(emulator.stats().limitedBy.perSecond).toBe(3);
});

test('the limiter counts a window on the clock it is given', async () => {
	const clock = new FakeClock();
	const limiter = new LoadLimiter({ maxRequestsPerSecond: 2, maxInFlight: 3 }, clock.now);
	const admitted = () => limiter.admit() === undefined;
	expect([admitted(), admitted(), limiter.admit()]).toEqual([
		true,
		true,
		{ limit: 'perSecond', retryAfterSeconds: 1 },
	]);
	await clock.advance(1000);
	// A new window: two more admitted, then the in-flight cap (3) refuses before the window does.
	expect([admitted(), limiter.admit()]).toEqual([
		true,
		{ limit: 'inFlight', retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS },
	]);
	limiter.release();
	expect([admitted(), limiter.requestsInFlight]).toEqual([true, 3]);
});

test('limits can be changed at run time and over the control endpoint; reset restores the start limits', async () => {
	emulator = await startVeltEmulator({ loadClock: new FakeClock() });
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

test('latency is added to every answer: none before the clock has moved by it', async () => {
	const clock = new FakeClock();
	emulator = await startVeltEmulator({ latencyMs: 120, loadClock: clock });
	let answered = false;
	const answer = call(emulator, ENDPOINTS.addNotification, add(1)).then((a) => {
		answered = true;
		return a;
	});
	await waitFor('the request to wait on its latency', () => clock.pendingSleeps === 1);
	await clock.advance(119);
	expect([answered, clock.pendingSleeps]).toEqual([false, 1]);
	await clock.advance(1);
	expect((await answer).status).toBe(200);
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
