import type { Clock, RequestTicket } from '../../nodes/shared/transport';
import { ConcurrencyController, runWithConcurrency } from '../../nodes/shared/transport';
import { readConcurrencySettings } from '../../nodes/shared/execution/options';

/** A clock that moves only when told to, so every step of the controller is deterministic. */
class FakeClock implements Clock {
	private time = 0;
	private timers: Array<{ at: number; resolve: () => void }> = [];

	now = (): number => this.time;

	sleep = async (ms: number): Promise<void> => {
		await new Promise<void>((resolve) => this.timers.push({ at: this.time + ms, resolve }));
	};

	async advance(ms: number): Promise<void> {
		this.time += ms;
		const due = this.timers.filter((timer) => timer.at <= this.time);
		this.timers = this.timers.filter((timer) => timer.at > this.time);
		for (const timer of due) timer.resolve();
		await settle();
	}
}

async function settle(): Promise<void> {
	for (let round = 0; round < 10; round++) await Promise.resolve();
}

function auto(clock: FakeClock, start = 4, ceiling = 64): ConcurrencyController {
	return new ConcurrencyController({ mode: 'auto', limit: start, ceiling }, clock);
}

/**
 * Keeps the limit filled as the runner does: `trips` times, lets `latency` pass and ends
 * every request in flight with `signal`, starting a new one after each while the limit
 * allows. Returns the limit after each trip.
 */
async function steadyTrips(
	controller: ConcurrencyController,
	clock: FakeClock,
	trips: number,
	latency: number,
	signal: 'success' | 'overload' = 'success',
): Promise<number[]> {
	let inFlight: RequestTicket[] = [];
	while (controller.inFlight < controller.limit) inFlight.push(await controller.acquire());
	const limits: number[] = [];
	for (let trip = 0; trip < trips; trip++) {
		await clock.advance(latency);
		const next: RequestTicket[] = [];
		for (const ticket of inFlight) {
			controller.release(ticket, signal);
			while (controller.inFlight < controller.limit) next.push(await controller.acquire());
		}
		inFlight = next;
		limits.push(controller.limit);
	}
	for (const ticket of inFlight) controller.release(ticket, 'neutral');
	return limits;
}

/** Starts `count` requests at once, lets `latency` pass, and ends them all with `signal`. */
async function roundTrip(
	controller: ConcurrencyController,
	clock: FakeClock,
	count: number,
	latency: number,
	signal: 'success' | 'overload' = 'success',
): Promise<void> {
	const tickets: RequestTicket[] = [];
	for (let index = 0; index < count; index++) tickets.push(await controller.acquire());
	await clock.advance(latency);
	for (const ticket of tickets) controller.release(ticket, signal);
}

