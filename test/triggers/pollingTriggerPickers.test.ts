/**
 * The polling trigger reads its Organization, Document and User pickers as the IDs they
 * hold (locator objects), and plain strings as saved before the pickers.
 */
import { PollContext } from 'n8n-core';
import type { INode, INodeParameters, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { VeltNotificationsTrigger } from '../../nodes/VeltNotificationsTrigger/VeltNotificationsTrigger.node';
import { ENDPOINTS } from '../../nodes/shared/transport';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import {
	buildAdditionalData,
	nodeTypesFor,
	TEST_API_KEY,
	TEST_AUTH_TOKEN,
} from '../helpers/n8nHarness';

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.reset());

async function manualPoll(parameters: INodeParameters) {
	const node: INode = {
		id: 't',
		name: 'Trigger',
		type: 'veltNotificationsTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { veltApi: { id: 'c1', name: 'Velt' } },
	};
	const nodeType = new VeltNotificationsTrigger();
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypesFor({ veltNotificationsTrigger: nodeType }),
		staticData: {},
	});
	const additionalData = buildAdditionalData(
		{ apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url },
		{ id: 'wf', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		'exec',
	);
	return await nodeType.poll.call(
		new PollContext(workflow, node, additionalData, 'manual', 'manual'),
	);
}

function sentQueries() {
	return emulator.requests
		.filter((request) => request.path === ENDPOINTS.getNotifications)
		.map((request) => (request.body as { data: Record<string, unknown> }).data);
}

test.each([
	[
		'locator objects',
		{
			organizationId: { __rl: true, mode: 'list', value: 'acme', cachedResultName: 'Acme (acme)' },
			documentId: { __rl: true, mode: 'id', value: 'deal-1' },
			userId: { __rl: true, mode: 'list', value: 'u1' },
		},
	],
	['plain strings', { organizationId: 'acme', documentId: 'deal-1', userId: 'u1' }],
])(
	'%s: the poll asks Velt for that organization, document and user, and renders {recipientUser} as the user',
	async (_case, parameters) => {
		emulator.store.insertNotification(
			{
				organizationId: 'acme',
				documentId: 'deal-1',
				notificationId: 'n1',
				notifyAll: true,
				displayHeadlineMessageTemplate: 'Hello {recipientUser}',
			},
			{ timestamp: 1000 },
		);
		const output = await manualPoll(parameters as INodeParameters);
		expect(sentQueries()).toEqual([
			{ organizationId: 'acme', documentId: 'deal-1', userId: 'u1', order: 'desc', pageSize: 1 },
		]);
		expect(output?.[0].map((item) => item.json.headline)).toEqual(['Hello u1']);
	},
);
