/**
 * The organization, document and folder writes and folders/get, from their pages:
 * https://docs.velt.dev/api-reference/rest-apis/v2/organizations/add-organizations (and
 * update-organizations, delete-organizations, update-organization-disable-state),
 * https://docs.velt.dev/api-reference/rest-apis/v2/documents/add-documents (and update-documents,
 * delete-documents, move-documents, update-document-access, update-document-disable-state),
 * https://docs.velt.dev/api-reference/rest-apis/v2/folders/add-folder (and get-folders,
 * update-folder, delete-folder, update-folder-access). Where a page is silent, the choice is
 * marked "docs silent". Organizations and documents are read by directoryHandlers.ts.
 */
import { DEFAULT_DOCUMENT_ACCESS_TYPE } from './choices';
import { resultId } from './collaborationStore';
import type { HandlerContext } from './handlers';
import { handlerModule } from './routes';
import type { JsonObject } from './store';
import {
	invalid,
	isJsonObject,
	optionalBoolean,
	optionalPositiveInteger,
	optionalString,
	requireString,
	success,
	VeltApiError,
	type HandlerResult,
} from './validation';
import { MAX_IDS_PER_CALL } from './veltDocs';
import type { FolderRecord } from './workspaceStore';

/** Each endpoint as its page's `api:` line gives it. */
export const WORKSPACE_ENDPOINTS = {
	addOrganizations: '/v2/organizations/add',
	updateOrganizations: '/v2/organizations/update',
	deleteOrganizations: '/v2/organizations/delete',
	updateOrganizationDisableState: '/v2/organizations/access/disablestate/update',
	addDocuments: '/v2/organizations/documents/add',
	updateDocuments: '/v2/organizations/documents/update',
	deleteDocuments: '/v2/organizations/documents/delete',
	moveDocuments: '/v2/organizations/documents/move',
	updateDocumentAccess: '/v2/organizations/documents/access/update',
	updateDocumentDisableState: '/v2/organizations/documents/access/disablestate/update',
	addFolders: '/v2/organizations/folders/add',
	getFolders: '/v2/organizations/folders/get',
	updateFolders: '/v2/organizations/folders/update',
	deleteFolder: '/v2/organizations/folders/delete',
	updateFolderAccess: '/v2/organizations/folders/access/update',
} as const;

export type WorkspaceEndpoint = (typeof WORKSPACE_ENDPOINTS)[keyof typeof WORKSPACE_ENDPOINTS];

const E = WORKSPACE_ENDPOINTS;

/** Messages quoted from the pages (success examples, per-id entries, errors). */
export const WORKSPACE_MESSAGES = {
	organizationsAdded: 'Organization(s) added successfully.',
	organizationsUpdated: 'Organization(s) updated successfully.',
	organizationsDeleted: 'Organization(s) deleted successfully.',
	organizationsDisableState: 'Updated disable state for Organization(s) successfully.',
	organizationMissing: 'Organization does not exist',
	organizationDisableState: 'Updated disable state for organization Successfully',
	added: 'Added Successfully',
	updated: 'Updated Successfully',
	deleted: 'Deleted Successfully',
	documentsAdded: 'Document(s) added successfully.',
	documentsUpdated: 'Document(s) updated successfully.',
	documentsDeleted: 'Document(s) deleted successfully.',
	documentsMoved: 'Documents moved successfully.',
	documentsAccess: 'Updated access for documents successfully.',
	documentAccess: 'Document access type updated.',
	documentsDisableState: 'Updated disable state for documents successfully.',
	documentDisableState: 'Document disabled state updated.',
	documentMissing: 'Document does not exist',
	documentExists: 'Document already exists',
	documentsAddError: 'Error adding document(s).',
	documentsUpdateError: 'Error updating document(s).',
	documentsDeleteError: 'Error deleting document(s).',
	folderCreated: 'Folder created successfully.',
	folderAdded: 'Folder added.',
	foldersRetrieved: 'Folders retrieved successfully.',
	folderRetrieved: 'Folder(s) retrieved successfully.',
	foldersUpdated: 'Folder Updated successfully.',
	folderUpdated: 'Folder Updated.',
	folderDeletion: 'Folder deletion initiated successfully.',
	folderMissing: 'Folder not found.',
	foldersAccess: 'Updated access for folders successfully.',
	folderAccess: 'Folder access type updated.',
} as const;

