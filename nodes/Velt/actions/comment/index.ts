import type { INodeProperties } from 'n8n-workflow';
import * as add from './add.operation';
import * as deleteComments from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { add, deleteComments as delete, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['comment'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Reply in a comment thread',
				action: 'Add a comment',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete comments of a thread',
				action: 'Delete comments',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the comments of a thread',
				action: 'Get many comments',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the text or other fields of comments',
				action: 'Update comments',
			},
		],
		default: 'add',
	},
	...add.description,
	...getAll.description,
	...update.description,
	...deleteComments.description,
];
