/**
 * The Organization, Document and Folder resources of the Velt node through n8n-core against
 * the emulator: a customer's workspace set up and taken down item by item (one result per
 * item), bad input refused before anything is sent, the author-only rules of a tool run
 * (Delete, Disable, public access, the organization), the Folder picker and the Document picker
 * narrowed by the folder chosen beside it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { LIST_PAGE_SIZE } from '../../nodes/shared/listSearch';
import { DIRECTORY_ENDPOINTS, WORKSPACE_ENDPOINTS } from '../../nodes/shared/transport';
import { searchList } from '../helpers/listSearchHarness';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { useEmulator } from '../helpers/useEmulator';
import { toolError } from '../node/support';
import { VELT_TOOL, byId, errorMessage, runVeltNode, sentData } from './support';

const emulator = useEmulator();
const W = WORKSPACE_ENDPOINTS;
const ACME = byId('acme');

async function run(parameters: INodeParameters, items?: IDataObject[]) {
	const result = await runVeltNode(emulator, { parameters, items });
	expect(result.error?.message).toBeUndefined();
	expect(result.status).toBe('success');
	return result.json;
}

test('a customer set up and taken down: organization, folders, documents, access, disable, delete', async () => {
	expect(
		await run({
			resource: 'organization',
			operation: 'create',
			organizationId: 'acme',
			additionalFields: { organizationName: 'Acme', fieldsJson: '{"plan": "pro"}' },
		}),
	).toEqual([
		expect.objectContaining({
			organizationId: 'acme',
			organizationName: 'Acme',
			plan: 'pro',
			message: 'Added Successfully',
		}),
	]);
	const folders = await run(
		{
			resource: 'folder',
			operation: 'create',
			organizationId: ACME,
			folderId: '={{ $json.id }}',
			additionalFields: { parentFolderId: '={{ $json.parent }}', accessType: 'restricted' },
		},
		[{ id: 'sales' }, { id: 'emea', parent: 'sales' }],
	);
	expect(folders.map((json) => json.folderId)).toEqual(['sales', 'emea']);
	const documents = await run(
		{
			resource: 'document',
			operation: 'create',
			organizationId: ACME,
			documentId: '={{ $json.id }}',
			additionalFields: { documentName: '={{ $json.name }}', folderId: byId('sales') },
		},
		[
			{ id: 'deal-1', name: 'Deal 1' },
			{ id: 'deal-2', name: 'Deal 2' },
		],
	);
	expect(documents.map((json) => [json.documentId, json.folderId])).toEqual([
		['deal-1', 'sales'],
		['deal-2', 'sales'],
	]);
	// Items of one organization and folder share one request (issue 25).
	expect(sentData(emulator, W.addDocuments)).toEqual([
		{
			organizationId: 'acme',
			folderId: 'sales',
			documents: [
				{ documentId: 'deal-1', documentName: 'Deal 1' },
				{ documentId: 'deal-2', documentName: 'Deal 2' },
			],
		},
	]);

	const tree = await run({
		resource: 'folder',
		operation: 'getAll',
		organizationId: ACME,
		returnAll: true,
		filters: { folderId: byId('sales') },
	});
	expect(tree).toEqual([
		expect.objectContaining({
			folderId: 'sales',
			accessType: 'restricted',
			subFolders: [expect.objectContaining({ folderId: 'emea', ancestors: ['root', 'sales'] })],
		}),
	]);

	await run({
		resource: 'document',
		operation: 'move',
		organizationId: ACME,
		documentIds: 'deal-2',
		folderId: byId('emea'),
	});
	const inEmea = await run({
		resource: 'document',
		operation: 'getAll',
		organizationId: ACME,
		returnAll: true,
		filters: { folderId: byId('emea') },
	});
	expect(inEmea.map((json) => json.id)).toEqual(['deal-2']);

	expect(
		await run({
			resource: 'document',
			operation: 'setAccess',
			organizationId: ACME,
			documentIds: 'deal-1, deal-2',
			accessType: 'public',
		}),
	).toEqual([expect.objectContaining({ accessType: 'public', updatedIds: ['deal-1', 'deal-2'] })]);
	await run({
		resource: 'folder',
		operation: 'setAccess',
		organizationId: ACME,
		folderIds: 'emea',
		accessType: 'inheritFromParent',
	});
	expect(emulator.store.workspace.getFolder('acme', 'emea')?.inheritAccessFromParent).toBe(true);

	await run({
		resource: 'organization',
		operation: 'setDisabled',
		organizationIds: 'acme',
		disabled: true,
	});
	const listed = await run({ resource: 'organization', operation: 'getAll', returnAll: true });
	expect(listed).toEqual([expect.objectContaining({ id: 'acme', disabled: true, plan: 'pro' })]);

	expect(
		await run({
			resource: 'document',
			operation: 'delete',
			organizationId: ACME,
			documentIds: ['deal-1', 'deal-2'],
		}),
	).toEqual([expect.objectContaining({ deleted: true, deletedIds: ['deal-1', 'deal-2'] })]);
	await run({
		resource: 'folder',
		operation: 'delete',
		organizationId: ACME,
		folderId: byId('sales'),
	});
	expect(emulator.store.workspace.listFolders('acme')).toEqual([]);
	await run({ resource: 'organization', operation: 'delete', organizationIds: 'acme' });
	expect(emulator.store.hasOrganization('acme')).toBe(false);
});

test('a missing document fails its item naming it, and the deleted one; Continue On Fail keeps both items', async () => {
	emulator.store.upsertDocument('acme', { documentId: 'deal-1' });
	const result = await runVeltNode(emulator, {
		continueOnFail: true,
		items: [{ ids: 'deal-1, deal-9' }, { ids: 'deal-9' }],
		parameters: {
			resource: 'document',
			operation: 'delete',
			organizationId: ACME,
			documentIds: '={{ $json.ids }}',
		},
	});
	expect(result.json.map((json) => json.error)).toEqual([
		'Velt could not delete document deal-9 (Document does not exist)',
		'Velt could not delete document deal-9 (Document does not exist)',
	]);
	expect(String(result.json[0].description)).toMatch(/Velt did delete document deal-1\.$/);
	// not-found is never retried (the page: "Retrying on the status alone will loop").
	expect(emulator.requests).toHaveLength(2);
});

const REFUSALS: Array<[string, INodeParameters, string]> = [
	[
		'an access type Velt does not have',
		{
			resource: 'document',
			operation: 'setAccess',
			organizationId: ACME,
			documentIds: 'd',
			accessType: 'secret',
		},
		'Access Type: "secret" is not one of organizationPrivate, restricted, public',
	],
	[
		'Disabled that is not a boolean',
		{
			resource: 'document',
			operation: 'setDisabled',
			organizationId: ACME,
			documentIds: 'd',
			disabled: '={{ "maybe" }}',
		},
		'Disabled: must be true or false, got "maybe"',
	],
	[
		'more than 30 documents to move (Velt takes 30)',
		{
			resource: 'document',
			operation: 'move',
			organizationId: ACME,
			documentIds: Array.from({ length: 31 }, (_, i) => `d${i}`).join(','),
			folderId: byId('f'),
		},
		'Document IDs: has 31 IDs, but Velt takes at most 30 in one call',
	],
	[
		'Create Folder without a folder',
		{
			resource: 'document',
			operation: 'create',
			organizationId: ACME,
			documentId: 'd',
			additionalFields: { createFolder: true },
		},
		'Create Folder: is on, but no Folder is given',
	],
	[
		'Other Fields that are not a JSON object',
		{
			resource: 'organization',
			operation: 'create',
			organizationId: 'o',
			additionalFields: { fieldsJson: '[1]' },
		},
		'Other Fields (JSON)',
	],
	[
		'no folder IDs',
		{
			resource: 'folder',
			operation: 'setAccess',
			organizationId: ACME,
			folderIds: '={{ "" }}',
			accessType: 'restricted',
		},
		'Folder IDs: is required but is empty',
	],
	[
		'a Max Depth of 0',
		{
			resource: 'folder',
			operation: 'getAll',
			organizationId: ACME,
			returnAll: true,
			filters: { maxDepth: 0 },
		},
		'Max Depth: must be a whole number of at least 1, got 0',
	],
	[
		'an empty Folder to delete',
		{ resource: 'folder', operation: 'delete', organizationId: ACME, folderId: '={{ "  " }}' },
		'Folder: is required but is empty',
	],
];

test.each(REFUSALS)('refused before sending: %s', async (_name, parameters, message) => {
	const result = await runVeltNode(emulator, { parameters });
	expect(result.status).toBe('error');
	expect(errorMessage(result)).toContain(message);
	expect(emulator.requests).toEqual([]);
});

describe('as an AI agent tool', () => {
	const tool = async (parameters: INodeParameters, args: IDataObject = {}) =>
		await runVeltNode(emulator, { nodeTypeName: VELT_TOOL, items: [args], parameters });

	beforeEach(() => {
		emulator.store.upsertDocument('acme', { documentId: 'deal-1' });
		emulator.store.workspace.upsertFolder('acme', 'sales');
	});

	const publicAccess: INodeParameters = {
		resource: 'document',
		operation: 'setAccess',
		organizationId: ACME,
		documentIds: "={{ $fromAI('Document_IDs', '', 'string') }}",
		accessType: "={{ $fromAI('Access', '', 'string') }}",
	};

	test("the model may restrict a document, but making it public needs the author's switch", async () => {
		const restricted = await tool(publicAccess, { Document_IDs: 'deal-1', Access: 'restricted' });
		expect(restricted.json[0]).toMatchObject({ accessType: 'restricted' });
		emulator.requests.length = 0;
		const refused = await tool(publicAccess, { Document_IDs: 'deal-1', Access: 'public' });
		expect(toolError(refused)).toMatch(/cannot make anything public/);
		expect(emulator.requests).toEqual([]);
		const allowed = await tool(
			{ ...publicAccess, allowToolPublicAccess: true },
			{ Document_IDs: 'deal-1', Access: 'public' },
		);
		expect(allowed.json[0]).toMatchObject({ accessType: 'public' });
	});

	test('a folder created public needs the switch too', async () => {
		const parameters: INodeParameters = {
			resource: 'folder',
			operation: 'create',
			organizationId: ACME,
			folderId: "={{ $fromAI('Folder', '', 'string') }}",
			additionalFields: { accessType: 'public' },
		};
		expect(toolError(await tool(parameters, { Folder: 'f1' }))).toMatch(/AI agent/);
		expect(emulator.requests).toEqual([]);
		expect(
			(await tool({ ...parameters, allowToolPublicAccess: true }, { Folder: 'f1' })).json[0],
		).toMatchObject({ folderId: 'f1', accessType: 'public' });
	});

	test("enabling is the model's; disabling is the author's", async () => {
		const parameters: INodeParameters = {
			resource: 'document',
			operation: 'setDisabled',
			organizationId: ACME,
			documentIds: 'deal-1',
			disabled: "={{ $fromAI('Disabled', '', 'boolean') }}",
		};
		expect((await tool(parameters, { Disabled: false })).json[0]).toMatchObject({
			disabled: false,
		});
		emulator.requests.length = 0;
		expect(toolError(await tool(parameters, { Disabled: true }))).toMatch(
			/Allow Disabling as a Tool: is off, so this AI agent tool cannot disable documents/,
		);
		expect(emulator.requests).toEqual([]);
		expect(
			(await tool({ ...parameters, allowToolDisable: true }, { Disabled: true })).json[0],
		).toMatchObject({ disabled: true });
	});

	test.each([
		['organization', { organizationIds: 'acme' }],
		['document', { organizationId: ACME, documentIds: 'deal-1' }],
		['folder', { organizationId: ACME, folderId: byId('sales') }],
	])("Delete (%s) only with the author's switch", async (resource, fields) => {
		const parameters = { resource, operation: 'delete', ...fields } as INodeParameters;
		expect(toolError(await tool(parameters))).toMatch(/Allow Deleting as a Tool: is off/);
		expect(emulator.requests).toEqual([]);
		const allowed = await tool({ ...parameters, allowToolDelete: true });
		expect(allowed.json[0]).toMatchObject({ deleted: true });
	});

	test('the model never chooses the organization, not even to create one', async () => {
		const parameters: INodeParameters = {
			resource: 'organization',
			operation: 'create',
			organizationId: "={{ $fromAI('Organization', '', 'string') }}",
		};
		expect(toolError(await tool(parameters, { Organization: 'evil-corp' }))).toMatch(
			/an AI agent cannot choose the organization/,
		);
		const documents: INodeParameters = {
			resource: 'document',
			operation: 'getAll',
			organizationId: byId("={{ $fromAI('Organization', '', 'string') }}"),
			returnAll: true,
		};
		expect(toolError(await tool(documents, { Organization: 'other' }))).toMatch(
			/cannot choose the organization/,
		);
		expect(emulator.requests).toEqual([]);
	});
});

describe('the Folder picker', () => {
	const pick = (parameters: INodeParameters, filter?: string) =>
		searchList({
			nodeType: new Velt(),
			method: 'searchFolders',
			parameterName: 'folderId',
			parameters: { resource: 'document', operation: 'move', ...parameters },
			credentials: { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url },
			filter,
		});

	test('lists every folder of the chosen organization by name, subfolders too; folders/get has no pages', async () => {
		emulator.store.workspace.upsertFolder('acme', 'sales', { folderName: 'Sales' });
		emulator.store.workspace.upsertFolder('acme', 'emea', {
			folderName: 'EMEA',
			parentFolderId: 'sales',
		});
		emulator.store.workspace.upsertFolder('other', 'hidden');
		const listed = await pick({ organizationId: ACME });
		expect(listed.results).toEqual([
			{ name: 'Sales (sales)', value: 'sales' },
			{ name: 'EMEA (emea)', value: 'emea' },
		]);
		expect(listed.paginationToken).toBeUndefined();
		expect(sentData(emulator, W.getFolders)).toEqual([{ organizationId: 'acme' }]);
		expect((await pick({ organizationId: ACME }, 'eme')).results.map((r) => r.value)).toEqual([
			'emea',
		]);
	});

	test('without an organization it asks for one, sending nothing', async () => {
		await expect(pick({})).rejects.toThrow('Choose an organization first');
		expect(emulator.requests).toEqual([]);
	});
});

describe('the Document picker, narrowed by the folder chosen beside it', () => {
	const pick = (parameters: INodeParameters, paginationToken?: string) =>
		searchList({
			nodeType: new Velt(),
			method: 'searchDocuments',
			parameterName: 'documentId',
			parameters,
			credentials: { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url },
			paginationToken,
		});
	const threadsOf = (filters: INodeParameters): INodeParameters => ({
		resource: 'commentThread',
		operation: 'getAll',
		organizationId: ACME,
		filters,
	});
	const seed = () => {
		const store = emulator.store;
		store.upsertDocument('acme', { documentId: 'q3', documentName: 'Q3 Plan', folderId: 'sales' });
		store.upsertDocument('acme', { documentId: 'q4', folderId: 'sales' });
		store.upsertDocument('acme', { documentId: 'handbook', folderId: 'hr' });
		store.upsertDocument('acme', { documentId: 'loose' });
	};

	test.each<[string, INodeParameters]>([
		["Comment Thread > Get Many's Filters → Folder ID", threadsOf({ folderId: 'sales' })],
		[
			"User > Get's Additional Fields → Folder ID",
			{
				resource: 'user',
				operation: 'get',
				organizationId: ACME,
				additionalFields: { folderId: 'sales' },
			},
		],
		[
			"User > Get Many's Filters → Folder ID, picked by ID",
			{
				resource: 'user',
				operation: 'getAll',
				organizationId: ACME,
				filters: { folderId: byId('sales') },
			},
		],
	])(
		'%s: only the documents of that folder, asked of Velt with folderId',
		async (_case, parameters) => {
			seed();
			const listed = await pick(parameters);
			expect(listed.results).toEqual([
				{ name: 'Q3 Plan (q3)', value: 'q3' },
				{ name: 'q4', value: 'q4' },
			]);
			expect(sentData(emulator, DIRECTORY_ENDPOINTS.getDocuments)).toEqual([
				{ organizationId: 'acme', folderId: 'sales', pageSize: LIST_PAGE_SIZE },
			]);
		},
	);

	test.each<[string, INodeParameters]>([
		['no folder', {}],
		['an empty one', { folderId: '  ' }],
		['an expression, not known until the run', { folderId: '={{ $json.folder }}' }],
	])('with %s the whole organization is listed, no folderId sent', async (_case, filters) => {
		seed();
		const listed = await pick(threadsOf(filters));
		expect(listed.results.map((entry) => entry.value)).toEqual(['q3', 'q4', 'handbook', 'loose']);
		expect(sentData(emulator, DIRECTORY_ENDPOINTS.getDocuments)).toEqual([
			{ organizationId: 'acme', pageSize: LIST_PAGE_SIZE },
		]);
	});

	test("a folder's next page keeps the folder: bounded pages of LIST_PAGE_SIZE, no token after the last", async () => {
		for (let n = 0; n < LIST_PAGE_SIZE + 5; n += 1)
			emulator.store.upsertDocument('acme', { documentId: `s-${n}`, folderId: 'sales' });
		emulator.store.upsertDocument('acme', { documentId: 'elsewhere', folderId: 'hr' });
		const first = await pick(threadsOf({ folderId: 'sales' }));
		expect(first.results).toHaveLength(LIST_PAGE_SIZE);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await pick(threadsOf({ folderId: 'sales' }), first.paginationToken);
		expect(second.results.map((entry) => entry.value)).toEqual(
			[0, 1, 2, 3, 4].map((n) => `s-${LIST_PAGE_SIZE + n}`),
		);
		expect(second.paginationToken).toBeUndefined();
		expect(sentData(emulator, DIRECTORY_ENDPOINTS.getDocuments)).toEqual([
			{ organizationId: 'acme', folderId: 'sales', pageSize: LIST_PAGE_SIZE },
			{
				organizationId: 'acme',
				folderId: 'sales',
				pageSize: LIST_PAGE_SIZE,
				pageToken: first.paginationToken,
			},
		]);
	});

	test('a folder without an organization still asks for the organization, sending nothing', async () => {
		await expect(
			pick({ resource: 'commentThread', operation: 'getAll', filters: { folderId: 'sales' } }),
		).rejects.toThrow('Choose an organization first');
		expect(emulator.requests).toEqual([]);
	});
});
