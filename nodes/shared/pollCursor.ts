import type { IDataObject } from 'n8n-workflow';

/**
 * What a polling trigger (notifications, activities) remembers between polls (in the workflow's static data, so JSON).
 *
 * `floor`: every entry older than `timestamp`, and those at `timestamp`
 * whose ids are listed (all of them when `closed`), was emitted already. `walk`: a
 * newest-first walk down to the floor that a poll could not finish in its budget; the
 * next poll resumes it at `pageToken`. Its `emitted` holds only the ids at the walk's
 * newest timestamp (to raise the floor once the walk ends) and at its lowest one (the
 * walk already emitted everything above that), so it stays small however long the walk.
 */
export interface PollState {
	floor?: { timestamp: number; idsAtTimestamp: string[]; closed?: true };
	walk?: { pageToken: string; emitted: Record<string, number> };
}

export interface EntryStamp {
	id: string;
	timestamp: number;
}

/** Date's range (ECMA-262 TimeClip): beyond it a number is no point in time at all. */
const MAX_TIME_MS = 8.64e15;

/** Whether `value` is a time Date can represent, so it can order entries. */
export function isValidTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_TIME_MS;
}

/**
 * The id and timestamp the cursor orders by; undefined (the entry is skipped)
 * without them. A timestamp outside Date's range (1e300, say) is skipped too: taken as
 * the floor, it would put every real entry after it below the floor for good.
 */
export function stampOf(entry: IDataObject): EntryStamp | undefined {
	const id = entry.id;
	const timestamp = entry.timestamp;
	if ((typeof id !== 'string' && typeof id !== 'number') || !isValidTime(timestamp))
		return undefined;
	return { id: String(id), timestamp };
}

/** A floor in Date's range, or the "nothing yet" floor below every time. */
export function isUsableFloor(floor: NonNullable<PollState['floor']>): boolean {
	return (
		typeof floor.timestamp === 'number' &&
		(isValidTime(floor.timestamp) || floor.timestamp === Number.MIN_SAFE_INTEGER) &&
		Array.isArray(floor.idsAtTimestamp)
	);
}

/** Whether an entry lies above the floor (was not emitted by a finished walk). */
export function isAboveFloor(stamp: EntryStamp, floor: PollState['floor']): boolean {
	if (floor === undefined) return true;
	if (stamp.timestamp > floor.timestamp) return true;
	return (
		stamp.timestamp === floor.timestamp &&
		floor.closed !== true &&
		!floor.idsAtTimestamp.includes(stamp.id)
	);
}

/** Whether a newest-first walk has gone below the floor, so nothing further down is new. */
export function isBelowFloor(stamp: EntryStamp, floor: PollState['floor']): boolean {
	return floor !== undefined && stamp.timestamp < floor.timestamp;
}

/**
 * What an unfinished walk emitted, as Maps (an id like `constructor` or `__proto__` is
 * an id like any other, never an Object.prototype name). `newest` are the ids at the
 * walk's newest timestamp, `lowest` those at its lowest.
 */
export class WalkProgress {
	newest: { timestamp: number; ids: Set<string> } | undefined;
	lowest: { timestamp: number; ids: Set<string> } | undefined;

	/** Reads the saved `emitted` (also a full record saved by an older version of this node). */
	static load(emitted: unknown): WalkProgress {
		const progress = new WalkProgress();
		if (typeof emitted !== 'object' || emitted === null) return progress;
		for (const [id, timestamp] of Object.entries(emitted as Record<string, unknown>))
			if (isValidTime(timestamp)) progress.add({ id, timestamp });
		return progress;
	}

	/**
	 * Whether a resumed walk already emitted this entry: a newest-first walk
	 * emitted everything above its lowest timestamp, and the listed ids at it. (Anything
	 * that arrived above the walk's start is above the floor it raises, so the next walk
	 * emits it.)
	 */
	hasEmitted(stamp: EntryStamp): boolean {
		if (this.lowest === undefined) return false;
		if (stamp.timestamp > this.lowest.timestamp) return true;
		return stamp.timestamp === this.lowest.timestamp && this.lowest.ids.has(stamp.id);
	}

	add(stamp: EntryStamp): void {
		this.newest = widen(this.newest, stamp, (a, b) => a > b);
		this.lowest = widen(this.lowest, stamp, (a, b) => a < b);
	}

	/** For the static data: a JSON record, in the shape older versions saved. */
	toRecord(): Record<string, number> {
		const entries: Array<[string, number]> = [];
		for (const group of [this.newest, this.lowest])
			if (group !== undefined) for (const id of group.ids) entries.push([id, group.timestamp]);
		// fromEntries defines own properties, so "__proto__" stays an ordinary key.
		return Object.fromEntries(entries);
	}
}

/** The group for the most extreme timestamp (by `beyond`) after adding `stamp`. */
function widen(
	group: { timestamp: number; ids: Set<string> } | undefined,
	stamp: EntryStamp,
	beyond: (a: number, b: number) => boolean,
): { timestamp: number; ids: Set<string> } {
	if (group === undefined || beyond(stamp.timestamp, group.timestamp))
		return { timestamp: stamp.timestamp, ids: new Set([stamp.id]) };
	if (stamp.timestamp === group.timestamp) group.ids.add(stamp.id);
	return group;
}

/**
 * The floor after a finished walk: the newest of everything the walk emitted,
 * with all ids at that timestamp (including those the old floor already had).
 */
export function raiseFloor(floor: PollState['floor'], progress: WalkProgress): PollState['floor'] {
	const newest = progress.newest;
	if (newest === undefined || (floor !== undefined && newest.timestamp < floor.timestamp))
		return floor;
	if (floor !== undefined && floor.timestamp === newest.timestamp) {
		if (floor.closed === true) return floor;
		const ids = new Set([...floor.idsAtTimestamp, ...newest.ids]);
		return { timestamp: floor.timestamp, idsAtTimestamp: [...ids] };
	}
	return { timestamp: newest.timestamp, idsAtTimestamp: [...newest.ids] };
}
