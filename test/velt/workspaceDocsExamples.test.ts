/**
 * Every documented example of the 17 organization, document and folder endpoints
 * (test/fixtures/veltDocsExamples.ts, from https://docs.velt.dev/api-reference/rest-apis/v2/organizations/*,
 * .../v2/documents/* and .../v2/folders/*), through n8n-core, both ways:
 * - each example request is reproduced from node parameters: the `data` Velt receives equals
 *   the documented one (the emulator, seeded so the call succeeds; the gets by a canned Velt,
 *   a documented pageToken given as Filters > Start Cursor);
 * - each example response and error is served verbatim (a canned Velt) and the output checked.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { DIRECTORY_ENDPOINTS, WORKSPACE_ENDPOINTS } from '../../nodes/shared/transport';
import { cannedVeltForFile, type CannedAnswer } from '../helpers/cannedVelt';
import {
	dataOf,
	documentedExample,
	exampleCounts,
	examplesUnder,
	requestCases,
} from '../helpers/docsExamples';
import { useEmulator } from '../helpers/useEmulator';
import { byId, errorMessage, runVeltNode, sentData } from './support';

const W = WORKSPACE_ENDPOINTS;
const D = DIRECTORY_ENDPOINTS;

const emulator = useEmulator();
const velt = cannedVeltForFile();

const ids = (list: unknown) =>
	// A documented id list is given as an array expression, so ids holding ", " stay whole.
	`={{ ${JSON.stringify(list)} }}`;

/** The node parameters that send each endpoint's documented `data`. */
const PARAMETERS: Record<string, (data: IDataObject) => INodeParameters> = {
	[W.addOrganizations]: (data) => {
		const [{ organizationId, organizationName }] = data.organizations as IDataObject[];
		return {
			resource: 'organization',
			operation: 'create',
			organizationId: organizationId as string,
			additionalFields: { organizationName: organizationName as string },
		};
	},
	[D.getOrganizations]: (data) => ({
		resource: 'organization',
		operation: 'getAll',
		returnAll: true,
		filters: {
			organizationIds: ids(data.organizationIds),
			...(typeof data.pageToken === 'string' ? { startCursor: data.pageToken } : {}),
		},
		options: { pageSize: data.pageSize as number },
	}),
	[W.updateOrganizations]: (data) => {
		const [{ organizationId, organizationName }] = data.organizations as IDataObject[];
		return {
			resource: 'organization',
			operation: 'update',
			organizationId: byId(organizationId as string),
			updateFields: { organizationName: organizationName as string },
		};
	},
	[W.deleteOrganizations]: (data) => ({
		resource: 'organization',
		operation: 'delete',
		organizationIds: ids(data.organizationIds),
	}),
	[W.updateOrganizationDisableState]: (data) => ({
		resource: 'organization',
		operation: 'setDisabled',
		organizationIds: ids(data.organizationIds),
		disabled: data.disabled as boolean,
	}),
	[W.addDocuments]: (data) => {
		const [{ documentId, documentName }] = data.documents as IDataObject[];
		const additionalFields: IDataObject = { documentName };
		if (typeof data.folderId === 'string') additionalFields.folderId = byId(data.folderId);
		return {
			resource: 'document',
			operation: 'create',
			organizationId: byId(data.organizationId as string),
			documentId: documentId as string,
			additionalFields: additionalFields as INodeParameters,
		};
	},
	[D.getDocuments]: (data) => {
		const filters: IDataObject = {};
		if (data.documentIds !== undefined) filters.documentIds = ids(data.documentIds);
		if (typeof data.folderId === 'string') filters.folderId = byId(data.folderId);
		if (typeof data.pageToken === 'string') filters.startCursor = data.pageToken;
		return {
			resource: 'document',
			operation: 'getAll',
			organizationId: byId(data.organizationId as string),
			returnAll: true,
			filters: filters as INodeParameters,
			options: typeof data.pageSize === 'number' ? { pageSize: data.pageSize } : {},
		};
	},
	[W.updateDocuments]: (data) => {
		const [{ documentId, documentName }] = data.documents as IDataObject[];
		return {
			resource: 'document',
			operation: 'update',
			organizationId: byId(data.organizationId as string),
			documentId: byId(documentId as string),
			updateFields: { documentName: documentName as string },
		};
	},
	[W.deleteDocuments]: (data) => ({
		resource: 'document',
		operation: 'delete',
		organizationId: byId(data.organizationId as string),
		documentIds: ids(data.documentIds),
	}),
	[W.moveDocuments]: (data) => ({
		resource: 'document',
		operation: 'move',
		organizationId: byId(data.organizationId as string),
		documentIds: ids(data.documentIds),
		folderId: byId(data.folderId as string),
	}),
	[W.updateDocumentAccess]: (data) => ({
		resource: 'document',
		operation: 'setAccess',
		organizationId: byId(data.organizationId as string),
		documentIds: ids(data.documentIds),
		accessType: data.accessType as string,
	}),
	[W.updateDocumentDisableState]: (data) => ({
		resource: 'document',
		operation: 'setDisabled',
		organizationId: byId(data.organizationId as string),
		documentIds: ids(data.documentIds),
		disabled: data.disabled as boolean,
	}),
	[W.addFolders]: (data) => {
		const [{ folderId, ...fields }] = data.folders as IDataObject[];
		const additionalFields: IDataObject = { ...fields };
		if (typeof fields.parentFolderId === 'string')
			additionalFields.parentFolderId = byId(fields.parentFolderId);
		return {
			resource: 'folder',
			operation: 'create',
			organizationId: byId(data.organizationId as string),
			folderId: folderId as string,
			additionalFields: additionalFields as INodeParameters,
		};
	},
	[W.getFolders]: (data) => {
		const filters: IDataObject = {};
		if (typeof data.folderId === 'string') filters.folderId = byId(data.folderId);
		if (typeof data.maxDepth === 'number') filters.maxDepth = data.maxDepth;
		return {
			resource: 'folder',
			operation: 'getAll',
			organizationId: byId(data.organizationId as string),
			returnAll: true,
			filters: filters as INodeParameters,
		};
	},
	[W.updateFolders]: (data) => {
		const [{ folderId, folderName, parentFolderId }] = data.folders as IDataObject[];
		return {
			resource: 'folder',
			operation: 'update',
			organizationId: byId(data.organizationId as string),
			folderId: byId(folderId as string),
			updateFields: {
				folderName: folderName as string,
				parentFolderId: byId(parentFolderId as string),
			},
		};
	},
	[W.deleteFolder]: (data) => ({
		resource: 'folder',
		operation: 'delete',
		organizationId: byId(data.organizationId as string),
		folderId: byId(data.folderId as string),
	}),
	[W.updateFolderAccess]: (data) => ({
		resource: 'folder',
		operation: 'setAccess',
		organizationId: byId(data.organizationId as string),
		folderIds: ids(data.folderIds),
		accessType: data.inheritFromParent === true ? 'inheritFromParent' : (data.accessType as string),
	}),
};

