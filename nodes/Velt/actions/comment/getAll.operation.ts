import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	annotationIdField,
	documentField,
	field,
	organizationField,
	perItemExecutionOptions,
	readAnnotationId,
	readCommentIds,
	readIdList,
	readScope,
	sendCall,
} from '../common';
import { commentIdsField } from './commentIds';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ ...commentIdsField, description: `Only these comments. ${commentIdsField.description}` },
			{
				displayName: 'Author User IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				description: 'Only comments by these users: IDs separated by commas',
			},
		],
	},
	perItemExecutionOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['comment'], operation: ['getAll'] } },
	properties,
);

export function buildGetCommentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const given = (parameters.filters ?? {}) as IDataObject;
	const data: IDataObject = {
		...readScope(parameters, node, itemIndex),
		annotationId: readAnnotationId(parameters, node, itemIndex),
	};
	const userIds = readIdList(
		given.userIds,
		field(node, itemIndex, 'Author User IDs', 'filters.userIds'),
	);
	if (userIds.length > 0) data.userIds = userIds;
	const commentIds = readCommentIds(
		given.commentIds,
		field(node, itemIndex, 'Comment IDs', 'filters.commentIds'),
	);
	if (commentIds.length > 0) data.commentIds = commentIds;
	return data;
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetCommentsRequest,
	send: sendCall(COLLABORATION_ENDPOINTS.getComments, true),
	// One item per comment; Velt answers null for a commentId it does not know.
	toOutcome: ({ data }, sent) => ({
		json: (Array.isArray(data) ? data : [])
			.filter((comment): comment is IDataObject => typeof comment === 'object' && comment !== null)
			.map((comment) => ({ ...comment, annotationId: sent.annotationId })),
	}),
});
