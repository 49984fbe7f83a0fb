/**
 * Finding 4: run as an AI agent's tool, destructive or widening inputs take effect only when the
 * workflow's author set them in the node: Delete without IDs, Create Organization, Create
 * Document, Allow Users From Other Organizations; and a model gives recipients as plain user IDs.
 * Every refusal happens before anything is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ENDPOINTS, runVelt, seedNotifications, sentData, toolError } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const TOOL = 'n8n-nodes-velt.veltNotificationsTool';

const emulator = useEmulator();

const toolAdd: INodeParameters = {
	resource: 'notification',
	operation: 'add',
	organizationId: { __rl: true, mode: 'list', value: 'acme' },
	documentId: { __rl: true, mode: 'id', value: 'deal-1' },
	actionUser: { user: { userId: 'assistant' } },
	displayHeadlineMessageTemplate: 'Deal closed',
	displayBodyMessage: 'By the assistant',
	notifyUsersInputMode: 'ids',
	notifyUserIds: "={{ $fromAI('Recipient_User_IDs', 'IDs of the users', 'string') }}",
};

const SWITCHES = [
	['createOrganization', 'Create Organization', /an AI agent cannot create organizations/],
	['createDocument', 'Create Document', /an AI agent cannot create documents/],
	[
		'isCrossOrganizationEnabled',
		'Allow Users From Other Organizations',
		/an AI agent cannot notify users of other organizations/,
	],
] as const;

describe.each(SWITCHES)('%s', (name, label, problem) => {
	test(`finding 4: ${label} from $fromAI is refused for a tool, naming the argument; nothing is sent`, async () => {
		const run = await runVelt(emulator, {
			nodeTypeName: TOOL,
			items: [{ Recipient_User_IDs: 'u1', Switch: true }],
			parameters: {
				...toolAdd,
				additionalFields: { [name]: "={{ $fromAI('Switch', '', 'boolean') }}" },
			},
		});
		const message = toolError(run);
		expect(message).toMatch(new RegExp(`^Argument "Switch" \\(${label}\\): `));
		expect(message).toMatch(problem);
		expect(message).toMatch(/Set it to false/);
		expect(emulator.requests).toEqual([]);
	});

	test(`finding 4: ${label} from any expression in a tool is refused; nothing is sent`, async () => {
		const run = await runVelt(emulator, {
			nodeTypeName: TOOL,
			items: [{ Recipient_User_IDs: 'u1' }],
			parameters: { ...toolAdd, additionalFields: { [name]: '={{ true }}' } },
		});
		expect(toolError(run)).toMatch(problem);
		expect(emulator.requests).toEqual([]);
	});

	test(`finding 4: ${label} from $fromAI outside a tool stops the workflow; nothing is sent`, async () => {
		const run = await runVelt(emulator, {
			items: [{ Recipient_User_IDs: 'u1', Switch: true }],
			parameters: {
				...toolAdd,
				additionalFields: { [name]: "={{ $fromAI('Switch', '', 'boolean') }}" },
			},
		});
		expect(run.status).toBe('error');
		expect((run.thrown as Error).message).toMatch(new RegExp(`^${label}: `));
		expect(emulator.requests).toEqual([]);
	});

	test(`finding 4: ${label} switched on literally by the author takes effect in a tool`, async () => {
		const run = await runVelt(emulator, {
			nodeTypeName: TOOL,
			items: [{ Recipient_User_IDs: 'u1' }],
			parameters: { ...toolAdd, additionalFields: { [name]: true } },
		});
		expect(run.status).toBe('success');
		expect(run.json[0].error).toBeUndefined();
		expect(sentData(emulator, ENDPOINTS.addNotification)[0][name]).toBe(true);
	});
});

const seeded = () =>
	seedNotifications(
		emulator,
		['n1', 'n2'].map((notificationId) => ({
			organizationId: 'acme',
			documentId: 'deal-1',
			notificationId,
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
			actionUser: { userId: 'u2' },
			displayHeadlineMessageTemplate: 'Hi',
		})),
	);

const toolDelete: INodeParameters = {
	resource: 'notification',
	operation: 'delete',
	organizationId: { __rl: true, mode: 'list', value: 'acme' },
	notificationIds: "={{ $fromAI('Notification_IDs', 'IDs to delete', 'string') }}",
	documentId: { __rl: true, mode: 'id', value: 'deal-1' },
};

test('finding 4: Delete with empty Notification IDs from the model is refused for a tool; nothing is sent', async () => {
	seeded();
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ Notification_IDs: '' }],
		parameters: toolDelete,
	});
	expect(toolError(run)).toBe(
		'Argument "Notification_IDs" (Notification IDs): is empty, and an AI agent cannot delete every notification of a document or user. Give the IDs of the notifications to delete, e.g. "n1, n2" (Get Many lists them). This tool cannot delete all notifications of a document or user.',
	);
	expect(emulator.requests).toEqual([]);
});

test('finding 4: Delete without IDs and a user filter from the model is refused for a tool; nothing is sent', async () => {
	seeded();
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ User: 'u1' }],
		parameters: {
			...toolDelete,
			notificationIds: '',
			additionalFields: { userId: "={{ $fromAI('User', 'whose notifications', 'string') }}" },
		},
	});
	expect(toolError(run)).toMatch(/an AI agent cannot delete every notification/);
	expect(emulator.requests).toEqual([]);
});

test("finding 4: Delete with the model's IDs still deletes those notifications in a tool", async () => {
	seeded();
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ Notification_IDs: 'n1' }],
		parameters: toolDelete,
	});
	expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['n1'] });
	expect(sentData(emulator, ENDPOINTS.deleteNotifications)[0].notificationIds).toEqual(['n1']);
});

test('finding 4: Delete without IDs of a document the author set literally takes effect in a tool', async () => {
	seeded();
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{}],
		parameters: { ...toolDelete, notificationIds: '' },
	});
	expect(run.json[0]).toMatchObject({ deleted: true });
	const sent = sentData(emulator, ENDPOINTS.deleteNotifications);
	expect(sent).toHaveLength(1);
	expect(sent[0].notificationIds).toBeUndefined();
	expect(sent[0].documentId).toBe('deal-1');
});

test.each([
	[
		'As User IDs',
		{ notifyUsersInputMode: 'ids' },
		'[{"userId": "u1", "email": "attacker@example.com"}]',
	],
	['As User IDs (an object alone)', { notifyUsersInputMode: 'ids' }, '{"userId": "u1"}'],
	[
		'Using JSON',
		{
			notifyUsersInputMode: 'json',
			notifyUsers: "={{ $fromAI('Recipient_User_IDs', 'users', 'json') }}",
		},
		[{ userId: 'u1', name: 'Boss', email: 'attacker@example.com' }],
	],
])(
	'finding 4: model-given user objects (%s) are refused for a tool; nothing is sent',
	async (_mode, mode, recipients) => {
		const run = await runVelt(emulator, {
			nodeTypeName: TOOL,
			items: [{ Recipient_User_IDs: recipients }],
			parameters: { ...toolAdd, ...mode } as INodeParameters,
		});
		expect(toolError(run)).toMatch(
			/^Argument "Recipient_User_IDs" \(Recipients?.* #1\): a user object is not accepted from an AI agent, only user IDs\. Give only the IDs of the users, e\.g\. "u1, u2"/,
		);
		expect(emulator.requests).toEqual([]);
	},
);

test("finding 4: a recipient's email filled by the model in Using Fields Below is refused for a tool; nothing is sent", async () => {
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ Email: 'attacker@example.com' }],
		parameters: {
			...toolAdd,
			notifyUsersInputMode: 'list',
			notifyUsers: {
				users: [{ userId: 'u1', email: "={{ $fromAI('Email', 'email', 'string') }}" }],
			},
		},
	});
	expect(toolError(run)).toMatch(/an AI agent can give only the user ID of a recipient/);
	expect(emulator.requests).toEqual([]);
});

test("finding 4: Update's Recipients from the model accept only user IDs", async () => {
	seeded();
	const update = (recipients: IDataObject[keyof IDataObject]) =>
		runVelt(emulator, {
			nodeTypeName: TOOL,
			items: [{ Recipients: recipients }],
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: 'acme',
				id: 'n1',
				updateFields: { notifyUsers: "={{ $fromAI('Recipients', 'users', 'string') }}" },
			},
		});
	const refused = await update('[{"userId": "u9", "email": "attacker@example.com"}]');
	expect(toolError(refused)).toMatch(/a user object is not accepted from an AI agent/);
	expect(emulator.requests).toEqual([]);
	const accepted = await update('u9, u8');
	expect(accepted.json[0]).toMatchObject({ id: 'n1', success: true });
	expect(
		(sentData(emulator, ENDPOINTS.updateNotifications)[0].notifications as unknown[])[0],
	).toMatchObject({ notifyUsers: [{ userId: 'u9' }, { userId: 'u8' }] });
});

test('finding 4: an author-built recipient list with names and emails still works in a tool', async () => {
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{}],
		parameters: {
			...toolAdd,
			notifyUsersInputMode: 'list',
			notifyUsers: { users: [{ userId: 'u1', name: 'Ana', email: 'ana@example.com' }] },
		},
	});
	expect(run.json[0].error).toBeUndefined();
	expect(sentData(emulator, ENDPOINTS.addNotification)[0].notifyUsers).toEqual([
		{ userId: 'u1', name: 'Ana', email: 'ana@example.com' },
	]);
});
