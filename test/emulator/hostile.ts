/**
 * Hostile modes: a Velt (or a proxy in front of it) that misbehaves on purpose, so tests can
 * prove a client never hangs, never crashes and never leaks its credentials. Nothing here is
 * Velt's documented behaviour; each mode is one way an answer can be wrong. Independent of
 * the node: it only rewrites the emulator's own answers.
 */
import { ANNOTATIONS_NEXT_PAGE_TOKEN_KEY } from './choices';
import {
	ACTIVITY_ENDPOINTS,
	COLLABORATION_ENDPOINTS,
	DEFAULT_PAGE_SIZE,
	ENDPOINTS,
} from './veltDocs';

export const HOSTILE_MODES = [
	'repeatedPageToken', // paged gets: the same non-empty token on every page, pages never empty
	'endlessPageTokens', // paged gets: a fresh token on every page, pages never empty, never ends
	'hugePage', // paged gets: far more items than the pageSize asked for
	'slowDrip', // every answer's bytes trickled out one at a time
	'redirect', // every API call answered 307 to another origin
	'deepNesting', // every answer's data carries a value nested `depth` levels deep
	'outOfRangeTimestamps', // notifications/get: timestamps far outside any date (1e300)
	'prototypeIds', // notifications/get: ids "constructor", "toString", "__proto__"
	'echoSecrets', // the request's x-velt-api-key / x-velt-auth-token echoed in result.message and error.message
] as const;

export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostileConfig {
	mode: HostileMode;
	/** Only requests to these exact paths are hostile (all API paths when absent). */
	paths?: string[];
	/** slowDrip: ms between two bytes (default 1000). */
	dripIntervalMs?: number;
	/** slowDrip: after this many ms the rest of the answer is sent at once (default: never). */
	dripMaxMs?: number;
	/** redirect: the origin the 307 points to (required for that mode). */
	redirectTo?: string;
	/** redirect: the status sent (default 307). */
	redirectStatus?: number;
	/** deepNesting: levels (default 10,000). */
	depth?: number;
	/** hugePage: items per page (default five times the pageSize asked, plus one). */
	pageItems?: number;
	/** outOfRangeTimestamps: the timestamp sent (default 1e300). */
	timestamp?: number;
}

export const DEFAULT_HOSTILE_DEPTH = 10_000;
export const DEFAULT_DRIP_INTERVAL_MS = 1000;
export const HOSTILE_REPEATED_TOKEN = 'hostile-repeated-token';
export const PROTOTYPE_IDS = ['constructor', 'toString', '__proto__'] as const;

/** Where each paged get puts its next-page token. */
const PAGED_GETS: Record<string, string> = {
	[ENDPOINTS.getNotifications]: 'pageToken',
	[ENDPOINTS.getOrganizations]: 'nextPageToken',
	[ENDPOINTS.getDocuments]: 'nextPageToken',
	[ENDPOINTS.getUsers]: 'nextPageToken',
	[COLLABORATION_ENDPOINTS.getCommentAnnotations]: ANNOTATIONS_NEXT_PAGE_TOKEN_KEY,
	// get-activities and get-recordings answer `pageToken`.
	[ACTIVITY_ENDPOINTS.getActivities]: 'pageToken',
	[ACTIVITY_ENDPOINTS.getRecordings]: 'pageToken',
};

const PAGING_MODES: ReadonlySet<HostileMode> = new Set<HostileMode>([
	'repeatedPageToken',
	'endlessPageTokens',
	'hugePage',
]);

const DEEP_PLACEHOLDER = '__hostile_deep_value__';

export function isHostileMode(value: unknown): value is HostileMode {
	return typeof value === 'string' && (HOSTILE_MODES as readonly string[]).includes(value);
}

/** Checks a HostileConfig received over the control endpoint; returns an error message or the config. */
export function parseHostileConfig(value: unknown): HostileConfig | string {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return 'hostile config must be an object';
	const config = value as Record<string, unknown>;
	if (!isHostileMode(config.mode)) return `mode must be one of ${HOSTILE_MODES.join(', ')}`;
	for (const key of ['dripIntervalMs', 'dripMaxMs', 'depth', 'pageItems', 'redirectStatus']) {
		const number = config[key];
		if (number !== undefined && (typeof number !== 'number' || !(number >= 0)))
			return `${key} must be a non-negative number`;
	}
	if (config.timestamp !== undefined && typeof config.timestamp !== 'number')
		return 'timestamp must be a number';
	if (
		config.paths !== undefined &&
		(!Array.isArray(config.paths) || !config.paths.every((p): p is string => typeof p === 'string'))
	)
		return 'paths must be an array of strings';
	if (config.mode === 'redirect') {
		try {
			new URL(String(config.redirectTo));
		} catch {
			return 'redirect needs redirectTo, an absolute URL';
		}
	}
	return config as unknown as HostileConfig;
}

export function hostileAppliesTo(config: HostileConfig, path: string): boolean {
	return config.paths === undefined || config.paths.includes(path);
}

