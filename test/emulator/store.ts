/**
 * In-memory state of the emulated Velt workspace: notifications (per organization, kept
 * sorted for cheap paging), users, documents, notification settings and webhook endpoints.
 *
 * The store does no request validation; the endpoint handlers (handlers.ts) do that and
 * then call these methods. Tests may call them directly to arrange or inspect state.
 */
import { createHash, randomBytes, randomInt as cryptoRandomInt } from 'crypto';

import {
	ADD_WITH_EXISTING_ID_REPLACES,
	ADVANCED_WEBHOOKS_ENABLED_AT_START,
	DEFAULT_NOTIFICATION_CONFIG as CHOSEN_DEFAULT_CONFIG,
	DEFAULT_NOTIFICATION_SOURCE as CHOSEN_DEFAULT_SOURCE,
	ENDPOINT_ID_LENGTH,
	NOTIFICATION_SERVICE_CONFIG_AT_START,
	WEBHOOK_SECRET_BYTES,
} from './choices';
import { ActivityStore } from './activityHandlers';
import { CollaborationStore } from './collaborationStore';
import { AccessStore } from './accessHandlers';
import { WorkspaceStore } from './workspaceStore';
import {
	ADVANCED_WEBHOOK_CONFIG_DEFAULTS,
	NOTIFY_ALL_DEFAULT,
	RESOLVER_SOURCE,
	WEBHOOK_CONFIG_DEFAULTS,
	type KNOWN_NOTIFICATION_CHANNELS,
	type KNOWN_NOTIFICATION_CONFIG_VALUES,
	type KNOWN_NOTIFICATION_SOURCES,
} from './veltDocs';

export type JsonObject = { [key: string]: unknown };

export interface VeltUser {
	userId: string;
	name?: string;
	email?: string;
	[key: string]: unknown;
}

/** The documented sources; any other string is accepted too (see choices.ts). */
export type NotificationSource = (typeof KNOWN_NOTIFICATION_SOURCES)[number] | (string & {});
/** Channels are extensible (customize-behavior page): inbox, email, slack, jira, ... */
export type NotificationChannel = (typeof KNOWN_NOTIFICATION_CHANNELS)[number] | (string & {});
/** ALL | MINE | NONE are documented; custom setting ids are strings too. */
export type NotificationConfigValue =
	| (typeof KNOWN_NOTIFICATION_CONFIG_VALUES)[number]
	| (string & {});
export type NotificationConfig = Partial<Record<NotificationChannel, NotificationConfigValue>>;
export type SortOrder = 'asc' | 'desc';

/** From choices.ts: what config/get reports for a user who never set anything. */
export const DEFAULT_NOTIFICATION_CONFIG: Readonly<NotificationConfig> = CHOSEN_DEFAULT_CONFIG;

/**
 * Whether Velt's resolver will ever fill this notification in: only `notificationSource:
 * "custom"` is routed to it (https://docs.velt.dev/self-host-data/notifications). `never` = resolver mode was
 * asked for without that source, so the notification stays empty for good.
 */
export type ResolverState = 'notUsed' | 'pending' | 'never';

/** The `data` of an add request (also what tests and generators hand to insertNotification). */
export interface NotificationInput {
	organizationId: string;
	documentId?: string;
	notificationId?: string;
	notifyAll?: boolean;
	notifyUsers?: VeltUser[];
	notificationSource?: string;
	isNotificationResolverUsed?: boolean;
	location?: JsonObject;
	metadata?: JsonObject;
	[key: string]: unknown;
}

export interface StoredNotification {
	readonly id: string;
	readonly organizationId: string;
	documentId: string | undefined;
	locationId: string | undefined;
	timestamp: number;
	/** What was effectively applied: true when the request left notifyAll out. */
	notifyAll: boolean;
	notificationSource: string | undefined;
	isNotificationResolverUsed: boolean;
	resolverState: ResolverState;
	/** Map keyed by a hash of each notified user's email (or userId when no email). */
	notifyUsers: Record<string, true>;
	notifyUsersByUserId: Record<string, true>;
	readByUserIds: Set<string>;
	persistReadForUsers: boolean;
	metadata: JsonObject;
	/** The add request's data as received, with later updates merged in. */
	data: NotificationInput;
	updatedAt: number | undefined;
}

