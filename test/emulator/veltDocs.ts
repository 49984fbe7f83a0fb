/**
 * What Velt's current docs pages say (https://docs.velt.dev), written down for the
 * emulator on its own: paths, headers, limits, codes, event lists. Nothing here comes from
 * the node. Where the pages are silent the emulator decides in choices.ts instead.
 */

/** Every endpoint the emulator serves; all are `POST` with a `{"data": {...}}` body. */
export const ENDPOINTS = {
	addNotification: '/v2/notifications/add',
	getNotifications: '/v2/notifications/get',
	updateNotifications: '/v2/notifications/update',
	deleteNotifications: '/v2/notifications/delete',
	getNotificationConfig: '/v2/notifications/config/get',
	setNotificationConfig: '/v2/notifications/config/set',
	getOrganizations: '/v2/organizations/get',
	getDocuments: '/v2/organizations/documents/get',
	getUsers: '/v2/users/get',
	createWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/create',
	getWebhookEndpoints: '/v2/workspace/advancedwebhook/endpoints/get',
	updateWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/update',
	deleteWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/delete',
	getWebhookEndpointSigning: '/v2/workspace/advancedwebhook/endpoints/secret/get',
	getAdvancedWebhookConfig: '/v2/workspace/advancedwebhookconfig/get',
	updateAdvancedWebhookConfig: '/v2/workspace/advancedwebhookconfig/update',
	getWebhookConfig: '/v2/workspace/webhookconfig/get',
	updateWebhookConfig: '/v2/workspace/webhookconfig/update',
	getNotificationServiceConfig: '/v2/workspace/notificationconfig/get',
	updateNotificationServiceConfig: '/v2/workspace/notificationconfig/update',
	getWorkspace: '/v2/workspace/get',
} as const;

export type VeltEndpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

/** Header auth of every page except workspace/get. */
export const API_KEY_HEADER = 'x-velt-api-key';
export const AUTH_TOKEN_HEADER = 'x-velt-auth-token';
/** https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get: "workspace-level auth". */
export const WORKSPACE_ID_HEADER = 'x-velt-workspace-id';
export const WORKSPACE_AUTH_TOKEN_HEADER = 'x-velt-workspace-auth-token';

/** Error `status` values that appear on the pages. */
export const ERROR_CODES = [
	'INVALID_ARGUMENT',
	'UNAUTHENTICATED',
	'PERMISSION_DENIED',
	'NOT_FOUND',
	'ALREADY_EXISTS',
	'FAILED_PRECONDITION',
	'ABORTED',
	'RESOURCE_EXHAUSTED',
	'DEADLINE_EXCEEDED',
	'INTERNAL',
] as const;
export type VeltErrorCode = (typeof ERROR_CODES)[number];

/** https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2: "returns HTTP `500`" with status INTERNAL. Only documented status. */
export const DOCUMENTED_HTTP_STATUS: Partial<Record<VeltErrorCode, number>> = { INTERNAL: 500 };

/** Documented error messages (quoted from the pages). */
export const DOCUMENTED_MESSAGES = {
	invalidApiKey: 'Invalid API key.',
	workspaceIdMissing: 'Workspace ID not found in headers.',
	authTokenMissing: 'Auth Token not found in headers.',
	invalidWorkspaceToken: 'Invalid auth token for workspace.',
	workspaceNotFound: 'Workspace not found.',
	rateLimited: 'Rate limit exceeded. Try again after 1 minute.',
	advancedWebhooksDisabled:
		'Advanced webhooks are disabled for this workspace. Enable them via POST /v2/workspace/advancedwebhookconfig/update with { "isEnabled": true }.',
	advancedWebhooksNotConfigured:
		'Advanced webhooks are not configured for this workspace. Enable them first via POST /v2/workspace/advancedwebhookconfig/update with { "isEnabled": true }.',
	advancedWebhooksNotAvailable: 'Advanced webhooks are not available for this workspace.',
	webhookProviderFailed: 'Advanced webhook provider request failed.',
	invalidUrl: 'url must be a valid http(s) URL.',
	advancedConfigNothingToUpdate:
		'At least one of isEnabled, encryptData, encodeData, publicKey or enableDataProtection must be provided.',
	documentsRetrieveError: 'Error retrieving document(s).',
	documentMissing: 'Document does not exist',
	usersRetrieveError: 'Error retrieving user(s).',
	invalidWebhookServiceConfig: 'Invalid webhook service configuration.',
} as const;

