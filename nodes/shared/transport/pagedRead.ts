import type { IDataObject } from 'n8n-workflow';
import type { VeltConnection, VeltContext } from './connection';
import { DEFAULT_GET_PAGE_SIZE, isLastPage } from './contract';
import type { VeltFailure } from './failure';
import type { ReadLimits } from './pageWalk';
import { DEFAULT_READ_LIMITS, PageWalk } from './pageWalk';
import type { AnyVeltEndpoint } from './contract';
import { sendVeltRequest } from './request';
import type { RequestPolicy } from './retryPolicy';

/** How one paged read asks for its pages. */
export interface PagedRead {
	endpoint: AnyVeltEndpoint;
	/** Every page's request, without pageToken and pageSize. */
	data: IDataObject;
	policy: RequestPolicy;
	limits?: ReadLimits;
	/** Where an earlier read stopped (its nextPageToken). */
	startToken?: string;
	/** A page size the user set: then sent on every page. */
	pageSize?: number;
	/**
	 * false when a page's entries are not what is asked for (users grouped by document): then
	 * no smaller page is asked and the page-size bound does not apply.
	 */
	sized?: boolean;
}

export interface PagedReadResult {
	failure?: VeltFailure;
	requests: number;
}

/**
 * Walks the pages of one read. `remaining()` says how many entries are still wanted
 * (Infinity for all); `take` keeps what it wants of a page's data and says how many entries
 * the page held. Each page asks for no more than is still needed; Velt's default size is
 * never sent. Bounded by PageWalk, and an empty page ends the walk even with a token, so a
 * misbehaving server cannot loop us.
 */
export async function walkPages(
	this: VeltContext,
	connection: VeltConnection,
	read: PagedRead,
	remaining: () => number,
	take: (data: unknown, remaining: number) => number,
): Promise<PagedReadResult> {
	const walk = new PageWalk(read.limits ?? DEFAULT_READ_LIMITS);
	const size = read.pageSize ?? DEFAULT_GET_PAGE_SIZE;
	let pageToken: string | undefined = read.startToken;
	let requests = 0;
	do {
		const left = remaining();
		if (left <= 0) break;
		const asked = read.sized === false ? Number.MAX_SAFE_INTEGER : Math.min(left, size);
		const data: IDataObject = { ...read.data };
		if (read.pageSize !== undefined) data.pageSize = read.sized === false ? size : asked;
		else if (asked < DEFAULT_GET_PAGE_SIZE) data.pageSize = asked;
		if (pageToken !== undefined) data.pageToken = pageToken;
		const page = await sendVeltRequest.call(this, connection, read.endpoint, data, {
			policy: read.policy,
			idempotent: true,
		});
		requests++;
		if (!page.ok) return { failure: page.failure, requests };
		const onPage = take(page.data, left);
		const next = isLastPage(page.pageToken) ? undefined : String(page.pageToken);
		const misbehaved = walk.afterPage(onPage, asked, next);
		if (misbehaved !== undefined) return { failure: misbehaved, requests };
		pageToken = next;
		if (onPage === 0) break;
	} while (pageToken !== undefined);
	return { requests };
}

/** Ids in groups of at most `size` (Velt's per-call caps); one undefined group when there are none. */
export function idGroups(ids: readonly string[], size: number): Array<string[] | undefined> {
	if (ids.length === 0) return [undefined];
	const groups: string[][] = [];
	for (let start = 0; start < ids.length; start += size)
		groups.push(ids.slice(start, start + size));
	return groups;
}
