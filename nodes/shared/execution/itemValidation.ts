import type { IExecuteFunctions } from 'n8n-workflow';
import { failuresBecomeItems } from '../toolRun';
import type { ItemError } from './output';

export type Settled<Prepared> = { value: Prepared } | { error: ItemError };

/** Calls `prepare`, turning a thrown n8n error into a value so it can be handled per item. */
async function settle<T>(prepare: () => T | Promise<T>): Promise<Settled<T>> {
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
): Promise<Array<Settled<Prepared>>> {
	const continueOnFail = failuresBecomeItems(context);
	const settledItems: Array<Settled<Prepared>> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const settled = await settle(() => prepare(itemIndex));
		if ('error' in settled && !continueOnFail) throw settled.error;
		settledItems.push(settled);
	}
	return settledItems;
}
