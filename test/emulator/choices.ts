/**
 * THE EMULATOR'S OWN CHOICES — every place where Velt's docs pages are silent and the
 * emulator had to decide. Nothing else in test/emulator may invent API behaviour: it either
 * follows veltDocs.ts or reads a constant from here. Each entry says what the pages leave
 * open ("docs silent: ..."). A `true` flag that no code branches on records behaviour the
 * emulator has without a switch (e.g. LAST_PAGE_HAS_NO_TOKEN); the tests pin each one down.
 */
import type { VeltErrorCode } from './veltDocs';

/**
 * docs silent: the HTTP status of each error code (only INTERNAL = 500 is documented).
 * Usual gRPC-to-HTTP mapping.
 */
export const HTTP_STATUS_BY_ERROR_CODE: Record<VeltErrorCode, number> = {
	INVALID_ARGUMENT: 400,
	UNAUTHENTICATED: 401,
	PERMISSION_DENIED: 403,
	NOT_FOUND: 404,
	ALREADY_EXISTS: 409,
	FAILED_PRECONDITION: 400,
	ABORTED: 409,
	RESOURCE_EXHAUSTED: 429,
	DEADLINE_EXCEEDED: 504,
	INTERNAL: 500,
};

/**
 * docs silent: which error a wrong x-velt-auth-token gets on the API-key endpoints. The pages
 * document UNAUTHENTICATED "Invalid auth token for workspace." only for workspace-level auth
 * (workspace/get) and PERMISSION_DENIED "Invalid API key." for a bad key; a wrong auth token
 * next to a valid key gets PERMISSION_DENIED here.
 */
export const WRONG_AUTH_TOKEN_CODE: VeltErrorCode = 'PERMISSION_DENIED';
export const WRONG_AUTH_TOKEN_MESSAGE = 'Invalid auth token.';
/** docs silent: message for a missing x-velt-api-key (workspace/get documents the token one). */
export const API_KEY_MISSING_MESSAGE = 'API key not found in headers.';

/** docs silent: the last page carries no token at all (key absent), not null or "". */
export const LAST_PAGE_HAS_NO_TOKEN = true;

/**
 * docs silent: users/get and organizations/get name the next-page token `nextPageToken` in
 * their success examples (the users ResponseExample says `pageToken`); notifications/get and
 * documents/get say `pageToken`. The emulator answers with these keys.
 */
export const NEXT_PAGE_TOKEN_KEY = {
	notifications: 'pageToken',
	documents: 'pageToken',
	organizations: 'nextPageToken',
	users: 'nextPageToken',
} as const;

/**
 * docs silent: what a page token is. The emulator issues opaque base64url cursors; any other
 * string (like the docs' example "8740648311207869") is accepted and answers an empty last
 * page, so every documented request is accepted.
 */
export const FOREIGN_PAGE_TOKEN_ENDS_LIST = true;

/**
 * docs silent: adding with a notificationId that already exists replaces that notification
 * (new timestamp, unread); the store counts it as a duplicate add.
 */
export const ADD_WITH_EXISTING_ID_REPLACES = true;

/** docs silent: whether `notifyUsers: []` is accepted. Accepted (with or without notifyAll). */
export const EMPTY_NOTIFY_USERS_ACCEPTED = true;

/** docs silent: notificationSource values beyond the listed ones ("Other values include ...") are accepted. */
export const UNKNOWN_NOTIFICATION_SOURCE_ACCEPTED = true;

/**
 * docs silent: what Get shows as notificationSource when the Add sent none. Nothing (the
 * field is left out). Evidence both ways: the Get page's example answer shows "custom" for a
 * notification that looks like the Add page's first example (which sends no source); the
 * resolver page says notifications "without this field" are not routed to the resolver. The
 * emulator follows the resolver page, so an Add without a source is visibly not custom.
 */
export const DEFAULT_NOTIFICATION_SOURCE: string | undefined = undefined;

/** docs silent: config/get for a user who never set anything. */
export const DEFAULT_NOTIFICATION_CONFIG: Readonly<Record<string, string>> = {
	inbox: 'ALL',
	email: 'ALL',
};

/** docs silent: document-level settings override the organization-level default, channel by channel. */
export const DOCUMENT_CONFIG_OVERRIDES_ORGANIZATION = true;

/**
 * docs silent: set-config with several documentIds answers one entry per user, with
 * `documentIds` (array) instead of the example's single `documentId`.
 */
export const SET_CONFIG_MULTI_DOCUMENT_KEY = 'documentIds';

/** docs silent: config/get with getOrganizationConfig and documentIds returns the org entry first, then one per document. */
export const ORGANIZATION_CONFIG_ENTRY_FIRST = true;

/**
 * docs silent: an Add for an organization or document the emulator has not seen registers it
 * (with or without createOrganization / createDocument); nothing is refused for it.
 */
export const ADD_REGISTERS_UNKNOWN_ORGANIZATION_AND_DOCUMENT = true;

/** docs silent: users of an organization can see every document of it (users/get by documentId). */
export const ORGANIZATION_USERS_SEE_ALL_DOCUMENTS = true;

/**
 * docs silent: notifications/get for a user adds `isUnread` and `forYou` (the user was named
 * in notifyUsers and has not read it, unless reads persist for "For You").
 */
export const GET_BY_USER_ADDS_READ_STATE = true;

