/**
 * 2,000 Adds through n8n-core with the node's defaults against a Velt that pushes back:
 * a limit on requests in flight, and separately on requests per second, both answered
 * 429 RESOURCE_EXHAUSTED + Retry-After. Every notification must be stored exactly once.
 */
import type { INodeParameters } from 'n8n-workflow';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import type { LoadLimiter } from '../helpers/loadLimiter';
import { startLoadLimiter } from '../helpers/loadLimiter';
import {
	DEFAULT_AUTO_START,
	DEFAULT_CONCURRENCY_CEILING,
	DEFAULT_TIMEOUT_MS,
} from '../../nodes/shared/transport';
import { jestTimeoutFor, watchedRun, type RunBound, type StallBound } from '../helpers/bounds';
import { runVelt, VALID_ADD } from '../node/support';

const ORG = 'org-load';
const COUNT = 2000;

let emulator: VeltEmulator;
let limiter: LoadLimiter;
beforeAll(async () => {
	emulator = await startVeltEmulator({ latencyMs: 10 });
	limiter = await startLoadLimiter(emulator.url);
});
afterAll(async () => {
	await limiter.close();
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	emulator.setLatency(10);
	emulator.setLimits({});
	limiter.reset();
});

const parameters: INodeParameters = {
	...VALID_ADD,
	organizationId: ORG,
	documentId: 'doc-load',
	displayHeadlineMessageTemplate: '=Item {{ $json.index }}',
	additionalFields: { notificationId: '=load-{{ $json.index }}' },
};

/**
 * One run: each Add refused at most once (2 x COUNT attempts), one in flight at Auto's floor,
 * each attempt up to the slowest latency used here (40 ms), a one-second Retry-After pause
 * for each refusal the first test allows (COUNT / 10), and slack for a loaded machine. A hang
 * shows much sooner, through the stall bound.
 */
const RUN_BOUND: RunBound = {
	ms: 2 * COUNT * 40 + (COUNT / 10) * 1000 + 30_000,
	because: `${2 * COUNT} attempts x 40 ms one at a time + ${COUNT / 10} Retry-After pauses x 1,000 ms + 30 s slack`,
};
/** No request for longer than the node's default deadline and a Retry-After after it, with slack. */
const STALL_BOUND: StallBound = {
	ms: DEFAULT_TIMEOUT_MS + 1000 + 15_000,
	because: `default deadline ${DEFAULT_TIMEOUT_MS} ms + Retry-After 1,000 ms + 15 s slack`,
};

/** What a run past its bound waits on: the limiter's and the emulator's view. */
function waitingOn(): string {
	const { requests, refused, peakInFlight } = limiter.counters;
	const stats = emulator.stats();
	const last = emulator.requests.at(-1);
	return (
		`the limiter saw ${requests} requests (${refused} refused, peak ${peakInFlight} in flight); ` +
		`the emulator holds ${stats.inFlight} unanswered, has ${stats.storedNotifications} stored, ` +
		`its last request ${last === undefined ? '-' : Date.now() - last.receivedAt} ms ago`
	);
}

async function addAll(baseUrl = limiter.url) {
	const items = Array.from({ length: COUNT }, (_, index) => ({ index }));
	const run = await watchedRun(
		`${COUNT} Adds through ${baseUrl === limiter.url ? 'the load limiter' : 'the emulator'}`,
		runVelt(emulator, { items, parameters, credentials: { baseUrl } }),
		{
			bound: RUN_BOUND,
			stall: STALL_BOUND,
			progress: () => emulator.requests.length + limiter.counters.requests,
			waitingOn,
		},
	);
	const ids = items.map(({ index }) => `load-${index}`);
	const stored = ids.filter((id) => emulator.store.getNotification(ORG, id) !== undefined).length;
	const duplicates = [...limiter.counters.storedAdds.values()].filter((times) => times > 1).length;
	if (process.env.LOAD_DEBUG)
		process.stderr.write(`${JSON.stringify({ ...limiter.counters, storedAdds: undefined })}\n`);
	return { run, stored, lost: COUNT - stored, duplicates };
}

