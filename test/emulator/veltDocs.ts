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

// ---- comments, users, user groups (issue 19) ------------------------------------------------

/**
 * The comment-annotation, comment, user and user-group endpoints, each as its page's `api:`
 * line gives it (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/add-comment-annotations
 * and its sibling pages; https://docs.velt.dev/api-reference/rest-apis/v2/users/add-users;
 * https://docs.velt.dev/api-reference/rest-apis/v2/user-groups/add-groups). Kept apart from
 * ENDPOINTS so handlers.ts's routing table stays as it is; collaborationHandlers.ts routes these.
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

export type CollaborationEndpoint =
	(typeof COLLABORATION_ENDPOINTS)[keyof typeof COLLABORATION_ENDPOINTS];

/** Success `message` of each, as the pages' success examples show it. */
export const COLLABORATION_SUCCESS_MESSAGES: Record<CollaborationEndpoint, string> = {
	[COLLABORATION_ENDPOINTS.addCommentAnnotations]: 'Comment Annotation(s) added successfully.',
	[COLLABORATION_ENDPOINTS.getCommentAnnotations]: 'Annotation(s) fetched successfully.',
	[COLLABORATION_ENDPOINTS.getCommentAnnotationsCount]: 'Comment count retrieved successfully.',
	[COLLABORATION_ENDPOINTS.updateCommentAnnotations]: 'Annotations updated successfully.',
	[COLLABORATION_ENDPOINTS.deleteCommentAnnotations]: 'Annotations deleted successfully.',
	[COLLABORATION_ENDPOINTS.addComments]: 'Comment(s) added successfully.',
	[COLLABORATION_ENDPOINTS.getComments]: 'Comments retrieved successfully.',
	[COLLABORATION_ENDPOINTS.updateComments]: 'Comment updated successfully.',
	[COLLABORATION_ENDPOINTS.deleteComments]: 'Comments(s) deleted successfully.',
	[COLLABORATION_ENDPOINTS.addUsers]: 'User(s) processed successfully.',
	[COLLABORATION_ENDPOINTS.updateUsers]: 'User(s) processed successfully.',
	[COLLABORATION_ENDPOINTS.deleteUsers]: 'User(s) deleted successfully.',
	[COLLABORATION_ENDPOINTS.addUserGroups]: 'Organization User Groups added successfully.',
	[COLLABORATION_ENDPOINTS.addUsersToGroup]: 'Added organization users to group successfully.',
	[COLLABORATION_ENDPOINTS.deleteUsersFromGroup]: 'Deleted users from group successfully.',
};

/** The grouped (groupByDocumentId) example of commentannotations/get says "Annotations fetched successfully.". */
export const GROUPED_ANNOTATIONS_MESSAGE = 'Annotations fetched successfully.';

/** Per-item `message`s of the success examples. */
export const COLLABORATION_ITEM_MESSAGES = {
	annotationAdded: 'Added Successfully',
	annotationUpdated: 'Annotations updated successfully',
	annotationDeleted: 'Deleted Successfully',
	annotationNotFound: 'Annotation not found.',
	commentUpdated: 'Updated successfully',
	commentDeleted: 'Deleted successfully',
	commentNotFound: 'Not found',
	userAdded: 'User added.',
	userUpdated: 'User updated.',
	userRemoved: 'User removed.',
	userMissing: 'User does not exist.',
	groupAdded: 'Organization user group added.',
	userAddedToGroup: 'User added to organization user group.',
	userDeletedFromGroup: 'User deleted from organization user group.',
} as const;