export interface InsertNotificationOptions {
	/** Explicit timestamp (ms); the store clock otherwise. */
	timestamp?: number;
	readByUserIds?: readonly string[];
}

/** Shape produced by generators (sampleData.ts) for bulk insertion. */
export interface NotificationSeed {
	data: NotificationInput;
	timestamp: number;
	readByUserIds?: string[];
}

export interface NotificationFilter {
	organizationId?: string;
	documentId?: string;
	locationId?: string;
	/** Notifications that target this user (listed in notifyUsersByUserId, or notifyAll). */
	userId?: string;
}

export interface PageCursor {
	timestamp: number;
	id: string;
}

export interface NotificationQuery extends NotificationFilter {
	organizationId: string;
	notificationIds?: readonly string[];
	order: SortOrder;
	limit: number;
	/** Resume strictly after this position (in the query's order). */
	after?: PageCursor;
}

export interface NotificationPage {
	items: StoredNotification[];
	/** Set only when at least one more matching notification follows. */
	next?: PageCursor;
}

/** Fields an update entry may change besides the read state (from Velt's update docs). */
export const UPDATABLE_NOTIFICATION_FIELDS = [
	'actionUser',
	'displayHeadlineMessageTemplate',
	'displayHeadlineMessageTemplateData',
	'displayBodyMessage',
	'displayBodyMessageTemplate',
	'displayBodyMessageTemplateData',
	'notificationSourceData',
	'notifyUsers',
	'location',
	'metadata',
	'context',
] as const;

export interface NotificationPatch {
	readByUserIds?: readonly string[];
	persistReadForUsers?: boolean;
	actionUser?: unknown;
	displayHeadlineMessageTemplate?: unknown;
	displayHeadlineMessageTemplateData?: unknown;
	displayBodyMessage?: unknown;
	displayBodyMessageTemplate?: unknown;
	displayBodyMessageTemplateData?: unknown;
	notificationSourceData?: unknown;
	notifyUsers?: VeltUser[];
	location?: JsonObject;
	metadata?: JsonObject;
	context?: unknown;
}

/** Content fields copied from the stored data into Get responses, in a stable order. */
const VIEW_CONTENT_FIELDS = [
	'notificationSourceData',
	'actionType',
	'actionUser',
	'displayHeadlineMessageTemplate',
	'displayHeadlineMessageTemplateData',
	'displayBodyMessage',
	'displayBodyMessageTemplate',
	'displayBodyMessageTemplateData',
	'targetAnnotationId',
	'location',
	'context',
] as const;

export interface DocumentRecord {
	documentId: string;
	documentName?: string;
	folderId?: string;
	accessType?: string;
	disabled?: boolean;
	/** Further fields documents/add or update sent, listed with the document. */
	metadata?: JsonObject;
}

export interface OrganizationRecord {
	organizationId: string;
	organizationName?: string;
	disabled?: boolean;
	/** Further fields organizations/add or update sent ("other metadata fields may be included"). */
	metadata?: JsonObject;
}

export interface WebhookEndpoint {
	id: string;
	url: string;
	/** Empty = all event types (the API shows null then). */
	filterTypes: string[];
	description?: string;
	channels?: string[];
	disabled?: boolean;
	rateLimit?: number;
	uid?: string;
	metadata?: Record<string, string>;
	/** `whsec_` + base64 of random bytes (Standard Webhooks secret format). */
	secret: string;
	createdAt: number;
	updatedAt: number;
}

export type WebhookEndpointInput = Partial<
	Pick<
		WebhookEndpoint,
		'filterTypes' | 'description' | 'channels' | 'disabled' | 'rateLimit' | 'uid' | 'metadata'
	>
