/**
 * Facts about Velt's REST API v2 the package relies on: THE one contract file.
 *
 * Every fact names the page of Velt's docs it comes from (https://docs.velt.dev,
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
	listWebhookEndpoints: '/v2/workspace/advancedwebhook/endpoints/get',
	updateWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/update',
	getAdvancedWebhookConfig: '/v2/workspace/advancedwebhookconfig/get',
	getWebhookConfig: '/v2/workspace/webhookconfig/get',
} as const;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-get): limit "Integer between `1` and `250`". */
export const ENDPOINT_LIST_PAGE_SIZE = 250;

/** The directory reads the node's pickers list organizations, documents and users with. */
export const DIRECTORY_ENDPOINTS = {
	getOrganizations: '/v2/organizations/get',
	getDocuments: '/v2/organizations/documents/get',
	getUsers: '/v2/users/get',
} as const;

/**
 * The Velt node's endpoints: comment threads (comment annotations), comments, users and user
 * groups, each path as its page gives it (https://docs.velt.dev/api-reference/rest-apis/v2/
 * comments-feature/comment-annotations/*, …/comments-feature/comments/*, …/v2/users/*,
 * …/v2/user-groups/*). Users are listed with DIRECTORY_ENDPOINTS.getUsers.
 */
export const COLLABORATION_ENDPOINTS = {
	addCommentAnnotations: '/v2/commentannotations/add',
	getCommentAnnotations: '/v2/commentannotations/get',
	getCommentAnnotationsCount: '/v2/commentannotations/count/get',
	updateCommentAnnotations: '/v2/commentannotations/update',
	deleteCommentAnnotations: '/v2/commentannotations/delete',
	addComments: '/v2/commentannotations/comments/add',
	getComments: '/v2/commentannotations/comments/get',
	updateComments: '/v2/commentannotations/comments/update',
	deleteComments: '/v2/commentannotations/comments/delete',
	addUsers: '/v2/users/add',
	updateUsers: '/v2/users/update',
	deleteUsers: '/v2/users/delete',
	addUserGroups: '/v2/organizations/usergroups/add',
	addUsersToGroup: '/v2/organizations/usergroups/users/add',
	deleteUsersFromGroup: '/v2/organizations/usergroups/users/delete',
} as const;

/**
 * The Velt node's access and users'-data endpoints: permissions and sign-in tokens
 * (https://docs.velt.dev/api-reference/rest-apis/v2/auth/add-permissions, …/get-permissions,
 * …/remove-permissions, …/generate-token) and the data-subject requests
 * (https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/get-all-user-data-gdpr,
 * …/delete-all-user-data-gdpr, …/get-delete-user-data-status-gdpr).
 */
export const ACCESS_ENDPOINTS = {
	addPermissions: '/v2/auth/permissions/add',
	getPermissions: '/v2/auth/permissions/get',
	removePermissions: '/v2/auth/permissions/remove',
	signIn: '/v2/auth/generate_token',
	getUserData: '/v2/users/data/get',
	deleteUserData: '/v2/users/data/delete',
	getUserDataDeletionStatus: '/v2/users/data/delete/status',
} as const;

/**
 * The Velt node's workspace endpoints: organizations, documents and folders, each path as its
 * page gives it (https://docs.velt.dev/api-reference/rest-apis/v2/organizations/add-organizations
 * and its sibling pages, …/v2/documents/*, …/v2/folders/*). Organizations and documents are
 * read with DIRECTORY_ENDPOINTS.
 */
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

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/organizations/get-organizations-v2): organizationIds "Limit: Only 30 IDs can be passed at a time." */
export const MAX_IDS_PER_ORGANIZATIONS_GET = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2): documentIds "Limit: Only 30 IDs can be passed at a time." */
export const MAX_IDS_PER_DOCUMENTS_GET = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/documents/move-documents): documentIds "Limit: Only 30 IDs can be passed at a time." */
export const MAX_DOCUMENT_IDS_PER_MOVE = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/documents/update-document-access, …/folders/update-folder-access): accessType "Allowed values: `organizationPrivate`, `restricted`, `public`". */
export const ACCESS_TYPES = ['organizationPrivate', 'restricted', 'public'] as const;

/**
 * Documented (https://docs.velt.dev/api-reference/rest-apis/v2/documents/add-documents, …/update-documents,
 * …/delete-documents, "Partial Failures"): a batch where some ids fail answers HTTP 500 INTERNAL
 * with a per-id map in `error.details`, each failed entry with a `code`; only `internal` is
 * "Safe to retry". The node reads that map as the per-id answer and retries only `internal`.
 */
export const RETRYABLE_PER_ID_CODE = 'internal';

