import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { VeltFailure } from './failure';
import { redactSecrets } from './failure';
import { scrubVeltData } from './scrub';
import type { RequestPolicy } from './retryPolicy';
import { backoffDelayMs, isTransientFailure, parseRetryAfter } from './retryPolicy';
import type { DirectoryEndpoint, VeltEndpoint } from './contract';
import {
	API_KEY_HEADER,
	AUTH_TOKEN_HEADER,
	DEFAULT_BASE_URL,
	MAX_RETRY_AFTER_MS,
} from './contract';
import type { LoadSignal } from './concurrencyController';

export type VeltContext =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export interface VeltConnection {
	baseUrl: string;
	/** Decrypted once per run and handed to every request, so n8n does not load the credential per call. */
	credentials: ICredentialsDecrypted;
	/** The credential's secrets, so any text shown to the user can be scrubbed of them. */
	secrets: string[];
	/**
	 * The two headers the credential's `authenticate` block describes, set once per run:
	 * through n8n's authentication they are two expressions resolved for every request,
	 * which costs more than the request itself in n8n 2.x's isolated expression engine.
	 */
	headers: Record<string, string>;
}

export type VeltResult<T> =
	| { ok: true; data: T; pageToken?: unknown; message?: string; attempts: number }
	| { ok: false; failure: VeltFailure };

/**
 * Literal loopback only: `localhost` itself, 127.0.0.0/8 and ::1. Names under
 * `.localhost` are left to the system resolver, which may answer with any address.
 */
function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
	return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * The credential's base URL, refusing plain http anywhere but loopback (the API
 * key and auth token travel in headers and must not cross a network unencrypted)
 * and any user name or password in the URL (they would be sent as a Basic header
 * and could end up in messages). A URL that is invalid or holds a password is
 * never repeated in the message.
 */
export function normalizeBaseUrl(raw: unknown): { baseUrl?: string; problem?: string } {
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		// Not repeated: a mistyped URL may still hold a password.
		return { problem: 'it is not a valid URL' };
	}
	if (url.username !== '' || url.password !== '') {
		return {
			problem:
				'it contains a user name or password (the part before "@"). Remove it: Velt is authenticated by the API key and auth token.',
		};
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { problem: `"${text}" must start with https://` };
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return {
			problem: `"${text}" uses http://, which would send the API key and auth token unencrypted. Use https://; plain http is only allowed for localhost / 127.0.0.1 (a local emulator).`,
		};
	}
	return { baseUrl: withoutTrailingSlashes(text) };
}

/** A loop, not a regular expression: `/\/+$/` is quadratic on a run of slashes followed by other text. */
function withoutTrailingSlashes(text: string): string {
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 47 /* "/" */) end--;
	return text.slice(0, end);
}

export async function getVeltConnection(this: VeltContext): Promise<VeltConnection> {
	const credentials = await this.getCredentials('veltApi');
	const { baseUrl, problem } = normalizeBaseUrl(credentials.baseUrl);
	if (baseUrl === undefined) {
		throw new NodeOperationError(this.getNode(), `Velt API credential, Base URL: ${problem}`, {
			description:
				'Open the "Velt API" credential and correct its Base URL (the default is https://api.velt.dev).',
		});
	}
	const secrets = [credentials.apiKey, credentials.authToken].filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	const headers = {
		[API_KEY_HEADER]: String(credentials.apiKey ?? ''),
		[AUTH_TOKEN_HEADER]: String(credentials.authToken ?? ''),
	};
	return {
		baseUrl,
		secrets,
		headers,
		credentials: { id: '', name: 'veltApi', type: 'veltApi', data: credentials },
	};
}