const ENDPOINTS = Object.keys(PARAMETERS);
const GETS: string[] = [D.getOrganizations, D.getDocuments];

/** What the documented write acts on, in the emulator: organizations, documents, folders. */
function seed(endpoint: string, data: IDataObject): void {
	const store = emulator.store;
	const organizationId = (data.organizationId as string | undefined) ?? 'yourOrganizationId';
	if (endpoint !== W.addOrganizations) store.upsertOrganization({ organizationId });
	for (const id of (data.organizationIds as string[] | undefined) ?? [])
		store.upsertOrganization({ organizationId: id });
	for (const entry of (data.organizations as IDataObject[] | undefined) ?? [])
		if (endpoint !== W.addOrganizations)
			store.upsertOrganization({ organizationId: entry.organizationId as string });
	const documents = [
		...((data.documentIds as string[] | undefined) ?? []),
		...((data.documents as IDataObject[] | undefined) ?? []).map((d) => d.documentId as string),
	];
	if (endpoint !== W.addDocuments)
		for (const documentId of documents) store.upsertDocument(organizationId, { documentId });
	const folders = [
		...((data.folderIds as string[] | undefined) ?? []),
		...(typeof data.folderId === 'string' ? [data.folderId] : []),
		...((data.folders as IDataObject[] | undefined) ?? []).flatMap((f) => [
			...(endpoint === W.addFolders ? [] : [f.folderId as string]),
			...(typeof f.parentFolderId === 'string' ? [f.parentFolderId] : []),
		]),
	];
	for (const folderId of folders) store.workspace.upsertFolder(organizationId, folderId);
}

