import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { failureToNodeApiError } from '../../shared/errors';
import type {
	ConcurrencySettings,
	RequestPolicy,
	VeltConnection,
	VeltEndpoint,
	VeltResult,
} from '../../shared/transport';
import {
	ConcurrencyController,
	DEFAULT_AUTO_START,
	DEFAULT_CONCURRENCY_CEILING,
	DEFAULT_REQUEST_POLICY,
	DEFAULT_UPDATE_DELETE_BATCH_SIZE,
	getVeltConnection,
	runWithConcurrency,
	sendVeltRequest,
} from '../../shared/transport';
import type { SimpleResolver } from './simpleExpressions';
import { compileSimpleParameter } from './simpleExpressions';
import { isToolNode } from '../../shared/tool';

/**
 * Whether a failed item becomes an error item instead of stopping the node: with
 * "Continue On Fail", and always when the node is an AI agent's tool, so the model
 * reads the error and can correct its arguments. (n8n 2.x relays a thrown error to
 * the model, but n8n 1.x fails the whole workflow on it.)
 */
export function failuresBecomeItems(context: IExecuteFunctions): boolean {
	return context.continueOnFail() || isToolNode(context.getNode());
}

export type ItemError = NodeApiError | NodeOperationError;

/** What one input item produced: output data, or the error that is its result. */
export type ItemOutcome = { json: IDataObject | IDataObject[] } | { error: ItemError };

export interface ExecutionOptions {
	/** One per node execution: every request of the execution goes through it. */
	concurrency: ConcurrencyController;
	batchSize: number;
	/** Carries the same controller, so every request waits for a slot and honours a shared pause. */
	policy: RequestPolicy;
}

/** "Concurrency" 0 means Auto: the limit adapts to how Velt answers. */
export const AUTO_CONCURRENCY = 0;
export const DEFAULT_CONCURRENCY = AUTO_CONCURRENCY;

function positiveInteger(value: unknown, fallback: number): number {
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) && number >= 1 ? Math.floor(number) : fallback;
}

function nonNegativeInteger(value: unknown, fallback: number): number {
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) && number >= 0 ? Math.floor(number) : fallback;
}

/** Concurrency 0 (or none given) is Auto, up to Max Concurrency; any other number is fixed. */
export function readConcurrencySettings(options: IDataObject): ConcurrencySettings {
	const fixed = nonNegativeInteger(options.concurrency, AUTO_CONCURRENCY);
	const ceiling = positiveInteger(options.maxConcurrency, DEFAULT_CONCURRENCY_CEILING);
	if (fixed === AUTO_CONCURRENCY)
		return { mode: 'auto', limit: Math.min(DEFAULT_AUTO_START, ceiling), ceiling };
	return { mode: 'fixed', limit: fixed, ceiling: fixed };
}

/** The node-wide "Options" collection, read once from the first item. */
export function readExecutionOptions(this: IExecuteFunctions): ExecutionOptions {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = new ConcurrencyController(readConcurrencySettings(options));
	return {
		concurrency,
		batchSize: positiveInteger(options.batchSize, DEFAULT_UPDATE_DELETE_BATCH_SIZE),
		policy: {
			maxRetries: nonNegativeInteger(options.maxRetries, DEFAULT_REQUEST_POLICY.maxRetries),
			retryDelayMs: nonNegativeInteger(options.retryDelay, DEFAULT_REQUEST_POLICY.retryDelayMs),
			timeoutMs: positiveInteger(options.timeout, DEFAULT_REQUEST_POLICY.timeoutMs),
			controller: concurrency,
		},
	};
}

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(containsExpression);
	return false;
}

export type ParameterReader = (
	name: string,
	itemIndex: number,
	fallback?: unknown,
	extractValue?: boolean,
) => unknown;

/**
 * Reads a parameter for an item. A top-level parameter without any expression
 * has the same value for every item, so it is resolved once; one whose expressions
 * only read plain `$json` paths is read from the item itself (see simpleExpressions);
 * the rest goes through n8n, whose per-call resolution is most of the node's own time.
 */
