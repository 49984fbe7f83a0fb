import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { entityWrite } from '../../../shared/execution/batchedWrites';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField } from '../../descriptions';
import { readEntity, readOrganization } from '../../helpers/workspace';
import { byParent, folderFields, folderNameField, parentFolderField } from './create.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the folder'),
	folderField('The folder to update'),
	updateFieldsCollection(
		sortedByDisplayName([
			folderNameField,
			{ ...parentFolderField, description: 'Move the folder into this folder' },
		]),
	),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildUpdateFolderRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		folders: [
			readEntity(
				{ idKey: 'folderId', id: locatorValue(parameters.folderId), idLabel: 'Folder' },
				folderFields((parameters.updateFields ?? {}) as IDataObject),
				node,
				itemIndex,
			),
		],
	};
}

/**
 * Batched: `folders` is an array answered per folder ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/folders/update-folder); folders moved into
 * one parent share requests, no documented limit, so Options > Batch Size. Setting the same
 * fields again changes nothing, so a retry is harmless.
 */
export const execute = entityWrite({
	properties,
	build: buildUpdateFolderRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateFolders,
	list: 'folders',
	idKey: 'folderId',
	refine: byParent,
	detailsAreAnswer: true,
	failure: {
		doing: 'update folder',
		hint: 'Check that the folder exists in this organization and that the ID is right.',
	},
});
