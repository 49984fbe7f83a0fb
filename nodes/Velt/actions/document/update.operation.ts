import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { entityWrite } from '../../../shared/execution/batchedWrites';
import { optionalString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { documentField, organizationField, otherFieldsJson } from '../../descriptions';
import { readEntity, readOrganization } from '../../helpers/workspace';
import { documentNameField } from './create.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The document to update'),
	updateFieldsCollection(sortedByDisplayName([documentNameField, otherFieldsJson('document')])),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildUpdateDocumentRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const fields = (parameters.updateFields ?? {}) as IDataObject;
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		documents: [
			readEntity(
				{ idKey: 'documentId', id: locatorValue(parameters.documentId), idLabel: 'Document' },
				{ documentName: optionalString(fields.documentName) },
				node,
				itemIndex,
				{ collection: 'updateFields', values: fields },
			),
		],
	};
}

/**
 * Batched: `documents` is an array answered per document ID, also on a partial failure
 * (https://docs.velt.dev/api-reference/rest-apis/v2/documents/update-documents); no documented
 * limit, so Options > Batch Size. Setting the same fields again changes nothing, so a retry is
 * harmless.
 */
export const execute = entityWrite({
	properties,
	build: buildUpdateDocumentRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateDocuments,
	list: 'documents',
	idKey: 'documentId',
	detailsAreAnswer: true,
	failure: {
		doing: 'update document',
		hint: 'Check that the document exists in this organization and that the ID is right.',
	},
});
