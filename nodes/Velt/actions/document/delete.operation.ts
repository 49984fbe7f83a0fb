import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { idListField } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_DELETE,
	echoedSummary,
	readOrganization,
	readRequiredIds,
	requireToolSwitch,
	toolSwitchField,
} from '../../helpers/workspace';

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/documents/delete-documents): "Document does not exist". */
const DOCUMENT_MISSING = /does not exist/i;

export const documentIdsField = (description: string): INodeProperties => ({
	...idListField('Document IDs', 'documentIds', description, 'e.g. deal-4711, deal-4712'),
	required: true,
});

/** The organization and the documents of a write on a list of documents. */
export function readDocumentIds(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	max?: number,
): IDataObject {
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		documentIds: readRequiredIds(
			parameters.documentIds,
			node,
			itemIndex,
			'Document IDs',
			'documentIds',
			max,
		),
	};
}

const TOOL_DELETE = { ...ALLOW_TOOL_DELETE, what: 'delete documents' };

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the documents'),
	documentIdsField(
		'The documents to delete with their comments and other data: IDs separated by commas, or an array from an expression',
	),
	toolSwitchField(TOOL_DELETE),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDeleteDocumentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireToolSwitch(node, itemIndex, TOOL_DELETE);
	return readDocumentIds(parameters, node, itemIndex);
}

/**
 * Batched: `documentIds` is an array answered per ID, also on a partial failure (page above);
 * items of the same organization share requests, no documented limit, so Options > Batch Size.
 * Deleting what is gone changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildDeleteDocumentsRequest,
	endpoint: WORKSPACE_ENDPOINTS.deleteDocuments,
	ids: 'documentIds',
	detailsAreAnswer: true,
	missingAfterRetry: DOCUMENT_MISSING,
	failure: {
		doing: 'delete document',
		hint: 'Check that the document exists in this organization and that the ID is right.',
	},
	summary: echoedSummary('deleted', ['organizationId']),
});
