/**
 * Permissions, sign-in tokens and users' data, as their pages describe them:
 * https://docs.velt.dev/api-reference/rest-apis/v2/auth/add-permissions, …/get-permissions,
 * …/remove-permissions, …/generate-token, and
 * https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/get-all-user-data-gdpr,
 * …/delete-all-user-data-gdpr, …/get-delete-user-data-status-gdpr. Written from the pages only;
 * where they are silent, choices.ts ("issue 27") decides. State in AccessStore (store.access).
 */
import { createHmac, randomBytes } from 'crypto';
import {
	DEFAULT_DOCUMENT_ACCESS_TYPE,
	GDPR_ERROR_BODY_CODE,
	SIGN_IN_TOKEN_TTL_S,
	UNKNOWN_JOB_MESSAGE,
	USER_DATA_PAGE_SIZE,
} from './choices';
import type { HandlerContext } from './handlers';
import { handlerModule } from './routes';
import type { JsonObject } from './store';
import {
	decodeToken,
	encodeToken,
	hasToken,
	invalid,
	isJsonObject,
	isStringArray,
	optionalStringArray,
	requireString,
	success,
	VeltApiError,
	type HandlerResult,
} from './validation';

export const ACCESS_ENDPOINTS = {
	addPermissions: '/v2/auth/permissions/add',
	getPermissions: '/v2/auth/permissions/get',
	removePermissions: '/v2/auth/permissions/remove',
	signIn: '/v2/auth/generate_token',
	getUserData: '/v2/users/data/get',
	deleteUserData: '/v2/users/data/delete',
	getUserDataDeletionStatus: '/v2/users/data/delete/status',
} as const;
export type AccessEndpoint = (typeof ACCESS_ENDPOINTS)[keyof typeof ACCESS_ENDPOINTS];
const A = ACCESS_ENDPOINTS;

/** Quoted from the pages. */
export const ACCESS_MESSAGES = {
	permissionsAdded: 'Permissions added successfully.',
	permissionsRetrieved: 'User permissions retrieved successfully.',
	permissionsRemoved: 'Permissions removed successfully.',
	tokenGenerated: 'Token generated successfully.',
	dataFetched: 'Data fetched successfully.',
	deletionStarted: 'Data deletion process has been initiated.',
	noAccessToDocument: 'User does not have access to document',
	documentMissing: 'Document does not exist',
	resourceMissing: 'Folder or document does not exist',
} as const;

/** Documented: type "organization, document or folder"; accessRole "viewer" | "editor", default "editor". */
const RESOURCE_TYPES = ['organization', 'document', 'folder'];
const ROLES = ['viewer', 'editor'];
const DEFAULT_ROLE = 'editor';

interface Grant {
	accessRole: string;
	/** Unix seconds. */
	expiresAt?: number;
}

type Kind = 'organization' | 'documents' | 'folders';

interface DeletionJob {
	userIds: string[];
	organizationIds: string[];
	tasksCount: number;
	tasksDone: number;
	lastTaskCompletedTime: number | null;
}

/** Grants per organization, user and resource; deletion jobs by id. */
export class AccessStore {
	private readonly grants = new Map<string, Map<string, Record<Kind, Map<string, Grant>>>>();
	readonly jobs = new Map<string, DeletionJob>();

	clear(): void {
		this.grants.clear();
		this.jobs.clear();
	}

	grantsOf(organizationId: string, userId: string): Record<Kind, Map<string, Grant>> {
		let users = this.grants.get(organizationId);
		if (users === undefined) {
			users = new Map();
			this.grants.set(organizationId, users);
		}
		let grants = users.get(userId);
		if (grants === undefined) {
			grants = { organization: new Map(), documents: new Map(), folders: new Map() };
			users.set(userId, grants);
		}
		return grants;
	}

	/** Whether anyone was granted this document or folder. */
	isGranted(organizationId: string, kind: Kind, id: string): boolean {
		for (const grants of this.grants.get(organizationId)?.values() ?? [])
			if (grants[kind].has(id)) return true;
		return false;
	}