function parametersOf(endpoint: string, data: IDataObject): INodeParameters {
	return PARAMETERS[endpoint](data);
}

const REQUESTS = ENDPOINTS.flatMap((endpoint) =>
	requestCases(endpoint).map(([label, example]) => [label, endpoint, example] as const),
);

describe('documented requests, reproduced from node parameters', () => {
	test.each(REQUESTS.filter(([, endpoint]) => !GETS.includes(endpoint)))(
		'%s',
		async (_label, endpoint, example) => {
			const data = dataOf(example);
			seed(endpoint, data);
			const run = await runVeltNode(emulator, { parameters: parametersOf(endpoint, data) });
			expect(run.error?.message).toBeUndefined();
			expect(run.status).toBe('success');
			expect(sentData(emulator, endpoint)).toEqual([data]);
		},
	);

	test.each(REQUESTS.filter(([, endpoint]) => GETS.includes(endpoint)))(
		'%s',
		async (_label, endpoint, example) => {
			const data = dataOf(example);
			velt.answer = { status: 200, body: { result: { status: 'success', data: [] } } };
			// A documented pageToken is where the read starts (Filters > Start Cursor).
			const run = await runVeltNode(velt, { parameters: parametersOf(endpoint, data) });
			expect(run.status).toBe('success');
			expect(sentData(velt)).toEqual([data]);
		},
	);
});

/** The single documented example of an endpoint, kind and heading, as a canned answer. */
function documented(
	endpoint: string,
	kind: 'response' | 'error',
	heading: string,
	status = kind === 'error' ? 400 : 200,
): CannedAnswer {
	return { status, body: documentedExample(endpoint, kind, heading).body };
}

interface ResponseCase {
	name: string;
	answer: CannedAnswer;
	/** A later answer, e.g. the empty last page after a documented page with a token. */
	then?: CannedAnswer;
	parameters: INodeParameters;
	json?: IDataObject[];
	errorMessage?: string;
	errorDescription?: RegExp;
	requests?: number;
}

const O = 'yourOrganizationId';
const lastPage: CannedAnswer = {
	status: 200,
	body: { result: { status: 'success', data: [] } },
};
const p = (endpoint: string, data: IDataObject) => parametersOf(endpoint, data);

