/**
 * In-memory comment threads, document- and folder-level users and organization user groups
 * of the emulated workspace. EmulatorStore owns one (store.collaboration) and clears it with
 * the rest; collaborationHandlers.ts validates requests and then calls these methods. Tests
 * may call them directly to arrange or inspect state.
 */
import { createHash, randomInt } from 'crypto';

import {
	ANNOTATION_ID_BODY_LENGTH,
	ANNOTATION_ID_PREFIX,
	COMMENT_ID_RANGE,
	COMMENT_LAST_UPDATED_IS_ISO,
	SUBSCRIBE_CREATOR,
} from './choices';
import type { JsonObject, VeltUser } from './store';
import {
	COMMENT_STATUS_ADDED,
	DEFAULT_ANNOTATION_ACCESS,
	MENTION_PATTERN,
	ORGANIZATION_PRIVATE_ACCESS_PREFIX,
	PRIVATE_SELF_ACCESS_PREFIX,
	SOURCE_TYPES,
} from './veltDocs';

export interface StoredComment {
	commentId: number;
	/** The comment as sent (commentText, commentHtml, from, taggedUserContacts, attachments, agent, ...), updates merged in. */
	data: JsonObject;
	status: string;
	createdAt: number;
	lastUpdated: number;
}

export interface StoredAnnotation {
	readonly annotationId: string;
	readonly organizationId: string;
	readonly documentId: string;
	annotationNumber: number;
	annotationIndex: number;
	/** Numeric hash of the location (choices.ts LOCATION_ID_IS_NUMERIC_HASH); undefined without a location. */
	locationId: number | undefined;
	createdAt: number;
	lastUpdated: number;
	from: VeltUser;
	comments: StoredComment[];
	/**
	 * Annotation-level fields: location, targetElement, status, priority, assignedTo, context,
	 * type, suggestion, commentType, visibility, agent, resolvedByUserId, resolvedByUser,
	 * statusUpdatedByUserId.
	 */
	fields: JsonObject;
	/** userId → time up to which that user has read the thread (choices.ts UNREAD_RULE). */
	readBy: Map<string, number>;
}

export interface UserGroup {
	groupId: string;
	groupName?: string;
	userIds: Set<string>;
	[key: string]: unknown;
}

/** Where users/add put a user: the organization (store.upsertUser), a document or a folder. */
export type UserScope =
	| { level: 'organization' }
	| { level: 'document'; id: string }
	| { level: 'folder'; id: string };

export interface AnnotationFilter {
	organizationId?: string;
	documentIds?: readonly string[];
}

interface CollaborationStoreOptions {
	now: () => number;
	apiKey: () => string;
}

const PUSH_ID_CHARS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

function documentKey(organizationId: string, documentId: string): string {
	return `${organizationId}\u0000${documentId}`;
}

/** A 16-digit-ish number from a hash, the shape of the docs' `locationId: 5509827173770816`. */
export function numericLocationId(location: JsonObject): number {
	const source = typeof location.id === 'string' ? location.id : JSON.stringify(location);
	return parseInt(createHash('sha256').update(source).digest('hex').slice(0, 13), 16);
}

/** md5 hex like the docs' result ids ("4c250058149d6c9fb8c894c9ef29c790"). */
export function resultId(...parts: string[]): string {
	return createHash('md5').update(parts.join('\u0000')).digest('hex');
}

/** userIds mentioned in a comment: its taggedUserContacts and the {{userId}} tokens of its text/html. */
export function mentionedUserIdsOf(comment: JsonObject): string[] {
	const ids = new Set<string>();
	if (Array.isArray(comment.taggedUserContacts)) {
		for (const tagged of comment.taggedUserContacts as JsonObject[])
			if (typeof tagged.userId === 'string') ids.add(tagged.userId);
	}
	for (const field of ['commentText', 'commentHtml']) {
		const text = comment[field];
		if (typeof text !== 'string') continue;
		for (const match of text.matchAll(MENTION_PATTERN)) ids.add(match[1].trim());
	}
	return [...ids];
}

