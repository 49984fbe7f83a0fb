/**
 * The polling triggers against a misbehaving Velt (issue 16): findings 5 (paging without
 * bounds), 11 (ids that are Object.prototype names) and 12 (timestamps no Date can hold).
 * Each poll goes through n8n-core's PollContext (test/helpers/pollingHarness.ts). Both
 * triggers share the cursor (nodes/shared/newestFirstPoll.ts), so every case runs for the
 * notifications trigger and for the activity trigger (issue 28).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import { activatedPollingTrigger, type PollingTriggerKind } from '../helpers/pollingHarness';
import { headlineNotification } from '../node/support';

const ORG = 'org-poll';
const DOC = 'doc-poll';

function ids(output: INodeExecutionData[][] | null): string[] {
	return (output?.[0] ?? []).map((item) => String(item.json.id));
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	return await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
}

/** A /v2/notifications/get answer in Velt's shape. */
function page(notifications: IDataObject[], pageToken?: string): IDataObject {
	return {
		result: {
			status: 'success',
			message: 'Notifications retrieved successfully.',
			data: notifications,
			...(pageToken === undefined ? {} : { pageToken }),
		},
	};
}

function note(id: string, timestamp: number | string): IDataObject {
	return { id, timestamp, displayHeadlineMessageTemplate: `Notification ${id}` };
}

/**
 * A loopback Velt whose every answer `answer(n, data)` decides (n counts requests from 0),
 * each after `delayMs`. Answers past `giveUpAfter` requests are a last, empty page, so code
 * that would page forever ends (and the test fails on its assertions, not a hang).
 */
interface ScriptedVelt {
	url: string;
	requests: IDataObject[];
	answer: (n: number, data: IDataObject) => IDataObject;
	delayMs: number;
	close(): Promise<void>;
}

const GIVE_UP_AFTER = 300;

const scripted = {} as ScriptedVelt;
let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator({ maxPageSize: 3 });
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as IDataObject;
			const data = (body.data ?? {}) as IDataObject;
			const n = scripted.requests.length;
			scripted.requests.push(data);
			const answer = n >= GIVE_UP_AFTER ? page([]) : scripted.answer(n, data);
			setTimeout(() => {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(JSON.stringify(answer));
			}, scripted.delayMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	scripted.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	scripted.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
});
afterAll(async () => {
	await scripted.close();
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	scripted.requests = [];
	scripted.delayMs = 0;
	scripted.answer = () => page([]);
});

/** What differs per trigger: which node, and how the emulator gets an entry at a time. */
const TRIGGERS: Array<[PollingTriggerKind, (id: string, timestamp: number) => void]> = [
	[
		'notifications',
		(id, timestamp) =>
			emulator.store.insertNotification(headlineNotification(ORG, DOC, id, `Notification ${id}`), {
				timestamp,
			}),
	],
	[
		'activity',
		(id, timestamp) =>
			emulator.store.activity.insertActivity(
				ORG,
				DOC,
				{
					id,
					featureType: 'comment',
					actionType: 'comment.add',
					actionUser: { userId: 'u1' },
					displayMessageTemplate: `Activity ${id}`,
				},
				timestamp,
			),
	],
];