const RESPONSES: ResponseCase[] = [
	{
		name: "organizations/add Success Response: the organization with Velt's id and message",
		answer: documented(W.addOrganizations, 'response', 'Success Response'),
		parameters: p(W.addOrganizations, {
			organizations: [{ organizationId: O, organizationName: 'Your Organization Name' }],
		}),
		json: [
			{
				organizationId: O,
				organizationName: 'Your Organization Name',
				id: '02cf91e5e7a5f4c0b600c84cf248384b',
				message: 'Added Successfully',
			},
		],
	},
	{
		name: 'organizations/get Success Response: one item per organization, then the next page',
		answer: documented(D.getOrganizations, 'response', 'Success Response'),
		then: lastPage,
		parameters: p(D.getOrganizations, { organizationIds: [O], pageSize: 1000 }),
		json: [{ id: O, organizationName: 'Your Organization Name', disabled: false }],
		requests: 2,
	},
	{
		name: 'organizations/update Success Response',
		answer: documented(W.updateOrganizations, 'response', 'Success Response'),
		parameters: p(W.updateOrganizations, {
			organizations: [{ organizationId: O, organizationName: 'New' }],
		}),
		json: [
			{
				organizationId: O,
				organizationName: 'New',
				id: '02cf91e5e7a5f4c0b600c84cf248384b',
				message: 'Updated Successfully',
			},
		],
	},
	{
		name: 'organizations/delete response example: deleted',
		answer: documented(W.deleteOrganizations, 'response', 'Failure Response'),
		parameters: p(W.deleteOrganizations, { organizationIds: [O] }),
		json: [
			{
				deleted: true,
				deletedIds: [O],
				deletedCount: 1,
				// Velt's entry id is not the organization's: the output names the organization.
				results: [{ success: true, id: O, message: 'Deleted Successfully' }],
			},
		],
	},
	{
		name: 'organizations disablestate Success Response: the one organization Velt did not find fails the item, naming the one it did',
		answer: documented(W.updateOrganizationDisableState, 'response', 'Success Response'),
		parameters: p(W.updateOrganizationDisableState, {
			organizationIds: ['yourOrganizationId1', 'yourOrganizationId2'],
			disabled: true,
		}),
		errorMessage:
			'Velt could not set the disabled state of organization yourOrganizationId2 (Organization does not exist)',
		errorDescription: /Velt did set the disabled state of organization yourOrganizationId1\.$/,
	},
	{
		name: 'organizations disablestate response example: disabled',
		answer: documented(W.updateOrganizationDisableState, 'response', 'Failure Response'),
		parameters: p(W.updateOrganizationDisableState, { organizationIds: [O], disabled: true }),
		json: [
			{
				disabled: true,
				updated: true,
				updatedIds: [O],
				updatedCount: 1,
				results: [
					{ success: true, id: O, message: 'Updated disable state for organization Successfully' },
				],
			},
		],
	},
	{
		name: 'documents/add Success Response',
		answer: documented(W.addDocuments, 'response', 'Success Response'),
		parameters: p(W.addDocuments, {
			organizationId: O,
			documents: [{ documentId: 'yourDocumentId', documentName: 'N' }],
		}),
		json: [
			{
				organizationId: O,
				documentId: 'yourDocumentId',
				documentName: 'N',
				id: '8121657101517513',
				message: 'Added Successfully',
			},
		],
	},
	{
		name: 'documents/add Partial Failures (HTTP 500): already-exists fails the item once, never retried',
		answer: documented(W.addDocuments, 'error', 'Partial Failures', 500),
		parameters: p(W.addDocuments, {
			organizationId: O,
			documents: [{ documentId: 'yourDocumentId2', documentName: 'N' }],
		}),
		errorMessage: 'Velt could not create document yourDocumentId2 (Document already exists)',
		requests: 1,
	},
	{
		name: 'documents/get Success Response: one item per document, then the next page',
		answer: documented(D.getDocuments, 'response', 'Success Response'),
		then: lastPage,
		parameters: p(D.getDocuments, { organizationId: O }),
		json: [
			{
				documentName: 'yourDocumentName',
				disabled: false,
				accessType: 'public',
				id: 'yourDocumentId',
			},
		],
		requests: 2,
	},
	{
		name: 'documents/get Partial Failures (HTTP 500): a missing document fails the item once, never retried',
		answer: documented(D.getDocuments, 'error', 'Partial Failures', 500),
		parameters: p(D.getDocuments, {
			organizationId: O,
			documentIds: ['yourDocumentId1', 'yourDocumentId2'],
		}),
		errorMessage: 'Velt: Error retrieving document(s). [INTERNAL] (HTTP 500)',
		errorDescription: /do not exist, or already exist\); retrying will not help\. Check the IDs\.$/,
		requests: 1,
	},
	{
		name: 'documents/update Success Response',
		answer: documented(W.updateDocuments, 'response', 'Success Response'),
		parameters: p(W.updateDocuments, {
			organizationId: O,
			documents: [{ documentId: 'yourDocumentId', documentName: 'N' }],
		}),
		json: [
			{
				organizationId: O,
				documentId: 'yourDocumentId',
				documentName: 'N',
				id: '8121657101517513',
				message: 'Updated Successfully',
			},
		],
	},
	{
		name: 'documents/update Partial Failures (HTTP 500): not-found fails the item once, never retried',
		answer: documented(W.updateDocuments, 'error', 'Partial Failures', 500),
		parameters: p(W.updateDocuments, {
			organizationId: O,
			documents: [{ documentId: 'yourDocumentId2', documentName: 'N' }],
		}),
		errorMessage: 'Velt could not update document yourDocumentId2 (Document does not exist)',
		requests: 1,
	},
	{
		name: 'documents/delete Success Response: both deleted',
		answer: documented(W.deleteDocuments, 'response', 'Success Response'),
		parameters: p(W.deleteDocuments, {
			organizationId: O,
			documentIds: ['yourDocumentId1', 'yourDocumentId2'],
		}),
		json: [
			{
				organizationId: O,
				deleted: true,
				deletedIds: ['yourDocumentId1', 'yourDocumentId2'],
				deletedCount: 2,
				results: [
					{ success: true, id: 'yourDocumentId1', message: 'Deleted Successfully' },
					{ success: true, id: 'yourDocumentId2', message: 'Deleted Successfully' },
				],
			},
		],
	},
	{
		name: 'documents/delete response example: the one document deleted',
		answer: documented(W.deleteDocuments, 'response', 'Partial Failures'),
		parameters: p(W.deleteDocuments, { organizationId: O, documentIds: ['yourDocumentId1'] }),
		json: [
			{
				organizationId: O,
				deleted: true,
				deletedIds: ['yourDocumentId1'],
				deletedCount: 1,
				results: [{ success: true, id: 'yourDocumentId1', message: 'Deleted Successfully' }],
			},
		],
	},
	{
		name: 'documents/delete Partial Failures (HTTP 500): the missing document fails the item, naming the deleted one; never retried',
		answer: documented(W.deleteDocuments, 'error', 'Partial Failures', 500),
		parameters: p(W.deleteDocuments, {
			organizationId: O,
			documentIds: ['yourDocumentId1', 'yourDocumentId2'],
		}),
		errorMessage: 'Velt could not delete document yourDocumentId2 (Document does not exist)',
		errorDescription: /Velt did delete document yourDocumentId1\.$/,
		requests: 1,
	},
	{
		name: "documents/move Success Response: moved, with Velt's message",
		answer: documented(W.moveDocuments, 'response', 'Success Response'),
		parameters: p(W.moveDocuments, {
			organizationId: O,
			documentIds: ['d1', 'd2'],
			folderId: 'targetFolderId',
		}),
		json: [
			{
				moved: true,
				organizationId: O,
				documentIds: ['d1', 'd2'],
				folderId: 'targetFolderId',
				movedCount: 2,
				message: 'Documents moved successfully.',
			},
		],
	},
	{
		name: 'documents/access/update Success Response',
		answer: documented(W.updateDocumentAccess, 'response', 'Success Response'),
		parameters: p(W.updateDocumentAccess, {
			organizationId: O,
			documentIds: ['yourDocumentId'],
			accessType: 'organizationPrivate',
		}),
		json: [
			{
				organizationId: O,
				accessType: 'organizationPrivate',
				updated: true,
				updatedIds: ['yourDocumentId'],
				updatedCount: 1,
				results: [
					{
						success: true,
						accessType: 'organizationPrivate',
						message: 'Document access type updated.',
						id: 'yourDocumentId',
					},
				],
			},
		],
	},
	{
		name: 'documents disablestate Success Response',
		answer: documented(W.updateDocumentDisableState, 'response', 'Success Response'),
		parameters: p(W.updateDocumentDisableState, {
			organizationId: O,
			documentIds: ['yourDocumentId'],
			disabled: true,
		}),
		json: [
			{
				organizationId: O,
				disabled: true,
				updated: true,
				updatedIds: ['yourDocumentId'],
				updatedCount: 1,
				results: [
					{
						success: true,
						disabled: true,
						message: 'Document disabled state updated.',
						id: 'yourDocumentId',
					},
				],
			},
		],
	},
	{
		name: 'folders/add Success Response',
		answer: documented(W.addFolders, 'response', 'Success Response'),
		parameters: p(W.addFolders, {
			organizationId: O,
			folders: [{ folderId: 'yourFolderId', folderName: 'F' }],
		}),
		json: [
			{
				organizationId: O,
				folderId: 'yourFolderId',
				folderName: 'F',
				id: 'yourFolderId',
				message: 'Folder added.',
			},
		],
	},
	...[
		'Success Response for All Folders',
		'Success Response for Specific Folder',
		'Success Response with maxDepth',
	].map((heading): ResponseCase => {
		const answer = documented(W.getFolders, 'response', heading);
		const folders = (answer.body as { result: { data: IDataObject[] } }).result.data;
		return {
			name: `folders/get ${heading}: one item per folder as Velt answers it, subfolders nested`,
			answer,
			parameters: p(W.getFolders, { organizationId: O }),
			json: folders,
			requests: 1,
		};
	}),
	{
		name: 'folders/update Success Response',
		answer: documented(W.updateFolders, 'response', 'Success Response'),
		parameters: p(W.updateFolders, {
			organizationId: O,
			folders: [{ folderId: 'yourFolderId', folderName: 'F', parentFolderId: 'p' }],
		}),
		json: [
			{
				organizationId: O,
				folderId: 'yourFolderId',
				folderName: 'F',
				parentFolderId: 'p',
				id: 'yourFolderId',
				message: 'Folder Updated.',
			},
		],
	},
	{
		name: "folders/delete Success Response (data null): deleted, with Velt's message",
		answer: documented(W.deleteFolder, 'response', 'Success Response'),
		parameters: p(W.deleteFolder, { organizationId: 'org10', folderId: 'folderId2' }),
		json: [
			{
				deleted: true,
				organizationId: 'org10',
				folderId: 'folderId2',
				message: 'Folder deletion initiated successfully.',
			},
		],
	},
	{
		name: "folders/delete Failure Response ({code, message}, HTTP 404 assumed): the item fails with Velt's message and code",
		answer: documented(W.deleteFolder, 'error', 'Failure Response', 404),
		parameters: p(W.deleteFolder, { organizationId: 'org10', folderId: 'folderId2' }),
		errorMessage: 'Velt: Folder not found. [not-found] (HTTP 404)',
		requests: 1,
	},
	{
		name: 'folders/access/update Success Response',
		answer: documented(W.updateFolderAccess, 'response', 'Success Response'),
		parameters: p(W.updateFolderAccess, {
			organizationId: O,
			folderIds: ['yourFolderId'],
			accessType: 'organizationPrivate',
		}),
		json: [
			{
				organizationId: O,
				accessType: 'organizationPrivate',
				updated: true,
				updatedIds: ['yourFolderId'],
				updatedCount: 1,
				results: [
					{
						success: true,
						accessType: 'organizationPrivate',
						message: 'Folder access type updated.',
						id: 'yourFolderId',
					},
				],
			},
		],
	},
	{
		name: 'folders/access/update Success Inherit Access From Parent Response',
		answer: documented(
			W.updateFolderAccess,
			'response',
			'Success Inherit Access From Parent Response',
		),
		parameters: p(W.updateFolderAccess, {
			organizationId: O,
			folderIds: ['folder1'],
			inheritFromParent: true,
		}),
		json: [
			{
				organizationId: O,
				inheritFromParent: true,
				updated: true,
				updatedIds: ['folder1'],
				updatedCount: 1,
				results: [
					{
						success: true,
						accessType: null,
						inheritFromParent: true,
						message: 'Folder access type updated.',
						id: 'folder1',
					},
				],
			},
		],
	},
];

