import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	documentIdField,
	locationIdField,
	organizationIdField,
	userIdField,
} from '../shared/descriptions';
import { failureToNodeApiError } from '../shared/errors';
import { listSearch } from '../shared/listSearch';
import { veltApiTest } from '../shared/credentialTest';
import { buildNotificationQuery, simplifyNotification } from '../shared/notifications';
import {
	DEFAULT_REQUEST_POLICY,
	fetchNotificationPage,
	getVeltConnection,
	PageWalk,
} from '../shared/transport';
import type { ReadLimits, VeltFailure } from '../shared/transport';
import type { NotificationStamp, PollState } from './pollCursor';
import {
	isAboveFloor,
	isBelowFloor,
	isUsableFloor,
	raiseFloor,
	stampOf,
	WalkProgress,
} from './pollCursor';

const POLL_PAGE_SIZE = 200;
/** Share of n8n's poll budget spent fetching, leaving room to emit. */
const BUDGET_SHARE = 0.6;

export class VeltNotificationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velt Notifications Trigger',
		name: 'veltNotificationsTrigger',
		icon: {
			light: 'file:../../icons/velt.svg',
			dark: 'file:../../icons/velt.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New notifications in " + $parameter["organizationId"]}}',
		// n8n's node picker merges this trigger with the action node (type name + "Trigger") into one
		// "Velt Notifications" entry that shows this text, so it describes both.
		description:
			'Start a workflow when new Velt in-app notifications arrive, or send, read, update and delete them',
		defaults: { name: 'Velt Notifications Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veltApi', required: true, testedBy: 'veltApiTest' }],
		properties: [
			organizationIdField,
			{
				...documentIdField,
				description:
					'Watch the notifications of this document. Choose a document, a user, or both.',
			},
			{
				...userIdField,
				description: 'Watch the notifications for this user. Choose a document, a user, or both.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a compact notification with the headline rendered as plain text instead of the raw data',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					locationIdField,
					{
						displayName: 'Max Pages per Poll',
						name: 'maxPagesPerPoll',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 50,
						description: `How many pages of ${POLL_PAGE_SIZE} notifications one poll may read; a larger backlog continues at the next poll, nothing is lost`,
					},
				],
			},
		],
	};

	methods = { listSearch, credentialTest: { veltApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const query = buildNotificationQuery(
			{
				organizationId: this.getNodeParameter('organizationId', undefined, { extractValue: true }),
				documentId: this.getNodeParameter('documentId', '', { extractValue: true }),
				userId: this.getNodeParameter('userId', '', { extractValue: true }),
				locationId: options.locationId,
			},
			node,
			0,
		);
		const maxPages = Math.max(1, Number(options.maxPagesPerPoll) || 50);
		const simplify = this.getNodeParameter('simplify', true) !== false;
		const connection = await getVeltConnection.call(this);

		const budgetMs =
			typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const deadline =
			budgetMs !== undefined && budgetMs > 0
				? Date.now() + budgetMs * BUDGET_SHARE
				: Number.POSITIVE_INFINITY;
		// One watch per poll: Velt repeating a token or overfilling a page fails the poll.
		const pageWalk = new PageWalk(UNCAPPED_READ);
		const fetchPage: FetchPage = async (pageToken, pageSize) => {
			const data: IDataObject = { ...query, order: 'desc', pageSize };
			if (pageToken !== undefined) data.pageToken = pageToken;
			const page = await fetchNotificationPage.call(this, connection, data, DEFAULT_REQUEST_POLICY);
			if (!page.ok) throw failureToNodeApiError(node, page.failure, 0, connection.secrets);
			const misbehaved =
				pageWalk.afterPage(page.notifications.length, pageSize, page.nextPageToken) ??
				(pageToken !== undefined && page.nextPageToken === pageToken
					? tokenRepeated(pageToken)
					: undefined);
			if (misbehaved !== undefined)
				throw failureToNodeApiError(node, misbehaved, 0, connection.secrets);
			return { notifications: page.notifications, nextToken: page.nextPageToken };
		};
		const readFor = { userId: query.userId as string | undefined };
		const toOutput = (notifications: IDataObject[]) => [
			notifications.map((json) => ({
				json: simplify ? simplifyNotification(json, readFor) : json,
			})),
		];

		if (this.getMode() === 'manual') {
			const { notifications } = await fetchPage(undefined, 1);
			return notifications.length > 0 ? toOutput(notifications) : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		if (state.floor !== undefined && !isUsableFloor(state.floor)) {
			// A floor an older version raised to a timestamp like 1e300: every notification
			// would stay below it, so the trigger starts over as at activation.
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
		if (walk.fresh.length === 0) return null;
		return toOutput(walk.fresh.reverse());
	}
}

type FetchPage = (
	pageToken: string | undefined,
	pageSize: number,
) => Promise<{ notifications: IDataObject[]; nextToken?: string }>;

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

/**
 * At first activation: the newest timestamp and every id at it, so nothing older is
 * emitted. Bounded like a poll's walk; when Max Pages per Poll or the budget stops it
 * among notifications that share the newest timestamp, the floor is closed there (all of
 * them count as old). Undefined when no page had a usable notification yet: the next
 * poll searches again, as nothing is known to be old.
 */
async function findNewestFloor(
	fetchPage: FetchPage,
	maxPages: number,
	deadline: number,
): Promise<PollState['floor'] | undefined> {
	let pageToken: string | undefined;
	let newest: NotificationStamp[] = [];
	for (let pages = 0; pages < maxPages && (pages === 0 || Date.now() < deadline); pages++) {
		const page = await fetchPage(pageToken, POLL_PAGE_SIZE);
		for (const notification of page.notifications) {
			const stamp = stampOf(notification);
			if (stamp === undefined) continue;
			if (newest.length > 0 && stamp.timestamp < newest[0].timestamp) return floorFrom(newest);
			if (newest.length === 0 || stamp.timestamp === newest[0].timestamp) newest.push(stamp);
			else newest = [stamp];
		}
		// An empty page ends the read even with a token, as in every other read of this package.
		if (page.nextToken === undefined || page.notifications.length === 0)
			return newest.length > 0
				? floorFrom(newest)
				: { timestamp: Number.MIN_SAFE_INTEGER, idsAtTimestamp: [] };
		pageToken = page.nextToken;
	}
	if (newest.length === 0) return undefined;
	return { ...floorFrom(newest), closed: true };
}

function floorFrom(stamps: NotificationStamp[]): { timestamp: number; idsAtTimestamp: string[] } {
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
		for (const notification of page.notifications) {
			const stamp = stampOf(notification);
			if (stamp === undefined) continue;
			if (isBelowFloor(stamp, state.floor)) return { finished: true, fresh, progress };
			if (!isAboveFloor(stamp, state.floor) || progress.hasEmitted(stamp)) continue;
			progress.add(stamp);
			fresh.push(notification);
		}
		if (page.nextToken === undefined || page.notifications.length === 0)
			return { finished: true, fresh, progress };
		pageToken = page.nextToken;
	}
	return { finished: false, fresh, progress, nextToken: pageToken };
}
