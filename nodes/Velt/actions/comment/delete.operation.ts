import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome, writeSummary } from '../../../shared/execution/perIdAnswers';
import { requireAuthorLiterals, requireAuthorSwitch } from '../../../shared/tool';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readCommentIdsOf } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	organizationField,
	documentField,
	annotationIdField,
	commentIdsField,
} from '../../descriptions';
const ALL_LABEL = 'Delete All Comments of the Thread';
/**
 * Velt's per-id answer for a comment it does not have
 * (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comments/delete-comments)
 */
const COMMENT_MISSING = /^Not found\.?$/;

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the thread'),
	annotationIdField,
	{
		...commentIdsField,
		description: `The comments to delete. Required unless ${ALL_LABEL} is on. ${commentIdsField.description}`,
	},
	{
		displayName: ALL_LABEL,
		name: 'deleteAllComments',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete every comment of the thread when no Comment IDs are given. Only a switch set in the node itself counts: never from an AI agent or $fromAI.',
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDeleteCommentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const data = readScope(parameters, SCOPES.thread, node, itemIndex);
	const commentIds = readCommentIdsOf(parameters, node, itemIndex);
	if (commentIds.length > 0) return { ...data, commentIds };
	if (parameters.deleteAllComments !== true) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment IDs',
			'is empty, so Velt would delete every comment of the thread',
			`Give the IDs of the comments to delete, or switch on ${ALL_LABEL} in the node.`,
			{
				parameter: 'commentIds',
				fix: 'Give the IDs of the comments to delete, e.g. "153783" (Get Many lists them).',
			},
		);
	}
	const rule = {
		label: ALL_LABEL,
		problem: 'an AI agent cannot delete every comment of a thread',
		fix: `Switch ${ALL_LABEL} on in the node itself, with the thread set there without $fromAI (or, in a tool, expressions).`,
		fixForModel:
			'Give the IDs of the comments to delete. This tool cannot delete all comments of a thread.',
	};
	requireAuthorSwitch(node, itemIndex, { ...rule, parameter: 'deleteAllComments' });
	requireAuthorLiterals(
		node,
		itemIndex,
		['commentIds', 'annotationId', 'documentId', 'organizationId'],
		{
			...rule,
			parameter: 'commentIds',
		},
	);
	return data;
}

export const execute = perItemExecutor({
	properties,
	prepare: buildDeleteCommentsRequest,
	// Deleting what is gone already changes nothing, so a retry is harmless.
	send: sendOneCall(COLLABORATION_ENDPOINTS.deleteComments),
	toOutcome: perIdWriteOutcome({
		ids: 'commentIds',
		missingAfterRetry: COMMENT_MISSING,
		failure: {
			doing: 'delete comment',
			hint: 'Check that each comment is in this thread and that its ID is right (Get Many lists them).',
		},
		summary: (matched, sent) => ({
			annotationId: sent.annotationId,
			...writeSummary(matched, 'deleted'),
		}),
	}),
});
