/**
 * Bad input: refused with a NodeOperationError that names the field and the item, before any
 * request is sent (for every item, not only the bad one). Every operation of both nodes from
 * the operation table (test/helpers/operationTable.ts), then the cases of each operation.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { VeltRun } from './support';
import { pairedItems, runVelt, sentData, VALID_ADD } from './support';
import { runRow, seedOperationWorld, TABLE_CASES, TABLE_ORG } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

interface Refusal {
	message: string | RegExp;
	description?: string;
	itemIndex: number;
}

function expectRefused(run: VeltRun, expected: Refusal): void {
	expect(run.status).toBe('error');
	expect(run.thrown).toBeInstanceOf(NodeOperationError);
	const error = run.thrown as NodeOperationError;
	if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
	else expect(error.message).toMatch(expected.message);
	if (expected.description !== undefined) expect(error.description).toBe(expected.description);
	expect(error.context.itemIndex).toBe(expected.itemIndex);
	// What n8n keeps in the run data says the same.
	expect(run.error?.message).toBe(error.message);
	expect(run.error?.name).toBe('NodeOperationError');
	expect(emulator.requests).toEqual([]);
}

/** One bad input: the items and parameters the node runs with, and how it refuses them. */
interface RefusalCase {
	name: string;
	items?: IDataObject[];
	parameters: INodeParameters;
	refused: Refusal;
}

/** Each case is its own test, named by the case. */
function testRefusals(cases: RefusalCase[]): void {
	test.each(cases)('$name', async ({ items, parameters, refused }) => {
		const run = await runVelt(emulator, { items, parameters });
		expectRefused(run, refused);
	});
}

describe('every operation of both nodes (test/helpers/operationTable.ts)', () => {
	beforeEach(() => seedOperationWorld(emulator));

	test.each(TABLE_CASES)(
		'%s: its bad variant in the second item is refused, naming the field and item 1; not even the first item is sent',
		async (_name, row) => {
			const run = await runRow(row, emulator, {
				items: row.invalid.items,
				parameters: row.invalid.parameters,
			});
			expectRefused(run, { message: row.invalid.message, itemIndex: 1 });
			expect((run.thrown as Error).message.startsWith(`${row.invalid.field}`)).toBe(true);
		},
	);

	test.each(TABLE_CASES.filter(([, row]) => row.organizationOptional !== true))(
		'%s: an empty Organization ID in the second item is refused, and not even the first item is sent',
		async (_name, row) => {
			const run = await runRow(row, emulator, {
				items: [{ org: TABLE_ORG }, { org: '  ' }],
				parameters: { ...row.parameters, organizationId: '={{ $json.org }}' },
			});
			expectRefused(run, {
				message: 'Organization: is required but is empty (item 1)',
				itemIndex: 1,
			});
		},
	);
});