const M = WORKSPACE_MESSAGES;

/** Documented (update-document-access, update-folder-access, add-folder): "Allowed values: `organizationPrivate`, `restricted`, `public`". */
const ACCESS_TYPES = ['organizationPrivate', 'restricted', 'public'];

/** docs silent: adding an organization or folder whose ID exists fails that entry with this message. */
const ORGANIZATION_EXISTS = 'Organization already exists';
const FOLDER_EXISTS = 'Folder already exists';

/** docs silent: a folder's access type before one is set (documents default to public). */
const DEFAULT_FOLDER_ACCESS_TYPE = DEFAULT_DOCUMENT_ACCESS_TYPE;

/** docs silent: maxDepth when not given: "only immediate subfolders are retrieved". */
const DEFAULT_MAX_DEPTH = 1;

type PerId = Record<string, JsonObject>;

function requireObjects(data: JsonObject, field: string, idKey: string): JsonObject[] {
	const value = data[field];
	if (!Array.isArray(value) || value.length === 0 || !value.every(isJsonObject))
		throw invalid(`${field} is required and must be a non-empty array of objects.`);
	for (const entry of value) requireString(entry, idKey);
	return value;
}

function requireIds(data: JsonObject, field: string, max?: number): string[] {
	const value = data[field];
	if (
		!Array.isArray(value) ||
		value.length === 0 ||
		!value.every((id) => typeof id === 'string' && id !== '')
	)
		throw invalid(`${field} is required and must be a non-empty array of strings.`);
	if (max !== undefined && value.length > max)
		throw invalid(`${field} accepts at most ${max} ids per call (got ${value.length}).`);
	return value as string[];
}

function requireBoolean(data: JsonObject, field: string): boolean {
	const value = data[field];
	if (typeof value !== 'boolean') throw invalid(`${field} is required and must be a boolean.`);
	return value;
}

function accessTypeOf(data: JsonObject, field = 'accessType'): string | undefined {
	const value = optionalString(data, field);
	if (value !== undefined && !ACCESS_TYPES.includes(value))
		throw invalid(`${field} must be one of ${ACCESS_TYPES.join(', ')}.`);
	return value;
}

/** A named entity's own fields and the rest as metadata. */
function split(
	entry: JsonObject,
	own: readonly string[],
): { fields: JsonObject; metadata: JsonObject } {
	const fields: JsonObject = {};
	const metadata: JsonObject = {};
	for (const [key, value] of Object.entries(entry))
		(own.includes(key) ? fields : metadata)[key] = value;
	return { fields, metadata };
}

// ---- organizations ----------------------------------------------------------------------

function handleAddOrganizations(context: HandlerContext, data: JsonObject): HandlerResult {
	const results: PerId = {};
	for (const entry of requireObjects(data, 'organizations', 'organizationId')) {
		const organizationId = entry.organizationId as string;
		const id = resultId('organization', organizationId);
		if (context.store.hasOrganization(organizationId)) {
			results[organizationId] = { success: false, id, message: ORGANIZATION_EXISTS };
			continue;
		}
		const { fields, metadata } = split(entry, ['organizationId', 'organizationName']);
		context.store.upsertOrganization({ ...(fields as { organizationId: string }), metadata });
		results[organizationId] = { success: true, id, message: M.added };
	}
	return success(M.organizationsAdded, results);
}

function handleUpdateOrganizations(context: HandlerContext, data: JsonObject): HandlerResult {
	const results: PerId = {};
	for (const entry of requireObjects(data, 'organizations', 'organizationId')) {
		const organizationId = entry.organizationId as string;
		const id = resultId('organization', organizationId);
		if (!context.store.hasOrganization(organizationId)) {
			results[organizationId] = { success: false, id, message: M.organizationMissing };
			continue;
		}
		const { fields, metadata } = split(entry, ['organizationId', 'organizationName']);
		const before = context.store
			.listOrganizations()
			.find((o) => o.organizationId === organizationId);
		context.store.upsertOrganization({
			...(fields as { organizationId: string }),
			metadata: { ...before?.metadata, ...metadata },
		});
		results[organizationId] = { success: true, id, message: M.updated };
	}
	return success(M.organizationsUpdated, results);
}

