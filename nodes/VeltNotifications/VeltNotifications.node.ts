import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as notification from './actions/notification';
import * as notificationConfig from './actions/notificationConfig';
import { router } from './actions/router';

export class VeltNotifications implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velt Notifications',
		name: 'veltNotifications',
		icon: { light: 'file:velt.svg', dark: 'file:velt.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, read, update and delete Velt in-app notifications and manage notification settings',
		defaults: { name: 'Velt Notifications' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veltApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Notification', value: 'notification' },
					{ name: 'Notification Setting', value: 'notificationConfig' },
				],
				default: 'notification',
			},
			...notification.description,
			...notificationConfig.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
