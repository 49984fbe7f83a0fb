import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { ACCESS_ROLE_OPTIONS } from '../../../shared/createSwitches';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { ACCESS_ENDPOINTS } from '../../../shared/transport';
import type { PermissionResource, ResourceList } from '../../helpers/access';
import {
	accessOrganizationField,
	accessRoleField,
	accessUserField,
	expiresAtDescription,
	readAuthorRole,
	readAccessExpiry,
	readResourceList,
	readResourceTarget,
	RESOURCE_TYPES,
	requireAuthorOrganization,
	resourceIdFields,
	resourceTypeField,
	toolMaxExpiryField,
	toolSwitch,
} from '../../helpers/access';

export const ALLOW_TOOL_GRANT = 'allowToolGrant';

const allowGrant = toolSwitch(ALLOW_TOOL_GRANT, 'Allow Granting Access as a Tool', 'grant access');

const properties: INodeProperties[] = [
	accessOrganizationField,
	{ ...accessUserField, description: 'The user who gets the access' },
	resourceTypeField,
	...resourceIdFields,
	accessRoleField('What the user may do there: Viewer reads, Editor reads and writes.'),
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		description: expiresAtDescription,
	},
	{
		displayName: 'Additional Targets',
		name: 'additionalTargets',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Target',
		default: {},
		description:
			'More organizations, folders or documents the user gets access to, in the same request to Velt',
		options: [
			{
				displayName: 'Target',
				name: 'target',
				values: [
					{
						displayName: 'Access Role',
						name: 'accessRole',
						type: 'options',
						options: ACCESS_ROLE_OPTIONS,
						default: 'viewer',
						description:
							"Viewer reads, Editor reads and writes. Only the author's choice counts in an AI agent's tool.",
					},
					{
						displayName: 'Expires At',
						name: 'expiresAt',
						type: 'dateTime',
						default: '',
						description: expiresAtDescription,
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. deal-4711',
						description: 'The document, folder or organization ID',
					},
					{
						displayName: 'Organization ID',
						name: 'organizationId',
						type: 'string',
						default: '',
						placeholder: 'e.g. acme-inc',
						description:
							"The document's or folder's organization; empty for the Organization above. In an AI agent's tool, never the model's.",
						displayOptions: { show: { type: ['document', 'folder'] } },
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						// Access To's choices, one home for them.
						options: resourceTypeField.options,
						default: 'document',
					},
				],
			},
		],
	},
	allowGrant.field,
	toolMaxExpiryField(ALLOW_TOOL_GRANT),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GrantRequest extends IDataObject {
	user: { userId: string };
	/** The target above first, then the Additional Targets. */
	permissions: { resources: PermissionResource[] };
}

const ADDITIONAL_TARGETS: ResourceList = {
	path: 'additionalTargets.target',
	label: 'Additional Targets',
	types: RESOURCE_TYPES,
	ownOrganization: true,
};

/** A target named twice in one request: refused, since Velt's page does not say which one wins. */
function refuseRepeats(resources: PermissionResource[], node: INode, itemIndex: number): void {
	const seen = new Set<string>();
	resources.forEach((resource, position) => {
		const key = JSON.stringify([resource.type, resource.organizationId ?? '', resource.id]);
		if (!seen.has(key)) {
			seen.add(key);
			return;
		}
		const label = `Additional Targets #${position}`;
		throw invalidParameterError(
			node,
			itemIndex,
			label,
			`grants ${resource.type} "${resource.id}" again`,
			'Name each organization, folder or document once per item.',
			{ parameter: `${ADDITIONAL_TARGETS.path}.${position - 1}.id` },
		);
	});
}

/** One item's grant (https://docs.velt.dev/api-reference/rest-apis/v2/auth/add-permissions). */
export function buildGrantRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GrantRequest {
	// Granting widens who can read: in a tool only the author's switch allows it.
	allowGrant.require(node, itemIndex);
	requireAuthorOrganization(node, itemIndex);
	const target = readResourceTarget(parameters, node, itemIndex);
	const ref = { node, itemIndex, label: 'Expires At', parameter: 'expiresAt' };
	const nowS = Math.floor(Date.now() / 1000);
	const expiresAt = readAccessExpiry(parameters.expiresAt, parameters, ref, nowS);
	const resource: PermissionResource = { type: target.type, id: target.id };
	// add-permissions: organizationId "Required if type is document or folder".
	if (target.type !== 'organization') resource.organizationId = target.organizationId;
	const accessRole = readAuthorRole(parameters.accessRole, {
		node,
		itemIndex,
		label: 'Access Role',
		parameter: 'accessRole',
	});
	if (accessRole !== undefined) resource.accessRole = accessRole;
	if (expiresAt !== undefined) resource.expiresAt = expiresAt;
	const resources = [
		resource,
		...readResourceList(
			parameters,
			ADDITIONAL_TARGETS,
			target.organizationId,
			node,
			itemIndex,
			nowS,
		),
	];
	refuseRepeats(resources, node, itemIndex);
	return { user: { userId: target.userId }, permissions: { resources } };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGrantRequest,
	// Granting the same access twice leaves the same access.
	send: sendOneCall(ACCESS_ENDPOINTS.addPermissions),
	toOutcome: (answer, request) => {
		const [resource, ...additionalTargets] = request.permissions.resources;
		return {
			json: {
				success: true,
				userId: request.user.userId,
				...resource,
				...(additionalTargets.length > 0 ? { additionalTargets } : {}),
				message: answer.message ?? '',
			},
		};
	},
});
