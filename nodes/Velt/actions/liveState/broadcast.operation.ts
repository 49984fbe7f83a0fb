import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { field, parseJsonObject, requireNonEmptyString } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { documentField, organizationField } from '../../descriptions';
import { answerWith, requireAuthorScope } from '../../helpers/activityFields';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The document whose open sessions receive the data'),
	{
		displayName: 'Live State ID',
		name: 'liveStateDataId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. build-status',
		description: "The live state's ID, as your app reads it with Velt's live state API",
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		default: '{}',
		required: true,
		description: 'The data to broadcast: any JSON object, e.g. {"status": "passed"}',
	},
	{
		displayName: 'Merge',
		name: 'merge',
		type: 'boolean',
		default: false,
		description: 'Whether to merge the data into what the live state holds instead of replacing it',
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildBroadcastRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireAuthorScope(node, itemIndex, ['organizationId', 'documentId'], 'broadcast live state');
	const dataField = field(node, itemIndex, 'Data', 'data');
	const data = parseJsonObject(parameters.data, dataField);
	return {
		...readScope(parameters, SCOPES.document, node, itemIndex),
		liveStateDataId: requireNonEmptyString(
			parameters.liveStateDataId,
			field(node, itemIndex, 'Live State ID', 'liveStateDataId'),
		),
		// The page: data "required", "any valid serializable JSON object".
		data: data ?? requireNonEmptyString(undefined, dataField),
		merge: parameters.merge === true,
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildBroadcastRequest,
	// A replace sends the same state twice harmlessly; a merge of the same data too.
	send: sendOneCall(ACTIVITY_ENDPOINTS.broadcastLiveState),
	toOutcome: ({ data }, sent) => ({
		json: answerWith(data, {
			organizationId: sent.organizationId,
			documentId: sent.documentId,
			liveStateDataId: sent.liveStateDataId,
		}),
	}),
});
