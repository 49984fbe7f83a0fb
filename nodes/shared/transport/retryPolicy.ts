import { MAX_RETRY_AFTER_MS } from './contract';
import type { VeltFailure } from './failure';
import type { ConcurrencyController } from './concurrencyController';

export interface RequestPolicy {
	/** Retries after the first attempt; 0 turns retrying off. */
	maxRetries: number;
	/** Delay before the first retry; it doubles with each further retry. */
	retryDelayMs: number;
	/** How long one attempt may take before it counts as a timeout. */
	timeoutMs: number;
	/**
	 * The most bytes one answer may hold, counted while it is read (responseBody.ts);
	 * DEFAULT_MAX_RESPONSE_BYTES when unset.
	 */
	maxResponseBytes?: number;
	/** The option that raises maxResponseBytes, named in the error where the node has one. */
	maxResponseOptionName?: string;
	/** Shared by every request of one node execution: in-flight limit and Retry-After pause. */
	controller?: ConcurrencyController;
	/** The answer's result is the body itself, not `body.result` (users/data/delete, contract.ts). */
	resultAtTopLevel?: boolean;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any real page (Velt's largest pages are 1,000 entries of a few KiB at most). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
	maxRetries: DEFAULT_MAX_RETRIES,
	retryDelayMs: DEFAULT_RETRY_DELAY_MS,
	timeoutMs: DEFAULT_TIMEOUT_MS,
	maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

const MAX_BACKOFF_MS = 30_000;

/** Failures worth another attempt: rate limits, Velt's 5xx, timeouts and dropped connections. */
export function isTransientFailure(failure: VeltFailure): boolean {
	switch (failure.kind) {
		case 'timeout':
			return true;
		case 'network':
			return failure.networkCode !== 'ENOTFOUND' && failure.networkCode !== 'ERR_CANCELED';
		case 'invalidResponse':
		case 'api':
			// A 500 whose per-id codes say "not safe to retry" would loop (contract.ts).
			if (failure.settledPerId === true) return false;
			if (failure.veltCode === 'RESOURCE_EXHAUSTED' || failure.veltCode === 'DEADLINE_EXCEEDED')
				return true;
			return (
				failure.httpStatus === 429 ||
				(failure.httpStatus !== undefined && failure.httpStatus >= 500)
			);
		default:
			return false;
	}
}

/**
 * The wait before retry number `retry` (1-based): exponential with jitter, or the
 * server's Retry-After when it sent one, capped so a workflow never stalls for long.
 */
export function backoffDelayMs(
	retry: number,
	policy: RequestPolicy,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS);
	const exponential = Math.min(policy.retryDelayMs * 2 ** (retry - 1), MAX_BACKOFF_MS);
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value === 'number') return value * 1000;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(seconds, 0) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}
