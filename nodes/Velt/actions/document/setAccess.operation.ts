import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { perIdWriteOutcome } from '../../../shared/execution/perIdAnswers';
import { perItemExecutor, sendPerIdCall } from '../../../shared/execution/perItemExecutor';
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
	perItemExecutionOptions,
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

export const execute = perItemExecutor({
	properties,
	prepare: buildDocumentAccessRequest,
	// Setting the same access again changes nothing, so a retry is harmless.
	send: sendPerIdCall(WORKSPACE_ENDPOINTS.updateDocumentAccess),
	toOutcome: perIdWriteOutcome({
		ids: 'documentIds',
		failure: {
			doing: 'set the access type of document',
			hint: 'Check that the document exists in this organization and that the ID is right.',
		},
		summary: echoedSummary('updated', ['organizationId', 'accessType']),
	}),
});
