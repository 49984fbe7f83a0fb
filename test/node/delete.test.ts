/**
 * Notification > Delete: by ids (combined over items, in batches) and by filters, with Velt's
 * per-id answers mapped back to the items.
 */
import { NodeOperationError } from 'n8n-workflow';
import { ENDPOINTS, pairedItems, runVelt, seedNotifications, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const remove = { resource: 'notification', operation: 'delete' };

function seed(
	organizationId: string,
	documentId: string,
	ids: string[],
	locationId?: string,
): void {
	seedNotifications(
		emulator,
		ids.map((notificationId) => ({
			organizationId,
			documentId,
			notificationId,
			...(locationId ? { location: { id: locationId } } : {}),
			notifyUsers: [{ userId: 'u1' }],
			notifyAll: false,
			displayHeadlineMessageTemplate: 'x',
		})),
	);
}

function storedIds(organizationId: string): string[] {
	return emulator.store
		.listNotifications({ organizationId })
		.map((notification) => notification.id);
}

test('ids of one item, separated by commas: one request, one output item listing what was deleted', async () => {
	seed('acme', 'deal-1', ['n-1', 'n-2', 'n-3']);
	const run = await runVelt(emulator, {
		parameters: {
			...remove,
			organizationId: 'acme',
			notificationIds: 'n-1, n-2,n-2',
			documentId: 'deal-1',
		},
	});
	expect(run.status).toBe('success');
	expect(emulator.requests.map((request) => [request.path, request.body])).toEqual([
		[
			ENDPOINTS.deleteNotifications,
			{ data: { organizationId: 'acme', documentId: 'deal-1', notificationIds: ['n-1', 'n-2'] } },
		],
	]);
	expect(run.json).toEqual([{ deleted: true, deletedIds: ['n-1', 'n-2'], deletedCount: 2 }]);
	expect(pairedItems(run)).toEqual([{ item: 0 }]);
	expect(storedIds('acme')).toEqual(['n-3']);
});

test('ids of several items with the same scope share requests of at most Batch Size ids; outputs stay per item', async () => {
	seed('acme', 'deal-1', ['n-1', 'n-2', 'n-3', 'n-4', 'n-5']);
	const run = await runVelt(emulator, {
		items: [{ ids: ['n-1', 'n-2'] }, { ids: ['n-3'] }, { ids: ['n-4', 'n-5'] }],
		parameters: {
			...remove,
			organizationId: 'acme',
			notificationIds: '={{ $json.ids }}',
			documentId: 'deal-1',
			options: { batchSize: 3 },
		},
	});
	expect(run.status).toBe('success');
	expect(sentData(emulator)).toEqual([
		{ organizationId: 'acme', documentId: 'deal-1', notificationIds: ['n-1', 'n-2', 'n-3'] },
		{ organizationId: 'acme', documentId: 'deal-1', notificationIds: ['n-4', 'n-5'] },
	]);
	expect(run.json).toEqual([
		{ deleted: true, deletedIds: ['n-1', 'n-2'], deletedCount: 2 },
		{ deleted: true, deletedIds: ['n-3'], deletedCount: 1 },
		{ deleted: true, deletedIds: ['n-4', 'n-5'], deletedCount: 2 },
	]);
	expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(storedIds('acme')).toEqual([]);
});

test("without ids, a Document ID and Location ID delete everything they match, in a request of that item's own", async () => {
	seed('acme', 'deal-1', ['a-1', 'a-2'], 'pricing');
	seed('acme', 'deal-1', ['b-1'], 'terms');
	seed('acme', 'deal-2', ['c-1'], 'pricing');
	const run = await runVelt(emulator, {
		parameters: {
			...remove,
			organizationId: 'acme',
			notificationIds: '',
			documentId: 'deal-1',
			additionalFields: { locationId: 'pricing', userId: 'u1' },
		},
	});
	expect(run.status).toBe('success');
	expect(sentData(emulator)).toEqual([
		{ organizationId: 'acme', documentId: 'deal-1', locationId: 'pricing', userId: 'u1' },
	]);
	expect(run.json).toEqual([{ deleted: true, deletedIds: ['a-1', 'a-2'], deletedCount: 2 }]);
	expect(storedIds('acme')).toEqual(['b-1', 'c-1']);
});

test("an id Velt could not delete fails its item, naming the id and Velt's reason", async () => {
	seed('acme', 'deal-1', ['n-1']);
	const run = await runVelt(emulator, {
		items: [{ ids: 'n-1' }, { ids: 'gone-1, gone-2' }],
		parameters: { ...remove, organizationId: 'acme', notificationIds: '={{ $json.ids }}' },
	});
	expect(run.status).toBe('error');
	expect(sentData(emulator)).toEqual([
		{ organizationId: 'acme', notificationIds: ['n-1', 'gone-1', 'gone-2'] },
	]);
	expect(run.thrown).toBeInstanceOf(NodeOperationError);
	const error = run.thrown as NodeOperationError;
	expect(error.message).toBe(
		'Velt could not delete notification gone-1 (Failed to delete notification.), gone-2 (Failed to delete notification.)',
	);
	expect(error.context.itemIndex).toBe(1);
	expect(error.description).toBe(
		'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
	);
});

test('with Continue On Fail, the item with an unknown id becomes an error item and the other item is deleted', async () => {
	seed('acme', 'deal-1', ['n-1']);
	const run = await runVelt(emulator, {
		continueOnFail: true,
		items: [{ ids: 'gone' }, { ids: 'n-1' }],
		parameters: { ...remove, organizationId: 'acme', notificationIds: '={{ $json.ids }}' },
	});
	expect(run.status).toBe('success');
	expect(run.json).toEqual([
		{
			error: 'Velt could not delete notification gone (Failed to delete notification.)',
			description:
				'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
		},
		{ deleted: true, deletedIds: ['n-1'], deletedCount: 1 },
	]);
	expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(storedIds('acme')).toEqual([]);
});