describe('ConcurrencyController (auto)', () => {
	test('grows quickly while full round trips succeed at steady latency: the limit doubles per round trip', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 4);
		expect(await steadyTrips(controller, clock, 3, 25)).toEqual([8, 16, 32]);
	});

	test('never grows past the ceiling', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 4, 10);
		expect(await steadyTrips(controller, clock, 6, 25)).toEqual([8, 10, 10, 10, 10, 10]);
	});

	test('does not grow when the limit is not being used', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 16);
		for (let trip = 0; trip < 20; trip++) await roundTrip(controller, clock, 1, 25);
		expect(controller.limit).toBe(16);
	});

	test('does not grow while latency has risen well above the fastest seen', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 8);
		expect(await steadyTrips(controller, clock, 1, 20)).toEqual([16]);
		// 20x: even the first slow answer lifts the running average past slow start's 4x.
		expect(await steadyTrips(controller, clock, 5, 400)).toEqual([16, 16, 16, 16, 16]);
	});

	// Issue 25: the latency a node measures includes n8n's own event loop, which a busy run slows
	// before Velt queues anything; slow start must not stall on that on its way to the ceiling.
	test('slow start keeps doubling while latency stays within 4x the fastest seen, and stops beyond it', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 4);
		expect(await steadyTrips(controller, clock, 1, 20)).toEqual([8]);
		expect(await steadyTrips(controller, clock, 2, 75)).toEqual([16, 32]);
		expect(await steadyTrips(controller, clock, 2, 200)).toEqual([32, 32]);
	});

	test('from the default start, a clean run whose latency grows with the number in flight (a busy n8n, not Velt) is at the default ceiling after one round trip and stays there', async () => {
		const clock = new FakeClock();
		const controller = new ConcurrencyController(readConcurrencySettings({}), clock);
		expect(controller.limit).toBe(64);
		const limits: number[] = [];
		// 25 ms at Velt plus 2 ms of n8n's time per request in flight: 153 ms at 64, 281 ms at 128
		// (1.8x the fastest, within slow start's 4x).
		for (let trip = 0; trip < 10; trip++)
			limits.push(...(await steadyTrips(controller, clock, 1, 25 + 2 * controller.limit)));
		expect(limits).toEqual(Array(10).fill(128));
	});

	test('from the default start under a cap of 20 in flight: two round trips of refusals, then it keeps to the cap', async () => {
		const clock = new FakeClock();
		const controller = new ConcurrencyController(readConcurrencySettings({}), clock);
		const refusedPerTrip: number[] = [];
		const limits: number[] = [];
		for (let trip = 0; trip < 30; trip++) {
			const tickets: RequestTicket[] = [];
			while (controller.inFlight < controller.limit) tickets.push(await controller.acquire());
			await clock.advance(25);
			const refused = tickets.filter((ticket) => ticket.inFlightAtStart > 20);
			for (const ticket of tickets)
				controller.release(ticket, refused.includes(ticket) ? 'overload' : 'success');
			refusedPerTrip.push(refused.length);
			limits.push(controller.limit);
		}
		// The start beyond the cap (64 - 20), then 2 more at the first cut's limit of 22, then none.
		expect(refusedPerTrip.slice(0, 2)).toEqual([44, 2]);
		expect(refusedPerTrip.slice(2)).toEqual(Array(28).fill(0));
		expect(controller.statistics.cuts).toBe(2);
		expect(Math.max(...limits.slice(1))).toBeLessThanOrEqual(20);
		// It does not settle far below the cap either: back to 19 within the 30 round trips.
		expect(limits[limits.length - 1]).toBeGreaterThanOrEqual(19);
	});

	test('past slow start (after an overload) growth needs latency within 2x the fastest seen', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 8);
		// One lone request sets the fastest latency (20 ms); too few in flight to grow the limit.
		await roundTrip(controller, clock, 1, 20);
		expect(controller.limit).toBe(8);
		const tickets: RequestTicket[] = [];
		for (let index = 0; index < 8; index++) tickets.push(await controller.acquire());
		await clock.advance(20);
		// Only the eighth was refused: a cut to 70% of 8, and Velt was fine with 7.
		controller.release(tickets[7], 'overload');
		expect(controller.limit).toBe(5);
		for (const ticket of tickets.slice(0, 7)) controller.release(ticket, 'neutral');
		// At three times the fastest latency slow start would still grow; this holds.
		expect(new Set(await steadyTrips(controller, clock, 10, 60))).toEqual(new Set([5]));
		// Back near the fastest (once the running average has come down) it grows by one per
		// round trip, to just below the 7 Velt accepted.
		expect(await steadyTrips(controller, clock, 4, 20)).toEqual([5, 6, 6, 6]);
	});

	test('cuts on an overload, once per round trip, and settles below the point where it was overloaded', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 20);
		const tickets: RequestTicket[] = [];
		for (let index = 0; index < 20; index++) tickets.push(await controller.acquire());
		await clock.advance(5);
		// Every request from 11 on was refused: one cut for all of them, to 70% of what was in flight
		// (20 when the first refusal came back), and no more than the 10 that were fine.
		for (const ticket of tickets.slice(10)) controller.release(ticket, 'overload');
		expect(controller.limit).toBe(10);
		for (const ticket of tickets.slice(0, 10)) controller.release(ticket, 'success');
		expect(controller.statistics.cuts).toBe(1);
		// Holds at the learned point for many round trips (it only creeps past it, slowly).
		expect(new Set(await steadyTrips(controller, clock, 20, 25))).toEqual(new Set([10]));
		// A later overload refusing all 10 says only "too many": the limit halves, and holds there.
		await roundTrip(controller, clock, 10, 25, 'overload');
		expect(controller.limit).toBe(5);
		expect(controller.statistics.cuts).toBe(2);
		expect(new Set(await steadyTrips(controller, clock, 20, 25))).toEqual(new Set([5]));
		// Many quiet round trips later the overload point is forgotten and the limit grows again.
		const later = await steadyTrips(controller, clock, 150, 25);
		expect(later[later.length - 1]).toBeGreaterThan(6);
	});

	test('never goes below 1', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 4);
		for (let trip = 0; trip < 10; trip++)
			await roundTrip(controller, clock, controller.limit, 25, 'overload');
		expect(controller.limit).toBe(1);
		const ticket = await controller.acquire();
		expect(ticket.inFlightAtStart).toBe(1);
		controller.release(ticket, 'success');
	});

	test('keeps no more requests in flight than the limit; the rest wait in order', async () => {
		const clock = new FakeClock();
		const controller = new ConcurrencyController({ mode: 'fixed', limit: 2, ceiling: 2 }, clock);
		const started: number[] = [];
		const tickets: RequestTicket[] = [];
		const waits = [0, 1, 2, 3].map((index) =>
			controller.acquire().then((ticket) => {
				started.push(index);
				tickets.push(ticket);
			}),
		);
		await settle();
		expect(started).toEqual([0, 1]);
		expect(controller.inFlight).toBe(2);
		controller.release(tickets[0], 'success');
		await settle();
		expect(started).toEqual([0, 1, 2]);
		controller.release(tickets[1], 'overload');
		await settle();
		expect(started).toEqual([0, 1, 2, 3]);
		// Fixed means fixed: neither the success nor the overload moved it.
		expect(controller.limit).toBe(2);
		controller.release(tickets[2], 'success');
		controller.release(tickets[3], 'success');
		await Promise.all(waits);
	});
});

