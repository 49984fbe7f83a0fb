/**
 * Comment annotations, comments, users and user groups (the v2 pages under
 * https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/, .../v2/users/ and
 * .../v2/user-groups/): validate the request's `data` as the pages document, act on
 * store.collaboration (and the organization users of the main store), describe the answer.
 */
import {
	ANNOTATION_NOT_FOUND_CODE,
	ANNOTATION_NOT_FOUND_MESSAGE,
	ANNOTATIONS_NEXT_PAGE_TOKEN_KEY,
	PERMISSION_DENIED_MESSAGE,
	STATUS_ID_ALIAS,
	UNKNOWN_AGENT_MESSAGE,
	UNKNOWN_GROUP_CODE,
	UNKNOWN_GROUP_MESSAGE,
	USER_NOT_IN_GROUP_MESSAGE,
	VELT_AGENT_NAMES,
} from './choices';
import {
	mentionedUserIdsOf,
	resultId,
	userIdOf,
	type StoredAnnotation,
	type UserScope,
} from './collaborationStore';
import type { HandlerContext } from './handlers';
import { FEATURE_DISABLED, handlerModule } from './routes';
import type { JsonObject, VeltUser } from './store';
import {
	decodeToken,
	encodeToken,
	hasToken,
	invalid,
	isJsonObject,
	isStringArray,
	optionalBoolean,
	optionalIdList,
	optionalNonEmptyStringArray,
	optionalString,
	optionalStringArray,
	pageSizeOf,
	requireString,
	success,
	VeltApiError,
	type HandlerResult,
} from './validation';
import {
	ACCESS_ROLES,
	AGENT_CONFIDENCE_RANGE,
	AGENT_FINDING_TYPES,
	AGENT_REASON_SOURCES,
	AGENT_SEVERITIES,
	AGENT_SOURCES,
	AGENT_TYPES,
	ANNOTATION_STATUS_TYPES,
	ANNOTATION_TYPES,
	BUILT_IN_VELT_AGENTS,
	COLLABORATION_ENDPOINTS as E,
	COLLABORATION_ITEM_MESSAGES as M,
	COLLABORATION_SUCCESS_MESSAGES,
	COMMENT_TYPES,
	DEFAULT_PAGE_SIZE,
	DENIED_ANNOTATION_KEY_PREFIX,
	GET_AGENT_FILTERS,
	GROUPED_ANNOTATIONS_MESSAGE,
	LEGACY_COMMENT_TYPES,
	OPEN_STATUS,
	SORT_ORDERS,
	SUGGESTION_STATUSES,
	TERMINAL_STATUS_TYPE,
	VISIBILITY_TYPES,
	type CollaborationEndpoint,
} from './veltDocs';

const ok = (endpoint: CollaborationEndpoint, data: unknown, extra?: JsonObject): HandlerResult =>
	success(COLLABORATION_SUCCESS_MESSAGES[endpoint], data, extra);

// ---- field checks ------------------------------------------------------------------------------

function oneOf(value: unknown, allowed: readonly string[], field: string): string {
	if (typeof value !== 'string' || !allowed.includes(value))
		throw invalid(`${field} must be one of: ${allowed.join(', ')}.`);
	return value;
}

function stringField(object: JsonObject, key: string, path: string, required: boolean): void {
	const value = object[key];
	if (value === undefined) {
		if (required) throw invalid(`${path}.${key} is required and must be a string.`);
		return;
	}
	if (typeof value !== 'string' || (required && value === ''))
		throw invalid(`${path}.${key} must be a${required ? ' non-empty' : ''} string.`);
}

function numberField(object: JsonObject, key: string, path: string, integer = false): void {
	const value = object[key];
	if (value === undefined) return;
	if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)))
		throw invalid(`${path}.${key} must be ${integer ? 'an integer' : 'a number'}.`);
}

function booleanField(object: JsonObject, key: string, path: string): void {
	if (object[key] !== undefined && typeof object[key] !== 'boolean')
		throw invalid(`${path}.${key} must be a boolean.`);
}

function objectField(object: JsonObject, key: string, path: string): JsonObject | undefined {
	const value = object[key];
	if (value === undefined) return undefined;
	if (!isJsonObject(value)) throw invalid(`${path}.${key} must be an object.`);
	return value;
}

function validateUser(value: unknown, path: string): VeltUser {
	if (!isJsonObject(value) || typeof value.userId !== 'string' || value.userId === '')
		throw invalid(`${path}.userId is required and must be a non-empty string.`);
	for (const key of ['name', 'email', 'photoUrl', 'color', 'textColor', 'initial'])
		stringField(value, key, path, false);
	if (value.accessRole !== undefined) oneOf(value.accessRole, ACCESS_ROLES, `${path}.accessRole`);
	return value as VeltUser;
}

/** A number[] of comment ids. */
function optionalCommentIds(data: JsonObject, field: string): number[] | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every((id) => typeof id === 'number' && Number.isInteger(id)))
		throw invalid(`${field} must be an array of numbers (comment ids).`);
	return value as number[];
}

function validateLocation(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	stringField(value, 'id', path, true);
	stringField(value, 'locationName', path, false);
}

function validateTargetElement(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	stringField(value, 'elementId', path, false);
	stringField(value, 'targetText', path, false);
	numberField(value, 'occurrence', path);
	booleanField(value, 'selectAllContent', path);
}

/** add: id, name, type, color, lightColor required and svg or iconUrl; update: id, name, type. */
function validateStatus(value: unknown, path: string, strict: boolean): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	stringField(value, 'id', path, true);
	stringField(value, 'name', path, true);
	oneOf(value.type, ANNOTATION_STATUS_TYPES, `${path}.type`);
	for (const key of ['color', 'lightColor']) stringField(value, key, path, strict);
	stringField(value, 'svg', path, false);
	stringField(value, 'iconUrl', path, false);
	if (strict && value.svg === undefined && value.iconUrl === undefined)
		throw invalid(`${path}: either svg or iconUrl is required.`);
}

/** add: id, color, name, lightColor required; update: id, name. */
function validatePriority(value: unknown, path: string, strict: boolean): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	stringField(value, 'id', path, true);
	stringField(value, 'name', path, true);
	for (const key of ['color', 'lightColor']) stringField(value, key, path, strict);
}

