import type { IDataObject, INode } from 'n8n-workflow';
import { invalidParameterError } from './errors';
import { assertOneOf } from './parameters';
import { readScope, SCOPES } from './scope';
import type { NotificationQuery } from './transport';
import { SORT_ORDERS } from './transport';

/**
 * The scope of an Update or Delete item: organization and document at the top level,
 * location and user under Additional Fields.
 */
export function readNotificationScope(
	parameters: Record<string, unknown>,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	return readScope(
		{ ...parameters, locationId: extra.locationId, userId: extra.userId },
		SCOPES.notifications,
		node,
		itemIndex,
	);
}

/** The query of a Get call (Get Many, the polling trigger), validated: Velt needs an organization and a document or a user. */
export function buildNotificationQuery(
	parameters: Record<string, unknown>,
	node: INode,
	itemIndex: number,
): NotificationQuery {
	const query = readScope(parameters, SCOPES.notifications, node, itemIndex) as NotificationQuery;
	if (query.documentId === undefined && query.userId === undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Document / User',
			'both are empty',
			'Velt needs at least one of them: choose a document to read its notifications, a user to read theirs, or both.',
		);
	}
	if (parameters.order !== undefined)
		query.order = assertOneOf(parameters.order, SORT_ORDERS, { node, itemIndex, label: 'Order' });
	return query;
}

/** How a user is named in a rendered headline: name, else email, else userId. */
export function displayNameOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'object' || value === null) return undefined;
	const user = value as IDataObject;
	for (const key of ['name', 'email', 'userId']) {
		const candidate = user[key];
		if (typeof candidate === 'string' && candidate !== '') return candidate;
	}
	return undefined;
}

/** Whom a read was for: Get Many's and the trigger's User, when one was given. */
export interface ReadFor {
	userId?: string;
}

/** The name the notification itself gives a user (in its template data or as action user), if any. */
function nameInNotification(notification: IDataObject, userId: string): string | undefined {
	const candidates = [
		notification.actionUser,
		...Object.values((notification.displayHeadlineMessageTemplateData ?? {}) as IDataObject),
	];
	for (const candidate of candidates) {
		if (typeof candidate !== 'object' || candidate === null) continue;
		const user = candidate as IDataObject;
		if (user.userId !== userId) continue;
		const name = displayNameOf({ name: user.name, email: user.email });
		if (name !== undefined) return name;
	}
	return undefined;
}

/**
 * Renders a headline template the way Velt shows it: `{actionUser}` and other user
 * placeholders become the user's name, custom fields their text. `{recipientUser}`
 * without a value in the template data is the user the notifications were read for.
 * A placeholder nothing can fill is shown as its name without the braces, so the
 * headline never carries a half-rendered `{...}`: nested ones (`{{actionUser}}`) are
 * rendered from the inside out, and a value's own braces are never rendered again.
 * One pass over the template, so its length alone bounds the work.
 */
export function renderHeadline(
	template: unknown,
	data: unknown,
	fallbacks: IDataObject = {},
): string {
	if (typeof template !== 'string') return '';
	const values = (typeof data === 'object' && data !== null ? data : {}) as IDataObject;
	const valueOf = (rawName: string): string => {
		const name = rawName.trim();
		const own = (source: IDataObject) =>
			Object.prototype.hasOwnProperty.call(source, name) ? displayNameOf(source[name]) : undefined;
		return own(values) ?? own(fallbacks) ?? name;
	};
	// Open braces not yet closed, innermost last: the text since each, and whether it holds
	// braces of its own (`{}` stays as typed, and so does whatever encloses it).
	const open: Array<{ text: string; hasBraces: boolean }> = [];
	let done = '';
	const append = (text: string, hasBraces: boolean) => {
		const innermost = open[open.length - 1];
		if (innermost === undefined) done += text;
		else {
			innermost.text += text;
			innermost.hasBraces ||= hasBraces;
		}
	};
	for (const char of template) {
		if (char === '{') open.push({ text: '', hasBraces: false });
		else if (char === '}' && open.length > 0) {
			const placeholder = open.pop() as { text: string; hasBraces: boolean };
			if (placeholder.text === '' || placeholder.hasBraces) append(`{${placeholder.text}}`, true);
			else append(valueOf(placeholder.text), false);
		} else append(char, char === '}');
	}
	// Braces never closed stay as typed.
	for (const unclosed of open) done += `{${unclosed.text}`;
	return done;
}

/** The ISO time of a Velt timestamp, or null when it is none Date can show (1e300, say). */
export function isoTime(timestamp: number | undefined): string | null {
	if (timestamp === undefined) return null;
	const date = new Date(timestamp);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** What Simplify keeps of a notification, named in the Simplify field's description. */
export const SIMPLE_NOTIFICATION_FIELDS =
	'id, headline (rendered as plain text), body, source, actionUser, actionUserId, organizationId, documentId, locationId, timestamp, createdAt and isUnread';

/** The compact shape Get and Get Many return with Simplify on. */
export function simplifyNotification(
	notification: IDataObject,
	readFor: ReadFor = {},
): IDataObject {
	const metadata = (notification.metadata ?? {}) as IDataObject;
	const fallbacks: IDataObject = {};
	if (readFor.userId !== undefined)
		fallbacks.recipientUser = nameInNotification(notification, readFor.userId) ?? readFor.userId;
	const timestamp = typeof notification.timestamp === 'number' ? notification.timestamp : undefined;
	const simplified: IDataObject = {
		id: notification.id,
		headline: renderHeadline(
			notification.displayHeadlineMessageTemplate,
			notification.displayHeadlineMessageTemplateData,
			fallbacks,
		),
		body: notification.displayBodyMessage ?? null,
		source: notification.notificationSource ?? null,
		actionUser: displayNameOf(notification.actionUser) ?? null,
		actionUserId: (notification.actionUser as IDataObject | undefined)?.userId ?? null,
		organizationId: metadata.organizationId ?? null,
		documentId: metadata.documentId ?? null,
		locationId: metadata.locationId ?? null,
		timestamp: timestamp ?? null,
		createdAt: isoTime(timestamp),
	};
	if (notification.isUnread !== undefined) simplified.isUnread = notification.isUnread;
	return simplified;
}

/**
 * What notification Update and Delete share: they set state rather than add to it, so a batch
 * is retried freely, and the error text of an id Velt could not change.
 */
export function notificationWrite(verb: 'update' | 'delete') {
	return {
		idempotent: true,
		failure: {
			doing: `${verb} notification`,
			hint: 'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
		},
	};
}
