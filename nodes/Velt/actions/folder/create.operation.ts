import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { createSwitchField, readCreateSwitches } from '../../../shared/createSwitches';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { BatchedItem } from '../../../shared/execution/batchPlan';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { entityWrite } from '../../../shared/execution/batchedWrites';
import { additionalFieldsOf, optionalString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { accessTypeField, folderField, organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_PUBLIC,
	ALREADY_EXISTS,
	readAccessType,
	readEntity,
	readOrganization,
	toolSwitchField,
} from '../../helpers/workspace';

export const folderNameField: INodeProperties = {
	displayName: 'Folder Name',
	name: 'folderName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Sales',
	description: 'The name Velt shows for the folder',
};

export const parentFolderField: INodeProperties = {
	...folderField('The folder this one sits in; leave empty for the top level', false),
	displayName: 'Parent Folder',
	name: 'parentFolderId',
};

const properties: INodeProperties[] = [
	organizationField('The Velt organization the folder belongs to'),
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. folder-sales',
		description: 'Your ID for the new folder',
	},
	additionalFieldsCollection(
		sortedByDisplayName([
			folderNameField,
			parentFolderField,
			{ ...accessTypeField('folder'), default: 'organizationPrivate' },
			createSwitchField('createOrganization'),
		]),
	),
	toolSwitchField(ALLOW_TOOL_PUBLIC),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** A folder's own fields (name, parent) from a collection, as Velt takes them. */
export function folderFields(given: IDataObject): IDataObject {
	return {
		folderName: optionalString(given.folderName),
		parentFolderId: optionalString(locatorValue(given.parentFolderId)),
	};
}

export function buildCreateFolderRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = additionalFieldsOf(parameters);
	const fields = folderFields(extra);
	if (extra.accessType !== undefined)
		fields.accessType = readAccessType(
			extra.accessType,
			node,
			itemIndex,
			'additionalFields.accessType',
		);
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		...readCreateSwitches(extra, ['createOrganization'], node, itemIndex),
		folders: [
			readEntity(
				{ idKey: 'folderId', id: parameters.folderId, idLabel: 'Folder ID' },
				fields,
				node,
				itemIndex,
			),
		],
	};
}

/**
 * Folders of one parent share a request: the page is silent on a parent that does not exist,
 * which may fail the whole request rather than one entry.
 */
export function byParent(item: BatchedItem): BatchedItem {
	const parent = item.entries[0].payload.parentFolderId as string | undefined;
	return { ...item, group: parent ?? '' };
}

/**
 * Batched: `folders` is an array answered per folder ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/folders/add-folder); no documented limit,
 * so Options > Batch Size. A folder whose parent an earlier item creates is sent after it.
 */
export const execute = entityWrite({
	properties,
	build: buildCreateFolderRequest,
	endpoint: WORKSPACE_ENDPOINTS.addFolders,
	list: 'folders',
	idKey: 'folderId',
	refine: (item) => {
		const grouped = byParent(item);
		return grouped.group === '' ? grouped : { ...grouped, after: [grouped.group as string] };
	},
	detailsAreAnswer: true,
	// The folder carries its own id: a retry after a lost answer finds it there (forgiven).
	created: ALREADY_EXISTS,
	failure: {
		doing: 'create folder',
		hint: 'Check the folder ID and the parent folder; without Create Organization, the organization must exist.',
	},
});