export class CollaborationStore {
	private readonly annotations = new Map<string, Map<string, StoredAnnotation>>();
	/** Per document: the last annotationNumber given, and the last annotationIndex per locationId. */
	private readonly counters = new Map<
		string,
		{ number: number; byLocation: Map<string, number> }
	>();
	/** organizationId → scope key (`document:<id>` / `folder:<id>`) → userId → user. */
	private readonly scopedUsers = new Map<string, Map<string, Map<string, VeltUser>>>();
	private readonly groups = new Map<string, Map<string, UserGroup>>();

	constructor(private readonly options: CollaborationStoreOptions) {}

	clear(): void {
		this.annotations.clear();
		this.counters.clear();
		this.scopedUsers.clear();
		this.groups.clear();
	}

	// ---- comment annotations ----------------------------------------------------------

	newAnnotationId(organizationId: string, documentId: string): string {
		let id: string;
		do {
			id = ANNOTATION_ID_PREFIX;
			for (let i = 0; i < ANNOTATION_ID_BODY_LENGTH; i++)
				id += PUSH_ID_CHARS[randomInt(0, PUSH_ID_CHARS.length)];
		} while (this.getAnnotation(organizationId, documentId, id) !== undefined);
		return id;
	}

	newCommentId(annotation: StoredAnnotation | undefined, taken: ReadonlySet<number>): number {
		let id: number;
		do id = randomInt(COMMENT_ID_RANGE.min, COMMENT_ID_RANGE.max + 1);
		while (taken.has(id) || annotation?.comments.some((c) => c.commentId === id));
		return id;
	}

	/**
	 * Stores a new annotation (replacing one with the same id: choices.ts
	 * ADD_ANNOTATION_WITH_EXISTING_ID_REPLACES). `comments` must already carry their ids.
	 */
	insertAnnotation(input: {
		organizationId: string;
		documentId: string;
		annotationId: string;
		fields: JsonObject;
		comments: Array<{ commentId: number; data: JsonObject }>;
		createdAt?: number;
		lastUpdated?: number;
	}): StoredAnnotation {
		const now = this.options.now();
		const key = documentKey(input.organizationId, input.documentId);
		let counter = this.counters.get(key);
		if (counter === undefined) {
			counter = { number: 0, byLocation: new Map() };
			this.counters.set(key, counter);
		}
		const location = input.fields.location as JsonObject | undefined;
		const locationId = location === undefined ? undefined : numericLocationId(location);
		const locationKey = String(locationId ?? '');
		const index = (counter.byLocation.get(locationKey) ?? 0) + 1;
		counter.byLocation.set(locationKey, index);
		const existing = this.getAnnotation(input.organizationId, input.documentId, input.annotationId);
		const createdAt = input.createdAt ?? now;
		const comments = input.comments.map((comment) => this.newComment(comment, createdAt));
		const annotation: StoredAnnotation = {
			annotationId: input.annotationId,
			organizationId: input.organizationId,
			documentId: input.documentId,
			annotationNumber: existing?.annotationNumber ?? ++counter.number,
			annotationIndex: index,
			locationId,
			createdAt,
			lastUpdated: input.lastUpdated ?? createdAt,
			from: (input.comments[0]?.data.from as VeltUser | undefined) ?? { userId: '' },
			comments,
			fields: input.fields,
			readBy: new Map(),
		};
		for (const comment of comments) this.markRead(annotation, comment);
		let bucket = this.annotations.get(key);
		if (bucket === undefined) {
			bucket = new Map();
			this.annotations.set(key, bucket);
		}
		bucket.set(annotation.annotationId, annotation);
		return annotation;
	}

	getAnnotation(
		organizationId: string,
		documentId: string,
		annotationId: string,
	): StoredAnnotation | undefined {
		return this.annotations.get(documentKey(organizationId, documentId))?.get(annotationId);
	}

	/** Every annotation of the given organization (any when undefined) and documents (all when undefined). */
	listAnnotations(filter: AnnotationFilter = {}): StoredAnnotation[] {
		const result: StoredAnnotation[] = [];
		for (const bucket of this.annotations.values()) {
			for (const annotation of bucket.values()) {
				if (
					filter.organizationId !== undefined &&
					annotation.organizationId !== filter.organizationId
				)
					continue;
				if (filter.documentIds !== undefined && !filter.documentIds.includes(annotation.documentId))
					continue;
				result.push(annotation);
			}
		}
		return result;
	}