interface RawResponse {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The origin a redirect points to, never its path or query (which may carry anything). */
function redirectOrigin(location: unknown, requestUrl: string | undefined): string {
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string' || text === '') return 'an unnamed location';
	try {
		return new URL(text, requestUrl).origin;
	} catch {
		return 'an invalid location';
	}
}

/**
 * Turns whatever came back into Velt's success data or a described failure. `requestUrl`
 * resolves a relative redirect so its origin can be named.
 */
export function interpretResponse<T>(response: RawResponse, requestUrl?: string): VeltResult<T> {
	const httpStatus = response.statusCode ?? 0;
	// Redirects are never followed (the credential headers would go along): say where it pointed.
	if (httpStatus >= 300 && httpStatus < 400) {
		return {
			ok: false,
			failure: {
				kind: 'invalidResponse',
				httpStatus,
				message: `Velt answered HTTP ${httpStatus} redirecting to ${redirectOrigin(response.headers?.location, requestUrl)}; redirects are not followed so the API key is never sent elsewhere. Check the Base URL`,
			},
		};
	}
	let body = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			const contentType = String(response.headers?.['content-type'] ?? 'unknown type');
			return {
				ok: false,
				failure: {
					kind: 'invalidResponse',
					httpStatus,
					message: `Velt answered HTTP ${httpStatus} with a ${contentType.split(';')[0]} page instead of JSON`,
				},
			};
		}
	}
	const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
	if (isObject(body) && isObject(body.error)) {
		const veltCode = typeof body.error.status === 'string' ? body.error.status : undefined;
		const message =
			typeof body.error.message === 'string' && body.error.message !== ''
				? body.error.message
				: 'Velt reported an error without a message';
		return { ok: false, failure: { kind: 'api', message, veltCode, httpStatus, retryAfterMs } };
	}
	if (httpStatus >= 400 || !isObject(body) || !isObject(body.result)) {
		return {
			ok: false,
			failure: {
				kind: httpStatus >= 400 ? 'api' : 'invalidResponse',
				httpStatus,
				retryAfterMs,
				message:
					httpStatus >= 400
						? `Velt answered HTTP ${httpStatus} without an error message`
						: 'Velt answered without a result',
			},
		};
	}
	const result = body.result;
	return {
		ok: true,
		data: result.data as T,
		// Get notifications and documents answer `pageToken`, organizations and users `nextPageToken`.
		pageToken: result.pageToken ?? result.nextPageToken,
		message: typeof result.message === 'string' ? result.message : undefined,
		attempts: 1,
	};
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_CANCELED',
	'UND_ERR_SOCKET',
]);

/** Describes a request that got no HTTP answer (the error thrown by n8n's request helper). */
export function describeThrownError(error: unknown, timeoutMs: number): VeltFailure {
	const seen = new Set<unknown>();
	let current: unknown = error;
	let code: string | undefined;
	let text = '';
	while (isObject(current) && !seen.has(current)) {
		seen.add(current);
		const candidate = current as IDataObject & { cause?: unknown };
		if (typeof candidate.code === 'string' && code === undefined) code = candidate.code;
		if (typeof candidate.message === 'string') text += ` ${candidate.message}`;
		current = candidate.cause;
	}
	if (current instanceof Error && !seen.has(current)) text += ` ${current.message}`;
	if (error instanceof Error && text === '') text = error.message;
	const lower = text.toLowerCase();
	if (
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		lower.includes('timeout') ||
		lower.includes('timed out')
	) {
		return {
			kind: 'timeout',
			networkCode: code,
			message: `Velt did not answer within ${timeoutMs} ms`,
		};
	}
	if (code === 'ERR_CANCELED' || lower.includes('canceled') || lower.includes('aborted')) {
		return {
			kind: 'network',
			networkCode: 'ERR_CANCELED',
			message: 'The request to Velt was cancelled',
		};
	}
	if (
		(code !== undefined && NETWORK_CODES.has(code)) ||
		lower.includes('socket hang up') ||
		lower.includes('connect')
	) {
		return {
			kind: 'network',
			networkCode: code,
			message: 'The connection to Velt failed before an answer arrived',
		};
	}
	return {
		kind: 'network',
		networkCode: code,
		message: `The request to Velt failed: ${text.trim() || 'unknown error'}`,
	};
}

