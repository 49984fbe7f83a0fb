import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { accessTypeField, organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_PUBLIC,
	echoedSummary,
	readAccessType,
	toolSwitchField,
} from '../../helpers/workspace';
import { documentIdsField, readDocumentIds } from './delete.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the documents'),
	documentIdsField(
		'The documents whose access changes: IDs separated by commas, or an array from an expression',
	),
	accessTypeField('documents'),
	toolSwitchField(ALLOW_TOOL_PUBLIC),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDocumentAccessRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const accessType = readAccessType(parameters.accessType, node, itemIndex, 'accessType');
	return { ...readDocumentIds(parameters, node, itemIndex), accessType };
}

/**
 * Batched: `documentIds` is an array answered per document ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/documents/update-document-access); items
 * with the same organization and access type share requests, no documented limit, so Options >
 * Batch Size. Setting the same access again changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildDocumentAccessRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateDocumentAccess,
	ids: 'documentIds',
	detailsAreAnswer: true,
	failure: {
		doing: 'set the access type of document',
		hint: 'Check that the document exists in this organization and that the ID is right.',
	},
	summary: echoedSummary('updated', ['organizationId', 'accessType']),
});
