import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome, writeSummary } from '../../../shared/execution/perIdAnswers';
import type { IdFilter } from '../../../shared/parameters';
import { optionalString } from '../../../shared/parameters';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { filtersCollection, idListField } from '../../../shared/descriptions';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readScope } from '../../../shared/scope';
import {
	organizationField,
	documentField,
	targetFields,
	authorUserIdsFilter,
	locationIdsFilter,
} from '../../descriptions';
import { LOCATION_IDS, AUTHOR_USER_IDS, readThreadTargets } from '../../helpers/threadTargets';
const ID_FILTERS: IdFilter[] = [
	LOCATION_IDS,
	AUTHOR_USER_IDS,
	{ name: 'agentUrls', label: 'Agent URLs' },
];

const properties: INodeProperties[] = [
	{
		...organizationField(
			'The Velt organization of the document. Leave empty for a document created without an organization',
			false,
		),
	},
	documentField('The Velt document whose threads to delete'),
	...targetFields('delete'),
	filtersCollection([
		{
			displayName: 'Agent ID',
			name: 'agentId',
			type: 'string',
			default: '',
			description: 'Only threads of this AI agent',
		},
		{
			displayName: 'Agent Suggestions Only',
			name: 'agentSuggestions',
			type: 'boolean',
			default: true,
			description: "Whether to delete only the agent's still-pending suggestions",
		},
		idListField(
			'Agent URLs',
			'agentUrls',
			'Only agent threads on these page URLs, separated by commas',
		),
		authorUserIdsFilter('Only threads started by these users'),
		locationIdsFilter('Only threads at these locations'),
	]),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/**
 * Velt's per-id answer for a thread it does not have
 * (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/delete-comment-annotations)
 */
const THREAD_MISSING = /^Annotation not found\.?$/;

export function buildDeleteThreadsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const scope = readScope(
		parameters,
		{ organizationId: 'optional', documentId: 'required' },
		node,
		itemIndex,
	);
	const { annotationIds, filters } = readThreadTargets(
		parameters,
		node,
		itemIndex,
		'delete',
		ID_FILTERS,
		['agentId', 'agentSuggestions'],
	);
	if (filters.agentId !== undefined) filters.agentId = optionalString(filters.agentId);
	const data: IDataObject = { ...scope, ...filters };
	if (annotationIds.length > 0) data.annotationIds = annotationIds;
	return data;
}

export const execute = perItemExecutor({
	properties,
	prepare: buildDeleteThreadsRequest,
	// Deleting what is gone already changes nothing, so a retry is harmless.
	send: sendOneCall(COLLABORATION_ENDPOINTS.deleteCommentAnnotations),
	toOutcome: perIdWriteOutcome({
		ids: 'annotationIds',
		missingAfterRetry: THREAD_MISSING,
		failure: {
			doing: 'delete comment thread',
			hint: 'Check that each thread exists in this document and that its ID is right.',
		},
		summary: (matched) => writeSummary(matched, 'deleted'),
	}),
});
