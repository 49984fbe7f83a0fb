/**
 * Bounds for long or event-driven tests: a test fails with a message naming what it waited
 * for and how the bound was reckoned, never with a bare jest timeout.
 */

/** How long a run may take and why: computed from its requests, retries and deadlines. */
export interface RunBound {
	ms: number;
	/** How `ms` was reckoned, e.g. "2,000 requests / 10 in flight x 2,000 ms deadline". */
	because: string;
}

/** Jest's own timeout for a test guarded by `bound`: room past the bound for the report. */
export function jestTimeoutFor(bound: RunBound): number {
	return bound.ms + 30_000;
}

/**
 * Resolves with `run`, or rejects once `bound.ms` has passed with an error naming the bound
 * and what `waitingOn()` says is still in flight at that moment.
 */
export async function withinBound<T>(
	what: string,
	run: Promise<T>,
	bound: RunBound,
	waitingOn: () => string,
): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			reject(
				new Error(
					`${what} did not finish within ${bound.ms} ms (${bound.because}); still waiting on: ${waitingOn()}`,
				),
			);
		}, bound.ms);
	});
	try {
		return await Promise.race([run, expired]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Waits until `condition()` holds, checking after each of at most `polls` short pauses; fails
 * naming `what` it waited for. Events, not a time window: the pauses only give I/O a turn.
 */
export async function waitFor(
	what: string,
	condition: () => boolean,
	{ polls = 1000, everyMs = 5 }: { polls?: number; everyMs?: number } = {},
): Promise<void> {
	for (let poll = 0; poll < polls; poll++) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	if (!condition()) throw new Error(`waited for ${what}: still not so after ${polls} checks`);
}

/** The longest a run may go without progress: its longest single legitimate wait, with slack. */
export interface StallBound {
	ms: number;
	/** How `ms` was reckoned, e.g. "deadline 2,000 ms + Retry-After 1,000 ms, x3, + 15 s". */
	because: string;
}

/**
 * Resolves with `run`, or rejects naming what the run was waiting on: when `progress()` (a
 * count that grows while the run moves, such as requests received) stays still longer than
 * `stall.ms`, or when the whole run passes `bound.ms`.
 */
export async function watchedRun<T>(
	what: string,
	run: Promise<T>,
	{
		bound,
		stall,
		progress,
		waitingOn,
	}: { bound: RunBound; stall: StallBound; progress: () => number; waitingOn: () => string },
): Promise<T> {
	const started = Date.now();
	let seen = progress();
	let movedAt = started;
	let timer: NodeJS.Timeout | undefined;
	const watchdog = new Promise<never>((_, reject) => {
		timer = setInterval(
			() => {
				const now = Date.now();
				const current = progress();
				if (current !== seen) [seen, movedAt] = [current, now];
				if (now - movedAt > stall.ms)
					reject(
						new Error(
							`${what} made no progress for ${now - movedAt} ms (stall bound ${stall.ms} ms: ${stall.because}); waiting on: ${waitingOn()}`,
						),
					);
				else if (now - started > bound.ms)
					reject(
						new Error(
							`${what} did not finish within ${bound.ms} ms (${bound.because}); waiting on: ${waitingOn()}`,
						),
					);
			},
			Math.min(1000, stall.ms / 4),
		);
	});
	try {
		return await Promise.race([run, watchdog]);
	} finally {
		clearInterval(timer);
	}
}