function validateContext(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	if (value.access === undefined) return;
	if (!isJsonObject(value.access)) throw invalid(`${path}.access must be an object.`);
	for (const [key, entry] of Object.entries(value.access)) {
		if (typeof entry !== 'string' && typeof entry !== 'number')
			throw invalid(`${path}.access.${key} must be a string or a number.`);
	}
}

function validateVisibility(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	const type = oneOf(value.type, VISIBILITY_TYPES, `${path}.type`);
	if (type === 'organizationPrivate') stringField(value, 'organizationId', path, true);
	if (
		type === 'restricted' &&
		(!isStringArray(value.userIds) || value.userIds.length === 0 || value.userIds.includes(''))
	)
		throw invalid(`${path}.userIds is required (a non-empty array of strings) for restricted.`);
}

function validateAgent(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	const source = oneOf(value.agentSource, AGENT_SOURCES, `${path}.agentSource`);
	stringField(value, 'agentId', path, true);
	for (const key of ['executionId', 'agentName', 'url']) stringField(value, key, path, false);
	if (source === 'external') stringField(value, 'agentName', path, true);
	const reason = value.reason;
	if (!isJsonObject(reason)) throw invalid(`${path}.reason is required and must be an object.`);
	stringField(reason, 'title', `${path}.reason`, true);
	stringField(reason, 'description', `${path}.reason`, true);
	oneOf(reason.severity, AGENT_SEVERITIES, `${path}.reason.severity`);
	if (reason.findingType !== undefined)
		oneOf(reason.findingType, AGENT_FINDING_TYPES, `${path}.reason.findingType`);
	if (reason.source !== undefined)
		oneOf(reason.source, AGENT_REASON_SOURCES, `${path}.reason.source`);
	const confidence = reason.confidence;
	if (
		confidence !== undefined &&
		(typeof confidence !== 'number' ||
			!Number.isInteger(confidence) ||
			confidence < AGENT_CONFIDENCE_RANGE.min ||
			confidence > AGENT_CONFIDENCE_RANGE.max)
	)
		throw invalid(`${path}.reason.confidence must be an integer between 0 and 100.`);
	for (const key of [
		'findingId',
		'issueType',
		'suggestion',
		'suggestedFix',
		'htmlSnippet',
		'htmlSelector',
		'knowledgeSection',
	])
		stringField(reason, key, `${path}.reason`, false);
	// "a custom agent ID that is verified server-side (unknown IDs return NOT_FOUND)".
	if (
		source === 'velt' &&
		!(BUILT_IN_VELT_AGENTS as readonly string[]).includes(value.agentId as string)
	)
		throw new VeltApiError('NOT_FOUND', `${UNKNOWN_AGENT_MESSAGE} (${String(value.agentId)})`);
}

/**
 * taggedUserContacts: the annotation page requires userId and contact.userId; the comments
 * pages also require text, contact.email and contact.name (`strict`).
 */
function validateTaggedUsers(value: unknown, path: string, strict: boolean): void {
	if (value === undefined) return;
	if (!Array.isArray(value)) throw invalid(`${path} must be an array.`);
	value.forEach((entry, index) => {
		const at = `${path}[${index}]`;
		if (!isJsonObject(entry)) throw invalid(`${at} must be an object.`);
		stringField(entry, 'userId', at, true);
		stringField(entry, 'text', at, strict);
		if (!isJsonObject(entry.contact))
			throw invalid(`${at}.contact is required and must be an object.`);
		stringField(entry.contact, 'userId', `${at}.contact`, true);
		stringField(entry.contact, 'name', `${at}.contact`, strict);
		stringField(entry.contact, 'email', `${at}.contact`, strict);
	});
}

function validateAttachments(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!Array.isArray(value)) throw invalid(`${path} must be an array.`);
	value.forEach((entry, index) => {
		const at = `${path}[${index}]`;
		if (!isJsonObject(entry)) throw invalid(`${at} must be an object.`);
		if (typeof entry.attachmentId !== 'number')
			throw invalid(`${at}.attachmentId is required and must be a number.`);
		for (const key of ['name', 'bucketPath', 'type', 'url', 'thumbnail', 'mimeType'])
			stringField(entry, key, at, false);
		numberField(entry, 'size', at);
		objectField(entry, 'metadata', at);
	});
}

interface CommentRules {
	/** The comments pages' stricter taggedUserContacts. */
	strictMentions: boolean;
	/** `from` required (add); optional on comments/update (choices.ts COMMENTS_UPDATE_FROM_OPTIONAL). */
	fromRequired: boolean;
}

function validateComment(value: unknown, path: string, rules: CommentRules): JsonObject {
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	numberField(value, 'commentId', path, true);
	stringField(value, 'commentText', path, false);
	stringField(value, 'commentHtml', path, false);
	validateContext(value.context, `${path}.context`);
	for (const key of [
		'isCommentResolverUsed',
		'isCommentTextAvailable',
		'triggerNotification',
		'triggerActivities',
	])
		booleanField(value, key, path);
	if (value.from === undefined) {
		if (rules.fromRequired) throw invalid(`${path}.from is required and must be a user object.`);
	} else validateUser(value.from, `${path}.from`);
	numberField(value, 'createdAt', path);
	numberField(value, 'lastUpdated', path);
	validateTaggedUsers(value.taggedUserContacts, `${path}.taggedUserContacts`, rules.strictMentions);
	validateAttachments(value.attachments, `${path}.attachments`);
	validateAgent(value.agent, `${path}.agent`);
	return value;
}

function validateCommentData(data: JsonObject, path: string, rules: CommentRules): JsonObject[] {
	const value = data.commentData;
	if (!Array.isArray(value) || value.length === 0)
		throw invalid(
			`${path === '' ? '' : `${path}.`}commentData is required and must be a non-empty array.`,
		);
	const prefix = path === '' ? 'commentData' : `${path}.commentData`;
	return value.map((comment, index) => validateComment(comment, `${prefix}[${index}]`, rules));
}

// ---- shared lookups ------------------------------------------------------------------------------

function registerDocument(
	context: HandlerContext,
	organizationId: string,
	documentId?: string,
): void {
	const store = context.store;
	if (!store.listOrganizationIds().includes(organizationId))
		store.upsertOrganization({ organizationId });
	if (documentId !== undefined && store.getDocument(organizationId, documentId) === undefined)
		store.upsertDocument(organizationId, { documentId });
}

