import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as set from './set.operation';

export { get, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notificationConfig'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get a user's notification settings",
				action: 'Get notification settings',
			},
			{
				name: 'Set',
				value: 'set',
				description: "Change users' notification settings",
				action: 'Set notification settings',
			},
		],
		default: 'get',
	},
	...get.description,
	...set.description,
];
