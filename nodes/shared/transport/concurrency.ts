/**
 * Runs `work(0..count-1)` with at most `limit` calls in flight, starting them in
 * index order. Once `shouldStop()` is true no further call is started.
 */
export async function runWithConcurrency(count: number, limit: number, work: (index: number) => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count && !shouldStop()) {
			const index = next++;
			await work(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), count) }, worker));
}
