/**
 * Notification > Update: the documented example requests, every field, items combined into
 * few requests, and Velt's per-id answers mapped back to the items (failed ids included).
 */
import { NodeOperationError } from 'n8n-workflow';
import { pairedItems, runVelt, seedNotifications, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const update = { resource: 'notification', operation: 'update' };

function seed(organizationId: string, documentId: string, ids: string[]): void {
	seedNotifications(
		emulator,
		ids.map((notificationId) => ({
			organizationId,
			documentId,
			notificationId,
			notifyUsers: [{ userId: 'u1' }],
			notifyAll: false,
			displayHeadlineMessageTemplate: 'Old',
		})),
	);
}

/**
 * The documented examples of update-notifications run in docsExamples.test.ts; this mark-as-read
 * request of the same page's overview is not among them.
 */
const OVERVIEW_MARK_AS_READ = {
	data: {
		organizationId: 'your-org-id',
		documentId: 'your-doc-id',
		notifications: [
			{ id: 'notification-id', readByUserIds: ['user-1', 'user-2'], persistReadForUsers: true },
		],
	},
};

describe('documented example requests', () => {
	test('rest-api-overview "Mark as Read": exactly the documented body, and the users now have it read', async () => {
		seed('your-org-id', 'your-doc-id', ['notification-id']);
		const run = await runVelt(emulator, {
			parameters: {
				...update,
				organizationId: 'your-org-id',
				id: 'notification-id',
				documentId: 'your-doc-id',
				updateFields: { readByUserIds: 'user-1, user-2', persistReadForUsers: true },
			},
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.body)).toEqual([OVERVIEW_MARK_AS_READ]);
		const stored = emulator.store.getNotification('your-org-id', 'notification-id');
		expect([...(stored?.readByUserIds ?? [])]).toEqual(['user-1', 'user-2']);
		expect(stored?.persistReadForUsers).toBe(true);
	});
});

test('every update field lands in the notification entry in its documented shape', async () => {
	seed('acme', 'deal-1', ['n-1']);
	const run = await runVelt(emulator, {
		items: [{ readers: ['u1', 'u2'] }],
		parameters: {
			...update,
			organizationId: 'acme',
			id: 'n-1',
			updateFields: {
				actionUser: { user: { userId: 'u9', name: 'Bo' } },
				displayHeadlineMessageTemplate: '{actionUser} reopened {dealName}',
				displayHeadlineMessageTemplateData: {
					values: [
						{ key: 'dealName', value: 'Big Deal' },
						{ key: 'actionUser', value: '{"userId": "u9", "name": "Bo"}' },
					],
				},
				displayBodyMessage: 'Body',
				displayBodyMessageTemplate: 'Worth {amount}',
				displayBodyMessageTemplateData: '{"amount": "1 EUR"}',
				notificationSourceData: '{"dealId": 1}',
				readByUserIds: '={{ $json.readers }}',
				persistReadForUsers: false,
				notifyUsers: '[{"userId": "u1", "email": "ana@example.com"}, "u3"]',
				location: '{"id": "pricing"}',
				metadata: '{"team": "sales"}',
				context: '{"access": {"dashboardId": "sales"}}',
			},
		},
	});
	expect(run.status).toBe('success');
	expect(sentData(emulator)).toEqual([
		{
			organizationId: 'acme',
			notifications: [
				{
					id: 'n-1',
					actionUser: { userId: 'u9', name: 'Bo' },
					displayHeadlineMessageTemplate: '{actionUser} reopened {dealName}',
					displayHeadlineMessageTemplateData: {
						dealName: 'Big Deal',
						actionUser: { userId: 'u9', name: 'Bo' },
					},
					displayBodyMessage: 'Body',
					displayBodyMessageTemplate: 'Worth {amount}',
					displayBodyMessageTemplateData: { amount: '1 EUR' },
					notificationSourceData: { dealId: 1 },
					readByUserIds: ['u1', 'u2'],
					persistReadForUsers: false,
					notifyUsers: [{ userId: 'u1', email: 'ana@example.com' }, { userId: 'u3' }],
					location: { id: 'pricing' },
					metadata: { team: 'sales' },
					context: { access: { dashboardId: 'sales' } },
				},
			],
		},
	]);
	expect(emulator.store.getNotification('acme', 'n-1')?.locationId).toBe('pricing');
});

describe('batching', () => {
	test('items with the same organization and document share one request; one output item per input item', async () => {
		seed('acme', 'deal-1', ['n-1', 'n-2', 'n-3']);
		seed('acme', 'deal-2', ['n-4']);
		const run = await runVelt(emulator, {
			items: [
				{ id: 'n-1', doc: 'deal-1' },
				{ id: 'n-4', doc: 'deal-2' },
				{ id: 'n-2', doc: 'deal-1' },
				{ id: 'n-3', doc: 'deal-1' },
			],
			parameters: {
				...update,
				organizationId: 'acme',
				id: '={{ $json.id }}',
				documentId: '={{ $json.doc }}',
				updateFields: { readByUserIds: 'u1' },
			},
		});
		expect(run.status).toBe('success');
		const entry = (id: string) => ({ id, readByUserIds: ['u1'] });
		expect(sentData(emulator)).toEqual([
			{
				organizationId: 'acme',
				documentId: 'deal-1',
				notifications: [entry('n-1'), entry('n-2'), entry('n-3')],
			},
			{ organizationId: 'acme', documentId: 'deal-2', notifications: [entry('n-4')] },
		]);
		expect(run.json).toEqual(
			['n-1', 'n-4', 'n-2', 'n-3'].map((id) => ({
				id,
				success: true,
				message: 'Notification updated.',
			})),
		);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});

	test('Batch Size caps how many notifications one request carries', async () => {
		const ids = ['n-1', 'n-2', 'n-3', 'n-4', 'n-5'];
		seed('acme', 'deal-1', ids);
		const run = await runVelt(emulator, {
			items: ids.map((id) => ({ id })),
			parameters: {
				...update,
				organizationId: 'acme',
				id: '={{ $json.id }}',
				updateFields: { displayBodyMessage: 'x' },
				options: { batchSize: 2 },
			},
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator).map((data) =>
				(data.notifications as Array<{ id: string }>).map((entry) => entry.id),
			),
		).toEqual([['n-1', 'n-2'], ['n-3', 'n-4'], ['n-5']]);
		expect(run.items).toHaveLength(5);
	});

	test('the same notification in two items goes in two requests, one after the other, so the later item wins', async () => {
		seed('acme', 'deal-1', ['n-1']);
		const run = await runVelt(emulator, {
			items: [{ body: 'first' }, { body: 'second' }],
			parameters: {
				...update,
				organizationId: 'acme',
				id: 'n-1',
				updateFields: { displayBodyMessage: '={{ $json.body }}' },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator).map((data) => data.notifications)).toEqual([
			[{ id: 'n-1', displayBodyMessage: 'first' }],
			[{ id: 'n-1', displayBodyMessage: 'second' }],
		]);
		expect(emulator.store.getNotification('acme', 'n-1')?.data.displayBodyMessage).toBe('second');
		expect(run.json).toEqual([
			{ id: 'n-1', success: true, message: 'Notification updated.' },
			{ id: 'n-1', success: true, message: 'Notification updated.' },
		]);
	});
});

describe('per-id failures', () => {
	const parameters = {
		...update,
		organizationId: 'acme',
		id: '={{ $json.id }}',
		documentId: 'deal-1',
		updateFields: { readByUserIds: 'u1' },
	};

	test('Velt answers "success" for the call but fails one id: that item fails the node, naming the id and Velt\'s reason', async () => {
		seed('acme', 'deal-1', ['n-1', 'n-3']);
		const run = await runVelt(emulator, {
			items: [{ id: 'n-1' }, { id: 'gone' }, { id: 'n-3' }],
			parameters,
		});
		expect(run.status).toBe('error');
		expect(emulator.requests).toHaveLength(1);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		const error = run.thrown as NodeOperationError;
		expect(error.message).toBe(
			'Velt could not update notification gone (Failed to update notification.)',
		);
		expect(error.description).toBe(
			'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
		);
		expect(error.context.itemIndex).toBe(1);
		expect(run.error?.message).toBe(error.message);
	});

	test('with Continue On Fail the failed id becomes an error item and the others succeed, all paired', async () => {
		seed('acme', 'deal-1', ['n-1', 'n-3']);
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ id: 'n-1' }, { id: 'gone' }, { id: 'n-3' }],
			parameters,
		});
		expect(run.status).toBe('success');
		expect(run.json).toEqual([
			{ id: 'n-1', success: true, message: 'Notification updated.' },
			{
				error: 'Velt could not update notification gone (Failed to update notification.)',
				description:
					'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
			},
			{ id: 'n-3', success: true, message: 'Notification updated.' },
		]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect([...(emulator.store.getNotification('acme', 'n-3')?.readByUserIds ?? [])]).toEqual([
			'u1',
		]);
	});

	test('a notification of another document counts as not found', async () => {
		seed('acme', 'deal-2', ['n-1']);
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ id: 'n-1' }],
			parameters,
		});
		expect(run.json).toEqual([
			{
				error: 'Velt could not update notification n-1 (Failed to update notification.)',
				description:
					'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
			},
		]);
	});
});
