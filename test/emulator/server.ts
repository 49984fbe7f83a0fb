/**
 * A loopback HTTP server that behaves like Velt's notifications REST API v2, for tests and
 * benchmarks of the n8n node. Node built-ins only; listens on 127.0.0.1.
 */
import * as http from 'http';
import type { Socket } from 'net';

import {
	API_KEY_MISSING_MESSAGE,
	BASIC_WEBHOOK_TARGET,
	ENCRYPTION_WINS_OVER_ENCODING,
	HTTP_STATUS_BY_ERROR_CODE,
	LIMITED_REQUESTS_SKIP_LATENCY,
	NON_POST_STATUS,
	RATE_LIMIT_MESSAGE_IN_FLIGHT,
	RATE_LIMIT_MESSAGE_PER_SECOND,
	UNKNOWN_PATH_CODE,
	WORKSPACE_ID,
	WRONG_AUTH_TOKEN_CODE,
	WRONG_AUTH_TOKEN_MESSAGE,
} from './choices';
import {
	DEFAULT_SLOW_MS,
	FaultInjector,
	buildFaultResponse,
	isAppliedFault,
	isFaultKind,
	parseFaultConfig,
	type FaultConfig,
	type FaultKind,
} from './faults';
import {
	ALL_FEATURES_ON,
	isJsonObject,
	VELT_ENDPOINT_HANDLERS,
	type EmulatorFeatures,
	type HandlerContext,
} from './handlers';
import { COLLABORATION_HANDLERS } from './collaborationHandlers';
import { ACCESS_HANDLERS } from './accessHandlers';
import { WORKSPACE_HANDLERS } from './workspaceHandlers';
import { ACTIVITY_HANDLERS } from './activityHandlers';
import type { HandlerModule } from './routes';
import {
	DEFAULT_DRIP_INTERVAL_MS,
	applyHostile,
	hostileAppliesTo,
	hostileRedirect,
	hostileRequestData,
	parseHostileConfig,
	type HostileConfig,
} from './hostile';
import { LoadLimiter, realLoadClock, type LoadClock, type LoadLimits } from './limits';
import { seedSampleData } from './sampleData';
import { EmulatorStore, type JsonObject, type NotificationFilter } from './store';
import {
	API_KEY_HEADER,
	AUTH_TOKEN_HEADER,
	DEFAULT_PAGE_SIZE,
	DOCUMENTED_MESSAGES,
	WORKSPACE_AUTH_TOKEN_HEADER,
	WORKSPACE_ID_HEADER,
	type VeltErrorCode,
} from './veltDocs';
import {
	deliverBasicWebhook,
	deliverSignedWebhook,
	type WebhookDeliveryOptions,
	type WebhookDeliveryResult,
	type WebhookPayloadEncoding,
} from './webhooks';

export const DEFAULT_EMULATOR_API_KEY = 'test-api-key';
export const DEFAULT_EMULATOR_AUTH_TOKEN = 'test-auth-token';
/** Control endpoints (no auth, not recorded) live under this prefix. */
export const CONTROL_PATH_PREFIX = '/__emulator';
const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Every group of endpoints the emulator answers; their paths do not overlap. */
const HANDLER_MODULES: readonly HandlerModule[] = [
	ACTIVITY_HANDLERS,
	COLLABORATION_HANDLERS,
	ACCESS_HANDLERS,
	WORKSPACE_HANDLERS,
	VELT_ENDPOINT_HANDLERS,
];

export interface VeltEmulatorOptions {
	/** 0 = random free port (default). */
	port?: number;
	apiKey?: string;
	authToken?: string;
	/** Caps the pageSize of every paginated get (default 1000, Velt's default page size). */
	maxPageSize?: number;
	/** Answer 429 + Retry-After beyond this many requests in flight. */
	maxInFlight?: number;
	/** Answer 429 + Retry-After beyond this many requests per second. */
	maxRequestsPerSecond?: number;
	/** Retry-After seconds on the limits' 429s (choices.ts default). */
	retryAfterSeconds?: number;
	/** Advanced webhooks isEnabled at start (choices.ts ADVANCED_WEBHOOKS_ENABLED_AT_START). */
	advancedWebhooksEnabled?: boolean;
	/** Workspace-level auth of workspace/get (x-velt-workspace-id / x-velt-workspace-auth-token). */
	workspaceId?: string;
	workspaceAuthToken?: string;
	/** Delay added before every API response. */
	latencyMs?: number;
	/** Delay of 'slow' faults that do not set their own (default 5000). */
	slowMs?: number;
	/** All default to true. */
	features?: Partial<EmulatorFeatures>;
	/** Clock of the per-second limit and of latency and 'slow' delays; the real one by default. */
	loadClock?: LoadClock;
	/** Clock for notification timestamps (ms); Date.now by default. */
	now?: () => number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when the body was not JSON. */
	body: unknown;
	/** Wall-clock ms (Date.now, not the emulator clock), for measuring client backoff. */
	receivedAt: number;
	fault?: FaultKind;
	/** Set when a load limit answered 429 instead of the API. */
	limitedBy?: 'inFlight' | 'perSecond';
}

