import type { INodeProperties } from 'n8n-workflow';
import * as add from './add.operation';
import * as deleteNotifications from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { add, deleteNotifications as delete, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notification'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Send an in-app notification to users',
				action: 'Add a notification',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete notifications',
				action: 'Delete notifications',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get notifications of a document or a user',
				action: 'Get many notifications',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a notification or mark it as read',
				action: 'Update a notification',
			},
		],
		default: 'add',
	},
	...add.description,
	...getAll.description,
	...update.description,
	...deleteNotifications.description,
];