/** verifyUserPermissions: an organization user, a user of the document, or of its folder. */
function canAccessDocument(
	context: HandlerContext,
	organizationId: string,
	documentId: string,
	userId: string,
): boolean {
	const store = context.store;
	const collaboration = store.collaboration;
	if (store.getUser(organizationId, userId) !== undefined) return true;
	if (collaboration.getScopedUser(organizationId, { level: 'document', id: documentId }, userId))
		return true;
	const folderId = store.getDocument(organizationId, documentId)?.folderId;
	return (
		folderId !== undefined &&
		collaboration.getScopedUser(organizationId, { level: 'folder', id: folderId }, userId) !==
			undefined
	);
}

function requireAnnotation(
	context: HandlerContext,
	organizationId: string,
	documentId: string,
	annotationId: string,
): StoredAnnotation {
	const annotation = context.store.collaboration.getAnnotation(
		organizationId,
		documentId,
		annotationId,
	);
	if (annotation === undefined)
		throw new VeltApiError(
			ANNOTATION_NOT_FOUND_CODE,
			`${ANNOTATION_NOT_FOUND_MESSAGE} (${annotationId})`,
		);
	return annotation;
}

/** Ids for new comments: the given commentId, or a fresh one. */
function withCommentIds(
	context: HandlerContext,
	annotation: StoredAnnotation | undefined,
	comments: JsonObject[],
): Array<{ commentId: number; data: JsonObject }> {
	const taken = new Set<number>();
	return comments.map((data) => {
		const commentId =
			typeof data.commentId === 'number'
				? data.commentId
				: context.store.collaboration.newCommentId(annotation, taken);
		taken.add(commentId);
		return { commentId, data };
	});
}

/** The annotation-level agent block generated from the root comment's agent. */
function annotationAgent(agent: JsonObject): JsonObject {
	const source = agent.agentSource as string;
	const agentId = agent.agentId as string;
	const block: JsonObject = {
		agentId,
		agentType:
			source === 'external'
				? 'external'
				: (BUILT_IN_VELT_AGENTS as readonly string[]).includes(agentId)
					? 'built-in'
					: 'custom',
		agentSource: source,
		agentName: source === 'external' ? agent.agentName : (VELT_AGENT_NAMES[agentId] ?? agentId),
	};
	for (const key of ['executionId', 'url', 'reason'])
		if (agent[key] !== undefined) block[key] = agent[key];
	return block;
}

function matchesLocation(annotation: StoredAnnotation, locationIds: readonly string[]): boolean {
	const location = annotation.fields.location as JsonObject | undefined;
	return locationIds.some(
		(id) =>
			location?.id === id ||
			(annotation.locationId !== undefined && String(annotation.locationId) === id),
	);
}

// ---- comment annotations -------------------------------------------------------------------------

function validateAnnotationInput(value: unknown, path: string): JsonObject {
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	const id = value.annotationId;
	if (id !== undefined && (typeof id !== 'string' || id === '' || id.includes(':')))
		throw invalid(`${path}.annotationId must be a non-empty string without ':'.`);
	validateLocation(value.location, `${path}.location`);
	validateTargetElement(value.targetElement, `${path}.targetElement`);
	validateCommentData(value, path, { strictMentions: false, fromRequired: true });
	validateStatus(value.status, `${path}.status`, true);
	if (value.assignedTo !== undefined) validateUser(value.assignedTo, `${path}.assignedTo`);
	validateContext(value.context, `${path}.context`);
	numberField(value, 'createdAt', path);
	numberField(value, 'lastUpdated', path);
	validatePriority(value.priority, `${path}.priority`, true);
	if (value.type !== undefined) oneOf(value.type, ANNOTATION_TYPES, `${path}.type`);
	objectField(value, 'suggestion', path);
	if (value.commentType !== undefined)
		oneOf(value.commentType, [...COMMENT_TYPES, ...LEGACY_COMMENT_TYPES], `${path}.commentType`);
	validateVisibility(value.visibility, `${path}.visibility`);
	return value;
}

/** The stored annotation-level fields of an Add entry. */
function annotationFields(input: JsonObject): JsonObject {
	const type = (input.type as string | undefined) ?? 'comment';
	const fields: JsonObject = {
		type,
		status: input.status ?? { ...OPEN_STATUS },
		commentType: input.commentType ?? 'manual',
	};
	for (const key of [
		'location',
		'targetElement',
		'priority',
		'assignedTo',
		'context',
		'visibility',
	])
		if (input[key] !== undefined) fields[key] = input[key];
	// "status is server-owned: any caller-supplied value is dropped and the server stamps pending".
	if (type === 'suggestion') {
		const { status: _dropped, ...suggestion } = (input.suggestion as JsonObject | undefined) ?? {};
		fields.suggestion = { ...suggestion, status: 'pending' };
	}
	const rootAgent = (input.commentData as JsonObject[])[0].agent as JsonObject | undefined;
	if (rootAgent !== undefined) fields.agent = annotationAgent(rootAgent);
	return fields;
}

export function handleAddCommentAnnotations(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentId = requireString(data, 'documentId');
	for (const field of ['createOrganization', 'createDocument']) optionalBoolean(data, field);
	const verify = optionalBoolean(data, 'verifyUserPermissions') === true;
	const list = data.commentAnnotations;
	if (!Array.isArray(list) || list.length === 0)
		throw invalid('commentAnnotations is required and must be a non-empty array.');
	// Validate every entry before storing any, so a bad entry leaves the store untouched.
	const inputs = list.map((entry, index) =>
		validateAnnotationInput(entry, `commentAnnotations[${index}]`),
	);
	registerDocument(context, organizationId, documentId);

	const collaboration = context.store.collaboration;
	const results: Record<string, JsonObject> = {};
	let denied = false;
	inputs.forEach((input, index) => {
		const comments = input.commentData as JsonObject[];
		if (
			verify &&
			comments.some(
				(c) => !canAccessDocument(context, organizationId, documentId, userIdOf(c.from)),
			)
		) {
			denied = true;
			const key =
				(input.annotationId as string | undefined) ?? `${DENIED_ANNOTATION_KEY_PREFIX}${index}`;
			results[key] = { success: false, message: PERMISSION_DENIED_MESSAGE };
			return;
		}
		const annotationId =
			(input.annotationId as string | undefined) ??
			collaboration.newAnnotationId(organizationId, documentId);
		const annotation = collaboration.insertAnnotation({
			organizationId,
			documentId,
			annotationId,
			fields: annotationFields(input),
			comments: withCommentIds(context, undefined, comments),
			createdAt: input.createdAt as number | undefined,
			lastUpdated: input.lastUpdated as number | undefined,
		});
		const entry: JsonObject = {
			success: true,
			annotationId,
			commentIds: annotation.comments.map((c) => c.commentId),
			message: M.annotationAdded,
		};
		const findingId = (
			(comments[0].agent as JsonObject | undefined)?.reason as JsonObject | undefined
		)?.findingId;
		if (findingId !== undefined) entry.findingId = findingId;
		results[annotationId] = entry;
	});
	if (denied) throw new VeltApiError('PERMISSION_DENIED', PERMISSION_DENIED_MESSAGE, results);
	return ok(E.addCommentAnnotations, results);
}

