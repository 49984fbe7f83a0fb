import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import type { BatchCall, BatchedOperation } from './batchedExecutor';
import { batchedExecutor } from './batchedExecutor';
import type { BatchedItem } from './batchPlan';
import type { ItemParameters } from './operationSetup';
import type { OperationExecute } from './perItemExecutor';
import type { MatchedAnswers, PerIdFailureText } from './perIdAnswers';
import { CREATED_BY_EARLIER_ATTEMPT } from './perIdAnswers';

// The two shapes of Velt's list-taking writes, batched across items by ./batchedExecutor.ts:
// a list of entities that each carry their id (organizations/add, documents/update, ...) and a
// list of ids beside request-level fields (organizations/delete, .../disablestate/update, ...).
// An operation builds one item's request as before; the request's other fields are its scope.

/** Builds one item's request as a single call would send it (validated, throws a NodeOperationError). */
type BuildRequest = (
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
) => IDataObject;

type WriteOptions = Pick<BatchedOperation<BatchedItem>, 'properties' | 'endpoint'> &
	Pick<BatchCall, 'missingAfterRetry' | 'detailsAreAnswer'> & {
		build: BuildRequest;
		failure: PerIdFailureText;
		/** Whether sending a batch twice is harmless (default: it sets state or carries its ids). */
		idempotent?: boolean;
	};

/** A request's entities under `list` as a batched item; the other fields are its scope. */
export function entitiesItem(request: IDataObject, list: string, idKey: string): BatchedItem {
	const { [list]: entities, ...scope } = request;
	return {
		scope,
		entries: (entities as IDataObject[]).map((entity) => ({
			id: String(entity[idKey]),
			payload: entity,
		})),
	};
}

/** A request's ids under `ids` as a batched item (none: it asks by filters); the rest is its scope. */
export function idsItem(request: IDataObject, ids: string): BatchedItem {
	const { [ids]: list, ...scope } = request;
	return {
		scope,
		entries: ((list as string[] | undefined) ?? []).map((id) => ({ id, payload: {} })),
	};
}

/**
 * A write of one entity per item (`list: [entity]`), batched: the item's output is what it sent
 * plus Velt's id and message for it. A create (`created`: Velt's answer for an id that exists)
 * carries its own id, so a retry after a lost answer finds it written: that is a success.
 */
export function entityWrite(
	options: WriteOptions & {
		list: string;
		idKey: string;
		/** Refines the item (e.g. its group) after the request is split. */
		refine?: (item: BatchedItem, request: IDataObject) => BatchedItem;
		created?: RegExp;
	},
): OperationExecute {
	const { list, idKey, build, refine } = options;
	return batchedExecutor({
		...options,
		prepare: (parameters, node, itemIndex, context) => {
			const request = build(parameters, node, itemIndex, context);
			const item = entitiesItem(request, list, idKey);
			return refine === undefined ? item : refine(item, request);
		},
		requestData: (batch) => ({
			...batch.scope,
			[list]: batch.entries.map((entry) => entry.payload),
		}),
		idempotent: options.idempotent ?? true,
		missingAfterRetry: options.created,
		doneAfterRetry: CREATED_BY_EARLIER_ATTEMPT,
		toJson: ([answer], item) => {
			// A forgiven retry's entry names the id sent, not Velt's own id of the entity.
			const id = answer.message === CREATED_BY_EARLIER_ATTEMPT ? undefined : answer.entry.id;
			return {
				...item.scope,
				...item.entries[0].payload,
				...(id !== undefined ? { id } : {}),
				message: answer.message,
			};
		},
	});
}

/**
 * A write of a list of ids (`ids`) beside request-level fields, batched: items with equal
 * fields share requests. An item without ids asks by filters and has a request of its own,
 * whose every answered id is its. Velt's entries for ids no item of a batch asked for cannot
 * be told apart, so a batched item does not count them (unrequestedEntryCount).
 */
export function idsWrite(
	options: WriteOptions & {
		ids: string;
		summary: (matched: MatchedAnswers, sent: IDataObject) => IDataObject;
	},
): OperationExecute {
	const { ids, build, summary } = options;
	return batchedExecutor({
		...options,
		prepare: (parameters, node, itemIndex, context) =>
			idsItem(build(parameters, node, itemIndex, context), ids),
		requestData: (batch) => ({
			...batch.scope,
			...(batch.entries.length > 0 ? { [ids]: batch.entries.map((entry) => entry.id) } : {}),
		}),
		idempotent: options.idempotent ?? true,
		toJson: (answers, item) =>
			summary({ answers, unrequested: 0, byIds: item.entries.length > 0 }, item.scope),
	});
}
