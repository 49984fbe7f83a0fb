import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { requireNonEmptyString } from '../../../shared/parameters';
import { ACCESS_ENDPOINTS, isPlainObject } from '../../../shared/transport';
import { jobIdField } from '../../helpers/userDataDeletion';

const properties: INodeProperties[] = [jobIdField, perItemExecutionOptions];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/get-delete-user-data-status-gdpr */
export function buildStatusRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	return {
		jobId: requireNonEmptyString(parameters.jobId, {
			node,
			itemIndex,
			label: 'Job ID',
			parameter: 'jobId',
		}),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildStatusRequest,
	send: sendOneCall(ACCESS_ENDPOINTS.getUserDataDeletionStatus),
	toOutcome: ({ data }, request) => ({
		json: { jobId: request.jobId, ...(isPlainObject(data) ? data : {}) },
	}),
});
