import { sleep } from 'n8n-workflow';

/**
 * How many requests to Velt may be in flight at once, learned while they run, and a
 * pause every request honours when Velt answers with Retry-After.
 *
 * The limit follows congestion control: it starts at half the default ceiling and
 * doubles per round trip while requests succeed (slow start), then, once Velt has
 * pushed back, grows by one per round trip. It grows only while latency stays near the
 * fastest seen (a Vegas-style check: longer answers mean requests are queueing, so more
 * of them buys nothing). Slow start tolerates more of that rise: the latency a node
 * measures includes n8n's own event loop, which a busy run slows long before Velt
 * queues anything, and a clean run should reach the ceiling in a round trip or two
 * rather than spend itself growing (issue 25). An overload
 * answer (429, RESOURCE_EXHAUSTED, 503, a timeout) cuts it once per round trip to
 * 70% and remembers how many were in flight then, so it settles just below that
 * instead of running into the wall again. Never below 1 nor above the ceiling.
 */

/** What one finished request says about the load on Velt. */
export type LoadSignal = 'success' | 'overload' | 'neutral';

export interface Clock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

export interface ConcurrencySettings {
	/** 'auto' adapts between 1 and `ceiling`; 'fixed' keeps `limit`. */
	mode: 'auto' | 'fixed';
	/** The fixed limit, or where 'auto' starts (capped by the ceiling). */
	limit: number;
	ceiling: number;
}

/** Half the default ceiling: one round trip of slow start reaches it (issue 25). */
export const DEFAULT_AUTO_START = 64;
/**
 * Velt documents no limit on requests in flight, and Auto backs off at the first 429, 503 or
 * timeout. n8n's request helper alone was fastest at 128 of 16, 32, 64 and 128 in the bench's
 * Adds (docs/performance.md), so a lower ceiling would leave a node slower than that bound.
 */
export const DEFAULT_CONCURRENCY_CEILING = 128;

/** Latency this many times the fastest seen means requests are queueing: stop growing. */
const LATENCY_TOLERANCE = 2;
/**
 * The same in slow start (no overload yet). A busy n8n process doubles the measured latency
 * of its own requests on its way to the ceiling (the bench saw 2.6x at 25 ms), with Velt
 * answering as fast as ever; a Velt that queues does more than that as the limit doubles.
 */
const SLOW_START_LATENCY_TOLERANCE = 4;
/** How fast the latency baseline follows the average upward, per answer. */
const BASELINE_DRIFT = 0.002;
/** Share of the limit kept after an overload (as TCP CUBIC's beta). */
const DECREASE_FACTOR = 0.7;
/** Weight of the newest latency sample in the running average. */
const LATENCY_SMOOTHING = 0.2;
/** Past the learned overload point the limit creeps up by one per this many round trips. */
const PROBE_ROUND_TRIPS = 32;
/** Round trips without an overload after which the learned overload point is forgotten. */
const LEARNED_LIMIT_MEMORY_ROUND_TRIPS = 64;

/** Handed out by `acquire`, given back to `release`. */
export interface RequestTicket {
	readonly sequence: number;
	readonly startedAt: number;
	/** Requests in flight when this one started, itself included. */
	readonly inFlightAtStart: number;
}

export class ConcurrencyController {
	private currentLimit: number;
	private readonly floor = 1;
	private readonly ceiling: number;
	private readonly adaptive: boolean;
	private active = 0;
	private sequence = 0;
	/** Requests started before this sequence number were sent before the last cut. */
	private cutSequence = 0;
	private slowStartThreshold = Number.POSITIVE_INFINITY;
	/** One less than the fewest in flight at which Velt has said it is overloaded. */
	private learnedLimit = Number.POSITIVE_INFINITY;
	private learnedFloor = 1;
	private successesSinceOverload = 0;
	private fastestLatency = Number.POSITIVE_INFINITY;
	private averageLatency = 0;
	private pauseEnd = 0;
	private wakeScheduled = false;
	private readonly waiting: Array<(ticket: RequestTicket) => void> = [];
	private counts = { requests: 0, overloads: 0, cuts: 0, pauses: 0 };

	constructor(
		settings: ConcurrencySettings,
		private readonly clock: Clock = systemClock,
	) {
		this.ceiling = Math.max(this.floor, Math.floor(settings.ceiling));
		this.adaptive = settings.mode === 'auto';
		const start = Math.max(this.floor, Math.floor(settings.limit));
		this.currentLimit = this.adaptive ? Math.min(start, this.ceiling) : start;
	}

	/** The whole number of requests that may be in flight now. */
	get limit(): number {
		return Math.floor(this.currentLimit);
	}

	get inFlight(): number {
		return this.active;
	}

	/** Requests waiting for a slot or for the pause to end. */
	get queued(): number {
		return this.waiting.length;
	}

	/** When the shared pause ends (clock time); in the past when there is none. */
	get pausedUntil(): number {
		return this.pauseEnd;
	}