describe('Add', () => {
	// VALID_ADD without recipients: each case gives its own.
	const { notifyUsers: _recipients, ...add } = VALID_ADD;
	const resolverHint =
		', or switch on Content From Notification Resolver under Additional Fields when your resolver provides the content.';

	testRefusals([
		{
			name: 'no Document ID (Velt requires one on Add)',
			items: [{ doc: 'd1' }, { doc: '' }],
			parameters: {
				...add,
				documentId: '={{ $json.doc }}',
				notifyUsers: { users: [{ userId: 'u1' }] },
			},
			refused: {
				message: 'Document: is required but is empty (item 1)',
				description:
					'Enter the ID of the Velt document the notification belongs to, or map one from a previous node.',
				itemIndex: 1,
			},
		},
		{
			name: 'no Action User (Velt requires one on Add)',
			parameters: { ...add, actionUser: {}, notifyUsers: { users: [{ userId: 'u1' }] } },
			refused: {
				message: 'Action User: is required but is empty (item 0)',
				description:
					'Add the user who caused the notification (at least their User ID) under Action User.',
				itemIndex: 0,
			},
		},
		{
			name: 'an empty Body without the notification resolver',
			parameters: { ...add, displayBodyMessage: ' ', notifyUsers: { users: [{ userId: 'u1' }] } },
			refused: {
				message: 'Body: is required but is empty (item 0)',
				description: `Enter the text under the headline${resolverHint}`,
				itemIndex: 0,
			},
		},
		{
			name: 'Notify Everyone on does not lift the other required fields',
			items: [{}],
			parameters: { ...add, notifyAll: true, documentId: '={{ $json.doc }}' },
			refused: { message: 'Document: is required but is empty (item 0)', itemIndex: 0 },
		},
		{
			name: 'no users and Notify Everyone off',
			parameters: { ...add, notifyUsers: {}, notifyAll: false },
			refused: {
				message:
					'Recipients: no users to notify, and Notify Everyone in the Organization is off (item 0)',
				description:
					'Add at least one recipient (or map a list of users or user IDs), or switch on Notify Everyone in the Organization.',
				itemIndex: 0,
			},
		},
		{
			name: 'no users from a JSON expression that yields an empty array',
			items: [{ users: [] }],
			parameters: { ...add, notifyUsersInputMode: 'json', notifyUsers: '={{ $json.users }}' },
			refused: {
				message:
					'Recipients (JSON): no users to notify, and Notify Everyone in the Organization is off (item 0)',
				itemIndex: 0,
			},
		},
		{
			name: 'Notify Users JSON that does not parse',
			parameters: { ...add, notifyUsersInputMode: 'json', notifyUsers: '[{"userId": "u1",]' },
			refused: {
				message: /^Recipients \(JSON\): is not valid JSON \(.+\) \(item 0\)$/,
				description:
					'Fix the JSON text, or map an object with an expression such as {{ $json.data }}.',
				itemIndex: 0,
			},
		},
		{
			name: 'Context JSON that does not parse',
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: 'u1' }] },
				additionalFields: { context: '{"access": ' },
			},
			refused: { message: /^Context: is not valid JSON \(.+\) \(item 0\)$/, itemIndex: 0 },
		},
		{
			name: 'Metadata that is JSON but not an object',
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: 'u1' }] },
				additionalFields: { metadata: '[1, 2]' },
			},
			refused: {
				message: 'Metadata: must be a JSON object, got an array (item 0)',
				description: 'Give an object such as {"key": "value"}.',
				itemIndex: 0,
			},
		},
		{
			name: 'a user without userId (JSON)',
			parameters: {
				...add,
				notifyUsersInputMode: 'json',
				notifyUsers: '[{"userId": "u1"}, {"name": "Ana", "email": "ana@example.com"}]',
			},
			refused: {
				message: 'Recipients (JSON) #2: has no userId (item 0)',
				description: 'Every user needs a userId, the id your app gives the user in Velt.',
				itemIndex: 0,
			},
		},
		{
			name: 'a user without userId (list, mapped from an item that lacks it)',
			items: [{ user: 'u1' }, { name: 'Ana' }],
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: '={{ $json.user }}', name: '={{ $json.name }}' }] },
			},
			refused: { message: 'Recipients #1: has no userId (item 1)', itemIndex: 1 },
		},
		{
			name: 'an Action User without userId',
			items: [{}],
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: 'u1' }] },
				actionUser: { user: { userId: '={{ $json.nope }}', name: 'Bo' } },
			},
			refused: { message: 'Action User: has no userId (item 0)', itemIndex: 0 },
		},
		{
			name: 'a user that is neither an object nor an id',
			parameters: { ...add, notifyUsersInputMode: 'json', notifyUsers: '[["u1"]]' },
			refused: {
				message: 'Recipients (JSON) #1: must be a user object with a userId, got an array (item 0)',
				itemIndex: 0,
			},
		},
		{
			name: 'an unknown Notification Source',
			items: [{ source: 'sms' }],
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: 'u1' }] },
				additionalFields: { notificationSource: '={{ $json.source }}' },
			},
			refused: {
				message: 'Notification Source: "sms" is not one of custom, comment, huddle, crdt (item 0)',
				description: 'Use one of: custom, comment, huddle, crdt.',
				itemIndex: 0,
			},
		},
		{
			name: 'an empty Headline without the notification resolver',
			parameters: {
				...add,
				displayHeadlineMessageTemplate: '',
				notifyUsers: { users: [{ userId: 'u1' }] },
			},
			refused: {
				message: 'Headline: is required but is empty (item 0)',
				description: `Enter the headline of the notification${resolverHint}`,
				itemIndex: 0,
			},
		},
		{
			name: 'a Notification ID with characters Velt does not allow',
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: 'u1' }] },
				additionalFields: { notificationId: 'deal 4711!' },
			},
			refused: {
				message: 'Notification ID: "deal 4711!" contains characters Velt does not allow (item 0)',
				description: 'Use only letters, digits, _ and -, or leave it empty to have one generated.',
				itemIndex: 0,
			},
		},
		{
			name: 'a Headline Template Data pair without a name',
			parameters: {
				...add,
				notifyUsers: { users: [{ userId: 'u1' }] },
				additionalFields: {
					displayHeadlineMessageTemplateData: {
						values: [
							{ key: 'a', value: 'x' },
							{ key: '', value: 'y' },
						],
					},
				},
			},
			refused: { message: 'Headline Template Data #2: has an empty key (item 0)', itemIndex: 0 },
		},
	]);

	test('Document ID is required in the editor: n8n itself refuses to run the node while it is empty', async () => {
		await expect(
			runVelt(emulator, { parameters: { ...add, notifyAll: true, documentId: '' } }),
		).rejects.toThrow('Parameter "Document" is required.');
		expect(emulator.requests).toEqual([]);
	});
});

