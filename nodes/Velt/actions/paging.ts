import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationRun } from '../../shared/execution/operationSetup';
import type { CollaborationEndpoint, VeltResult } from '../../shared/transport';
import {
	DEFAULT_GET_PAGE_SIZE,
	isLastPage,
	PageWalk,
	sendVeltRequest,
} from '../../shared/transport';

/** One entry of a paged read, with the document it was grouped under (groupByDocumentId). */
export interface PagedEntry {
	documentId?: string;
	value: IDataObject;
}

function entriesOf(data: unknown): PagedEntry[] {
	if (Array.isArray(data)) {
		// Velt answers null for an annotationId it does not know.
		return data
			.filter((value) => typeof value === 'object' && value !== null)
			.map((value) => ({ value: value as IDataObject }));
	}
	if (typeof data === 'object' && data !== null) {
		return Object.entries(data as IDataObject).flatMap(([documentId, list]) =>
			Array.isArray(list)
				? list
						.filter((value) => typeof value === 'object' && value !== null)
						.map((value) => ({ documentId, value: value as IDataObject }))
				: [],
		);
	}
	return [];
}

/**
 * Reads every page of a get (comment annotations), at most `limit` entries (all when
 * undefined), each page asking for no more than is still needed; bounded by PageWalk
 * so a Velt that repeats tokens or never stops paging ends the read with a failure.
 */
export async function readPages(
	this: IExecuteFunctions,
	run: OperationRun,
	endpoint: CollaborationEndpoint,
	query: IDataObject,
	limit: number | undefined,
): Promise<VeltResult<PagedEntry[]>> {
	const walk = new PageWalk(run.options.readLimits);
	const entries: PagedEntry[] = [];
	let pageToken: unknown = query.pageToken;
	let requests = 0;
	do {
		const remaining = limit === undefined ? DEFAULT_GET_PAGE_SIZE : limit - entries.length;
		if (remaining <= 0) break;
		const pageSize = Math.min(remaining, DEFAULT_GET_PAGE_SIZE);
		const data: IDataObject = { ...query };
		delete data.pageToken;
		if (pageSize !== DEFAULT_GET_PAGE_SIZE) data.pageSize = pageSize;
		if (!isLastPage(pageToken)) data.pageToken = String(pageToken);
		const page = await sendVeltRequest.call(this, run.connection, endpoint, data, {
			policy: run.options.policy,
			idempotent: true,
		});
		requests++;
		if (!page.ok) return page;
		const pageEntries = entriesOf(page.data);
		const next = isLastPage(page.pageToken) ? undefined : String(page.pageToken);
		const misbehaved = walk.afterPage(pageEntries.length, pageSize, next);
		if (misbehaved !== undefined) return { ok: false, failure: misbehaved };
		entries.push(...pageEntries.slice(0, remaining));
		pageToken = next;
		// An empty page ends the read even with a token, so a misbehaving server cannot loop us.
		if (pageEntries.length === 0) break;
	} while (!isLastPage(pageToken));
	return { ok: true, data: entries, attempts: requests };
}
