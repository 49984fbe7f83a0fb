import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { invalidParameterError } from '../../shared/errors';
import type { ItemParameters, OperationRun } from '../../shared/execution/operationSetup';
import type { VeltResult } from '../../shared/transport';
import {
	ACCESS_ENDPOINTS,
	isPlainObject,
	sendVeltRequest,
	USER_DATA_DELETE_MAX_WAIT_S,
} from '../../shared/transport';

// Velt deletes a user's data in a job "up to 24 hours" long
// (https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/delete-all-user-data-gdpr). Waiting for
// it is a bounded poll of the status endpoint: at most Max Wait ÷ Poll Interval polls, each after
// Poll Interval, never a loop without end.

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. dsQuvPmIynANgPLLEhCm',
	description: 'The jobId User Data > Delete returned',
};

export const WAIT_FOR_COMPLETION = 'waitForCompletion';

export const waitFields: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: WAIT_FOR_COMPLETION,
		type: 'boolean',
		default: false,
		description:
			"Whether to wait until Velt's job is done, asking its status every Poll Interval for at most Max Wait. Off: the job is returned at once (read its status later with Get Deletion Status).",
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.001, numberPrecision: 3 },
		default: 30,
		description: 'How long to wait before each status request',
		displayOptions: { show: { [WAIT_FOR_COMPLETION]: [true] } },
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 0.001, maxValue: USER_DATA_DELETE_MAX_WAIT_S, numberPrecision: 3 },
		default: 600,
		description:
			"The longest to wait (at most 86,400, Velt's 24 hours). When it passes, the item is output with isDeleteCompleted false and the job goes on at Velt.",
		displayOptions: { show: { [WAIT_FOR_COMPLETION]: [true] } },
	},
];

export interface WaitBound {
	intervalMs: number;
	/** Status requests at most: Max Wait ÷ Poll Interval, at least one. */
	maxPolls: number;
}

function positiveSeconds(
	value: unknown,
	max: number,
	node: INode,
	itemIndex: number,
	label: string,
	parameter: string,
): number {
	const seconds = typeof value === 'number' ? value : Number(value);
	if (Number.isFinite(seconds) && seconds > 0 && seconds <= max) return seconds;
	throw invalidParameterError(
		node,
		itemIndex,
		label,
		`must be a number of seconds above 0 and at most ${max}, got ${JSON.stringify(value)}`,
		`Give a number of seconds, e.g. 30 (at most ${max}).`,
		{ parameter },
	);
}

/** The wait's bound, or undefined when the item does not wait. */
export function readWaitBound(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): WaitBound | undefined {
	if (parameters[WAIT_FOR_COMPLETION] !== true) return undefined;
	const max = USER_DATA_DELETE_MAX_WAIT_S;
	const interval = positiveSeconds(
		parameters.pollInterval,
		max,
		node,
		itemIndex,
		'Poll Interval (Seconds)',
		'pollInterval',
	);
	const wait = positiveSeconds(
		parameters.maxWait,
		max,
		node,
		itemIndex,
		'Max Wait (Seconds)',
		'maxWait',
	);
	return {
		intervalMs: Math.round(interval * 1000),
		maxPolls: Math.max(1, Math.floor(wait / interval)),
	};
}

export interface DeletionStatus {
	status: IDataObject;
	polls: number;
}

/** Whether the status says the job is done (documented: `isDeleteCompleted`, `tasksLeft`). */
function isDone(status: IDataObject): boolean {
	return status.isDeleteCompleted === true;
}

/**
 * Polls the job's status until it is done or the bound is spent; the execution's cancel ends
 * the wait too. A failed status request ends it with that failure.
 */
export async function waitForDeletion(
	this: IExecuteFunctions,
	jobId: string,
	bound: WaitBound,
	run: OperationRun,
): Promise<VeltResult<DeletionStatus>> {
	const cancel = this.getExecutionCancelSignal?.();
	const cancelled = () => cancel?.aborted === true;
	let status: IDataObject = {};
	let polls = 0;
	while (polls < bound.maxPolls && !cancelled()) {
		await sleep(bound.intervalMs);
		if (cancelled()) break;
		const answer = await sendVeltRequest.call(
			this,
			run.connection,
			ACCESS_ENDPOINTS.getUserDataDeletionStatus,
			{ jobId },
			{ policy: run.options.policy, idempotent: true },
		);
		polls++;
		if (!answer.ok) return answer;
		status = isPlainObject(answer.data) ? answer.data : {};
		if (isDone(status)) break;
	}
	return { ok: true, data: { status, polls }, attempts: polls };
}