/** The execution's own cancel signal, where the context has one (not every context type does). */
function executionCancelSignal(context: VeltContext): AbortSignal | undefined {
	const candidate = context as Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>;
	return typeof candidate.getExecutionCancelSignal === 'function'
		? candidate.getExecutionCancelSignal()
		: undefined;
}

export interface SendOptions {
	policy: RequestPolicy;
	/**
	 * Whether sending the same request twice is harmless. Adds are idempotent only
	 * when they carry a notificationId; anything else is never retried.
	 */
	idempotent: boolean;
}

/** What a finished attempt says about the load on Velt, for the concurrency controller. */
export function loadSignalOf(result: VeltResult<unknown>): LoadSignal {
	if (result.ok) return 'success';
	const { failure } = result;
	if (
		failure.kind === 'timeout' ||
		failure.httpStatus === 429 ||
		failure.httpStatus === 503 ||
		failure.veltCode === 'RESOURCE_EXHAUSTED'
	)
		return 'overload';
	return 'neutral';
}

/**
 * One Velt call with retries on transient failures. Never throws for API or network
 * failures. With a controller in the policy every attempt waits for a slot, reports
 * how it went, and a Retry-After pauses every request of the execution, not just this one.
 */
export async function sendVeltRequest<T>(
	this: VeltContext,
	connection: VeltConnection,
	endpoint: VeltEndpoint | DirectoryEndpoint,
	data: IDataObject,
	options: SendOptions,
): Promise<VeltResult<T>> {
	const { policy } = options;
	const { controller } = policy;
	const maxAttempts = options.idempotent ? 1 + Math.max(0, policy.maxRetries) : 1;
	const url = `${connection.baseUrl}${endpoint}`;
	let lastFailure: VeltFailure | undefined;
	for (let attempt = 1; attempt <= maxAttempts; attempt++) {
		// A Retry-After already paused the controller, which every attempt waits for.
		if (attempt > 1 && !(controller !== undefined && lastFailure?.retryAfterMs !== undefined)) {
			await sleep(backoffDelayMs(attempt - 1, policy, lastFailure?.retryAfterMs));
		}
		const ticket = controller === undefined ? undefined : await controller.acquire();
		// n8n's `timeout` only bounds silence between bytes; this bounds the whole attempt.
		const deadline = AbortSignal.timeout(policy.timeoutMs);
		const cancel = executionCancelSignal(this);
		// Built per attempt: n8n's helper may add to the options it is given.
		const request: IHttpRequestOptions = {
			method: 'POST',
			url,
			headers: connection.headers,
			body: { data },
			json: true,
			timeout: policy.timeoutMs,
			abortSignal: cancel === undefined ? deadline : AbortSignal.any([deadline, cancel]),
			// A followed redirect would carry the x-velt-* headers to wherever it points.
			disableFollowRedirect: true,
			maxRedirects: 0,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		let result: VeltResult<T>;
		try {
			const response = (await this.helpers.httpRequest(request)) as RawResponse;
			result = interpretResponse<T>(response, url);
			if (result.ok) {
				scrubVeltData(result.data, connection.secrets);
				if (result.message !== undefined)
					result.message = redactSecrets(result.message, connection.secrets);
			}
		} catch (error) {
			result = {
				ok: false,
				failure:
					deadline.aborted && cancel?.aborted !== true
						? { kind: 'timeout', message: `Velt did not answer within ${policy.timeoutMs} ms` }
						: describeThrownError(error, policy.timeoutMs),
			};
		}
		if (ticket !== undefined && controller !== undefined) {
			if (!result.ok && result.failure.retryAfterMs !== undefined)
				controller.pause(Math.min(result.failure.retryAfterMs, MAX_RETRY_AFTER_MS));
			controller.release(ticket, loadSignalOf(result));
		}
		if (result.ok) {
			result.attempts = attempt;
			return result;
		}
		lastFailure = {
			...result.failure,
			message: redactSecrets(result.failure.message, connection.secrets),
			attempts: attempt,
		};
		if (!isTransientFailure(lastFailure)) break;
	}
	return { ok: false, failure: lastFailure as VeltFailure };
}
