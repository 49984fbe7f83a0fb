import type { INodeProperties } from 'n8n-workflow';
import * as deleteUsers from './delete.operation';
import * as getAll from './getAll.operation';
import * as upsert from './upsert.operation';

export { deleteUsers as delete, getAll, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove users from an organization, document or folder',
				action: 'Delete users',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the users of an organization, document, folder or user group',
				action: 'Get many users',
			},
		],
		default: 'upsert',
	},
	...upsert.description,
	...getAll.description,
	...deleteUsers.description,
];