function handleDeleteOrganizations(context: HandlerContext, data: JsonObject): HandlerResult {
	const results: PerId = {};
	for (const organizationId of requireIds(data, 'organizationIds')) {
		const id = resultId('organization', organizationId);
		results[organizationId] = context.store.deleteOrganization(organizationId)
			? { success: true, id, message: M.deleted }
			: { success: false, id, message: M.organizationMissing };
	}
	return success(M.organizationsDeleted, results);
}

/** The page: "If organization does not exist, it will be created." */
function handleOrganizationDisableState(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationIds = requireIds(data, 'organizationIds');
	const disabled = requireBoolean(data, 'disabled');
	const results: PerId = {};
	for (const organizationId of organizationIds) {
		context.store.upsertOrganization({ organizationId, disabled });
		results[organizationId] = {
			success: true,
			id: resultId('organization', organizationId),
			message: M.organizationDisableState,
		};
	}
	return success(M.organizationsDisableState, results);
}

// ---- documents --------------------------------------------------------------------------

/** "Partial Failures": when any entry failed, HTTP 500 INTERNAL with the per-id map in details. */
function perDocumentAnswer(results: PerId, message: string, errorMessage: string): HandlerResult {
	if (Object.values(results).some((entry) => entry.success === false))
		throw new VeltApiError('INTERNAL', errorMessage, results);
	return success(message, results);
}

function documentId(organizationId: string, id: string): string {
	return resultId('document', organizationId, id).slice(0, 16);
}

function requireFolder(context: HandlerContext, organizationId: string, folderId: string): void {
	// docs silent: a folder that does not exist is NOT_FOUND with folders/delete's message.
	if (context.store.workspace.getFolder(organizationId, folderId) === undefined)
		throw new VeltApiError('NOT_FOUND', M.folderMissing);
}

function handleAddDocuments(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	optionalBoolean(data, 'createOrganization');
	const createFolder = optionalBoolean(data, 'createFolder') === true;
	const folderId = optionalString(data, 'folderId');
	const documents = requireObjects(data, 'documents', 'documentId');
	if (folderId !== undefined) {
		if (createFolder && context.store.workspace.getFolder(organizationId, folderId) === undefined)
			context.store.workspace.upsertFolder(organizationId, folderId);
		requireFolder(context, organizationId, folderId);
	}
	const results: PerId = {};
	for (const entry of documents) {
		const id = entry.documentId as string;
		if (context.store.getDocument(organizationId, id) !== undefined) {
			results[id] = { success: false, id, message: M.documentExists, code: 'already-exists' };
			continue;
		}
		const { fields, metadata } = split(entry, ['documentId', 'documentName']);
		context.store.upsertDocument(organizationId, {
			...(fields as { documentId: string }),
			...(folderId !== undefined ? { folderId } : {}),
			metadata,
		});
		results[id] = { success: true, id: documentId(organizationId, id), message: M.added };
	}
	return perDocumentAnswer(results, M.documentsAdded, M.documentsAddError);
}

function handleUpdateDocuments(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const results: PerId = {};
	for (const entry of requireObjects(data, 'documents', 'documentId')) {
		const id = entry.documentId as string;
		const before = context.store.getDocument(organizationId, id);
		if (before === undefined) {
			results[id] = { success: false, id, message: M.documentMissing, code: 'not-found' };
			continue;
		}
		const { fields, metadata } = split(entry, ['documentId', 'documentName']);
		context.store.upsertDocument(organizationId, {
			...(fields as { documentId: string }),
			metadata: { ...before.metadata, ...metadata },
		});
		results[id] = { success: true, id: documentId(organizationId, id), message: M.updated };
	}
	return perDocumentAnswer(results, M.documentsUpdated, M.documentsUpdateError);
}

function handleDeleteDocuments(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const results: PerId = {};
	for (const id of requireIds(data, 'documentIds')) {
		results[id] = context.store.deleteDocument(organizationId, id)
			? { success: true, id: documentId(organizationId, id), message: M.deleted }
			: { success: false, id, message: M.documentMissing, code: 'not-found' };
	}
	return perDocumentAnswer(results, M.documentsDeleted, M.documentsDeleteError);
}

