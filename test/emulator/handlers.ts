/**
 * Per-endpoint behaviour of the emulated Velt API for notifications and notification
 * settings, plus the routing table of every endpoint. Validate the request's `data`, act on
 * the store, describe the answer; no HTTP here (server.ts does that).
 */
import {
	ADD_WITH_EXISTING_ID_REPLACES,
	DELETE_WITHOUT_IDS_DELETES_MATCHING,
	EMPTY_NOTIFY_USERS_ACCEPTED,
	NEXT_PAGE_TOKEN_KEY,
	ORGANIZATION_CONFIG_ENTRY_FIRST,
	SET_CONFIG_MULTI_DOCUMENT_KEY,
	UNKNOWN_NOTIFICATION_SOURCE_ACCEPTED,
} from './choices';
import { handleGetDocuments, handleGetOrganizations, handleGetUsers } from './directoryHandlers';
import { handlerModule, type Route } from './routes';
import {
	type EmulatorStore,
	type JsonObject,
	type NotificationConfig,
	type NotificationInput,
	type NotificationPatch,
	type PageCursor,
	type SortOrder,
	type StoredNotification,
	type VeltUser,
} from './store';
import {
	decodeToken,
	encodeToken,
	hasToken,
	invalid,
	isJsonObject,
	isStringArray,
	optionalBoolean,
	optionalIdList,
	optionalObject,
	optionalString,
	optionalStringArray,
	pageSizeOf,
	requireString,
	success,
	VeltApiError,
	type HandlerResult,
} from './validation';
import {
	DEFAULT_PAGE_SIZE,
	ENDPOINTS,
	KNOWN_NOTIFICATION_SOURCES,
	NOTIFICATION_ID_PATTERN,
	SORT_ORDERS,
	SUCCESS_MESSAGES,
	type VeltEndpoint,
} from './veltDocs';
import {
	handleCreateWebhookEndpoint,
	handleDeleteWebhookEndpoint,
	handleGetAdvancedWebhookConfig,
	handleGetNotificationServiceConfig,
	handleGetWebhookConfig,
	handleGetWebhookEndpoints,
	handleGetWebhookEndpointSecret,
	handleGetWorkspace,
	handleUpdateAdvancedWebhookConfig,
	handleUpdateNotificationServiceConfig,
	handleUpdateWebhookConfig,
	handleUpdateWebhookEndpoint,
} from './webhookHandlers';

export { isJsonObject, VeltApiError, type HandlerResult } from './validation';

export interface EmulatorFeatures {
	/** Console "advanced queries": the v2 get endpoints. */
	advancedQueries: boolean;
	/** Console notification settings: config get/set. */
	notificationSettings: boolean;
	/** Advanced webhooks available to the workspace at all. */
	advancedWebhooks: boolean;
}

export const ALL_FEATURES_ON: Readonly<EmulatorFeatures> = {
	advancedQueries: true,
	notificationSettings: true,
	advancedWebhooks: true,
};

export interface HandlerContext {
	store: EmulatorStore;
	features: Readonly<EmulatorFeatures>;
	/** Upper bound on any page, whatever pageSize asks for. */
	maxPageSize: number;
	/** Workspace identity for workspace/get. */
	workspace: { id: string; authToken: string; apiKey: string };
}

const ok = (endpoint: VeltEndpoint, data: unknown, extra?: JsonObject): HandlerResult =>
	success(SUCCESS_MESSAGES[endpoint], data, extra);

function organizationIdOf(data: JsonObject): string {
	return requireString(data, 'organizationId');
}

function validateUsers(value: unknown, field: string): VeltUser[] {
	if (!Array.isArray(value)) throw invalid(`${field} is required and must be an array of users.`);
	if (value.length === 0 && !EMPTY_NOTIFY_USERS_ACCEPTED)
		throw invalid(`${field} must not be empty.`);
	value.forEach((user, index) => validateUser(user, `${field}[${index}]`));
	return value as VeltUser[];
}

function validateUser(user: unknown, field: string): void {
	if (!isJsonObject(user) || typeof user.userId !== 'string' || user.userId === '') {
		throw invalid(`${field}.userId is required and must be a non-empty string.`);
	}
	for (const key of ['name', 'email', 'photoUrl', 'color', 'textColor', 'initial']) {
		if (user[key] !== undefined && typeof user[key] !== 'string')
			throw invalid(`${field}.${key} must be a string.`);
	}
}