describe.each(TRIGGERS)('the %s trigger', (trigger, add) => {
	function scriptedTrigger(options: IDataObject = {}, budgetMs?: number) {
		return activatedPollingTrigger(
			scripted.url,
			{ organizationId: ORG, documentId: DOC, simplify: false, options },
			{ budgetMs, trigger },
		);
	}

	function emulatedTrigger(parameters: IDataObject = {}) {
		return activatedPollingTrigger(
			emulator.url,
			{
				organizationId: ORG,
				documentId: DOC,
				simplify: false,
				...parameters,
			},
			{ trigger },
		);
	}

	describe('finding 5: paging is bounded', () => {
		test('finding 5: a Velt repeating a page token fails the first floor search with an error naming it, and sets no floor', async () => {
			scripted.answer = (n) => page([note(`same-${n}`, 1000)], 'T');
			const trigger = scriptedTrigger();
			const error = await failureOf(trigger.poll());
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toMatch(/page token "T" again/);
			expect(scripted.requests).toHaveLength(2);
			expect(trigger.staticData()).toEqual({});
		});

		test('finding 5: a Velt that never stops paging holds the first floor search to Max Pages per Poll, and nothing old is emitted later', async () => {
			// Every page: more notifications at the same newest timestamp, and a new token.
			scripted.answer = (n) => page([note(`old-${n}`, 1000)], `t${n}`);
			const trigger = scriptedTrigger({ maxPagesPerPoll: 5 });
			expect(await trigger.poll()).toBeNull();
			expect(scripted.requests).toHaveLength(5);
			expect(trigger.staticData()).toMatchObject({ floor: { timestamp: 1000, closed: true } });

			// Old notifications the search never reached (old-7 at 1000) stay old; the new one is emitted.
			scripted.requests = [];
			scripted.answer = () => page([note('new', 2000), note('old-7', 1000), note('older', 900)]);
			expect(ids(await trigger.poll())).toEqual(['new']);
			expect(await trigger.poll()).toBeNull();
		});

		test('finding 5: the first floor search stops at the poll budget', async () => {
			scripted.delayMs = 40;
			scripted.answer = (n) => page([note(`old-${n}`, 1000)], `t${n}`);
			const trigger = scriptedTrigger({}, 100);
			expect(await trigger.poll()).toBeNull();
			// 60% of 100 ms at 40 ms a page: two or three pages, never the default 50. The page count
			// is the proof; a wall-clock limit on the poll would only measure the machine's load.
			expect(scripted.requests.length).toBeLessThanOrEqual(3);
			expect(trigger.staticData()).toMatchObject({ floor: { timestamp: 1000 } });
		});

		test('finding 5: a walk whose page token repeats fails the poll with an error naming it and leaves the state', async () => {
			scripted.answer = () => page([note('old', 1000)]);
			const trigger = scriptedTrigger();
			await trigger.poll();
			const before = JSON.stringify(trigger.staticData());
			scripted.requests = [];
			scripted.answer = (n) => page([note(`new-${n}`, 5000 - n)], 'W');
			const error = await failureOf(trigger.poll());
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toMatch(/page token "W" again/);
			expect(scripted.requests).toHaveLength(2);
			expect(JSON.stringify(trigger.staticData())).toBe(before);
		});

		test('finding 5: a page token that leads back to its own page fails the resumed walk instead of resuming there every poll', async () => {
			scripted.answer = () => page([note('old', 1000)]);
			const trigger = scriptedTrigger({ maxPagesPerPoll: 1 });
			await trigger.poll();
			scripted.answer = () => page([note('new', 2000)], 'W');
			expect(ids(await trigger.poll())).toEqual(['new']);
			expect(trigger.staticData()).toMatchObject({ walk: { pageToken: 'W' } });
			const before = JSON.stringify(trigger.staticData());
			const error = await failureOf(trigger.poll());
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toMatch(/page token "W" again/);
			expect(JSON.stringify(trigger.staticData())).toBe(before);
		});

		test('finding 5: a page bigger than the 200 asked is refused, naming what Velt sent, and leaves the state', async () => {
			scripted.answer = () => page([note('old', 1000)]);
			const trigger = scriptedTrigger();
			await trigger.poll();
			const before = JSON.stringify(trigger.staticData());
			scripted.answer = () =>
				page(Array.from({ length: 5000 }, (_, index) => note(`flood-${index}`, 10_000 - index)));
			const error = await failureOf(trigger.poll());
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toMatch(/5000 items on a page of at most 200/);
			expect(JSON.stringify(trigger.staticData())).toBe(before);
		});

		test('finding 5: a huge first page at activation is refused too', async () => {
			scripted.answer = () =>
				page(Array.from({ length: 201 }, (_, index) => note(`old-${index}`, 1000)));
			const trigger = scriptedTrigger();
			const error = await failureOf(trigger.poll());
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toMatch(/201 items on a page of at most 200/);
			expect(trigger.staticData()).toEqual({});
		});

		test('finding 5: across a long backlog the saved walk keeps only the ids at its newest and lowest timestamps; nothing lost or repeated', async () => {
			add('floor', 1);
			const trigger = emulatedTrigger({ options: { maxPagesPerPoll: 2 } });
			await trigger.poll();
			const expected: string[] = [];
			for (let index = 1; index <= 40; index++) {
				const id = `b-${String(index).padStart(2, '0')}`;
				// Pairs share a timestamp, so the kept ids at each end can be more than one.
				add(id, 1 + Math.ceil(index / 2));
				expected.push(id);
			}
			const seen: string[] = [];
			let largestKept = 0;
			for (let pollNumber = 0; pollNumber < 10; pollNumber++) {
				seen.push(...ids(await trigger.poll()));
				const walk = trigger.staticData().walk as { emitted: Record<string, number> } | undefined;
				if (walk !== undefined)
					largestKept = Math.max(largestKept, Object.keys(walk.emitted).length);
			}
			expect(seen.slice().sort()).toEqual(expected);
			expect(seen).toHaveLength(expected.length);
			expect(largestKept).toBeGreaterThan(0);
			expect(largestKept).toBeLessThanOrEqual(4);
			add('late', 100);
			expect(ids(await trigger.poll())).toEqual(['late']);
		});

		test('finding 5: a walk saved by the previous version (every emitted id) resumes without repeats or losses, and is trimmed', async () => {
			add('floor', 1);
			for (let index = 1; index <= 9; index++) add(`n-${index}`, 10 + index);
			const trigger = emulatedTrigger({ options: { maxPagesPerPoll: 1 } });
			trigger.staticData().floor = { timestamp: 1, idsAtTimestamp: ['floor'] };
			const seen = ids(await trigger.poll());
			expect(seen).toEqual(['n-7', 'n-8', 'n-9']);
			// What the previous version saved at this point: every id the walk emitted.
			const walk = trigger.staticData().walk as { pageToken: string; emitted: IDataObject };
			walk.emitted = { 'n-9': 19, 'n-8': 18, 'n-7': 17 };
			seen.push(...ids(await trigger.poll()));
			expect(Object.keys((trigger.staticData().walk as typeof walk).emitted).sort()).toEqual([
				'n-4',
				'n-9',
			]);
			for (let pollNumber = 0; pollNumber < 3; pollNumber++)
				seen.push(...ids(await trigger.poll()));
			expect(seen.sort()).toEqual(['n-1', 'n-2', 'n-3', 'n-4', 'n-5', 'n-6', 'n-7', 'n-8', 'n-9']);
			expect(trigger.staticData()).toEqual({ floor: { timestamp: 19, idsAtTimestamp: ['n-9'] } });
		});
	});

	describe('finding 11: ids that are Object.prototype names', () => {
		test('finding 11: notifications with ids "constructor", "__proto__", "toString" and "hasOwnProperty" are emitted by a poll', async () => {
			add('base', 10);
			const trigger = emulatedTrigger();
			await trigger.poll();
			add('constructor', 20);
			add('__proto__', 30);
			add('toString', 40);
			add('hasOwnProperty', 50);
			expect(ids(await trigger.poll())).toEqual([
				'constructor',
				'__proto__',
				'toString',
				'hasOwnProperty',
			]);
			expect(await trigger.poll()).toBeNull();
		});

		test('finding 11: a walk that emitted "__proto__" and "constructor" resumes from saved JSON without repeating or losing them', async () => {
			add('base', 10);
			const trigger = emulatedTrigger({ options: { maxPagesPerPoll: 1 } });
			await trigger.poll();
			add('a', 20);
			add('b', 30);
			add('constructor', 40);
			add('__proto__', 40);
			add('valueOf', 50);
			const seen: string[] = [];
			for (let pollNumber = 0; pollNumber < 4; pollNumber++) {
				seen.push(...ids(await trigger.poll()));
				// As n8n saves static data: JSON, read back.
				const saved = JSON.parse(JSON.stringify(trigger.staticData())) as IDataObject;
				const staticData = trigger.staticData();
				for (const key of Object.keys(staticData)) delete staticData[key];
				Object.assign(staticData, saved);
			}
			expect(seen.slice().sort()).toEqual(['__proto__', 'a', 'b', 'constructor', 'valueOf']);
			expect(seen).toHaveLength(5);
		});
	});

	describe('finding 12: timestamps no Date can hold', () => {
		test('finding 12: a notification stamped 1e300 fails no poll with Simplify on, and real notifications after it are emitted', async () => {
			add('base', 1000);
			const trigger = emulatedTrigger({ simplify: true });
			await trigger.poll();
			add('bogus', 1e300);
			expect(await trigger.poll()).toBeNull();
			add('real', 3000);
			const output = await trigger.poll();
			expect(ids(output)).toEqual(['real']);
			expect(output?.[0][0].json.createdAt).toBe(new Date(3000).toISOString());
		});

		test('finding 12: a notification stamped 1e300 does not raise the floor above every real notification (Simplify off)', async () => {
			add('base', 1000);
			const trigger = emulatedTrigger();
			await trigger.poll();
			add('bogus', 1e300);
			await trigger.poll();
			expect((trigger.staticData().floor as IDataObject).timestamp).toBe(1000);
			add('real', 3000);
			expect(ids(await trigger.poll())).toEqual(['real']);
			add('later', 4000);
			expect(ids(await trigger.poll())).toEqual(['later']);
		});

		test('finding 12: a floor an older version raised to 1e300 is set again from Velt, so real notifications flow again', async () => {
			add('old', 1000);
			add('bogus', 1e300);
			const trigger = emulatedTrigger();
			Object.assign(trigger.staticData(), {
				floor: { timestamp: 1e300, idsAtTimestamp: ['bogus'] },
			});
			expect(await trigger.poll()).toBeNull();
			expect(trigger.staticData()).toEqual({ floor: { timestamp: 1000, idsAtTimestamp: ['old'] } });
			add('real', 3000);
			expect(ids(await trigger.poll())).toEqual(['real']);
		});

		test('finding 12: a notification stamped 1e300 at activation does not become the floor', async () => {
			add('old', 1000);
			add('bogus', 1e300);
			const trigger = emulatedTrigger();
			expect(await trigger.poll()).toBeNull();
			expect(trigger.staticData()).toEqual({ floor: { timestamp: 1000, idsAtTimestamp: ['old'] } });
			add('real', 3000);
			expect(ids(await trigger.poll())).toEqual(['real']);
		});

		test('finding 12: timestamps that are not numbers (strings "NaN", "Infinity") or out of range neither fail a poll nor move the floor', async () => {
			scripted.answer = () => page([note('old', 1000)]);
			const trigger = scriptedTrigger();
			await trigger.poll();
			scripted.answer = () =>
				page([
					note('nan', 'NaN'),
					note('inf', 'Infinity'),
					note('huge', 1e300),
					note('negative-huge', -1e300),
					note('real', 2000),
					note('old', 1000),
				]);
			expect(ids(await trigger.poll())).toEqual(['real']);
			expect(trigger.staticData()).toEqual({
				floor: { timestamp: 2000, idsAtTimestamp: ['real'] },
			});
		});

		test('finding 12: Fetch Test Event with Simplify shows a 1e300 notification with createdAt null', async () => {
			add('bogus', 1e300);
			const trigger = emulatedTrigger({ simplify: true });
			const output = await trigger.poll('manual');
			expect(output?.[0]).toHaveLength(1);
			expect(output?.[0][0].json).toMatchObject({ id: 'bogus', timestamp: 1e300, createdAt: null });
		});
	});
});