	forgetUser(userId: string, organizationIds: readonly string[]): void {
		for (const organizationId of organizationIds) this.grants.get(organizationId)?.delete(userId);
	}
}

const KIND_OF: Record<string, Kind> = {
	organization: 'organization',
	document: 'documents',
	folder: 'folders',
};

interface ResourceEntry {
	type: string;
	id: string;
	organizationId?: string;
	accessRole?: string;
	expiresAt?: number;
}

/** `permissions.resources`, each checked as the pages describe it. */
function readResources(
	data: JsonObject,
	organizationFor: readonly string[],
	withRoles: boolean,
): ResourceEntry[] {
	const permissions = data.permissions;
	if (!isJsonObject(permissions) || !Array.isArray(permissions.resources))
		throw invalid('permissions.resources is required and must be an array.');
	if (permissions.resources.length === 0)
		throw invalid('permissions.resources must hold at least one resource.');
	return permissions.resources.map((entry, index) => {
		if (!isJsonObject(entry)) throw invalid(`permissions.resources[${index}] must be an object.`);
		const type = entry.type;
		if (typeof type !== 'string' || !RESOURCE_TYPES.includes(type))
			throw invalid(
				`permissions.resources[${index}].type must be organization, document or folder.`,
			);
		const id = requireString(entry, 'id');
		const organizationId = entry.organizationId;
		if (
			organizationId !== undefined &&
			(typeof organizationId !== 'string' || organizationId === '')
		)
			throw invalid(`permissions.resources[${index}].organizationId must be a non-empty string.`);
		if (organizationFor.includes(type) && organizationId === undefined)
			throw invalid(`permissions.resources[${index}].organizationId is required for type ${type}.`);
		const resource: ResourceEntry = { type, id };
		if (typeof organizationId === 'string') resource.organizationId = organizationId;
		if (!withRoles) return resource;
		if (entry.accessRole !== undefined) {
			if (typeof entry.accessRole !== 'string' || !ROLES.includes(entry.accessRole))
				throw invalid(`permissions.resources[${index}].accessRole must be viewer or editor.`);
			resource.accessRole = entry.accessRole;
		}
		if (entry.expiresAt !== undefined) {
			if (typeof entry.expiresAt !== 'number' || !Number.isFinite(entry.expiresAt))
				throw invalid(`permissions.resources[${index}].expiresAt must be a number.`);
			resource.expiresAt = entry.expiresAt;
		}
		return resource;
	});
}

function organizationOf(resource: ResourceEntry): string {
	return resource.type === 'organization' ? resource.id : (resource.organizationId as string);
}

export function handleAddPermissions(context: HandlerContext, data: JsonObject): HandlerResult {
	const user = data.user;
	if (!isJsonObject(user)) throw invalid('user is required and must be an object.');
	const userId = requireString(user, 'userId');
	const resources = readResources(data, ['document', 'folder'], true);
	for (const resource of resources) {
		const grant: Grant = { accessRole: resource.accessRole ?? DEFAULT_ROLE };
		if (resource.expiresAt !== undefined) grant.expiresAt = resource.expiresAt;
		const grants = context.store.access.grantsOf(organizationOf(resource), userId);
		grants[KIND_OF[resource.type]].set(resource.id, grant);
	}
	// Documented: no `data` in the answer.
	return success(ACCESS_MESSAGES.permissionsAdded, undefined);
}

export function handleRemovePermissions(context: HandlerContext, data: JsonObject): HandlerResult {
	const userId = requireString(data, 'userId');
	// remove-permissions: organizationId "Required if type is document".
	const resources = readResources(data, ['document'], false);
	for (const resource of resources) {
		const organizationId =
			resource.organizationId ?? (resource.type === 'organization' ? resource.id : undefined);
		if (organizationId === undefined) {
			// A folder without its organization: every organization's folder of that id.
			for (const organization of context.store.listOrganizations())
				context.store.access
					.grantsOf(organization.organizationId, userId)
					.folders.delete(resource.id);
			continue;
		}
		const grants = context.store.access.grantsOf(organizationId, userId);
		grants[KIND_OF[resource.type]].delete(resource.id);
	}
	return success(ACCESS_MESSAGES.permissionsRemoved, undefined);
}

