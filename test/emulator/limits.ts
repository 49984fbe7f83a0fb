/**
 * Load limits for benchmarks and back-off tests: a cap on requests in flight and, separately,
 * on requests per second. Beyond either, the server answers 429 RESOURCE_EXHAUSTED with a
 * Retry-After header (the docs document neither the limits nor the header: choices.ts).
 */
import { DEFAULT_RETRY_AFTER_SECONDS } from './choices';

export interface LoadLimits {
	/** Requests being handled at once (latency included); undefined = no limit. */
	maxInFlight?: number;
	/** Requests admitted per one-second window; undefined = no limit. */
	maxRequestsPerSecond?: number;
	/** Retry-After (seconds) on in-flight 429s; default choices.DEFAULT_RETRY_AFTER_SECONDS. */
	retryAfterSeconds?: number;
}

export type LimitRefusal = { limit: 'inFlight' | 'perSecond'; retryAfterSeconds: number };

/**
 * The time the per-second window and the latency run on: the real one by default; a fake one
 * lets a test count what is admitted in a window instead of racing the machine's speed.
 */
export interface LoadClock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

export const realLoadClock: LoadClock = {
	now: () => Date.now(),
	sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
};

export class LoadLimiter {
	private limits: LoadLimits = {};
	private inFlight = 0;
	private windowStart = 0;
	private windowCount = 0;

	constructor(
		limits: LoadLimits = {},
		private readonly now: () => number = Date.now,
	) {
		this.configure(limits);
	}

	configure(limits: LoadLimits): void {
		for (const [name, value] of Object.entries(limits)) {
			if (
				value !== undefined &&
				(typeof value !== 'number' || !Number.isInteger(value) || value < 1)
			) {
				throw new Error(`${name} must be a positive integer`);
			}
		}
		this.limits = { ...limits };
	}

	get current(): LoadLimits {
		return { ...this.limits };
	}

	get requestsInFlight(): number {
		return this.inFlight;
	}

	/** Admits a request (the caller must call release() when it is answered) or says why not. */
	admit(): LimitRefusal | undefined {
		const { maxInFlight, maxRequestsPerSecond } = this.limits;
		if (maxInFlight !== undefined && this.inFlight >= maxInFlight) {
			return {
				limit: 'inFlight',
				retryAfterSeconds: this.limits.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
			};
		}
		if (maxRequestsPerSecond !== undefined) {
			const now = this.now();
			if (now - this.windowStart >= 1000) {
				this.windowStart = now;
				this.windowCount = 0;
			}
			if (this.windowCount >= maxRequestsPerSecond) {
				const untilWindowEnd = Math.ceil((this.windowStart + 1000 - now) / 1000);
				return {
					limit: 'perSecond',
					retryAfterSeconds: Math.max(1, this.limits.retryAfterSeconds ?? untilWindowEnd),
				};
			}
			this.windowCount++;
		}
		this.inFlight++;
		return undefined;
	}

	release(): void {
		if (this.inFlight > 0) this.inFlight--;
	}
}
