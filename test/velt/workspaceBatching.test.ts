/**
 * Organization, Document, Folder and Activity writes batched across items (issue 25), through
 * n8n-core against the emulator: N items are ceil(N / Batch Size) requests of one endpoint
 * (before: N), ids sent in input order, output in input order; a batch in which Velt fails some
 * ids fails exactly those items (Continue On Fail keeps the others, in input order). Velt fails
 * an id the way its page documents it (an id that exists on a create, an id it does not have
 * otherwise); Organization Disable, whose emulator creates what is missing as its page says,
 * gets the page's failure example from a canned Velt.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ACTIVITY_ENDPOINTS, WORKSPACE_ENDPOINTS as W } from '../../nodes/shared/transport';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { useEmulator } from '../helpers/useEmulator';
import type { VeltEmulator } from '../emulator';
import { byId, errorMessage, runVeltNode, sentData } from './support';

const emulator = useEmulator();
const velt = cannedVeltForFile();
const ACME = byId('acme');
const ID = '={{ $json.id }}';

interface Case {
	name: string;
	parameters: INodeParameters;
	path: string;
	/** Where a request carries its ids: an id list, or a list of entities with `idKey`. */
	list: string;
	idKey?: string;
	/** Makes `ids` exist in the emulator (for a create: the ids that are to fail). */
	seed: (emulator: VeltEmulator, ids: string[]) => void;
	/** A create fails the ids that exist; every other write the ids Velt does not have. */
	failsExisting?: boolean;
	/** Completes "Velt could not <doing> <id> (<reason>)". */
	doing: string;
	reason: string;
	/** The id an item's output names. */
	outputId: (json: IDataObject) => unknown;
	/** Answered by a canned Velt (the emulator never fails an id of it). */
	canned?: true;
}

const organizations = (emulator: VeltEmulator, ids: string[]) =>
	ids.forEach((organizationId) => emulator.store.upsertOrganization({ organizationId }));
const documents = (emulator: VeltEmulator, ids: string[]) =>
	ids.forEach((documentId) => emulator.store.upsertDocument('acme', { documentId }));
const folders = (emulator: VeltEmulator, ids: string[]) =>
	ids.forEach((folderId) => emulator.store.workspace.upsertFolder('acme', folderId));
const activities = (emulator: VeltEmulator, ids: string[]) =>
	ids.forEach((id) =>
		emulator.store.activity.insertActivity('acme', 'deal-1', {
			id,
			featureType: 'custom',
			actionType: 'invoicePaid',
			actionUser: { userId: 'billing' },
			targetEntityId: 'invoice-1',
		}),
	);
const firstOf = (key: string) => (json: IDataObject) => (json[key] as unknown[] | undefined)?.[0];