interface AnnotationQuery {
	locationIds?: string[];
	annotationIds?: string[];
	userIds?: string[];
	mentionedUserIds?: string[];
	resolvedBy?: string;
	statusIds?: string[];
	folderId?: string;
	agent?: { key: string; value: unknown };
	updatedAfter?: number;
	updatedBefore?: number;
	createdAfter?: number;
	createdBefore?: number;
}

function optionalNumber(data: JsonObject, field: string): number | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw invalid(`${field} must be a number (ms).`);
	return value;
}

function matchesQuery(
	context: HandlerContext,
	annotation: StoredAnnotation,
	query: AnnotationQuery,
): boolean {
	const fields = annotation.fields;
	if (
		query.locationIds !== undefined &&
		query.locationIds.length > 0 &&
		!matchesLocation(annotation, query.locationIds)
	)
		return false;
	if (
		query.userIds !== undefined &&
		query.userIds.length > 0 &&
		!query.userIds.includes(userIdOf(annotation.from))
	)
		return false;
	if (query.mentionedUserIds !== undefined && query.mentionedUserIds.length > 0) {
		const mentioned = annotation.comments.flatMap((c) => mentionedUserIdsOf(c.data));
		if (!query.mentionedUserIds.some((id) => mentioned.includes(id))) return false;
	}
	if (query.resolvedBy !== undefined && fields.resolvedByUserId !== query.resolvedBy) return false;
	if (query.statusIds !== undefined && query.statusIds.length > 0) {
		const statusId = (fields.status as JsonObject | undefined)?.id;
		if (!query.statusIds.includes(statusId as string)) return false;
	}
	if (query.folderId !== undefined) {
		const document = context.store.getDocument(annotation.organizationId, annotation.documentId);
		if (document?.folderId !== query.folderId) return false;
	}
	if (query.updatedAfter !== undefined && !(annotation.lastUpdated >= query.updatedAfter))
		return false;
	if (query.updatedBefore !== undefined && !(annotation.lastUpdated <= query.updatedBefore))
		return false;
	if (query.createdAfter !== undefined && !(annotation.createdAt >= query.createdAfter))
		return false;
	if (query.createdBefore !== undefined && !(annotation.createdAt <= query.createdBefore))
		return false;
	if (query.agent !== undefined) {
		const agent = fields.agent as JsonObject | undefined;
		const { key, value } = query.agent;
		if (key === 'agentSuggestions' || key === 'agentComments') {
			if (value === true) {
				if (agent === undefined) return false;
				if (key === 'agentSuggestions' && !isPendingSuggestion(annotation)) return false;
			}
		} else if (key === 'executionId') {
			const ids = [
				agent?.executionId,
				...annotation.comments.map((c) => (c.data.agent as JsonObject | undefined)?.executionId),
			];
			if (!ids.includes(value)) return false;
		} else if (agent?.[key] !== value) return false;
	}
	return true;
}

function isPendingSuggestion(annotation: StoredAnnotation): boolean {
	return (
		annotation.fields.type === 'suggestion' &&
		(annotation.fields.suggestion as JsonObject | undefined)?.status === 'pending'
	);
}

function compareForOrder(order: 'asc' | 'desc') {
	return (a: StoredAnnotation, b: StoredAnnotation): number => {
		const byTime = a.lastUpdated - b.lastUpdated;
		const byId = a.annotationId < b.annotationId ? -1 : a.annotationId > b.annotationId ? 1 : 0;
		const ascending = byTime !== 0 ? byTime : byId;
		return order === 'asc' ? ascending : -ascending;
	};
}

