import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import type { IdFilter } from '../../../shared/parameters';
import {
	assertOneOf,
	field,
	optionalString,
	optionalTimestamp,
	readIdFilters,
	readReturnLimit,
	readSortOrder,
} from '../../../shared/parameters';
import {
	filtersAndSort,
	idListField,
	simplifyFields,
	simplifyOn,
} from '../../../shared/descriptions';
import type { VeltResult } from '../../../shared/transport';
import {
	appendToGroup,
	appendUpTo,
	COLLABORATION_ENDPOINTS,
	MAX_IDS_PER_COMMENT_ANNOTATIONS_GET,
	readAllPages,
} from '../../../shared/transport';
import {
	sortedByDisplayName,
	returnAllFields,
	pagedReadOptions,
} from '../../../shared/execution/options.descriptions';
import { readScope } from '../../../shared/scope';
import { organizationField, documentField } from '../../descriptions';
import { SIMPLE_THREAD_FIELDS, simplifyThread } from '../../helpers/simplify';
const idFilter = (displayName: string, name: string, description: string): INodeProperties =>
	idListField(
		displayName,
		name,
		`${description}: IDs separated by commas, or an array from an expression`,
	);

const timeFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `${description} (a date, or ms since 1970)`,
});

const filters: INodeProperties[] = sortedByDisplayName([
	idFilter('Comment Thread IDs', 'annotationIds', 'Only these threads (at most 30)'),
	idFilter(
		'Document IDs',
		'documentIds',
		'Threads of these documents (at most 30), besides Document',
	),
	idFilter('Location IDs', 'locationIds', 'Only threads at these locations (at most 30)'),
	idFilter('Author User IDs', 'userIds', 'Only threads started by these users (at most 30)'),
	idFilter('Mentioned User IDs', 'mentionedUserIds', 'Only threads that mention these users'),
	idFilter('Status IDs', 'statusIds', 'Only threads with these statuses, e.g. OPEN, IN_PROGRESS'),
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		default: '',
		description: 'Only threads of the documents in this folder',
	},
	{
		displayName: 'Resolved By User ID',
		name: 'resolvedBy',
		type: 'string',
		default: '',
		description: 'Only threads this user resolved',
	},
	{
		displayName: 'Group by Document',
		name: 'groupByDocumentId',
		type: 'boolean',
		default: false,
		description:
			'Whether to return one item per document, {documentId, annotations}, instead of one per thread',
	},
	timeFilter('Updated After', 'updatedAfter', 'Only threads updated at or after this time'),
	timeFilter('Updated Before', 'updatedBefore', 'Only threads updated at or before this time'),
	timeFilter('Created After', 'createdAfter', 'Only threads created at or after this time'),
	timeFilter('Created Before', 'createdBefore', 'Only threads created at or before this time'),
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		description: 'Only threads of this AI agent (at most one agent filter)',
	},
	{
		displayName: 'Agent Execution ID',
		name: 'executionId',
		type: 'string',
		default: '',
		description: 'Only threads of this agent run (at most one agent filter)',
	},
	{
		displayName: 'Agent Type',
		name: 'agentType',
		type: 'string',
		default: '',
		description: 'Only threads of agents of this type (at most one agent filter)',
	},
	{
		displayName: 'Agent Source',
		name: 'agentSource',
		type: 'options',
		options: [
			{ name: 'Velt', value: 'velt' },
			{ name: 'External', value: 'external' },
		],
		default: 'velt',
		description: 'Only threads of agents from this source (at most one agent filter)',
	},
	{
		displayName: 'Agent Suggestions Only',
		name: 'agentSuggestions',
		type: 'boolean',
		default: true,
		description: 'Whether to return only pending agent suggestions (at most one agent filter)',
	},
	{
		displayName: 'Agent Comments Only',
		name: 'agentComments',
		type: 'boolean',
		default: true,
		description: 'Whether to return only threads written by agents (at most one agent filter)',
	},
	{
		displayName: 'Start Cursor',
		name: 'startCursor',
		type: 'string',
		default: '',
		description: "Continue a read where an earlier one stopped: Velt's nextPageToken",
	},
]);

const AGENT_FILTERS = [
	'agentId',
	'executionId',
	'agentType',
	'agentSource',
	'agentSuggestions',
	'agentComments',
];
const ID_FILTERS: IdFilter[] = [
	{ name: 'annotationIds', label: 'Comment Thread IDs', max: MAX_IDS_PER_COMMENT_ANNOTATIONS_GET },
	{ name: 'documentIds', label: 'Document IDs', max: MAX_IDS_PER_COMMENT_ANNOTATIONS_GET },
	{ name: 'locationIds', label: 'Location IDs', max: MAX_IDS_PER_COMMENT_ANNOTATIONS_GET },
	{ name: 'userIds', label: 'Author User IDs', max: MAX_IDS_PER_COMMENT_ANNOTATIONS_GET },
	{ name: 'mentionedUserIds', label: 'Mentioned User IDs' },
	{ name: 'statusIds', label: 'Status IDs' },
];
const TIME_FILTERS: Array<[string, string]> = [
	['updatedAfter', 'Updated After'],
	['updatedBefore', 'Updated Before'],
	['createdAfter', 'Created After'],
	['createdBefore', 'Created Before'],
];