export function createParameterReader(context: IExecuteFunctions): ParameterReader {
	const constant = new Map<string, unknown>();
	const simple = new Map<string, SimpleResolver | undefined>();
	const raw = context.getNode().parameters;
	let inputItems: INodeExecutionData[] | undefined;
	const throughN8n = (
		name: string,
		itemIndex: number,
		fallback: unknown,
		extractValue: boolean,
	): unknown =>
		extractValue
			? context.getNodeParameter(name, itemIndex, fallback, { extractValue: true })
			: fallback === undefined
				? context.getNodeParameter(name, itemIndex)
				: context.getNodeParameter(name, itemIndex, fallback);
	return (name, itemIndex, fallback, extractValue = false) => {
		if (constant.has(name)) return constant.get(name);
		if (!containsExpression(raw[name])) {
			const value = throughN8n(name, itemIndex, fallback, extractValue);
			constant.set(name, value);
			return value;
		}
		// Resource locators need n8n's value extraction: never read directly.
		if (!simple.has(name))
			simple.set(name, extractValue ? undefined : compileSimpleParameter(raw[name]));
		const resolver = simple.get(name);
		if (resolver !== undefined) {
			inputItems ??= context.getInputData();
			const json = inputItems[itemIndex]?.json;
			const resolved = json === undefined ? undefined : resolver(json);
			if (resolved !== undefined) return resolved.value;
		}
		return throughN8n(name, itemIndex, fallback, extractValue);
	};
}

/** One item's values of the parameters an operation shows, by name. */
export type ItemParameters = Record<string, unknown>;

/**
 * What every operation needs before it starts: its options, the Velt connection, its
 * node, and a reader of one item's parameters. The reader takes the names and
 * defaults from the operation's own properties, so no list of fields is written twice.
 * Pickers (resource locators) are read as the ID they hold, whether the workflow saved
 * a locator object or, from before they were pickers, a plain string.
 */
export async function startOperation(
	this: IExecuteFunctions,
	properties: INodeProperties[],
): Promise<{
	options: ExecutionOptions;
	connection: VeltConnection;
	node: INode;
	parametersOf: (itemIndex: number) => ItemParameters;
}> {
	const read = createParameterReader(this);
	const fields = [
		...new Map(
			properties
				.filter((field) => field.name !== 'options' && field.type !== 'notice')
				.map((field) => [field.name, field]),
		).values(),
	];
	return {
		options: readExecutionOptions.call(this),
		connection: await getVeltConnection.call(this),
		node: this.getNode(),
		parametersOf: (itemIndex) =>
			Object.fromEntries(
				fields.map((field) => [
					field.name,
					read(field.name, itemIndex, field.default, field.type === 'resourceLocator'),
				]),
			),
	};
}

/** Calls `prepare`, turning a thrown n8n error into a value so it can be handled per item. */
async function settle<T>(
	prepare: () => T | Promise<T>,
): Promise<{ value: T } | { error: ItemError }> {
	try {
		return { value: await prepare() };
	} catch (error) {
		return { error: error as ItemError };
	}
}

/**
 * Validates and prepares every item before anything is sent. Without "Continue
 * On Fail" the first bad item stops the node; with it, the bad item keeps its error.
 */
export async function prepareAllItems<Prepared>(
	context: IExecuteFunctions,
	itemCount: number,
	prepare: (itemIndex: number) => Prepared | Promise<Prepared>,
): Promise<Array<{ value: Prepared } | { error: ItemError }>> {
	const continueOnFail = failuresBecomeItems(context);
	const settledItems: Array<{ value: Prepared } | { error: ItemError }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const settled = await settle(() => prepare(itemIndex));
		if ('error' in settled && !continueOnFail) throw settled.error;
		settledItems.push(settled);
	}
	return settledItems;
}

function errorItemJson(error: ItemError, forTool: boolean): IDataObject {
	const json: IDataObject = { error: error.message };
	// A tool's message already carries the fix; the model gets it alone.
	if (forTool) return json;
	if (error.description) json.description = error.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return json;
}

