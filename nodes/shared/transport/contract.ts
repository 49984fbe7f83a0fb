/**
 * Facts about Velt's REST API v2 the package relies on: THE one contract file.
 *
 * Every fact names the page of Velt's docs it comes from (`velt-docs/current/*.mdx`,
 * quoted). Where the pages are silent, the line says `ASSUMED` and gives the evidence
 * found for or against the assumption, so each can be revisited in one place.
 * Nothing documented is marked ASSUMED.
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

/** Documented (notifications__get-notifications-v2.mdx): notificationIds "Limit: Only 30 items can be passed at a time." */
export const MAX_NOTIFICATION_IDS_PER_GET = 30;

/** Documented (notifications__get-config.mdx): documentIds "Max 30 documents can be fetched at a time." */
export const MAX_DOCUMENT_IDS_PER_CONFIG_GET = 30;

/** Documented (notifications__get-notifications-v2.mdx): pageSize "Default: 1000." */
export const DEFAULT_GET_PAGE_SIZE = 1000;

/**
 * ASSUMED: how many notifications one update or delete call may carry. Evidence:
 * notifications__update-notifications.mdx and notifications__delete-notifications.mdx
 * document `notifications` / `notificationIds` as plain arrays with no limit, while Get
 * caps notificationIds at 30 (notifications__get-notifications-v2.mdx). 50 stays conservative.
 */
export const DEFAULT_UPDATE_DELETE_BATCH_SIZE = 50;

/** Documented (notifications__add-notifications.mdx): notificationId "Only the special characters `_`, `-` are allowed." */
export const NOTIFICATION_ID_PATTERN = /^[\w-]+$/;

/** Documented (notifications__add-notifications.mdx): notifyAll "Default is true." The node therefore always sends it. */
export const VELT_NOTIFY_ALL_DEFAULT = true;

/** Documented (notifications__add-notifications.mdx): "'custom' ... Other values include 'comment', 'huddle', and 'crdt'". */
export const NOTIFICATION_SOURCES = ['custom', 'comment', 'huddle', 'crdt'] as const;

/**
 * Documented (self-host-data__notifications.mdx): "Only notifications where
 * `notificationSource === 'custom'` are routed through the notification resolver."
 */
export const RESOLVER_NOTIFICATION_SOURCE = 'custom';
/**
 * Documented (notifications__set-config.mdx): config `inbox`, `email`, `slack`, each `ALL`,
 * `MINE` or `NONE`. These are the known ones, not all: the settings config "can extend this to
 * add more channels ... eg: slack, jira, asana, linear" (async-collaboration__notifications__
 * customize-behavior.mdx, setSettingsInitialConfig), each with its own values. So the node
 * offers these and sends any other non-empty channel or value as given.
 */
export const NOTIFICATION_CONFIG_CHANNELS = ['inbox', 'email', 'slack'] as const;
export const NOTIFICATION_CONFIG_VALUES = ['ALL', 'MINE', 'NONE'] as const;
/** Documented (notifications__get-notifications-v2.mdx): order "Must be either `asc` or `desc`". */
export const SORT_ORDERS = ['asc', 'desc'] as const;

/**
 * Error `status` values on the pages: INVALID_ARGUMENT (every endpoint's failure example),
 * UNAUTHENTICATED "Invalid auth token for workspace." and NOT_FOUND "Workspace not found."
 * (workspace__get.mdx), PERMISSION_DENIED "Invalid API key." (workspace__notificationconfig-get.mdx,
 * workspace__webhookconfig-get.mdx), RESOURCE_EXHAUSTED "Rate limit exceeded. Try again after 1
 * minute." (workspace__get.mdx), FAILED_PRECONDITION "Advanced webhooks are disabled ..."
 * (workspace__advancedwebhook-endpoints-*.mdx), INTERNAL (documents__get-documents-v2.mdx).
 * ASSUMED (not on the current pages, kept from Velt's older reference and handled as their
 * names say): ALREADY_EXISTS, ABORTED, DEADLINE_EXCEEDED.
 *
 * ASSUMED: which code a wrong credential gets on the notification endpoints. Evidence: the
 * pages show UNAUTHENTICATED for a wrong auth token on workspace/get and PERMISSION_DENIED
 * for a wrong API key; the notification pages only show INVALID_ARGUMENT. The node treats
 * UNAUTHENTICATED and PERMISSION_DENIED alike (errors.ts hintForFailure, the credential test).
 */
export type VeltErrorCode =
	| 'INVALID_ARGUMENT'
	| 'UNAUTHENTICATED'
	| 'PERMISSION_DENIED'
	| 'NOT_FOUND'
	| 'ALREADY_EXISTS'
	| 'FAILED_PRECONDITION'
	| 'ABORTED'
	| 'RESOURCE_EXHAUSTED'
	| 'DEADLINE_EXCEEDED'
	| 'INTERNAL';

