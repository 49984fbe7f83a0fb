import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ConcurrencySettings, ReadLimits, RequestPolicy } from '../transport';
import {
	ConcurrencyController,
	DEFAULT_AUTO_START,
	DEFAULT_CONCURRENCY_CEILING,
	DEFAULT_MAX_RESPONSE_BYTES,
	DEFAULT_READ_LIMITS,
	DEFAULT_REQUEST_POLICY,
	DEFAULT_UPDATE_DELETE_BATCH_SIZE,
} from '../transport';

// The node-wide "Options" collection (Batch Size, Concurrency, Retries, Timeout, response size,
// read limits).

export interface ExecutionOptions {
	/** One per node execution: every request of the execution goes through it. */
	concurrency: ConcurrencyController;
	batchSize: number;
	/** Carries the same controller, so every request waits for a slot and honours a shared pause. */
	policy: RequestPolicy;
	/** Bounds on one paged read (Get Many). */
	readLimits: ReadLimits;
}

/** The labels of the read-limit options (options.descriptions.ts), which their errors name. */
export const READ_LIMIT_OPTION_NAMES = {
	maxPages: 'Max Pages per Read',
	maxItems: 'Max Items per Read',
	maxMs: 'Max Read Time (Ms)',
};

/** The label of Options > Max Response Size (MiB) (options.descriptions.ts), which its error names. */
export const MAX_RESPONSE_SIZE_OPTION_NAME = 'Max Response Size (MiB)';

const MIB = 1024 * 1024;

/** Options > Max Response Size (MiB) in bytes; unset or unusable keeps the default. */
export function maxResponseBytesOf(options: IDataObject): number {
	const value =
		typeof options.maxResponseSize === 'number'
			? options.maxResponseSize
			: Number(options.maxResponseSize);
	if (
		options.maxResponseSize === undefined ||
		options.maxResponseSize === '' ||
		!Number.isFinite(value) ||
		value <= 0
	)
		return DEFAULT_MAX_RESPONSE_BYTES;
	return Math.max(1, Math.floor(value * MIB));
}

/** "Concurrency" 0 means Auto: the limit adapts to how Velt answers. */
export const AUTO_CONCURRENCY = 0;
export const DEFAULT_CONCURRENCY = AUTO_CONCURRENCY;

function positiveInteger(value: unknown, fallback: number): number {
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) && number >= 1 ? Math.floor(number) : fallback;
}

function nonNegativeInteger(value: unknown, fallback: number): number {
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) && number >= 0 ? Math.floor(number) : fallback;
}

/** Concurrency 0 (or none given) is Auto, up to Max Concurrency; any other number is fixed. */
export function readConcurrencySettings(options: IDataObject): ConcurrencySettings {
	const fixed = nonNegativeInteger(options.concurrency, AUTO_CONCURRENCY);
	const ceiling = positiveInteger(options.maxConcurrency, DEFAULT_CONCURRENCY_CEILING);
	if (fixed === AUTO_CONCURRENCY)
		return { mode: 'auto', limit: Math.min(DEFAULT_AUTO_START, ceiling), ceiling };
	return { mode: 'fixed', limit: fixed, ceiling: fixed };
}

/** Options > Max Pages / Items per Read and Max Read Time; anything unset keeps the default. */
export function readLimitsOf(options: IDataObject): ReadLimits {
	return {
		maxPages: positiveInteger(options.maxPagesPerRead, DEFAULT_READ_LIMITS.maxPages),
		maxItems: positiveInteger(options.maxItemsPerRead, DEFAULT_READ_LIMITS.maxItems),
		maxMs: positiveInteger(options.maxReadTime, DEFAULT_READ_LIMITS.maxMs),
		optionNames: READ_LIMIT_OPTION_NAMES,
	};
}

/** The node-wide "Options" collection, read once from the first item. */
export function readExecutionOptions(this: IExecuteFunctions): ExecutionOptions {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = new ConcurrencyController(readConcurrencySettings(options));
	return {
		concurrency,
		batchSize: positiveInteger(options.batchSize, DEFAULT_UPDATE_DELETE_BATCH_SIZE),
		policy: {
			maxRetries: nonNegativeInteger(options.maxRetries, DEFAULT_REQUEST_POLICY.maxRetries),
			retryDelayMs: nonNegativeInteger(options.retryDelay, DEFAULT_REQUEST_POLICY.retryDelayMs),
			timeoutMs: positiveInteger(options.timeout, DEFAULT_REQUEST_POLICY.timeoutMs),
			maxResponseBytes: maxResponseBytesOf(options),
			maxResponseOptionName: MAX_RESPONSE_SIZE_OPTION_NAME,
			controller: concurrency,
		},
		readLimits: readLimitsOf(options),
	};
}
