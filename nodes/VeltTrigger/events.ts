import type { INodePropertyOptions } from 'n8n-workflow';

/** The option that stands for every event: the endpoint is registered without `filterTypes`. */
export const ALL_EVENTS = '*';

type EventEntry = [group: string, name: string, value: string, description: string];

// Velt's advanced (v2) event types, as listed on the "Advanced Webhooks" docs page.
const ADVANCED_EVENTS: EventEntry[] = [
	[
		'Comment Thread',
		'Added',
		'comment_annotation.add',
		'A new comment thread is created with its first comment',
	],
	[
		'Comment Thread',
		'Assigned',
		'comment_annotation.assign',
		'A comment thread is assigned to a user',
	],
	[
		'Comment Thread',
		'Status Changed',
		'comment_annotation.status_change',
		"A comment thread's status changes (open, in progress, resolved)",
	],
	[
		'Comment Thread',
		'Priority Changed',
		'comment_annotation.priority_change',
		"A comment thread's priority changes",
	],
	[
		'Comment Thread',
		'Custom List Changed',
		'comment_annotation.custom_list_change',
		'A custom list item is added to or changed on a comment thread',
	],
	[
		'Comment Thread',
		'Subscribed',
		'comment_annotation.subscribe',
		'A user subscribes to a comment thread',
	],
	[
		'Comment Thread',
		'Unsubscribed',
		'comment_annotation.unsubscribe',
		'A user unsubscribes from a comment thread',
	],
	[
		'Comment Thread',
		'Accepted',
		'comment_annotation.accept',
		'A moderator accepts a comment thread (moderator mode)',
	],
	[
		'Comment Thread',
		'Rejected',
		'comment_annotation.reject',
		'A moderator rejects a comment thread (moderator mode)',
	],
	[
		'Comment Thread',
		'Approved',
		'comment_annotation.approve',
		'A moderator approves a comment thread (moderator mode)',
	],
	[
		'Comment Thread',
		'Suggestion Accepted',
		'comment_annotation.suggestion_accept',
		'A suggestion is accepted (opt-in in Velt)',
	],
	[
		'Comment Thread',
		'Suggestion Rejected',
		'comment_annotation.suggestion_reject',
		'A suggestion is rejected (opt-in in Velt)',
	],
	['Comment', 'Added', 'comment.add', 'A comment is added to a thread'],
	['Comment', 'Updated', 'comment.update', "A comment's content or metadata changes"],
	['Comment', 'Deleted', 'comment.delete', 'A comment is removed from a thread'],
	[
		'Comment',
		'Reaction Added',
		'comment.reaction_add',
		'A user adds an emoji reaction to a comment',
	],
	[
		'Comment',
		'Reaction Deleted',
		'comment.reaction_delete',
		'A user removes an emoji reaction from a comment',
	],
	['Huddle', 'Created', 'huddle.create', 'A user creates a huddle'],
	['Huddle', 'Joined', 'huddle.join', 'A user joins a huddle'],
	['CRDT', 'Data Updated', 'crdt.update_data', 'Collaborative (CRDT) data changes'],
	['Recording', 'Done', 'recorder.done', 'A recording finishes processing'],
	[
		'Delivery',
		'Attempts Exhausted',
		'message.attempt.exhausted',
		'Velt gave up delivering a message to this endpoint',
	],
];

/**
 * The review-workflow (approval engine) events. The "Advanced Webhooks" page lists them, but
 * https://docs.velt.dev/ai/approval-engine/customize-behavior#webhook-delivery delivers them to
 * the receiver set on the definition (webhookConfig) or at dispatch (webhookUrl +
 * webhookSecret), signed `x-velt-signature: sha256=<hex>`: not to an endpoint this trigger
 * registers. No longer offered; a workflow saved with them still activates (they stay in
 * filterTypes as before, and the log says where they are delivered).
 */
export const REVIEW_WORKFLOW_EVENT_TYPES: readonly string[] = [
	'execution.dispatched',
	'execution.completed',
	'execution.failed',
	'execution.cancelled',
	'step.awaiting-approval',
	'step.completed',
	'step.failed',
	'step.breached',
	'step.cancelled',
	'group.quorum-met',
	'loop.iteration-started',
	'loop.exhausted',
];

/** Whether an event type is one of the review-workflow events above. */
export function isReviewWorkflowEvent(event: string): boolean {
	return REVIEW_WORKFLOW_EVENT_TYPES.includes(event);
}

/**
 * Velt's basic (v1) webhooks carry `notificationSource` and `actionType`, not
 * `event`; the trigger names each as `<notificationSource>.<actionType>`.
 */
