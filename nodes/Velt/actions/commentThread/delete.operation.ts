import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { optionalString } from '../../../shared/parameters';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	documentField,
	organizationField,
	perItemExecutionOptions,
	readScope,
	sendCall,
	writeSummary,
} from '../common';
import { readThreadTargets, targetFields } from './threadTargets';

const FILTERS = ['locationIds', 'userIds', 'agentId', 'agentSuggestions', 'agentUrls'];

const properties: INodeProperties[] = [
	{
		...organizationField(
			'The Velt organization of the document. Leave empty for a document created without an organization',
			false,
		),
	},
	documentField('The Velt document whose threads to delete'),
	...targetFields('delete'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
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
			{
				displayName: 'Agent URLs',
				name: 'agentUrls',
				type: 'string',
				default: '',
				description: 'Only agent threads on these page URLs, separated by commas',
			},
			{
				displayName: 'Author User IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				description: 'Only threads started by these users: IDs separated by commas',
			},
			{
				displayName: 'Location IDs',
				name: 'locationIds',
				type: 'string',
				default: '',
				description: 'Only threads at these locations: IDs separated by commas',
			},
		],
	},
	perItemExecutionOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['commentThread'], operation: ['delete'] } },
	properties,
);

export function buildDeleteThreadsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const scope = readScope(parameters, node, itemIndex, { organization: 'optional' });
	const { annotationIds, filters } = readThreadTargets(
		parameters,
		node,
		itemIndex,
		'delete',
		FILTERS,
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
	send: sendCall(COLLABORATION_ENDPOINTS.deleteCommentAnnotations, true),
	toOutcome: ({ data }) => ({ json: writeSummary(data, 'deleted') }),
});