export function handleGetCommentAnnotations(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentId = optionalString(data, 'documentId');
	const documentIds = optionalIdList(data, 'documentIds');
	const grouped = optionalBoolean(data, 'groupByDocumentId') === true;
	const agentKeys = GET_AGENT_FILTERS.filter((key) => data[key] !== undefined);
	if (agentKeys.length > 1)
		throw invalid(
			`Only one agent filter (${GET_AGENT_FILTERS.join(', ')}) may be supplied per request.`,
		);
	for (const key of ['agentId', 'executionId']) optionalString(data, key);
	if (data.agentType !== undefined) oneOf(data.agentType, AGENT_TYPES, 'agentType');
	if (data.agentSource !== undefined) oneOf(data.agentSource, AGENT_SOURCES, 'agentSource');
	for (const key of ['agentSuggestions', 'agentComments']) optionalBoolean(data, key);
	const statusIds = optionalStringArray(data, 'statusIds');
	const statusId = optionalString(data, STATUS_ID_ALIAS);
	const query: AnnotationQuery = {
		locationIds: optionalIdList(data, 'locationIds'),
		annotationIds: optionalIdList(data, 'annotationIds'),
		userIds: optionalIdList(data, 'userIds'),
		mentionedUserIds: optionalStringArray(data, 'mentionedUserIds'),
		resolvedBy: optionalString(data, 'resolvedBy'),
		statusIds: statusIds ?? (statusId === undefined ? undefined : [statusId]),
		folderId: optionalString(data, 'folderId'),
		agent: agentKeys.length === 1 ? { key: agentKeys[0], value: data[agentKeys[0]] } : undefined,
		updatedAfter: optionalNumber(data, 'updatedAfter'),
		updatedBefore: optionalNumber(data, 'updatedBefore'),
		createdAfter: optionalNumber(data, 'createdAfter'),
		createdBefore: optionalNumber(data, 'createdBefore'),
	};
	const order = (data.order ?? 'desc') as 'asc' | 'desc';
	oneOf(order, SORT_ORDERS, 'order');
	const limit = pageSizeOf(data, DEFAULT_PAGE_SIZE, context.maxPageSize);
	const message = grouped
		? GROUPED_ANNOTATIONS_MESSAGE
		: COLLABORATION_SUCCESS_MESSAGES[E.getCommentAnnotations];

	const documents = [
		...new Set([...(documentId === undefined ? [] : [documentId]), ...(documentIds ?? [])]),
	];
	const collaboration = context.store.collaboration;
	const candidates = collaboration
		.listAnnotations({ organizationId, documentIds: documents.length > 0 ? documents : undefined })
		.filter((annotation) => matchesQuery(context, annotation, query));

	let after: { u: number; i: string } | undefined;
	if (hasToken(data.pageToken)) {
		const cursor = decodeToken(data.pageToken);
		if (cursor === undefined || typeof cursor.u !== 'number' || typeof cursor.i !== 'string')
			return success(message, grouped ? {} : []);
		if (cursor.o !== order)
			throw invalid(`pageToken was issued for order '${String(cursor.o)}', not '${order}'.`);
		after = { u: cursor.u, i: cursor.i };
	}

	let page: Array<StoredAnnotation | null>;
	let next: string | undefined;
	if (query.annotationIds !== undefined && query.annotationIds.length > 0) {
		page = [];
		for (const id of query.annotationIds) {
			const stored = collaboration
				.listAnnotations({
					organizationId,
					documentIds: documents.length > 0 ? documents : undefined,
				})
				.find((a) => a.annotationId === id);
			if (stored === undefined) page.push(null);
			else if (candidates.includes(stored)) page.push(stored);
		}
	} else {
		const sorted = candidates.sort(compareForOrder(order));
		const compare = compareForOrder(order);
		const start =
			after === undefined
				? 0
				: sorted.findIndex(
						(a) =>
							compare(a, { lastUpdated: after.u, annotationId: after.i } as StoredAnnotation) > 0,
					);
		const from = start < 0 ? sorted.length : start;
		page = sorted.slice(from, from + limit);
		if (from + limit < sorted.length) {
			const last = page[page.length - 1] as StoredAnnotation;
			next = encodeToken({ u: last.lastUpdated, i: last.annotationId, o: order });
		}
	}
	const extra = next === undefined ? undefined : { [ANNOTATIONS_NEXT_PAGE_TOKEN_KEY]: next };
	if (grouped) {
		const byDocument: Record<string, JsonObject[]> = {};
		for (const annotation of page) {
			if (annotation === null) continue;
			(byDocument[annotation.documentId] ??= []).push(collaboration.toApiAnnotation(annotation));
		}
		return success(message, byDocument, extra);
	}
	return success(
		message,
		page.map((a) => (a === null ? null : collaboration.toApiAnnotation(a))),
		extra,
	);
}

function visibleTo(annotation: StoredAnnotation, userId: string): boolean {
	const visibility = annotation.fields.visibility as
		| { type?: string; userIds?: string[] }
		| undefined;
	return visibility?.type !== 'restricted' || (visibility.userIds ?? []).includes(userId);
}

export function handleGetCommentAnnotationsCount(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentIds = optionalIdList(data, 'documentIds');
	if (documentIds === undefined || documentIds.length === 0)
		throw invalid('documentIds is required and must be a non-empty array of strings.');
	const userId = requireString(data, 'userId');
	const statusIds = optionalStringArray(data, 'statusIds');
	const collaboration = context.store.collaboration;
	const counts: Record<string, { total: number; unread: number }> = {};
	for (const documentId of documentIds) {
		const annotations = collaboration
			.listAnnotations({ organizationId, documentIds: [documentId] })
			.filter((a) => visibleTo(a, userId))
			.filter((a) => matchesQuery(context, a, { statusIds }));
		counts[documentId] = {
			total: annotations.length,
			unread: annotations.filter((a) => collaboration.isUnreadFor(a, userId)).length,
		};
	}
	return ok(E.getCommentAnnotationsCount, counts);
}

/** Scope of update/delete: the document(s), then locationIds, userIds, annotationIds. */
function scopedAnnotations(
	context: HandlerContext,
	organizationId: string | undefined,
	documentId: string,
	data: JsonObject,
): { matching: StoredAnnotation[]; missing: string[] } {
	const locationIds = optionalStringArray(data, 'locationIds');
	const userIds = optionalStringArray(data, 'userIds');
	const annotationIds = optionalStringArray(data, 'annotationIds');
	const all = context.store.collaboration.listAnnotations({
		organizationId,
		documentIds: [documentId],
	});
	const matching = all.filter(
		(annotation) =>
			(annotationIds === undefined || annotationIds.includes(annotation.annotationId)) &&
			matchesQuery(context, annotation, { locationIds, userIds }),
	);
	const missing = (annotationIds ?? []).filter((id) => !all.some((a) => a.annotationId === id));
	return { matching, missing };
}

function validateUpdatedData(value: unknown, path: string): void {
	if (!isJsonObject(value)) throw invalid(`${path} must be an object.`);
	validateLocation(value.location, `${path}.location`);
	validateTargetElement(value.targetElement, `${path}.targetElement`);
	if (value.from !== undefined) validateUser(value.from, `${path}.from`);
	validateStatus(value.status, `${path}.status`, false);
	for (const key of ['statusUpdatedByUserId', 'resolvedByUserId']) {
		const entry = value[key];
		if (entry !== undefined && entry !== null && typeof entry !== 'string')
			throw invalid(`${path}.${key} must be a string or null.`);
	}
	if (value.assignedTo !== undefined) validateUser(value.assignedTo, `${path}.assignedTo`);
	validateContext(value.context, `${path}.context`);
	validatePriority(value.priority, `${path}.priority`, false);
	const suggestion = objectField(value, 'suggestion', path);
	if (suggestion?.status !== undefined)
		oneOf(suggestion.status, SUGGESTION_STATUSES, `${path}.suggestion.status`);
}

