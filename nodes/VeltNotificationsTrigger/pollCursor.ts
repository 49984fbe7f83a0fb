import type { IDataObject } from 'n8n-workflow';

/**
 * What the polling trigger remembers between polls (in the workflow's static data).
 *
 * `floor`: every notification older than `timestamp`, and those at `timestamp`
 * whose ids are listed, was emitted already. `walk`: a newest-first walk down to
 * the floor that a poll could not finish in its budget; the next poll resumes it
 * at `pageToken`, skipping what the walk already emitted.
 */
export interface PollState {
	floor?: { timestamp: number; idsAtTimestamp: string[] };
	walk?: { pageToken: string; emitted: Record<string, number> };
}

export interface NotificationStamp {
	id: string;
	timestamp: number;
}

export function stampOf(notification: IDataObject): NotificationStamp | undefined {
	const id = notification.id;
	const timestamp = notification.timestamp;
	if ((typeof id !== 'string' && typeof id !== 'number') || typeof timestamp !== 'number')
		return undefined;
	return { id: String(id), timestamp };
}

/** Whether a notification lies above the floor (was not emitted by a finished walk). */
export function isAboveFloor(stamp: NotificationStamp, floor: PollState['floor']): boolean {
	if (floor === undefined) return true;
	if (stamp.timestamp > floor.timestamp) return true;
	return stamp.timestamp === floor.timestamp && !floor.idsAtTimestamp.includes(stamp.id);
}

/** Whether a newest-first walk has gone below the floor, so nothing further down is new. */
export function isBelowFloor(stamp: NotificationStamp, floor: PollState['floor']): boolean {
	return floor !== undefined && stamp.timestamp < floor.timestamp;
}

/**
 * The floor after a finished walk: the newest of everything the walk emitted,
 * with all ids at that timestamp (including those the old floor already had).
 */
export function raiseFloor(
	floor: PollState['floor'],
	emitted: Record<string, number>,
): PollState['floor'] {
	let timestamp = floor?.timestamp ?? Number.NEGATIVE_INFINITY;
	for (const value of Object.values(emitted)) timestamp = Math.max(timestamp, value);
	if (timestamp === Number.NEGATIVE_INFINITY) return floor;
	const ids = new Set(
		floor !== undefined && floor.timestamp === timestamp ? floor.idsAtTimestamp : [],
	);
	for (const [id, value] of Object.entries(emitted)) if (value === timestamp) ids.add(id);
	return { timestamp, idsAtTimestamp: [...ids] };
}
