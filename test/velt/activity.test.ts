/**
 * Activity operations beyond the guarantee table's rows (issue 28), through n8n-core against the
 * emulator: the checks the add page documents, named by field and made before anything is sent,
 * and many activities per item (Create and Update as JSON, Delete of a whole document).
 */
import type { INodeParameters } from 'n8n-workflow';
import { useEmulator } from '../helpers/useEmulator';
import { byId, errorMessage, runVeltNode } from './support';

const emulator = useEmulator();

const create = (more: INodeParameters): INodeParameters => ({
	resource: 'activity',
	operation: 'create',
	organizationId: byId('org-a'),
	documentId: byId('doc-a'),
	...more,
});

test('a Custom activity without a Target Entity ID is refused, naming the field, before anything is sent', async () => {
	const run = await runVeltNode(emulator, {
		parameters: create({
			featureType: 'custom',
			actionType: 'invoicePaid',
			actionUserId: byId('billing'),
		}),
	});
	expect(errorMessage(run)).toMatch(/^Target Entity ID: is required for a Custom activity/);
	expect(emulator.requests).toEqual([]);
});

test('as JSON, every activity is checked as documented, naming its position', async () => {
	const run = await runVeltNode(emulator, {
		parameters: create({
			inputMode: 'json',
			activities: JSON.stringify([
				{ featureType: 'comment', actionType: 'comment.add', actionUser: { userId: 'u1' } },
				{ featureType: 'huddle', actionType: 'huddle.join', actionUser: { userId: 'u1' } },
			]),
		}),
	});
	expect(errorMessage(run)).toMatch(/^Activities #2 featureType: "huddle" is not one of comment/);
	expect(emulator.requests).toEqual([]);
});

test('many activities per item: added as JSON, read, updated as JSON, then deleted with their document', async () => {
	const added = await runVeltNode(emulator, {
		parameters: create({
			inputMode: 'json',
			activities: JSON.stringify([
				{
					id: 'x1',
					featureType: 'comment',
					actionType: 'comment.add',
					actionUser: { userId: 'u1' },
				},
				{
					id: 'x2',
					featureType: 'custom',
					actionType: 'deployed',
					actionUser: { userId: 'ci' },
					targetEntityId: 'build-7',
				},
			]),
		}),
	});
	expect(added.json).toEqual([
		expect.objectContaining({ addedCount: 2, activityIds: ['x1', 'x2'] }),
	]);

	const read = await runVeltNode(emulator, {
		parameters: {
			resource: 'activity',
			operation: 'getAll',
			organizationId: byId('org-a'),
			returnAll: true,
			filters: { featureTypes: ['custom'] },
		},
	});
	expect(read.json.map((activity) => activity.id)).toEqual(['x2']);

	const updated = await runVeltNode(emulator, {
		parameters: {
			resource: 'activity',
			operation: 'update',
			organizationId: byId('org-a'),
			inputMode: 'json',
			activities: JSON.stringify([
				{ id: 'x1', actionIcon: 'https://example.com/a.svg' },
				{ id: 'x2', displayMessageTemplate: '{{user}} deployed build 7' },
			]),
		},
	});
	expect(updated.json).toEqual([
		expect.objectContaining({ updated: true, updatedIds: ['x1', 'x2'], updatedCount: 2 }),
	]);
	expect(emulator.store.activity.getActivity('org-a', 'x2')?.activity.displayMessageTemplate).toBe(
		'{{user}} deployed build 7',
	);

	const deleted = await runVeltNode(emulator, {
		parameters: {
			resource: 'activity',
			operation: 'delete',
			organizationId: byId('org-a'),
			additionalFields: { documentId: byId('doc-a') },
		},
	});
	expect(deleted.json).toEqual([
		expect.objectContaining({ deleted: true, deletedCount: 2, documentId: 'doc-a' }),
	]);
	expect(emulator.store.activity.activitiesOf('org-a')).toEqual([]);
});
