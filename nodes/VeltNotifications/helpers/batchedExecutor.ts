import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { ENDPOINTS, VeltFailure } from '../../shared/transport';
import { runWithConcurrency, sendVeltRequest } from '../../shared/transport';
import type { BatchedItem, PlannedBatch } from './batchPlan';
import { planBatches } from './batchPlan';
import { failuresBecomeItems } from '../../shared/toolRun';
import { prepareAllItems } from '../../shared/execution/itemValidation';
import type { ItemParameters } from '../../shared/execution/operationSetup';
import type { OperationExecute } from '../../shared/execution/perItemExecutor';
import { startOperation } from '../../shared/execution/operationSetup';
import type { ItemOutcome } from '../../shared/execution/output';
import { outcomesToOutput } from '../../shared/execution/output';
import type { IdAnswer } from '../../shared/execution/perIdAnswers';
import {
	answerFor,
	forgiveRetriedRemovals,
	perIdFailure,
	readIdAnswers,
} from '../../shared/execution/perIdAnswers';

// Runs what nodes/shared/transport/batchPlan.ts plans: items' ids combined into few requests.

/** Velt's per-id answers by id (perIdAnswers.ts reads them). */
type BatchAnswer =
	| { ok: true; results: Map<string, IdAnswer> }
	| { ok: false; failure: VeltFailure };

/** Update or Delete: one request carries the ids of many items. */
export interface BatchedOperation {
	properties: INodeProperties[];
	endpoint: typeof ENDPOINTS.updateNotifications | typeof ENDPOINTS.deleteNotifications;
	/** For the error of an id Velt could not change: "Velt could not <verb> notification ...". */
	verb: 'update' | 'delete';
	/** One item's scope and ids, validated (throws a NodeOperationError naming the field). */
	prepare: (parameters: ItemParameters, node: INode, itemIndex: number) => BatchedItem;
	/** The request's `data` for one planned batch. */
	requestData: (batch: PlannedBatch) => IDataObject;
	/** The item's output once every id of it was answered successfully. */
	toJson: (answers: IdAnswer[]) => IDataObject;
	/** Velt's per-id message for an id it does not have: after a retry, a delete that worked. */
	missingAfterRetry?: RegExp;
}

/**
 * The execute of Update and Delete: validate every item, combine their ids into few
 * requests, then map Velt's per-id answers back to the items they came from.
 */
export function batchedExecutor(operation: BatchedOperation): OperationExecute {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await executeBatched(this, items, operation);
	};
}

async function executeBatched(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BatchedOperation,
): Promise<INodeExecutionData[]> {
	const run = await startOperation.call(context, operation.properties);
	const { node, options } = run;
	const continueOnFail = failuresBecomeItems(context);
	const settledItems = await prepareAllItems(context, items.length, (itemIndex) =>
		operation.prepare(run.parametersOf(itemIndex), node, itemIndex),
	);
	const prepared = settledItems.map((settled) => ('value' in settled ? settled.value : undefined));
	// Updates and deletes set state rather than add to it, so sending one again is harmless.
	const send = async (batch: PlannedBatch): Promise<BatchAnswer> => {
		const result = await sendVeltRequest.call(
			context,
			run.connection,
			operation.endpoint,
			operation.requestData(batch),
			{ policy: options.policy, idempotent: true },
		);
		if (!result.ok) return { ok: false, failure: result.failure };
		const answers = forgiveRetriedRemovals(
			[...readIdAnswers(result.data).values()],
			result.attempts,
			operation.missingAfterRetry,
		);
		return { ok: true, results: new Map(answers.map((answer) => [answer.id, answer])) };
	};

	const answers = new Map<number, IdAnswer[]>();
	const failures = new Map<number, VeltFailure>();
	let failed = false;
	for (const wave of planBatches(prepared, options.batchSize)) {
		if (failed && !continueOnFail) break;
		await runWithConcurrency(
			wave.length,
			options.concurrency,
			async (position) => {
				const batch = wave[position];
				const answer = await send(batch);
				if (batch.ownerItemIndex !== undefined) {
					if (answer.ok) {
						const list = [...answer.results.values()];
						answers.set(batch.ownerItemIndex, list);
						if (list.some((result) => !result.success)) failed = true;
					} else {
						failures.set(batch.ownerItemIndex, answer.failure);
						failed = true;
					}
					return;
				}
				for (const entry of batch.entries) {
					if (!answer.ok) {
						if (!failures.has(entry.itemIndex)) failures.set(entry.itemIndex, answer.failure);
						failed = true;
						continue;
					}
					const result = answerFor(answer.results, entry.id);
					if (!result.success) failed = true;
					const list = answers.get(entry.itemIndex) ?? [];
					if (list.length === 0) answers.set(entry.itemIndex, list);
					list.push(result);
				}
			},
			() => failed && !continueOnFail,
		);
	}

	const outcomes: Array<ItemOutcome | undefined> = prepared.map((item, itemIndex) => {
		const settled = settledItems[itemIndex];
		if ('error' in settled) return settled;
		if (item === undefined) return undefined;
		const itemAnswers = answers.get(itemIndex) ?? [];
		const failure = failures.get(itemIndex);
		if (failure !== undefined) return run.failed(failure, itemIndex);
		// Not all ids answered: a later wave never ran because an earlier item failed.
		if (itemAnswers.length < item.entries.length) return undefined;
		const error = perIdFailure(node, itemIndex, itemAnswers, {
			doing: `${operation.verb} notification`,
			hint: 'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
		});
		return error !== undefined ? { error } : { json: operation.toJson(itemAnswers) };
	});
	return outcomesToOutput.call(context, outcomes);
}
