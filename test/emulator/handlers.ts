/**
 * Per-endpoint behaviour of the emulated Velt API: validate the request's `data`, act on
 * the store, and describe the answer. No HTTP here (server.ts does that).
 */
import {
	ADD_WITH_EXISTING_ID_REPLACES,
	DEFAULT_GET_PAGE_SIZE,
	ENDPOINTS,
	MAX_DOCUMENT_IDS_PER_CONFIG_GET,
	MAX_NOTIFICATION_IDS_PER_GET,
	NOTIFICATION_CONFIG_CHANNELS,
	NOTIFICATION_CONFIG_VALUES,
	NOTIFICATION_ID_PATTERN,
	NOTIFICATION_SOURCES,
	SORT_ORDERS,
	type VeltEndpoint,
	type VeltErrorCode,
} from '../../nodes/shared/transport';
import {
	type EmulatorStore,
	type JsonObject,
	type NotificationConfig,
	type NotificationConfigValue,
	type NotificationInput,
	type NotificationPatch,
	type PageCursor,
	type SortOrder,
	type StoredNotification,
	type VeltUser,
} from './store';

export interface EmulatorFeatures {
	advancedQueries: boolean;
	notificationSettings: boolean;
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
	/** Upper bound on a Get page, whatever pageSize asks for. */
	maxPageSize: number;
}

export type HandlerResult =
	| { ok: true; message: string; data: unknown; pageToken?: string }
	| { ok: false; code: VeltErrorCode; message: string };

type EndpointHandler = (context: HandlerContext, data: JsonObject) => HandlerResult;

/** Thrown by validation helpers; turned into an error envelope by dispatch. */
export class VeltApiError extends Error {
	constructor(
		readonly code: VeltErrorCode,
		message: string,
	) {
		super(message);
	}
}

function invalid(message: string): VeltApiError {
	return new VeltApiError('INVALID_ARGUMENT', message);
}

function success(message: string, data: unknown, pageToken?: string): HandlerResult {
	return pageToken === undefined ? { ok: true, message, data } : { ok: true, message, data, pageToken };
}

// ---- validation helpers -------------------------------------------------------------------

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function requireNonEmptyString(data: JsonObject, field: string): string {
	const value = data[field];
	if (typeof value !== 'string' || value === '') throw invalid(`${field} is required and must be a non-empty string.`);
	return value;
}

function optionalString(data: JsonObject, field: string): string | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '') throw invalid(`${field} must be a non-empty string.`);
	return value;
}

