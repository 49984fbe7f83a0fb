import type { INodeProperties } from 'n8n-workflow';
import {
	DEFAULT_CONCURRENCY_CEILING,
	DEFAULT_MAX_RETRIES,
	DEFAULT_RETRY_DELAY_MS,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_UPDATE_DELETE_BATCH_SIZE,
} from '../../shared/transport';
import { DEFAULT_CONCURRENCY } from '../../shared/execution/options';

export const verifyUserPermissionsField: INodeProperties = {
	displayName: 'Verify User Permissions',
	name: 'verifyUserPermissions',
	type: 'boolean',
	default: false,
	description: 'Whether Velt should only reach users who have access to the document',
};

/** The fields of a Velt user as a no-code user fills them in. */
export const userValueFields: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID your app gives the user in Velt',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
];

export function actionUserField(description: string): INodeProperties {
	return {
		displayName: 'Action User',
		name: 'actionUser',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Action User',
		description,
		options: [
			{
				displayName: 'User',
				name: 'user',
				values: [
					...userValueFields,
					{ displayName: 'Photo URL', name: 'photoUrl', type: 'string', default: '' },
				],
			},
		],
	};
}

export function jsonObjectField(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

export const headlineTemplateDataField: INodeProperties = {
	displayName: 'Headline Template Data',
	name: 'displayHeadlineMessageTemplateData',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Template Variable',
	description:
		'Values for the {placeholders} of the headline. A value may be a user given as JSON, e.g. {"userId": "u1", "name": "Ana"}.',
	options: [
		{
			displayName: 'Variable',
			name: 'values',
			values: [
				{
					displayName: 'Name',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. actionUser',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/** Content fields Add and Update share; each operation adds its own around them. */
export const notificationContentFields: INodeProperties[] = [
	actionUserField('The user who caused the notification, e.g. who closed the deal'),
	{
		displayName: 'Body',
		name: 'displayBodyMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The secondary text under the headline',
	},
	{
		displayName: 'Body Template',
		name: 'displayBodyMessageTemplate',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'A body with {placeholders}, filled from Body Template Data',
	},
	jsonObjectField(
		'Body Template Data',
		'displayBodyMessageTemplateData',
		'Values for the {placeholders} of the body template, as a JSON object',
	),
	jsonObjectField(
		'Context',
		'context',
		'Restricts who sees the notification to users whose context permissions match, e.g. {"access": {"dashboardId": "sales"}}',
	),
	headlineTemplateDataField,
	jsonObjectField(
		'Location',
		'location',
		'Where in the document the notification points, e.g. {"id": "section-2", "locationName": "Pricing"}',
	),
	jsonObjectField(
		'Metadata',
		'metadata',
		'Any extra data to store with the notification, as a JSON object',
	),
	jsonObjectField(
		'Notification Source Data',
		'notificationSourceData',
		'Any JSON object; Velt hands it back to your app when the user clicks the notification',
	),
];

/** Collection options in the alphabetical order n8n's panels use. */
export function sortedByDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const notificationIdsField: INodeProperties = {
	displayName: 'Notification IDs',
	name: 'notificationIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. n8n-1a2b, n8n-3c4d',
	description: 'Notification IDs separated by commas, or an array from an expression',
};

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
							'How many notifications one request to Velt may carry; items with the same organization, document and filters are combined',
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
			displayName: 'Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often a request is retried after a rate limit, a Velt server error, a timeout or a dropped connection. 0 turns retrying off.',
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
			'The most notifications one read may collect before it stops with an error; protects against a Velt (or proxy) that never stops paging',
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
