import { ConcurrencyController } from './concurrencyController';

/**
 * Runs `work(0..count-1)`, starting them in index order while fewer are running than
 * the limit allows: a fixed number, or a controller's current limit (which may grow
 * or shrink as they run). Once `shouldStop()` is true no further call is started.
 */
export async function runWithConcurrency(
	count: number,
	limit: number | ConcurrencyController,
	work: (index: number) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	const controller =
		typeof limit === 'number'
			? new ConcurrencyController({ mode: 'fixed', limit, ceiling: limit })
			: limit;
	if (count <= 0) return;
	await new Promise<void>((resolve, reject) => {
		let next = 0;
		let running = 0;
		let failed = false;
		const pump = (): void => {
			while (!failed && next < count && running < controller.limit && !shouldStop()) {
				const index = next++;
				running++;
				work(index).then(
					() => {
						running--;
						pump();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
			if (!failed && running === 0 && (next >= count || shouldStop())) resolve();
		};
		pump();
	});
}