const CASES: Case[] = [
	{
		name: 'Organization > Create',
		parameters: { resource: 'organization', operation: 'create', organizationId: ID },
		path: W.addOrganizations,
		list: 'organizations',
		idKey: 'organizationId',
		seed: organizations,
		failsExisting: true,
		doing: 'create organization',
		reason: 'Organization already exists',
		outputId: (json) => json.organizationId,
	},
	{
		name: 'Organization > Update',
		parameters: {
			resource: 'organization',
			operation: 'update',
			organizationId: ID,
			updateFields: { organizationName: '={{ "Org " + $json.id }}' },
		},
		path: W.updateOrganizations,
		list: 'organizations',
		idKey: 'organizationId',
		seed: organizations,
		doing: 'update organization',
		reason: 'Organization does not exist',
		outputId: (json) => json.organizationId,
	},
	{
		name: 'Organization > Delete',
		parameters: { resource: 'organization', operation: 'delete', organizationIds: ID },
		path: W.deleteOrganizations,
		list: 'organizationIds',
		seed: organizations,
		doing: 'delete organization',
		reason: 'Organization does not exist',
		outputId: firstOf('deletedIds'),
	},
	{
		name: 'Organization > Disable / Enable',
		parameters: {
			resource: 'organization',
			operation: 'setDisabled',
			organizationIds: ID,
			disabled: true,
		},
		path: W.updateOrganizationDisableState,
		list: 'organizationIds',
		seed: organizations,
		doing: 'set the disabled state of organization',
		reason: 'Organization does not exist',
		outputId: firstOf('updatedIds'),
		canned: true,
	},
	{
		name: 'Document > Create',
		parameters: {
			resource: 'document',
			operation: 'create',
			organizationId: ACME,
			documentId: ID,
		},
		path: W.addDocuments,
		list: 'documents',
		idKey: 'documentId',
		seed: documents,
		failsExisting: true,
		doing: 'create document',
		reason: 'Document already exists',
		outputId: (json) => json.documentId,
	},
	{
		name: 'Document > Update',
		parameters: {
			resource: 'document',
			operation: 'update',
			organizationId: ACME,
			documentId: ID,
			updateFields: { documentName: '={{ "Doc " + $json.id }}' },
		},
		path: W.updateDocuments,
		list: 'documents',
		idKey: 'documentId',
		seed: documents,
		doing: 'update document',
		reason: 'Document does not exist',
		outputId: (json) => json.documentId,
	},
	{
		name: 'Document > Delete',
		parameters: {
			resource: 'document',
			operation: 'delete',
			organizationId: ACME,
			documentIds: ID,
		},
		path: W.deleteDocuments,
		list: 'documentIds',
		seed: documents,
		doing: 'delete document',
		reason: 'Document does not exist',
		outputId: firstOf('deletedIds'),
	},
	{
		name: 'Document > Disable / Enable',
		parameters: {
			resource: 'document',
			operation: 'setDisabled',
			organizationId: ACME,
			documentIds: ID,
			disabled: true,
		},
		path: W.updateDocumentDisableState,
		list: 'documentIds',
		seed: documents,
		doing: 'set the disabled state of document',
		reason: 'Document does not exist',
		outputId: firstOf('updatedIds'),
	},
	{
		name: 'Document > Set Access',
		parameters: {
			resource: 'document',
			operation: 'setAccess',
			organizationId: ACME,
			documentIds: ID,
			accessType: 'restricted',
		},
		path: W.updateDocumentAccess,
		list: 'documentIds',
		seed: documents,
		doing: 'set the access type of document',
		reason: 'Document does not exist',
		outputId: firstOf('updatedIds'),
	},
	{
		name: 'Folder > Create',
		parameters: { resource: 'folder', operation: 'create', organizationId: ACME, folderId: ID },
		path: W.addFolders,
		list: 'folders',
		idKey: 'folderId',
		seed: folders,
		failsExisting: true,
		doing: 'create folder',
		reason: 'Folder already exists',
		outputId: (json) => json.folderId,
	},
	{
		name: 'Folder > Update',
		parameters: {
			resource: 'folder',
			operation: 'update',
			organizationId: ACME,
			folderId: ID,
			updateFields: { folderName: '={{ "Folder " + $json.id }}' },
		},
		path: W.updateFolders,
		list: 'folders',
		idKey: 'folderId',
		seed: folders,
		doing: 'update folder',
		reason: 'Folder not found.',
		outputId: (json) => json.folderId,
	},
	{
		name: 'Folder > Set Access',
		parameters: {
			resource: 'folder',
			operation: 'setAccess',
			organizationId: ACME,
			folderIds: ID,
			accessType: 'restricted',
		},
		path: W.updateFolderAccess,
		list: 'folderIds',
		seed: folders,
		doing: 'set the access type of folder',
		reason: 'Folder not found.',
		outputId: firstOf('updatedIds'),
	},
	{
		name: 'Activity > Update',
		parameters: {
			resource: 'activity',
			operation: 'update',
			organizationId: ACME,
			activityId: ID,
			updateFields: { actionIcon: '={{ "https://example.com/" + $json.id + ".svg" }}' },
		},
		path: ACTIVITY_ENDPOINTS.updateActivities,
		list: 'activities',
		idKey: 'id',
		seed: activities,
		doing: 'update activity',
		reason: 'Failed to update activity.',
		outputId: (json) => json.id,
	},
	{
		name: 'Activity > Delete',
		parameters: {
			resource: 'activity',
			operation: 'delete',
			organizationId: ACME,
			activityIds: ID,
		},
		path: ACTIVITY_ENDPOINTS.deleteActivities,
		list: 'activityIds',
		seed: activities,
		doing: 'delete activity',
		reason: 'Failed to delete activity.',
		outputId: firstOf('deletedIds'),
	},
];

