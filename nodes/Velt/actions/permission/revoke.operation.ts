import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { idListField } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import { distinctIds } from '../../../shared/parameters';
import { readScope } from '../../../shared/scope';
import { ACCESS_ENDPOINTS } from '../../../shared/transport';
import type { PermissionResource } from '../../helpers/access';
import {
	accessOrganizationField,
	accessUserField,
	requireAuthorOrganization,
	USER_IN_ORGANIZATION,
} from '../../helpers/access';

const properties: INodeProperties[] = [
	accessOrganizationField,
	{ ...accessUserField, description: 'The user whose access is taken away' },
	{
		displayName: 'From the Organization',
		name: 'revokeOrganization',
		type: 'boolean',
		default: false,
		description: "Whether to take away the user's access to the organization itself",
	},
	idListField(
		'Document IDs',
		'documentIds',
		"Documents of the organization to take the user's access to away, separated by commas",
		'e.g. deal-4711',
	),
	idListField(
		'Folder IDs',
		'folderIds',
		"Folders of the organization to take the user's access to away, separated by commas",
		'e.g. folder-sales',
	),
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
	const ref = (label: string, parameter: string) => ({ node, itemIndex, label, parameter });
	const { organizationId, userId } = readScope(parameters, USER_IN_ORGANIZATION, node, itemIndex);
	const resources: PermissionResource[] = [];
	if (parameters.revokeOrganization === true)
		resources.push({ type: 'organization', id: organizationId });
	// remove-permissions: organizationId "Required if type is document"; a folder is the organization's too.
	for (const id of distinctIds(parameters.documentIds, ref('Document IDs', 'documentIds')))
		resources.push({ type: 'document', id, organizationId });
	for (const id of distinctIds(parameters.folderIds, ref('Folder IDs', 'folderIds')))
		resources.push({ type: 'folder', id, organizationId });
	if (resources.length === 0) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Document IDs',
			'is empty, and so are Folder IDs and From the Organization: nothing to revoke',
			'Give the documents or folders, or switch on From the Organization.',
			{ parameter: 'documentIds' },
		);
	}
	return { userId, permissions: { resources } };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildRevokeRequest,
	// Removing access that is gone changes nothing.
	send: sendOneCall(ACCESS_ENDPOINTS.removePermissions),
	toOutcome: (answer, request) => ({
		json: {
			success: true,
			userId: request.userId,
			revoked: request.permissions.resources,
			message: answer.message ?? '',
		},
	}),
});