/** docs silent: delete without notificationIds deletes every notification matching the other filters. */
export const DELETE_WITHOUT_IDS_DELETES_MATCHING = true;

/** docs silent: advanced webhooks start enabled (isEnabled: true) unless the emulator is told otherwise. */
export const ADVANCED_WEBHOOKS_ENABLED_AT_START = true;

/** docs silent: endpoint ids are `ep_` + 27 base62 chars (like the example), secrets `whsec_` + base64 of 24 bytes. */
export const ENDPOINT_ID_LENGTH = 27;
export const WEBHOOK_SECRET_BYTES = 24;

/** docs silent: endpoints/get without `limit` returns up to 50 endpoints. */
export const DEFAULT_WEBHOOK_ENDPOINTS_LIMIT = 50;

/**
 * docs silent: the encoded payload's shape ("WebhookV2PayloadEncoded" / "WebhookV1PayloadEncoded"
 * are linked but not shown): `{"encodedPayload": "<base64 of the JSON payload>"}`.
 */
export const ENCODED_PAYLOAD_FIELD = 'encodedPayload';

/**
 * docs silent: the public key's DER type ("base64-encoded key string, without PEM headers").
 * SPKI ("BEGIN PUBLIC KEY") is tried first, then PKCS#1 ("BEGIN RSA PUBLIC KEY").
 */
export const PUBLIC_KEY_DER_TYPES = ['spki', 'pkcs1'] as const;

/** docs silent: when both encryptData and encodeData are on, encryption wins (the payload is encrypted, not encoded). */
export const ENCRYPTION_WINS_OVER_ENCODING = true;

/** docs silent: basic (v1) webhooks go to rawNotificationUrl; processedNotificationUrl is not emulated. */
export const BASIC_WEBHOOK_TARGET = 'rawNotificationUrl';

/** docs silent: the emulator's workspace for workspace/get. */
export const WORKSPACE_ID = 'workspace_emulator';
export const WORKSPACE_NAME = 'Velt Emulator Workspace';

/**
 * docs silent: Retry-After. A 429 from the emulator's in-flight or per-second limit carries
 * `Retry-After` in whole seconds (default 1; per-second: the seconds until the window ends).
 */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
export const RATE_LIMIT_MESSAGE_IN_FLIGHT =
	'Too many concurrent requests. Retry after the Retry-After delay.';
export const RATE_LIMIT_MESSAGE_PER_SECOND =
	'Rate limit exceeded. Retry after the Retry-After delay.';
/** docs silent: requests refused by a limit are answered at once (no latency), and count in requestsByEndpoint. */
export const LIMITED_REQUESTS_SKIP_LATENCY = true;

/** docs silent: the method for non-POST calls: 405 INVALID_ARGUMENT with Allow: POST. */
export const NON_POST_STATUS = 405;

/** docs silent: an unknown /v2 path: 404 NOT_FOUND. */
export const UNKNOWN_PATH_CODE: VeltErrorCode = 'NOT_FOUND';

/**
 * docs silent: disabled console features. "Advanced queries" off → NOT_FOUND on the v2 get
 * endpoints; notification settings off → FAILED_PRECONDITION.
 */
export const ADVANCED_QUERIES_OFF_CODE: VeltErrorCode = 'NOT_FOUND';
export const NOTIFICATION_SETTINGS_OFF_CODE: VeltErrorCode = 'FAILED_PRECONDITION';

/**
 * docs silent: how a generated advanced payload's `actionType` and `source` follow from its
 * event (the samples pair comment.add with actionType "add", source "comment", and
 * crdt.update_data with "updateData", "crdt"). actionType = the part after the dot in
 * camelCase; source = the part before it, with comment_annotation and comment both "comment".
 */
export function webhookActionTypeOf(event: string): string {
	const action = event.includes('.') ? event.slice(event.indexOf('.') + 1) : event;
	return action.replace(/[_-]([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

export function webhookSourceOf(event: string): string {
	const prefix = event.includes('.') ? event.slice(0, event.indexOf('.')) : event;
	return prefix === 'comment_annotation' ? 'comment' : prefix;
}

/** docs silent: endpoints/get iterators are opaque offsets; prevIterator points one page back (null on the first page). */
export const WEBHOOK_ENDPOINT_ITERATOR_IS_OFFSET = true;

/** docs silent: defaults shown for documents and organizations stored without them. */
export const DEFAULT_DOCUMENT_ACCESS_TYPE = 'public';
export const DEFAULT_DISABLED = false;

/**
 * docs silent: how the per-second limit counts. Fixed one-second windows starting at the
 * first request after the previous window ended; Retry-After = seconds left in the window (≥ 1).
 */
export const PER_SECOND_LIMIT_USES_FIXED_WINDOWS = true;

/**
 * docs silent: workspace/notificationconfig/get for a workspace that never set it. The get
 * page's example values (service off, empty trigger groups, delay and batching off).
 */
export const NOTIFICATION_SERVICE_CONFIG_AT_START = {
	useNotificationService: false,
	notificationServiceConfig: {
		triggers: { comment: {}, huddle: {} },
		delayConfig: { isEnabled: false, delaySeconds: 10 },
		batchConfig: {
			document: { isEnabled: false, batchWindowSeconds: 10, maxActivities: 2 },
			user: { isEnabled: false, batchWindowSeconds: 10, maxActivities: 2 },
		},
	},
};
