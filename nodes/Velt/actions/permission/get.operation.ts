import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { filtersCollection, idListField, userIdsField } from '../../../shared/descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import { distinctIds, readIdFilters, requireSomeIds } from '../../../shared/parameters';
import { ACCESS_ENDPOINTS, isPlainObject } from '../../../shared/transport';
import { accessOrganizationField, requireAuthorOrganization } from '../../helpers/access';

const properties: INodeProperties[] = [
	{ ...accessOrganizationField, description: 'The organization whose permissions are read' },
	userIdsField('The users whose permissions are read: IDs separated by commas, or an array'),
	filtersCollection(
		sortedByDisplayName([
			idListField(
				'Document IDs',
				'documentIds',
				'Also read the users’ access to these documents, separated by commas',
				'e.g. doc-1, doc-2',
			),
			idListField(
				'Folder IDs',
				'folderIds',
				'Also read the users’ access to these folders, separated by commas',
				'e.g. folder-sales',
			),
		]),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** https://docs.velt.dev/api-reference/rest-apis/v2/auth/get-permissions */
export function buildGetPermissionsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	// In a tool, another organization's access is not the model's to read.
	requireAuthorOrganization(node, itemIndex);
	const { organizationId } = readScope(parameters, SCOPES.organization, node, itemIndex);
	const ref = { node, itemIndex, label: 'User IDs', parameter: 'userIds' };
	const userIds = distinctIds(parameters.userIds, ref);
	requireSomeIds(userIds, ref, 'Enter the IDs of the users whose permissions to read.');
	const filters = readIdFilters(
		(parameters.filters ?? {}) as IDataObject,
		[
			{ name: 'documentIds', label: 'Document IDs' },
			{ name: 'folderIds', label: 'Folder IDs' },
		],
		node,
		itemIndex,
	);
	// The keys in the order of the page's example.
	return { organizationId, ...filters, userIds };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetPermissionsRequest,
	send: sendOneCall(ACCESS_ENDPOINTS.getPermissions),
	// One item per user asked for, in the order asked: Velt answers a map keyed by user ID.
	toOutcome: ({ data }, request) => {
		const byUser = isPlainObject(data) ? data : {};
		return {
			json: (request.userIds as string[]).map((userId) => {
				const entry = byUser[userId];
				return {
					organizationId: request.organizationId,
					userId,
					...(isPlainObject(entry) ? entry : {}),
				};
			}),
		};
	},
});
