import type { IDataObject } from 'n8n-workflow';
import type { VeltFailure } from './failure';
import type { VeltConnection, VeltContext } from './connection';
import type { VeltResult } from './request';
import { sendVeltRequest } from './request';
import { runWithConcurrency } from './concurrency';
import type { RequestPolicy } from './retryPolicy';
import type { ReadLimits } from './pageWalk';
import { DEFAULT_READ_LIMITS, PageWalk } from './pageWalk';
import {
	DEFAULT_GET_PAGE_SIZE,
	ENDPOINTS,
	isLastPage,
	MAX_NOTIFICATION_IDS_PER_GET,
} from './contract';

export interface NotificationQuery extends IDataObject {
	organizationId: string;
}

export type NotificationPage =
	| { ok: true; notifications: IDataObject[]; nextPageToken?: string }
	| { ok: false; failure: VeltFailure };

/** One page of /get; the transport has already scrubbed what Velt echoed. */
export async function fetchNotificationPage(
	this: VeltContext,
	connection: VeltConnection,
	data: IDataObject,
	policy: RequestPolicy,
): Promise<NotificationPage> {
	const page = await sendVeltRequest.call(this, connection, ENDPOINTS.getNotifications, data, {
		policy,
		idempotent: true,
	});
	if (!page.ok) return page;
	const notifications = (Array.isArray(page.data) ? page.data : []) as IDataObject[];
	return {
		ok: true,
		notifications,
		nextPageToken: isLastPage(page.pageToken) ? undefined : String(page.pageToken),
	};
}

/**
 * Reads notifications page by page, at most `limit` of them (all when undefined),
 * asking each page for no more than is still needed. Ids are sent 30 at a time;
 * with Return All those groups are read side by side through the policy's
 * controller, with a limit one after another so no request is spent beyond it.
 * Each group's walk is bounded by `limits` (a repeated token, a page larger than
 * asked, too many pages, items or too long a read end it with a failure).
 */
export async function fetchNotifications(
	this: VeltContext,
	connection: VeltConnection,
	query: NotificationQuery,
	notificationIds: string[],
	limit: number | undefined,
	policy: RequestPolicy,
	limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<VeltResult<IDataObject[]>> {
	const idGroups: Array<string[] | undefined> = [];
	for (let start = 0; start < notificationIds.length; start += MAX_NOTIFICATION_IDS_PER_GET) {
		idGroups.push(notificationIds.slice(start, start + MAX_NOTIFICATION_IDS_PER_GET));
	}
	if (idGroups.length === 0) idGroups.push(undefined);
	let requests = 0;
	const walk = async (
		ids: string[] | undefined,
		notifications: IDataObject[],
	): Promise<VeltFailure | undefined> => {
		let pageToken: unknown;
		const pageWalk = new PageWalk(limits);
		do {
			const remaining = limit === undefined ? DEFAULT_GET_PAGE_SIZE : limit - notifications.length;
			if (remaining <= 0) return undefined;
			const pageSize = Math.min(remaining, DEFAULT_GET_PAGE_SIZE);
			// Velt's default page size needs no mention; a smaller one asks for no more than is still needed.
			const data: IDataObject =
				pageSize === DEFAULT_GET_PAGE_SIZE ? { ...query } : { ...query, pageSize };
			if (ids !== undefined) data.notificationIds = ids;
			if (!isLastPage(pageToken)) data.pageToken = pageToken as string;
			const page = await fetchNotificationPage.call(this, connection, data, policy);
			requests++;
			if (!page.ok) return page.failure;
			const pageItems = page.notifications;
			const misbehaved = pageWalk.afterPage(pageItems.length, pageSize, page.nextPageToken);
			if (misbehaved !== undefined) return misbehaved;
			const take =
				limit === undefined
					? pageItems.length
					: Math.min(pageItems.length, limit - notifications.length);
			for (let index = 0; index < take; index++) notifications.push(pageItems[index]);
			pageToken = page.nextPageToken;
			// A page with nothing on it ends the walk even if a token came back, so a misbehaving server cannot loop us.
			if (pageItems.length === 0) break;
		} while (!isLastPage(pageToken));
		return undefined;
	};

	if (limit !== undefined || idGroups.length === 1) {
		const notifications: IDataObject[] = [];
		for (const ids of idGroups) {
			const failure = await walk(ids, notifications);
			if (failure !== undefined) return { ok: false, failure };
		}
		return { ok: true, data: notifications, attempts: requests };
	}
	const perGroup: IDataObject[][] = idGroups.map(() => []);
	let firstFailure: VeltFailure | undefined;
	await runWithConcurrency(
		idGroups.length,
		policy.controller ?? 1,
		async (index) => {
			const failure = await walk(idGroups[index], perGroup[index]);
			if (failure !== undefined && firstFailure === undefined) firstFailure = failure;
		},
		() => firstFailure !== undefined,
	);
	if (firstFailure !== undefined) return { ok: false, failure: firstFailure };
	return { ok: true, data: perGroup.flat(), attempts: requests };
}
