import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendPerIdCall } from '../../../shared/execution/perItemExecutor';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField } from '../../descriptions';
import { oneEntityOutcome, readEntity, readOrganization } from '../../helpers/workspace';
import { folderFields, folderNameField, parentFolderField } from './create.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the folder'),
	folderField('The folder to update'),
	updateFieldsCollection(
		sortedByDisplayName([
			folderNameField,
			{ ...parentFolderField, description: 'Move the folder into this folder' },
		]),
	),
	perItemExecutionOptions,
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

export const execute = perItemExecutor({
	properties,
	prepare: buildUpdateFolderRequest,
	// Setting the same fields again changes nothing, so a retry is harmless.
	send: sendPerIdCall(WORKSPACE_ENDPOINTS.updateFolders),
	toOutcome: oneEntityOutcome('folders', 'folderId', {
		doing: 'update folder',
		hint: 'Check that the folder exists in this organization and that the ID is right.',
	}),
});