function nowSeconds(context: HandlerContext): number {
	return Math.floor(context.store.nowMs() / 1000);
}

function liveGrant(grants: Map<string, Grant>, id: string, nowS: number): Grant | undefined {
	const grant = grants.get(id);
	if (grant?.expiresAt !== undefined && grant.expiresAt <= nowS) {
		grants.delete(id);
		return undefined;
	}
	return grant;
}

function grantView(grant: Grant, accessType?: string): JsonObject {
	const view: JsonObject = { accessRole: grant.accessRole };
	if (accessType !== undefined) view.accessType = accessType;
	if (grant.expiresAt !== undefined) view.expiresAt = grant.expiresAt;
	return view;
}

export function handleGetPermissions(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const userIds = optionalStringArray(data, 'userIds');
	if (userIds === undefined || userIds.length === 0)
		throw invalid('userIds is required and must be a non-empty array of strings.');
	const documentIds = optionalStringArray(data, 'documentIds');
	const folderIds = optionalStringArray(data, 'folderIds');
	const { store } = context;
	const nowS = nowSeconds(context);
	const folderType = (folderId: string) =>
		store
			.listDocuments(organizationId)
			.find((document) => document.folderId === folderId && document.accessType !== undefined)
			?.accessType ?? DEFAULT_DOCUMENT_ACCESS_TYPE;
	// Documents in folders inherit the folder's access type (the page).
	const documentType = (documentId: string) => {
		const document = store.getDocument(organizationId, documentId);
		if (document?.folderId !== undefined) return folderType(document.folderId);
		return document?.accessType ?? DEFAULT_DOCUMENT_ACCESS_TYPE;
	};
	const documentExists = (id: string) =>
		store.getDocument(organizationId, id) !== undefined ||
		store.access.isGranted(organizationId, 'documents', id);
	// A folder made with folders/add exists even when empty and granted to no one.
	const folderExists = (id: string) =>
		store.workspace.getFolder(organizationId, id) !== undefined ||
		store.listDocuments(organizationId).some((document) => document.folderId === id) ||
		store.access.isGranted(organizationId, 'folders', id);
	let missing = false;
	const answer: JsonObject = {};
	for (const userId of userIds) {
		const grants = store.access.grantsOf(organizationId, userId);
		const entry: JsonObject = {};
		const folders: JsonObject = {};
		for (const folderId of folderIds ?? [...grants.folders.keys()]) {
			const grant = liveGrant(grants.folders, folderId, nowS);
			if (grant !== undefined) folders[folderId] = grantView(grant, folderType(folderId));
			else if (!folderExists(folderId)) {
				missing = true;
				folders[folderId] = { error: 'Folder does not exist', errorCode: 'does_not_exist' };
			} else
				folders[folderId] = {
					error: 'User does not have access to folder',
					errorCode: 'permission_denied',
					accessType: folderType(folderId),
				};
		}
		const documents: JsonObject = {};
		for (const documentId of documentIds ?? [...grants.documents.keys()]) {
			const grant = liveGrant(grants.documents, documentId, nowS);
			if (grant !== undefined) documents[documentId] = grantView(grant, documentType(documentId));
			else if (!documentExists(documentId)) {
				missing = true;
				documents[documentId] = {
					error: ACCESS_MESSAGES.documentMissing,
					errorCode: 'does_not_exist',
				};
			} else
				documents[documentId] = {
					error: ACCESS_MESSAGES.noAccessToDocument,
					errorCode: 'permission_denied',
					accessType: documentType(documentId),
				};
		}
		if (Object.keys(folders).length > 0) entry.folders = folders;
		if (Object.keys(documents).length > 0) entry.documents = documents;
		const organizationGrant = liveGrant(grants.organization, organizationId, nowS);
		const member = store.getUser(organizationId, userId);
		if (organizationGrant !== undefined)
			entry.organization = { [organizationId]: grantView(organizationGrant) };
		else if (member !== undefined)
			entry.organization = {
				[organizationId]: {
					accessRole: typeof member.accessRole === 'string' ? member.accessRole : DEFAULT_ROLE,
				},
			};
		answer[userId] = entry;
	}
	// Documented: a missing resource makes the whole call NOT_FOUND, the map in error.details.
	if (missing) throw new VeltApiError('NOT_FOUND', ACCESS_MESSAGES.resourceMissing, answer);
	return success(ACCESS_MESSAGES.permissionsRetrieved, answer);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function handleGenerateToken(context: HandlerContext, data: JsonObject): HandlerResult {
	const userId = requireString(data, 'userId');
	const properties = data.userProperties;
	if (!isJsonObject(properties)) throw invalid('userProperties is required and must be an object.');
	// Documented warning: organizationId does not belong in userProperties.
	if (properties.organizationId !== undefined)
		throw invalid(
			'organizationId does not belong in userProperties; give it as a permissions.resources entry of type organization.',
		);
	const name = requireString(properties, 'name');
	const email = requireString(properties, 'email');
	if (properties.isAdmin !== undefined && typeof properties.isAdmin !== 'boolean')
		throw invalid('userProperties.isAdmin must be a boolean.');
	const resources = readResources(data, ['document', 'folder'], true);
	const iat = nowSeconds(context);
	const header = base64url({ alg: 'HS256', typ: 'JWT' });
	const payload = base64url({
		userId,
		name,
		email,
		isAdmin: properties.isAdmin === true,
		permissions: { resources },
		iat,
		exp: iat + SIGN_IN_TOKEN_TTL_S,
	});
	const signature = createHmac('sha256', context.workspace.authToken)
		.update(`${header}.${payload}`)
		.digest('base64url');
	return success(ACCESS_MESSAGES.tokenGenerated, { token: `${header}.${payload}.${signature}` });
}

function gdprError(message: string): HandlerResult {
	return { ok: false, code: 'INVALID_ARGUMENT', message, bodyCode: GDPR_ERROR_BODY_CODE };
}

export function handleGetUserData(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const userId = requireString(data, 'userId');
	const offset = hasToken(data.pageToken)
		? Number(decodeToken(data.pageToken)?.offset ?? Number.POSITIVE_INFINITY)
		: 0;
	const comments = context.store.collaboration
		.listAnnotations({ organizationId })
		.flatMap((annotation) =>
			annotation.comments
				.filter((comment) => {
					const from = comment.data.from;
					const tagged = JSON.stringify(comment.data.taggedUserContacts ?? []);
					return (
						(isJsonObject(from) && from.userId === userId) ||
						tagged.includes(JSON.stringify(userId))
					);
				})
				.map((comment) => ({
					annotationId: annotation.annotationId,
					documentId: annotation.documentId,
					commentId: comment.commentId,
					...comment.data,
				})),
		);
	const notifications = context.store
		.listNotifications({ organizationId, userId })
		.map((notification) => ({
			id: notification.id,
			organizationId: notification.organizationId,
			documentId: notification.documentId ?? null,
			timestamp: notification.timestamp,
		}));
	const features: Record<string, unknown[]> = {
		comments,
		reactions: [],
		recordings: [],
		notifications,
	};
	const page: JsonObject = {};
	let more = false;
	for (const [feature, entries] of Object.entries(features)) {
		page[feature] = entries.slice(offset, offset + USER_DATA_PAGE_SIZE);
		if (entries.length > offset + USER_DATA_PAGE_SIZE) more = true;
	}
	return success(
		ACCESS_MESSAGES.dataFetched,
		page,
		more ? { nextPageToken: encodeToken({ offset: offset + USER_DATA_PAGE_SIZE }) } : undefined,
	);
}

const JOB_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 20 letters and digits, the shape of the page's "dsQuvPmIynANgPLLEhCm". */
function newJobId(): string {
	return [...randomBytes(20)].map((byte) => JOB_ID_CHARS[byte % JOB_ID_CHARS.length]).join('');
}

export function handleDeleteUserData(context: HandlerContext, data: JsonObject): HandlerResult {
	const userIds = data.userIds;
	if (!isStringArray(userIds) || userIds.length === 0 || userIds.includes(''))
		return gdprError('userIds is required and must be a non-empty array of strings.');
	const given = data.organizationIds;
	if (given !== undefined && (!isStringArray(given) || given.includes('')))
		return gdprError('organizationIds must be an array of non-empty strings.');
	const organizations = context.store.listOrganizations().map((o) => o.organizationId);
	const organizationIds = given ?? organizations;
	let tasksCount = 0;
	for (const userId of userIds) {
		const memberOf = given ?? organizations.filter((id) => context.store.getUser(id, userId));
		tasksCount += Math.max(1, memberOf.length);
	}
	// choices.ts PENDING_DELETE_JOB_ANSWERS_AGAIN: the same request answers its unfinished job.
	const pending = [...context.store.access.jobs].find(
		([, job]) =>
			job.tasksDone < job.tasksCount &&
			JSON.stringify(job.userIds) === JSON.stringify(userIds) &&
			JSON.stringify(job.organizationIds) === JSON.stringify(organizationIds),
	);
	if (pending !== undefined) return deletionStarted(pending[0], pending[1].tasksCount);
	const jobId = newJobId();
	context.store.access.jobs.set(jobId, {
		userIds: [...userIds],
		organizationIds: [...organizationIds],
		tasksCount,
		tasksDone: 0,
		lastTaskCompletedTime: null,
	});
	return deletionStarted(jobId, tasksCount);
}

/** Documented: HTTP 202, the result not wrapped in `result`. */
function deletionStarted(jobId: string, tasksCount: number): HandlerResult {
	return {
		ok: true,
		message: ACCESS_MESSAGES.deletionStarted,
		data: { jobId, tasksCount },
		unwrapped: 202,
	};
}

export function handleGetDeletionStatus(context: HandlerContext, data: JsonObject): HandlerResult {
	if (typeof data.jobId !== 'string' || data.jobId === '')
		return gdprError('jobId is required and must be a non-empty string.');
	const job = context.store.access.jobs.get(data.jobId);
	if (job === undefined) return gdprError(UNKNOWN_JOB_MESSAGE);
	if (job.tasksDone < job.tasksCount) {
		job.tasksDone++;
		job.lastTaskCompletedTime = context.store.nowMs();
		if (job.tasksDone === job.tasksCount) {
			for (const userId of job.userIds) {
				context.store.access.forgetUser(userId, job.organizationIds);
				for (const organizationId of job.organizationIds)
					context.store.deleteUser(organizationId, userId);
			}
		}
	}
	const tasksLeft = job.tasksCount - job.tasksDone;
	return success(ACCESS_MESSAGES.dataFetched, {
		isDeleteCompleted: tasksLeft === 0,
		tasksLeft,
		lastTaskCompletedTime: job.lastTaskCompletedTime,
	});
}

export const ACCESS_HANDLERS = handlerModule<AccessEndpoint>({
	[A.addPermissions]: handleAddPermissions,
	[A.getPermissions]: handleGetPermissions,
	[A.removePermissions]: handleRemovePermissions,
	[A.signIn]: handleGenerateToken,
	// The GDPR pages' errors carry `code: 500`.
	[A.getUserData]: { handle: handleGetUserData, errorBodyCode: GDPR_ERROR_BODY_CODE },
	[A.deleteUserData]: handleDeleteUserData,
	[A.getUserDataDeletionStatus]: handleGetDeletionStatus,
});
