/**
 * The node as an AI agent's tool, run through n8n-core: n8n saves such a node with its type
 * name plus "Tool", and a model's arguments reach parameters through $fromAI, resolved from
 * the tool call's item. A model can never notify a whole organization; a tool's errors name
 * the argument to change and how, in the message itself.
 */
import type { INodeParameters } from 'n8n-workflow';
import { ENDPOINTS, runVelt, seedNotifications, sentData, toolError } from './support';
import { useEmulator } from '../helpers/useEmulator';

const TOOL = 'n8n-nodes-velt.veltNotificationsTool';

const emulator = useEmulator();

/** What Velt requires of an Add besides the headline and recipients (top-level fields), set by the workflow's author. */
const AUTHOR_CONTENT = {
	actionUser: { user: { userId: 'assistant', name: 'Team Assistant' } },
	displayBodyMessage: 'Sent by the team assistant',
};

const toolAdd: INodeParameters = {
	resource: 'notification',
	operation: 'add',
	organizationId: { __rl: true, mode: 'list', value: 'acme' },
	documentId: { __rl: true, mode: 'id', value: 'deal-1' },
	displayHeadlineMessageTemplate: "={{ $fromAI('Headline', 'The headline', 'string') }}",
	notifyUsersInputMode: 'ids',
	notifyUserIds:
		"={{ $fromAI('Recipient_User_IDs', 'IDs of the users to notify, separated by commas', 'string') }}",
	notifyAll: "={{ $fromAI('Notify_Everyone', '', 'boolean') }}",
	...AUTHOR_CONTENT,
	additionalFields: { notificationId: 'n-tool' },
};

/**
 * What the tool answered: as a tool, a failed item is an error item (n8n 1.x would fail the
 * whole workflow on a thrown error; 2.x relays either to the model), so the run succeeds.
 */

// A tool call is one item (n8n's $fromAI reads the call's arguments from it), so one run per call.
// A model gives plain user IDs only (a user object would let it attach any email): test/security/aiTool.test.ts.
test('one $fromAI fills the recipients: IDs separated by commas, or a JSON array of IDs', async () => {
	for (const recipients of ['u1, u2', '["u3", "u4"]']) {
		const run = await runVelt(emulator, {
			nodeTypeName: TOOL,
			items: [{ Headline: 'Deal closed', Recipient_User_IDs: recipients, Notify_Everyone: false }],
			parameters: { ...toolAdd, additionalFields: {} },
		});
		expect(run.status).toBe('success');
	}
	const sent = sentData(emulator, ENDPOINTS.addNotification);
	expect(sent.map((data) => data.notifyUsers)).toEqual([
		[{ userId: 'u1' }, { userId: 'u2' }],
		[{ userId: 'u3' }, { userId: 'u4' }],
	]);
	expect(sent.map((data) => data.notifyAll)).toEqual([false, false]);
	expect(sent[0]).toMatchObject({
		organizationId: 'acme',
		documentId: 'deal-1',
		displayHeadlineMessageTemplate: 'Deal closed',
	});
});

test('a model asking to notify everyone is refused with a message that says what to send instead; nothing is sent', async () => {
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ Headline: 'Hi all', Recipient_User_IDs: '', Notify_Everyone: true }],
		parameters: toolAdd,
	});
	expect(toolError(run)).toBe(
		'Argument "Notify_Everyone" (Notify Everyone in the Organization): an AI agent cannot notify a whole organization. Set it to false and name the users to notify instead in "Recipient_User_IDs", e.g. "u1, u2". Only the workflow\'s author can switch on notifying everyone, in the node itself.',
	);
	expect(sentData(emulator)).toEqual([]);
});

