import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome, writeSummary } from '../../../shared/execution/perIdAnswers';
import { updateFieldsCollection } from '../../../shared/descriptions';
import { field, readCommentIdsOf, readUserValue, requireSomeIds } from '../../../shared/parameters';
import { requireModelUserIdOnly } from '../../../shared/tool';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	sortedByDisplayName,
	perItemExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	commentTextField,
	commentHtmlField,
	mentionFields,
	commentOptionFields,
	attachmentsField,
	organizationField,
	documentField,
	annotationIdField,
	commentIdsField,
} from '../../descriptions';
import { readCommentContent } from '../../helpers/commentBody';
const updateFields: INodeProperties[] = sortedByDisplayName([
	{
		...commentTextField,
		description:
			'The new text of the comment. Mention a user by writing {{userId}} and adding them under Mentions.',
	},
	{ ...commentHtmlField, description: 'The new HTML of the comment' },
	...mentionFields,
	...commentOptionFields,
	attachmentsField(
		'The attachments the comment has from now on, e.g. [{"attachmentId": 100001, "name": "screenshot.png", "url": "https://…"}]',
	),
	{
		displayName: 'Author',
		name: 'from',
		type: 'string',
		default: '',
		description: 'The new author: a user ID, or a user as JSON',
	},
]);

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	{
		...commentIdsField,
		required: true,
		description: `The comments to change. ${commentIdsField.description}`,
	},
	updateFieldsCollection(updateFields),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildUpdateCommentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const fields = (parameters.updateFields ?? {}) as IDataObject;
	const thread = readScope(parameters, SCOPES.thread, node, itemIndex);
	const commentIds = readCommentIdsOf(parameters, node, itemIndex);
	requireSomeIds(
		commentIds,
		field(node, itemIndex, 'Comment IDs', 'commentIds'),
		'Give the IDs of the comments to change.',
	);
	const updatedData = readCommentContent(
		fields.commentText,
		fields.commentHtml,
		fields,
		node,
		itemIndex,
		'comment',
		{
			required: false,
			prefix: 'updateFields',
		},
	);
	requireModelUserIdOnly(node, itemIndex, 'updateFields.from', 'Author', fields.from);
	const from = readUserValue(fields.from, field(node, itemIndex, 'Author', 'updateFields.from'));
	if (from !== undefined) updatedData.from = from;
	if (Object.keys(updatedData).length === 0) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Add at least one field under Update Fields, e.g. Comment Text.',
			{
				parameter: 'updateFields',
				fix: 'Give at least one field to change, e.g. the new comment text.',
			},
		);
	}
	return { ...thread, commentIds, updatedData };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildUpdateCommentsRequest,
	// Setting a comment to given values is harmless twice.
	send: sendOneCall(COLLABORATION_ENDPOINTS.updateComments),
	toOutcome: perIdWriteOutcome({
		ids: 'commentIds',
		failure: {
			doing: 'update comment',
			hint: 'Check that each comment is in this thread and that its ID is right (Get Many lists them).',
		},
		summary: (matched, sent) => ({
			annotationId: sent.annotationId,
			...writeSummary(matched, 'updated'),
		}),
	}),
});
