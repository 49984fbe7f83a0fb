import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { locatorValue } from '../../../shared/resourceLocator';
import { requireNonEmptyString } from '../../../shared/parameters';
import { ACCESS_ENDPOINTS } from '../../../shared/transport';
import type { PermissionResource } from '../../helpers/access';
import {
	accessOrganizationField,
	accessUserField,
	readResourceTarget,
	requireAuthorOrganization,
	resourceIdFields,
	resourceTypeField,
} from '../../helpers/access';

const properties: INodeProperties[] = [
	accessOrganizationField,
	{ ...accessUserField, description: 'The user whose access is taken away' },
	resourceTypeField,
	...resourceIdFields,
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** Remove takes the user at the top, unlike add (https://docs.velt.dev/api-reference/rest-apis/v2/auth/remove-permissions). */
export interface RevokeRequest extends IDataObject {
	userId: string;
	permissions: { resources: PermissionResource[] };
}

export function buildRevokeRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): RevokeRequest {
	requireAuthorOrganization(node, itemIndex);
	const target = readResourceTarget(parameters, node, itemIndex);
	const userId = requireNonEmptyString(locatorValue(parameters.userId), {
		node,
		itemIndex,
		label: 'User',
		parameter: 'userId',
	});
	const resource: PermissionResource = { type: target.type, id: target.id };
	// remove-permissions: organizationId "Required if type is document"; a folder is the organization's too.
	if (target.type !== 'organization') resource.organizationId = target.organizationId;
	return { userId, permissions: { resources: [resource] } };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildRevokeRequest,
	// Removing access that is gone changes nothing.
	send: sendOneCall(ACCESS_ENDPOINTS.removePermissions),
	toOutcome: (answer, request) => {
		const [resource] = request.permissions.resources;
		return {
			json: { success: true, userId: request.userId, ...resource, message: answer.message ?? '' },
		};
	},
});
