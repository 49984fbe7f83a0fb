import type { INode, INodeProperties } from 'n8n-workflow';
import { simplifyFields, simplifyOn } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { GetOneRequest } from '../../../shared/execution/getOne';
import { getOneExecutor } from '../../../shared/execution/getOne';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { readScope, SCOPES } from '../../../shared/scope';
import { annotationIdField, documentField, organizationField } from '../../descriptions';
import { SIMPLE_THREAD_FIELDS, simplifyThread } from '../../helpers/simplify';

// commentannotations/get filtered by one annotationId
// (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/get-comment-annotations-v2).

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	{
		...annotationIdField,
		description: `The comment thread to get. ${annotationIdField.description}`,
	},
	...simplifyFields(SIMPLE_THREAD_FIELDS),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GetThreadRequest extends GetOneRequest {
	simplify: boolean;
}

export function buildGetThreadRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetThreadRequest {
	const { annotationId, ...scope } = readScope(parameters, SCOPES.thread, node, itemIndex);
	return {
		data: { ...scope, annotationIds: [annotationId] },
		id: annotationId,
		simplify: simplifyOn(parameters),
	};
}

export const execute = getOneExecutor({
	properties,
	prepare: buildGetThreadRequest,
	endpoint: COLLABORATION_ENDPOINTS.getCommentAnnotations,
	key: 'annotationId',
	notFound: ({ data }) => ({
		label: 'Comment Thread',
		parameter: 'annotationId',
		where: `document "${String(data.documentId)}" of organization "${String(data.organizationId)}"`,
		fix: 'Check the thread ID and the document: pick the thread from the list, or map it from Get Many or the Velt Trigger.',
	}),
	output: (thread, { simplify }) => (simplify ? simplifyThread(thread) : thread),
});
