import type { IDataObject } from 'n8n-workflow';
import type { VeltConnection, VeltContext } from './connection';
import { DEFAULT_GET_PAGE_SIZE, isLastPage } from './contract';
import type { VeltFailure } from './failure';
import type { ReadLimits } from './pageWalk';
import { DEFAULT_READ_LIMITS, PageWalk } from './pageWalk';
import type { AnyVeltEndpoint } from './contract';
import { runWithConcurrency } from './concurrency';
import type { VeltResult } from './request';
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

/** One read of every page (Get Many): a PagedRead, at most `limit` entries, ids in groups. */
export interface ReadAllPages extends PagedRead {
	/** Entries wanted, as the sink counts them; all when undefined (Return All). */
	limit: number | undefined;
	/**
	 * Ids Velt caps per request (contract.ts): sent as `field`, `perRequest` at a time, one
	 * walk per group. A startToken applies to the first group.
	 */
	ids?: { field: string; values: readonly string[]; perRequest: number };
	/**
	 * With Return All, read the id groups side by side through the policy's controller; with a
	 * limit they are always read one after another so no request is spent beyond it.
	 */
	concurrentGroups?: boolean;
}

/** Where a read's pages go: the resource's own part of a paged read. */
export interface PageSink<T> {
	/** What the limit counts of what was kept so far. */
	count(): number;
	/**
	 * Keeps at most `left` entries of a page's data (of id group `group`) and says how many
	 * entries the page held, for the bounds.
	 */
	take(data: unknown, left: number, group: number): number;
	result(): T;
}

interface PagedReadResult {
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
async function walkPages(
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

/** One page of a list read, as the polling triggers walk it themselves. */
export type ListPage =
	| { ok: true; entries: IDataObject[]; nextPageToken?: string }
	| { ok: false; failure: VeltFailure };

/**
 * One page of a Get that answers a list (notifications, activities): anything but a list is
 * read as none; the transport has already scrubbed what Velt echoed.
 */
export async function fetchListPage(
	this: VeltContext,
	connection: VeltConnection,
	endpoint: AnyVeltEndpoint,
	data: IDataObject,
	policy: RequestPolicy,
): Promise<ListPage> {
	const page = await sendVeltRequest.call(this, connection, endpoint, data, {
		policy,
		idempotent: true,
	});
	if (!page.ok) return page;
	return {
		ok: true,
		entries: (Array.isArray(page.data) ? page.data : []) as IDataObject[],
		nextPageToken: isLastPage(page.pageToken) ? undefined : String(page.pageToken),
	};
}

/** Ids in groups of at most `size` (Velt's per-call caps); one undefined group when there are none. */
function idGroups(ids: readonly string[], size: number): Array<string[] | undefined> {
	if (ids.length === 0) return [undefined];
	const groups: string[][] = [];
	for (let start = 0; start < ids.length; start += size)
		groups.push(ids.slice(start, start + size));
	return groups;
}

/**
 * Reads every page of a Get Many into `sink`: each id group's pages walked by walkPages
 * (bounded by PageWalk), the first failure ending the read. Called as
 * `(readAllPages<T>).call(this, …)`: `.call` alone would lose T.
 */
export async function readAllPages<T>(
	this: VeltContext,
	connection: VeltConnection,
	read: ReadAllPages,
	sink: PageSink<T>,
): Promise<VeltResult<T>> {
	const { ids, limit, concurrentGroups, ...paged } = read;
	const groups = ids === undefined ? [undefined] : idGroups(ids.values, ids.perRequest);
	let requests = 0;
	const walkGroup = async (index: number): Promise<VeltFailure | undefined> => {
		const group = groups[index];
		const data =
			group === undefined || ids === undefined ? paged.data : { ...paged.data, [ids.field]: group };
		const walked = await walkPages.call(
			this,
			connection,
			{ ...paged, data, startToken: index === 0 ? paged.startToken : undefined },
			() => (limit === undefined ? Infinity : limit - sink.count()),
			(pageData, left) => sink.take(pageData, left, index),
		);
		requests += walked.requests;
		return walked.failure;
	};

	let failure: VeltFailure | undefined;
	if (concurrentGroups === true && limit === undefined && groups.length > 1) {
		await runWithConcurrency(
			groups.length,
			read.policy.controller ?? 1,
			async (index) => {
				const groupFailure = await walkGroup(index);
				if (groupFailure !== undefined && failure === undefined) failure = groupFailure;
			},
			() => failure !== undefined,
		);
	} else {
		for (let index = 0; index < groups.length && failure === undefined; index++)
			failure = await walkGroup(index);
	}
	if (failure !== undefined) return { ok: false, failure };
	return { ok: true, data: sink.result(), attempts: requests };
}

/**
 * Appends at most `max` of `list` to `target`, one at a time (a spread of a huge page could
 * overflow the stack). Returns how many were appended.
 */
export function appendUpTo<T>(target: T[], list: readonly T[], max = list.length): number {
	const count = Math.min(list.length, max);
	for (let index = 0; index < count; index++) target.push(list[index]);
	return count;
}

/**
 * Appends `list` to `key`'s list in place: one list per key however many pages add to it, so
 * a read grows in linear time (a copy per page, `[...old, ...list]`, is quadratic). Returns
 * how many were appended.
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
	return appendUpTo(target, list);
}
