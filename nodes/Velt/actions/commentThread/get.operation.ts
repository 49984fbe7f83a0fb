import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { simplifyFields, simplifyOn } from '../../../shared/descriptions';
import { notFoundError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
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

export interface GetThreadRequest {
	data: IDataObject;
	annotationId: string;
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
		annotationId,
		simplify: simplifyOn(parameters),
	};
}

const getThreads = sendOneCall(COLLABORATION_ENDPOINTS.getCommentAnnotations);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetThreadRequest,
	send: async function (request: GetThreadRequest, run) {
		return await getThreads.call(this, request.data, run);
	},
	// Velt answers null in place of an annotationId it does not know.
	toOutcome: ({ data }, request, itemIndex, node) => {
		const thread = (Array.isArray(data) ? data : []).find(
			(entry): entry is IDataObject =>
				typeof entry === 'object' && entry !== null && entry.annotationId === request.annotationId,
		);
		if (thread === undefined) {
			return {
				error: notFoundError(node, itemIndex, {
					label: 'Comment Thread',
					parameter: 'annotationId',
					id: request.annotationId,
					where: `document "${String(request.data.documentId)}" of organization "${String(request.data.organizationId)}"`,
					fix: 'Check the thread ID and the document: pick the thread from the list, or map it from Get Many or the Velt Trigger.',
				}),
			};
		}
		return { json: request.simplify ? simplifyThread(thread) : thread };
	},
});