function validateUpdateUsers(value: unknown): Array<{ oldUser: VeltUser; newUser: VeltUser }> {
	if (!Array.isArray(value)) throw invalid('updateUsers must be an array.');
	return value.map((entry, index) => {
		const at = `updateUsers[${index}]`;
		if (!isJsonObject(entry)) throw invalid(`${at} must be an object.`);
		return {
			oldUser: validateUser(entry.oldUser, `${at}.oldUser`),
			newUser: validateUser(entry.newUser, `${at}.newUser`),
		};
	});
}

/** The annotation patch of one updatedData object (null clears, non-terminal status clears the resolver). */
function annotationPatch(
	context: HandlerContext,
	annotation: StoredAnnotation,
	update: JsonObject,
): JsonObject {
	const patch: JsonObject = {};
	for (const key of [
		'location',
		'targetElement',
		'from',
		'status',
		'assignedTo',
		'context',
		'priority',
		'suggestion',
	])
		if (update[key] !== undefined) patch[key] = update[key];
	if (update.statusUpdatedByUserId !== undefined)
		patch.statusUpdatedByUserId = update.statusUpdatedByUserId ?? undefined;
	if (update.resolvedByUserId !== undefined) {
		const resolver = update.resolvedByUserId as string | null;
		patch.resolvedByUserId = resolver ?? undefined;
		patch.resolvedByUser =
			resolver === null
				? undefined
				: (context.store.getUser(annotation.organizationId, resolver) ?? { userId: resolver });
	}
	const status = update.status as JsonObject | undefined;
	if (status !== undefined && status.type !== TERMINAL_STATUS_TYPE) {
		patch.resolvedByUserId = undefined;
		patch.resolvedByUser = undefined;
	}
	return patch;
}

function replaceUser(value: unknown, oldUserId: string, newUser: VeltUser): unknown {
	return userIdOf(value) === oldUserId ? { ...newUser } : value;
}

export function handleUpdateCommentAnnotations(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const documentId = requireString(data, 'documentId');
	const rawUpdates = data.updatedData;
	const updates: JsonObject[] =
		rawUpdates === undefined
			? []
			: Array.isArray(rawUpdates)
				? (rawUpdates as JsonObject[])
				: [rawUpdates as JsonObject];
	updates.forEach((update, index) =>
		validateUpdatedData(
			update,
			Array.isArray(rawUpdates) ? `updatedData[${index}]` : 'updatedData',
		),
	);
	const userUpdates = data.updateUsers === undefined ? [] : validateUpdateUsers(data.updateUsers);
	if (rawUpdates === undefined && data.updateUsers === undefined)
		throw invalid('updatedData or updateUsers is required.');
	const { matching, missing } = scopedAnnotations(context, organizationId, documentId, data);

	const collaboration = context.store.collaboration;
	const results: Record<string, JsonObject> = {};
	for (const annotation of matching) {
		for (const update of updates)
			collaboration.updateAnnotation(annotation, annotationPatch(context, annotation, update));
		for (const { oldUser, newUser } of userUpdates) {
			const patch: JsonObject = {};
			if (userIdOf(annotation.from) === oldUser.userId) patch.from = { ...newUser };
			if (userIdOf(annotation.fields.assignedTo) === oldUser.userId)
				patch.assignedTo = { ...newUser };
			collaboration.updateAnnotation(annotation, patch);
			for (const comment of annotation.comments) {
				comment.data.from = replaceUser(comment.data.from, oldUser.userId, newUser);
				if (Array.isArray(comment.data.taggedUserContacts)) {
					comment.data.taggedUserContacts = (comment.data.taggedUserContacts as JsonObject[]).map(
						(tagged) =>
							tagged.userId === oldUser.userId
								? { ...tagged, userId: newUser.userId, contact: { ...newUser } }
								: tagged,
					);
				}
			}
		}
		results[annotation.annotationId] = {
			success: true,
			id: annotation.annotationId,
			message: M.annotationUpdated,
		};
	}
	for (const id of missing) results[id] = { success: false, id, message: M.annotationNotFound };
	return ok(E.updateCommentAnnotations, results);
}

/** A page URL that names a page: http(s), not blank or fragment-only. */
function isPageUrl(url: string): boolean {
	if (url.trim() === '' || url.trim().startsWith('#')) return false;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:';
	} catch {
		return false;
	}
}

export function handleDeleteCommentAnnotations(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = optionalString(data, 'organizationId');
	const documentId = requireString(data, 'documentId');
	const agentId = optionalString(data, 'agentId');
	const agentSuggestions = optionalBoolean(data, 'agentSuggestions');
	const agentUrls = optionalNonEmptyStringArray(data, 'agentUrls');
	const agentFiltered =
		agentId !== undefined || agentSuggestions !== undefined || agentUrls !== undefined;
	// Documented: agent filters need advanced queries, else NOT_FOUND rather than a wider delete.
	if (agentFiltered && !context.features.advancedQueries)
		throw new VeltApiError(
			FEATURE_DISABLED.advancedQueries.code,
			FEATURE_DISABLED.advancedQueries.message,
		);
	const urls = agentUrls?.filter(isPageUrl);
	if (agentUrls !== undefined && urls?.length === 0)
		throw invalid('agentUrls: none of the supplied URLs is a valid page URL.');
	const { matching, missing } = scopedAnnotations(context, organizationId, documentId, data);

	const results: Record<string, JsonObject> = {};
	for (const annotation of matching) {
		const agent = annotation.fields.agent as JsonObject | undefined;
		if (agentFiltered && agent === undefined) continue;
		if (agentId !== undefined && agent?.agentId !== agentId) continue;
		if (agentSuggestions === true && !isPendingSuggestion(annotation)) continue;
		if (urls !== undefined && !urls.includes(agent?.url as string)) continue;
		context.store.collaboration.deleteAnnotation(annotation);
		results[annotation.annotationId] = {
			success: true,
			id: annotation.annotationId,
			message: M.annotationDeleted,
		};
	}
	for (const id of missing) results[id] = { success: false, id, message: M.annotationNotFound };
	return ok(E.deleteCommentAnnotations, results);
}

// ---- comments -------------------------------------------------------------------------------------

interface CommentScope {
	organizationId: string;
	documentId: string;
	annotationId: string;
}