describe('shared Retry-After pause', () => {
	test('no request starts until the pause ends, then the waiting ones start in order', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 8);
		const first = await controller.acquire();
		controller.pause(1000);
		controller.release(first, 'neutral');
		const started: number[] = [];
		for (let index = 0; index < 3; index++)
			void controller.acquire().then(() => started.push(index));
		await clock.advance(999);
		expect(started).toEqual([]);
		await clock.advance(1);
		expect(started).toEqual([0, 1, 2]);
	});

	test('a longer pause extends it, a shorter one does not shorten it', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 8);
		controller.pause(1000);
		controller.pause(300);
		expect(controller.pausedUntil).toBe(1000);
		const started: string[] = [];
		void controller.acquire().then(() => started.push('a'));
		await clock.advance(500);
		controller.pause(1000);
		await clock.advance(600);
		expect(started).toEqual([]);
		await clock.advance(400);
		expect(started).toEqual(['a']);
	});

	test('runWithConcurrency under a controller: a pause holds every worker, and the limit bounds what runs', async () => {
		const clock = new FakeClock();
		const controller = auto(clock, 3, 3);
		const log: string[] = [];
		let inFlight = 0;
		let peak = 0;
		const done = runWithConcurrency(6, controller, async (index) => {
			const ticket = await controller.acquire();
			inFlight++;
			peak = Math.max(peak, inFlight);
			log.push(`start ${index}@${clock.now()}`);
			await clock.sleep(10);
			inFlight--;
			if (index === 0) controller.pause(500);
			controller.release(ticket, 'success');
		});
		await settle();
		await clock.advance(10);
		await clock.advance(500);
		await clock.advance(10);
		await done;
		expect(peak).toBe(3);
		expect(log).toEqual([
			'start 0@0',
			'start 1@0',
			'start 2@0',
			'start 3@510',
			'start 4@510',
			'start 5@510',
		]);
	});

	// Issue 29: dispatch read the clock twice, once to see whether the pause was over and once
	// for how long to sleep until it is. When the pause's end fell between the two reads, the
	// first said "still paused" and the second "nothing left to wait": no wake-up was scheduled
	// and, with nothing in flight, the queued requests waited forever. The pause's own wake-up
	// does exactly that when its timer fires while Date.now() is a millisecond short of the end.
	test('the wake-up sees the pause end between two reads of the clock: the queued request still starts', async () => {
		const clock = new FakeClock();
		const controller = new ConcurrencyController({ mode: 'fixed', limit: 1, ceiling: 1 }, clock);
		controller.pause(1000);
		let started = false;
		void controller.acquire().then(() => (started = true));
		const time = clock.now;
		const reads = [999, 1000];
		clock.now = () => reads.shift() ?? time();
		await clock.advance(1000);
		expect(reads).toEqual([]);
		await clock.advance(5000);
		expect(started).toBe(true);
	});

	// Issue 29: a stalled run showed no request in flight and no pause. Whatever mix of answers,
	// pauses and backoffs, no waiting request may be stranded while a slot is free.
	test.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'seed %i: 200 requests with random overloads, pauses and backoffs all finish',
		async (seed) => {
			let state = seed;
			const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
			const clock = new FakeClock();
			const controller = auto(clock, 1 + (seed % 10), 16);
			let finished = false;
			const done = runWithConcurrency(200, controller, async () => {
				for (let attempt = 0; attempt < 6; attempt++) {
					const ticket = await controller.acquire();
					await clock.sleep(1 + Math.floor(random() * 20));
					const draw = random();
					if (draw < 0.05) controller.pause(100 + Math.floor(random() * 900));
					controller.release(ticket, draw < 0.15 ? 'overload' : draw < 0.2 ? 'neutral' : 'success');
					if (draw >= 0.2) return;
					await clock.sleep(Math.floor(random() * 256));
				}
			}).then(() => (finished = true));
			for (let step = 0; step < 100_000 && !finished; step++) {
				if (
					controller.inFlight === 0 &&
					controller.queued > 0 &&
					clock.now() >= controller.pausedUntil
				)
					throw new Error(`stranded: ${controller.queued} queued, none in flight, no pause`);
				await clock.advance(1);
			}
			await done;
			expect(controller.statistics.requests).toBeGreaterThanOrEqual(200);
		},
	);
});