function validateLocation(data: JsonObject, field: string): JsonObject | undefined {
	const location = optionalObject(data, field);
	if (location !== undefined && location.id !== undefined && typeof location.id !== 'string') {
		throw invalid(`${field}.id must be a string.`);
	}
	return location;
}

function validateContext(data: JsonObject): void {
	const context = optionalObject(data, 'context');
	if (context === undefined) return;
	if (!isJsonObject(context.access))
		throw invalid('context.access is required and must be an object.');
	for (const [key, value] of Object.entries(context.access)) {
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw invalid(`context.access.${key} must be a string or a number.`);
		}
	}
}

// ---- page tokens --------------------------------------------------------------------------

/**
 * Opaque token: the position of the page's last notification (timestamp, id) and the order.
 * A cursor rather than an offset, so deleting already-read pages does not skip items.
 */
export function encodePageToken(cursor: PageCursor, order: SortOrder): string {
	return encodeToken({ t: cursor.timestamp, i: cursor.id, o: order });
}

/** The cursor of a token this emulator issued; undefined for any other token (an empty last page). */
export function decodePageToken(token: string, order: SortOrder): PageCursor | undefined {
	const decoded = decodeToken(token);
	if (decoded === undefined || typeof decoded.t !== 'number' || typeof decoded.i !== 'string')
		return undefined;
	if (decoded.o !== order)
		throw invalid(`pageToken was issued for order '${String(decoded.o)}', not '${order}'.`);
	return { timestamp: decoded.t, id: decoded.i };
}

// ---- notifications ------------------------------------------------------------------------

function validateNotificationSource(data: JsonObject): void {
	const source = data.notificationSource;
	if (source === undefined) return;
	const known = (KNOWN_NOTIFICATION_SOURCES as readonly string[]).includes(source as string);
	if (
		typeof source !== 'string' ||
		source === '' ||
		(!known && !UNKNOWN_NOTIFICATION_SOURCE_ACCEPTED)
	) {
		throw invalid(
			`notificationSource must be a string such as ${KNOWN_NOTIFICATION_SOURCES.join(', ')}.`,
		);
	}
}

/** Add: what https://docs.velt.dev/api-reference/rest-apis/v2/notifications/add-notifications marks required, then the types of the rest. */
export function validateAddNotification(data: JsonObject): NotificationInput {
	const organizationId = organizationIdOf(data);
	requireString(data, 'documentId');
	if (data.actionUser === undefined)
		throw invalid('actionUser is required and must be a user object.');
	validateUser(data.actionUser, 'actionUser');
	validateUsers(data.notifyUsers, 'notifyUsers');
	const resolver = optionalBoolean(data, 'isNotificationResolverUsed') === true;
	for (const field of ['displayHeadlineMessageTemplate', 'displayBodyMessage']) {
		const value = data[field];
		if (value === undefined) {
			if (!resolver)
				throw invalid(`${field} is required unless isNotificationResolverUsed is true.`);
		} else if (typeof value !== 'string') throw invalid(`${field} must be a string.`);
	}
	const notificationId = data.notificationId;
	if (notificationId !== undefined) {
		if (typeof notificationId !== 'string' || !NOTIFICATION_ID_PATTERN.test(notificationId)) {
			throw invalid("notificationId must be a non-empty string of letters, digits, '_' and '-'.");
		}
	}
	for (const field of [
		'notifyAll',
		'verifyUserPermissions',
		'createOrganization',
		'createDocument',
	]) {
		optionalBoolean(data, field);
	}
	validateNotificationSource(data);
	validateContext(data);
	validateLocation(data, 'location');
	optionalObject(data, 'metadata');
	optionalObject(data, 'notificationSourceData');
	optionalObject(data, 'displayHeadlineMessageTemplateData');
	if (
		data.displayBodyMessageTemplate !== undefined &&
		typeof data.displayBodyMessageTemplate !== 'string'
	) {
		throw invalid('displayBodyMessageTemplate must be a string.');
	}
	return { ...data, organizationId } as NotificationInput;
}

