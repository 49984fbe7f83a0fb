/**
 * Facts about Velt's REST API v2 that both the node and the local emulator rely on.
 *
 * Documented limits and shapes sit beside the behaviour we *assume* where Velt's
 * documentation is silent. Every assumption is marked `ASSUMED` so it can be found
 * and revisited in one place.
 */

export const DEFAULT_BASE_URL = 'https://api.velt.dev';

export const ENDPOINTS = {
	addNotification: '/v2/notifications/add',
	getNotifications: '/v2/notifications/get',
	updateNotifications: '/v2/notifications/update',
	deleteNotifications: '/v2/notifications/delete',
	getNotificationConfig: '/v2/notifications/config/get',
	setNotificationConfig: '/v2/notifications/config/set',
	createWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/create',
	readWebhookEndpointSigningInfo: '/v2/workspace/advancedwebhook/endpoints/secret/get',
	deleteWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/delete',
} as const;

/** The directory reads the node's pickers list organizations, documents and users with. */
export const DIRECTORY_ENDPOINTS = {
	getOrganizations: '/v2/organizations/get',
	getDocuments: '/v2/organizations/documents/get',
	getUsers: '/v2/users/get',
} as const;

export type VeltEndpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];
export type DirectoryEndpoint = (typeof DIRECTORY_ENDPOINTS)[keyof typeof DIRECTORY_ENDPOINTS];

export const API_KEY_HEADER = 'x-velt-api-key';
export const AUTH_TOKEN_HEADER = 'x-velt-auth-token';

/** Documented: `notificationIds` on Get accepts at most 30 ids per call. */
export const MAX_NOTIFICATION_IDS_PER_GET = 30;

/** Documented: `documentIds` on config/get accepts at most 30 ids. */
export const MAX_DOCUMENT_IDS_PER_CONFIG_GET = 30;

/** Documented: Get's default page size. */
export const DEFAULT_GET_PAGE_SIZE = 1000;

/**
 * ASSUMED: Velt documents no limit for how many notifications one update or delete
 * call may carry. We stay conservative.
 */
export const DEFAULT_UPDATE_DELETE_BATCH_SIZE = 50;

/** Documented: only `_` and `-` are allowed as special characters in a notificationId. */
export const NOTIFICATION_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Documented: Velt notifies the whole organization when `notifyAll` is left out. */
export const VELT_NOTIFY_ALL_DEFAULT = true;

export const NOTIFICATION_SOURCES = ['custom', 'comment', 'huddle', 'crdt'] as const;
export const NOTIFICATION_CONFIG_CHANNELS = ['inbox', 'email', 'slack'] as const;
export const NOTIFICATION_CONFIG_VALUES = ['ALL', 'MINE', 'NONE'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;

export type VeltErrorCode =
	| 'INVALID_ARGUMENT'
	| 'PERMISSION_DENIED'
	| 'NOT_FOUND'
	| 'ALREADY_EXISTS'
	| 'FAILED_PRECONDITION'
	| 'ABORTED'
	| 'RESOURCE_EXHAUSTED'
	| 'DEADLINE_EXCEEDED'
	| 'INTERNAL';

/**
 * HTTP status per Velt error code. Documented: INVALID_ARGUMENT 400, ABORTED 409,
 * INTERNAL 500. ASSUMED: the others, which the docs name without a status.
 */
export const HTTP_STATUS_BY_ERROR_CODE: Record<VeltErrorCode, number> = {
	INVALID_ARGUMENT: 400,
	PERMISSION_DENIED: 403, // ASSUMED
	NOT_FOUND: 404, // ASSUMED
	ALREADY_EXISTS: 409, // ASSUMED
	FAILED_PRECONDITION: 400, // ASSUMED
	ABORTED: 409,
	RESOURCE_EXHAUSTED: 429, // ASSUMED
	DEADLINE_EXCEEDED: 504, // ASSUMED
	INTERNAL: 500,
};

/** ASSUMED: the last page of a Get carries no pageToken (absent, null or empty). */
export function isLastPage(pageToken: unknown): boolean {
	return pageToken === undefined || pageToken === null || pageToken === '';
}

/**
 * ASSUMED: adding with a notificationId that already exists replaces that
 * notification instead of creating a second one. Retrying an Add is safe only
 * because of this, so Adds are retried only when they carry an id.
 */
export const ADD_WITH_EXISTING_ID_REPLACES = true;

/** Documented: no Retry-After header is described; we honour one if present, capped. */
export const MAX_RETRY_AFTER_MS = 60_000;