/**
 * Turns per-item outcomes into the node's output, in input order and paired with
 * their items. Without "Continue On Fail", the first failed item's error is thrown.
 */
export function outcomesToOutput(
	this: IExecuteFunctions,
	outcomes: Array<ItemOutcome | undefined>,
): INodeExecutionData[] {
	const continueOnFail = failuresBecomeItems(this);
	const forTool = isToolNode(this.getNode());
	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome === undefined) return;
		if ('error' in outcome) {
			if (!continueOnFail) throw outcome.error;
			output.push({ json: errorItemJson(outcome.error, forTool), pairedItem: { item: itemIndex } });
			return;
		}
		const list = Array.isArray(outcome.json) ? outcome.json : [outcome.json];
		// One pairing object per input item: Get Many can return tens of thousands of items for one input.
		const pairedItem = { item: itemIndex };
		for (const json of list) output.push({ json, pairedItem });
	});
	return output;
}

/**
 * The shape of operations that make one Velt call (or one paged walk) per item:
 * every item is validated before anything is sent, then calls run with bounded
 * concurrency. Without "Continue On Fail" no new call starts after a failure.
 */
export async function executePerItem<Prepared>(
	context: IExecuteFunctions,
	itemCount: number,
	concurrency: number | ConcurrencyController,
	prepare: (itemIndex: number) => Prepared | Promise<Prepared>,
	send: (prepared: Prepared, itemIndex: number) => Promise<ItemOutcome>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = failuresBecomeItems(context);
	const settledItems = await prepareAllItems(context, itemCount, prepare);
	const outcomes: Array<ItemOutcome | undefined> = settledItems.map((settled) =>
		'error' in settled ? settled : undefined,
	);
	const pending = settledItems.flatMap((settled, itemIndex) =>
		'value' in settled ? [itemIndex] : [],
	);
	let failed = false;
	await runWithConcurrency(
		pending.length,
		concurrency,
		async (position) => {
			const itemIndex = pending[position];
			const outcome = await send((settledItems[itemIndex] as { value: Prepared }).value, itemIndex);
			if ('error' in outcome) failed = true;
			outcomes[itemIndex] = outcome;
		},
		() => failed && !continueOnFail,
	);
	// Items never started because an earlier one failed stay undefined: the node stops on that failure.
	return outcomesToOutput.call(context, outcomes);
}

/** An operation that makes one Velt call per item: what to send, and what Velt's answer means. */
export interface OneCallPerItem {
	endpoint: VeltEndpoint;
	/** The request's `data` for one item, validated (throws a NodeOperationError naming the field). */
	prepare: (parameters: ItemParameters, node: INode, itemIndex: number) => IDataObject;
	/** The item's output from Velt's successful answer to what was sent. */
	toOutcome: (
		answer: Extract<VeltResult<unknown>, { ok: true }>,
		sent: IDataObject,
		itemIndex: number,
		node: INode,
	) => ItemOutcome;
}

/**
 * Add and the Notification Setting operations. Each of their calls may be sent again
 * without harm (an Add always carries its notificationId; settings are set to a value),
 * so all of them are retried; a failed call is the error of its item.
 */
export async function executeOneCallPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	properties: INodeProperties[],
	operation: OneCallPerItem,
): Promise<INodeExecutionData[]> {
	const { options, connection, node, parametersOf } = await startOperation.call(this, properties);
	return await executePerItem(
		this,
		items.length,
		options.concurrency,
		(itemIndex) => operation.prepare(parametersOf(itemIndex), node, itemIndex),
		async (data, itemIndex) => {
			const result = await sendVeltRequest.call(this, connection, operation.endpoint, data, {
				policy: options.policy,
				idempotent: true,
			});
			if (!result.ok) {
				return {
					error: failureToNodeApiError(node, result.failure, itemIndex, connection.secrets),
				};
			}
			return operation.toOutcome(result, data, itemIndex, node);
		},
	);
}
