import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { notFoundError } from '../errors';
import type { AnyVeltEndpoint } from '../transport';
import { isPlainObject } from '../transport/json';
import type { ItemParameters } from './operationSetup';
import type { OperationExecute } from './perItemExecutor';
import { perItemExecutor, sendOneCall } from './perItemExecutor';

/** What a Get of one record sends: Velt's id filter in `data`, and the id it looks for. */
export interface GetOneRequest {
	data: IDataObject;
	id: string | number;
}

/** A Get of one record by its id: one call, one item per input item. */
export interface GetOneOperation<R extends GetOneRequest> {
	properties: INodeProperties[];
	prepare: (parameters: ItemParameters, node: INode, itemIndex: number) => R;
	endpoint: AnyVeltEndpoint;
	/** The id's field in Velt's records, e.g. annotationId. */
	key: string;
	/** How the item's error names a record Velt returned nothing for. */
	notFound: (request: R) => { label: string; parameter: string; where: string; fix: string };
	/** The item's output from the record (Simplify, ids added). */
	output: (record: IDataObject, request: R) => IDataObject;
}

/**
 * The execute of every Get of one record: the get endpoints filter by ids and answer a list,
 * with null in place of an id Velt does not know, so a record is found by its id or the item
 * fails naming the id (notFoundError). One request: an id filter leaves no pages to walk.
 */
export function getOneExecutor<R extends GetOneRequest>(
	operation: GetOneOperation<R>,
): OperationExecute {
	const send = sendOneCall(operation.endpoint);
	return perItemExecutor({
		properties: operation.properties,
		prepare: operation.prepare,
		send: async function (request: R, run) {
			return await send.call(this, request.data, run);
		},
		toOutcome: ({ data }, request, itemIndex, node) => {
			const record = (Array.isArray(data) ? data : []).find(
				(entry): entry is IDataObject =>
					isPlainObject(entry) && String(entry[operation.key]) === String(request.id),
			);
			if (record === undefined)
				return {
					error: notFoundError(node, itemIndex, { ...operation.notFound(request), id: request.id }),
				};
			return { json: operation.output(record, request) };
		},
	});
}