describe('documented responses', () => {
	test.each(RESPONSES.map((check) => [check.name, check] as const))('%s', async (_name, check) => {
		if (check.then !== undefined) velt.queue.push(check.answer);
		velt.answer = check.then ?? check.answer;
		const run = await runVeltNode(velt, { parameters: check.parameters });
		if (check.json) {
			expect(run.error?.message).toBeUndefined();
			expect(run.json).toEqual(check.json);
		}
		if (check.errorMessage) expect(errorMessage(run)).toBe(check.errorMessage);
		if (check.errorDescription)
			expect(String((run.thrown as { description?: string }).description)).toMatch(
				check.errorDescription,
			);
		if (check.requests !== undefined) expect(velt.requests).toHaveLength(check.requests);
	});

	/** The Failure Response of every endpoint, with a minimal valid item of it. */
	const MINIMAL: Record<string, IDataObject> = {
		[W.addOrganizations]: { organizations: [{ organizationId: O }] },
		[D.getOrganizations]: {},
		[W.updateOrganizations]: { organizations: [{ organizationId: O, organizationName: 'N' }] },
		[W.deleteOrganizations]: { organizationIds: [O] },
		[W.updateOrganizationDisableState]: { organizationIds: [O], disabled: true },
		[W.addDocuments]: { organizationId: O, documents: [{ documentId: 'd', documentName: 'N' }] },
		[D.getDocuments]: { organizationId: O },
		[W.updateDocuments]: { organizationId: O, documents: [{ documentId: 'd', documentName: 'N' }] },
		[W.deleteDocuments]: { organizationId: O, documentIds: ['d'] },
		[W.moveDocuments]: { organizationId: O, documentIds: ['d'], folderId: 'f' },
		[W.updateDocumentAccess]: { organizationId: O, documentIds: ['d'], accessType: 'restricted' },
		[W.updateDocumentDisableState]: { organizationId: O, documentIds: ['d'], disabled: true },
		[W.addFolders]: { organizationId: O, folders: [{ folderId: 'f', folderName: 'F' }] },
		[W.getFolders]: { organizationId: O },
		[W.updateFolders]: {
			organizationId: O,
			folders: [{ folderId: 'f', folderName: 'F', parentFolderId: 'p' }],
		},
		[W.updateFolderAccess]: { organizationId: O, folderIds: ['f'], accessType: 'restricted' },
	};
	test.each(Object.keys(MINIMAL))(
		"%s Failure Response: the item fails with Velt's message and code",
		async (endpoint) => {
			const [error] = examplesUnder(endpoint, 'error', 'Failure Response');
			velt.answer = { status: 400, body: error.body };
			const run = await runVeltNode(velt, { parameters: p(endpoint, MINIMAL[endpoint]) });
			const { message, status } = (error.body as { error: { message: string; status: string } })
				.error;
			expect(errorMessage(run)).toBe(`Velt: ${message} [${status}] (HTTP 400)`);
			expect(velt.requests.map((request) => request.path)).toEqual([endpoint]);
		},
	);
});