function handleMoveDocuments(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentIds = requireIds(data, 'documentIds', MAX_IDS_PER_CALL);
	const folderId = requireString(data, 'folderId');
	requireFolder(context, organizationId, folderId);
	// docs silent: a document that does not exist fails the whole move, nothing moved.
	const missing = documentIds.find(
		(id) => context.store.getDocument(organizationId, id) === undefined,
	);
	if (missing !== undefined) throw new VeltApiError('NOT_FOUND', M.documentMissing);
	for (const id of documentIds)
		context.store.upsertDocument(organizationId, { documentId: id, folderId });
	// The page's success answer has no data.
	return success(M.documentsMoved, undefined);
}

/** Per-document writes of access: an unknown document fails its entry (docs silent). */
function perDocument(
	context: HandlerContext,
	data: JsonObject,
	change: (organizationId: string, id: string) => JsonObject,
): PerId {
	const organizationId = requireString(data, 'organizationId');
	const results: PerId = {};
	for (const id of requireIds(data, 'documentIds')) {
		results[id] =
			context.store.getDocument(organizationId, id) === undefined
				? { success: false, message: M.documentMissing }
				: change(organizationId, id);
	}
	return results;
}

function handleDocumentAccess(context: HandlerContext, data: JsonObject): HandlerResult {
	const accessType = accessTypeOf(data);
	if (accessType === undefined) throw invalid('accessType is required.');
	const results = perDocument(context, data, (organizationId, id) => {
		context.store.upsertDocument(organizationId, { documentId: id, accessType });
		return { success: true, accessType, message: M.documentAccess };
	});
	return success(M.documentsAccess, results);
}

function handleDocumentDisableState(context: HandlerContext, data: JsonObject): HandlerResult {
	const disabled = requireBoolean(data, 'disabled');
	const results = perDocument(context, data, (organizationId, id) => {
		context.store.upsertDocument(organizationId, { documentId: id, disabled });
		return { success: true, disabled, message: M.documentDisableState };
	});
	return success(M.documentsDisableState, results);
}

// ---- folders ----------------------------------------------------------------------------

function handleAddFolders(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	optionalBoolean(data, 'createOrganization');
	const folders = requireObjects(data, 'folders', 'folderId');
	const store = context.store.workspace;
	const results: PerId = {};
	for (const entry of folders) {
		const folderId = entry.folderId as string;
		const parentFolderId = optionalString(entry, 'parentFolderId');
		const accessType = accessTypeOf(entry);
		if (store.getFolder(organizationId, folderId) !== undefined) {
			results[folderId] = { success: false, id: folderId, message: FOLDER_EXISTS };
			continue;
		}
		if (parentFolderId !== undefined) requireFolder(context, organizationId, parentFolderId);
		context.store.upsertOrganization({ organizationId });
		store.upsertFolder(organizationId, folderId, {
			...(typeof entry.folderName === 'string' ? { folderName: entry.folderName } : {}),
			...(parentFolderId !== undefined ? { parentFolderId } : {}),
			...(accessType !== undefined ? { accessType } : {}),
		});
		results[folderId] = { success: true, id: folderId, message: M.folderAdded };
	}
	return success(M.folderCreated, results);
}

function folderView(
	context: HandlerContext,
	organizationId: string,
	folder: FolderRecord,
	depth: number,
): JsonObject {
	const store = context.store.workspace;
	const view: JsonObject = {
		folderId: folder.folderId,
		folderName: folder.folderName ?? folder.folderId,
		organizationId,
		parentFolderId: folder.parentFolderId,
		apiKey: context.store.apiKey,
		createdAt: folder.createdAt,
		lastUpdated: folder.lastUpdated,
		ancestors: store.ancestorsOf(organizationId, folder),
		accessType: folder.accessType ?? DEFAULT_FOLDER_ACCESS_TYPE,
		inheritAccessFromParent: folder.inheritAccessFromParent,
	};
	const children = store.childrenOf(organizationId, folder.folderId);
	if (depth > 0 && children.length > 0)
		view.subFolders = children.map((child) =>
			folderView(context, organizationId, child, depth - 1),
		);
	return view;
}