export type VeltEndpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];
export type DirectoryEndpoint = (typeof DIRECTORY_ENDPOINTS)[keyof typeof DIRECTORY_ENDPOINTS];
export type CollaborationEndpoint =
	(typeof COLLABORATION_ENDPOINTS)[keyof typeof COLLABORATION_ENDPOINTS];
export type AccessEndpoint = (typeof ACCESS_ENDPOINTS)[keyof typeof ACCESS_ENDPOINTS];
export type WorkspaceEndpoint = (typeof WORKSPACE_ENDPOINTS)[keyof typeof WORKSPACE_ENDPOINTS];
/** Every path the package sends to. */
export type AnyVeltEndpoint =
	| VeltEndpoint
	| DirectoryEndpoint
	| CollaborationEndpoint
	| AccessEndpoint
	| WorkspaceEndpoint
	| ActivityEndpoint;

/**
 * Activity logs, recordings and live state (issue 28), each path as its page's `api:` line
 * gives it: https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities (and
 * get-, update-, delete-activities), https://docs.velt.dev/api-reference/rest-apis/v2/recordings/get-recordings,
 * https://docs.velt.dev/api-reference/rest-apis/v2/livestate/broadcast-event.
 */
export const ACTIVITY_ENDPOINTS = {
	addActivities: '/v2/activities/add',
	getActivities: '/v2/activities/get',
	updateActivities: '/v2/activities/update',
	deleteActivities: '/v2/activities/delete',
	getRecordings: '/v2/recordings/get',
	broadcastLiveState: '/v2/livestate/broadcast',
} as const;

export type ActivityEndpoint = (typeof ACTIVITY_ENDPOINTS)[keyof typeof ACTIVITY_ENDPOINTS];

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities): featureType "Must be one of: "comment", "reaction", "recorder", "crdt", "custom"". */
export const ACTIVITY_FEATURE_TYPES = [
	'comment',
	'reaction',
	'recorder',
	'crdt',
	'custom',
] as const;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities): targetEntityId "Required when `featureType` is "custom"". */
export const CUSTOM_ACTIVITY_FEATURE_TYPE = 'custom';

/**
 * Action types the activity pages name (https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities:
 * "comment.add", "comment.update"; the custom example's "statusChanged"). Not a closed list
 * ("Specific action performed (e.g., ...)"), so the node and the trigger take any other as text.
 */
export const DOCUMENTED_ACTION_TYPES = ['comment.add', 'comment.update'] as const;

// ASSUMED: activityIds and recordingIds have no per-call cap. Evidence: the activity and
// recording pages list them as plain `string[]` with no limit, unlike the notification and
// user pages' "Only 30 items". The node sends them as given, in one request.

export const API_KEY_HEADER = 'x-velt-api-key';
export const AUTH_TOKEN_HEADER = 'x-velt-auth-token';

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2): notificationIds "Limit: Only 30 items can be passed at a time." */
export const MAX_NOTIFICATION_IDS_PER_GET = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/users/get-users-v2): userIds and organizationUserGroupIds "Only 30 items can be passed at a time." */
export const MAX_IDS_PER_USERS_GET = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/get-comment-annotations-v2): documentIds, locationIds, annotationIds and userIds "Only 30 IDs can be passed at a time." */
export const MAX_IDS_PER_COMMENT_ANNOTATIONS_GET = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-config): documentIds "Max 30 documents can be fetched at a time." */
export const MAX_DOCUMENT_IDS_PER_CONFIG_GET = 30;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2): pageSize "Default: 1000." */
export const DEFAULT_GET_PAGE_SIZE = 1000;

/**
 * ASSUMED: how many notifications one update or delete call may carry. Evidence:
 * https://docs.velt.dev/api-reference/rest-apis/v2/notifications/update-notifications and https://docs.velt.dev/api-reference/rest-apis/v2/notifications/delete-notifications
 * document `notifications` / `notificationIds` as plain arrays with no limit, while Get
 * caps notificationIds at 30 (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2). 50 stays conservative.
 */
export const DEFAULT_UPDATE_DELETE_BATCH_SIZE = 50;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/add-notifications): notificationId "Only the special characters `_`, `-` are allowed." */
export const NOTIFICATION_ID_PATTERN = /^[\w-]+$/;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/add-notifications): "'custom' ... Other values include 'comment', 'huddle', and 'crdt'". */
export const NOTIFICATION_SOURCES = ['custom', 'comment', 'huddle', 'crdt'] as const;

/**
 * Documented (https://docs.velt.dev/self-host-data/notifications): "Only notifications where
 * `notificationSource === 'custom'` are routed through the notification resolver."
 */
