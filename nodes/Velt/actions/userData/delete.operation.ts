import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import {
	additionalFieldsCollection,
	idListField,
	userIdsField,
} from '../../../shared/descriptions';
import { additionalFieldsOf, distinctIds, requireSomeIds } from '../../../shared/parameters';
import type { VeltResult } from '../../../shared/transport';
import {
	ACCESS_ENDPOINTS,
	isPlainObject,
	sendVeltRequest,
	USER_DATA_DELETE_TIMEOUT_MS,
} from '../../../shared/transport';
import { requireAuthorOrganization, toolSwitch } from '../../helpers/access';
import type { DeletionStatus, WaitBound } from '../../helpers/userDataDeletion';
import { readWaitBound, waitFields, waitForDeletion } from '../../helpers/userDataDeletion';

export const ALLOW_TOOL_DELETE_DATA = 'allowToolDeleteData';

const allowDelete = toolSwitch(
	ALLOW_TOOL_DELETE_DATA,
	'Allow Deleting User Data as a Tool',
	"delete users' data",
);

const properties: INodeProperties[] = [
	userIdsField(
		'The users whose data Velt deletes everywhere (access, mentions, comments, reactions, …): IDs separated by commas, or an array',
	),
	...waitFields,
	allowDelete.field,
	additionalFieldsCollection(
		sortedByDisplayName([
			idListField(
				'Organization IDs',
				'organizationIds',
				"The organizations the users are part of, separated by commas: Velt's job is faster with them",
				'e.g. acme-inc',
			),
		]),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface DeleteDataRequest {
	data: IDataObject;
	wait: WaitBound | undefined;
}

/** https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/delete-all-user-data-gdpr */
export function buildDeleteDataRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): DeleteDataRequest {
	allowDelete.require(node, itemIndex);
	const ref = { node, itemIndex, label: 'User IDs', parameter: 'userIds' };
	const userIds = distinctIds(parameters.userIds, ref);
	requireSomeIds(userIds, ref, 'Enter the IDs of the users whose data Velt deletes.');
	const extra = additionalFieldsOf(parameters);
	requireAuthorOrganization(
		node,
		itemIndex,
		'additionalFields.organizationIds',
		'Organization IDs',
	);
	const organizationIds = distinctIds(extra.organizationIds, {
		node,
		itemIndex,
		label: 'Organization IDs',
		parameter: 'additionalFields.organizationIds',
	});
	const data: IDataObject = { userIds };
	if (organizationIds.length > 0) data.organizationIds = organizationIds;
	return { data, wait: readWaitBound(parameters, node, itemIndex) };
}

interface DeleteDataAnswer {
	job: IDataObject;
	message?: string;
	waited?: DeletionStatus;
}

async function sendDeleteData(
	this: IExecuteFunctions,
	request: DeleteDataRequest,
	run: OperationRun,
): Promise<VeltResult<DeleteDataAnswer>> {
	// Velt may take 5 minutes to accept the job (contract.ts): that long unless the author set
	// Options > Timeout. Its answer is unwrapped.
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutMs =
		options.timeout === undefined ? USER_DATA_DELETE_TIMEOUT_MS : run.options.policy.timeoutMs;
	const policy = { ...run.options.policy, timeoutMs, resultAtTopLevel: true };
	// Deleting data that is gone deletes nothing more: safe to retry.
	const started = await sendVeltRequest.call(
		this,
		run.connection,
		ACCESS_ENDPOINTS.deleteUserData,
		request.data,
		{ policy, idempotent: true },
	);
	if (!started.ok) return started;
	const job = isPlainObject(started.data) ? started.data : {};
	const answer: DeleteDataAnswer = { job, message: started.message };
	if (request.wait === undefined || typeof job.jobId !== 'string' || job.jobId === '')
		return { ok: true, data: answer, attempts: started.attempts };
	const waited = await waitForDeletion.call(this, job.jobId, request.wait, run);
	if (!waited.ok) return waited;
	return { ok: true, data: { ...answer, waited: waited.data }, attempts: started.attempts };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildDeleteDataRequest,
	send: sendDeleteData,
	toOutcome: ({ data }, request) => {
		const json: IDataObject = {
			...request.data,
			...data.job,
			message: data.message ?? '',
		};
		if (data.waited !== undefined) {
			json.isDeleteCompleted = data.waited.status.isDeleteCompleted === true;
			Object.assign(json, data.waited.status, { statusPolls: data.waited.polls });
		}
		return { json };
	},
});
