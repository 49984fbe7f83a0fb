import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { AnyVeltEndpoint, VeltFailure } from '../transport';
import { runWithConcurrency, sendVeltRequest } from '../transport';
import { failuresBecomeItems } from '../toolRun';
import type { BatchedItem, PlannedBatch } from './batchPlan';
import { planBatches } from './batchPlan';
import type { Settled } from './itemValidation';
import { prepareAllItems } from './itemValidation';
import type { OperationRun } from './operationSetup';
import { startOperation } from './operationSetup';
import type { OperationExecute, PerItemOperation } from './perItemExecutor';
import type { ItemOutcome } from './output';
import { outcomesToOutput } from './output';
import type { IdAnswer, PerIdFailureText } from './perIdAnswers';
import { answerFor, forgiveRetriedRemovals, perIdFailure, readIdAnswers } from './perIdAnswers';

// Runs what ./batchPlan.ts plans: items' ids combined into few requests, Velt's per-id answers
// mapped back to the items they came from under the one policy of ./perIdAnswers.ts.

/** One kind of batched request: where it goes, when it may be retried, how its answer is read. */
export interface BatchCall {
	endpoint: AnyVeltEndpoint;
	/** The request's `data` for one planned batch. */
	requestData: (batch: PlannedBatch) => IDataObject;
	/** Whether sending a batch twice is harmless (it sets state, or carries its own ids), so a lost answer may be retried. */
	idempotent: boolean;
	/** Velt's per-id answers keyed by the entries' ids (default: the answer map's own keys). */
	readAnswers?: (result: { data: unknown; message?: string }) => Map<string, IdAnswer>;
	/** Velt's per-id message for an id it does not have: after a retry, a delete that worked. */
	missingAfterRetry?: RegExp;
	/** What such a forgiven answer says (DONE_BY_EARLIER_ATTEMPT unless given; a create's differs). */
	doneAfterRetry?: string;
	/**
	 * A failed request's per-id map in `error.details` tells what it did write (a partial write):
	 * entries with success true were written and are successes of their items.
	 */
	partialWrites?: boolean;
	/**
	 * A failed request's per-id map in `error.details` is Velt's answer (documents' "Partial
	 * Failures": HTTP 500 with one entry per id), judged like a successful one.
	 */
	detailsAreAnswer?: boolean;
}

/** Velt's answer to one batch: per-id answers, or the request's failure (and what it wrote). */
export type BatchAnswer =
	| { ok: true; results: Map<string, IdAnswer> }
	| { ok: false; failure: VeltFailure; written?: Map<string, IdAnswer> };

/** Sends one planned batch; a failure is answered, never thrown. */
export async function sendBatch(
	context: IExecuteFunctions,
	run: OperationRun,
	call: BatchCall,
	batch: PlannedBatch,
): Promise<BatchAnswer> {
	const result = await sendVeltRequest.call(
		context,
		run.connection,
		call.endpoint,
		call.requestData(batch),
		{ policy: run.options.policy, idempotent: call.idempotent },
	);
	const read = call.readAnswers ?? (({ data }) => readIdAnswers(data));
	let answered: { data: unknown; message?: string; attempts: number };
	if (result.ok) answered = result;
	else {
		const details = result.failure.perIdDetails;
		if (details !== undefined && call.detailsAreAnswer === true)
			answered = { data: details, attempts: result.failure.attempts ?? 1 };
		else if (call.partialWrites !== true || details === undefined)
			return { ok: false, failure: result.failure };
		else return { ok: false, failure: result.failure, written: read({ data: details }) };
	}
	const answers = forgiveRetriedRemovals(
		[...read(answered).values()],
		answered.attempts,
		call.missingAfterRetry,
		call.doneAfterRetry,
	);
	return { ok: true, results: new Map(answers.map((answer) => [answer.id, answer])) };
}

/** What the batches answered, per item: the answers of its ids, or the failure that ends it. */
export class BatchResults {
	readonly answers = new Map<number, IdAnswer[]>();
	readonly failures = new Map<number, VeltFailure>();
	/** Whether any item failed (without Continue On Fail, no new request starts then). */
	failed = false;

	fail(itemIndex: number, failure: VeltFailure): void {
		if (!this.failures.has(itemIndex)) this.failures.set(itemIndex, failure);
		this.failed = true;
	}

	add(itemIndex: number, answer: IdAnswer): void {
		if (!answer.success) this.failed = true;
		const list = this.answers.get(itemIndex) ?? [];
		if (list.length === 0) this.answers.set(itemIndex, list);
		list.push(answer);
	}