/** Counters for benchmarks and tests (reset by reset()). */
export interface EmulatorStats {
	/** API requests received per path (refused ones included). */
	requestsByEndpoint: Record<string, number>;
	/** Every 429 sent, whether from a load limit or a fault. */
	rateLimitedResponses: number;
	/** 429s from the in-flight and per-second limits. */
	limitedBy: { inFlight: number; perSecond: number };
	/** Notifications in the store now. */
	storedNotifications: number;
	/** Add requests that passed validation (seeding and direct inserts do not count). */
	addsReceived: number;
	/** Adds whose notificationId already existed: each replaced the stored one. */
	duplicateAdds: number;
	/** Highest number of requests in flight seen. */
	peakInFlight: number;
	/** Requests admitted and not yet answered, now. */
	inFlight: number;
}

export interface WebhookPublishResult {
	endpointId: string;
	result?: WebhookDeliveryResult;
	error?: string;
}

export interface VeltEmulator {
	/** http://127.0.0.1:PORT */
	readonly url: string;
	readonly port: number;
	readonly apiKey: string;
	readonly authToken: string;
	/** Every API request received, in order (control calls excluded). Cleared in place by reset(). */
	readonly requests: RecordedRequest[];
	readonly store: EmulatorStore;
	/** Random faults from a seeded PRNG; undefined turns them off. */
	setFaults(faults: FaultConfig | undefined): void;
	/** Scripted faults, consumed in order, before any random fault. */
	failNext(kind: FaultKind, count?: number, path?: string, options?: { slowMs?: number }): void;
	setFeatures(features: Partial<EmulatorFeatures>): void;
	getFeatures(): EmulatorFeatures;
	/** A function, a fixed time in ms, or undefined for the clock given at start (or Date.now). */
	setClock(clock: (() => number) | number | undefined): void;
	setLatency(latencyMs: number): void;
	/** Empties store and requests, removes faults, and restores the start features and clock. */
	reset(): void;
	/** POSTs a Standard-Webhooks-signed event to one endpoint's url (which must be on 127.0.0.1). */
	deliverWebhookEvent(
		endpointId: string,
		payload: unknown,
		options?: WebhookDeliveryOptions,
	): Promise<WebhookDeliveryResult>;
	/** Delivers to every enabled endpoint whose filterTypes include payload.event (or that has no filter). */
	publishWebhookEvent(
		payload: { event: string; [key: string]: unknown },
		options?: WebhookDeliveryOptions,
	): Promise<WebhookPublishResult[]>;
	/**
	 * POSTs a basic (v1) webhook to the configured rawNotificationUrl (workspace/webhookconfig),
	 * with `Authorization: Basic <authToken>` and the config's encoding; options.url overrides the target.
	 */
	deliverBasicWebhookEvent(
		payload: unknown,
		options?: WebhookDeliveryOptions & { url?: string },
	): Promise<WebhookDeliveryResult>;
	/** A hostile mode (hostile.ts) for every later API call; undefined turns it off (so does reset()). */
	setHostile(config: HostileConfig | undefined): void;
	getHostile(): HostileConfig | undefined;
	/** slowDrip answers since reset(): how many the caller cut off, and how many were sent whole. */
	dripOutcomes(): { cutOff: number; completed: number };
	/** Load limits (in flight, per second); undefined fields = no limit. */
	setLimits(limits: LoadLimits): void;
	getLimits(): LoadLimits;
	stats(): EmulatorStats;
	/** Stops listening and destroys every socket, keep-alive ones included. */
	close(): Promise<void>;
}

