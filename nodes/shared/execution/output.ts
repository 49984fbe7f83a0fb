import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { errorItemJson, failuresBecomeItems } from '../toolRun';

export type ItemError = NodeApiError | NodeOperationError;

/** What one input item produced: output data, or the error that is its result. */
export type ItemOutcome = { json: IDataObject | IDataObject[] } | { error: ItemError };

/**
 * Turns per-item outcomes into the node's output, in input order and paired with
 * their items. Without "Continue On Fail", the first failed item's error is thrown.
 * An undefined outcome is an item never sent because an earlier one failed.
 */
export function outcomesToOutput(
	this: IExecuteFunctions,
	outcomes: Array<ItemOutcome | undefined>,
): INodeExecutionData[] {
	const continueOnFail = failuresBecomeItems(this);
	const node = this.getNode();
	// n8n routes an item to the error output ("Use error output") by its json: n8n 1.x only when it
	// holds error, or error and message; 2.x also takes details. The item must not carry the error
	// itself, or n8n reduces its json to the message. So the error output gets error and message
	// (the description: the fix); the regular output keeps error, description and httpCode flat,
	// as saved workflows read them. Velt's code and HTTP status are in the error text itself.
	const errorOutput = node.onError === 'continueErrorOutput';
	const errorJson = (error: ItemError): IDataObject => {
		const json = errorItemJson(node, error);
		if (!errorOutput) return json;
		return typeof json.description === 'string'
			? { error: json.error, message: json.description }
			: { error: json.error };
	};
	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome === undefined) return;
		if ('error' in outcome) {
			if (!continueOnFail) throw outcome.error;
			output.push({ json: errorJson(outcome.error), pairedItem: { item: itemIndex } });
			return;
		}
		const list = Array.isArray(outcome.json) ? outcome.json : [outcome.json];
		// One pairing object per input item: Get Many can return tens of thousands of items for one input.
		const pairedItem = { item: itemIndex };
		for (const json of list) output.push({ json, pairedItem });
	});
	return output;
}
