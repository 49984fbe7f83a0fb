import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { documentIdField } from '../../../shared/descriptions';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { field, requireNonEmptyString } from '../../../shared/parameters';
import { readScope } from '../../../shared/scope';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import { oneById } from '../../helpers/oneById';
import { simplifyRecording } from '../../helpers/recordings';
import { recordingSimplifyField } from './getAll.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the recording'),
	{
		...documentIdField,
		description: 'The document of the recording (optional; narrows the search)',
	},
	{
		displayName: 'Recording ID',
		name: 'recordingId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ypvmVTROaNU1qP4kq7Cc',
		description: "The recording's annotationId, as Get Many and recorder.done webhooks give it",
	},
	recordingSimplifyField,
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

interface RecordingRequest {
	data: IDataObject;
	simplify: boolean;
}

export function buildGetRecordingRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): RecordingRequest {
	const recordingId = requireNonEmptyString(
		parameters.recordingId,
		field(node, itemIndex, 'Recording ID', 'recordingId'),
	);
	const data: IDataObject = readScope(
		parameters,
		{ organizationId: 'required', documentId: 'optional' },
		node,
		itemIndex,
	);
	return { data: { ...data, recordingIds: [recordingId] }, simplify: parameters.simplify === true };
}

const getRecordings = sendOneCall(ACTIVITY_ENDPOINTS.getRecordings);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetRecordingRequest,
	send: async function (this: IExecuteFunctions, request: RecordingRequest, run: OperationRun) {
		return await getRecordings.call(this, request.data, run);
	},
	toOutcome: ({ data }, request, itemIndex, node) => {
		const [id] = request.data.recordingIds as string[];
		const one = oneById(
			data,
			id,
			'annotationId',
			{
				noun: 'recording',
				organizationId: request.data.organizationId,
				hint: "Check the ID (the recording's annotationId); Get Many lists the recordings of a document.",
			},
			itemIndex,
			node,
		);
		if (!('found' in one)) return one;
		return { json: request.simplify ? simplifyRecording(one.found) : one.found };
	},
});