/** add/update-comment-annotations: Status `type` "Must be one of: default, ongoing, or terminal". */
export const ANNOTATION_STATUS_TYPES = ['default', 'ongoing', 'terminal'] as const;
/** The status a resolve sets in the update page's example 9 (type terminal). */
export const TERMINAL_STATUS_TYPE = 'terminal';
/** get-comment-annotations-v2's examples: status id OPEN (type default), count's "OPEN", "IN_PROGRESS"; update's RESOLVED (terminal). */
export const EXAMPLE_STATUS_IDS = ['OPEN', 'IN_PROGRESS', 'RESOLVED'] as const;
/** add: annotation `type` "Must be one of: comment or suggestion ... Defaults to comment". */
export const ANNOTATION_TYPES = ['comment', 'suggestion'] as const;
/** add: `commentType` "Must be one of: manual or chart. Defaults to manual"; legacy "suggestion" still accepted. */
export const COMMENT_TYPES = ['manual', 'chart'] as const;
export const LEGACY_COMMENT_TYPES = ['suggestion'] as const;
/** add: `visibility.type` "Must be one of: public, organizationPrivate, or restricted"; omitted = public. */
export const VISIBILITY_TYPES = ['public', 'organizationPrivate', 'restricted'] as const;
/** get (Response Field Notes) and update: suggestion.status values; add stamps `pending`. */
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
/** add / comments add: `agent.agentSource` "Must be one of: velt or external". */
export const AGENT_SOURCES = ['velt', 'external'] as const;
/** get: `agentType` "Must be one of: built-in, custom, or external". */
export const AGENT_TYPES = ['built-in', 'custom', 'external'] as const;
/** add: `agent.reason.severity` "Must be one of: critical, high, medium, low, or info". */
export const AGENT_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
/** add: `agent.reason.findingType` "Must be one of: text, pin, or page". */
export const AGENT_FINDING_TYPES = ['text', 'pin', 'page'] as const;
/** add: `agent.reason.source` "Must be one of: instructions or knowledge". */
export const AGENT_REASON_SOURCES = ['instructions', 'knowledge'] as const;
/** add: `agent.reason.confidence` "Integer between 0 and 100". */
export const AGENT_CONFIDENCE_RANGE = { min: 0, max: 100 } as const;
/** add: "a built-in agent like `spell-check`" (the only built-in agent the pages name). */
export const BUILT_IN_VELT_AGENTS = ['spell-check'] as const;
/** get: "Only one agent filter (...) may be supplied per request." */
export const GET_AGENT_FILTERS = [
	'agentId',
	'executionId',
	'agentType',
	'agentSource',
	'agentSuggestions',
	'agentComments',
] as const;
/** get (Response Field Notes): `sourceType` is `rest-api` for REST-created annotations, `agent` for agent ones. */
export const SOURCE_TYPES = { restApi: 'rest-api', agent: 'agent' } as const;
/** add: "annotation IDs cannot contain a colon"; denied entries without an id are keyed `__velt_denied:<index>`. */
export const DENIED_ANNOTATION_KEY_PREFIX = '__velt_denied:';
/** get (Response Field Notes): prefixes of `context.accessFields` reserved for visibility. */
export const PRIVATE_SELF_ACCESS_PREFIX = '__velt_private_self:';
export const ORGANIZATION_PRIVATE_ACCESS_PREFIX = 'organizationPrivate:';
/** get's example: an annotation without an access context has `access: {default: "velt"}`, `accessFields: ["default:velt"]`. */
export const DEFAULT_ANNOTATION_ACCESS = { default: 'velt' } as const;
/**
 * get's example status object for OPEN (type default), without its long svg. Velt's own
 * default status; the emulator gives it to annotations added without a status.
 */
export const OPEN_STATUS = {
	id: 'OPEN',
	name: 'Open',
	color: 'var(--velt-accent, #625DF5)',
	lightColor: 'var(--velt-accent-light, #E7E8FA)',
	type: 'default',
} as const;
/** https://docs.velt.dev/api-reference/sdk/models/data-models (CommentStatus): lifecycle values a comment's `status` takes. */
export const COMMENT_STATUS_ADDED = 'added';
export const COMMENT_STATUS_UPDATED = 'updated';
/**
 * add: commentText / commentHtml "To tag users, wrap their userId in double curly braces like
 * {{userId}}", with a matching `taggedUserContacts` entry `{userId, contact: {userId, name?, email?}}`
 * (comments add/update also list `text`, the display text such as "@Username").
 */
export const MENTION_PATTERN = /\{\{([^{}]+)\}\}/g;
/** users add/update: User `accessRole` "viewer" | "editor" (data-models: Default "editor"). */
export const ACCESS_ROLES = ['viewer', 'editor'] as const;
/** users add: "If User's initial is not provided ... it will be automatically created using the name field." */
export const INITIAL_FROM_NAME = true;
/** delete-comment-annotations: `agentUrls` "Non-empty array of page URLs". */
export const AGENT_URLS_NON_EMPTY = true;

// ---- activity logs, recordings, live state (issue 28) --------------------------------------

/**
 * Each path as its page's `api:` line gives it:
 * https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities (get-, update-,
 * delete-activities alike), https://docs.velt.dev/api-reference/rest-apis/v2/recordings/get-recordings,
 * https://docs.velt.dev/api-reference/rest-apis/v2/livestate/broadcast-event. activityHandlers.ts routes these.
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

/** Success `message` of each, as the pages' success examples show it. */
export const ACTIVITY_SUCCESS_MESSAGES: Record<ActivityEndpoint, string> = {
	[ACTIVITY_ENDPOINTS.addActivities]: 'Activity(s) added successfully.',
	[ACTIVITY_ENDPOINTS.getActivities]: 'Activity(s) retrieved successfully.',
	[ACTIVITY_ENDPOINTS.updateActivities]: 'Activity(s) updated successfully.',
	[ACTIVITY_ENDPOINTS.deleteActivities]: 'Activity(s) deleted successfully.',
	[ACTIVITY_ENDPOINTS.getRecordings]: 'Recorder annotations retrieved successfully.',
	[ACTIVITY_ENDPOINTS.broadcastLiveState]: 'Event broadcasted successfully.',
};

/** Per-id `message`s of the update and delete examples (found, and "When some activities are not found"). */
export const ACTIVITY_ITEM_MESSAGES = {
	updated: 'Activity updated.',
	notUpdated: 'Failed to update activity.',
	deleted: 'Activity deleted.',
	notDeleted: 'Failed to delete activity.',
} as const;

/** add / get: featureType(s) "Must be one of: comment, reaction, recorder, crdt, custom". */
export const ACTIVITY_FEATURE_TYPES = [
	'comment',
	'reaction',
	'recorder',
	'crdt',
	'custom',
] as const;
/** get: order "Must be `asc` or `desc`. Default: `desc`." */
export const ACTIVITY_DEFAULT_ORDER = 'desc';