const BASIC_EVENTS: EventEntry[] = [
	[
		'Comment',
		'First Comment Added',
		'comment.newlyAdded',
		'The first comment of a thread is added',
	],
	['Comment', 'Added', 'comment.added', 'A comment is added to an existing thread'],
	['Comment', 'Updated', 'comment.updated', "A comment's content changes"],
	['Comment', 'Deleted', 'comment.deleted', 'A comment is deleted'],
	['Comment', 'Approved', 'comment.approved', 'A moderator approves a comment (moderator mode)'],
	['Comment', 'Assigned', 'comment.assigned', 'A comment is assigned to a user'],
	['Comment', 'Status Changed', 'comment.statusChanged', "A comment's status changes"],
	['Comment', 'Priority Changed', 'comment.priorityChanged', "A comment's priority changes"],
	[
		'Comment',
		'Access Mode Changed',
		'comment.accessModeChanged',
		'A comment switches between private and public',
	],
	['Comment', 'Accepted', 'comment.accepted', 'A moderator accepts a comment (moderator mode)'],
	['Comment', 'Rejected', 'comment.rejected', 'A moderator rejects a comment (moderator mode)'],
	['Comment', 'Reaction Added', 'comment.reactionAdded', 'A reaction is added to a comment'],
	[
		'Comment',
		'Reaction Deleted',
		'comment.reactionDeleted',
		'A reaction is removed from a comment',
	],
	['Comment', 'Subscribed', 'comment.subscribed', 'A user subscribes to a comment thread'],
	['Comment', 'Unsubscribed', 'comment.unsubscribed', 'A user unsubscribes from a comment thread'],
	[
		'Comment',
		'Suggestion Accepted',
		'comment.suggestionAccepted',
		'A suggestion is accepted (opt-in in Velt)',
	],
	[
		'Comment',
		'Suggestion Rejected',
		'comment.suggestionRejected',
		'A suggestion is rejected (opt-in in Velt)',
	],
	['Huddle', 'Created', 'huddle.created', 'A user creates a huddle'],
	['Huddle', 'Joined', 'huddle.join', 'A user joins a huddle'],
	['CRDT', 'Data Updated', 'crdt.updateData', 'Collaborative (CRDT) data changes'],
	// Velt's changelog: recorder.done is sent on v1 (basic) and v2 webhooks; the basic page does
	// not list it yet (https://docs.velt.dev/webhooks/basic), the advanced one does
	// (https://docs.velt.dev/webhooks/advanced). ASSUMED: its basic payload names it
	// as the others, notificationSource "recorder" and actionType "done".
	['Recording', 'Done', 'recorder.done', 'A recording finishes processing'],
];

/**
 * The docs list the huddle join action as `join` but their sample payload says
 * `joined`: both count as the same event.
 */
const BASIC_EVENT_ALIASES: Record<string, string> = { 'huddle.joined': 'huddle.join' };

function toOptions(entries: EventEntry[]): INodePropertyOptions[] {
	const options = entries.map(([group, name, value, description]) => ({
		name: `${group}: ${name}`,
		value,
		description,
	}));
	// Sorted by name so each group's entries stay together in the searchable list.
	options.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return [
		{
			name: 'All Events',
			value: ALL_EVENTS,
			description: 'Every event Velt sends, including types added later',
		},
		...options,
	];
}

export const ADVANCED_EVENT_OPTIONS = toOptions(ADVANCED_EVENTS);
export const BASIC_EVENT_OPTIONS = toOptions(BASIC_EVENTS);
export const ADVANCED_EVENT_TYPES = ADVANCED_EVENTS.map(([, , value]) => value);

/** The event name of a basic payload: `<notificationSource>.<actionType>`, e.g. `comment.added` or `huddle.created`. */
export function basicEventName(payload: Record<string, unknown>): string | undefined {
	const { notificationSource, actionType } = payload;
	if (typeof notificationSource !== 'string' || typeof actionType !== 'string') return undefined;
	return `${notificationSource}.${actionType}`;
}

/** Whether an event passes the selection; an empty selection or "All Events" lets everything through. */
export function isSelectedEvent(event: string | undefined, selected: readonly string[]): boolean {
	if (selected.length === 0 || selected.includes(ALL_EVENTS)) return true;
	if (event === undefined) return false;
	return selected.includes(event) || selected.includes(BASIC_EVENT_ALIASES[event] ?? '');
}

/**
 * The events chosen in the node: the mode's list (`events` in advanced mode, `basicEvents` in
 * basic mode) plus the typed Other Event Types, sorted and unique.
 */
export function chosenEvents(
	readParameter: (name: string, fallback: unknown) => unknown,
	list: 'events' | 'basicEvents' = 'events',
): string[] {
	const events = readParameter(list, []) as string[];
	const extra = String(readParameter('additionalEvents', '') ?? '')
		.split(/[\s,]+/)
		.filter((event) => event !== '');
	return [...new Set([...events, ...extra])].sort();
}