	countAnnotations(): number {
		let total = 0;
		for (const bucket of this.annotations.values()) total += bucket.size;
		return total;
	}

	deleteAnnotation(annotation: StoredAnnotation): boolean {
		return (
			this.annotations
				.get(documentKey(annotation.organizationId, annotation.documentId))
				?.delete(annotation.annotationId) ?? false
		);
	}

	/** Adds replies; each marks the thread read for its author (choices.ts UNREAD_RULE). */
	addComments(
		annotation: StoredAnnotation,
		comments: Array<{ commentId: number; data: JsonObject }>,
	): StoredComment[] {
		const now = this.options.now();
		const added = comments.map((comment) => this.newComment(comment, now));
		for (const comment of added) {
			const existing = annotation.comments.findIndex((c) => c.commentId === comment.commentId);
			if (existing >= 0) annotation.comments.splice(existing, 1, comment);
			else annotation.comments.push(comment);
			this.markRead(annotation, comment);
		}
		annotation.lastUpdated = now;
		return added;
	}

	updateComment(annotation: StoredAnnotation, commentId: number, patch: JsonObject): boolean {
		const comment = annotation.comments.find((c) => c.commentId === commentId);
		if (comment === undefined) return false;
		Object.assign(comment.data, patch);
		comment.status = 'updated';
		comment.lastUpdated = this.options.now();
		annotation.lastUpdated = comment.lastUpdated;
		return true;
	}

	deleteComment(annotation: StoredAnnotation, commentId: number): boolean {
		const index = annotation.comments.findIndex((c) => c.commentId === commentId);
		if (index < 0) return false;
		annotation.comments.splice(index, 1);
		annotation.lastUpdated = this.options.now();
		return true;
	}

	/** Annotation-level patch; bumps lastUpdated. */
	updateAnnotation(annotation: StoredAnnotation, patch: JsonObject): void {
		for (const [key, value] of Object.entries(patch)) {
			if (value === undefined) delete annotation.fields[key];
			else annotation.fields[key] = value;
		}
		if (patch.location !== undefined) {
			annotation.locationId = numericLocationId(patch.location as JsonObject);
		}
		if (patch.from !== undefined) annotation.from = patch.from as VeltUser;
		annotation.lastUpdated = this.options.now();
	}

	/** Tests and the control endpoint: the user has read the thread up to now. */
	markAnnotationRead(annotation: StoredAnnotation, userId: string): void {
		annotation.readBy.set(userId, this.options.now());
	}

	/** choices.ts UNREAD_RULE: a comment by someone else, newer than what the user has read. */
	isUnreadFor(annotation: StoredAnnotation, userId: string): boolean {
		const readUpTo = annotation.readBy.get(userId) ?? Number.NEGATIVE_INFINITY;
		return annotation.comments.some(
			(comment) => userIdOf(comment.data.from) !== userId && comment.createdAt > readUpTo,
		);
	}

	/** The annotation as commentannotations/get returns it. */
	toApiAnnotation(annotation: StoredAnnotation): JsonObject {
		const fields = annotation.fields;
		const view: JsonObject = {
			annotationId: annotation.annotationId,
			annotationNumber: annotation.annotationNumber,
			annotationIndex: annotation.annotationIndex,
			type: fields.type,
			createdAt: annotation.createdAt,
			lastUpdated: annotation.lastUpdated,
			hasDraftComments: false,
		};
		if (annotation.locationId !== undefined) view.locationId = annotation.locationId;
		if (fields.location !== undefined) view.location = fields.location;
		view.context = accessContext(fields.context as JsonObject | undefined, fields.visibility);
		view.visibilityConfig = fields.visibility ?? { type: 'public' };
		view.metadata = {
			apiKey: this.options.apiKey(),
			organizationId: annotation.organizationId,
			documentId: annotation.documentId,
		};
		view.from = annotation.from;
		view.subscribedUsers = SUBSCRIBE_CREATOR
			? {
					[resultId(userIdOf(annotation.from))]: {
						user: { userId: userIdOf(annotation.from) },
						type: 'auto',
					},
				}
			: {};
		view.unsubscribedUsers = {};
		view.subscribedGroups = {};
		view.customList = [];
		view.comments = annotation.comments.map((comment) => this.toApiComment(comment));
		view.status = fields.status;
		for (const key of [
			'priority',
			'assignedTo',
			'targetElement',
			'commentType',
			'suggestion',
			'agent',
			'resolvedByUserId',
			'resolvedByUser',
			'statusUpdatedByUserId',
		]) {
			if (fields[key] !== undefined) view[key] = fields[key];
		}
		view.sourceType = fields.agent === undefined ? SOURCE_TYPES.restApi : SOURCE_TYPES.agent;
		return view;
	}