> & {
	url: string;
	/** Tests only: a fixed id (e.g. the docs' ep_2vK9mPzGqLxYwBnRtCdHsJfAeUo) instead of a generated one. */
	id?: string;
};

export interface AdvancedWebhookConfig {
	isEnabled: boolean;
	encryptData: boolean;
	encodeData: boolean;
	publicKey: string;
	enableDataProtection: boolean;
	/** False until the first update (the docs' "never configured" state). */
	configured: boolean;
}

export interface WebhookServiceConfig {
	useWebhookService: boolean;
	webhookServiceConfig: JsonObject;
}

/** Adds received over the API; duplicates are Adds whose notificationId already existed. */
export interface AddCounters {
	addsReceived: number;
	duplicateAdds: number;
}

interface OrganizationBucket {
	readonly organizationId: string;
	organization: OrganizationRecord;
	readonly notificationsById: Map<string, StoredNotification>;
	/** Ascending by (timestamp, id); null when an out-of-order insert made it stale. */
	sortedAscending: StoredNotification[] | null;
	readonly documents: Map<string, DocumentRecord>;
	readonly users: Map<string, VeltUser>;
	/** Keyed by configKey(userId, documentId). */
	readonly configs: Map<string, NotificationConfig>;
}

export interface EmulatorStoreOptions {
	now?: () => number;
	/** Written into each notification's metadata.apiKey. */
	apiKey?: string;
	/** Advanced webhooks isEnabled at start (choices.ts ADVANCED_WEBHOOKS_ENABLED_AT_START). */
	advancedWebhooksEnabled?: boolean;
}

export function compareByTimestampThenId(
	a: { timestamp: number; id: string },
	b: { timestamp: number; id: string },
): number {
	if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** sha256 hex prefix, the key of the `notifyUsers` map (Velt keys it by a hashed email). */
export function hashNotifyUserKey(user: Pick<VeltUser, 'userId' | 'email'>): string {
	const source =
		typeof user.email === 'string' && user.email !== ''
			? user.email.trim().toLowerCase()
			: user.userId;
	return createHash('sha256').update(source).digest('hex').slice(0, 20);
}

export function isNotificationTargetingUser(
	notification: StoredNotification,
	userId: string,
): boolean {
	return notification.notifyAll || notification.notifyUsersByUserId[userId] === true;
}

function configKey(userId: string, documentId: string | undefined): string {
	return `${userId}\u0000${documentId ?? ''}`;
}

/** First index whose item sorts strictly after `cursor`. */
function upperBound(sorted: readonly StoredNotification[], cursor: PageCursor): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (compareByTimestampThenId(sorted[mid], cursor) <= 0) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** First index whose item does not sort before `cursor`. */
function lowerBound(sorted: readonly StoredNotification[], cursor: PageCursor): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (compareByTimestampThenId(sorted[mid], cursor) < 0) low = mid + 1;
		else high = mid;
	}
	return low;
}