function handleGetFolders(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const folderId = optionalString(data, 'folderId');
	const maxDepth = optionalPositiveInteger(data, 'maxDepth') ?? DEFAULT_MAX_DEPTH;
	const store = context.store.workspace;
	if (folderId === undefined) {
		// "If not provided, all folders in the organization will be retrieved."
		const all = store
			.listFolders(organizationId)
			.map((folder) => folderView(context, organizationId, folder, 0));
		return success(M.foldersRetrieved, all);
	}
	const folder = store.getFolder(organizationId, folderId);
	if (folder === undefined) throw new VeltApiError('NOT_FOUND', M.folderMissing);
	return success(M.folderRetrieved, [folderView(context, organizationId, folder, maxDepth)]);
}

function handleUpdateFolders(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const store = context.store.workspace;
	const results: PerId = {};
	for (const entry of requireObjects(data, 'folders', 'folderId')) {
		const folderId = entry.folderId as string;
		const parentFolderId = optionalString(entry, 'parentFolderId');
		if (store.getFolder(organizationId, folderId) === undefined) {
			results[folderId] = { success: false, id: folderId, message: M.folderMissing };
			continue;
		}
		if (parentFolderId !== undefined) requireFolder(context, organizationId, parentFolderId);
		store.upsertFolder(organizationId, folderId, {
			...(typeof entry.folderName === 'string' ? { folderName: entry.folderName } : {}),
			...(parentFolderId !== undefined ? { parentFolderId } : {}),
		});
		results[folderId] = { success: true, id: folderId, message: M.folderUpdated };
	}
	return success(M.foldersUpdated, results);
}

function handleDeleteFolder(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const folderId = requireString(data, 'folderId');
	// The page's failure answer: {"error": {"code": "not-found", "message": "Folder not found."}}.
	if (!context.store.workspace.deleteFolder(organizationId, folderId))
		return { ok: false, code: 'NOT_FOUND', message: M.folderMissing, codeField: 'not-found' };
	return success(M.folderDeletion, null);
}

function handleFolderAccess(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const folderIds = requireIds(data, 'folderIds');
	const inherit = optionalBoolean(data, 'inheritFromParent');
	const accessType = accessTypeOf(data);
	if (accessType === undefined && inherit !== true)
		throw invalid('accessType is required unless inheritFromParent is true.');
	const store = context.store.workspace;
	const results: PerId = {};
	for (const folderId of folderIds) {
		if (store.getFolder(organizationId, folderId) === undefined) {
			results[folderId] = { success: false, message: M.folderMissing };
			continue;
		}
		store.upsertFolder(organizationId, folderId, {
			...(accessType !== undefined ? { accessType } : {}),
			inheritAccessFromParent: inherit === true,
		});
		results[folderId] =
			inherit === true
				? {
						success: true,
						accessType: accessType ?? null,
						inheritFromParent: true,
						message: M.folderAccess,
					}
				: { success: true, accessType, message: M.folderAccess };
	}
	// The page's inherit example answers "Folder access type updated." as the result's message.
	return success(inherit === true ? M.folderAccess : M.foldersAccess, results);
}

// ---- routing ----------------------------------------------------------------------------

export const WORKSPACE_HANDLERS = handlerModule<WorkspaceEndpoint>({
	[E.addOrganizations]: handleAddOrganizations,
	[E.updateOrganizations]: handleUpdateOrganizations,
	[E.deleteOrganizations]: handleDeleteOrganizations,
	[E.updateOrganizationDisableState]: handleOrganizationDisableState,
	[E.addDocuments]: handleAddDocuments,
	[E.updateDocuments]: handleUpdateDocuments,
	[E.deleteDocuments]: handleDeleteDocuments,
	[E.moveDocuments]: handleMoveDocuments,
	[E.updateDocumentAccess]: handleDocumentAccess,
	[E.updateDocumentDisableState]: handleDocumentDisableState,
	[E.addFolders]: handleAddFolders,
	[E.getFolders]: handleGetFolders,
	[E.updateFolders]: handleUpdateFolders,
	[E.deleteFolder]: handleDeleteFolder,
	[E.updateFolderAccess]: handleFolderAccess,
});
