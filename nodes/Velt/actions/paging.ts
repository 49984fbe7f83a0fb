import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationRun } from '../../shared/execution/operationSetup';
import type { CollaborationEndpoint, VeltResult } from '../../shared/transport';
import { walkPages } from '../../shared/transport';

/** One entry of a paged read, with the document it was grouped under (groupByDocumentId). */
export interface PagedEntry {
	documentId?: string;
	value: IDataObject;
}

const isEntry = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null;

function entriesOf(data: unknown): PagedEntry[] {
	// Velt answers null for an annotationId it does not know.
	if (Array.isArray(data)) return data.filter(isEntry).map((value) => ({ value }));
	if (!isEntry(data)) return [];
	return Object.entries(data).flatMap(([documentId, list]) =>
		Array.isArray(list) ? list.filter(isEntry).map((value) => ({ documentId, value })) : [],
	);
}

/**
 * Appends `list` to `key`'s list in place: one list per key however many pages add to it, so
 * a read grows in linear time (a copy per page, `[...old, ...list]`, is quadratic). Returns
 * how many were appended. Pushes one at a time: a spread of a huge page could overflow the stack.
 */
export function appendToGroup<T>(
	groups: Map<string, T[]>,
	key: string,
	list: readonly T[],
): number {
	let target = groups.get(key);
	if (target === undefined) {
		target = [];
		groups.set(key, target);
	}
	for (let index = 0; index < list.length; index++) target.push(list[index]);
	return list.length;
}

/**
 * Reads every page of a get (comment annotations), at most `limit` entries (all when
 * undefined); a query's pageToken is where the read starts.
 */
export async function readPages(
	this: IExecuteFunctions,
	run: OperationRun,
	endpoint: CollaborationEndpoint,
	query: IDataObject,
	limit: number | undefined,
): Promise<VeltResult<PagedEntry[]>> {
	const { pageToken, ...data } = query;
	const entries: PagedEntry[] = [];
	const read = await walkPages.call(
		this,
		run.connection,
		{
			endpoint,
			data,
			policy: run.options.policy,
			limits: run.options.readLimits,
			startToken: typeof pageToken === 'string' ? pageToken : undefined,
		},
		() => (limit === undefined ? Infinity : limit - entries.length),
		(pageData, left) => {
			const page = entriesOf(pageData);
			entries.push(...page.slice(0, left));
			return page.length;
		},
	);
	if (read.failure !== undefined) return { ok: false, failure: read.failure };
	return { ok: true, data: entries, attempts: read.requests };
}
