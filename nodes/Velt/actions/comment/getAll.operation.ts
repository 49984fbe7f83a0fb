import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { filtersCollection, simplifyFields, simplifyOn } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readIdFilters, readCommentIdsOf } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	organizationField,
	documentField,
	annotationIdField,
	commentIdsField,
	authorUserIdsFilter,
} from '../../descriptions';
import { SIMPLE_COMMENT_FIELDS, simplifyComment } from '../../helpers/simplify';
const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	...simplifyFields(SIMPLE_COMMENT_FIELDS, 2),
	filtersCollection([
		{ ...commentIdsField, description: `Only these comments. ${commentIdsField.description}` },
		authorUserIdsFilter('Only comments by these users'),
	]),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GetCommentsRequest {
	data: IDataObject;
	simplify: boolean;
}

export function buildGetCommentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetCommentsRequest {
	const given = (parameters.filters ?? {}) as IDataObject;
	const data: IDataObject = {
		...readScope(parameters, SCOPES.thread, node, itemIndex),
		...readIdFilters(given, [{ name: 'userIds', label: 'Author User IDs' }], node, itemIndex),
	};
	const commentIds = readCommentIdsOf(given, node, itemIndex, 'filters.commentIds');
	if (commentIds.length > 0) data.commentIds = commentIds;
	return { data, simplify: simplifyOn(parameters) };
}

const getComments = sendOneCall(COLLABORATION_ENDPOINTS.getComments);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetCommentsRequest,
	send: async function (request: GetCommentsRequest, run) {
		return await getComments.call(this, request.data, run);
	},
	// One item per comment; Velt answers null for a commentId it does not know.
	toOutcome: ({ data }, { data: sent, simplify }) => ({
		json: (Array.isArray(data) ? data : [])
			.filter((comment): comment is IDataObject => typeof comment === 'object' && comment !== null)
			.map((comment) =>
				simplify
					? simplifyComment(comment, sent.annotationId)
					: { ...comment, annotationId: sent.annotationId },
			),
	}),
});
