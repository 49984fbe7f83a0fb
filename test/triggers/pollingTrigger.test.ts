import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { VeltNotificationsTrigger } from '../../nodes/VeltNotificationsTrigger/VeltNotificationsTrigger.node';
import { buildAdditionalData, TEST_API_KEY } from '../helpers/n8nHarness';
import { activatedPollingTrigger } from '../helpers/pollingHarness';
import { headlineNotification } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator({ maxPageSize: 3 });

const ORG = 'org-poll';
const DOC = 'doc-poll';

/** One activated trigger: the same workflow (and so the same static data) across polls. */
function activatedTrigger(parameters: IDataObject = {}, budgetMs?: number) {
	const all = { organizationId: ORG, documentId: DOC, simplify: false, ...parameters };
	return activatedPollingTrigger(emulator.url, all, { budgetMs });
}

function add(id: string, timestamp: number, extra: IDataObject = {}) {
	emulator.store.insertNotification(
		{ ...headlineNotification(ORG, DOC, id, `Notification ${id}`), ...extra },
		{ timestamp },
	);
}

function ids(output: INodeExecutionData[][] | null): string[] {
	return (output?.[0] ?? []).map((item) => String(item.json.id));
}

test('first activation emits nothing old; later polls emit each new notification once, oldest first', async () => {
	add('old-1', 1000);
	add('old-2', 2000);
	const trigger = activatedTrigger();
	expect(await trigger.poll()).toBeNull();
	expect(await trigger.poll()).toBeNull();

	add('new-1', 3000);
	add('new-2', 4000);
	const raw = await trigger.poll();
	expect(ids(raw)).toEqual(['new-1', 'new-2']);
	// Velt echoes the API key in each notification's metadata; raw output must not carry it.
	expect(raw?.[0][0].json.metadata).toMatchObject({ organizationId: ORG, documentId: DOC });
	expect(JSON.stringify(raw)).not.toContain(TEST_API_KEY);
	expect(await trigger.poll()).toBeNull();

	add('new-3', 5000);
	expect(ids(await trigger.poll())).toEqual(['new-3']);
	expect(await trigger.poll()).toBeNull();
});

test('more than a page arrived since the last poll: all of it, across pages, exactly once', async () => {
	add('seed', 100);
	const trigger = activatedTrigger();
	await trigger.poll();
	for (let index = 1; index <= 10; index++)
		add(`n-${String(index).padStart(2, '0')}`, 100 + index * 10);
	const requestsBefore = emulator.requests.length;
	expect(ids(await trigger.poll())).toEqual(
		Array.from({ length: 10 }, (_, index) => `n-${String(index + 1).padStart(2, '0')}`),
	);
	// 10 new + the floor at 3 per page: the walk needs 4 pages and stops once it reaches the floor.
	expect(emulator.requests.length - requestsBefore).toBe(4);
	expect(await trigger.poll()).toBeNull();
});

test('notifications sharing a timestamp are neither lost nor repeated', async () => {
	add('a', 5000);
	add('b', 5000);
	const trigger = activatedTrigger();
	await trigger.poll();
	expect(trigger.staticData()).toMatchObject({ floor: { timestamp: 5000 } });
	expect(((trigger.staticData().floor as IDataObject).idsAtTimestamp as string[]).sort()).toEqual([
		'a',
		'b',
	]);

	add('c', 5000);
	add('d', 5000);
	expect(ids(await trigger.poll()).sort()).toEqual(['c', 'd']);
	add('e', 5000);
	add('f', 6000);
	expect(ids(await trigger.poll())).toEqual(['e', 'f']);
	expect(await trigger.poll()).toBeNull();
});

test('notifications deleted between polls are skipped without disturbing the rest', async () => {
	add('base', 10);
	const trigger = activatedTrigger();
	await trigger.poll();
	add('x1', 20);
	add('x2', 30);
	add('x3', 40);
	emulator.store.deleteNotification(ORG, 'x2');
	expect(ids(await trigger.poll())).toEqual(['x1', 'x3']);
	emulator.store.deleteNotification(ORG, 'x3');
	add('x4', 50);
	expect(ids(await trigger.poll())).toEqual(['x4']);
});

test('a backlog larger than one poll may read continues at the next poll, nothing lost or repeated', async () => {
	add('floor', 1);
	const trigger = activatedTrigger({ options: { maxPagesPerPoll: 2 } });
	await trigger.poll();
	for (let index = 1; index <= 14; index++) add(`b-${String(index).padStart(2, '0')}`, 1 + index);
	const seen: string[] = [];
	for (let pollNumber = 0; pollNumber < 6; pollNumber++) seen.push(...ids(await trigger.poll()));
	expect(seen.slice().sort()).toEqual(
		Array.from({ length: 14 }, (_, index) => `b-${String(index + 1).padStart(2, '0')}`),
	);
	expect(new Set(seen).size).toBe(14);
	// Arrivals during an unfinished walk are caught by the next walk.
	add('late', 100);
	expect(ids(await trigger.poll())).toEqual(['late']);
	expect(await trigger.poll()).toBeNull();
});

test("a failing poll surfaces Velt's error and does not move the cursor", async () => {
	add('first', 10);
	const trigger = activatedTrigger({ options: {} });
	await trigger.poll();
	add('second', 20);
	const before = JSON.stringify(trigger.staticData());
	emulator.failNext('internal', 4, '/v2/notifications/get');
	const error = await trigger.poll().then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toMatch(/^Velt: .*\[INTERNAL\] \(HTTP 500\)$/);
	expect(JSON.stringify(trigger.staticData())).toBe(before);
	expect(ids(await trigger.poll())).toEqual(['second']);
});

test('a wrong token fails the poll with a hint, and never shows the secret', async () => {
	const trigger = activatedTrigger();
	add('one', 1);
	const node: INode = trigger.node;
	node.parameters.userId = 'u1';
	const context = buildAdditionalData(
		{ apiKey: TEST_API_KEY, authToken: 'wrong-secret-token', baseUrl: emulator.url },
		{} as IWorkflowBase,
		'exec',
	);
	const pollContext = new PollContext(trigger.workflow, node, context, 'trigger', 'activate');
	const error = (await new VeltNotificationsTrigger().poll
		.call(pollContext)
		.catch((caught: unknown) => caught)) as NodeApiError;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.httpCode).toBe('403');
	expect(error.description).toContain('auth token');
	expect(
		JSON.stringify({ error, message: error.message, description: error.description }),
	).not.toContain('wrong-secret-token');
});

test('manual "fetch test event" returns the latest notification and leaves the cursor alone', async () => {
	add('older', 1);
	add('latest', 2, {
		displayHeadlineMessageTemplate: '{actionUser} pinged you',
		displayHeadlineMessageTemplateData: { actionUser: { userId: 'u9', name: 'Ana' } },
	});
	const trigger = activatedTrigger({ simplify: true });
	const output = await trigger.poll('manual');
	expect(output?.[0]).toHaveLength(1);
	expect(output?.[0][0].json).toMatchObject({
		id: 'latest',
		headline: 'Ana pinged you',
		documentId: DOC,
	});
	expect(trigger.staticData()).toEqual({});
});

test('Document ID and User ID both empty is refused', async () => {
	const trigger = activatedTrigger({ documentId: '', userId: '' });
	await expect(trigger.poll()).rejects.toThrow('Document / User: both are empty (item 0)');
	expect(emulator.requests).toHaveLength(0);
});