const properties: INodeProperties[] = [
	organizationField('The Velt organization whose comment threads to read'),
	documentField(
		'Threads of this document; leave empty to filter by the fields under Filters only',
		false,
	),
	...returnAllFields,
	...simplifyFields(SIMPLE_THREAD_FIELDS, 2),
	...filtersAndSort(filters, {
		options: [
			{ name: 'Last Updated First', value: 'desc' },
			{ name: 'Last Updated Last', value: 'asc' },
		],
	}),
	pagedReadOptions(),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GetThreadsRequest {
	query: IDataObject;
	limit: number | undefined;
	grouped: boolean;
	simplify: boolean;
}

export function buildGetThreadsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetThreadsRequest {
	const given = (parameters.filters ?? {}) as IDataObject;
	const ref = (label: string, name: string) => field(node, itemIndex, label, `filters.${name}`);
	const query = {
		...readScope(
			parameters,
			{ organizationId: 'required', documentId: 'optional' },
			node,
			itemIndex,
		),
		...readIdFilters(given, ID_FILTERS, node, itemIndex),
	};
	for (const name of ['folderId', 'resolvedBy', 'agentId', 'executionId', 'agentType']) {
		const text = optionalString(given[name]);
		if (text !== undefined) query[name] = text;
	}
	// Velt's nextPageToken of an earlier read, to go on from there.
	const startCursor = optionalString(given.startCursor);
	if (startCursor !== undefined) query.pageToken = startCursor;
	if (given.agentSource !== undefined)
		query.agentSource = assertOneOf(
			given.agentSource,
			['velt', 'external'],
			ref('Agent Source', 'agentSource'),
		);
	for (const name of ['agentSuggestions', 'agentComments', 'groupByDocumentId']) {
		if (given[name] === true) query[name] = true;
	}
	const agentFilters = AGENT_FILTERS.filter((name) => query[name] !== undefined);
	if (agentFilters.length > 1) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Filters',
			`${agentFilters.join(' and ')} are set, but Velt takes at most one agent filter`,
			'Keep one of the agent filters.',
			{ parameter: 'filters' },
		);
	}
	const order = readSortOrder(parameters, node, itemIndex);
	if (order !== undefined) query.order = order;
	for (const [name, label] of TIME_FILTERS) {
		const time = optionalTimestamp(given[name], ref(label, name));
		if (time !== undefined) query[name] = time;
	}
	return {
		query,
		limit: readReturnLimit(parameters, node, itemIndex),
		grouped: query.groupByDocumentId === true,
		simplify: simplifyOn(parameters),
	};
}

/** One thread read, with the document it was grouped under (groupByDocumentId). */
interface ThreadEntry {
	documentId?: string;
	value: IDataObject;
}

const isEntry = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null;

/** What commentannotations/get answers: a list, or lists per document when grouped. */
function entriesOf(data: unknown): ThreadEntry[] {
	// Velt answers null for an annotationId it does not know.
	if (Array.isArray(data)) return data.filter(isEntry).map((value) => ({ value }));
	if (!isEntry(data)) return [];
	return Object.entries(data).flatMap(([documentId, list]) =>
		Array.isArray(list) ? list.filter(isEntry).map((value) => ({ documentId, value })) : [],
	);
}

/** At most `limit` threads (all when undefined); a query's pageToken is where the read starts. */
async function readThreads(
	this: IExecuteFunctions,
	request: GetThreadsRequest,
	run: OperationRun,
): Promise<VeltResult<ThreadEntry[]>> {
	const { pageToken, ...data } = request.query;
	const entries: ThreadEntry[] = [];
	return await (readAllPages<ThreadEntry[]>).call(
		this,
		run.connection,
		{
			endpoint: COLLABORATION_ENDPOINTS.getCommentAnnotations,
			data,
			policy: run.options.policy,
			limits: run.options.readLimits,
			startToken: typeof pageToken === 'string' ? pageToken : undefined,
			limit: request.limit,
		},
		{
			count: () => entries.length,
			take: (pageData, left) => {
				const page = entriesOf(pageData);
				appendUpTo(entries, page, left);
				return page.length;
			},
			result: () => entries,
		},
	);
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetThreadsRequest,
	send: readThreads,
	toOutcome: ({ data }, request) => {
		const shown = (thread: IDataObject) => (request.simplify ? simplifyThread(thread) : thread);
		if (!request.grouped) return { json: data.map((entry) => shown(entry.value)) };
		const byDocument = new Map<string, IDataObject[]>();
		for (const entry of data)
			appendToGroup(byDocument, entry.documentId ?? '', [shown(entry.value)]);
		return {
			json: [...byDocument].map(([documentId, annotations]) => ({ documentId, annotations })),
		};
	},
});
