import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { createSwitchField, readCreateSwitches } from '../../../shared/createSwitches';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendPerIdCall } from '../../../shared/execution/perItemExecutor';
import { additionalFieldsOf, optionalString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField, otherFieldsJson } from '../../descriptions';
import {
	ALREADY_EXISTS,
	oneEntityOutcome,
	readEntity,
	readOrganization,
} from '../../helpers/workspace';

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
	perItemExecutionOptions,
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

export const execute = perItemExecutor({
	properties,
	prepare: buildCreateDocumentRequest,
	// The document carries its own id: a retry after a lost answer finds it there (forgiven below).
	send: sendPerIdCall(WORKSPACE_ENDPOINTS.addDocuments),
	toOutcome: oneEntityOutcome(
		'documents',
		'documentId',
		{
			doing: 'create document',
			hint: 'Check the document ID; a document with this ID may exist already (use Update). Without Create Organization, the organization must exist.',
		},
		ALREADY_EXISTS,
	),
});
