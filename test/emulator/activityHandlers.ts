/**
 * Activity logs, recordings and live state, written from their pages
 * (https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities, get-, update-,
 * delete-activities; https://docs.velt.dev/api-reference/rest-apis/v2/recordings/get-recordings;
 * https://docs.velt.dev/api-reference/rest-apis/v2/livestate/broadcast-event): an in-memory
 * store (EmulatorStore owns one, store.activity) and the handlers that validate each request's
 * `data` as the page documents it.
 */
import { randomBytes } from 'crypto';
import { handlerModule, type Handler } from './routes';
import type { JsonObject } from './store';
import {
	decodeToken,
	encodeToken,
	hasToken,
	invalid,
	isJsonObject,
	optionalBoolean,
	optionalString,
	optionalStringArray,
	pageSizeOf,
	requireString,
	success,
	type HandlerResult,
} from './validation';
import {
	ACTIVITY_DEFAULT_ORDER,
	ACTIVITY_ENDPOINTS as E,
	ACTIVITY_FEATURE_TYPES,
	ACTIVITY_ITEM_MESSAGES as M,
	ACTIVITY_SUCCESS_MESSAGES,
	DEFAULT_PAGE_SIZE,
	SORT_ORDERS,
	type ActivityEndpoint,
} from './veltDocs';

/** An activity as get returns it (the get page's success example), plus its organization for lookups. */
export interface StoredActivity {
	organizationId: string;
	activity: JsonObject & { id: string; timestamp: number };
}

export class ActivityStore {
	private readonly activities = new Map<string, StoredActivity>();
	/** Recorder annotations by organization (get-recordings' data shape), arranged by tests. */
	private readonly recordings: Array<{ organizationId: string; recording: JsonObject }> = [];
	/** Live state per organization, document and liveStateDataId, as broadcast. */
	readonly liveState = new Map<string, JsonObject>();

	constructor(private readonly options: { now: () => number; apiKey: () => string }) {}

	clear(): void {
		this.activities.clear();
		this.recordings.length = 0;
		this.liveState.clear();
	}

	private key(organizationId: string, id: string): string {
		return JSON.stringify([organizationId, id]);
	}

	/** Adds (or, with an existing id, overwrites) one activity; `timestamp` for tests arranging order. */
	insertActivity(
		organizationId: string,
		documentId: string,
		input: JsonObject,
		timestamp = this.options.now(),
	): StoredActivity {
		const id = typeof input.id === 'string' ? input.id : randomBytes(10).toString('base64url');
		const stored: StoredActivity = {
			organizationId,
			activity: {
				...input,
				id,
				metadata: { apiKey: this.options.apiKey(), documentId, organizationId },
				timestamp,
			},
		};
		this.activities.set(this.key(organizationId, id), stored);
		return stored;
	}

	getActivity(organizationId: string, id: string): StoredActivity | undefined {
		return this.activities.get(this.key(organizationId, id));
	}

	deleteActivity(organizationId: string, id: string): boolean {
		return this.activities.delete(this.key(organizationId, id));
	}

	activitiesOf(organizationId: string): StoredActivity[] {
		return [...this.activities.values()].filter((entry) => entry.organizationId === organizationId);
	}

	/** Every live state as broadcast (of one organization when given). */
	liveStateEntries(organizationId?: string): JsonObject[] {
		return [...this.liveState.entries()]
			.map(([key, data]) => {
				const [org, documentId, liveStateDataId] = JSON.parse(key) as string[];
				return { organizationId: org, documentId, liveStateDataId, data };
			})
			.filter((entry) => organizationId === undefined || entry.organizationId === organizationId);
	}

	insertRecording(organizationId: string, recording: JsonObject): void {
		this.recordings.push({ organizationId, recording });
	}

	recordingsOf(organizationId: string): JsonObject[] {
		return this.recordings
			.filter((entry) => entry.organizationId === organizationId)
			.map((entry) => entry.recording);
	}
}

const ok = (endpoint: ActivityEndpoint, data: unknown, extra?: JsonObject): HandlerResult =>
	success(ACTIVITY_SUCCESS_MESSAGES[endpoint], data, extra);

function isFeatureType(value: unknown): boolean {
	return typeof value === 'string' && (ACTIVITY_FEATURE_TYPES as readonly string[]).includes(value);
}

function requireArray(data: JsonObject, field: string): JsonObject[] {
	const value = data[field];
	if (!Array.isArray(value) || value.length === 0 || !value.every(isJsonObject))
		throw invalid(`${field} is required and must be a non-empty array of objects.`);
	return value;
}

/** The optional content fields of add and update, each with its documented type. */
function checkContent(activity: JsonObject, at: string): void {
	for (const name of ['changes', 'displayMessageTemplateData'])
		if (activity[name] !== undefined && !isJsonObject(activity[name]))
			throw invalid(`${at}.${name} must be an object.`);
	for (const name of ['displayMessageTemplate', 'actionIcon'])
		if (activity[name] !== undefined && typeof activity[name] !== 'string')
			throw invalid(`${at}.${name} must be a string.`);
}