/** Success `message` of each endpoint, as the pages show it. */
export const SUCCESS_MESSAGES: Record<VeltEndpoint, string> = {
	[ENDPOINTS.addNotification]: 'Notification added successfully.',
	[ENDPOINTS.getNotifications]: 'Notification(s) retrieved successfully.',
	[ENDPOINTS.updateNotifications]: 'Notification(s) updated successfully.',
	[ENDPOINTS.deleteNotifications]: 'Notification(s) deleted successfully.',
	[ENDPOINTS.getNotificationConfig]: 'User config fetched successfully.',
	[ENDPOINTS.setNotificationConfig]: 'User config set successfully.',
	[ENDPOINTS.getOrganizations]: 'Organization(s) retrieved successfully.',
	[ENDPOINTS.getDocuments]: 'Document(s) retrieved successfully.',
	[ENDPOINTS.getUsers]: 'User(s) retrieved successfully.',
	[ENDPOINTS.createWebhookEndpoint]: 'Advanced webhook endpoint created successfully.',
	[ENDPOINTS.getWebhookEndpoints]: 'Advanced webhook endpoints retrieved successfully.',
	[ENDPOINTS.updateWebhookEndpoint]: 'Advanced webhook endpoint updated successfully.',
	[ENDPOINTS.deleteWebhookEndpoint]: 'Advanced webhook endpoint deleted successfully.',
	[ENDPOINTS.getWebhookEndpointSigning]: 'Advanced webhook endpoint secret retrieved successfully.',
	[ENDPOINTS.getAdvancedWebhookConfig]: 'Advanced webhook configuration retrieved successfully.',
	[ENDPOINTS.updateAdvancedWebhookConfig]: 'Advanced webhook configuration updated successfully.',
	[ENDPOINTS.getWebhookConfig]: 'Webhook configuration retrieved successfully.',
	[ENDPOINTS.updateWebhookConfig]: 'Webhook configuration updated successfully.',
	[ENDPOINTS.getNotificationServiceConfig]: 'Notification configuration retrieved successfully.',
	[ENDPOINTS.updateNotificationServiceConfig]: 'Notification configuration updated successfully.',
	[ENDPOINTS.getWorkspace]: 'Workspace retrieved successfully',
};

/** "Default: 1000." on every paginated v2 get page. */
export const DEFAULT_PAGE_SIZE = 1000;
/** "Limit: Only 30 ... can be passed at a time." (notificationIds, documentIds, userIds, organizationIds, group ids). */
export const MAX_IDS_PER_CALL = 30;
/** endpoints/get: "limit ... Integer between 1 and 250". */
export const WEBHOOK_ENDPOINTS_LIMIT_RANGE = { min: 1, max: 250 } as const;
/** notifications get: "Must be either asc or desc. Default: desc". */
export const SORT_ORDERS = ['asc', 'desc'] as const;
/** add: "notifyAll ... Default is true." */
export const NOTIFY_ALL_DEFAULT = true;
/** add: "Only the special characters _, - are allowed." */
export const NOTIFICATION_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
/** add: "Set to 'custom' ... Other values include 'comment', 'huddle', and 'crdt'." ("include": not closed). */
export const KNOWN_NOTIFICATION_SOURCES = ['custom', 'comment', 'huddle', 'crdt'] as const;
/** https://docs.velt.dev/self-host-data/notifications: only this source is routed through the resolver. */
export const RESOLVER_SOURCE = 'custom';
/** customize-behavior: inbox and email by default, extensible to slack, jira, asana, linear, ... */
export const KNOWN_NOTIFICATION_CHANNELS = ['inbox', 'email', 'slack'] as const;
/** set-config / customize-behavior: the documented values (Velt's own types allow any string id). */
export const KNOWN_NOTIFICATION_CONFIG_VALUES = ['ALL', 'MINE', 'NONE'] as const;