test.each([
	['any expression as a tool', TOOL, '={{ true }}'],
	[
		'a $fromAI value even outside a tool',
		'velt',
		"={{ $fromAI('Notify_Everyone', '', 'boolean') }}",
	],
])('Notify Everyone from %s is refused', async (_case, nodeTypeName, notifyAll) => {
	const run = await runVelt(emulator, {
		nodeTypeName,
		items: [{ Headline: 'Hi all', Recipient_User_IDs: 'u1', Notify_Everyone: true }],
		parameters: { ...toolAdd, notifyAll },
	});
	if (nodeTypeName === TOOL)
		expect(toolError(run)).toMatch(/an AI agent cannot notify a whole organization/);
	else {
		// an ordinary workflow stops on it, as on any bad parameter
		expect(run.status).toBe('error');
		expect((run.thrown as Error).message).toMatch(
			/^Notify Everyone in the Organization: an AI agent cannot notify a whole organization \(item 0\)$/,
		);
	}
	expect(sentData(emulator)).toEqual([]);
});

test.each([
	['the author switched it on in the tool (a literal true)', TOOL, true],
	['an ordinary workflow sets it by an expression', 'velt', '={{ $json.everyone }}'],
])('Notify Everyone takes effect when %s', async (_case, nodeTypeName, notifyAll) => {
	const run = await runVelt(emulator, {
		nodeTypeName,
		items: [{ Headline: 'Hi all', Recipient_User_IDs: 'u1', everyone: true }],
		parameters: { ...toolAdd, notifyAll } as INodeParameters,
	});
	expect(run.status).toBe('success');
	expect(sentData(emulator, ENDPOINTS.addNotification)[0].notifyAll).toBe(true);
});

test('no recipients, as a tool: names the argument, asks for user IDs, and never suggests notifying everyone', async () => {
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ Headline: 'Hi', Recipient_User_IDs: ' ', Notify_Everyone: false }],
		parameters: toolAdd,
	});
	const message = toolError(run);
	expect(message).toBe(
		'Argument "Recipient_User_IDs" (Recipient User IDs): no users to notify. Give the IDs of the users to notify, e.g. "u1, u2". This tool cannot notify a whole organization.',
	);
	expect(message).not.toMatch(/Notify Everyone/);
});

test('a bad argument names the argument and the fix, without "(item 0)"', async () => {
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ Headline: 'Hi', Recipient_User_IDs: '[{"name": "Ana"}]', Notify_Everyone: false }],
		parameters: toolAdd,
	});
	expect(toolError(run)).toBe(
		// a model gives user IDs only, so a user object is refused before its missing userId matters
		'Argument "Recipient_User_IDs" (Recipient User IDs #1): a user object is not accepted from an AI agent, only user IDs. Give only the IDs of the users, e.g. "u1, u2"; their names and emails come from the app.',
	);
});

test("a failing Velt call: the tool's message carries Velt's error and what to do", async () => {
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		credentials: { authToken: 'not-the-token' },
		items: [{ Headline: 'Hi', Recipient_User_IDs: 'u1', Notify_Everyone: false }],
		parameters: toolAdd,
	});
	const message = toolError(run);
	expect(message).toMatch(/^Velt: .+\[PERMISSION_DENIED\] \(HTTP 403\)\. /);
	expect(message).toContain('Copy the API key and the auth token again from the Velt console');
	expect(message).not.toContain('not-the-token');
});

test('Get Many as a tool answers with compact notifications by default', async () => {
	seedNotifications(emulator, [
		{
			organizationId: 'acme',
			documentId: 'deal-1',
			notificationId: 'n1',
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
			actionUser: { userId: 'u2', name: 'Bo' },
			displayHeadlineMessageTemplate: '{actionUser} closed the deal',
			displayHeadlineMessageTemplateData: { actionUser: { userId: 'u2', name: 'Bo' } },
		},
	]);
	const run = await runVelt(emulator, {
		nodeTypeName: TOOL,
		items: [{ User: 'u1' }],
		parameters: {
			resource: 'notification',
			operation: 'getAll',
			organizationId: 'acme',
			userId: { __rl: true, mode: 'id', value: "={{ $fromAI('User') }}" },
		} as INodeParameters,
	});
	expect(run.status).toBe('success');
	expect(run.json).toHaveLength(1);
	expect(run.json[0]).toMatchObject({
		id: 'n1',
		headline: 'Bo closed the deal',
		actionUser: 'Bo',
		documentId: 'deal-1',
	});
	expect(run.json[0].displayHeadlineMessageTemplateData).toBeUndefined();
	expect(run.json[0].metadata).toBeUndefined();
});
