import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import * as notification from './actions/notification';
import * as notificationConfig from './actions/notificationConfig';
import { router } from './actions/router';
import { ACTION_NODE_BASE } from '../shared/descriptions';
import { listSearch } from '../shared/listSearch';
import { veltApiTest } from '../shared/credentialTest';

const RESOURCE_OPTIONS = [
	{ name: 'Notification', value: 'notification' },
	{ name: 'Notification Setting', value: 'notificationConfig' },
];

export class VeltNotifications implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:velt.svg', dark: 'file:velt.dark.svg' },
		usableAsTool: true,
		displayName: 'Velt Notifications',
		name: 'veltNotifications',
		// "Add: Notification", "Get Many: Notification", "Set: Notification Setting": the panel's words, not the API's
		subtitle:
			'={{ ($parameter["operation"] === "getAll" ? "Get Many" : $parameter["operation"].charAt(0).toUpperCase() + $parameter["operation"].slice(1)) + ": " + ($parameter["resource"] === "notificationConfig" ? "Notification Setting" : "Notification") }}',
		description:
			"Send, read, update and delete in-app notifications in your Velt app, and change users' notification settings",
		defaults: { name: 'Velt Notifications' },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCE_OPTIONS,
				default: 'notification',
			},
			...notification.description,
			...notificationConfig.description,
		],
	};

	methods = { listSearch, credentialTest: { veltApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