test('every documented example of the 17 endpoints is covered above', () => {
	const counted = exampleCounts(ENDPOINTS);
	// requests (test.each above), responses (RESPONSES), errors (Failure Response test, plus the
	// Partial Failures and folders/delete cases in RESPONSES).
	expect(counted).toEqual([
		[W.addOrganizations, 1, 1, 1],
		[D.getOrganizations, 1, 1, 1],
		[W.updateOrganizations, 1, 1, 1],
		[W.deleteOrganizations, 1, 1, 1],
		[W.updateOrganizationDisableState, 1, 2, 1],
		[W.addDocuments, 2, 1, 2],
		[D.getDocuments, 3, 1, 2],
		[W.updateDocuments, 1, 1, 2],
		[W.deleteDocuments, 1, 2, 2],
		[W.moveDocuments, 1, 1, 1],
		[W.updateDocumentAccess, 1, 1, 1],
		[W.updateDocumentDisableState, 1, 1, 1],
		[W.addFolders, 2, 1, 1],
		[W.getFolders, 3, 3, 1],
		[W.updateFolders, 1, 1, 1],
		[W.deleteFolder, 1, 1, 1],
		[W.updateFolderAccess, 2, 2, 1],
	]);
	const names = RESPONSES.map((check) => check.name);
	expect(names).toHaveLength(new Set(names).size);
});
