/**
 * 2,000 Adds through n8n-core with the node's defaults against a Velt that pushes back:
 * a limit on requests in flight, and separately on requests per second, both answered
 * 429 RESOURCE_EXHAUSTED + Retry-After. Every notification must be stored exactly once.
 */
import type { INodeParameters } from 'n8n-workflow';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import type { LoadLimiter } from '../helpers/loadLimiter';
import { startLoadLimiter } from '../helpers/loadLimiter';
import { DEFAULT_AUTO_START } from '../../nodes/shared/transport';
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

async function addAll(baseUrl = limiter.url) {
	const items = Array.from({ length: COUNT }, (_, index) => ({ index }));
	const run = await runVelt(emulator, { items, parameters, credentials: { baseUrl } });
	const ids = items.map(({ index }) => `load-${index}`);
	const stored = ids.filter((id) => emulator.store.getNotification(ORG, id) !== undefined).length;
	const duplicates = [...limiter.counters.storedAdds.values()].filter((times) => times > 1).length;
	if (process.env.LOAD_DEBUG)
		process.stderr.write(`${JSON.stringify({ ...limiter.counters, storedAdds: undefined })}\n`);
	return { run, stored, lost: COUNT - stored, duplicates };
}

describe('2,000 Adds with defaults under load limits', () => {
	// Auto concurrency starts at DEFAULT_AUTO_START (16) requests in flight, so a limit of 8 is
	// met at the first round trip whatever the machine's speed; 30 ms answers keep that first
	// round in flight together. (A limit above the start was met only when Auto grew past it,
	// which a loaded machine's latencies can prevent.)
	test('a limit of 8 in flight, below where Auto starts: every notification stored once, and the node kept to the limit after the first refusals', async () => {
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
	});

	test('a limit of 1,000 requests per second: every notification stored once', async () => {
		limiter.setLimits({ maxPerSecond: 1000 });
		const { run, stored, lost, duplicates } = await addAll();
		expect(run.status).toBe('success');
		expect(run.json).toHaveLength(COUNT);
		expect({ stored, lost, duplicates }).toEqual({ stored: COUNT, lost: 0, duplicates: 0 });
		expect(limiter.counters.requests).toBe(COUNT + limiter.counters.refused);
	});

	test('without limits the node grows past its start and stores everything with no refusal', async () => {
		emulator.setLatency(40);
		const { run, stored } = await addAll();
		expect(run.status).toBe('success');
		expect(stored).toBe(COUNT);
		expect(limiter.counters.refused).toBe(0);
		expect(limiter.counters.peakInFlight).toBeGreaterThan(16);
		expect(limiter.counters.peakInFlight).toBeLessThanOrEqual(64);
	});

	test("the emulator's own limits (20 in flight, then 1,000 per second): every notification stored once, no Add stored twice", async () => {
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
			expect(stats.limitedBy.inFlight + stats.limitedBy.perSecond).toBe(stats.rateLimitedResponses);
		}
	});
});
