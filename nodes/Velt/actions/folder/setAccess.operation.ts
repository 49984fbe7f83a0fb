import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { idListField } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { accessTypeField, accessTypeOptions, organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_PUBLIC,
	echoedSummary,
	readAccessType,
	readOrganization,
	readRequiredIds,
	toolSwitchField,
} from '../../helpers/workspace';

/** Velt's `inheritFromParent` (https://docs.velt.dev/api-reference/rest-apis/v2/folders/update-folder-access), offered as an access type. */
const INHERIT = 'inheritFromParent';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the folders'),
	{
		...idListField(
			'Folder IDs',
			'folderIds',
			'The folders whose access changes: IDs separated by commas, or an array from an expression',
			'e.g. folder-sales, folder-legal',
		),
		required: true,
	},
	{
		...accessTypeField('folders'),
		options: [
			{
				name: 'Inherit From Parent Folder',
				value: INHERIT,
				description: "The parent folder's access settings",
			},
			...accessTypeOptions,
		],
	},
	toolSwitchField(ALLOW_TOOL_PUBLIC),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildFolderAccessRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const access: IDataObject =
		parameters.accessType === INHERIT
			? { inheritFromParent: true }
			: { accessType: readAccessType(parameters.accessType, node, itemIndex, 'accessType') };
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		folderIds: readRequiredIds(parameters.folderIds, node, itemIndex, 'Folder IDs', 'folderIds'),
		...access,
	};
}

/**
 * Batched: `folderIds` is an array answered per folder ID (page above); items with the same
 * organization and access share requests, no documented limit, so Options > Batch Size.
 * Setting the same access again changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildFolderAccessRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateFolderAccess,
	ids: 'folderIds',
	detailsAreAnswer: true,
	failure: {
		doing: 'set the access type of folder',
		hint: 'Check that the folder exists in this organization and that the ID is right.',
	},
	summary: echoedSummary('updated', ['organizationId', 'accessType', 'inheritFromParent']),
});
