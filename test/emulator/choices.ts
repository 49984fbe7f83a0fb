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

// ---- comments, users, user groups (issue 19) ------------------------------------------------

/** docs silent: generated annotation ids look like the example "-O0mpUziLcBwzREvZKs6" ('-' + 19 push-id characters). */
export const ANNOTATION_ID_PREFIX = '-';
export const ANNOTATION_ID_BODY_LENGTH = 19;

/** docs silent: generated comment ids are 6-digit numbers like the examples' 126535 and 778115, unique in their annotation. */
export const COMMENT_ID_RANGE = { min: 100_000, max: 999_999 } as const;

/**
 * docs silent: an Add with an annotationId that already exists in the document replaces that
 * annotation (its comments too), like notifications (ADD_WITH_EXISTING_ID_REPLACES); its
 * annotationNumber is kept.
 */
export const ADD_ANNOTATION_WITH_EXISTING_ID_REPLACES = true;

/**
 * docs silent: how annotationNumber / annotationIndex are given. annotationNumber counts the
 * document's annotations from 1; annotationIndex counts them per location from 1.
 */
export const ANNOTATION_NUMBERING_PER_DOCUMENT = true;

/**
 * docs silent: how `locationId` follows from `location`. The get example shows a number
 * (5509827173770816) next to a location object: the emulator answers a number hashed from
 * `location.id` (or from the whole object without an id). The get/update/delete `locationIds`
 * filters match `location.id` or that number written as a string.
 */
export const LOCATION_ID_IS_NUMERIC_HASH = true;

/** docs silent: the status of an annotation added without one: get's OPEN example (type default), without its svg. */
export const DEFAULT_ANNOTATION_STATUS_IS_OPEN = true;

/**
 * docs silent: `statusId` (a string) appears in get's example requests though only `statusIds`
 * is documented; the emulator reads it as `statusIds: [statusId]`.
 */
export const STATUS_ID_ALIAS = 'statusId';

/**
 * docs silent: whether updatedAfter / updatedBefore / createdAfter / createdBefore include their
 * bound. Inclusive (>=, <=): get's example 8 passes the same instant to both.
 */
export const TIME_FILTERS_ARE_INCLUSIVE = true;

/**
 * docs silent: get's next-page token. Cursor tokens of the position (lastUpdated, annotationId)
 * under `nextPageToken` (both success examples name it so); a foreign token (the examples'
 * "1720441573192") is an empty last page (FOREIGN_PAGE_TOKEN_ENDS_LIST). With
 * groupByDocumentId the page is cut from the ordered list and then grouped.
 */
export const ANNOTATIONS_NEXT_PAGE_TOKEN_KEY = 'nextPageToken';
export const GROUPED_PAGE_CUT_BEFORE_GROUPING = true;

/**
 * docs silent: with annotationIds (at most 30) get answers one page in the order of the ids,
 * `null` for an id that does not exist (documented) and nothing for one that exists but is
 * filtered out by the other filters.
 */
export const ANNOTATION_IDS_ANSWER_IN_ORDER_WITHOUT_PAGING = true;

/** docs silent: get with documentId and documentIds reads both. */
export const DOCUMENT_ID_AND_IDS_UNITE = true;

/** docs silent: agentSuggestions matches agent annotations of type suggestion whose suggestion.status is pending. */
export const AGENT_SUGGESTION_IS_PENDING_SUGGESTION = true;

/**
 * docs silent: the only `velt` agent the pages name is `spell-check`; any other velt agentId
 * gets the documented NOT_FOUND. Its display name (resolved server-side) is this.
 */
export const VELT_AGENT_NAMES: Readonly<Record<string, string>> = { 'spell-check': 'Spell Check' };
export const UNKNOWN_AGENT_MESSAGE = 'Agent not found.';

/**
 * docs silent: the format of `context.accessFields`. `key:value` for each access entry (the
 * example's "default:velt"), then `__velt_private_self:<userId>` per restricted user and
 * `organizationPrivate:<organizationId>` for organizationPrivate visibility.
 */
export const ACCESS_FIELDS_FORMAT = 'key:value';

