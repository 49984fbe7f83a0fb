import type { INode, INodeProperties } from 'n8n-workflow';
import { field, FROM_TRIGGER, readCommentIds } from '../common';

export const commentIdsField: INodeProperties = {
	displayName: 'Comment IDs',
	name: 'commentIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 153783, 607395',
	description: `Comment IDs (numbers) separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.commentId}.`,
};

/** The Comment IDs of an item, read from `parameters` or a collection in them (`parameter` its path). */
export function readCommentIdsOf(
	values: { commentIds?: unknown },
	node: INode,
	itemIndex: number,
	parameter = 'commentIds',
): number[] {
	return readCommentIds(values.commentIds, field(node, itemIndex, 'Comment IDs', parameter));
}