/** The ids one request carried. */
function idsOf(data: IDataObject, { list, idKey }: Case): string[] {
	const entries = data[list] as unknown[];
	return entries.map((entry) =>
		idKey === undefined ? String(entry) : String((entry as IDataObject)[idKey]),
	);
}

/** Velt's per-id answer as the canned case's page shows it (success true, or its failure). */
function cannedAnswer(ids: string[], failing: Set<string>) {
	const data: IDataObject = {};
	for (const id of ids)
		data[id] = failing.has(id)
			? { success: false, id, message: 'Organization does not exist' }
			: { success: true, id, message: 'Updated disable state for organization Successfully' };
	return {
		status: 200,
		body: {
			result: {
				status: 'success',
				message: 'Updated disable state for Organization(s) successfully.',
				data,
			},
		},
	};
}

const itemsOf = (ids: string[]) => ids.map((id) => ({ id }));

describe.each(CASES)('$name', (testCase) => {
	test('120 items are 3 requests (Batch Size 50; one per item before), ids in input order, output in input order', async () => {
		const ids = Array.from({ length: 120 }, (_, index) => `e${index}`);
		if (testCase.canned) velt.answer = cannedAnswer(ids, new Set());
		else testCase.seed(emulator, testCase.failsExisting ? [] : ids);
		const target = testCase.canned ? velt : emulator;
		const run = await runVeltNode(target, { parameters: testCase.parameters, items: itemsOf(ids) });
		expect(errorMessage(run)).toBe('');
		const sent = testCase.canned
			? velt.requests.map((request) => (request.body as { data: IDataObject }).data)
			: sentData(emulator);
		expect(
			(testCase.canned ? velt.requests : emulator.requests).map((request) => request.path),
		).toEqual([testCase.path, testCase.path, testCase.path]);
		// The batches run at once: in the node's order by their first id.
		const batches = sent
			.map((data) => idsOf(data, testCase))
			.sort((a, b) => ids.indexOf(a[0]) - ids.indexOf(b[0]));
		expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
		expect(batches.flat()).toEqual(ids);
		expect(run.json.map(testCase.outputId)).toEqual(ids);
	});

	describe.each([true, false])('Velt fails ids 1 and 3 of 5 (Continue On Fail: %s)', (cof) => {
		test('exactly those items fail, the others keep their output in input order', async () => {
			const ids = ['a0', 'a1', 'a2', 'a3', 'a4'];
			const failing = new Set(['a1', 'a3']);
			if (testCase.canned) velt.answer = cannedAnswer(ids, failing);
			else
				testCase.seed(
					emulator,
					ids.filter((id) => failing.has(id) === Boolean(testCase.failsExisting)),
				);
			const target = testCase.canned ? velt : emulator;
			const run = await runVeltNode(target, {
				parameters: { ...testCase.parameters, options: { maxRetries: 0 } },
				items: itemsOf(ids),
				continueOnFail: cof,
			});
			expect((testCase.canned ? velt.requests : emulator.requests).length).toBe(1);
			const failure = (id: string) => `Velt could not ${testCase.doing} ${id} (${testCase.reason})`;
			if (!cof) {
				expect(run.status).toBe('error');
				expect(errorMessage(run)).toBe(failure('a1'));
				return;
			}
			expect(run.json.map((json) => json.error ?? testCase.outputId(json))).toEqual(
				ids.map((id) => (failing.has(id) ? failure(id) : id)),
			);
		});
	});
});

