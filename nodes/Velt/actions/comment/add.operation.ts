import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	carriesOwnId,
	perItemExecutor,
	sendOneCall,
} from '../../../shared/execution/perItemExecutor';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { optionalInteger, field } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	organizationField,
	documentField,
	annotationIdField,
	authorField,
	commentTextField,
	commentHtmlField,
	newCommentFields,
} from '../../descriptions';
import { readNewComment } from '../../helpers/commentBody';
const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	authorField,
	commentTextField,
	commentHtmlField,
	additionalFieldsCollection(
		newCommentFields(
			'Your own number for the comment; 0 lets Velt pick one. With it, a retry cannot add the reply twice.',
			[
				{
					displayName: 'Created At',
					name: 'createdAt',
					type: 'number',
					default: 0,
					description:
						'When the comment was written, in ms since 1970 (e.g. when importing); 0 means now',
				},
			],
		),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildAddCommentRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const thread = readScope(parameters, SCOPES.thread, node, itemIndex);
	const { comment, switches } = readNewComment(parameters, node, itemIndex, 'comment');
	const createdAt = optionalInteger(
		extra.createdAt,
		field(node, itemIndex, 'Created At', 'additionalFields.createdAt'),
	);
	if (createdAt !== undefined && createdAt !== 0) comment.createdAt = createdAt;
	return { ...thread, ...switches, commentData: [comment] };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildAddCommentRequest,
	// A reply without its own commentId would be added twice by a retry.
	send: sendOneCall(COLLABORATION_ENDPOINTS.addComments, carriesOwnId('commentData', 'commentId')),
	toOutcome: ({ data, message }, sent) => {
		const commentIds = Array.isArray(data) ? data : [];
		return {
			json: {
				success: true,
				commentId: commentIds[0],
				commentIds,
				annotationId: sent.annotationId,
				organizationId: sent.organizationId,
				documentId: sent.documentId,
				message: message ?? 'Comment added.',
			},
		};
	},
});
