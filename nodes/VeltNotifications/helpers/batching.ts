import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type {
	BatchedItem,
	ConcurrencyController,
	ENDPOINTS,
	PlannedBatch,
	RequestPolicy,
	VeltConnection,
	VeltFailure,
} from '../../shared/transport';
import { planBatches, runWithConcurrency, sendVeltRequest } from '../../shared/transport';
import type { ItemOutcome } from './execution';
import { failuresBecomeItems, outcomesToOutput, prepareAllItems } from './execution';

/** What Velt says about one id in an update or delete answer. */
export interface PerIdResult {
	success: boolean;
	message: string;
}

/** Velt's per-id answers by id: a Map, as ids such as `constructor` are Object.prototype names. */
export type BatchAnswer =
	| { ok: true; results: Map<string, PerIdResult> }
	| { ok: false; failure: VeltFailure };

export interface BatchedOperation {
	prepare: (itemIndex: number) => BatchedItem | Promise<BatchedItem>;
	send: (batch: PlannedBatch) => Promise<BatchAnswer>;
	/** The item's output once every id of it was answered (all successful or not). */
	toOutcome: (
		itemIndex: number,
		answers: Array<{ id: string; result: PerIdResult }>,
		failure?: VeltFailure,
	) => ItemOutcome;
}

/**
 * Update and Delete: validate every item, combine their ids into few requests,
 * then map Velt's per-id answers back to the items they came from.
 */
export async function executeBatched(
	this: IExecuteFunctions,
	itemCount: number,
	options: { batchSize: number; concurrency: number | ConcurrencyController },
	operation: BatchedOperation,
): Promise<INodeExecutionData[]> {
	const continueOnFail = failuresBecomeItems(this);
	const settledItems = await prepareAllItems(this, itemCount, operation.prepare);
	const prepared = settledItems.map((settled) => ('value' in settled ? settled.value : undefined));

	const answers = new Map<number, Array<{ id: string; result: PerIdResult }>>();
	const failures = new Map<number, VeltFailure>();
	let failed = false;
	for (const wave of planBatches(prepared, options.batchSize)) {
		if (failed && !continueOnFail) break;
		await runWithConcurrency(
			wave.length,
			options.concurrency,
			async (position) => {
				const batch = wave[position];
				const answer = await operation.send(batch);
				if (batch.ownerItemIndex !== undefined) {
					if (answer.ok) {
						const list = [...answer.results].map(([id, result]) => ({ id, result }));
						answers.set(batch.ownerItemIndex, list);
						if (list.some(({ result }) => !result.success)) failed = true;
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
					const result = answer.results.get(entry.id) ?? {
						success: false,
						message: 'Velt did not report on this notification.',
					};
					if (!result.success) failed = true;
					const list = answers.get(entry.itemIndex) ?? [];
					if (list.length === 0) answers.set(entry.itemIndex, list);
					list.push({ id: entry.id, result });
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
		if (failure === undefined && itemAnswers.length < item.entries.length) return undefined;
		return operation.toOutcome(itemIndex, itemAnswers, failure);
	});
	return outcomesToOutput.call(this, outcomes);
}

/** Sends one update or delete call and reads Velt's per-id answer. */
export async function sendPerIdBatch(
	this: IExecuteFunctions,
	connection: VeltConnection,
	endpoint: typeof ENDPOINTS.updateNotifications | typeof ENDPOINTS.deleteNotifications,
	data: IDataObject,
	policy: RequestPolicy,
): Promise<BatchAnswer> {
	// Updates and deletes set state rather than add to it, so sending one again is harmless.
	const result = await sendVeltRequest.call(this, connection, endpoint, data, {
		policy,
		idempotent: true,
	});
	if (!result.ok) return { ok: false, failure: result.failure };
	return { ok: true, results: perIdResults(result.data) };
}

/** Velt's per-id object as a Map of its own keys; an entry not shaped as one is a failure without a reason. */
export function perIdResults(data: unknown): Map<string, PerIdResult> {
	const results = new Map<string, PerIdResult>();
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return results;
	for (const [id, value] of Object.entries(data as Record<string, unknown>)) {
		const entry = (typeof value === 'object' && value !== null ? value : {}) as IDataObject;
		results.set(id, {
			success: Boolean(entry.success),
			message: typeof entry.message === 'string' ? entry.message : '',
		});
	}
	return results;
}

/** Output for an item whose ids were all answered; a failed id is an error for that item. */
export function perIdOutcome(
	node: INode,
	itemIndex: number,
	verb: 'update' | 'delete',
	answers: Array<{ id: string; result: PerIdResult }>,
) {
	const failedAnswers = answers.filter(({ result }) => !result.success);
	if (failedAnswers.length > 0) {
		const list = failedAnswers
			.map(({ id, result }) => `${id} (${result.message || 'no reason given'})`)
			.join(', ');
		return {
			error: new NodeOperationError(node, `Velt could not ${verb} notification ${list}`, {
				itemIndex,
				description:
					'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
			}),
		};
	}
	return undefined;
}
