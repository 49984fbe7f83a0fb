/**
 * A clock that moves only when told to: for the node's concurrency controller (Clock) and the
 * emulator's limits and latency (LoadClock), so tests count events instead of racing time.
 */
export class FakeClock {
	private time: number;
	private sleepers: Array<{ at: number; resolve: () => void }> = [];

	constructor(start = 1_000_000) {
		this.time = start;
	}

	now = (): number => this.time;

	sleep = async (ms: number): Promise<void> => {
		await new Promise<void>((resolve) => this.sleepers.push({ at: this.time + ms, resolve }));
	};

	/** Sleeps not yet due. */
	get pendingSleeps(): number {
		return this.sleepers.length;
	}

	/** Moves time on and wakes every sleep now due, in the order they end. */
	async advance(ms: number): Promise<void> {
		this.time += ms;
		const due = this.sleepers.filter((sleeper) => sleeper.at <= this.time);
		this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.time);
		due.sort((a, b) => a.at - b.at);
		for (const sleeper of due) sleeper.resolve();
		for (let round = 0; round < 10; round++) await Promise.resolve();
	}
}