	/** A comment as comments/get (and each annotation's `comments`) returns it. */
	toApiComment(comment: StoredComment): JsonObject {
		const data = comment.data;
		const tagged = Array.isArray(data.taggedUserContacts) ? data.taggedUserContacts : [];
		const view: JsonObject = {
			commentId: comment.commentId,
			type: 'text',
			status: comment.status,
			isDraft: false,
			isCommentTextAvailable: data.isCommentTextAvailable ?? true,
		};
		if (data.commentText !== undefined) view.commentText = data.commentText;
		if (data.commentHtml !== undefined) view.commentHtml = data.commentHtml;
		view.createdAt = comment.createdAt;
		view.lastUpdated = COMMENT_LAST_UPDATED_IS_ISO
			? new Date(comment.lastUpdated).toISOString()
			: comment.lastUpdated;
		view.to = (tagged as JsonObject[]).map((entry) => entry.contact ?? { userId: entry.userId });
		view.toOrganizationUserGroup = [];
		view.taggedUserContacts = tagged;
		view.attachments = data.attachments ?? [];
		view.recorders = [];
		view.customList = [];
		view.reactionAnnotationIds = [];
		view.reactionAnnotations = [];
		view.from = data.from;
		for (const key of ['context', 'agent', 'isCommentResolverUsed']) {
			if (data[key] !== undefined) view[key] = data[key];
		}
		view.sourceType = data.agent === undefined ? SOURCE_TYPES.restApi : SOURCE_TYPES.agent;
		return view;
	}

	private newComment(input: { commentId: number; data: JsonObject }, now: number): StoredComment {
		const createdAt = typeof input.data.createdAt === 'number' ? input.data.createdAt : now;
		const lastUpdated =
			typeof input.data.lastUpdated === 'number' ? input.data.lastUpdated : createdAt;
		const { createdAt: _c, lastUpdated: _l, commentId: _id, ...data } = input.data;
		return {
			commentId: input.commentId,
			data,
			status: COMMENT_STATUS_ADDED,
			createdAt,
			lastUpdated,
		};
	}

	private markRead(annotation: StoredAnnotation, comment: StoredComment): void {
		const author = userIdOf(comment.data.from);
		const previous = annotation.readBy.get(author) ?? Number.NEGATIVE_INFINITY;
		annotation.readBy.set(author, Math.max(previous, comment.createdAt));
	}

	// ---- document- and folder-level users ---------------------------------------------

	upsertScopedUser(organizationId: string, scope: UserScope, user: VeltUser): void {
		const users = this.scope(organizationId, scope, true);
		users.set(user.userId, { ...users.get(user.userId), ...user });
	}

	getScopedUser(organizationId: string, scope: UserScope, userId: string): VeltUser | undefined {
		return this.scope(organizationId, scope, false)?.get(userId);
	}

	listScopedUsers(organizationId: string, scope: UserScope): VeltUser[] {
		return [...(this.scope(organizationId, scope, false)?.values() ?? [])];
	}

	deleteScopedUser(organizationId: string, scope: UserScope, userId: string): boolean {
		return this.scope(organizationId, scope, false)?.delete(userId) ?? false;
	}

