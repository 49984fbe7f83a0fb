import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import * as comment from './actions/comment';
import * as commentThread from './actions/commentThread';
import * as user from './actions/user';
import * as userGroup from './actions/userGroup';
import { router } from './actions/router';
import { ACTION_NODE_BASE, operationSubtitle, resourceField } from '../shared/descriptions';
import { listSearch } from '../shared/listSearch';
import { veltApiTest } from '../shared/credentialTest';

const properties: INodeProperties[] = [
	resourceField(
		[
			{ name: 'Comment', value: 'comment' },
			{ name: 'Comment Thread', value: 'commentThread' },
			{ name: 'User', value: 'user' },
			{ name: 'User Group', value: 'userGroup' },
		],
		'commentThread',
	),
	...commentThread.description,
	...comment.description,
	...user.description,
	...userGroup.description,
];

export class Velt implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/velt.svg', dark: 'file:../../icons/velt.dark.svg' },
		usableAsTool: true,
		displayName: 'Velt',
		name: 'velt',
		description:
			'Create, read, update and delete comment threads and comments in your Velt app, and manage its users and user groups',
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
