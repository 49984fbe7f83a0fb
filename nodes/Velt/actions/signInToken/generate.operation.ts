import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import {
	additionalFieldsCollection,
	emailField,
	organizationIdField,
} from '../../../shared/descriptions';
import type { FieldRef } from '../../../shared/parameters';
import { requireNonEmptyString } from '../../../shared/parameters';
import { readScope } from '../../../shared/scope';
import { requireAuthorSwitch } from '../../../shared/tool';
import { ACCESS_ENDPOINTS, isPlainObject } from '../../../shared/transport';
import { ACCESS_ROLE_OPTIONS } from '../../../shared/createSwitches';
import type { PermissionResource, ResourceList } from '../../helpers/access';
import {
	accessUserField,
	addRoleAndExpiry,
	expiresAtDescription,
	readResourceList,
	requireAuthorOrganization,
	toolMaxExpiryField,
	toolSwitch,
	USER_IN_ORGANIZATION,
} from '../../helpers/access';

export const ALLOW_TOOL_GENERATE = 'allowToolGenerate';

const allowGenerate = toolSwitch(
	ALLOW_TOOL_GENERATE,
	'Allow Generating Tokens as a Tool',
	'generate sign-in tokens (which let whoever holds one act as the user in Velt)',
);

const properties: INodeProperties[] = [
	{
		...organizationIdField,
		description: 'The organization the token signs the user in to (its first resource)',
	},
	{ ...accessUserField, description: 'The user the token signs in' },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: "The user's display name",
	},
	{ ...emailField, required: true, description: "The user's email address" },
	{
		displayName: 'Documents and Folders',
		name: 'resources',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Document or Folder',
		default: {},
		description: 'Access the token gives besides the organization, each in the organization above',
		options: [
			{
				displayName: 'Resource',
				name: 'resource',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Document', value: 'document' },
							{ name: 'Folder', value: 'folder' },
						],
						default: 'document',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. deal-4711',
						description: 'The document or folder ID',
					},
					{
						displayName: 'Access Role',
						name: 'accessRole',
						type: 'options',
						options: ACCESS_ROLE_OPTIONS,
						default: 'editor',
						description: "Only the author's choice counts in an AI agent's tool",
					},
					{
						displayName: 'Expires At',
						name: 'expiresAt',
						type: 'dateTime',
						default: '',
						description: expiresAtDescription,
					},
				],
			},
		],
	},
	allowGenerate.field,
	toolMaxExpiryField(ALLOW_TOOL_GENERATE),
	additionalFieldsCollection(
		sortedByDisplayName([
			{
				displayName: 'Admin',
				name: 'isAdmin',
				type: 'boolean',
				default: false,
				description:
					"Whether the user has admin privileges (Velt's default: no). Never from the model in an AI agent's tool.",
			},
			{
				displayName: 'Organization Access Role',
				name: 'organizationAccessRole',
				type: 'options',
				options: ACCESS_ROLE_OPTIONS,
				default: 'viewer',
				description: "The user's role in the organization; Velt's default when not set is Editor",
			},
			{
				displayName: 'Organization Access Expires At',
				name: 'organizationExpiresAt',
				type: 'dateTime',
				default: '',
				description: expiresAtDescription,
			},
		]),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** https://docs.velt.dev/api-reference/rest-apis/v2/auth/generate-token */
export interface TokenRequest extends IDataObject {
	userId: string;
	userProperties: IDataObject;
	permissions: { resources: PermissionResource[] };
}

/** Documents and Folders: each in the organization above. */
const TOKEN_RESOURCES: ResourceList = {
	path: 'resources.resource',
	label: 'Documents and Folders',
	types: ['document', 'folder'],
};

export function buildTokenRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): TokenRequest {
	allowGenerate.require(node, itemIndex);
	requireAuthorOrganization(node, itemIndex);
	const ref = (label: string, parameter: string): FieldRef & { parameter: string } => ({
		node,
		itemIndex,
		label,
		parameter,
	});
	const { organizationId, userId } = readScope(parameters, USER_IN_ORGANIZATION, node, itemIndex);
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const userProperties: IDataObject = {};
	if (extra.isAdmin === true) {
		requireAuthorSwitch(node, itemIndex, {
			parameter: 'additionalFields.isAdmin',
			label: 'Admin',
			problem: 'an AI agent cannot make a user an admin',
			fix: 'Switch Admin on in the node itself (not from $fromAI or, in a tool, an expression).',
			fixForModel: "Set it to false. Only the workflow's author can make admins.",
		});
	}
	if (extra.isAdmin !== undefined) userProperties.isAdmin = extra.isAdmin === true;
	userProperties.name = requireNonEmptyString(parameters.name, ref('Name', 'name'));
	userProperties.email = requireNonEmptyString(parameters.email, ref('Email', 'email'));
	const nowS = Math.floor(Date.now() / 1000);
	// generate-token: organizationId belongs in a resource of type organization, not in userProperties.
	const organization = addRoleAndExpiry(
		{ type: 'organization', id: organizationId },
		{ accessRole: extra.organizationAccessRole, expiresAt: extra.organizationExpiresAt },
		{
			accessRole: ref('Organization Access Role', 'additionalFields.organizationAccessRole'),
			expiresAt: ref('Organization Access Expires At', 'additionalFields.organizationExpiresAt'),
		},
		parameters,
		nowS,
	);
	const resources = [
		organization,
		...readResourceList(parameters, TOKEN_RESOURCES, organizationId, node, itemIndex, nowS),
	];
	return { userId, userProperties, permissions: { resources } };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildTokenRequest,
	// A second token for the same user is as good as the first: safe to retry.
	send: sendOneCall(ACCESS_ENDPOINTS.signIn),
	// The token is this operation's point, so it is output here and nowhere else.
	toOutcome: ({ data }, request, itemIndex, node) => {
		const token = isPlainObject(data) ? data.token : undefined;
		if (typeof token !== 'string' || token === '') {
			return {
				error: new NodeOperationError(node, 'Velt answered without a sign-in token', {
					itemIndex,
					description: 'Run it again; if Velt answers so again, check the credential’s Base URL.',
				}),
			};
		}
		return { json: { userId: request.userId, token } };
	},
});