function optionalBoolean(data: JsonObject, field: string): boolean | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean.`);
	return value;
}

function optionalObject(data: JsonObject, field: string): JsonObject | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (!isJsonObject(value)) throw invalid(`${field} must be an object.`);
	return value;
}

function optionalStringArray(data: JsonObject, field: string): string[] | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (!isStringArray(value)) throw invalid(`${field} must be an array of strings.`);
	return value;
}

function organizationIdOf(data: JsonObject): string {
	return requireNonEmptyString(data, 'organizationId');
}

function validateUsers(value: unknown, field: string): VeltUser[] {
	if (!Array.isArray(value)) throw invalid(`${field} must be an array of users.`);
	value.forEach((user, index) => {
		if (!isJsonObject(user) || typeof user.userId !== 'string' || user.userId === '') {
			throw invalid(`${field}[${index}].userId is required and must be a non-empty string.`);
		}
		if (user.email !== undefined && typeof user.email !== 'string') {
			throw invalid(`${field}[${index}].email must be a string.`);
		}
	});
	return value as VeltUser[];
}

function validateActionUser(data: JsonObject): void {
	const actionUser = optionalObject(data, 'actionUser');
	if (actionUser !== undefined && actionUser.userId !== undefined && typeof actionUser.userId !== 'string') {
		throw invalid('actionUser.userId must be a string.');
	}
}

function validateLocation(data: JsonObject, field: string): JsonObject | undefined {
	const location = optionalObject(data, field);
	if (location !== undefined && location.id !== undefined && typeof location.id !== 'string') {
		throw invalid(`${field}.id must be a string.`);
	}
	return location;
}

// ---- page tokens --------------------------------------------------------------------------

/**
 * Opaque token: the position of the page's last notification (timestamp, id) and the order.
 * A cursor rather than an offset, so deleting already-read pages does not skip items.
 */
export function encodePageToken(cursor: PageCursor, order: SortOrder): string {
	return Buffer.from(JSON.stringify({ t: cursor.timestamp, i: cursor.id, o: order }), 'utf8').toString('base64url');
}

export function decodePageToken(token: string, order: SortOrder): PageCursor {
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		throw invalid('pageToken is not valid.');
	}
	if (!isJsonObject(decoded) || typeof decoded.t !== 'number' || typeof decoded.i !== 'string') {
		throw invalid('pageToken is not valid.');
	}
	if (decoded.o !== order) throw invalid(`pageToken was issued for order '${String(decoded.o)}', not '${order}'.`);
	return { timestamp: decoded.t, id: decoded.i };
}

// ---- notifications ------------------------------------------------------------------------

function validateNotificationSource(data: JsonObject): void {
	const source = data.notificationSource;
	if (source === undefined) return;
	if (typeof source !== 'string' || !(NOTIFICATION_SOURCES as readonly string[]).includes(source)) {
		throw invalid(`notificationSource must be one of ${NOTIFICATION_SOURCES.join(', ')}.`);
	}
}

export function handleAddNotification(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = organizationIdOf(data);
	optionalString(data, 'documentId');
	const notificationId = data.notificationId;
	if (notificationId !== undefined) {
		if (typeof notificationId !== 'string' || !NOTIFICATION_ID_PATTERN.test(notificationId)) {
			throw invalid("notificationId must be a non-empty string of letters, digits, '_' and '-'.");
		}
	}
	if (data.notifyUsers !== undefined) validateUsers(data.notifyUsers, 'notifyUsers');
	optionalBoolean(data, 'notifyAll');
	optionalBoolean(data, 'isNotificationResolverUsed');
	optionalBoolean(data, 'verifyUserPermissions');
	optionalBoolean(data, 'createOrganization');
	optionalBoolean(data, 'createDocument');
	validateNotificationSource(data);
	validateActionUser(data);
	validateLocation(data, 'location');
	optionalObject(data, 'metadata');
	for (const field of ['displayHeadlineMessageTemplate', 'displayBodyMessage', 'displayBodyMessageTemplate']) {
		if (data[field] !== undefined && typeof data[field] !== 'string') throw invalid(`${field} must be a string.`);
	}

	if (
		!ADD_WITH_EXISTING_ID_REPLACES &&
		typeof notificationId === 'string' &&
		context.store.getNotification(organizationId, notificationId) !== undefined
	) {
		throw new VeltApiError('ALREADY_EXISTS', `Notification ${notificationId} already exists.`);
	}
	// The store replaces an existing notification with the same id (ADD_WITH_EXISTING_ID_REPLACES).
	context.store.insertNotification({ ...data, organizationId } as NotificationInput);
	return success('Notification added successfully.', {
		success: true,
		message: 'Notification added successfully.',
	});
}

export function handleGetNotifications(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = organizationIdOf(data);
	const documentId = optionalString(data, 'documentId');
	const userId = optionalString(data, 'userId');
	if (documentId === undefined && userId === undefined) throw invalid('Either documentId or userId is required.');
	const locationId = optionalString(data, 'locationId');
	const notificationIds = optionalStringArray(data, 'notificationIds');
	if (notificationIds !== undefined && notificationIds.length > MAX_NOTIFICATION_IDS_PER_GET) {
		throw invalid(
			`notificationIds accepts at most ${MAX_NOTIFICATION_IDS_PER_GET} ids per call (got ${notificationIds.length}).`,
		);
	}
	const pageSize = data.pageSize ?? DEFAULT_GET_PAGE_SIZE;
	if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
		throw invalid('pageSize must be a positive integer.');
	}
	const order = data.order ?? 'desc';
	if (typeof order !== 'string' || !(SORT_ORDERS as readonly string[]).includes(order)) {
		throw invalid(`order must be one of ${SORT_ORDERS.join(', ')}.`);
	}
	const sortOrder = order as SortOrder;
	const pageToken = data.pageToken;
	let after: PageCursor | undefined;
	// An empty or null token means "first page", like the absent token on the last page.
	if (pageToken !== undefined && pageToken !== null && pageToken !== '') {
		if (typeof pageToken !== 'string') throw invalid('pageToken must be a string.');
		after = decodePageToken(pageToken, sortOrder);
	}

	const page = context.store.queryNotifications({
		organizationId,
		documentId,
		userId,
		locationId,
		notificationIds,
		order: sortOrder,
		limit: Math.min(pageSize, context.maxPageSize),
		after,
	});
	const notifications = page.items.map((notification) => context.store.toApiNotification(notification, userId));
	return success(
		'Notification(s) retrieved successfully.',
		notifications,
		page.next === undefined ? undefined : encodePageToken(page.next, sortOrder),
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
	return notification !== undefined && (scope.documentId === undefined || notification.documentId === scope.documentId);
}

function validateUpdateEntry(entry: unknown, index: number): { id: string; patch: NotificationPatch } {
	const field = `notifications[${index}]`;
	if (!isJsonObject(entry)) throw invalid(`${field} must be an object.`);
	if (typeof entry.id !== 'string' || entry.id === '') throw invalid(`${field}.id is required and must be a string.`);
	const readByUserIds = entry.readByUserIds;
	if (readByUserIds !== undefined && !isStringArray(readByUserIds)) {
		throw invalid(`${field}.readByUserIds must be an array of strings.`);
	}
	if (entry.persistReadForUsers !== undefined && typeof entry.persistReadForUsers !== 'boolean') {
		throw invalid(`${field}.persistReadForUsers must be a boolean.`);
	}
	if (entry.notifyUsers !== undefined) validateUsers(entry.notifyUsers, `${field}.notifyUsers`);
	if (entry.metadata !== undefined && !isJsonObject(entry.metadata)) throw invalid(`${field}.metadata must be an object.`);
	validateLocation(entry, 'location');
	if ('isRead' in entry || 'isArchived' in entry) {
		throw invalid(`${field}: isRead and isArchived are not supported; use readByUserIds.`);
	}
	return { id: entry.id, patch: entry as NotificationPatch };
}

export function handleUpdateNotifications(context: HandlerContext, data: JsonObject): HandlerResult {
	const scope: NotificationScope = {
		organizationId: organizationIdOf(data),
		documentId: optionalString(data, 'documentId'),
		locationId: optionalString(data, 'locationId'),
		userId: optionalString(data, 'userId'),
	};
	optionalBoolean(data, 'verifyUserPermissions');
	if (!Array.isArray(data.notifications)) throw invalid('notifications is required and must be an array.');
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
	return success('Notification(s) updated successfully.', results);
}

export function handleDeleteNotifications(context: HandlerContext, data: JsonObject): HandlerResult {
	const scope: NotificationScope = {
		organizationId: organizationIdOf(data),
		documentId: optionalString(data, 'documentId'),
		locationId: optionalString(data, 'locationId'),
		userId: optionalString(data, 'userId'),
	};
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
	} else {
		// No ids: everything matching the filters (possibly the whole organization).
		for (const notification of context.store.listNotifications(scope)) {
			context.store.deleteNotification(scope.organizationId, notification.id);
			results[notification.id] = { success: true, message: 'Notification deleted.' };
		}
	}
	return success('Notification(s) deleted successfully.', results);
}

// ---- notification settings ----------------------------------------------------------------

export function handleGetNotificationConfig(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = organizationIdOf(data);
	const userId = requireNonEmptyString(data, 'userId');
	const getOrganizationConfig = optionalBoolean(data, 'getOrganizationConfig') === true;
	const documentIds = optionalStringArray(data, 'documentIds');
	if (documentIds !== undefined && documentIds.length > MAX_DOCUMENT_IDS_PER_CONFIG_GET) {
		throw invalid(
			`documentIds accepts at most ${MAX_DOCUMENT_IDS_PER_CONFIG_GET} ids per call (got ${documentIds.length}).`,
		);
	}
	if (!getOrganizationConfig && (documentIds === undefined || documentIds.length === 0)) {
		throw invalid('documentIds is required (a non-empty array) unless getOrganizationConfig is true.');
	}

	const entries: JsonObject[] = [];
	if (getOrganizationConfig) {
		entries.push({
			config: context.store.resolveNotificationConfig(organizationId, userId, undefined),
			metadata: { organizationId, userId },
		});
	}
	for (const documentId of documentIds ?? []) {
		entries.push({
			config: context.store.resolveNotificationConfig(organizationId, userId, documentId),
			metadata: { organizationId, documentId, userId },
		});
	}
	return success('User config(s) retrieved successfully.', entries);
}

function validateNotificationConfig(value: unknown): NotificationConfig {
	if (!isJsonObject(value)) throw invalid('config is required and must be an object.');
	const config: NotificationConfig = {};
	for (const [channel, setting] of Object.entries(value)) {
		if (!(NOTIFICATION_CONFIG_CHANNELS as readonly string[]).includes(channel)) {
			throw invalid(`config.${channel} is not a channel; use one of ${NOTIFICATION_CONFIG_CHANNELS.join(', ')}.`);
		}
		if (typeof setting !== 'string' || !(NOTIFICATION_CONFIG_VALUES as readonly string[]).includes(setting)) {
			throw invalid(`config.${channel} must be one of ${NOTIFICATION_CONFIG_VALUES.join(', ')}.`);
		}
		config[channel as keyof NotificationConfig] = setting as NotificationConfigValue;
	}
	if (Object.keys(config).length === 0) {
		throw invalid(`config must set at least one of ${NOTIFICATION_CONFIG_CHANNELS.join(', ')}.`);
	}
	return config;
}

export function handleSetNotificationConfig(context: HandlerContext, data: JsonObject): HandlerResult {
	const organizationId = organizationIdOf(data);
	const userIds = data.userIds;
	if (!isStringArray(userIds) || userIds.length === 0 || userIds.some((id) => id === '')) {
		throw invalid('userIds is required and must be a non-empty array of strings.');
	}
	const documentIds = optionalStringArray(data, 'documentIds');
	if (documentIds !== undefined && documentIds.length === 0) {
		throw invalid('documentIds must not be empty; leave it out to set the organization-level config.');
	}
	const config = validateNotificationConfig(data.config);

	const results: Record<string, JsonObject> = {};
	for (const userId of userIds) {
		for (const documentId of documentIds ?? [undefined]) {
			context.store.setNotificationConfig(organizationId, userId, documentId, config);
		}
		// ASSUMED: one entry per user; documentId when exactly one document, documentIds when several.
		const result: JsonObject = { success: true, userId };
		if (documentIds?.length === 1) result.documentId = documentIds[0];
		else if (documentIds !== undefined) result.documentIds = documentIds;
		result.message = 'User config set successfully.';
		results[userId] = result;
	}
	return success('User config set successfully.', results);
}

// ---- advanced webhooks ----------------------------------------------------------------------

export function handleCreateWebhookEndpoint(context: HandlerContext, data: JsonObject): HandlerResult {
	const url = requireNonEmptyString(data, 'url');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw invalid('url must be an absolute http(s) URL.');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url must be an absolute http(s) URL.');
	const filterTypes = optionalStringArray(data, 'filterTypes');
	const description = optionalString(data, 'description');
	const endpoint = context.store.createWebhookEndpoint({ url, filterTypes, description });
	return success('Endpoint created successfully.', { id: endpoint.id });
}

function existingEndpointId(context: HandlerContext, data: JsonObject): string {
	const endpointId = requireNonEmptyString(data, 'endpointId');
	if (context.store.getWebhookEndpoint(endpointId) === undefined) {
		throw new VeltApiError('NOT_FOUND', `Endpoint ${endpointId} not found.`);
	}
	return endpointId;
}

export function handleGetWebhookEndpointSecret(context: HandlerContext, data: JsonObject): HandlerResult {
	const endpoint = context.store.getWebhookEndpoint(existingEndpointId(context, data));
	return success('Endpoint secret retrieved successfully.', { secret: endpoint?.secret });
}

export function handleDeleteWebhookEndpoint(context: HandlerContext, data: JsonObject): HandlerResult {
	context.store.deleteWebhookEndpoint(existingEndpointId(context, data));
	return success('Endpoint deleted successfully.', { success: true });
}

// ---- routing --------------------------------------------------------------------------------

interface Route {
	feature?: keyof EmulatorFeatures;
	handle: EndpointHandler;
}

/** Keyed by the contract's endpoint paths, so a new endpoint there fails to compile here until handled. */
const ROUTES: Record<VeltEndpoint, Route> = {
	[ENDPOINTS.addNotification]: { handle: handleAddNotification },
	[ENDPOINTS.getNotifications]: { feature: 'advancedQueries', handle: handleGetNotifications },
	[ENDPOINTS.updateNotifications]: { handle: handleUpdateNotifications },
	[ENDPOINTS.deleteNotifications]: { handle: handleDeleteNotifications },
	[ENDPOINTS.getNotificationConfig]: { feature: 'notificationSettings', handle: handleGetNotificationConfig },
	[ENDPOINTS.setNotificationConfig]: { feature: 'notificationSettings', handle: handleSetNotificationConfig },
	[ENDPOINTS.createWebhookEndpoint]: { feature: 'advancedWebhooks', handle: handleCreateWebhookEndpoint },
	[ENDPOINTS.readWebhookEndpointSigningInfo]: { feature: 'advancedWebhooks', handle: handleGetWebhookEndpointSecret },
	[ENDPOINTS.deleteWebhookEndpoint]: { feature: 'advancedWebhooks', handle: handleDeleteWebhookEndpoint },
};

export function isKnownEndpoint(path: string): path is VeltEndpoint {
	return Object.prototype.hasOwnProperty.call(ROUTES, path);
}

const FEATURE_DISABLED: Record<keyof EmulatorFeatures, { code: VeltErrorCode; message: string }> = {
	advancedQueries: {
		code: 'NOT_FOUND',
		message: 'Advanced queries are not enabled. Enable them in the Velt console (Configurations > Advanced Queries).',
	},
	notificationSettings: {
		code: 'FAILED_PRECONDITION',
		message: 'Notification settings are not enabled. Enable them in the Velt console.',
	},
	advancedWebhooks: {
		code: 'FAILED_PRECONDITION',
		message: 'Advanced webhooks are not enabled for this workspace. Enable them in the Velt console.',
	},
};

/** Runs one endpoint for an authenticated POST whose body had a `data` object. */
export function dispatch(context: HandlerContext, endpoint: VeltEndpoint, data: JsonObject): HandlerResult {
	const route = ROUTES[endpoint];
	if (route.feature !== undefined && !context.features[route.feature]) {
		return { ok: false, ...FEATURE_DISABLED[route.feature] };
	}
	try {
		return route.handle(context, data);
	} catch (error) {
		if (error instanceof VeltApiError) return { ok: false, code: error.code, message: error.message };
		throw error;
	}
}
