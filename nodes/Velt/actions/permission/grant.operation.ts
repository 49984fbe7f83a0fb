import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { ACCESS_ENDPOINTS } from '../../../shared/transport';
import type { PermissionResource } from '../../helpers/access';
import {
	accessOrganizationField,
	accessRoleField,
	accessUserField,
	expiresAtDescription,
	readAuthorRole,
	readAccessExpiry,
	readResourceTarget,
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
	allowGrant.field,
	toolMaxExpiryField(ALLOW_TOOL_GRANT),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GrantRequest extends IDataObject {
	user: { userId: string };
	permissions: { resources: PermissionResource[] };
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
	return { user: { userId: target.userId }, permissions: { resources: [resource] } };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGrantRequest,
	// Granting the same access twice leaves the same access.
	send: sendOneCall(ACCESS_ENDPOINTS.addPermissions),
	toOutcome: (answer, request) => {
		const [resource] = request.permissions.resources;
		return {
			json: {
				success: true,
				userId: request.user.userId,
				...resource,
				message: answer.message ?? '',
			},
		};
	},
});