export function handleAddNotification(context: HandlerContext, data: JsonObject): HandlerResult {
	const input = validateAddNotification(data);
	if (
		!ADD_WITH_EXISTING_ID_REPLACES &&
		input.notificationId !== undefined &&
		context.store.getNotification(input.organizationId, input.notificationId) !== undefined
	) {
		throw new VeltApiError(
			'ALREADY_EXISTS',
			`Notification ${input.notificationId} already exists.`,
		);
	}
	const counters = context.store.addCounters;
	counters.addsReceived++;
	if (
		input.notificationId !== undefined &&
		context.store.getNotification(input.organizationId, input.notificationId) !== undefined
	) {
		counters.duplicateAdds++;
	}
	context.store.insertNotification(input);
	const message = SUCCESS_MESSAGES[ENDPOINTS.addNotification];
	return ok(ENDPOINTS.addNotification, { success: true, message });
}

export function handleGetNotifications(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = organizationIdOf(data);
	const documentId = optionalString(data, 'documentId');
	const userId = optionalString(data, 'userId');
	if (documentId === undefined && userId === undefined)
		throw invalid('Either documentId or userId is required.');
	const locationId = optionalString(data, 'locationId');
	const notificationIds = optionalIdList(data, 'notificationIds');
	const limit = pageSizeOf(data, DEFAULT_PAGE_SIZE, context.maxPageSize);
	const order = data.order ?? 'desc';
	if (typeof order !== 'string' || !(SORT_ORDERS as readonly string[]).includes(order)) {
		throw invalid(`order must be one of ${SORT_ORDERS.join(', ')}.`);
	}
	const sortOrder = order as SortOrder;
	let after: PageCursor | undefined;
	if (hasToken(data.pageToken)) {
		if (typeof data.pageToken !== 'string') throw invalid('pageToken must be a string.');
		after = decodePageToken(data.pageToken, sortOrder);
		if (after === undefined) return ok(ENDPOINTS.getNotifications, []);
	}

	const page = context.store.queryNotifications({
		organizationId,
		documentId,
		userId,
		locationId,
		notificationIds,
		order: sortOrder,
		limit,
		after,
	});
	const notifications = page.items.map((notification) =>
		context.store.toApiNotification(notification, userId),
	);
	return ok(
		ENDPOINTS.getNotifications,
		notifications,
		page.next === undefined
			? undefined
			: { [NEXT_PAGE_TOKEN_KEY.notifications]: encodePageToken(page.next, sortOrder) },
	);
}

/** Scope given at the top of update/delete; an id outside it counts as not found. */
interface NotificationScope {
	organizationId: string;
	documentId?: string;
	locationId?: string;
	userId?: string;
}

function inScope(notification: StoredNotification | undefined, scope: NotificationScope): boolean {
	return (
		notification !== undefined &&
		(scope.documentId === undefined || notification.documentId === scope.documentId)
	);
}

function validateUpdateEntry(
	entry: unknown,
	index: number,
): { id: string; patch: NotificationPatch } {
	const field = `notifications[${index}]`;
	if (!isJsonObject(entry)) throw invalid(`${field} must be an object.`);
	if (typeof entry.id !== 'string' || entry.id === '')
		throw invalid(`${field}.id is required and must be a string.`);
	const readByUserIds = entry.readByUserIds;
	if (readByUserIds !== undefined && !isStringArray(readByUserIds)) {
		throw invalid(`${field}.readByUserIds must be an array of strings.`);
	}
	if (entry.persistReadForUsers !== undefined && typeof entry.persistReadForUsers !== 'boolean') {
		throw invalid(`${field}.persistReadForUsers must be a boolean.`);
	}
	if (entry.actionUser !== undefined) validateUser(entry.actionUser, `${field}.actionUser`);
	if (entry.notifyUsers !== undefined) validateUsers(entry.notifyUsers, `${field}.notifyUsers`);
	if (entry.metadata !== undefined && !isJsonObject(entry.metadata))
		throw invalid(`${field}.metadata must be an object.`);
	for (const key of ['displayHeadlineMessageTemplate', 'displayBodyMessage']) {
		if (entry[key] !== undefined && typeof entry[key] !== 'string')
			throw invalid(`${field}.${key} must be a string.`);
	}
	validateLocation(entry, 'location');
	return { id: entry.id, patch: entry as NotificationPatch };
}