	/** Organization-level removal takes the user out of every document, folder and group too. */
	removeUserEverywhere(organizationId: string, userId: string): void {
		for (const users of this.scopedUsers.get(organizationId)?.values() ?? []) users.delete(userId);
		for (const group of this.groups.get(organizationId)?.values() ?? [])
			group.userIds.delete(userId);
	}

	private scope(organizationId: string, scope: UserScope, create: true): Map<string, VeltUser>;
	private scope(
		organizationId: string,
		scope: UserScope,
		create: false,
	): Map<string, VeltUser> | undefined;
	private scope(
		organizationId: string,
		scope: UserScope,
		create: boolean,
	): Map<string, VeltUser> | undefined {
		if (scope.level === 'organization')
			throw new Error('organization-level users live in EmulatorStore (upsertUser)');
		let organization = this.scopedUsers.get(organizationId);
		if (organization === undefined) {
			if (!create) return undefined;
			organization = new Map();
			this.scopedUsers.set(organizationId, organization);
		}
		const key = `${scope.level}:${scope.id}`;
		let users = organization.get(key);
		if (users === undefined && create) {
			users = new Map();
			organization.set(key, users);
		}
		return users;
	}

	// ---- organization user groups -----------------------------------------------------

	upsertGroup(organizationId: string, group: { groupId: string; groupName?: string }): UserGroup {
		let groups = this.groups.get(organizationId);
		if (groups === undefined) {
			groups = new Map();
			this.groups.set(organizationId, groups);
		}
		const existing = groups.get(group.groupId);
		const stored: UserGroup = { ...existing, ...group, userIds: existing?.userIds ?? new Set() };
		groups.set(group.groupId, stored);
		return stored;
	}

	getGroup(organizationId: string, groupId: string): UserGroup | undefined {
		return this.groups.get(organizationId)?.get(groupId);
	}

	listGroups(organizationId: string): UserGroup[] {
		return [...(this.groups.get(organizationId)?.values() ?? [])];
	}

	/** Group ids the user belongs to in this organization. */
	groupIdsOf(organizationId: string, userId: string): string[] {
		return this.listGroups(organizationId)
			.filter((group) => group.userIds.has(userId))
			.map((group) => group.groupId);
	}

	// ---- debugging ----------------------------------------------------------------------

	/** Plain-JSON form of the stored threads, for the control endpoint. */
	toDebugJson(filter: AnnotationFilter = {}): JsonObject {
		return {
			annotations: this.listAnnotations(filter).map((annotation) => ({
				organizationId: annotation.organizationId,
				documentId: annotation.documentId,
				...this.toApiAnnotation(annotation),
				readBy: Object.fromEntries(annotation.readBy),
			})),
			userGroups: [...this.groups.entries()]
				.filter(([id]) => filter.organizationId === undefined || filter.organizationId === id)
				.flatMap(([organizationId, groups]) =>
					[...groups.values()].map((group) => ({
						organizationId,
						...group,
						userIds: [...group.userIds],
					})),
				),
		};
	}
}

export function userIdOf(user: unknown): string {
	return typeof user === 'object' &&
		user !== null &&
		typeof (user as JsonObject).userId === 'string'
		? ((user as JsonObject).userId as string)
		: '';
}

/**
 * `context` as get returns it: `access` (the documented default when none was given) and
 * `accessFields`, `key:value` per access entry plus the visibility's reserved entries
 * (choices.ts ACCESS_FIELDS_FORMAT).
 */
function accessContext(context: JsonObject | undefined, visibility: unknown): JsonObject {
	const access = (context?.access as JsonObject | undefined) ?? { ...DEFAULT_ANNOTATION_ACCESS };
	const accessFields = Object.entries(access).map(([key, value]) => `${key}:${String(value)}`);
	const config = visibility as { type?: string; organizationId?: string; userIds?: string[] };
	if (config?.type === 'restricted')
		for (const userId of config.userIds ?? [])
			accessFields.push(`${PRIVATE_SELF_ACCESS_PREFIX}${userId}`);
	if (config?.type === 'organizationPrivate' && config.organizationId !== undefined)
		accessFields.push(`${ORGANIZATION_PRIVATE_ACCESS_PREFIX}${config.organizationId}`);
	return { ...context, access, accessFields };
}
