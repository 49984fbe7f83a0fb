/**
 * The Velt Activity Trigger (issue 28) through n8n-core's PollContext against the emulator:
 * exactly once across polls, restarts (static data saved and read back as n8n does) and a
 * backlog larger than one poll, the feature and action filters as sent, Fetch Test Event and
 * Simplify. The cursor is the notifications trigger's (nodes/shared/newestFirstPoll.ts); the
 * hostile-Velt modes run against both in test/security/pollingTrigger.test.ts.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { VeltActivityTrigger } from '../../nodes/VeltActivityTrigger/VeltActivityTrigger.node';
import { TEST_API_KEY } from '../helpers/n8nHarness';
import { activatedPollingTrigger } from '../helpers/pollingHarness';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator({ maxPageSize: 3 });

const ORG = 'org-activity';
const DOC = 'doc-activity';

function activatedTrigger(parameters: IDataObject = {}, staticData?: IDataObject) {
	const all = { organizationId: ORG, documentId: DOC, simplify: false, ...parameters };
	return activatedPollingTrigger(emulator.url, all, { trigger: 'activity', staticData });
}

function add(id: string, timestamp: number, extra: IDataObject = {}, documentId = DOC) {
	emulator.store.activity.insertActivity(
		ORG,
		documentId,
		{
			id,
			featureType: 'comment',
			actionType: 'comment.add',
			actionUser: { userId: 'u1', name: 'Ana' },
			displayMessageTemplate: '{{user}} added a comment',
			...extra,
		},
		timestamp,
	);
}

function ids(output: INodeExecutionData[][] | null): string[] {
	return (output?.[0] ?? []).map((item) => String(item.json.id));
}

const activityGets = () =>
	emulator.requests.filter((request) => request.path === '/v2/activities/get');

test('first activation emits nothing old; later polls emit each new activity once, oldest first', async () => {
	add('old-1', 1000);
	add('old-2', 2000);
	const trigger = activatedTrigger();
	expect(await trigger.poll()).toBeNull();
	expect(await trigger.poll()).toBeNull();

	add('new-1', 3000);
	add('new-2', 4000);
	const raw = await trigger.poll();
	expect(ids(raw)).toEqual(['new-1', 'new-2']);
	// Velt echoes the API key in each activity's metadata; the output must not carry it.
	expect(raw?.[0][0].json.metadata).toMatchObject({ organizationId: ORG, documentId: DOC });
	expect(JSON.stringify(raw)).not.toContain(TEST_API_KEY);
	expect(await trigger.poll()).toBeNull();
	add('new-3', 5000);
	expect(ids(await trigger.poll())).toEqual(['new-3']);
	expect(await trigger.poll()).toBeNull();
});

test('more than a page since the last poll: all of it, across pages, exactly once', async () => {
	add('seed', 100);
	const trigger = activatedTrigger();
	await trigger.poll();
	for (let index = 1; index <= 10; index++)
		add(`a-${String(index).padStart(2, '0')}`, 100 + index * 10);
	expect(ids(await trigger.poll())).toEqual(
		Array.from({ length: 10 }, (_, index) => `a-${String(index + 1).padStart(2, '0')}`),
	);
	expect(await trigger.poll()).toBeNull();
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
	add('late', 100);
	expect(ids(await trigger.poll())).toEqual(['late']);
	expect(await trigger.poll()).toBeNull();
});

test('a restart (static data saved as JSON, read back by a new activation) neither repeats nor loses activities, mid-backlog too', async () => {
	add('floor', 1);
	let trigger = activatedTrigger({ options: { maxPagesPerPoll: 1 } });
	await trigger.poll();
	for (let index = 1; index <= 9; index++) add(`r-${index}`, 10 + index);
	const seen: string[] = [];
	for (let pollNumber = 0; pollNumber < 5; pollNumber++) {
		seen.push(...ids(await trigger.poll()));
		// n8n saves the static data after each poll and a restarted instance reads it back.
		trigger = activatedTrigger(
			{ options: { maxPagesPerPoll: 1 } },
			JSON.parse(JSON.stringify(trigger.staticData())) as IDataObject,
		);
		if (pollNumber === 1) add('during-restart', 50);
	}
	expect(seen.slice().sort()).toEqual(
		['during-restart', ...Array.from({ length: 9 }, (_, index) => `r-${index + 1}`)].sort(),
	);
	expect(seen).toHaveLength(10);
	expect(await trigger.poll()).toBeNull();
});

test('feature types, action types (listed and free text), action user and target entity are sent as Velt documents them', async () => {
	add('base', 10);
	const trigger = activatedTrigger({
		featureTypes: ['comment', 'custom'],
		actionTypes: ['comment.add'],
		otherActionTypes: 'invoicePaid, comment.add',
		options: { userId: 'u1', targetEntityId: 'thread-1' },
	});
	await trigger.poll();
	expect(activityGets()[0].body).toEqual({
		data: {
			organizationId: ORG,
			documentId: DOC,
			userId: 'u1',
			targetEntityId: 'thread-1',
			featureTypes: ['comment', 'custom'],
			actionTypes: ['comment.add', 'invoicePaid'],
			order: 'desc',
			pageSize: 200,
		},
	});
});

test('only the watched actions are emitted; a whole organization is watched without a document', async () => {
	add('base', 10);
	const trigger = activatedTrigger({ documentId: '', otherActionTypes: 'invoicePaid' });
	await trigger.poll();
	add('comment', 20);
	add(
		'paid',
		30,
		{ featureType: 'custom', actionType: 'invoicePaid', targetEntityId: 'inv-1' },
		'doc-2',
	);
	expect(ids(await trigger.poll())).toEqual(['paid']);
});

test('Simplify: a one-line summary as the feed shows it, plus the ids', async () => {
	add('base', 10);
	const trigger = activatedTrigger({ simplify: true });
	await trigger.poll();
	add('s1', 20, {
		targetEntityId: 'thread-1',
		displayMessageTemplate: '{{user}} marked {{invoice}} as paid',
		displayMessageTemplateData: { user: { userId: 'u1', name: 'Ana Lima' }, invoice: 'INV-42' },
	});
	const output = await trigger.poll();
	expect(output?.[0][0].json).toEqual({
		id: 's1',
		summary: 'Ana Lima marked INV-42 as paid',
		featureType: 'comment',
		actionType: 'comment.add',
		actionUserId: 'u1',
		organizationId: ORG,
		documentId: DOC,
		targetEntityId: 'thread-1',
		targetSubEntityId: null,
		timestamp: 20,
		createdAt: new Date(20).toISOString(),
	});
});

test('Fetch Test Event shows the latest activity whatever the cursor, and leaves the cursor alone', async () => {
	add('one', 10);
	add('two', 20);
	const trigger = activatedTrigger();
	expect(ids(await trigger.poll('manual'))).toEqual(['two']);
	expect(trigger.staticData()).toEqual({});
	expect(await trigger.poll()).toBeNull();
	expect(ids(await trigger.poll('manual'))).toEqual(['two']);
});

test("a failing poll surfaces Velt's error and does not move the cursor", async () => {
	add('first', 10);
	const trigger = activatedTrigger();
	await trigger.poll();
	add('second', 20);
	const before = JSON.stringify(trigger.staticData());
	emulator.failNext('internal', 4, '/v2/activities/get');
	const error = await trigger.poll().then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toMatch(/^Velt: .*\[INTERNAL\] \(HTTP 500\)$/);
	expect(JSON.stringify(trigger.staticData())).toBe(before);
	expect(ids(await trigger.poll())).toEqual(['second']);
});

test('a feature type Velt does not document is refused before anything is sent', async () => {
	const trigger = activatedTrigger({ featureTypes: ['huddle'] });
	const error = await trigger.poll().then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(String((error as Error).message)).toMatch(/Feature Types: "huddle" is not one of/);
	expect(activityGets()).toHaveLength(0);
});

test('the panel: organization, document and target entity are pickers; the subtitle names the organization', () => {
	const trigger = new VeltActivityTrigger();
	const properties = trigger.description.properties;
	const options = (properties.find((property) => property.name === 'options')?.options ??
		[]) as INodeProperties[];
	const pickers = new Map(
		[...properties, ...options]
			.filter((property) => property.type === 'resourceLocator')
			.map((property) => [property.name, property.modes?.[0]?.typeOptions?.searchListMethod]),
	);
	expect(Object.fromEntries(pickers)).toEqual({
		organizationId: 'searchOrganizations',
		documentId: 'searchDocuments',
		userId: 'searchUsers',
		targetEntityId: 'searchCommentThreads',
	});
	for (const method of pickers.values())
		expect(typeof trigger.methods.listSearch[method as string]).toBe('function');
	expect(trigger.description.subtitle).toBe(
		'={{"New activities in " + $parameter["organizationId"]}}',
	);
});

test('a target entity picked from the list is sent as its ID', async () => {
	add('base', 10);
	const trigger = activatedTrigger({
		options: { targetEntityId: { __rl: true, mode: 'list', value: 'thread-9' } },
	});
	await trigger.poll();
	expect((activityGets()[0].body as { data: IDataObject }).data.targetEntityId).toBe('thread-9');
});