function scopeOf(data: JsonObject): NotificationScope {
	return {
		organizationId: organizationIdOf(data),
		documentId: optionalString(data, 'documentId'),
		locationId: optionalString(data, 'locationId'),
		userId: optionalString(data, 'userId'),
	};
}

export function handleUpdateNotifications(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const scope = scopeOf(data);
	optionalBoolean(data, 'verifyUserPermissions');
	if (!Array.isArray(data.notifications))
		throw invalid('notifications is required and must be an array.');
	// Validate every entry before changing anything, so a bad entry leaves the store untouched.
	const entries = data.notifications.map(validateUpdateEntry);

	const results: Record<string, { success: boolean; message: string }> = {};
	for (const { id, patch } of entries) {
		const found = inScope(context.store.getNotification(scope.organizationId, id), scope);
		const updated = found && context.store.updateNotification(scope.organizationId, id, patch);
		results[id] = updated
			? { success: true, message: 'Notification updated.' }
			: { success: false, message: 'Failed to update notification.' };
	}
	return ok(ENDPOINTS.updateNotifications, results);
}

export function handleDeleteNotifications(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const scope = scopeOf(data);
	const notificationIds = optionalStringArray(data, 'notificationIds');

	const results: Record<string, { success: boolean; message: string }> = {};
	if (notificationIds !== undefined) {
		for (const id of notificationIds) {
			const found = inScope(context.store.getNotification(scope.organizationId, id), scope);
			const deleted = found && context.store.deleteNotification(scope.organizationId, id);
			results[id] = deleted
				? { success: true, message: 'Notification deleted.' }
				: { success: false, message: 'Failed to delete notification.' };
		}
	} else if (DELETE_WITHOUT_IDS_DELETES_MATCHING) {
		for (const notification of context.store.listNotifications(scope)) {
			context.store.deleteNotification(scope.organizationId, notification.id);
			results[notification.id] = { success: true, message: 'Notification deleted.' };
		}
	}
	return ok(ENDPOINTS.deleteNotifications, results);
}

// ---- notification settings ----------------------------------------------------------------

export function handleGetNotificationConfig(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = organizationIdOf(data);
	const userId = requireString(data, 'userId');
	const getOrganizationConfig = optionalBoolean(data, 'getOrganizationConfig') === true;
	const documentIds = optionalIdList(data, 'documentIds');
	if (!getOrganizationConfig && (documentIds === undefined || documentIds.length === 0)) {
		throw invalid(
			'documentIds is required (a non-empty array) unless getOrganizationConfig is true.',
		);
	}
	const apiKey = context.store.apiKey;
	const organizationEntry = (): JsonObject => ({
		config: context.store.resolveNotificationConfig(organizationId, userId, undefined),
		metadata: { organizationId, apiKey, userId },
	});
	const entries: JsonObject[] = (documentIds ?? []).map((documentId) => ({
		config: context.store.resolveNotificationConfig(organizationId, userId, documentId),
		metadata: { organizationId, apiKey, documentId, userId },
	}));
	if (getOrganizationConfig) {
		if (ORGANIZATION_CONFIG_ENTRY_FIRST) entries.unshift(organizationEntry());
		else entries.push(organizationEntry());
	}
	return ok(ENDPOINTS.getNotificationConfig, entries);
}

/** Any channel name and any non-empty string value (channels and setting ids are extensible). */
function validateNotificationConfig(value: unknown): NotificationConfig {
	if (!isJsonObject(value)) throw invalid('config is required and must be an object.');
	const config: NotificationConfig = {};
	for (const [channel, setting] of Object.entries(value)) {
		if (channel === '') throw invalid('config channel names must be non-empty.');
		if (typeof setting !== 'string' || setting === '')
			throw invalid(`config.${channel} must be a non-empty string such as ALL, MINE or NONE.`);
		config[channel] = setting;
	}
	if (Object.keys(config).length === 0)
		throw invalid('config must set at least one channel (e.g. inbox, email, slack).');
	return config;
}