/** docs silent: every annotation lists its creator in subscribedUsers (key: md5 of the userId, type "auto", like the example). */
export const SUBSCRIBE_CREATOR = true;

/**
 * docs contradict themselves: the Response Field Notes say comments' timestamps are ISO 8601,
 * the examples show a comment's createdAt in ms and its lastUpdated as ISO. The emulator
 * answers as the examples do.
 */
export const COMMENT_LAST_UPDATED_IS_ISO = true;

/** docs silent: a comment's `to` lists the contacts of its taggedUserContacts. */
export const COMMENT_TO_IS_TAGGED_CONTACTS = true;

/** docs silent: mentionedUserIds matches taggedUserContacts[].userId and the {{userId}} tokens of commentText/commentHtml. */
export const MENTIONS_INCLUDE_TEXT_TOKENS = true;

/** docs silent: neither commentText nor commentHtml is required (a comment may carry only attachments). */
export const COMMENT_TEXT_OPTIONAL = true;

/**
 * docs silent: verifyUserPermissions passes when each comment's `from` user is an
 * organization-level user, a user of the document, or a user of the document's folder
 * (users/add at each level). A failure: add answers PERMISSION_DENIED with the per-annotation
 * map in `details` (documented); comments/add answers PERMISSION_DENIED.
 */
export const PERMISSION_DENIED_MESSAGE = 'User does not have access to this document.';

/**
 * docs contradict themselves: update's `updatedData` is typed object[] but every example sends
 * one object. Both are accepted; an array's objects apply in order. Update with neither
 * updatedData nor updateUsers is INVALID_ARGUMENT.
 */
export const UPDATED_DATA_ARRAY_ACCEPTED = true;

/** docs silent: updateUsers replaces oldUser (by userId) in the annotation's from, assignedTo, every comment's from and taggedUserContacts. */
export const UPDATE_USERS_REPLACES_EVERYWHERE = true;

/** docs silent: the resolvedByUser an update sets next to resolvedByUserId: the organization user of that id, else {userId}. */
export const RESOLVED_BY_USER_FROM_DIRECTORY = true;

/**
 * docs silent: delete without organizationId ("will work if the document was created without
 * an organization") deletes the annotations of that documentId in every organization.
 */
export const DELETE_WITHOUT_ORGANIZATION_MATCHES_ANY = true;

/**
 * docs silent: update/delete entries for an annotationId not found: `{success: false, id,
 * message: "Annotation not found."}` (delete's example); other annotations matching the
 * filters are updated/deleted.
 */
export const MISSING_ANNOTATION_ENTRY = true;

/**
 * docs silent: what "unread" counts (count/get). An annotation is unread for a user when one of
 * its comments by someone else is newer than the user's own latest comment in it (adding a
 * comment reads the thread); store.collaboration.markAnnotationRead also reads it. `total`
 * counts the annotations the user can see (restricted ones only for their userIds).
 */
export const UNREAD_RULE = 'newer comment by someone else';

/**
 * docs silent: comments add/get/update/delete on an annotation that does not exist:
 * NOT_FOUND "Comment annotation not found.".
 */
export const ANNOTATION_NOT_FOUND_CODE: VeltErrorCode = 'NOT_FOUND';
export const ANNOTATION_NOT_FOUND_MESSAGE = 'Comment annotation not found.';

/**
 * docs contradict themselves: comments/get marks userIds required and comments/update marks
 * updatedData.from required, but their examples leave them out. Both are optional (userIds
 * then filters by author).
 */
export const COMMENTS_GET_USER_IDS_OPTIONAL = true;
export const COMMENTS_UPDATE_FROM_OPTIONAL = true;

/** docs silent: comments/update of an unknown commentId: `{success: false, id, message: "Not found"}` (delete's wording). */
export const COMMENT_UPDATE_MISSING_ENTRY = true;

/** docs silent: deleting every comment of an annotation leaves the (empty) annotation. */
export const ANNOTATION_SURVIVES_ITS_COMMENTS = true;

/** docs silent: the `id` of users and groups results: md5 hex of organization, level and id (the examples show 32 hex digits). */
export const RESULT_ID_IS_MD5 = true;