describe('Get Many', () => {
	const getMany = { resource: 'notification', operation: 'getAll', organizationId: 'acme' };

	testRefusals([
		{
			name: 'neither Document ID nor User ID',
			parameters: { ...getMany, documentId: '', userId: '' },
			refused: {
				message: 'Document / User: both are empty (item 0)',
				description:
					'Velt needs at least one of them: choose a document to read its notifications, a user to read theirs, or both.',
				itemIndex: 0,
			},
		},
		{
			name: 'an unknown Order',
			items: [{ order: 'newest' }],
			parameters: { ...getMany, documentId: 'd1', filters: { order: '={{ $json.order }}' } },
			refused: { message: 'Order: "newest" is not one of asc, desc (item 0)', itemIndex: 0 },
		},
		{
			name: 'Notification IDs as JSON text that does not parse',
			parameters: { ...getMany, documentId: 'd1', filters: { notificationIds: '["n-1", ' } },
			refused: { message: /^Notification IDs: is not valid JSON \(.+\) \(item 0\)$/, itemIndex: 0 },
		},
		{
			name: 'a Limit below 1',
			items: [{ n: 0 }],
			parameters: { ...getMany, documentId: 'd1', limit: '={{ $json.n }}' },
			refused: {
				message: 'Limit: must be a whole number of at least 1, got 0 (item 0)',
				itemIndex: 0,
			},
		},
	]);
});

describe('Update', () => {
	const update = {
		resource: 'notification',
		operation: 'update',
		organizationId: 'acme',
		id: 'n-1',
	};

	testRefusals([
		{
			name: 'nothing to update',
			parameters: { ...update, updateFields: {} },
			refused: {
				message: 'Update Fields: nothing to update (item 0)',
				description: 'Add at least one field under Update Fields, e.g. Mark as Read for User IDs.',
				itemIndex: 0,
			},
		},
		{
			name: 'Notify Users JSON that does not parse',
			parameters: { ...update, updateFields: { notifyUsers: '[{' } },
			refused: { message: /^Recipients: is not valid JSON \(.+\) \(item 0\)$/, itemIndex: 0 },
		},
		{
			name: 'a Notify Users entry without userId',
			parameters: { ...update, updateFields: { notifyUsers: '[{"email": "ana@example.com"}]' } },
			refused: { message: 'Recipients #1: has no userId (item 0)', itemIndex: 0 },
		},
		{
			name: 'Persist Read for Users without users to mark as read',
			parameters: { ...update, updateFields: { persistReadForUsers: true } },
			refused: {
				message:
					'Persist Read for Users: only works together with Mark as Read for User IDs (item 0)',
				itemIndex: 0,
			},
		},
		{
			name: 'an empty Notification ID',
			items: [{}],
			parameters: { ...update, id: '={{ $json.id }}', updateFields: { readByUserIds: 'u1' } },
			refused: { message: 'Notification ID: is required but is empty (item 0)', itemIndex: 0 },
		},
	]);
});

describe('Delete', () => {
	testRefusals([
		{
			name: 'no ids and nothing that narrows the delete (it would empty the organization)',
			parameters: {
				resource: 'notification',
				operation: 'delete',
				organizationId: 'acme',
				notificationIds: '',
				documentId: '',
			},
			refused: {
				message:
					'Notification IDs: is empty and no Document ID, Location ID or User ID narrows the delete, so it would delete every notification of the organization (item 0)',
				itemIndex: 0,
			},
		},
		{
			name: 'ids that are not text',
			items: [{ ids: ['n-1', { id: 'n-2' }] }],
			parameters: {
				resource: 'notification',
				operation: 'delete',
				organizationId: 'acme',
				notificationIds: '={{ $json.ids }}',
			},
			refused: {
				message: 'Notification IDs: must list ids as text, got an object (item 0)',
				itemIndex: 0,
			},
		},
	]);
});

