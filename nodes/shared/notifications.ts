import { createHash, randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How a user is named in a rendered headline: name, else email, else userId. */
function displayNameOf(value: unknown): string | undefined {
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

/**
 * Renders a headline template the way Velt shows it: `{actionUser}` and other
 * user placeholders become the user's name, custom fields their text. Unknown
 * placeholders stay as they are.
 */
export function renderHeadline(template: unknown, data: unknown): string {
	if (typeof template !== 'string') return '';
	const values = (typeof data === 'object' && data !== null ? data : {}) as IDataObject;
	return template.replace(/\{([^{}]+)\}/g, (placeholder, name: string) => displayNameOf(values[name.trim()]) ?? placeholder);
}

/** The compact shape Get Many returns with Simplify on. */
export function simplifyNotification(notification: IDataObject): IDataObject {
	const metadata = (notification.metadata ?? {}) as IDataObject;
	const timestamp = typeof notification.timestamp === 'number' ? notification.timestamp : undefined;
	const simplified: IDataObject = {
		id: notification.id,
		headline: renderHeadline(notification.displayHeadlineMessageTemplate, notification.displayHeadlineMessageTemplateData),
		body: notification.displayBodyMessage ?? null,
		source: notification.notificationSource ?? null,
		actionUser: displayNameOf(notification.actionUser) ?? null,
		actionUserId: (notification.actionUser as IDataObject | undefined)?.userId ?? null,
		organizationId: metadata.organizationId ?? null,
		documentId: metadata.documentId ?? null,
		locationId: metadata.locationId ?? null,
		timestamp: timestamp ?? null,
		createdAt: timestamp !== undefined ? new Date(timestamp).toISOString() : null,
	};
	if (notification.isUnread !== undefined) simplified.isUnread = notification.isUnread;
	return simplified;
}

/**
 * A notificationId for an Add that has none. It is derived from the execution,
 * node, run and item when n8n provides an execution id, so n8n's own "Retry On
 * Fail" re-sends the same id (Velt then replaces instead of duplicating); else random.
 */
export function generateNotificationId(parts?: { executionId?: string; nodeId: string; runIndex: number; itemIndex: number }): string {
	if (parts?.executionId) {
		const digest = createHash('sha256').update(`${parts.executionId}|${parts.nodeId}|${parts.runIndex}|${parts.itemIndex}`).digest('hex');
		return `n8n-${digest.slice(0, 24)}`;
	}
	return `n8n-${randomBytes(12).toString('hex')}`;
}