// ---- activities/add ------------------------------------------------------------------------

const handleAdd: Handler = ({ store }, data) => {
	const organizationId = requireString(data, 'organizationId');
	const documentId = requireString(data, 'documentId');
	const activities = requireArray(data, 'activities');
	activities.forEach((activity, index) => {
		const at = `activities[${index}]`;
		if (activity.id !== undefined && (typeof activity.id !== 'string' || activity.id === ''))
			throw invalid(`${at}.id must be a non-empty string.`);
		if (!isFeatureType(activity.featureType))
			throw invalid(`${at}.featureType must be one of: ${ACTIVITY_FEATURE_TYPES.join(', ')}.`);
		if (typeof activity.actionType !== 'string' || activity.actionType === '')
			throw invalid(`${at}.actionType is required.`);
		const user = activity.actionUser;
		if (!isJsonObject(user) || typeof user.userId !== 'string' || user.userId === '')
			throw invalid(`${at}.actionUser is required and must be a user with a userId.`);
		if (
			activity.featureType === 'custom' &&
			(typeof activity.targetEntityId !== 'string' || activity.targetEntityId === '')
		)
			throw invalid(`${at}.targetEntityId is required when featureType is "custom".`);
		for (const name of ['targetEntityId', 'targetSubEntityId'])
			if (activity[name] !== undefined && typeof activity[name] !== 'string')
				throw invalid(`${at}.${name} must be a string.`);
		if (
			activity.isActivityResolverUsed !== undefined &&
			typeof activity.isActivityResolverUsed !== 'boolean'
		)
			throw invalid(`${at}.isActivityResolverUsed must be a boolean.`);
		checkContent(activity, at);
	});
	for (const activity of activities)
		store.activity.insertActivity(organizationId, documentId, activity);
	const message = ACTIVITY_SUCCESS_MESSAGES[E.addActivities];
	return ok(E.addActivities, { success: true, message });
};

// ---- activities/get ------------------------------------------------------------------------

/** Keyset page token: the last (timestamp, id) served in the read's order. */
interface ActivityCursor {
	timestamp: number;
	id: string;
}

function compare(a: StoredActivity, b: StoredActivity): number {
	const byTime = a.activity.timestamp - b.activity.timestamp;
	return byTime !== 0
		? byTime
		: a.activity.id < b.activity.id
			? -1
			: a.activity.id > b.activity.id
				? 1
				: 0;
}

const handleGet: Handler = ({ store, maxPageSize }, data) => {
	const organizationId = requireString(data, 'organizationId');
	const documentId = optionalString(data, 'documentId');
	const targetEntityId = optionalString(data, 'targetEntityId');
	const userId = optionalString(data, 'userId');
	const featureTypes = optionalStringArray(data, 'featureTypes');
	if (featureTypes !== undefined && !featureTypes.every(isFeatureType))
		throw invalid(`featureTypes must be one or more of: ${ACTIVITY_FEATURE_TYPES.join(', ')}.`);
	const actionTypes = optionalStringArray(data, 'actionTypes');
	const activityIds = optionalStringArray(data, 'activityIds');
	const order = data.order ?? ACTIVITY_DEFAULT_ORDER;
	if (typeof order !== 'string' || !(SORT_ORDERS as readonly string[]).includes(order))
		throw invalid('order must be asc or desc.');
	const pageSize = pageSizeOf(data, DEFAULT_PAGE_SIZE, maxPageSize);

	const matching = store.activity.activitiesOf(organizationId).filter(({ activity }) => {
		const metadata = activity.metadata as JsonObject;
		if (documentId !== undefined && metadata.documentId !== documentId) return false;
		if (targetEntityId !== undefined && activity.targetEntityId !== targetEntityId) return false;
		if (userId !== undefined && (activity.actionUser as JsonObject).userId !== userId) return false;
		if (featureTypes !== undefined && !featureTypes.includes(activity.featureType as string))
			return false;
		if (actionTypes !== undefined && !actionTypes.includes(activity.actionType as string))
			return false;
		return activityIds === undefined || activityIds.includes(activity.id);
	});
	matching.sort(order === 'asc' ? compare : (a, b) => compare(b, a));
	let start = 0;
	if (hasToken(data.pageToken)) {
		const cursor = decodeToken(data.pageToken) as unknown as ActivityCursor | undefined;
		if (cursor === undefined || typeof cursor.timestamp !== 'number')
			return ok(E.getActivities, []);
		const after = {
			organizationId,
			activity: { id: String(cursor.id), timestamp: cursor.timestamp },
		};
		start = matching.findIndex((entry) =>
			order === 'asc' ? compare(entry, after) > 0 : compare(entry, after) < 0,
		);
		if (start < 0) return ok(E.getActivities, []);
	}
	const page = matching.slice(start, start + pageSize);
	const last = page[page.length - 1];
	const more = start + pageSize < matching.length;
	return ok(
		E.getActivities,
		page.map(({ activity }) => structuredClone(activity)),
		more && last !== undefined
			? { pageToken: encodeToken({ timestamp: last.activity.timestamp, id: last.activity.id }) }
			: undefined,
	);
};

