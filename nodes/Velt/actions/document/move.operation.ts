import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { MAX_DOCUMENT_IDS_PER_MOVE, WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField } from '../../descriptions';
import { readFolder } from '../../helpers/workspace';
import { documentIdsField, readDocumentIds } from './delete.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the documents'),
	documentIdsField(
		'The documents to move: IDs separated by commas, or an array from an expression (at most 30)',
	),
	folderField('The folder the documents move to'),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildMoveDocumentsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	return {
		...readDocumentIds(parameters, node, itemIndex, MAX_DOCUMENT_IDS_PER_MOVE),
		folderId: readFolder(parameters, node, itemIndex),
	};
}

/**
 * One request per item, not batched: Velt answers a move without per-document entries
 * (https://docs.velt.dev/api-reference/rest-apis/v2/documents/move-documents), so a failed
 * request could not be told apart per item.
 */
export const execute = perItemExecutor({
	properties,
	prepare: buildMoveDocumentsRequest,
	// Moving to the same folder again changes nothing, so a retry is harmless.
	send: sendOneCall(WORKSPACE_ENDPOINTS.moveDocuments),
	// Velt answers a move without per-document entries ("Documents moved successfully.").
	toOutcome: ({ message }, sent) => ({
		json: {
			moved: true,
			...sent,
			movedCount: (sent.documentIds as string[]).length,
			...(message !== undefined ? { message } : {}),
		},
	}),
});
