import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { resources, router } from './actions/router';
import { ACTION_NODE_BASE, actionProperties, operationSubtitle } from '../shared/descriptions';
import { listSearch } from '../shared/listSearch';
import { veltApiTest } from '../shared/credentialTest';

const properties: INodeProperties[] = actionProperties(resources, 'notification');

export class VeltNotifications implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/velt.svg', dark: 'file:../../icons/velt.dark.svg' },
		usableAsTool: true,
		displayName: 'Velt Notifications',
		name: 'veltNotifications',
		description:
			"Send, read, update and delete in-app notifications in your Velt app, and change users' notification settings",
		defaults: { name: 'Velt Notifications' },
		// "Add: Notification", "Get Many: Notification", "Set: Notification Setting": the panel's words, not the API's
		subtitle: operationSubtitle(properties),
		properties,
	};

	methods = { listSearch, credentialTest: { veltApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
