import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_DISABLE,
	disabledField,
	echoedSummary,
	readDisabledState,
	toolSwitchField,
} from '../../helpers/workspace';
import { documentIdsField, readDocumentIds } from './delete.operation';

const TOOL_DISABLE = { ...ALLOW_TOOL_DISABLE, what: 'disable documents' };

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the documents'),
	documentIdsField(
		'The documents to disable or enable: IDs separated by commas, or an array from an expression',
	),
	disabledField('documents', 'for all users'),
	toolSwitchField(TOOL_DISABLE),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDisableDocumentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const disabled = readDisabledState(parameters, node, itemIndex, TOOL_DISABLE);
	return { ...readDocumentIds(parameters, node, itemIndex), disabled };
}

/**
 * Batched: `documentIds` is an array answered per ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/documents/update-document-disable-state);
 * items with the same organization and Disabled share requests, no documented limit, so
 * Options > Batch Size. Setting the same state again changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildDisableDocumentsRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateDocumentDisableState,
	ids: 'documentIds',
	detailsAreAnswer: true,
	failure: {
		doing: 'set the disabled state of document',
		hint: 'Check that the document exists in this organization and that the ID is right.',
	},
	summary: echoedSummary('updated', ['organizationId', 'disabled']),
});
