import type { IDataObject } from 'n8n-workflow';
import type { VeltConnection, VeltContext } from './connection';
import type { VeltResult } from './request';
import type { RequestPolicy } from './retryPolicy';
import type { ReadLimits } from './pageWalk';
import { DEFAULT_READ_LIMITS } from './pageWalk';
import { appendUpTo, readAllPages } from './pagedRead';
import { ENDPOINTS, MAX_NOTIFICATION_IDS_PER_GET } from './contract';

export interface NotificationQuery extends IDataObject {
	organizationId: string;
}

/** What /get answers: a list of notifications (anything else read as none). */
function notificationsOf(data: unknown): IDataObject[] {
	return (Array.isArray(data) ? data : []) as IDataObject[];
}

/**
 * Reads notifications, at most `limit` of them (all when undefined): ids 30 at a time, with
 * Return All those groups read side by side (readAllPages).
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
	// One list per id group, so groups read side by side keep their order.
	const perGroup: IDataObject[][] = [];
	let kept = 0;
	return await (readAllPages<IDataObject[]>).call(
		this,
		connection,
		{
			endpoint: ENDPOINTS.getNotifications,
			data: query,
			policy,
			limits,
			limit,
			ids: {
				field: 'notificationIds',
				values: notificationIds,
				perRequest: MAX_NOTIFICATION_IDS_PER_GET,
			},
			concurrentGroups: true,
		},
		{
			count: () => kept,
			take: (data, left, group) => {
				const page = notificationsOf(data);
				kept += appendUpTo((perGroup[group] ??= []), page, left);
				return page.length;
			},
			result: () => perGroup.flat(),
		},
	);
}
