import type { IDataObject } from 'n8n-workflow';
import type { VeltFailure } from './failure';
import type { VeltConnection, VeltContext } from './connection';
import type { VeltResult } from './request';
import { sendVeltRequest } from './request';
import { runWithConcurrency } from './concurrency';
import type { RequestPolicy } from './retryPolicy';
import type { ReadLimits } from './pageWalk';
import { DEFAULT_READ_LIMITS } from './pageWalk';
import { idGroups, walkPages } from './pagedRead';
import { ENDPOINTS, isLastPage, MAX_NOTIFICATION_IDS_PER_GET } from './contract';

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
	const groups = idGroups(notificationIds, MAX_NOTIFICATION_IDS_PER_GET);
	let requests = 0;
	const walk = async (
		ids: string[] | undefined,
		notifications: IDataObject[],
	): Promise<VeltFailure | undefined> => {
		const data: IDataObject = ids === undefined ? { ...query } : { ...query, notificationIds: ids };
		const read = await walkPages.call(
			this,
			connection,
			{ endpoint: ENDPOINTS.getNotifications, data, policy, limits },
			() => (limit === undefined ? Infinity : limit - notifications.length),
			(pageData, left) => {
				const page = (Array.isArray(pageData) ? pageData : []) as IDataObject[];
				const take = Math.min(page.length, left);
				for (let index = 0; index < take; index++) notifications.push(page[index]);
				return page.length;
			},
		);
		requests += read.requests;
		return read.failure;
	};

	if (limit !== undefined || groups.length === 1) {
		const notifications: IDataObject[] = [];
		for (const ids of groups) {
			const failure = await walk(ids, notifications);
			if (failure !== undefined) return { ok: false, failure };
		}
		return { ok: true, data: notifications, attempts: requests };
	}
	const perGroup: IDataObject[][] = groups.map(() => []);
	let firstFailure: VeltFailure | undefined;
	await runWithConcurrency(
		groups.length,
		policy.controller ?? 1,
		async (index) => {
			const failure = await walk(groups[index], perGroup[index]);
			if (failure !== undefined && firstFailure === undefined) firstFailure = failure;
		},
		() => firstFailure !== undefined,
	);
	if (firstFailure !== undefined) return { ok: false, failure: firstFailure };
	return { ok: true, data: perGroup.flat(), attempts: requests };
}
