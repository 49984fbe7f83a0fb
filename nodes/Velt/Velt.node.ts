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

const properties: INodeProperties[] = actionProperties(resources, 'commentThread');

export class Velt implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/velt.svg', dark: 'file:../../icons/velt.dark.svg' },
		usableAsTool: true,
		displayName: 'Velt',
		name: 'velt',
		description:
			"Manage comment threads, comments, users, groups, organizations, documents, folders, access, users' data, activities, recordings and live state in your Velt app",
		defaults: { name: 'Velt' },
		// "Create: Comment Thread", "Get Many: Comment": the panel's words, not the API's
		subtitle: operationSubtitle(properties),
		properties,
	};

	methods = { listSearch, credentialTest: { veltApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
