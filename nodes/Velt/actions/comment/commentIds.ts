import type { INodeProperties } from 'n8n-workflow';
import { FROM_TRIGGER } from '../common';

export const commentIdsField: INodeProperties = {
	displayName: 'Comment IDs',
	name: 'commentIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 153783, 607395',
	description: `Comment IDs (numbers) separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.commentId}.`,
};
