import type { INodeProperties } from 'n8n-workflow';
import * as count from './count.operation';
import * as create from './create.operation';
import * as deleteThreads from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { count, create, deleteThreads as delete, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['commentThread'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description: 'Count the comment threads and unread threads of documents',
				action: 'Count comment threads',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Start a comment thread with its first comment',
				action: 'Create a comment thread',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete comment threads',
				action: 'Delete comment threads',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get comment threads with their comments',
				action: 'Get many comment threads',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the status, assignee, priority or other fields of comment threads',
				action: 'Update comment threads',
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
	...count.description,
	...update.description,
	...deleteThreads.description,
];
