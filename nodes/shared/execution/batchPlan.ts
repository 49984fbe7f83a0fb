import type { IDataObject } from 'n8n-workflow';

// Which ids of which items share a request, for every write whose Velt endpoint takes a list
// (run by ./batchedExecutor.ts).

/** One id an item wants changed, with what to send for it. */
export interface BatchEntry {
	id: string;
	payload: IDataObject;
}

/** An item's part of a batched call: request-level fields shared by a batch, and its ids. */
export interface BatchedItem {
	/** Request-level fields (organizationId, documentId, ...). Items with equal scope share a request. */
	scope: IDataObject;
	entries: BatchEntry[];
	/** Entries that Velt may refuse together share a request only with the same group (a folder's parent). */
	group?: string;
	/** Ids of the same scope that must be written first: this item's entries go to a later wave than theirs. */
	after?: string[];
}

interface PlannedEntry extends BatchEntry {
	itemIndex: number;
}

export interface PlannedBatch {
	scope: IDataObject;
	entries: PlannedEntry[];
	/** Set for an item that names no ids (a delete by filters): the whole answer is that item's. */
	ownerItemIndex?: number;
}

/** A stable key for a scope, independent of key order. */
export function scopeKey(scope: IDataObject): string {
	return JSON.stringify(
		Object.keys(scope)
			.sort()
			.map((key) => [key, scope[key]]),
	);
}

/**
 * Groups items' entries into requests: entries with the same scope share a
 * request of at most `batchSize` ids. An id never appears twice in one request:
 * its second occurrence goes to a later wave, and waves run one after another,
 * so changes to the same id apply in input order (and an item's `after` ids are
 * written before it).
 */
export function planBatches(
	items: Array<BatchedItem | undefined>,
	batchSize: number,
): PlannedBatch[][] {
	const waves: Array<Map<string, PlannedBatch[]>> = [];
	const occurrences = new Map<string, number>();
	items.forEach((item, itemIndex) => {
		if (item === undefined) return;
		if (item.entries.length === 0) {
			if (waves.length === 0) waves.push(new Map());
			waves[0].set(`item\u0000${itemIndex}`, [
				{ scope: item.scope, entries: [], ownerItemIndex: itemIndex },
			]);
			return;
		}
		const key = scopeKey(item.scope);
		const batchKey = item.group === undefined ? key : `${key}\u0001${item.group}`;
		// The next wave free for an id: after every earlier entry of it.
		const next = (id: string) => occurrences.get(`${key}\u0000${id}`) ?? 0;
		const first = Math.max(0, ...(item.after ?? []).map(next));
		for (const entry of item.entries) {
			const idKey = `${key}\u0000${entry.id}`;
			const wave = Math.max(first, next(entry.id));
			occurrences.set(idKey, wave + 1);
			while (waves.length <= wave) waves.push(new Map());
			const batches = waves[wave].get(batchKey) ?? [];
			if (batches.length === 0) waves[wave].set(batchKey, batches);
			let batch = batches[batches.length - 1];
			if (batch === undefined || batch.entries.length >= batchSize) {
				batch = { scope: item.scope, entries: [] };
				batches.push(batch);
			}
			batch.entries.push({ ...entry, itemIndex });
		}
	});
	return waves.map((wave) => [...wave.values()].flat());
}