/** docs: "Either provide documentId or folderId": both together are INVALID_ARGUMENT. */
export const DOCUMENT_AND_FOLDER_EXCLUSIVE = true;

/**
 * docs silent: users/add for a document or folder the emulator has not seen registers it (with
 * or without createDocument / createFolder); a folder becomes known by its users only.
 */
export const USERS_ADD_REGISTERS_DOCUMENT = true;

/** docs silent: users/add of an existing user merges the new fields in (answer "User added."). */
export const USERS_ADD_MERGES = true;

/** docs: "initial ... automatically created using the name field": the name's first character, upper-cased. */
export const INITIAL_IS_FIRST_LETTER = true;

/** docs silent: users/delete at organization level also removes the user from every document, folder and group of it. */
export const ORGANIZATION_DELETE_REMOVES_EVERYWHERE = true;

/** docs silent: an OrganizationUserGroup needs `groupId`; `groupName` is optional. Adding an existing group renames it. */
export const GROUP_NAME_OPTIONAL = true;

/** docs silent: adding users to / deleting users from a group that does not exist: NOT_FOUND. */
export const UNKNOWN_GROUP_CODE: VeltErrorCode = 'NOT_FOUND';
export const UNKNOWN_GROUP_MESSAGE = 'Organization user group not found.';

/** docs silent: users/add to a group accepts userIds not (yet) in the organization. */
export const GROUP_ACCEPTS_UNKNOWN_USERS = true;

/**
 * docs contradict themselves: delete-users-from-group marks userIds and deleteAll both
 * required; its examples send one or the other. One of them is required; a userId not in the
 * group answers `{success: false, ..., message: "User is not in organization user group."}`.
 */
export const USER_NOT_IN_GROUP_MESSAGE = 'User is not in organization user group.';

/**
 * docs silent: which of the new gets need console "advanced queries" (their pages carry the
 * warning): commentannotations/get, count/get and comments/get; delete's agent filters
 * (documented).
 */
export const COLLABORATION_GETS_NEED_ADVANCED_QUERIES = true;

// ---- issue 27: permissions, sign-in tokens, users' data (accessHandlers.ts) ----

/**
 * docs silent: permissions/get without documentIds / folderIds lists every document and folder
 * the user was granted (the page's example answers a folder it was not asked about); with them,
 * only those. A document or folder "exists" when the store has it or someone was granted it.
 */
export const PERMISSIONS_GET_LISTS_GRANTS_WHEN_UNFILTERED = true;

/** docs silent: a grant whose expiresAt (Unix seconds) has passed is gone. */
export const EXPIRED_GRANTS_VANISH = true;

/** docs silent: removing a permission the user does not have succeeds. */
export const REMOVE_MISSING_PERMISSION_SUCCEEDS = true;

/** docs: "JWT token expires in 48 hours"; silent on signing: HS256 with the workspace's auth token. */
export const SIGN_IN_TOKEN_TTL_S = 48 * 60 * 60;

/** docs: "returned in chunks of 100 items per feature data"; silent on reactions and recordings, which the emulator has none of. */
export const USER_DATA_PAGE_SIZE = 100;

/** docs contradict themselves on the last page's nextPageToken ("will not be returned" / "null"): left out. */
export const USER_DATA_LAST_PAGE_HAS_NO_TOKEN = true;

/**
 * docs silent on a deletion job's tasks: one per (user, organization) pair (the given
 * organizationIds, else every organization the user is in; at least one per user). Each
 * status request finishes one task; the last one deletes the users' grants and membership.
 */
export const ONE_TASK_PER_STATUS_REQUEST = true;

/**
 * docs silent: a users/data/delete with the same userIds and organizationIds as an unfinished
 * job answers that job again (a retry after a lost answer starts no second job).
 */
export const PENDING_DELETE_JOB_ANSWERS_AGAIN = true;

/** docs silent: an unknown jobId answers the page's error shape (INVALID_ARGUMENT, code 500). */
export const UNKNOWN_JOB_MESSAGE = 'Job not found for the given jobId.';

/** docs silent: messages of the GDPR errors; the pages show `"code": 500` beside INVALID_ARGUMENT. */
export const GDPR_ERROR_BODY_CODE = 500;
