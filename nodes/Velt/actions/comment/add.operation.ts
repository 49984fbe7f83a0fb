import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	agentField,
	annotationIdField,
	authorDetailFields,
	authorField,
	commentHtmlField,
	commentOptionFields,
	commentTextField,
	createSwitchFields,
	documentField,
	field,
	jsonField,
	mentionFields,
	optionalInteger,
	organizationField,
	perItemExecutionOptions,
	readAgent,
	readAnnotationId,
	readAuthor,
	readCommentContent,
	readCreateSwitches,
	readScope,
	sendCall,
	sortedByDisplayName,
} from '../common';

const additionalFields: INodeProperties[] = sortedByDisplayName([
	...authorDetailFields,
	...mentionFields,
	...commentOptionFields,
	...createSwitchFields,
	agentField,
	{
		...jsonField(
			'Attachments (JSON)',
			'attachments',
			'Files already uploaded, e.g. [{"attachmentId": 100001, "name": "screenshot.png", "url": "https://…", "mimeType": "image/png", "type": "image"}]',
		),
		default: '[]',
	},
	{
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'number',
		default: 0,
		description:
			'Your own number for the comment; 0 lets Velt pick one. With it, a retry cannot add the reply twice.',
	},
	{
		displayName: 'Created At',
		name: 'createdAt',
		type: 'number',
		default: 0,
		description:
			'When the comment was written, in ms since 1970 (e.g. when importing); 0 means now',
	},
]);

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	authorField,
	commentTextField,
	commentHtmlField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: additionalFields,
	},
	perItemExecutionOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['comment'], operation: ['add'] } },
	properties,
);

export function buildAddCommentRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const ref = (label: string, name: string) =>
		field(node, itemIndex, label, `additionalFields.${name}`);
	const scope = readScope(parameters, node, itemIndex);
	const annotationId = readAnnotationId(parameters, node, itemIndex);
	const comment: IDataObject = {};
	const commentId = optionalInteger(extra.commentId, ref('Comment ID', 'commentId'));
	if (commentId !== undefined && commentId !== 0) comment.commentId = commentId;
	Object.assign(
		comment,
		readCommentContent(
			parameters.commentText,
			parameters.commentHtml,
			extra,
			node,
			itemIndex,
			'comment',
			{
				required: true,
			},
		),
	);
	comment.from = readAuthor(parameters.userId, extra, node, itemIndex);
	const agent = readAgent(extra.agent, ref('Agent (JSON)', 'agent'));
	if (agent !== undefined) comment.agent = agent;
	const createdAt = optionalInteger(extra.createdAt, ref('Created At', 'createdAt'));
	if (createdAt !== undefined && createdAt !== 0) comment.createdAt = createdAt;
	return {
		...scope,
		...readCreateSwitches(extra, node, itemIndex),
		annotationId,
		commentData: [comment],
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildAddCommentRequest,
	// A reply without its own commentId would be added twice by a retry.
	send: async function (data, run) {
		const comment = (data.commentData as IDataObject[])[0];
		return await sendCall(
			COLLABORATION_ENDPOINTS.addComments,
			comment.commentId !== undefined,
		).call(this, data, run);
	},
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
