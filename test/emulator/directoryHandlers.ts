/**
 * The v2 "directory" gets: organizations, documents and users of the workspace, with the
 * filters and paging their pages document (the node's resource-locator lists read these).
 */
import {
	DEFAULT_DISABLED,
	DEFAULT_DOCUMENT_ACCESS_TYPE,
	NEXT_PAGE_TOKEN_KEY,
	ORGANIZATION_USERS_SEE_ALL_DOCUMENTS,
} from './choices';
import type { UserScope } from './collaborationStore';
import type { HandlerContext } from './handlers';
import type { DocumentRecord, JsonObject, OrganizationRecord, VeltUser } from './store';
import {
	optionalBoolean,
	optionalIdList,
	optionalString,
	pageByOffset,
	pageSizeOf,
	requireString,
	success,
	VeltApiError,
	type HandlerResult,
} from './validation';
import { DEFAULT_PAGE_SIZE, DOCUMENTED_MESSAGES, ENDPOINTS, SUCCESS_MESSAGES } from './veltDocs';

function organizationView(organization: OrganizationRecord): JsonObject {
	return {
		...organization.metadata,
		id: organization.organizationId,
		organizationName: organization.organizationName ?? organization.organizationId,
		disabled: organization.disabled ?? DEFAULT_DISABLED,
	};
}

function documentView(document: DocumentRecord): JsonObject {
	const view: JsonObject = {
		...document.metadata,
		documentName: document.documentName ?? document.documentId,
		disabled: document.disabled ?? DEFAULT_DISABLED,
		accessType: document.accessType ?? DEFAULT_DOCUMENT_ACCESS_TYPE,
		id: document.documentId,
	};
	if (document.folderId !== undefined) view.folderId = document.folderId;
	return view;
}

function userView(user: VeltUser): JsonObject {
	const { organizationUserGroupIds: _groups, documentIds: _documents, ...view } = user;
	return view;
}

/** Users by userId, the first list's record winning. */
function uniteUsers(...lists: VeltUser[][]): VeltUser[] {
	const byId = new Map<string, VeltUser>();
	for (const list of lists)
		for (const user of list) if (!byId.has(user.userId)) byId.set(user.userId, user);
	return [...byId.values()];
}

function paged<T>(
	context: HandlerContext,
	data: JsonObject,
	items: readonly T[],
	view: (item: T) => unknown,
	tokenKey: string,
): { data: unknown[]; extra?: JsonObject } {
	const { page, nextToken } = pageByOffset(
		items,
		data,
		pageSizeOf(data, DEFAULT_PAGE_SIZE, context.maxPageSize),
	);
	return {
		data: page.map(view),
		extra: nextToken === undefined ? undefined : { [tokenKey]: nextToken },
	};
}

export function handleGetOrganizations(context: HandlerContext, data: JsonObject): HandlerResult {
	const ids = optionalIdList(data, 'organizationIds');
	let organizations = context.store.listOrganizations();
	if (ids !== undefined && ids.length > 0)
		organizations = organizations.filter((o) => ids.includes(o.organizationId));
	const page = paged(
		context,
		data,
		organizations,
		organizationView,
		NEXT_PAGE_TOKEN_KEY.organizations,
	);
	return success(SUCCESS_MESSAGES[ENDPOINTS.getOrganizations], page.data, page.extra);
}

export function handleGetDocuments(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentIds = optionalIdList(data, 'documentIds');
	const folderId = optionalString(data, 'folderId');
	if (documentIds !== undefined && documentIds.length > 0) {
		// https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2 "Partial Failures": 500 INTERNAL with a per-item breakdown.
		const entries = documentIds.map((id) => {
			const document = context.store.getDocument(organizationId, id);
			return document === undefined
				? { id, success: false, message: DOCUMENTED_MESSAGES.documentMissing, code: 'not-found' }
				: documentView(document);
		});
		if (entries.some((entry) => entry.success === false)) {
			throw new VeltApiError('INTERNAL', DOCUMENTED_MESSAGES.documentsRetrieveError, entries);
		}
		return success(SUCCESS_MESSAGES[ENDPOINTS.getDocuments], entries);
	}
	let documents = context.store.listDocuments(organizationId);
	if (folderId !== undefined)
		documents = documents.filter((document) => document.folderId === folderId);
	const page = paged(context, data, documents, documentView, NEXT_PAGE_TOKEN_KEY.documents);
	return success(SUCCESS_MESSAGES[ENDPOINTS.getDocuments], page.data, page.extra);
}