function generateNotificationId(): string {
	const first = cryptoRandomInt(1, 10);
	const middle = cryptoRandomInt(0, 100_000_000);
	const last = cryptoRandomInt(0, 10_000_000);
	return `${first}${String(middle).padStart(8, '0')}${String(last).padStart(7, '0')}`;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomBase62(length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += BASE62[cryptoRandomInt(0, BASE62.length)];
	return out;
}

export class EmulatorStore {
	private readonly organizations = new Map<string, OrganizationBucket>();
	private readonly webhookEndpoints = new Map<string, WebhookEndpoint>();
	/** Get responses re-serialize the same notifications page after page; build each view once. */
	private readonly viewCache = new WeakMap<StoredNotification, JsonObject>();
	/** Users repeat across thousands of notifications; avoid re-hashing them. */
	private readonly userKeyCache = new Map<string, string>();
	private readonly now: () => number;
	private readonly advancedWebhooksEnabledAtStart: boolean;
	readonly apiKey: string;
	readonly addCounters: AddCounters = { addsReceived: 0, duplicateAdds: 0 };
	/** Comment threads, document/folder users and user groups (collaborationStore.ts). */
	readonly collaboration = new CollaborationStore({
		now: () => this.now(),
		apiKey: () => this.apiKey,
	});
	/** Permission grants and users'-data deletion jobs (accessHandlers.ts). */
	readonly access = new AccessStore();
	/** Folders of each organization (workspaceStore.ts). */
	readonly workspace = new WorkspaceStore(() => this.now());
	/** Activity logs, recordings and live state (activityHandlers.ts). */
	readonly activity = new ActivityStore({ now: () => this.now(), apiKey: () => this.apiKey });
	advancedWebhookConfig: AdvancedWebhookConfig;
	webhookConfig: WebhookServiceConfig;
	notificationServiceConfig: JsonObject = structuredClone(NOTIFICATION_SERVICE_CONFIG_AT_START);

	constructor(options: EmulatorStoreOptions = {}) {
		this.now = options.now ?? Date.now;
		this.apiKey = options.apiKey ?? 'test-api-key';
		this.advancedWebhooksEnabledAtStart =
			options.advancedWebhooksEnabled ?? ADVANCED_WEBHOOKS_ENABLED_AT_START;
		this.advancedWebhookConfig = this.initialAdvancedWebhookConfig();
		this.webhookConfig = structuredClone(WEBHOOK_CONFIG_DEFAULTS) as WebhookServiceConfig;
	}

	clear(): void {
		this.organizations.clear();
		this.webhookEndpoints.clear();
		this.userKeyCache.clear();
		this.addCounters.addsReceived = 0;
		this.addCounters.duplicateAdds = 0;
		this.advancedWebhookConfig = this.initialAdvancedWebhookConfig();
		this.webhookConfig = structuredClone(WEBHOOK_CONFIG_DEFAULTS) as WebhookServiceConfig;
		this.notificationServiceConfig = structuredClone(NOTIFICATION_SERVICE_CONFIG_AT_START);
		this.collaboration.clear();
		this.access.clear();
		this.workspace.clear();
		this.activity.clear();
	}

	/** The store's clock (ms), for handlers that stamp or expire things. */
	nowMs(): number {
		return this.now();
	}

	private initialAdvancedWebhookConfig(): AdvancedWebhookConfig {
		const enabled = this.advancedWebhooksEnabledAtStart;
		return { ...ADVANCED_WEBHOOK_CONFIG_DEFAULTS, isEnabled: enabled, configured: enabled };
	}

	// ---- organizations, documents, users -------------------------------------------

	listOrganizationIds(): string[] {
		return [...this.organizations.keys()];
	}

	upsertOrganization(organization: OrganizationRecord): void {
		const bucket = this.bucket(organization.organizationId, true);
		bucket.organization = { ...bucket.organization, ...organization };
	}

	hasOrganization(organizationId: string): boolean {
		return this.organizations.has(organizationId);
	}

	/** Removes an organization with everything in it (organizations/delete). */
	deleteOrganization(organizationId: string): boolean {
		this.workspace.deleteOrganization(organizationId);
		return this.organizations.delete(organizationId);
	}

	deleteDocument(organizationId: string, documentId: string): boolean {
		return this.bucket(organizationId, false)?.documents.delete(documentId) ?? false;
	}

	listOrganizations(): OrganizationRecord[] {
		return [...this.organizations.values()].map((bucket) => bucket.organization);
	}

	getDocument(organizationId: string, documentId: string): DocumentRecord | undefined {
		return this.bucket(organizationId, false)?.documents.get(documentId);
	}

	upsertDocument(organizationId: string, document: DocumentRecord): void {
		const bucket = this.bucket(organizationId, true);
		bucket.documents.set(document.documentId, {
			...bucket.documents.get(document.documentId),
			...document,
		});
	}

	listDocuments(organizationId: string): DocumentRecord[] {
		return [...(this.bucket(organizationId, false)?.documents.values() ?? [])];
	}

	upsertUser(organizationId: string, user: VeltUser): void {
		const bucket = this.bucket(organizationId, true);
		bucket.users.set(user.userId, { ...bucket.users.get(user.userId), ...user });
	}

	getUser(organizationId: string, userId: string): VeltUser | undefined {
		return this.bucket(organizationId, false)?.users.get(userId);
	}

	listUsers(organizationId: string): VeltUser[] {
		return [...(this.bucket(organizationId, false)?.users.values() ?? [])];
	}

	/** users/delete at organization level. False when the user was not there. */
	deleteUser(organizationId: string, userId: string): boolean {
		return this.bucket(organizationId, false)?.users.delete(userId) ?? false;
	}

	// ---- notifications ------------------------------------------------------------------

	/**
	 * Stores one notification as Velt's add would. An existing notification with the same
	 * id in the organization is replaced (choices.ts ADD_WITH_EXISTING_ID_REPLACES), and the
	 * replacement starts fresh: new timestamp, nobody has read it. (Only the Add endpoint
	 * counts in addCounters, so seeding does not.)
	 */
	insertNotification(
		data: NotificationInput,
		options: InsertNotificationOptions = {},
	): StoredNotification {
		const bucket = this.bucket(data.organizationId, true);
		let id = data.notificationId;
		if (!ADD_WITH_EXISTING_ID_REPLACES && id !== undefined && bucket.notificationsById.has(id)) {
			return bucket.notificationsById.get(id) as StoredNotification;
		}
		if (id === undefined) {
			do id = generateNotificationId();
			while (bucket.notificationsById.has(id));
		}
		const notifyUsers = data.notifyUsers ?? [];
		const location = data.location;
		const locationId = typeof location?.id === 'string' ? location.id : undefined;
		const notification: StoredNotification = {
			id,
			organizationId: data.organizationId,
			documentId: data.documentId,
			locationId,
			timestamp: options.timestamp ?? this.now(),
			notifyAll: data.notifyAll ?? NOTIFY_ALL_DEFAULT,
			notificationSource: data.notificationSource ?? CHOSEN_DEFAULT_SOURCE,
			isNotificationResolverUsed: data.isNotificationResolverUsed === true,
			resolverState: resolverStateOf(data),
			notifyUsers: this.notifyUsersByHash(notifyUsers),
			notifyUsersByUserId: notifyUsersByUserId(notifyUsers),
			readByUserIds: new Set(options.readByUserIds ?? []),
			persistReadForUsers: false,
			metadata: this.systemMetadata(
				data.metadata,
				data.organizationId,
				data.documentId,
				locationId,
			),
			data,
			updatedAt: undefined,
		};

		const existing = bucket.notificationsById.get(id);
		if (existing !== undefined) this.removeFromSorted(bucket, existing);
		bucket.notificationsById.set(id, notification);
		this.addToSorted(bucket, notification);
		if (data.documentId !== undefined && !bucket.documents.has(data.documentId)) {
			bucket.documents.set(data.documentId, { documentId: data.documentId });
		}
		return notification;
	}

	insertNotifications(seeds: readonly NotificationSeed[]): void {
		for (const seed of seeds) {
			this.insertNotification(seed.data, {
				timestamp: seed.timestamp,
				readByUserIds: seed.readByUserIds,
			});
		}
	}

	getNotification(organizationId: string, id: string): StoredNotification | undefined {
		return this.bucket(organizationId, false)?.notificationsById.get(id);
	}

	countNotifications(organizationId?: string): number {
		if (organizationId !== undefined)
			return this.bucket(organizationId, false)?.notificationsById.size ?? 0;
		let total = 0;
		for (const bucket of this.organizations.values()) total += bucket.notificationsById.size;
		return total;
	}

	/** All matching notifications, oldest first (ties by id). */
	listNotifications(filter: NotificationFilter = {}): StoredNotification[] {
		const buckets =
			filter.organizationId === undefined
				? [...this.organizations.values()]
				: [this.bucket(filter.organizationId, false)].filter(
						(b): b is OrganizationBucket => b !== undefined,
					);
		const result: StoredNotification[] = [];
		for (const bucket of buckets) {
			for (const notification of this.sorted(bucket)) {
				if (matchesFilter(notification, filter)) result.push(notification);
			}
		}
		if (buckets.length > 1) result.sort(compareByTimestampThenId);
		return result;
	}

	/** One page of a Get: filter, order, resume after a cursor, and say whether more follow. */
	queryNotifications(query: NotificationQuery): NotificationPage {
		const bucket = this.bucket(query.organizationId, false);
		if (bucket === undefined) return { items: [] };
		const candidates =
			query.notificationIds !== undefined && query.notificationIds.length > 0
				? [...new Set(query.notificationIds)]
						.map((id) => bucket.notificationsById.get(id))
						.filter((n): n is StoredNotification => n !== undefined)
						.sort(compareByTimestampThenId)
				: this.sorted(bucket);

		const items: StoredNotification[] = [];
		const step = query.order === 'asc' ? 1 : -1;
		let index: number;
		if (query.order === 'asc') index = query.after ? upperBound(candidates, query.after) : 0;
		else index = (query.after ? lowerBound(candidates, query.after) : candidates.length) - 1;

		for (; index >= 0 && index < candidates.length; index += step) {
			const notification = candidates[index];
			if (!matchesFilter(notification, query)) continue;
			if (items.length === query.limit) {
				const last = items[items.length - 1];
				return { items, next: { timestamp: last.timestamp, id: last.id } };
			}
			items.push(notification);
		}
		return { items };
	}

	/** Applies an update entry's fields. Returns false when the notification does not exist. */
	updateNotification(organizationId: string, id: string, patch: NotificationPatch): boolean {
		const notification = this.getNotification(organizationId, id);
		if (notification === undefined) return false;

		for (const field of UPDATABLE_NOTIFICATION_FIELDS) {
			const value = patch[field];
			if (value === undefined) continue;
			if (field === 'metadata') {
				const merged = { ...notification.data.metadata, ...(value as JsonObject) };
				notification.data.metadata = merged;
				notification.metadata = this.systemMetadata(
					merged,
					notification.organizationId,
					notification.documentId,
					notification.locationId,
				);
			} else {
				(notification.data as JsonObject)[field] = value;
			}
		}
		if (patch.notifyUsers !== undefined) {
			notification.notifyUsers = this.notifyUsersByHash(patch.notifyUsers);
			notification.notifyUsersByUserId = notifyUsersByUserId(patch.notifyUsers);
		}
		if (patch.location !== undefined) {
			notification.locationId =
				typeof patch.location.id === 'string' ? patch.location.id : undefined;
			notification.metadata = this.systemMetadata(
				notification.data.metadata,
				notification.organizationId,
				notification.documentId,
				notification.locationId,
			);
		}
		for (const userId of patch.readByUserIds ?? []) notification.readByUserIds.add(userId);
		if (patch.persistReadForUsers !== undefined)
			notification.persistReadForUsers = patch.persistReadForUsers;
		notification.updatedAt = this.now();
		this.viewCache.delete(notification);
		return true;
	}

	deleteNotification(organizationId: string, id: string): boolean {
		const bucket = this.bucket(organizationId, false);
		const notification = bucket?.notificationsById.get(id);
		if (bucket === undefined || notification === undefined) return false;
		bucket.notificationsById.delete(id);
		this.removeFromSorted(bucket, notification);
		return true;
	}

	/**
	 * The notification as Get returns it. With a userId, adds the per-user fields:
	 * isUnread, and forYou (choices.ts GET_BY_USER_ADDS_READ_STATE: the user was notified by name, and has not read it
	 * unless reads were persisted for the "For You" tab).
	 */
	toApiNotification(notification: StoredNotification, userId?: string): JsonObject {
		let view = this.viewCache.get(notification);
		if (view === undefined) {
			view = buildNotificationView(notification);
			this.viewCache.set(notification, view);
		}
		if (userId === undefined) return view;
		const isUnread = !notification.readByUserIds.has(userId);
		const forYou =
			notification.notifyUsersByUserId[userId] === true &&
			(isUnread || notification.persistReadForUsers);
		return { ...view, isUnread, forYou };
	}

	/** Plain-JSON form of the whole stored record (sets as arrays), for the control endpoint. */
	toDebugJson(notification: StoredNotification): JsonObject {
		return {
			...notification,
			readByUserIds: [...notification.readByUserIds],
		};
	}

	// ---- notification settings ----------------------------------------------------------

	/** Merges channels into the user's config for a document (or the org level without one). */
	setNotificationConfig(
		organizationId: string,
		userId: string,
		documentId: string | undefined,
		config: NotificationConfig,
	): NotificationConfig {
		const bucket = this.bucket(organizationId, true);
		const key = configKey(userId, documentId);
		const merged = { ...bucket.configs.get(key), ...config };
		bucket.configs.set(key, merged);
		return merged;
	}

	/** Exactly what was set for that level, or undefined. */
	getStoredNotificationConfig(
		organizationId: string,
		userId: string,
		documentId: string | undefined,
	): NotificationConfig | undefined {
		return this.bucket(organizationId, false)?.configs.get(configKey(userId, documentId));
	}

	/**
	 * Effective config: defaults, then the org-level settings, then the document's
	 * (choices.ts: document settings override the organization-level default channel by channel).
	 */
	resolveNotificationConfig(
		organizationId: string,
		userId: string,
		documentId: string | undefined,
	): NotificationConfig {
		const orgLevel = this.getStoredNotificationConfig(organizationId, userId, undefined);
		const documentLevel =
			documentId === undefined
				? undefined
				: this.getStoredNotificationConfig(organizationId, userId, documentId);
		return { ...DEFAULT_NOTIFICATION_CONFIG, ...orgLevel, ...documentLevel };
	}

	// ---- webhook endpoints --------------------------------------------------------------

	createWebhookEndpoint(input: WebhookEndpointInput): WebhookEndpoint {
		let id = input.id;
		while (id === undefined || (input.id === undefined && this.webhookEndpoints.has(id))) {
			id = `ep_${randomBase62(ENDPOINT_ID_LENGTH)}`;
		}
		const now = this.now();
		const endpoint: WebhookEndpoint = {
			...input,
			id,
			filterTypes: input.filterTypes ?? [],
			secret: `whsec_${randomBytes(WEBHOOK_SECRET_BYTES).toString('base64')}`,
			createdAt: now,
			updatedAt: now,
		};
		this.webhookEndpoints.set(id, endpoint);
		return endpoint;
	}

	/** Partial update: only the given fields change. Undefined when the endpoint does not exist. */
	updateWebhookEndpoint(
		id: string,
		patch: Partial<WebhookEndpointInput>,
	): WebhookEndpoint | undefined {
		const endpoint = this.webhookEndpoints.get(id);
		if (endpoint === undefined) return undefined;
		for (const [key, value] of Object.entries(patch)) {
			if (value !== undefined) (endpoint as unknown as JsonObject)[key] = value;
		}
		endpoint.updatedAt = this.now();
		return endpoint;
	}

	getWebhookEndpoint(id: string): WebhookEndpoint | undefined {
		return this.webhookEndpoints.get(id);
	}

	listWebhookEndpoints(): WebhookEndpoint[] {
		return [...this.webhookEndpoints.values()];
	}

	deleteWebhookEndpoint(id: string): boolean {
		return this.webhookEndpoints.delete(id);
	}

	// ---- internals ----------------------------------------------------------------------

	private bucket(organizationId: string, create: true): OrganizationBucket;
	private bucket(organizationId: string, create: false): OrganizationBucket | undefined;
	private bucket(organizationId: string, create: boolean): OrganizationBucket | undefined {
		let bucket = this.organizations.get(organizationId);
		if (bucket === undefined && create) {
			bucket = {
				organizationId,
				organization: { organizationId },
				notificationsById: new Map(),
				sortedAscending: [],
				documents: new Map(),
				users: new Map(),
				configs: new Map(),
			};
			this.organizations.set(organizationId, bucket);
		}
		return bucket;
	}

	private sorted(bucket: OrganizationBucket): StoredNotification[] {
		if (bucket.sortedAscending === null) {
			bucket.sortedAscending = [...bucket.notificationsById.values()].sort(
				compareByTimestampThenId,
			);
		}
		return bucket.sortedAscending;
	}

	private addToSorted(bucket: OrganizationBucket, notification: StoredNotification): void {
		const sorted = bucket.sortedAscending;
		if (sorted === null) return;
		// Appends are the common case (clock moves forward); otherwise re-sort lazily on the next read.
		if (
			sorted.length === 0 ||
			compareByTimestampThenId(sorted[sorted.length - 1], notification) < 0
		) {
			sorted.push(notification);
		} else {
			bucket.sortedAscending = null;
		}
	}

	private removeFromSorted(bucket: OrganizationBucket, notification: StoredNotification): void {
		const sorted = bucket.sortedAscending;
		if (sorted === null) return;
		const index = lowerBound(sorted, notification);
		if (sorted[index] === notification) sorted.splice(index, 1);
		else bucket.sortedAscending = null;
	}

	private notifyUsersByHash(users: readonly VeltUser[]): Record<string, true> {
		const map: Record<string, true> = {};
		for (const user of users) {
			const cacheKey = `${user.userId}\u0000${user.email ?? ''}`;
			let key = this.userKeyCache.get(cacheKey);
			if (key === undefined) {
				key = hashNotifyUserKey(user);
				if (this.userKeyCache.size > 10_000) this.userKeyCache.clear();
				this.userKeyCache.set(cacheKey, key);
			}
			map[key] = true;
		}
		return map;
	}

	private systemMetadata(
		requestMetadata: JsonObject | undefined,
		organizationId: string,
		documentId: string | undefined,
		locationId: string | undefined,
	): JsonObject {
		const metadata: JsonObject = { ...requestMetadata, apiKey: this.apiKey, organizationId };
		if (documentId !== undefined) metadata.documentId = documentId;
		if (locationId !== undefined) metadata.locationId = locationId;
		return metadata;
	}
}

function resolverStateOf(data: NotificationInput): ResolverState {
	if (data.isNotificationResolverUsed !== true) return 'notUsed';
	return data.notificationSource === RESOLVER_SOURCE ? 'pending' : 'never';
}

function notifyUsersByUserId(users: readonly VeltUser[]): Record<string, true> {
	const map: Record<string, true> = {};
	for (const user of users) map[user.userId] = true;
	return map;
}

function matchesFilter(notification: StoredNotification, filter: NotificationFilter): boolean {
	if (filter.organizationId !== undefined && notification.organizationId !== filter.organizationId)
		return false;
	if (filter.documentId !== undefined && notification.documentId !== filter.documentId)
		return false;
	if (filter.locationId !== undefined && notification.locationId !== filter.locationId)
		return false;
	if (filter.userId !== undefined && !isNotificationTargetingUser(notification, filter.userId))
		return false;
	return true;
}

function buildNotificationView(notification: StoredNotification): JsonObject {
	const view: JsonObject = { id: notification.id };
	if (notification.notificationSource !== undefined)
		view.notificationSource = notification.notificationSource;
	for (const field of VIEW_CONTENT_FIELDS) {
		const value = notification.data[field];
		if (value !== undefined) view[field] = value;
	}
	view.metadata = notification.metadata;
	view.notifyUsers = notification.notifyUsers;
	view.notifyUsersByUserId = notification.notifyUsersByUserId;
	view.timestamp = notification.timestamp;
	view.isNotificationResolverUsed = notification.isNotificationResolverUsed;
	return view;
}