function commentScopeOf(data: JsonObject): CommentScope {
	return {
		organizationId: requireString(data, 'organizationId'),
		documentId: requireString(data, 'documentId'),
		annotationId: requireString(data, 'annotationId'),
	};
}

export function handleAddComments(context: HandlerContext, data: JsonObject): HandlerResult {
	const scope = commentScopeOf(data);
	for (const field of ['createOrganization', 'createDocument']) optionalBoolean(data, field);
	const verify = optionalBoolean(data, 'verifyUserPermissions') === true;
	const comments = validateCommentData(data, '', { strictMentions: true, fromRequired: true });
	registerDocument(context, scope.organizationId, scope.documentId);
	const annotation = requireAnnotation(
		context,
		scope.organizationId,
		scope.documentId,
		scope.annotationId,
	);
	if (
		verify &&
		comments.some(
			(c) => !canAccessDocument(context, scope.organizationId, scope.documentId, userIdOf(c.from)),
		)
	)
		throw new VeltApiError('PERMISSION_DENIED', PERMISSION_DENIED_MESSAGE);
	const added = context.store.collaboration.addComments(
		annotation,
		withCommentIds(context, annotation, comments),
	);
	return ok(
		E.addComments,
		added.map((comment) => comment.commentId),
	);
}

export function handleGetComments(context: HandlerContext, data: JsonObject): HandlerResult {
	const scope = commentScopeOf(data);
	const userIds = optionalStringArray(data, 'userIds');
	const commentIds = optionalCommentIds(data, 'commentIds');
	const annotation = requireAnnotation(
		context,
		scope.organizationId,
		scope.documentId,
		scope.annotationId,
	);
	const collaboration = context.store.collaboration;
	const byAuthor = (comment: { data: JsonObject }) =>
		userIds === undefined || userIds.length === 0 || userIds.includes(userIdOf(comment.data.from));
	if (commentIds !== undefined && commentIds.length > 0) {
		const answer = commentIds.flatMap((id) => {
			const comment = annotation.comments.find((c) => c.commentId === id);
			if (comment === undefined) return [null];
			return byAuthor(comment) ? [collaboration.toApiComment(comment)] : [];
		});
		return ok(E.getComments, answer);
	}
	return ok(
		E.getComments,
		annotation.comments.filter(byAuthor).map((comment) => collaboration.toApiComment(comment)),
	);
}

export function handleUpdateComments(context: HandlerContext, data: JsonObject): HandlerResult {
	const scope = commentScopeOf(data);
	const commentIds = optionalCommentIds(data, 'commentIds');
	if (commentIds === undefined || commentIds.length === 0)
		throw invalid('commentIds is required and must be a non-empty array of numbers.');
	if (!isJsonObject(data.updatedData))
		throw invalid('updatedData is required and must be an object.');
	const patch = validateComment(data.updatedData, 'updatedData', {
		strictMentions: true,
		fromRequired: false,
	});
	const annotation = requireAnnotation(
		context,
		scope.organizationId,
		scope.documentId,
		scope.annotationId,
	);
	const results: Record<string, JsonObject> = {};
	for (const id of commentIds) {
		const updated = context.store.collaboration.updateComment(annotation, id, { ...patch });
		results[String(id)] = updated
			? { success: true, id, message: M.commentUpdated }
			: { success: false, id, message: M.commentNotFound };
	}
	return ok(E.updateComments, results);
}

export function handleDeleteComments(context: HandlerContext, data: JsonObject): HandlerResult {
	const scope = commentScopeOf(data);
	const commentIds = optionalCommentIds(data, 'commentIds');
	const annotation = requireAnnotation(
		context,
		scope.organizationId,
		scope.documentId,
		scope.annotationId,
	);
	const ids = commentIds ?? annotation.comments.map((comment) => comment.commentId);
	const results: Record<string, JsonObject> = {};
	for (const id of ids) {
		const deleted = context.store.collaboration.deleteComment(annotation, id);
		results[String(id)] = deleted
			? { success: true, id, message: M.commentDeleted }
			: { success: false, id, message: M.commentNotFound };
	}
	return ok(E.deleteComments, results);
}

// ---- users ------------------------------------------------------------------------------------------

function userScopeOf(data: JsonObject): UserScope {
	const documentId = optionalString(data, 'documentId');
	const folderId = optionalString(data, 'folderId');
	if (documentId !== undefined && folderId !== undefined)
		throw invalid('Either provide documentId or folderId, not both.');
	if (documentId !== undefined) return { level: 'document', id: documentId };
	if (folderId !== undefined) return { level: 'folder', id: folderId };
	return { level: 'organization' };
}

function scopeKey(scope: UserScope): string {
	return scope.level === 'organization' ? 'organization' : `${scope.level}:${scope.id}`;
}

function validateUserList(data: JsonObject): VeltUser[] {
	const users = data.users;
	if (!Array.isArray(users) || users.length === 0)
		throw invalid('users is required and must be a non-empty array of users.');
	return users.map((user, index) => validateUser(user, `users[${index}]`));
}

function getUserAt(
	context: HandlerContext,
	organizationId: string,
	scope: UserScope,
	userId: string,
) {
	return scope.level === 'organization'
		? context.store.getUser(organizationId, userId)
		: context.store.collaboration.getScopedUser(organizationId, scope, userId);
}

function putUserAt(
	context: HandlerContext,
	organizationId: string,
	scope: UserScope,
	user: VeltUser,
): void {
	if (scope.level === 'organization') context.store.upsertUser(organizationId, user);
	else context.store.collaboration.upsertScopedUser(organizationId, scope, user);
}

function withInitial(user: VeltUser): VeltUser {
	if (user.initial !== undefined || typeof user.name !== 'string' || user.name === '') return user;
	return { ...user, initial: user.name.trim().charAt(0).toUpperCase() };
}

export function handleAddUsers(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	for (const field of ['createOrganization', 'createDocument', 'createFolder'])
		optionalBoolean(data, field);
	const scope = userScopeOf(data);
	const users = validateUserList(data);
	registerDocument(context, organizationId, scope.level === 'document' ? scope.id : undefined);
	const results: Record<string, JsonObject> = {};
	for (const user of users) {
		putUserAt(context, organizationId, scope, withInitial({ ...user }));
		results[user.userId] = {
			success: true,
			id: resultId(organizationId, scopeKey(scope), user.userId),
			message: M.userAdded,
		};
	}
	return ok(E.addUsers, results);
}