/**
 * HTTP status per Velt error code. Documented: INTERNAL 500 (documents__get-documents-v2.mdx
 * "returns HTTP `500`"). ASSUMED: every other status, which the pages never give (the usual
 * gRPC-to-HTTP mapping). The node does not depend on them: it reads `error.status`, and
 * retries on 429, 5xx, RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED (retryPolicy.ts).
 * ASSUMED: a 500 INTERNAL is worth retrying. Evidence against, for one endpoint the action
 * node does not call: documents/get answers a missing document with 500 INTERNAL
 * (documents__get-documents-v2.mdx, "Retrying on the status alone will loop").
 */
export const HTTP_STATUS_BY_ERROR_CODE: Record<VeltErrorCode, number> = {
	INVALID_ARGUMENT: 400, // ASSUMED
	UNAUTHENTICATED: 401, // ASSUMED
	PERMISSION_DENIED: 403, // ASSUMED
	NOT_FOUND: 404, // ASSUMED
	ALREADY_EXISTS: 409, // ASSUMED
	FAILED_PRECONDITION: 400, // ASSUMED
	ABORTED: 409, // ASSUMED
	RESOURCE_EXHAUSTED: 429, // ASSUMED
	DEADLINE_EXCEEDED: 504, // ASSUMED
	INTERNAL: 500,
};

/**
 * ASSUMED: the last page of a Get carries no pageToken (absent, null or empty). Evidence:
 * notifications__get-notifications-v2.mdx shows `"pageToken": "nextPageToken"` on a page and
 * says nothing about the last one.
 */
export function isLastPage(pageToken: unknown): boolean {
	return pageToken === undefined || pageToken === null || pageToken === '';
}

/**
 * ASSUMED: adding with a notificationId that already exists replaces that notification
 * instead of creating a second one or failing. Evidence for: notifications__add-notifications.mdx,
 * notificationId "Use this if you want more control on the ID being set and prevent duplicate
 * notifications." Not said: whether the second add replaces or is refused. Retrying an Add is
 * safe only because of this, so Adds always carry an id (the node generates one).
 */
export const ADD_WITH_EXISTING_ID_REPLACES = true;

/**
 * ASSUMED: an Add answer does not name the new notification. Evidence for: the success
 * response of notifications__add-notifications.mdx is `{"success": true, "message": ...}`
 * only, and "If not provided, Velt will generate a random ID". So the node sends its own id
 * and returns it.
 */
export const ADD_ANSWER_CARRIES_NO_ID = true;

/**
 * ASSUMED: `notifyUsers: []` is accepted when `notifyAll` is true. Evidence: notifyUsers is
 * "required" (`User[]`) and notifyAll "If set to true, the notification will be sent to all
 * users in the organization" (notifications__add-notifications.mdx); no example shows an
 * empty array. The node sends `[]` then, never leaves the required field out.
 */
export const EMPTY_NOTIFY_USERS_WITH_NOTIFY_ALL = true;

/**
 * ASSUMED: Get Many without "Advanced Queries" fails with a message containing "advanced
 * quer" (the hint in errors.ts keys on it). Evidence: notifications__get-notifications-v2.mdx
 * only says "Prior to using this API, you must: Enable advanced queries option in the console";
 * the failure's code and text are not shown.
 */
export const ADVANCED_QUERIES_MESSAGE_FRAGMENT = 'advanced quer';

/**
 * ASSUMED: no Retry-After header; we honour one if present, capped at a minute. Evidence:
 * no page mentions Retry-After; the one documented rate-limit answer says "Rate limit exceeded.
 * Try again after 1 minute." (workspace__get.mdx), hence the cap.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Documented, and why the transport scrubs every answer (scrub.ts): Velt echoes the API key as
 * `metadata.apiKey` in notifications (notifications__get-notifications-v2.mdx "metadata":
 * {"apiKey": "yourApiKey"}), in notification settings (notifications__get-config.mdx
 * "apiKey": "API_KEY") and in webhook payloads (webhooks__advanced.mdx).
 */
export const VELT_ECHOES_API_KEY_IN_METADATA = true;

/**
 * ASSUMED (credentials/VeltApi.credentials.ts): a notifications/get for an organization that
 * does not exist proves the credential when Velt answers anything but UNAUTHENTICATED,
 * PERMISSION_DENIED or a missing-credential INVALID_ARGUMENT. Evidence: the auth failures of
 * workspace__get.mdx and workspace__notificationconfig-get.mdx come before any data check;
 * the pages do not say what a get for an unknown organization answers (the node accepts an
 * empty list, a NOT_FOUND and "enable advanced queries" as "credential works").
 */
export const CREDENTIAL_TEST_ORGANIZATION_ID = 'n8n-credential-test';