/** Jest's own timeout sits past the run's bound, so the bound's report is what a slow run shows. */
const TEST_TIMEOUT = jestTimeoutFor(RUN_BOUND);

describe('2,000 Adds with defaults under load limits', () => {
	// Auto concurrency starts at DEFAULT_AUTO_START (64) requests in flight, so a limit of 8 is
	// met at the first round trip whatever the machine's speed; 30 ms answers keep that first
	// round in flight together. (A limit above the start was met only when Auto grew past it,
	// which a loaded machine's latencies can prevent.)
	test(
		'a limit of 8 in flight, below where Auto starts: every notification stored once, and the node kept to the limit after the first refusals',
		async () => {
			emulator.setLatency(30);
			limiter.setLimits({ maxInFlight: 8, retryAfterSeconds: 1 });
			const { run, stored, lost, duplicates } = await addAll();
			expect(run.status).toBe('success');
			expect(run.json).toHaveLength(COUNT);
			expect(run.json.every((json) => json.success === true)).toBe(true);
			expect({ stored, lost, duplicates }).toEqual({ stored: COUNT, lost: 0, duplicates: 0 });
			// Refused requests are retried, so some were refused, but far fewer than the items.
			expect(DEFAULT_AUTO_START).toBeGreaterThan(8);
			expect(limiter.counters.refused).toBeGreaterThan(0);
			expect(limiter.counters.refused).toBeLessThan(COUNT / 10);
			expect(limiter.counters.requests).toBe(COUNT + limiter.counters.refused);
		},
		TEST_TIMEOUT,
	);

	test(
		'a limit of 1,000 requests per second: every notification stored once',
		async () => {
			limiter.setLimits({ maxPerSecond: 1000 });
			const { run, stored, lost, duplicates } = await addAll();
			expect(run.status).toBe('success');
			expect(run.json).toHaveLength(COUNT);
			expect({ stored, lost, duplicates }).toEqual({ stored: COUNT, lost: 0, duplicates: 0 });
			expect(limiter.counters.requests).toBe(COUNT + limiter.counters.refused);
		},
		TEST_TIMEOUT,
	);

	test(
		'without limits the node grows past its start and stores everything with no refusal',
		async () => {
			emulator.setLatency(40);
			const { run, stored } = await addAll();
			expect(run.status).toBe('success');
			expect(stored).toBe(COUNT);
			expect(limiter.counters.refused).toBe(0);
			expect(limiter.counters.peakInFlight).toBeGreaterThan(DEFAULT_AUTO_START);
			expect(limiter.counters.peakInFlight).toBeLessThanOrEqual(DEFAULT_CONCURRENCY_CEILING);
		},
		TEST_TIMEOUT,
	);

	test(
		"the emulator's own limits (20 in flight, then 1,000 per second): every notification stored once, no Add stored twice",
		async () => {
			for (const limits of [
				{ maxInFlight: 20, retryAfterSeconds: 1 },
				{ maxRequestsPerSecond: 1000 },
			]) {
				emulator.reset();
				emulator.setLatency(10);
				emulator.setLimits(limits);
				const { run, stored, lost } = await addAll(emulator.url);
				const stats = emulator.stats();
				expect(run.status).toBe('success');
				expect({
					stored,
					lost,
					duplicateAdds: stats.duplicateAdds,
					addsReceived: stats.addsReceived,
				}).toEqual({ stored: COUNT, lost: 0, duplicateAdds: 0, addsReceived: COUNT });
				expect(stats.limitedBy.inFlight + stats.limitedBy.perSecond).toBe(
					stats.rateLimitedResponses,
				);
			}
		},
		2 * TEST_TIMEOUT,
	);
});
