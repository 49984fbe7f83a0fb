import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { AnyVeltEndpoint, VeltResult } from '../transport';
import { runWithConcurrency, sendVeltRequest } from '../transport';
import { failuresBecomeItems } from '../toolRun';
import { prepareAllItems } from './itemValidation';
import type { ItemParameters, OperationRun } from './operationSetup';
import { startOperation } from './operationSetup';
import type { ItemOutcome } from './output';
import { outcomesToOutput } from './output';

/** An operation that makes one Velt call (or one paged read) per item. */
export interface PerItemOperation<Prepared, Answer> {
	/** The operation's own properties: the parameters read for each item. */
	properties: INodeProperties[];
	/** What to send for one item, validated (throws a NodeOperationError naming the field). */
	prepare: (
		parameters: ItemParameters,
		node: INode,
		itemIndex: number,
		context: IExecuteFunctions,
	) => Prepared;
	/** Sends one item's request; a failure is never thrown but answered. */
	send: (
		this: IExecuteFunctions,
		prepared: Prepared,
		run: OperationRun,
	) => Promise<VeltResult<Answer>>;
	/** The item's output from Velt's successful answer to what was sent. */
	toOutcome: (
		answer: Extract<VeltResult<Answer>, { ok: true }>,
		prepared: Prepared,
		itemIndex: number,
		node: INode,
	) => ItemOutcome;
}

/** How the router calls every operation. */
export type OperationExecute = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/**
 * The execute of Add, Get Many and the Notification Setting operations: every item is
 * validated before anything is sent, then calls run with bounded concurrency. Without
 * "Continue On Fail" no new call starts after a failure.
 */
export function perItemExecutor<Prepared, Answer>(
	operation: PerItemOperation<Prepared, Answer>,
): OperationExecute {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await executePerItem(this, items, operation);
	};
}

async function executePerItem<Prepared, Answer>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: PerItemOperation<Prepared, Answer>,
): Promise<INodeExecutionData[]> {
	const run = await startOperation.call(context, operation.properties);
	const continueOnFail = failuresBecomeItems(context);
	const settledItems = await prepareAllItems(context, items.length, (itemIndex) =>
		operation.prepare(run.parametersOf(itemIndex), run.node, itemIndex, context),
	);
	const outcomes: Array<ItemOutcome | undefined> = settledItems.map((settled) =>
		'error' in settled ? settled : undefined,
	);
	const pending = settledItems.flatMap((settled, itemIndex) =>
		'value' in settled ? [itemIndex] : [],
	);
	let failed = false;
	await runWithConcurrency(
		pending.length,
		run.options.concurrency,
		async (position) => {
			const itemIndex = pending[position];
			const prepared = (settledItems[itemIndex] as { value: Prepared }).value;
			const result = await operation.send.call(context, prepared, run);
			const outcome = result.ok
				? operation.toOutcome(result, prepared, itemIndex, run.node)
				: run.failed(result.failure, itemIndex);
			if ('error' in outcome) failed = true;
			outcomes[itemIndex] = outcome;
		},
		() => failed && !continueOnFail,
	);
	// Items never started because an earlier one failed stay undefined: the node stops on that failure.
	return outcomesToOutput.call(context, outcomes);
}

/**
 * The send of an operation whose prepared item is the request's `data`. Retried only when
 * sending it twice is harmless (`idempotent`, or its answer for the item's data): an Add
 * always carries its notificationId, settings are set to a value, deletes of what is gone
 * change nothing.
 */
export function sendOneCall(
	endpoint: AnyVeltEndpoint,
	idempotent: boolean | ((data: IDataObject) => boolean) = true,
) {
	return async function (
		this: IExecuteFunctions,
		data: IDataObject,
		run: OperationRun,
	): Promise<VeltResult<unknown>> {
		return await sendVeltRequest.call(this, run.connection, endpoint, data, {
			policy: run.options.policy,
			idempotent: typeof idempotent === 'function' ? idempotent(data) : idempotent,
		});
	};
}

/**
 * For sendOneCall: a create is harmless twice only when it carries its own id (the first
 * entry of `list` has `idKey`); without one, a retry after a lost answer would create twice.
 */
export function carriesOwnId(list: string, idKey: string) {
	return (data: IDataObject): boolean => {
		const entries = data[list];
		const first = Array.isArray(entries) ? (entries[0] as IDataObject | undefined) : undefined;
		return first?.[idKey] !== undefined;
	};
}
