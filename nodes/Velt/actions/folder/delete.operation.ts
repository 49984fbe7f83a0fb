import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { requireNonEmptyString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_DELETE,
	readOrganization,
	requireToolSwitch,
	toolSwitchField,
} from '../../helpers/workspace';

const TOOL_DELETE = { ...ALLOW_TOOL_DELETE, what: 'delete folders' };

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the folder'),
	folderField('The folder to delete'),
	toolSwitchField(TOOL_DELETE),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDeleteFolderRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireToolSwitch(node, itemIndex, TOOL_DELETE);
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		folderId: requireNonEmptyString(locatorValue(parameters.folderId), {
			node,
			itemIndex,
			label: 'Folder',
			parameter: 'folderId',
		}),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildDeleteFolderRequest,
	// Velt starts the deletion and answers data null ("Folder deletion initiated successfully.",
	// https://docs.velt.dev/api-reference/rest-apis/v2/folders/delete-folder).
	send: sendOneCall(WORKSPACE_ENDPOINTS.deleteFolder),
	toOutcome: ({ message }, sent) => ({
		json: { deleted: true, ...sent, ...(message !== undefined ? { message } : {}) },
	}),
});
