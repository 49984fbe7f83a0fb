import type { IDataObject, INode, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { failureToNodeApiError } from './errors';
import type { EntryStamp, PollState } from './pollCursor';
import {
	isAboveFloor,
	isBelowFloor,
	isUsableFloor,
	raiseFloor,
	stampOf,
	WalkProgress,
} from './pollCursor';
import { DEFAULT_REQUEST_POLICY, fetchListPage, PageWalk } from './transport';
import type {
	AnyVeltEndpoint,
	ListPage,
	ReadLimits,
	VeltConnection,
	VeltFailure,
} from './transport';

// The one poll of both polling triggers (notifications, activities): Velt's list read
// newest first down to a cursor of the newest timestamp and the ids at it, so each entry is
// emitted exactly once, oldest first; the first activation emits nothing old, Fetch Test
// Event shows the latest, and Max Pages per Poll and n8n's poll budget bound each poll.

export const POLL_PAGE_SIZE = 200;
/** Share of n8n's poll budget spent fetching, leaving room to emit. */
const BUDGET_SHARE = 0.6;
const DEFAULT_MAX_PAGES = 50;

/** The Max Pages per Poll option; `entries` names what a page holds ("notifications"). */
export function maxPagesPerPollField(entries: string): INodeProperties {
	return {
		displayName: 'Max Pages per Poll',
		name: 'maxPagesPerPoll',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_PAGES,
		description: `How many pages of ${POLL_PAGE_SIZE} ${entries} one poll may read; a larger backlog continues at the next poll, nothing is lost`,
	};
}

/** Max Pages per Poll as set (at least one page). */
export function readMaxPagesPerPoll(options: IDataObject): number {
	return Math.max(1, Number(options.maxPagesPerPoll) || DEFAULT_MAX_PAGES);
}

/** One page of the trigger's read, newest first: `pageSize` entries from `pageToken` on. */
export type ReadPage = (pageToken: string | undefined, pageSize: number) => Promise<ListPage>;

/** The read of a list Get (notifications, activities) for `query`, newest first. */
export function newestFirstPages(
	context: IPollFunctions,
	connection: VeltConnection,
	endpoint: AnyVeltEndpoint,
	query: IDataObject,
): ReadPage {
	return async (pageToken, pageSize) => {
		const data: IDataObject = { ...query, order: 'desc', pageSize };
		if (pageToken !== undefined) data.pageToken = pageToken;
		return await fetchListPage.call(context, connection, endpoint, data, DEFAULT_REQUEST_POLICY);
	};
}

type FetchPage = (
	pageToken: string | undefined,
	pageSize: number,
) => Promise<{ entries: IDataObject[]; nextToken?: string }>;

/** Pages and time are bounded by Max Pages per Poll and the poll budget, which pause rather than fail. */
const UNCAPPED_READ: ReadLimits = {
	maxPages: Number.MAX_SAFE_INTEGER,
	maxItems: Number.MAX_SAFE_INTEGER,
	maxMs: Number.POSITIVE_INFINITY,
};

/** A token that leads back to its own page: resuming there next poll would never end. */
function tokenRepeated(pageToken: string): VeltFailure {
	const shown = pageToken.length > 40 ? `${pageToken.slice(0, 40)}…` : pageToken;
	return {
		kind: 'invalidResponse',
		message: `Velt sent page token "${shown}" again for the page it names, so paging would never end; the poll was stopped`,
	};
}

/** `readPage` watched: a failure, a repeated token or an overfilled page fails the poll. */
function watchedPages(node: INode, connection: VeltConnection, readPage: ReadPage): FetchPage {
	// One watch per poll: Velt repeating a token or overfilling a page fails the poll.
	const pageWalk = new PageWalk(UNCAPPED_READ);
	return async (pageToken, pageSize) => {
		const page = await readPage(pageToken, pageSize);
		if (!page.ok) throw failureToNodeApiError(node, page.failure, 0, connection.secrets);
		const misbehaved =
			pageWalk.afterPage(page.entries.length, pageSize, page.nextPageToken) ??
			(pageToken !== undefined && page.nextPageToken === pageToken
				? tokenRepeated(pageToken)
				: undefined);
		if (misbehaved !== undefined)
			throw failureToNodeApiError(node, misbehaved, 0, connection.secrets);
		return { entries: page.entries, nextToken: page.nextPageToken };
	};
}

/**
 * One poll: the entries to emit, oldest first, or null when there are none. In manual mode
 * (Fetch Test Event) the latest entry, whatever the cursor. The cursor lives in the node's
 * static data and is written only after every page was read, so a failed poll changes nothing.
 */
export async function pollNewestFirst(
	context: IPollFunctions,
	connection: VeltConnection,
	readPage: ReadPage,
	maxPages: number,
): Promise<IDataObject[] | null> {
	const fetchPage = watchedPages(context.getNode(), connection, readPage);
	if (context.getMode() === 'manual') {
		const { entries } = await fetchPage(undefined, 1);
		return entries.length > 0 ? entries : null;
	}
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	const deadline =
		budgetMs !== undefined && budgetMs > 0
			? Date.now() + budgetMs * BUDGET_SHARE
			: Number.POSITIVE_INFINITY;

	const state = context.getWorkflowStaticData('node') as PollState;
	if (state.floor !== undefined && !isUsableFloor(state.floor)) {
		// A floor an older version raised to a timestamp like 1e300: every entry would stay
		// below it, so the trigger starts over as at activation.
		delete state.floor;
		delete state.walk;
	}
	if (state.floor === undefined) {
		const floor = await findNewestFloor(fetchPage, maxPages, deadline);
		if (floor !== undefined) state.floor = floor;
		return null;
	}

	const walk = await walkDown(fetchPage, state, maxPages, deadline);
	// Written only now: a poll that failed above threw before touching the state.
	if (walk.finished) {
		state.floor = raiseFloor(state.floor, walk.progress);
		delete state.walk;
	} else {
		state.walk = { pageToken: walk.nextToken as string, emitted: walk.progress.toRecord() };
	}
	return walk.fresh.length === 0 ? null : walk.fresh.reverse();
}

/**
 * At first activation: the newest timestamp and every id at it, so nothing older is
 * emitted. Bounded like a poll's walk; when Max Pages per Poll or the budget stops it
 * among entries that share the newest timestamp, the floor is closed there (all of
 * them count as old). Undefined when no page had a usable entry yet: the next
 * poll searches again, as nothing is known to be old.
 */
async function findNewestFloor(
	fetchPage: FetchPage,
	maxPages: number,
	deadline: number,
): Promise<PollState['floor'] | undefined> {
	let pageToken: string | undefined;
	let newest: EntryStamp[] = [];
	for (let pages = 0; pages < maxPages && (pages === 0 || Date.now() < deadline); pages++) {
		const page = await fetchPage(pageToken, POLL_PAGE_SIZE);
		for (const entry of page.entries) {
			const stamp = stampOf(entry);
			if (stamp === undefined) continue;
			if (newest.length > 0 && stamp.timestamp < newest[0].timestamp) return floorFrom(newest);
			if (newest.length === 0 || stamp.timestamp === newest[0].timestamp) newest.push(stamp);
			else newest = [stamp];
		}
		// An empty page ends the read even with a token, as in every other read of this package.
		if (page.nextToken === undefined || page.entries.length === 0)
			return newest.length > 0
				? floorFrom(newest)
				: { timestamp: Number.MIN_SAFE_INTEGER, idsAtTimestamp: [] };
		pageToken = page.nextToken;
	}
	if (newest.length === 0) return undefined;
	return { ...floorFrom(newest), closed: true };
}

function floorFrom(stamps: EntryStamp[]): { timestamp: number; idsAtTimestamp: string[] } {
	return {
		timestamp: stamps[0].timestamp,
		idsAtTimestamp: [...new Set(stamps.map((stamp) => stamp.id))],
	};
}

/** Walks newest-first from the top (or where the last poll stopped) down to the floor. */
async function walkDown(
	fetchPage: FetchPage,
	state: PollState,
	maxPages: number,
	deadline: number,
) {
	const progress = WalkProgress.load(state.walk?.emitted);
	const fresh: IDataObject[] = [];
	let pageToken = state.walk?.pageToken;
	for (let pages = 0; pages < maxPages && (pages === 0 || Date.now() < deadline); pages++) {
		const page = await fetchPage(pageToken, POLL_PAGE_SIZE);
		for (const entry of page.entries) {
			const stamp = stampOf(entry);
			if (stamp === undefined) continue;
			if (isBelowFloor(stamp, state.floor)) return { finished: true, fresh, progress };
			if (!isAboveFloor(stamp, state.floor) || progress.hasEmitted(stamp)) continue;
			progress.add(stamp);
			fresh.push(entry);
		}
		if (page.nextToken === undefined || page.entries.length === 0)
			return { finished: true, fresh, progress };
		pageToken = page.nextToken;
	}
	return { finished: false, fresh, progress, nextToken: pageToken };
}