describe('batching rules of these operations', () => {
	test('Folder > Create: a folder whose parent an earlier item creates is sent after it; folders of one parent share a request', async () => {
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'folder',
				operation: 'create',
				organizationId: ACME,
				folderId: ID,
				additionalFields: { parentFolderId: '={{ $json.parent ?? "" }}' },
			},
			items: [
				{ id: 'sales' },
				{ id: 'emea', parent: 'sales' },
				{ id: 'legal' },
				{ id: 'apac', parent: 'sales' },
			],
		});
		expect(errorMessage(run)).toBe('');
		expect(
			sentData(emulator).map((data) =>
				(data.folders as IDataObject[]).map((folder) => folder.folderId),
			),
		).toEqual([
			['sales', 'legal'],
			['emea', 'apac'],
		]);
		expect(run.json.map((json) => json.folderId)).toEqual(['sales', 'emea', 'legal', 'apac']);
		expect(emulator.store.workspace.getFolder('acme', 'apac')?.parentFolderId).toBe('sales');
	});

	test('Document > Update: the same document in two items goes to a later request, so the later item applies last', async () => {
		documents(emulator, ['d1', 'd2']);
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'document',
				operation: 'update',
				organizationId: ACME,
				documentId: ID,
				updateFields: { documentName: '={{ $json.name }}' },
			},
			items: [
				{ id: 'd1', name: 'First' },
				{ id: 'd2', name: 'Other' },
				{ id: 'd1', name: 'Second' },
			],
		});
		expect(errorMessage(run)).toBe('');
		expect(
			sentData(emulator).map((data) =>
				(data.documents as IDataObject[]).map((document) => document.documentName),
			),
		).toEqual([['First', 'Other'], ['Second']]);
		expect(emulator.store.getDocument('acme', 'd1')?.documentName).toBe('Second');
	});

	test('Document > Disable / Enable: items with another Disabled or organization do not share a request', async () => {
		documents(emulator, ['d1', 'd2', 'd3']);
		emulator.store.upsertDocument('globex', { documentId: 'd1' });
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'document',
				operation: 'setDisabled',
				organizationId: '={{ $json.org }}',
				documentIds: ID,
				disabled: '={{ $json.disabled }}',
			},
			items: [
				{ org: 'acme', id: 'd1', disabled: true },
				{ org: 'acme', id: 'd2', disabled: false },
				{ org: 'acme', id: 'd3', disabled: true },
				{ org: 'globex', id: 'd1', disabled: true },
			],
		});
		expect(errorMessage(run)).toBe('');
		const requests = sentData(emulator).map((data) =>
			JSON.stringify([data.organizationId, data.disabled, data.documentIds]),
		);
		expect(requests.sort()).toEqual(
			[
				['acme', true, ['d1', 'd3']],
				['acme', false, ['d2']],
				['globex', true, ['d1']],
			]
				.map((request) => JSON.stringify(request))
				.sort(),
		);
		expect(run.json.map((json) => [json.organizationId, json.disabled, json.updatedIds])).toEqual([
			['acme', true, ['d1']],
			['acme', false, ['d2']],
			['acme', true, ['d3']],
			['globex', true, ['d1']],
		]);
	});

	test('Activity > Delete: items with IDs share a request, an item deleting by document has its own', async () => {
		activities(emulator, ['x1', 'x2', 'x3']);
		emulator.store.activity.insertActivity('acme', 'deal-2', {
			id: 'y1',
			featureType: 'custom',
			actionType: 'invoicePaid',
			actionUser: { userId: 'billing' },
			targetEntityId: 'invoice-2',
		});
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'activity',
				operation: 'delete',
				organizationId: ACME,
				activityIds: '={{ $json.ids }}',
				additionalFields: { documentId: '={{ $json.doc ?? "" }}' },
			},
			items: [{ ids: 'x1, x2' }, { doc: 'deal-2' }, { ids: 'x3' }],
		});
		expect(errorMessage(run)).toBe('');
		const requests = sentData(emulator).map((data) => JSON.stringify(data));
		expect(requests.sort()).toEqual(
			[
				{ organizationId: 'acme', activityIds: ['x1', 'x2', 'x3'] },
				{ organizationId: 'acme', documentId: 'deal-2' },
			]
				.map((data) => JSON.stringify(data))
				.sort(),
		);
		expect(run.json.map((json) => json.deletedIds)).toEqual([['x1', 'x2'], ['y1'], ['x3']]);
		expect(emulator.store.activity.activitiesOf('acme')).toEqual([]);
	});
});