function userCanSeeDocument(
	context: HandlerContext,
	organizationId: string,
	user: VeltUser,
	documentId: string,
): boolean {
	if (Array.isArray(user.documentIds)) return (user.documentIds as unknown[]).includes(documentId);
	return (
		ORGANIZATION_USERS_SEE_ALL_DOCUMENTS &&
		context.store.getDocument(organizationId, documentId) !== undefined
	);
}

export function handleGetUsers(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentId = optionalString(data, 'documentId');
	const folderId = optionalString(data, 'folderId');
	const userIds = optionalIdList(data, 'userIds');
	const groupIds = optionalIdList(data, 'organizationUserGroupIds');
	const allDocuments = optionalBoolean(data, 'allDocuments') === true;
	const groupByDocumentId = optionalBoolean(data, 'groupByDocumentId') === true;

	const collaboration = context.store.collaboration;
	let users = context.store.listUsers(organizationId);
	// users/add with documentId or folderId puts users at that level only (https://docs.velt.dev/api-reference/rest-apis/v2/users/add-users).
	const scoped = (scope: UserScope) => collaboration.listScopedUsers(organizationId, scope);
	const folderOf = (id: string) => context.store.getDocument(organizationId, id)?.folderId;
	if (documentId !== undefined) {
		const folder = folderOf(documentId);
		users = uniteUsers(
			users.filter((user) => userCanSeeDocument(context, organizationId, user, documentId)),
			scoped({ level: 'document', id: documentId }),
			folder === undefined ? [] : scoped({ level: 'folder', id: folder }),
		);
	}
	if (folderId !== undefined) users = uniteUsers(users, scoped({ level: 'folder', id: folderId }));
	if (userIds !== undefined && userIds.length > 0)
		users = users.filter((user) => userIds.includes(user.userId));
	if (groupIds !== undefined && groupIds.length > 0) {
		users = users.filter(
			(user) =>
				(Array.isArray(user.organizationUserGroupIds) &&
					(user.organizationUserGroupIds as unknown[]).some((id) =>
						groupIds.includes(id as string),
					)) ||
				collaboration.groupIdsOf(organizationId, user.userId).some((id) => groupIds.includes(id)),
		);
	}
	const message = SUCCESS_MESSAGES[ENDPOINTS.getUsers];
	const documents = context.store.listDocuments(organizationId);
	if (folderId !== undefined) {
		const inFolder = documents
			.filter((document) => document.folderId === folderId)
			.map((d) => d.documentId);
		const folderUsers = new Set(
			scoped({ level: 'folder', id: folderId }).map((user) => user.userId),
		);
		users = users.filter(
			(user) =>
				folderUsers.has(user.userId) ||
				inFolder.some((id) => userCanSeeDocument(context, organizationId, user, id)),
		);
	}
	if (allDocuments && groupByDocumentId) {
		const grouped: Record<string, JsonObject[]> = {};
		for (const document of documents) {
			const folder = document.folderId;
			const documentUsers = uniteUsers(
				users.filter((user) =>
					userCanSeeDocument(context, organizationId, user, document.documentId),
				),
				scoped({ level: 'document', id: document.documentId }),
				folder === undefined ? [] : scoped({ level: 'folder', id: folder }),
			).filter(
				(user) => userIds === undefined || userIds.length === 0 || userIds.includes(user.userId),
			);
			grouped[document.documentId] = documentUsers.map(userView);
		}
		return success(message, grouped);
	}
	const page = paged(context, data, users, userView, NEXT_PAGE_TOKEN_KEY.users);
	return success(message, page.data, page.extra);
}