export function handleSetNotificationConfig(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const organizationId = organizationIdOf(data);
	const userIds = data.userIds;
	if (!isStringArray(userIds) || userIds.length === 0 || userIds.some((id) => id === '')) {
		throw invalid('userIds is required and must be a non-empty array of strings.');
	}
	const documentIds = optionalStringArray(data, 'documentIds');
	if (documentIds !== undefined && documentIds.length === 0) {
		throw invalid(
			'documentIds must not be empty; leave it out to set the organization-level config.',
		);
	}
	const config = validateNotificationConfig(data.config);

	const message = SUCCESS_MESSAGES[ENDPOINTS.setNotificationConfig];
	const results: Record<string, JsonObject> = {};
	for (const userId of userIds) {
		for (const documentId of documentIds ?? [undefined]) {
			context.store.setNotificationConfig(organizationId, userId, documentId, config);
		}
		const result: JsonObject = { success: true, userId };
		if (documentIds?.length === 1) result.documentId = documentIds[0];
		else if (documentIds !== undefined) result[SET_CONFIG_MULTI_DOCUMENT_KEY] = documentIds;
		result.message = message;
		results[userId] = result;
	}
	return ok(ENDPOINTS.setNotificationConfig, results);
}

// ---- routing --------------------------------------------------------------------------------

/** Keyed by veltDocs' endpoint paths, so a new endpoint there fails to compile here until handled. */
const ROUTES: Record<VeltEndpoint, Route> = {
	[ENDPOINTS.addNotification]: { handle: handleAddNotification },
	[ENDPOINTS.getNotifications]: { feature: 'advancedQueries', handle: handleGetNotifications },
	[ENDPOINTS.updateNotifications]: { handle: handleUpdateNotifications },
	[ENDPOINTS.deleteNotifications]: { handle: handleDeleteNotifications },
	[ENDPOINTS.getNotificationConfig]: {
		feature: 'notificationSettings',
		handle: handleGetNotificationConfig,
	},
	[ENDPOINTS.setNotificationConfig]: {
		feature: 'notificationSettings',
		handle: handleSetNotificationConfig,
	},
	[ENDPOINTS.getOrganizations]: { feature: 'advancedQueries', handle: handleGetOrganizations },
	[ENDPOINTS.getDocuments]: { feature: 'advancedQueries', handle: handleGetDocuments },
	[ENDPOINTS.getUsers]: { feature: 'advancedQueries', handle: handleGetUsers },
	[ENDPOINTS.createWebhookEndpoint]: {
		feature: 'advancedWebhooks',
		handle: handleCreateWebhookEndpoint,
	},
	[ENDPOINTS.getWebhookEndpoints]: {
		feature: 'advancedWebhooks',
		handle: handleGetWebhookEndpoints,
	},
	[ENDPOINTS.updateWebhookEndpoint]: {
		feature: 'advancedWebhooks',
		handle: handleUpdateWebhookEndpoint,
	},
	[ENDPOINTS.deleteWebhookEndpoint]: {
		feature: 'advancedWebhooks',
		handle: handleDeleteWebhookEndpoint,
	},
	[ENDPOINTS.getWebhookEndpointSigning]: {
		feature: 'advancedWebhooks',
		handle: handleGetWebhookEndpointSecret,
	},
	[ENDPOINTS.getAdvancedWebhookConfig]: {
		feature: 'advancedWebhooks',
		handle: handleGetAdvancedWebhookConfig,
	},
	[ENDPOINTS.updateAdvancedWebhookConfig]: {
		feature: 'advancedWebhooks',
		handle: handleUpdateAdvancedWebhookConfig,
	},
	[ENDPOINTS.getWebhookConfig]: { handle: handleGetWebhookConfig },
	[ENDPOINTS.updateWebhookConfig]: { handle: handleUpdateWebhookConfig },
	[ENDPOINTS.getNotificationServiceConfig]: { handle: handleGetNotificationServiceConfig },
	[ENDPOINTS.updateNotificationServiceConfig]: { handle: handleUpdateNotificationServiceConfig },
	[ENDPOINTS.getWorkspace]: { workspaceAuth: true, handle: handleGetWorkspace },
};

export const VELT_ENDPOINT_HANDLERS = handlerModule(ROUTES);