// ---- activities/update and delete ----------------------------------------------------------

const UPDATABLE = [
	'changes',
	'entityData',
	'entityTargetData',
	'displayMessageTemplate',
	'displayMessageTemplateData',
	'actionIcon',
] as const;

const handleUpdate: Handler = ({ store }, data) => {
	const organizationId = requireString(data, 'organizationId');
	const activities = requireArray(data, 'activities');
	activities.forEach((activity, index) => {
		if (typeof activity.id !== 'string' || activity.id === '')
			throw invalid(`activities[${index}].id is required.`);
		checkContent(activity, `activities[${index}]`);
	});
	const results: JsonObject = {};
	for (const patch of activities) {
		const id = patch.id as string;
		const stored = store.activity.getActivity(organizationId, id);
		if (stored === undefined) {
			results[id] = { success: false, message: M.notUpdated };
			continue;
		}
		for (const name of UPDATABLE)
			if (patch[name] !== undefined) stored.activity[name] = patch[name];
		results[id] = { success: true, message: M.updated };
	}
	return ok(E.updateActivities, results);
};

const handleDelete: Handler = ({ store }, data) => {
	const organizationId = requireString(data, 'organizationId');
	const documentId = optionalString(data, 'documentId');
	const targetEntityId = optionalString(data, 'targetEntityId');
	const activityIds = optionalStringArray(data, 'activityIds');
	if (documentId === undefined && targetEntityId === undefined && activityIds === undefined)
		throw invalid('At least one of documentId, targetEntityId, or activityIds must be provided.');
	const results: JsonObject = {};
	const matches = (entry: StoredActivity) =>
		(documentId === undefined ||
			(entry.activity.metadata as JsonObject).documentId === documentId) &&
		(targetEntityId === undefined || entry.activity.targetEntityId === targetEntityId);
	if (activityIds !== undefined) {
		for (const id of activityIds) {
			const stored = store.activity.getActivity(organizationId, id);
			const deleted =
				stored !== undefined &&
				matches(stored) &&
				store.activity.deleteActivity(organizationId, id);
			results[id] = deleted
				? { success: true, message: M.deleted }
				: { success: false, message: M.notDeleted };
		}
	} else {
		for (const entry of store.activity.activitiesOf(organizationId).filter(matches)) {
			store.activity.deleteActivity(organizationId, entry.activity.id);
			results[entry.activity.id] = { success: true, message: M.deleted };
		}
	}
	return ok(E.deleteActivities, results);
};

// ---- recordings/get ------------------------------------------------------------------------

const handleGetRecordings: Handler = ({ store, maxPageSize }, data) => {
	const organizationId = requireString(data, 'organizationId');
	const documentId = optionalString(data, 'documentId');
	const recordingIds = optionalStringArray(data, 'recordingIds');
	const pageSize = pageSizeOf(data, DEFAULT_PAGE_SIZE, maxPageSize);
	const matching = store.activity.recordingsOf(organizationId).filter((recording) => {
		const metadata = (recording.metadata ?? {}) as JsonObject;
		if (documentId !== undefined && metadata.documentId !== documentId) return false;
		return recordingIds === undefined || recordingIds.includes(String(recording.annotationId));
	});
	let offset = 0;
	if (hasToken(data.pageToken)) {
		const cursor = decodeToken(data.pageToken);
		if (typeof cursor?.offset !== 'number') return ok(E.getRecordings, []);
		offset = cursor.offset;
	}
	const page = matching.slice(offset, offset + pageSize);
	const next = offset + pageSize;
	return ok(
		E.getRecordings,
		page.map((recording) => structuredClone(recording)),
		next < matching.length ? { pageToken: encodeToken({ offset: next }) } : undefined,
	);
};

// ---- livestate/broadcast -------------------------------------------------------------------

const handleBroadcast: Handler = ({ store }, data) => {
	const organizationId = requireString(data, 'organizationId');
	const documentId = requireString(data, 'documentId');
	const liveStateDataId = requireString(data, 'liveStateDataId');
	const value = data.data;
	if (!isJsonObject(value)) throw invalid('data is required and must be an object.');
	const merge = optionalBoolean(data, 'merge') ?? false;
	const key = JSON.stringify([organizationId, documentId, liveStateDataId]);
	const before = store.activity.liveState.get(key);
	store.activity.liveState.set(
		key,
		merge && before !== undefined ? { ...before, ...value } : value,
	);
	return ok(E.broadcastLiveState, { success: true });
};

export const ACTIVITY_HANDLERS = handlerModule<ActivityEndpoint>({
	[E.addActivities]: handleAdd,
	[E.getActivities]: handleGet,
	[E.updateActivities]: handleUpdate,
	[E.deleteActivities]: handleDelete,
	[E.getRecordings]: handleGetRecordings,
	[E.broadcastLiveState]: handleBroadcast,
});
