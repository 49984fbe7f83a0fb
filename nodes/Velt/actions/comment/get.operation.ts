import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { simplifyFields, simplifyOn } from '../../../shared/descriptions';
import { invalidParameterError, notFoundError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
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

export interface GetCommentRequest {
	data: IDataObject;
	commentId: number;
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
		commentId: ids[0],
		simplify: simplifyOn(parameters),
	};
}

const getComments = sendOneCall(COLLABORATION_ENDPOINTS.getComments);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetCommentRequest,
	send: async function (request: GetCommentRequest, run) {
		return await getComments.call(this, request.data, run);
	},
	// Velt answers null in place of a commentId it does not know.
	toOutcome: ({ data }, request, itemIndex, node) => {
		const comment = (Array.isArray(data) ? data : []).find(
			(entry): entry is IDataObject =>
				typeof entry === 'object' &&
				entry !== null &&
				Number((entry as IDataObject).commentId) === request.commentId,
		);
		const annotationId = request.data.annotationId;
		if (comment === undefined) {
			return {
				error: notFoundError(node, itemIndex, {
					label: 'Comment ID',
					parameter: 'commentId',
					id: request.commentId,
					where: `comment thread "${String(annotationId)}" of document "${String(request.data.documentId)}"`,
					fix: 'Check the comment ID and its thread: Get Many of Comment lists the comments of a thread with their IDs.',
				}),
			};
		}
		return {
			json: request.simplify
				? simplifyComment(comment, annotationId)
				: { ...comment, annotationId },
		};
	},
});