/** https://docs.velt.dev/webhooks/advanced: event types, grouped as the page groups them. */
export const ADVANCED_WEBHOOK_EVENT_GROUPS = {
	commentAnnotations: [
		'comment_annotation.add',
		'comment_annotation.assign',
		'comment_annotation.status_change',
		'comment_annotation.priority_change',
		'comment_annotation.custom_list_change',
		'comment_annotation.subscribe',
		'comment_annotation.unsubscribe',
		'comment_annotation.accept',
		'comment_annotation.reject',
		'comment_annotation.approve',
		'comment_annotation.suggestion_accept',
		'comment_annotation.suggestion_reject',
	],
	comments: [
		'comment.add',
		'comment.update',
		'comment.delete',
		'comment.reaction_add',
		'comment.reaction_delete',
	],
	huddle: ['huddle.create', 'huddle.join'],
	crdt: ['crdt.update_data'],
	recorder: ['recorder.done'],
	reviewWorkflow: [
		'execution.dispatched',
		'execution.completed',
		'execution.failed',
		'execution.cancelled',
		'step.awaiting-approval',
		'step.completed',
		'step.failed',
		'step.breached',
		'step.cancelled',
		'group.quorum-met',
		'loop.iteration-started',
		'loop.exhausted',
	],
	/** "you will get a webhook of type message.attempt.exhausted" after the retries. */
	delivery: ['message.attempt.exhausted'],
} as const;

export const ADVANCED_WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(
	ADVANCED_WEBHOOK_EVENT_GROUPS,
).flat();

/** https://docs.velt.dev/webhooks/basic: `actionType` values per `notificationSource`. */
export const BASIC_WEBHOOK_ACTION_TYPES = {
	comment: [
		'newlyAdded',
		'added',
		'updated',
		'deleted',
		'approved',
		'assigned',
		'statusChanged',
		'priorityChanged',
		'accessModeChanged',
		'accepted',
		'rejected',
		'reactionAdded',
		'reactionDeleted',
		'subscribed',
		'unsubscribed',
		'suggestionAccepted',
		'suggestionRejected',
	],
	/** The table says `join`; the sample payload says `joined`: both are listed. */
	huddle: ['created', 'join', 'joined'],
	crdt: ['updateData'],
} as const;

/** Standard Webhooks headers (https://docs.velt.dev/webhooks/advanced, "Verifying webhook signatures"). */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** "returning a 2xx ... within a reasonable time-frame (15s)". */
export const WEBHOOK_DELIVERY_TIMEOUT_MS = 15_000;
/** Payload encryption: AES-256-CBC data, RSA OAEP SHA-256 key. */
export const WEBHOOK_PAYLOAD_CIPHER = 'aes-256-cbc';
export const WEBHOOK_KEY_OAEP_HASH = 'sha256';

/** advancedwebhookconfig-get: the values of a never-configured workspace. */
export const ADVANCED_WEBHOOK_CONFIG_DEFAULTS = {
	isEnabled: false,
	encryptData: false,
	encodeData: false,
	publicKey: '',
	enableDataProtection: false,
} as const;

/** webhookconfig-get example: a workspace without the basic webhook service. */
export const WEBHOOK_CONFIG_DEFAULTS = {
	useWebhookService: false,
	webhookServiceConfig: { authToken: '', rawNotificationUrl: '', processedNotificationUrl: '' },
} as const;

/** https://docs.velt.dev/api-reference/rest-apis/v2/workspace/notificationconfig-update: integer ranges of the delay/batching fields. */
export const NOTIFICATION_SERVICE_RANGES = {
	delaySeconds: { min: 10, max: 15_552_000 },
	batchWindowSeconds: { min: 10, max: 604_800 },
	maxActivities: { min: 2, max: 50 },
} as const;

/** https://docs.velt.dev/api-reference/rest-apis/v2/workspace/notificationconfig-update failure example. */
export const NOTIFICATION_SERVICE_NOTHING_TO_UPDATE =
	'At least one of useNotificationService or notificationServiceConfig must be provided';

/** The standard comment triggers (webhookconfig-update lists them; the suggestion ones are opt-in) and the huddle ones. */
export const STANDARD_COMMENT_TRIGGERS = [
	'comment_annotation.add',
	'comment.add',
	'comment.update',
	'comment.delete',
	'comment_annotation.status_change',
	'comment_annotation.assign',
	'comment_annotation.priority_change',
	'comment.reaction_add',
	'comment.reaction_delete',
] as const;
export const HUDDLE_TRIGGERS = ['huddle.create', 'huddle.join'] as const;
