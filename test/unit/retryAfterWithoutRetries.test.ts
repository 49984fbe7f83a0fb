/**
 * Issue 29: a Retry-After answer pauses the execution's other requests only when something
 * will be retried. With Retries 0 every item gets its own answer at once; before, each 429
 * with Retry-After held every other item of the run for up to a minute, so a run with
 * Continue On Fail had no bound in its requests and deadlines.
 */
import type { IDataObject } from 'n8n-workflow';
import type { VeltConnection, VeltContext } from '../../nodes/shared/transport';
import { ConcurrencyController, ENDPOINTS, sendVeltRequest } from '../../nodes/shared/transport';
import { FakeClock } from '../helpers/fakeClock';

const connection = {
	baseUrl: 'http://127.0.0.1:9',
	credentials: {},
	secrets: [],
	headers: {},
} as unknown as VeltConnection;

/** A context whose every request is answered 429 RESOURCE_EXHAUSTED with Retry-After: 60. */
function rateLimitedContext(): { context: VeltContext; requests: () => number } {
	let requests = 0;
	const httpRequest = async () => {
		requests++;
		return {
			statusCode: 429,
			headers: { 'retry-after': '60' },
			body: { error: { status: 'RESOURCE_EXHAUSTED', message: 'Rate limit exceeded.' } },
		};
	};
	return {
		context: { helpers: { httpRequest } } as unknown as VeltContext,
		requests: () => requests,
	};
}

async function send(context: VeltContext, maxRetries: number, controller: ConcurrencyController) {
	const data: IDataObject = { notificationId: 'n-1' };
	return await sendVeltRequest.call(context, connection, ENDPOINTS.addNotification, data, {
		policy: { maxRetries, retryDelayMs: 1, timeoutMs: 1000, controller },
		idempotent: true,
	});
}

test('issue 29: with Retries 0 a Retry-After answer fails its item at once and pauses no other request', async () => {
	const clock = new FakeClock();
	const controller = new ConcurrencyController({ mode: 'fixed', limit: 1, ceiling: 1 }, clock);
	const { context, requests } = rateLimitedContext();
	const result = await send(context, 0, controller);
	expect(result).toMatchObject({ ok: false, failure: { httpStatus: 429, retryAfterMs: 60_000 } });
	expect(requests()).toBe(1);
	expect(controller.statistics.pauses).toBe(0);
	// The next item starts without the clock moving.
	let started = false;
	void controller.acquire().then(() => (started = true));
	await clock.advance(0);
	expect(started).toBe(true);
});

test('issue 29: with retries on, the Retry-After still pauses every request until it has passed', async () => {
	const clock = new FakeClock();
	const controller = new ConcurrencyController({ mode: 'fixed', limit: 2, ceiling: 2 }, clock);
	const { context, requests } = rateLimitedContext();
	const sent = send(context, 1, controller);
	await clock.advance(0);
	expect([requests(), controller.statistics.pauses]).toEqual([1, 1]);
	expect(controller.pausedUntil).toBe(clock.now() + 60_000);
	// The retry waits for the pause, and so would any other request.
	await clock.advance(59_999);
	expect(requests()).toBe(1);
	await clock.advance(1);
	const result = await sent;
	expect([requests(), result.ok]).toEqual([2, false]);
});