export interface HostileResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** The redirect answer, or undefined when the mode is not redirect. */
export function hostileRedirect(config: HostileConfig, path: string): HostileResponse | undefined {
	if (config.mode !== 'redirect' || config.redirectTo === undefined) return undefined;
	return {
		status: config.redirectStatus ?? 307,
		headers: { location: new URL(path, config.redirectTo).href, 'content-type': 'text/plain' },
		body: '',
	};
}

/**
 * The request data the real handler sees: paging modes always serve the first page, since
 * the tokens they hand out mean nothing to the store.
 */
export function hostileRequestData(config: HostileConfig, path: string, data: unknown): unknown {
	if (!PAGING_MODES.has(config.mode) || PAGED_GETS[path] === undefined) return data;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
	const copy = { ...(data as Record<string, unknown>) };
	delete copy.pageToken;
	return copy;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function syntheticItem(path: string, request: Json, index: number, now: number): Json {
	if (path !== ENDPOINTS.getNotifications) return { id: `hostile-${index}`, name: 'Hostile' };
	return {
		id: `hostile-${index}`,
		notificationSource: 'custom',
		actionUser: { userId: 'hostile' },
		displayHeadlineMessageTemplate: 'Hostile notification',
		timestamp: now,
		metadata: {
			organizationId: request.organizationId,
			...(typeof request.documentId === 'string' ? { documentId: request.documentId } : {}),
		},
		notifyUsers: typeof request.userId === 'string' ? [{ userId: request.userId }] : [],
	};
}

/** Rewrites the emulator's answer for the mode. `counter` numbers endless tokens and synthetic items. */
export function applyHostile(
	config: HostileConfig,
	path: string,
	response: HostileResponse,
	request: { data: unknown; apiKey?: string; authToken?: string; now: number },
	counter: () => number,
): HostileResponse {
	let body: unknown;
	try {
		body = JSON.parse(response.body) as unknown;
	} catch {
		return response;
	}
	if (!isObject(body)) return response;
	const data = isObject(request.data) ? request.data : {};
	const result = isObject(body.result) ? body.result : undefined;
	let deep = false;

	switch (config.mode) {
		case 'repeatedPageToken':
		case 'endlessPageTokens':
		case 'hugePage': {
			const tokenKey = PAGED_GETS[path];
			if (tokenKey === undefined || result === undefined) break;
			let items = Array.isArray(result.data) ? (result.data as unknown[]) : [];
			if (config.mode === 'hugePage') {
				const asked = typeof data.pageSize === 'number' ? data.pageSize : DEFAULT_PAGE_SIZE;
				const count = config.pageItems ?? asked * 5 + 1;
				items = Array.from({ length: count }, () =>
					syntheticItem(path, data, counter(), request.now),
				);
				delete result[tokenKey];
			} else {
				if (items.length === 0) items = [syntheticItem(path, data, counter(), request.now)];
				result[tokenKey] =
					config.mode === 'repeatedPageToken'
						? HOSTILE_REPEATED_TOKEN
						: `hostile-token-${counter()}`;
			}
			result.data = items;
			break;
		}
		case 'outOfRangeTimestamps':
		case 'prototypeIds': {
			if (path !== ENDPOINTS.getNotifications || result === undefined) break;
			const items = (Array.isArray(result.data) ? result.data : []) as Json[];
			if (config.mode === 'outOfRangeTimestamps') {
				if (items.length === 0) items.push(syntheticItem(path, data, counter(), request.now));
				const timestamp = config.timestamp ?? 1e300;
				for (const item of items) {
					item.timestamp = timestamp;
					if ('lastUpdated' in item) item.lastUpdated = timestamp;
				}
			} else {
				PROTOTYPE_IDS.forEach((id, index) => {
					items[index] ??= syntheticItem(path, data, counter(), request.now);
					items[index].id = id;
					if ('notificationId' in items[index]) items[index].notificationId = id;
				});
			}
			result.data = items;
			break;
		}
		case 'deepNesting': {
			deep = true;
			if (result === undefined) {
				if (isObject(body.error)) body.error.details = DEEP_PLACEHOLDER;
				break;
			}
			if (Array.isArray(result.data)) {
				for (const item of result.data.slice(0, 20))
					if (isObject(item)) item.nested = DEEP_PLACEHOLDER;
				if (result.data.length === 0) result.data.push({ nested: DEEP_PLACEHOLDER });
			} else if (isObject(result.data)) result.data.nested = DEEP_PLACEHOLDER;
			else result.data = { nested: DEEP_PLACEHOLDER };
			break;
		}
		case 'echoSecrets': {
			const echoed = `Request made with API key ${request.apiKey ?? '(none)'} and auth token ${request.authToken ?? '(none)'}`;
			if (result !== undefined) result.message = echoed;
			if (isObject(body.error)) body.error.message = `${String(body.error.message)} (${echoed})`;
			break;
		}
		case 'slowDrip':
		case 'redirect':
			return response;
	}
	let text = JSON.stringify(body);
	if (deep) text = text.split(JSON.stringify(DEEP_PLACEHOLDER)).join(deepJson(config.depth));
	return { ...response, body: text };
}

/** `{"a":{"a":...}}` as text: JSON.stringify itself would overflow the stack at this depth. */
export function deepJson(depth = DEFAULT_HOSTILE_DEPTH): string {
	return `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}
