import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { createSwitchField, readCreateSwitches } from '../../../shared/createSwitches';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { entityWrite } from '../../../shared/execution/batchedWrites';
import { additionalFieldsOf, optionalString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField, otherFieldsJson } from '../../descriptions';
import { ALREADY_EXISTS, readEntity, readOrganization } from '../../helpers/workspace';

export const documentNameField: INodeProperties = {
	displayName: 'Document Name',
	name: 'documentName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Q3 Plan',
	description: 'The name Velt shows for the document',
};

const properties: INodeProperties[] = [
	organizationField('The Velt organization the document belongs to'),
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. deal-4711',
		description: 'Your ID for the new document',
	},
	additionalFieldsCollection(
		sortedByDisplayName([
			documentNameField,
			folderField('Put the document in this folder', false),
			createSwitchField('createFolder'),
			createSwitchField('createOrganization'),
			otherFieldsJson('document'),
		]),
	),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildCreateDocumentRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = additionalFieldsOf(parameters);
	const organizationId = readOrganization(parameters, node, itemIndex);
	const switches = readCreateSwitches(
		extra,
		['createOrganization', 'createFolder'],
		node,
		itemIndex,
	);
	const folderId = optionalString(locatorValue(extra.folderId));
	if (extra.createFolder === true && folderId === undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Create Folder',
			'is on, but no Folder is given',
			'Give the Folder to create, or switch Create Folder off.',
			{ parameter: 'additionalFields.createFolder' },
		);
	}
	return {
		organizationId,
		...switches,
		documents: [
			readEntity(
				{ idKey: 'documentId', id: parameters.documentId, idLabel: 'Document ID' },
				{ documentName: optionalString(extra.documentName) },
				node,
				itemIndex,
				{ collection: 'additionalFields', values: extra },
			),
		],
		...(folderId !== undefined ? { folderId } : {}),
	};
}

/**
 * Batched: `documents` is an array answered per document ID, also when some fail ("Partial
 * Failures": HTTP 500 with the per-id map in error.details,
 * https://docs.velt.dev/api-reference/rest-apis/v2/documents/add-documents). Items with the
 * same organization, folder and create switches share requests; no documented limit, so
 * Options > Batch Size.
 */
export const execute = entityWrite({
	properties,
	build: buildCreateDocumentRequest,
	endpoint: WORKSPACE_ENDPOINTS.addDocuments,
	list: 'documents',
	idKey: 'documentId',
	detailsAreAnswer: true,
	// The document carries its own id: a retry after a lost answer finds it there (forgiven).
	created: ALREADY_EXISTS,
	failure: {
		doing: 'create document',
		hint: 'Check the document ID; a document with this ID may exist already (use Update). Without Create Organization, the organization must exist.',
	},
});