describe('Notification Settings', () => {
	testRefusals([
		{
			name: 'Get with more than 30 documents',
			items: [{ docs: Array.from({ length: 31 }, (_, index) => `doc-${index}`) }],
			parameters: {
				resource: 'notificationConfig',
				operation: 'get',
				organizationId: 'acme',
				userId: 'u1',
				documentIds: '={{ $json.docs }}',
			},
			refused: {
				message: 'Document IDs: has 31 IDs; Velt accepts at most 30 (item 0)',
				description: 'Split the documents over several items of at most 30 IDs each.',
				itemIndex: 0,
			},
		},
		{
			name: 'Get with no documents and Get Organization Config off',
			parameters: {
				resource: 'notificationConfig',
				operation: 'get',
				organizationId: 'acme',
				userId: 'u1',
				documentIds: '',
			},
			refused: { message: 'Document IDs: is empty (item 0)', itemIndex: 0 },
		},
		{
			name: 'Get with an empty User ID',
			items: [{}],
			parameters: {
				resource: 'notificationConfig',
				operation: 'get',
				organizationId: 'acme',
				userId: '={{ $json.user }}',
				getOrganizationConfig: true,
			},
			refused: { message: 'User: is required but is empty (item 0)', itemIndex: 0 },
		},
		{
			name: 'Set with a setting that is empty (values of its own are sent as they are, empty ones are not)',
			items: [{ value: '' }],
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				organizationId: 'acme',
				userIds: 'u1',
				config: { email: 'ALL', inbox: '={{ $json.value }}' },
			},
			refused: { message: 'In-App Inbox: is required but is empty (item 0)', itemIndex: 0 },
		},
		{
			name: 'Set with an Other Channels entry without a channel ID',
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				organizationId: 'acme',
				userIds: 'u1',
				config: { otherChannels: { channels: [{ channel: ' ', value: 'ALL' }] } },
			},
			refused: {
				message: 'Other Channels #1 Channel ID: is required but is empty (item 0)',
				itemIndex: 0,
			},
		},
		{
			name: 'Set with the same channel twice',
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				organizationId: 'acme',
				userIds: 'u1',
				config: {
					email: 'ALL',
					otherChannels: { channels: [{ channel: 'email', value: 'NONE' }] },
				},
			},
			refused: {
				message: 'Other Channels #1: sets channel "email" a second time (item 0)',
				description: 'Give each channel one setting.',
				itemIndex: 0,
			},
		},
		{
			name: 'Set with no channel chosen',
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				organizationId: 'acme',
				userIds: 'u1',
				config: {},
			},
			refused: { message: 'Settings: no channel chosen (item 0)', itemIndex: 0 },
		},
		{
			name: 'Set with no users',
			items: [{ users: [] }],
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				organizationId: 'acme',
				userIds: '={{ $json.users }}',
				config: { inbox: 'ALL' },
			},
			refused: { message: 'User IDs: is empty (item 0)', itemIndex: 0 },
		},
	]);
});

describe('Continue On Fail', () => {
	test('Add: the bad item becomes an error item, paired with it; the good items are sent', async () => {
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ user: 'u1' }, {}, { user: 'u3' }],
			parameters: {
				...VALID_ADD,
				notifyUsersInputMode: 'json',
				notifyUsers: '={{ $json.user ? [$json.user] : [] }}',
			},
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator)
				.map((data) => data.notifyUsers)
				.sort(),
		).toEqual([[{ userId: 'u1' }], [{ userId: 'u3' }]]);
		expect(run.json[1]).toEqual({
			error:
				'Recipients (JSON): no users to notify, and Notify Everyone in the Organization is off (item 1)',
			description:
				'Add at least one recipient (or map a list of users or user IDs), or switch on Notify Everyone in the Organization.',
		});
		expect([run.json[0].success, run.json[2].success]).toEqual([true, true]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Update: the bad item becomes an error item; the others are still combined into one request', async () => {
		emulator.store.insertNotification({
			organizationId: 'acme',
			notificationId: 'n-1',
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
		});
		emulator.store.insertNotification({
			organizationId: 'acme',
			notificationId: 'n-3',
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
		});
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ id: 'n-1' }, { id: '' }, { id: 'n-3' }],
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: 'acme',
				id: '={{ $json.id }}',
				updateFields: { readByUserIds: 'u1' },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)).toEqual([
			{
				organizationId: 'acme',
				notifications: [
					{ id: 'n-1', readByUserIds: ['u1'] },
					{ id: 'n-3', readByUserIds: ['u1'] },
				],
			},
		]);
		expect(run.json).toEqual([
			{ id: 'n-1', success: true, message: 'Notification updated.' },
			{
				error: 'Notification ID: is required but is empty (item 1)',
				description: 'Enter a value for "Notification ID" or map one from a previous node.',
			},
			{ id: 'n-3', success: true, message: 'Notification updated.' },
		]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
