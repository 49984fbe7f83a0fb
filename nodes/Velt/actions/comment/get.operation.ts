import type { INode, INodeProperties } from 'n8n-workflow';
import { simplifyFields, simplifyOn } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { GetOneRequest } from '../../../shared/execution/getOne';
import { getOneExecutor } from '../../../shared/execution/getOne';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { field, readCommentIds } from '../../../shared/parameters';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	annotationIdField,
	documentField,
	FROM_TRIGGER,
	organizationField,
} from '../../descriptions';
import { SIMPLE_COMMENT_FIELDS, simplifyComment } from '../../helpers/simplify';

// commentannotations/comments/get filtered by one commentId
// (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comments/get-comments).

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	{
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 153783',
		description: `The comment to get (a number). From the Velt Trigger map ${FROM_TRIGGER.commentId}.`,
	},
	...simplifyFields(SIMPLE_COMMENT_FIELDS),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GetCommentRequest extends GetOneRequest {
	simplify: boolean;
}

export function buildGetCommentRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetCommentRequest {
	const scope = readScope(parameters, SCOPES.thread, node, itemIndex);
	const ids = readCommentIds(
		parameters.commentId,
		field(node, itemIndex, 'Comment ID', 'commentId'),
	);
	if (ids.length !== 1) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment ID',
			ids.length === 0 ? 'is required but is empty' : `holds ${ids.length} IDs, Get takes one`,
			'Give one comment ID; to read several comments use Get Many with Comment IDs.',
			{ parameter: 'commentId' },
		);
	}
	return {
		data: { ...scope, commentIds: ids },
		id: ids[0],
		simplify: simplifyOn(parameters),
	};
}

export const execute = getOneExecutor({
	properties,
	prepare: buildGetCommentRequest,
	endpoint: COLLABORATION_ENDPOINTS.getComments,
	key: 'commentId',
	notFound: ({ data }) => ({
		label: 'Comment ID',
		parameter: 'commentId',
		where: `comment thread "${String(data.annotationId)}" of document "${String(data.documentId)}"`,
		fix: 'Check the comment ID and its thread: Get Many of Comment lists the comments of a thread with their IDs.',
	}),
	output: (comment, { data, simplify }) =>
		simplify
			? simplifyComment(comment, data.annotationId)
			: { ...comment, annotationId: data.annotationId },
});
