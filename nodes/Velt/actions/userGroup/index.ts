import type { INodeProperties } from 'n8n-workflow';
import * as addUsers from './addUsers.operation';
import * as create from './create.operation';
import * as removeUsers from './removeUsers.operation';

export { addUsers, create, removeUsers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userGroup'] } },
		options: [
			{
				name: 'Add Users',
				value: 'addUsers',
				description: 'Add users to a user group',
				action: 'Add users to a user group',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a user group in an organization, or rename one',
				action: 'Create a user group',
			},
			{
				name: 'Remove Users',
				value: 'removeUsers',
				description: 'Remove users from a user group',
				action: 'Remove users from a user group',
			},
		],
		default: 'addUsers',
	},
	...create.description,
	...addUsers.description,
	...removeUsers.description,
];
