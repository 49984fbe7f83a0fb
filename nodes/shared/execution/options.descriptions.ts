import type { INodeProperties } from 'n8n-workflow';
import {
	DEFAULT_CONCURRENCY_CEILING,
	DEFAULT_MAX_RETRIES,
	DEFAULT_RETRY_DELAY_MS,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_UPDATE_DELETE_BATCH_SIZE,
} from '../transport';
import { DEFAULT_CONCURRENCY } from './options';

// The Options collection every action node's operations show, read by ./options.ts.

/** Collection options in the alphabetical order n8n's panels use. */
export function sortedByDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function executionOptions(batched: boolean): INodeProperties {
	const options: INodeProperties[] = [
		...(batched
			? [
					{
						displayName: 'Batch Size',
						name: 'batchSize',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_UPDATE_DELETE_BATCH_SIZE,
						description:
							'How many entries one request to Velt may carry; items with the same organization, document and filters are combined',
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many requests to Velt may be in flight at once. 0 means Auto: start with a few, send more while Velt answers quickly, fewer when it asks to slow down. 1 sends them one after another.',
		},
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_CONCURRENCY_CEILING,
			description: 'The most requests Auto concurrency lets be in flight at once',
		},
		{
			// Label and default are MAX_RESPONSE_SIZE_OPTION_NAME and DEFAULT_MAX_RESPONSE_BYTES (literals, as
			// n8n's lint wants; test/unit/options.test.ts compares them).
			displayName: 'Max Response Size (MiB)',
			name: 'maxResponseSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 64,
			description:
				"The largest answer Velt may send to one request, counted while it arrives; a larger one stops with an error. Protects n8n's memory from a wrong Base URL or a proxy; no real Velt page comes near the default.",
		},
		{
			displayName: 'Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_RETRIES,
			description:
				"How often a request is retried after a rate limit, a Velt server error, a timeout or a dropped connection. While retries are on, Velt's Retry-After pauses every request of the run; 0 turns retrying off, and a rate-limited item then fails at once.",
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_RETRY_DELAY_MS,
			description:
				'Wait before the first retry, doubled for each further one (with jitter). A Retry-After from Velt takes precedence.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for Velt to answer one request',
		},
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/**
 * Bounds on one paged read (nodes/shared/transport/pageWalk.ts), so a misbehaving Velt or
 * proxy cannot make Get Many loop. The defaults are DEFAULT_READ_LIMITS and the names
 * READ_LIMIT_OPTION_NAMES (literals, as n8n's lint wants; a unit test compares them); the
 * defaults never bite a real workspace.
 */
export const readLimitOptions: INodeProperties[] = [
	{
		displayName: 'Max Items per Read',
		name: 'maxItemsPerRead',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10000000,
		description:
			'The most items one read may collect before it stops with an error; protects against a Velt (or proxy) that never stops paging',
	},
	{
		displayName: 'Max Pages per Read',
		name: 'maxPagesPerRead',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10000,
		description:
			'The most pages one read may fetch before it stops with an error; protects against a Velt (or proxy) that never stops paging',
	},
	{
		displayName: 'Max Read Time (Ms)',
		name: 'maxReadTime',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3600000,
		description: 'How long one paged read may take before it stops with an error',
	},
];

export const perItemExecutionOptions = executionOptions(false);
export const batchedExecutionOptions = executionOptions(true);

/** The Options of a Get Many: the per-item ones, the read limits and any given here. */
export function pagedReadOptions(
	limits: INodeProperties[] = readLimitOptions,
	more: INodeProperties[] = [],
): INodeProperties {
	return {
		...perItemExecutionOptions,
		options: sortedByDisplayName([
			...(perItemExecutionOptions.options as INodeProperties[]),
			...limits,
			...more,
		]),
	};
}

/** Return All and Limit, read by readReturnLimit (nodes/shared/parameters.ts). */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