	/** Records a batch's answer against the items of its entries. */
	record(batch: PlannedBatch, answer: BatchAnswer): void {
		if (batch.ownerItemIndex !== undefined) {
			if (!answer.ok) return this.fail(batch.ownerItemIndex, answer.failure);
			const list = [...answer.results.values()];
			this.answers.set(batch.ownerItemIndex, list);
			if (list.some((result) => !result.success)) this.failed = true;
			return;
		}
		for (const entry of batch.entries) {
			if (answer.ok) {
				this.add(entry.itemIndex, answerFor(answer.results, entry.id));
				continue;
			}
			// A partial write: what Velt says it wrote succeeded; the rest fail with its reason.
			const written = answer.written?.get(entry.id);
			if (written?.success === true) this.add(entry.itemIndex, written);
			else
				this.fail(
					entry.itemIndex,
					written?.message ? { ...answer.failure, message: written.message } : answer.failure,
				);
		}
	}
}

/** Sends one wave's batches with the run's concurrency; no new batch starts once `stop()` holds. */
export async function sendWave(
	context: IExecuteFunctions,
	run: OperationRun,
	wave: PlannedBatch[],
	call: BatchCall,
	record: (batch: PlannedBatch, answer: BatchAnswer) => void,
	stop: () => boolean,
): Promise<void> {
	await runWithConcurrency(
		wave.length,
		run.options.concurrency,
		async (position) => {
			const batch = wave[position];
			record(batch, await sendBatch(context, run, call, batch));
		},
		stop,
	);
}

/**
 * Each item's outcome, in input order: its validation error, the failure of a request that
 * carried it, its error under the per-id policy, or `toJson` of its answers. An item with
 * fewer answers than `expected`, all successes, was never wholly sent (another item failed
 * first, without Continue On Fail): undefined.
 */
export function batchOutcomes<Item extends BatchedItem>(
	run: OperationRun,
	settledItems: Array<Settled<Item>>,
	results: BatchResults,
	text: PerIdFailureText,
	toJson: (answers: IdAnswer[], item: Item, itemIndex: number) => IDataObject,
	expected: (item: Item) => number = (item) => item.entries.length,
): Array<ItemOutcome | undefined> {
	return settledItems.map((settled, itemIndex) => {
		if ('error' in settled) return settled;
		const item = settled.value;
		const failure = results.failures.get(itemIndex);
		if (failure !== undefined) return run.failed(failure, itemIndex);
		const answers = results.answers.get(itemIndex) ?? [];
		// An id of it failed: its error, even if later batches of it never ran.
		if (answers.length < expected(item) && answers.every((answer) => answer.success))
			return undefined;
		const error = perIdFailure(run.node, itemIndex, answers, text);
		return error !== undefined ? { error } : { json: toJson(answers, item, itemIndex) };
	});
}

/** An operation whose items' ids are combined into few requests of one endpoint. */
export interface BatchedOperation<Item extends BatchedItem>
	extends BatchCall,
		Pick<PerItemOperation<Item, unknown>, 'properties' | 'prepare'> {
	/** The error of an id Velt could not change: "Velt could not <doing> <id> (<reason>)". */
	failure: PerIdFailureText;
	/** The item's output once every id of it was answered successfully. */
	toJson: (answers: IdAnswer[], item: Item) => IDataObject;
}

/**
 * The execute of a batched operation: validate every item, combine their ids into few
 * requests, then map Velt's per-id answers back to the items they came from.
 */
export function batchedExecutor<Item extends BatchedItem>(
	operation: BatchedOperation<Item>,
): OperationExecute {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		const run = await startOperation.call(this, operation.properties);
		const settledItems = await prepareAllItems(this, items.length, (itemIndex) =>
			operation.prepare(run.parametersOf(itemIndex), run.node, itemIndex, this),
		);
		const results = await runBatches(this, run, settledItems, operation);
		inItemOrder(results, settledItems);
		return outcomesToOutput.call(
			this,
			batchOutcomes(run, settledItems, results, operation.failure, operation.toJson),
		);
	};
}

/** An item's answers in the order of its ids (its batches may answer in any order). */
function inItemOrder<Item extends BatchedItem>(
	results: BatchResults,
	settledItems: Array<Settled<Item>>,
): void {
	for (const [itemIndex, answers] of results.answers) {
		const settled = settledItems[itemIndex];
		if (!('value' in settled) || settled.value.entries.length < 2) continue;
		const position = new Map<string, number>();
		settled.value.entries.forEach(({ id }, index) => {
			if (!position.has(id)) position.set(id, index);
		});
		answers.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
	}
}

/** Plans the items' batches and sends them wave after wave. */
export async function runBatches<Item extends BatchedItem>(
	context: IExecuteFunctions,
	run: OperationRun,
	settledItems: Array<Settled<Item>>,
	call: BatchCall,
	results = new BatchResults(),
): Promise<BatchResults> {
	const continueOnFail = failuresBecomeItems(context);
	const stop = () => results.failed && !continueOnFail;
	const prepared = settledItems.map((settled) => ('value' in settled ? settled.value : undefined));
	for (const wave of planBatches(prepared, run.options.batchSize)) {
		if (stop()) break;
		await sendWave(
			context,
			run,
			wave,
			call,
			(batch, answer) => results.record(batch, answer),
			stop,
		);
	}
	return results;
}