export const RESOLVER_NOTIFICATION_SOURCE = 'custom';
/**
 * Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/set-config): config `inbox`, `email`, `slack`, each `ALL`,
 * `MINE` or `NONE`. These are the known ones, not all: the settings config "can extend this to
 * add more channels ... eg: slack, jira, asana, linear"
 * (https://docs.velt.dev/async-collaboration/notifications/customize-behavior, setSettingsInitialConfig), each with its own values. So the node
 * offers these and sends any other non-empty channel or value as given.
 */
export const NOTIFICATION_CONFIG_CHANNELS = ['inbox', 'email', 'slack'] as const;
export const NOTIFICATION_CONFIG_VALUES = ['ALL', 'MINE', 'NONE'] as const;
/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2): order "Must be either `asc` or `desc`". */
export const SORT_ORDERS = ['asc', 'desc'] as const;

/**
 * Error `status` values on the pages: INVALID_ARGUMENT (every endpoint's failure example),
 * UNAUTHENTICATED "Invalid auth token for workspace." and NOT_FOUND "Workspace not found."
 * (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get), PERMISSION_DENIED "Invalid API key." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/notificationconfig-get,
 * https://docs.velt.dev/api-reference/rest-apis/v2/workspace/webhookconfig-get), RESOURCE_EXHAUSTED "Rate limit exceeded. Try again after 1
 * minute." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get), FAILED_PRECONDITION "Advanced webhooks are disabled ..."
 * (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-*), INTERNAL (https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2).
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
 * HTTP status per Velt error code. Documented: INTERNAL 500 (https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2
 * "returns HTTP `500`"). ASSUMED: every other status, which the pages never give (the usual
 * gRPC-to-HTTP mapping). The node does not depend on them: it reads `error.status`, and
 * retries on 429, 5xx, RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED (retryPolicy.ts).
 * ASSUMED: a 500 INTERNAL is worth retrying, unless its per-id `details` say otherwise:
 * documents/add, get, update and delete answer a missing or existing document with 500
 * INTERNAL and a per-item `code` (https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2,
 * "Retrying on the status alone will loop"), so such a 500 is not retried (RETRYABLE_PER_ID_CODE).
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
 * https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2 shows `"pageToken": "nextPageToken"` on a page and
 * says nothing about the last one.
 */
export function isLastPage(pageToken: unknown): boolean {
	return pageToken === undefined || pageToken === null || pageToken === '';
}

/**
 * ASSUMED: Get Many without "Advanced Queries" fails with a message containing "advanced
 * quer" (the hint in errors.ts keys on it). Evidence: https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2
 * only says "Prior to using this API, you must: Enable advanced queries option in the console";
 * the failure's code and text are not shown.
 */
export const ADVANCED_QUERIES_MESSAGE_FRAGMENT = 'advanced quer';

/**
 * ASSUMED: no Retry-After header; we honour one if present, capped at a minute. Evidence:
 * no page mentions Retry-After; the one documented rate-limit answer says "Rate limit exceeded.
 * Try again after 1 minute." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get), hence the cap.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * ASSUMED (the credential test, nodes/shared/credentialTest.ts): a notifications/get for an organization that
 * does not exist proves the credential when Velt answers anything but UNAUTHENTICATED,
 * PERMISSION_DENIED or a missing-credential INVALID_ARGUMENT. Evidence: the auth failures of
 * https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get and https://docs.velt.dev/api-reference/rest-apis/v2/workspace/notificationconfig-get come before any data check;
 * the pages do not say what a get for an unknown organization answers (the node accepts an
 * empty list, a NOT_FOUND and "enable advanced queries" as "credential works").
 */
/**
 * Documented (https://docs.velt.dev/api-reference/rest-apis/v2/auth/add-permissions): a
 * permission's `expiresAt` is "A Unix timestamp (in seconds)"; the generate-token page says
 * only "Unix timestamp" and its example (1640995200) is in seconds too.
 */
export const PERMISSION_EXPIRY_UNIT_MS = 1000;

/**
 * Documented (https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/delete-all-user-data-gdpr):
 * "This API may take up to 5 minutes to return a 202 response", and it answers with its result
 * at the top level (`{status, message, data: {jobId, tasksCount}, statusCode: 202}`), not in
 * `result`. So its one attempt may last this long, whatever the Timeout option says.
 */
export const USER_DATA_DELETE_TIMEOUT_MS = 5 * 60 * 1000;

/** Documented (same page): "The actual deletion of data can take upto 24 hours", the longest Wait for Completion. */
export const USER_DATA_DELETE_MAX_WAIT_S = 24 * 60 * 60;

export const CREDENTIAL_TEST_ORGANIZATION_ID = 'n8n-credential-test';