export function handleUpdateUsers(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const scope = userScopeOf(data);
	const users = validateUserList(data);
	const results: Record<string, JsonObject> = {};
	for (const user of users) {
		const id = resultId(organizationId, scopeKey(scope), user.userId);
		if (getUserAt(context, organizationId, scope, user.userId) === undefined) {
			results[user.userId] = { success: false, id, message: M.userMissing };
			continue;
		}
		putUserAt(context, organizationId, scope, { ...user });
		results[user.userId] = { success: true, id, message: M.userUpdated };
	}
	return ok(E.updateUsers, results);
}

export function handleDeleteUsers(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	const scope = userScopeOf(data);
	const userIds = data.userIds;
	if (!isStringArray(userIds) || userIds.length === 0 || userIds.includes(''))
		throw invalid('userIds is required and must be a non-empty array of strings.');
	const collaboration = context.store.collaboration;
	const results: Record<string, JsonObject> = {};
	for (const userId of userIds) {
		let removed: boolean;
		if (scope.level === 'organization') {
			removed = context.store.deleteUser(organizationId, userId);
			collaboration.removeUserEverywhere(organizationId, userId);
		} else removed = collaboration.deleteScopedUser(organizationId, scope, userId);
		results[userId] = removed
			? { success: true, message: M.userRemoved }
			: { success: false, message: M.userMissing };
	}
	return ok(E.deleteUsers, results);
}

// ---- user groups ----------------------------------------------------------------------------------

export function handleAddUserGroups(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = requireString(data, 'organizationId');
	optionalBoolean(data, 'createOrganization');
	const groups = data.organizationUserGroups;
	if (!Array.isArray(groups) || groups.length === 0)
		throw invalid('organizationUserGroups is required and must be a non-empty array.');
	groups.forEach((group, index) => {
		const at = `organizationUserGroups[${index}]`;
		if (!isJsonObject(group)) throw invalid(`${at} must be an object.`);
		stringField(group, 'groupId', at, true);
		stringField(group, 'groupName', at, false);
	});
	registerDocument(context, organizationId);
	const results: Record<string, JsonObject> = {};
	for (const group of groups as Array<{ groupId: string; groupName?: string }>) {
		context.store.collaboration.upsertGroup(organizationId, { ...group });
		results[group.groupId] = {
			success: true,
			id: resultId(organizationId, 'group', group.groupId),
			message: M.groupAdded,
		};
	}
	return ok(E.addUserGroups, results);
}

function groupOf(context: HandlerContext, data: JsonObject) {
	const organizationId = requireString(data, 'organizationId');
	const groupId = requireString(data, 'organizationUserGroupId');
	const group = context.store.collaboration.getGroup(organizationId, groupId);
	if (group === undefined)
		throw new VeltApiError(UNKNOWN_GROUP_CODE, `${UNKNOWN_GROUP_MESSAGE} (${groupId})`);
	return { organizationId, groupId, group };
}

/** Keeps the organization user's organizationUserGroupIds (what users/get filters on) in step. */
function syncUserGroups(context: HandlerContext, organizationId: string, userId: string): void {
	const user = context.store.getUser(organizationId, userId);
	if (user === undefined) return;
	context.store.upsertUser(organizationId, {
		...user,
		organizationUserGroupIds: context.store.collaboration.groupIdsOf(organizationId, userId),
	});
}

export function handleAddUsersToGroup(context: HandlerContext, data: JsonObject): HandlerResult {
	const userIds = data.userIds;
	if (!isStringArray(userIds) || userIds.length === 0 || userIds.includes(''))
		throw invalid('userIds is required and must be a non-empty array of strings.');
	const { organizationId, groupId, group } = groupOf(context, data);
	const results: Record<string, JsonObject> = {};
	for (const userId of userIds) {
		group.userIds.add(userId);
		syncUserGroups(context, organizationId, userId);
		results[userId] = {
			success: true,
			organizationUserGroupId: groupId,
			message: M.userAddedToGroup,
		};
	}
	return ok(E.addUsersToGroup, results);
}

export function handleDeleteUsersFromGroup(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const userIds = optionalStringArray(data, 'userIds');
	const deleteAll = optionalBoolean(data, 'deleteAll') === true;
	if (!deleteAll && (userIds === undefined || userIds.length === 0))
		throw invalid('userIds (a non-empty array of strings) or deleteAll: true is required.');
	const { organizationId, groupId, group } = groupOf(context, data);
	const targets = deleteAll ? [...group.userIds] : (userIds as string[]);
	const results: Record<string, JsonObject> = {};
	for (const userId of targets) {
		const removed = group.userIds.delete(userId);
		syncUserGroups(context, organizationId, userId);
		results[userId] = removed
			? { success: true, organizationUserGroupId: groupId, message: M.userDeletedFromGroup }
			: { success: false, organizationUserGroupId: groupId, message: USER_NOT_IN_GROUP_MESSAGE };
	}
	return ok(E.deleteUsersFromGroup, results);
}

// ---- routing ----------------------------------------------------------------------------------------

export const COLLABORATION_HANDLERS = handlerModule<CollaborationEndpoint>({
	[E.addCommentAnnotations]: handleAddCommentAnnotations,
	[E.getCommentAnnotations]: { feature: 'advancedQueries', handle: handleGetCommentAnnotations },
	[E.getCommentAnnotationsCount]: {
		feature: 'advancedQueries',
		handle: handleGetCommentAnnotationsCount,
	},
	[E.updateCommentAnnotations]: handleUpdateCommentAnnotations,
	[E.deleteCommentAnnotations]: handleDeleteCommentAnnotations,
	[E.addComments]: handleAddComments,
	[E.getComments]: { feature: 'advancedQueries', handle: handleGetComments },
	[E.updateComments]: handleUpdateComments,
	[E.deleteComments]: handleDeleteComments,
	[E.addUsers]: handleAddUsers,
	[E.updateUsers]: handleUpdateUsers,
	[E.deleteUsers]: handleDeleteUsers,
	[E.addUserGroups]: handleAddUserGroups,
	[E.addUsersToGroup]: handleAddUsersToGroup,
	[E.deleteUsersFromGroup]: handleDeleteUsersFromGroup,
});
