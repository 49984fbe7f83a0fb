import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { VeltConnection, VeltContext } from './connection';
import { isPlainObject } from './json';
import type { VeltFailure } from './failure';
import { redactSecrets } from './failure';
import { scrubVeltData } from './scrub';
import type { RequestPolicy } from './retryPolicy';
import {
	backoffDelayMs,
	DEFAULT_MAX_RESPONSE_BYTES,
	isTransientFailure,
	parseRetryAfter,
} from './retryPolicy';
import { isBodyStream, readCappedBody, responseTooLarge } from './responseBody';
import type { AnyVeltEndpoint } from './contract';
import { MAX_RETRY_AFTER_MS, RETRYABLE_PER_ID_CODE } from './contract';
import type { LoadSignal } from './concurrencyController';

export type VeltResult<T> =
	| { ok: true; data: T; pageToken?: unknown; message?: string; attempts: number }
	| { ok: false; failure: VeltFailure };

interface RawResponse {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
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

/** `{<id>: {success, message, …}}`: Velt's per-id answer map, as write errors carry it in `details`. */
function isPerIdMap(value: unknown): value is Record<string, unknown> {
	if (!isPlainObject(value)) return false;
	const entries = Object.values(value);
	return (
		entries.length > 0 &&
		entries.every((entry) => isPlainObject(entry) && typeof entry.success === 'boolean')
	);
}

/** Whether the failed entries of Velt's `details` (a per-id map or list) all carry a code other than `internal`. */
function settledPerId(details: unknown): boolean {
	const entries = Array.isArray(details)
		? details
		: isPlainObject(details)
			? Object.values(details)
			: [];
	const failed = entries.filter((entry) => isPlainObject(entry) && entry.success === false);
	return (
		failed.length > 0 &&
		failed.every(
			(entry) =>
				typeof (entry as IDataObject).code === 'string' &&
				(entry as IDataObject).code !== RETRYABLE_PER_ID_CODE,
		)
	);
}

/**
 * Turns whatever came back into Velt's success data or a described failure. `requestUrl`
 * resolves a relative redirect so its origin can be named.
 */
export function interpretResponse<T>(
	response: RawResponse,
	requestUrl?: string,
	resultAtTopLevel = false,
): VeltResult<T> {
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
	if (isPlainObject(body) && isPlainObject(body.error)) {
		// folders/delete answers its error with `code` instead of `status`
		// (https://docs.velt.dev/api-reference/rest-apis/v2/folders/delete-folder).
		const given = body.error.status ?? body.error.code;
		const veltCode = typeof given === 'string' ? given : undefined;
		const message =
			typeof body.error.message === 'string' && body.error.message !== ''
				? body.error.message
				: 'Velt reported an error without a message';
		const failure: VeltFailure = { kind: 'api', message, veltCode, httpStatus, retryAfterMs };
		if (isPerIdMap(body.error.details)) failure.perIdDetails = body.error.details;
		if (settledPerId(body.error.details)) failure.settledPerId = true;
		return { ok: false, failure };
	}
	// users/data/delete answers its result unwrapped (contract.ts USER_DATA_DELETE_TIMEOUT_MS).
	if (
		resultAtTopLevel &&
		httpStatus < 400 &&
		isPlainObject(body) &&
		body.result === undefined &&
		body.status === 'success'
	)
		body = { result: body };
	if (httpStatus >= 400 || !isPlainObject(body) || !isPlainObject(body.result)) {
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
	while (isPlainObject(current) && !seen.has(current)) {
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

/**
 * The answer with its body read under the byte cap: a stream (what n8n's helper gives for
 * `encoding: 'stream'`) is read while counting; a body already in memory (a helper that
 * ignores `encoding`) is measured before it is parsed.
 */
async function readResponse<T>(
	response: RawResponse,
	url: string,
	maxBytes: number,
	policy: RequestPolicy,
	signal: AbortSignal,
): Promise<VeltResult<T>> {
	const atTop = policy.resultAtTopLevel === true;
	const tooLarge = (): VeltResult<T> => ({
		ok: false,
		failure: responseTooLarge(maxBytes, policy.maxResponseOptionName),
	});
	const { body } = response;
	if (isBodyStream(body)) {
		const status = response.statusCode ?? 0;
		// A redirect's body is never needed: it is reported from its status and Location alone.
		if (status >= 300 && status < 400) {
			body.destroy();
			return interpretResponse<T>({ ...response, body: undefined }, url, atTop);
		}
		const read = await readCappedBody(body, response.headers, maxBytes, signal);
		if (!read.ok) return tooLarge();
		return interpretResponse<T>({ ...response, body: read.text }, url, atTop);
	}
	if ((typeof body === 'string' || Buffer.isBuffer(body)) && body.length > maxBytes)
		return tooLarge();
	return interpretResponse<T>(response, url, atTop);
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
 * how it went, and, when retries are on, a Retry-After pauses every request of the
 * execution, not just this one.
 */
export async function sendVeltRequest<T>(
	this: VeltContext,
	connection: VeltConnection,
	endpoint: AnyVeltEndpoint,
	data: IDataObject,
	options: SendOptions,
): Promise<VeltResult<T>> {
	const { policy } = options;
	const { controller } = policy;
	const maxAttempts = options.idempotent ? 1 + Math.max(0, policy.maxRetries) : 1;
	const url = `${connection.baseUrl}${endpoint}`;
	const maxBytes = policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
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
		const signal = cancel === undefined ? deadline : AbortSignal.any([deadline, cancel]);
		// Built per attempt: n8n's helper may add to the options it is given.
		const request: IHttpRequestOptions = {
			method: 'POST',
			url,
			headers: connection.headers,
			body: { data },
			json: true,
			// The body as a stream, read with a byte cap (responseBody.ts): n8n's helper would
			// otherwise hold the whole answer in memory, however large.
			encoding: 'stream',
			timeout: policy.timeoutMs,
			abortSignal: signal,
			// A followed redirect would carry the x-velt-* headers to wherever it points.
			disableFollowRedirect: true,
			maxRedirects: 0,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		let result: VeltResult<T>;
		try {
			const response = (await this.helpers.httpRequest(request)) as RawResponse;
			result = await readResponse<T>(response, url, maxBytes, policy, signal);
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
			// The pause is for retries: with Retries 0 it would only hold every other item (issue 29).
			if (!result.ok && result.failure.retryAfterMs !== undefined && policy.maxRetries > 0)
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