	get statistics(): {
		requests: number;
		overloads: number;
		cuts: number;
		pauses: number;
		limit: number;
	} {
		return { ...this.counts, limit: this.limit };
	}

	/** Waits until a request may start: a free slot and no shared pause. */
	async acquire(): Promise<RequestTicket> {
		if (this.waiting.length === 0 && this.canStart()) return this.start();
		return await new Promise<RequestTicket>((resolve) => {
			this.waiting.push(resolve);
			this.dispatch();
		});
	}

	/** Reports how a request ended and frees its slot. */
	release(ticket: RequestTicket, signal: LoadSignal): void {
		// How many were in flight with it, at its start or its end, whichever was more.
		const load = Math.max(ticket.inFlightAtStart, this.active);
		this.active--;
		if (signal === 'overload') this.onOverload(ticket, load);
		else if (signal === 'success') this.onSuccess(ticket, load);
		this.dispatch();
	}

	/** Velt asked for a pause (Retry-After): no request starts until it ends. */
	pause(ms: number): void {
		if (!(ms > 0)) return;
		const end = this.clock.now() + ms;
		if (end <= this.pauseEnd) return;
		this.pauseEnd = end;
		this.counts.pauses++;
	}

	private canStart(): boolean {
		return this.active < this.limit && this.clock.now() >= this.pauseEnd;
	}

	private start(): RequestTicket {
		this.active++;
		this.counts.requests++;
		return { sequence: this.sequence++, startedAt: this.clock.now(), inFlightAtStart: this.active };
	}

	private dispatch(): void {
		let remaining: number;
		for (;;) {
			while (this.waiting.length > 0 && this.canStart()) {
				const resolve = this.waiting.shift() as (ticket: RequestTicket) => void;
				resolve(this.start());
			}
			// A full set of slots: the next release dispatches again.
			if (this.waiting.length === 0 || this.active >= this.limit) return;
			// Only the pause holds them. It may have ended since canStart read the clock (issue 29:
			// a wake-up firing a millisecond early saw "paused", then "0 ms left", and slept no more).
			remaining = this.pauseEnd - this.clock.now();
			if (remaining > 0) break;
		}
		if (this.wakeScheduled) return;
		this.wakeScheduled = true;
		void this.clock.sleep(remaining).then(() => {
			this.wakeScheduled = false;
			this.dispatch();
		});
	}

	private onOverload(ticket: RequestTicket, load: number): void {
		this.counts.overloads++;
		if (!this.adaptive) return;
		this.successesSinceOverload = 0;
		// The fewest in flight at which Velt refused, less one; never below half the load
		// (a burst refused as a whole says nothing finer than "halve").
		const refusedAt = Math.max(this.floor, ticket.inFlightAtStart - 1);
		// Requests sent before the last cut report the same congestion: one cut per round trip.
		if (ticket.sequence < this.cutSequence) {
			this.learnedLimit = Math.max(this.learnedFloor, Math.min(this.learnedLimit, refusedAt));
		} else {
			this.learnedFloor = Math.max(this.floor, Math.floor(load / 2));
			this.learnedLimit = Math.max(this.learnedFloor, refusedAt);
			this.currentLimit = Math.max(
				this.floor,
				Math.floor(Math.min(this.currentLimit, load) * DECREASE_FACTOR),
			);
			this.cutSequence = this.sequence;
			this.counts.cuts++;
		}
		this.currentLimit = Math.min(this.currentLimit, this.learnedLimit);
		this.slowStartThreshold = this.currentLimit;
	}

	private onSuccess(ticket: RequestTicket, load: number): void {
		const latency = Math.max(0, this.clock.now() - ticket.startedAt);
		this.averageLatency =
			this.averageLatency === 0
				? latency
				: this.averageLatency + LATENCY_SMOOTHING * (latency - this.averageLatency);
		// The baseline drifts toward the average, so one unusually fast answer does not stop growth for good.
		this.fastestLatency = Math.min(
			latency,
			this.fastestLatency + BASELINE_DRIFT * Math.max(0, this.averageLatency - this.fastestLatency),
		);
		if (!this.adaptive) return;
		// What was learned from an overload is forgotten after many quiet round trips.
		if (++this.successesSinceOverload > LEARNED_LIMIT_MEMORY_ROUND_TRIPS * this.currentLimit)
			this.learnedLimit = Number.POSITIVE_INFINITY;
		// A limit that is not being used proves nothing about a higher one.
		if (load * 2 < this.limit) return;
		const slowStart = this.currentLimit < this.slowStartThreshold;
		const tolerance = slowStart ? SLOW_START_LATENCY_TOLERANCE : LATENCY_TOLERANCE;
		if (this.averageLatency > Math.max(this.fastestLatency, 1) * tolerance) return;
		let step: number;
		if (this.currentLimit + 1 > this.learnedLimit)
			step = 1 / (this.currentLimit * PROBE_ROUND_TRIPS);
		else if (slowStart) step = 1;
		else step = 1 / this.currentLimit;
		this.currentLimit = Math.min(this.ceiling, this.currentLimit + step);
	}
}
