/**
 * The polling trigger reads its Organization, Document and User pickers as the IDs they
 * hold (locator objects), and plain strings as saved before the pickers.
 */
import type { INodeParameters } from 'n8n-workflow';
import { ENDPOINTS } from '../../nodes/shared/transport';
import { activatedPollingTrigger } from '../helpers/pollingHarness';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

async function manualPoll(parameters: INodeParameters) {
	return await activatedPollingTrigger(emulator.url, parameters).poll('manual');
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