interface PreparedResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function parseJson(text: string): ParsedBody {
	if (text.trim() === '') return { ok: false };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

function errorResponse(
	code: VeltErrorCode,
	message: string,
	status = HTTP_STATUS_BY_ERROR_CODE[code],
	details?: unknown,
	bodyCode?: number,
): PreparedResponse {
	const error: JsonObject = { message, status: code };
	if (details !== undefined) error.details = details;
	if (bodyCode !== undefined) error.code = bodyCode;
	return { status, headers: JSON_HEADERS, body: JSON.stringify({ error }) };
}

function jsonResponse(status: number, value: unknown): PreparedResponse {
	return { status, headers: JSON_HEADERS, body: JSON.stringify(value) };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

class VeltEmulatorServer implements VeltEmulator {
	readonly requests: RecordedRequest[] = [];
	readonly store: EmulatorStore;
	readonly apiKey: string;
	readonly authToken: string;
	url = '';
	port = 0;

	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	/** Pending response delays; close() ends them early so no timer outlives the emulator. */
	private readonly pendingDelays = new Set<{ timer?: NodeJS.Timeout; resolve: () => void }>();
	private readonly webhookAborts = new Set<AbortController>();
	private readonly faults: FaultInjector;
	private readonly initialFeatures: EmulatorFeatures;
	private readonly initialClock: () => number;
	private readonly maxPageSize: number;
	private readonly limiter: LoadLimiter;
	private readonly loadClock: LoadClock;
	private readonly initialLimits: LoadLimits;
	private readonly workspaceId: string;
	private readonly workspaceAuthToken: string;
	private counters = newCounters();
	private features: EmulatorFeatures;
	private clock: () => number;
	private latencyMs: number;
	private closed = false;
	private hostile: HostileConfig | undefined;
	private hostileCounter = 0;
	private drips = { cutOff: 0, completed: 0 };

	constructor(options: VeltEmulatorOptions) {
		this.apiKey = options.apiKey ?? DEFAULT_EMULATOR_API_KEY;
		this.authToken = options.authToken ?? DEFAULT_EMULATOR_AUTH_TOKEN;
		this.maxPageSize = options.maxPageSize ?? DEFAULT_PAGE_SIZE;
		this.initialLimits = {
			maxInFlight: options.maxInFlight,
			maxRequestsPerSecond: options.maxRequestsPerSecond,
			retryAfterSeconds: options.retryAfterSeconds,
		};
		this.loadClock = options.loadClock ?? realLoadClock;
		this.limiter = new LoadLimiter(this.initialLimits, this.loadClock.now);
		this.workspaceId = options.workspaceId ?? WORKSPACE_ID;
		this.workspaceAuthToken = options.workspaceAuthToken ?? this.authToken;
		if (!Number.isInteger(this.maxPageSize) || this.maxPageSize < 1)
			throw new Error('maxPageSize must be a positive integer');
		this.latencyMs = options.latencyMs ?? 0;
		this.initialFeatures = { ...ALL_FEATURES_ON, ...options.features };
		this.features = { ...this.initialFeatures };
		this.initialClock = options.now ?? Date.now;
		this.clock = this.initialClock;
		this.faults = new FaultInjector(options.slowMs ?? DEFAULT_SLOW_MS);
		this.store = new EmulatorStore({
			now: () => this.clock(),
			apiKey: this.apiKey,
			advancedWebhooksEnabled: options.advancedWebhooksEnabled,
		});

		this.server = http.createServer((req, res) => this.onRequest(req, res));
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	listen(port: number): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				this.server.off('error', reject);
				const address = this.server.address();
				if (address === null || typeof address === 'string') {
					reject(new Error('Emulator did not get a TCP address'));
					return;
				}
				this.port = address.port;
				this.url = `http://127.0.0.1:${address.port}`;
				resolve();
			});
		});
	}

	// ---- public controls ------------------------------------------------------------------

	setFaults(faults: FaultConfig | undefined): void {
		this.faults.configure(faults);
	}

	failNext(kind: FaultKind, count = 1, path?: string, options: { slowMs?: number } = {}): void {
		this.faults.script(kind, count, path, options.slowMs);
	}

	setFeatures(features: Partial<EmulatorFeatures>): void {
		this.features = { ...this.features, ...features };
	}

	getFeatures(): EmulatorFeatures {
		return { ...this.features };
	}

	setClock(clock: (() => number) | number | undefined): void {
		if (clock === undefined) this.clock = this.initialClock;
		else if (typeof clock === 'number') this.clock = () => clock;
		else this.clock = clock;
	}

	setLatency(latencyMs: number): void {
		this.latencyMs = latencyMs;
	}

	setLimits(limits: LoadLimits): void {
		this.limiter.configure(limits);
	}

	dripOutcomes(): { cutOff: number; completed: number } {
		return { ...this.drips };
	}

	setHostile(config: HostileConfig | undefined): void {
		if (config !== undefined) {
			const checked = parseHostileConfig(config);
			if (typeof checked === 'string') throw new Error(checked);
		}
		this.hostile = config === undefined ? undefined : { ...config };
	}

	getHostile(): HostileConfig | undefined {
		return this.hostile === undefined ? undefined : { ...this.hostile };
	}

	getLimits(): LoadLimits {
		return this.limiter.current;
	}

	stats(): EmulatorStats {
		return {
			requestsByEndpoint: { ...this.counters.requestsByEndpoint },
			rateLimitedResponses: this.counters.rateLimitedResponses,
			limitedBy: { ...this.counters.limitedBy },
			storedNotifications: this.store.countNotifications(),
			addsReceived: this.store.addCounters.addsReceived,
			duplicateAdds: this.store.addCounters.duplicateAdds,
			peakInFlight: this.counters.peakInFlight,
			inFlight: this.limiter.requestsInFlight,
		};
	}

	reset(): void {
		this.store.clear();
		this.requests.length = 0;
		this.counters = newCounters();
		this.limiter.configure(this.initialLimits);
		this.faults.clear();
		this.hostile = undefined;
		this.hostileCounter = 0;
		this.drips = { cutOff: 0, completed: 0 };
		this.features = { ...this.initialFeatures };
		this.clock = this.initialClock;
	}

	deliverWebhookEvent(
		endpointId: string,
		payload: unknown,
		options: WebhookDeliveryOptions = {},
	): Promise<WebhookDeliveryResult> {
		const endpoint = this.store.getWebhookEndpoint(endpointId);
		if (endpoint === undefined)
			return Promise.reject(new Error(`Unknown webhook endpoint ${endpointId}`));
		const config = this.store.advancedWebhookConfig;
		return this.tracked(options, (signal) =>
			deliverSignedWebhook(endpoint, payload, {
				...options,
				encoding: options.encoding ?? configuredEncoding(config.encryptData, config.encodeData),
				publicKey: options.publicKey ?? config.publicKey,
				signal,
			}),
		);
	}

	deliverBasicWebhookEvent(
		payload: unknown,
		options: WebhookDeliveryOptions & { url?: string } = {},
	): Promise<WebhookDeliveryResult> {
		const service = this.store.webhookConfig.webhookServiceConfig;
		const url = options.url ?? (service[BASIC_WEBHOOK_TARGET] as string | undefined);
		if (url === undefined || url === '') {
			return Promise.reject(
				new Error(`No basic webhook target: set webhookServiceConfig.${BASIC_WEBHOOK_TARGET}`),
			);
		}
		const authToken = typeof service.authToken === 'string' ? service.authToken : undefined;
		return this.tracked(options, (signal) =>
			deliverBasicWebhook({ url, authToken }, payload, {
				...options,
				encoding:
					options.encoding ??
					configuredEncoding(service.encryptData === true, service.encodeData === true),
				publicKey:
					options.publicKey ??
					(typeof service.publicKey === 'string' ? service.publicKey : undefined),
				signal,
			}),
		);
	}

	private tracked<T>(
		options: { signal?: AbortSignal },
		run: (signal: AbortSignal) => Promise<T>,
	): Promise<T> {
		const abort = new AbortController();
		this.webhookAborts.add(abort);
		const signal =
			options.signal === undefined ? abort.signal : AbortSignal.any([abort.signal, options.signal]);
		return run(signal).finally(() => this.webhookAborts.delete(abort));
	}

	async publishWebhookEvent(
		payload: { event: string; [key: string]: unknown },
		options: WebhookDeliveryOptions = {},
	): Promise<WebhookPublishResult[]> {
		const targets = this.store
			.listWebhookEndpoints()
			.filter((endpoint) => endpoint.disabled !== true)
			.filter(
				(endpoint) =>
					endpoint.filterTypes.length === 0 || endpoint.filterTypes.includes(payload.event),
			);
		return Promise.all(
			targets.map(async (endpoint): Promise<WebhookPublishResult> => {
				try {
					return {
						endpointId: endpoint.id,
						result: await this.deliverWebhookEvent(endpoint.id, payload, options),
					};
				} catch (error) {
					return {
						endpointId: endpoint.id,
						error: error instanceof Error ? error.message : String(error),
					};
				}
			}),
		);
	}

	close(): Promise<void> {
		if (this.closed) return Promise.resolve();
		this.closed = true;
		for (const delay of this.pendingDelays) {
			clearTimeout(delay.timer);
			delay.resolve();
		}
		this.pendingDelays.clear();
		for (const abort of this.webhookAborts) abort.abort();
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
			for (const socket of this.sockets) socket.destroy();
		});
	}

	// ---- request handling -------------------------------------------------------------------

	private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => {
			if (tooLarge) {
				this.send(res, errorResponse('INVALID_ARGUMENT', 'Request body is too large.', 413));
				return;
			}
			this.handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
				const message = error instanceof Error ? error.message : String(error);
				this.send(res, errorResponse('INTERNAL', `Emulator error: ${message}`));
			});
		});
		req.on('error', () => req.socket.destroy());
	}

	private async handle(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		text: string,
	): Promise<void> {
		const method = req.method ?? 'GET';
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		if (path === CONTROL_PATH_PREFIX || path.startsWith(`${CONTROL_PATH_PREFIX}/`)) {
			this.send(res, await this.handleControl(req, path, text));
			return;
		}

		// The record gets its own parse: handlers keep and later mutate the objects they are given.
		const recordedBody = parseJson(text);
		const record: RecordedRequest = {
			method,
			path,
			headers: { ...req.headers },
			body: recordedBody.ok ? recordedBody.value : text,
			receivedAt: Date.now(),
		};
		this.requests.push(record);
		this.counters.requestsByEndpoint[path] = (this.counters.requestsByEndpoint[path] ?? 0) + 1;

		const refusal = this.limiter.admit();
		if (refusal !== undefined) {
			record.limitedBy = refusal.limit;
			this.counters.limitedBy[refusal.limit]++;
			if (!LIMITED_REQUESTS_SKIP_LATENCY) await this.delay(this.latencyMs);
			const message =
				refusal.limit === 'inFlight' ? RATE_LIMIT_MESSAGE_IN_FLIGHT : RATE_LIMIT_MESSAGE_PER_SECOND;
			const response = errorResponse('RESOURCE_EXHAUSTED', message);
			this.send(res, {
				...response,
				headers: { ...response.headers, 'retry-after': String(refusal.retryAfterSeconds) },
			});
			return;
		}
		this.counters.peakInFlight = Math.max(
			this.counters.peakInFlight,
			this.limiter.requestsInFlight,
		);
		try {
			await this.handleAdmitted(req, res, record, path, method, text);
		} finally {
			this.limiter.release();
		}
	}

	private async handleAdmitted(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		record: RecordedRequest,
		path: string,
		method: string,
		text: string,
	): Promise<void> {
		const fault = this.faults.decide(path);
		if (fault !== undefined) record.fault = fault.kind;

		if (fault !== undefined && !isAppliedFault(fault.kind)) {
			await this.delay(this.latencyMs);
			const faultResponse = buildFaultResponse(fault.kind);
			if (faultResponse === undefined)
				this.destroy(req); // drop_before
			else this.send(res, faultResponse);
			return;
		}

		const hostile =
			this.hostile !== undefined && hostileAppliesTo(this.hostile, path) ? this.hostile : undefined;
		const redirect = hostile === undefined ? undefined : hostileRedirect(hostile, path);
		if (redirect !== undefined) {
			await this.delay(this.latencyMs);
			this.send(res, redirect);
			return;
		}
		let parsed = parseJson(text);
		if (hostile !== undefined && parsed.ok && isJsonObject(parsed.value))
			parsed = {
				ok: true,
				value: { ...parsed.value, data: hostileRequestData(hostile, path, parsed.value.data) },
			};
		let response = this.respondToApi(method, path, req.headers, parsed);
		if (hostile !== undefined) {
			response = applyHostile(
				hostile,
				path,
				response,
				{
					data: parsed.ok && isJsonObject(parsed.value) ? parsed.value.data : undefined,
					apiKey: firstHeader(req.headers[API_KEY_HEADER]),
					authToken: firstHeader(req.headers[AUTH_TOKEN_HEADER]),
					now: this.clock(),
				},
				() => ++this.hostileCounter,
			);
		}
		if (fault?.kind === 'drop') {
			await this.delay(this.latencyMs);
			this.destroy(req);
			return;
		}
		await this.delay(this.latencyMs + (fault?.kind === 'slow' ? fault.slowMs : 0));
		if (hostile?.mode === 'slowDrip') await this.drip(res, response, hostile);
		else this.send(res, response);
	}

	/** slowDrip: headers at once, then one byte per interval; the rest at once after dripMaxMs. */
	private async drip(
		res: http.ServerResponse,
		response: PreparedResponse,
		config: HostileConfig,
	): Promise<void> {
		if (this.closed || res.destroyed || res.writableEnded) return;
		const bytes = Buffer.from(response.body);
		res.writeHead(response.status, {
			...response.headers,
			'content-length': String(bytes.length),
		});
		res.flushHeaders();
		const interval = config.dripIntervalMs ?? DEFAULT_DRIP_INTERVAL_MS;
		const stopAt =
			config.dripMaxMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + config.dripMaxMs;
		let offset = 0;
		while (offset < bytes.length - 1 && Date.now() < stopAt) {
			res.write(bytes.subarray(offset, offset + 1));
			offset++;
			await this.delay(interval);
			if (this.closed || res.destroyed) {
				this.drips.cutOff++;
				return;
			}
		}
		this.drips.completed++;
		res.end(bytes.subarray(offset));
	}

	private respondToApi(
		method: string,
		path: string,
		headers: http.IncomingHttpHeaders,
		body: ParsedBody,
	): PreparedResponse {
		// Auth first, as Velt does: an unauthenticated caller learns nothing else.
		const handlers = HANDLER_MODULES.find((module) => module.handles(path));
		const authError =
			handlers?.usesWorkspaceAuth(path) === true
				? this.checkWorkspaceAuth(headers)
				: this.checkApiKeyAuth(headers);
		if (authError !== undefined) return authError;

		if (method !== 'POST') {
			const response = errorResponse(
				'INVALID_ARGUMENT',
				`Method ${method} is not allowed; Velt API calls are POST.`,
				NON_POST_STATUS,
			);
			return { ...response, headers: { ...response.headers, allow: 'POST' } };
		}
		if (handlers === undefined)
			return errorResponse(UNKNOWN_PATH_CODE, `No API endpoint at ${path}.`);
		if (!body.ok || !isJsonObject(body.value) || !isJsonObject(body.value.data)) {
			return errorResponse(
				'INVALID_ARGUMENT',
				'Request body must be JSON of the form {"data": {...}}.',
			);
		}

		const context: HandlerContext = {
			store: this.store,
			features: this.features,
			maxPageSize: this.maxPageSize,
			workspace: { id: this.workspaceId, authToken: this.workspaceAuthToken, apiKey: this.apiKey },
		};
		const result = handlers.dispatch(context, path, body.value.data);
		if (!result.ok && result.codeField !== undefined)
			return jsonResponse(HTTP_STATUS_BY_ERROR_CODE[result.code], {
				error: { code: result.codeField, message: result.message },
			});
		if (!result.ok)
			return errorResponse(result.code, result.message, undefined, result.details, result.bodyCode);
		const envelope: JsonObject = {
			status: 'success',
			message: result.message,
			data: result.data,
			...result.extra,
		};
		if (result.unwrapped !== undefined)
			return jsonResponse(result.unwrapped, { ...envelope, statusCode: result.unwrapped });
		return jsonResponse(200, { result: envelope });
	}

	/** API-key endpoints: missing headers INVALID_ARGUMENT, wrong key PERMISSION_DENIED "Invalid API key.". */
	private checkApiKeyAuth(headers: http.IncomingHttpHeaders): PreparedResponse | undefined {
		const apiKey = firstHeader(headers[API_KEY_HEADER]);
		const authToken = firstHeader(headers[AUTH_TOKEN_HEADER]);
		if (apiKey === undefined || apiKey === '')
			return errorResponse('INVALID_ARGUMENT', API_KEY_MISSING_MESSAGE);
		if (authToken === undefined || authToken === '')
			return errorResponse('INVALID_ARGUMENT', DOCUMENTED_MESSAGES.authTokenMissing);
		if (apiKey !== this.apiKey)
			return errorResponse('PERMISSION_DENIED', DOCUMENTED_MESSAGES.invalidApiKey);
		if (authToken !== this.authToken)
			return errorResponse(WRONG_AUTH_TOKEN_CODE, WRONG_AUTH_TOKEN_MESSAGE);
		return undefined;
	}

	/** workspace/get: the documented workspace-level auth errors, UNAUTHENTICATED for a wrong token. */
	private checkWorkspaceAuth(headers: http.IncomingHttpHeaders): PreparedResponse | undefined {
		const workspaceId = firstHeader(headers[WORKSPACE_ID_HEADER]);
		const authToken = firstHeader(headers[WORKSPACE_AUTH_TOKEN_HEADER]);
		if (workspaceId === undefined || workspaceId === '')
			return errorResponse('INVALID_ARGUMENT', DOCUMENTED_MESSAGES.workspaceIdMissing);
		if (authToken === undefined || authToken === '')
			return errorResponse('INVALID_ARGUMENT', DOCUMENTED_MESSAGES.authTokenMissing);
		if (workspaceId !== this.workspaceId)
			return errorResponse('NOT_FOUND', DOCUMENTED_MESSAGES.workspaceNotFound);
		if (authToken !== this.workspaceAuthToken)
			return errorResponse('UNAUTHENTICATED', DOCUMENTED_MESSAGES.invalidWorkspaceToken);
		return undefined;
	}

	private async handleControl(
		req: http.IncomingMessage,
		path: string,
		text: string,
	): Promise<PreparedResponse> {
		const method = req.method ?? 'GET';
		const action = path.slice(CONTROL_PATH_PREFIX.length);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const body = parseJson(text);
		const bodyValue = body.ok ? body.value : undefined;
		const route = `${method} ${action}`;
		const bad = (message: string): PreparedResponse => errorResponse('INVALID_ARGUMENT', message);

		switch (route) {
			case 'GET /health':
				return jsonResponse(200, {
					ok: true,
					url: this.url,
					notifications: this.store.countNotifications(),
					requests: this.requests.length,
				});
			case 'GET /requests':
				return jsonResponse(200, { requests: this.requests });
			case 'POST /reset':
				this.reset();
				return jsonResponse(200, { ok: true });
			case 'GET /faults':
				return jsonResponse(200, {
					faults: this.faults.currentConfig ?? null,
					pendingScripted: this.faults.pendingScriptedFaults,
				});
			case 'POST /faults': {
				if (bodyValue === null || (body.ok === false && text.trim() === '')) {
					this.setFaults(undefined);
					return jsonResponse(200, { ok: true, faults: null });
				}
				const config = parseFaultConfig(bodyValue);
				if (typeof config === 'string') return bad(config);
				this.setFaults(config);
				return jsonResponse(200, { ok: true, faults: config });
			}
			case 'POST /fail-next': {
				if (!isJsonObject(bodyValue) || !isFaultKind(bodyValue.kind))
					return bad('kind must be a fault kind');
				const { kind, count, path: faultPath, slowMs } = bodyValue;
				if (
					count !== undefined &&
					(typeof count !== 'number' || !Number.isInteger(count) || count < 1)
				) {
					return bad('count must be a positive integer');
				}
				if (faultPath !== undefined && typeof faultPath !== 'string')
					return bad('path must be a string');
				if (slowMs !== undefined && typeof slowMs !== 'number')
					return bad('slowMs must be a number');
				this.failNext(kind, count, faultPath, { slowMs });
				return jsonResponse(200, { ok: true });
			}
			case 'GET /notifications': {
				const filter: NotificationFilter = {};
				for (const key of ['organizationId', 'documentId', 'locationId', 'userId'] as const) {
					const value = url.searchParams.get(key);
					if (value !== null) filter[key] = value;
				}
				const notifications = this.store
					.listNotifications(filter)
					.map((n) => this.store.toDebugJson(n));
				return jsonResponse(200, { notifications });
			}
			case 'GET /features':
				return jsonResponse(200, { features: this.getFeatures() });
			case 'POST /features': {
				if (!isJsonObject(bodyValue)) return bad('body must be an object of feature flags');
				const update: Partial<EmulatorFeatures> = {};
				for (const [name, enabled] of Object.entries(bodyValue)) {
					if (!(name in ALL_FEATURES_ON) || typeof enabled !== 'boolean') {
						return bad(
							`${name} is not a feature flag (${Object.keys(ALL_FEATURES_ON).join(', ')}) with a boolean`,
						);
					}
					update[name as keyof EmulatorFeatures] = enabled;
				}
				this.setFeatures(update);
				return jsonResponse(200, { features: this.getFeatures() });
			}
			case 'POST /clock': {
				const now = isJsonObject(bodyValue) ? bodyValue.now : undefined;
				if (now !== null && typeof now !== 'number')
					return bad('now must be a number (ms) or null');
				this.setClock(now === null ? undefined : now);
				return jsonResponse(200, { ok: true, now: this.clock() });
			}
			case 'POST /seed-sample': {
				const seed =
					isJsonObject(bodyValue) && typeof bodyValue.seed === 'number' ? bodyValue.seed : 1;
				return jsonResponse(200, seedSampleData(this.store, { seed }));
			}
			case 'GET /stats':
				return jsonResponse(200, this.stats());
			case 'GET /hostile':
				return jsonResponse(200, { hostile: this.getHostile() ?? null });
			case 'POST /hostile': {
				if (bodyValue === null || (body.ok === false && text.trim() === '')) {
					this.setHostile(undefined);
					return jsonResponse(200, { ok: true, hostile: null });
				}
				const config = parseHostileConfig(bodyValue);
				if (typeof config === 'string') return bad(config);
				this.setHostile(config);
				return jsonResponse(200, { ok: true, hostile: config });
			}
			case 'GET /limits':
				return jsonResponse(200, { limits: this.getLimits() });
			case 'POST /limits': {
				if (!isJsonObject(bodyValue))
					return bad('body must be {maxInFlight?, maxRequestsPerSecond?, retryAfterSeconds?}');
				try {
					this.setLimits(bodyValue as LoadLimits);
				} catch (error) {
					return bad(error instanceof Error ? error.message : String(error));
				}
				return jsonResponse(200, { limits: this.getLimits() });
			}
			case 'POST /latency': {
				const latencyMs = isJsonObject(bodyValue) ? bodyValue.latencyMs : undefined;
				if (typeof latencyMs !== 'number' || latencyMs < 0)
					return bad('latencyMs must be a non-negative number');
				this.setLatency(latencyMs);
				return jsonResponse(200, { latencyMs });
			}
			case 'POST /webhooks/deliver-basic': {
				if (!isJsonObject(bodyValue)) return bad('body must be {payload, options?}');
				const options = isJsonObject(bodyValue.options)
					? (bodyValue.options as WebhookDeliveryOptions & { url?: string })
					: {};
				try {
					return jsonResponse(200, await this.deliverBasicWebhookEvent(bodyValue.payload, options));
				} catch (error) {
					return bad(error instanceof Error ? error.message : String(error));
				}
			}
			case 'GET /comment-annotations': {
				const organizationId = url.searchParams.get('organizationId') ?? undefined;
				const documentId = url.searchParams.get('documentId');
				return jsonResponse(
					200,
					this.store.collaboration.toDebugJson({
						organizationId,
						documentIds: documentId === null ? undefined : [documentId],
					}),
				);
			}
			case 'POST /recordings': {
				// Recordings are made by the SDK's recorder, never through the REST API: tests arrange them.
				if (
					!isJsonObject(bodyValue) ||
					typeof bodyValue.organizationId !== 'string' ||
					!isJsonObject(bodyValue.recording)
				)
					return bad('body must be {organizationId, recording}');
				this.store.activity.insertRecording(bodyValue.organizationId, bodyValue.recording);
				return jsonResponse(200, { ok: true });
			}
			case 'GET /live-state':
				return jsonResponse(200, {
					liveState: this.store.activity.liveStateEntries(
						url.searchParams.get('organizationId') ?? undefined,
					),
				});
			case 'GET /webhook-endpoints':
				return jsonResponse(200, { endpoints: this.store.listWebhookEndpoints() });
			case 'POST /webhooks/deliver': {
				if (!isJsonObject(bodyValue) || typeof bodyValue.endpointId !== 'string')
					return bad('endpointId is required');
				const options = isJsonObject(bodyValue.options)
					? (bodyValue.options as WebhookDeliveryOptions)
					: {};
				try {
					return jsonResponse(
						200,
						await this.deliverWebhookEvent(bodyValue.endpointId, bodyValue.payload, options),
					);
				} catch (error) {
					return bad(error instanceof Error ? error.message : String(error));
				}
			}
			case 'POST /webhooks/publish': {
				if (
					!isJsonObject(bodyValue) ||
					!isJsonObject(bodyValue.payload) ||
					typeof bodyValue.payload.event !== 'string'
				) {
					return bad('payload with a string event is required');
				}
				const payload = bodyValue.payload as { event: string };
				return jsonResponse(200, { deliveries: await this.publishWebhookEvent(payload) });
			}
			default:
				return errorResponse('NOT_FOUND', `No control endpoint ${route}.`);
		}
	}

	// ---- plumbing -----------------------------------------------------------------------------

	private delay(ms: number): Promise<void> {
		if (ms <= 0 || this.closed) return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				this.pendingDelays.delete(entry);
				resolve();
			};
			const entry: { timer?: NodeJS.Timeout; resolve: () => void } = { resolve };
			if (this.loadClock === realLoadClock) entry.timer = setTimeout(done, ms);
			else void this.loadClock.sleep(ms).then(done);
			this.pendingDelays.add(entry);
		});
	}

	private send(res: http.ServerResponse, response: PreparedResponse): void {
		if (this.closed) {
			res.socket?.destroy();
			return;
		}
		if (res.destroyed || res.writableEnded) return;
		if (response.status === 429) this.counters.rateLimitedResponses++;
		res.writeHead(response.status, {
			...response.headers,
			'content-length': String(Buffer.byteLength(response.body)),
		});
		res.end(response.body);
	}

	private destroy(req: http.IncomingMessage): void {
		req.socket.destroy();
	}
}

function newCounters(): {
	requestsByEndpoint: Record<string, number>;
	rateLimitedResponses: number;
	limitedBy: { inFlight: number; perSecond: number };
	peakInFlight: number;
} {
	return {
		requestsByEndpoint: {},
		rateLimitedResponses: 0,
		limitedBy: { inFlight: 0, perSecond: 0 },
		peakInFlight: 0,
	};
}

/** The encoding the workspace config asks for (choices.ts: encryption wins over encoding). */
function configuredEncoding(encryptData: boolean, encodeData: boolean): WebhookPayloadEncoding {
	if (encryptData && (ENCRYPTION_WINS_OVER_ENCODING || !encodeData)) return 'encrypted';
	return encodeData ? 'base64' : 'plain';
}

/** Starts an emulator on 127.0.0.1 and resolves once it is listening. */
export async function startVeltEmulator(options: VeltEmulatorOptions = {}): Promise<VeltEmulator> {
	const emulator = new VeltEmulatorServer(options);
	await emulator.listen(options.port ?? 0);
	return emulator;
}
