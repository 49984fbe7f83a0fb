/** nodes/shared/transport/concurrency.ts: runWithConcurrency's limit and stop. */
import { runWithConcurrency } from '../../nodes/shared/transport';

describe('runWithConcurrency', () => {
	test('never exceeds the limit, runs everything, starts in order', async () => {
		let inFlight = 0;
		let peak = 0;
		const started: number[] = [];
		await runWithConcurrency(20, 3, async (index) => {
			started.push(index);
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
		});
		expect(peak).toBe(3);
		expect(started).toEqual(Array.from({ length: 20 }, (_, index) => index));
	});

	test('stops starting work once told to', async () => {
		const started: number[] = [];
		let stop = false;
		await runWithConcurrency(
			10,
			1,
			async (index) => {
				started.push(index);
				if (index === 2) stop = true;
			},
			() => stop,
		);
		expect(started).toEqual([0, 1, 2]);
	});
});
