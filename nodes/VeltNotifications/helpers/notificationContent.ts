import type { IDataObject, INode } from 'n8n-workflow';
import type { FieldRef } from './parameters';
import { dropEmpty, keyValuePairsToObject, optionalString, parseJsonObject, parseUser, requireNonEmptyString } from './parameters';

const CONTENT_TEXT_FIELDS = ['displayBodyMessage', 'displayBodyMessageTemplate'];
const CONTENT_JSON_FIELDS: Array<[string, string]> = [
	['displayBodyMessageTemplateData', 'Body Template Data'],
	['context', 'Context'],
	['location', 'Location'],
	['metadata', 'Metadata'],
	['notificationSourceData', 'Notification Source Data'],
];

/**
 * The content fields Add and Update share (action user, body, template data,
 * context, location, metadata, source data), validated; empty ones are left out.
 */
export function readNotificationContent(fields: IDataObject, node: INode, itemIndex: number): IDataObject {
	const field = (label: string): FieldRef => ({ node, itemIndex, label });
	const content: IDataObject = {};
	const actionUser = (fields.actionUser as IDataObject | undefined)?.user;
	if (actionUser !== undefined) content.actionUser = parseUser(dropEmpty(actionUser as IDataObject), field('Action User'));
	const pairs = ((fields.displayHeadlineMessageTemplateData as IDataObject | undefined)?.values ?? []) as Array<{ key?: unknown; value?: unknown }>;
	if (pairs.length > 0) content.displayHeadlineMessageTemplateData = keyValuePairsToObject(pairs, field('Headline Template Data'));
	for (const name of CONTENT_TEXT_FIELDS) {
		const text = optionalString(fields[name]);
		if (text !== undefined) content[name] = text;
	}
	for (const [name, label] of CONTENT_JSON_FIELDS) {
		const value = parseJsonObject(fields[name], field(label));
		if (value !== undefined && Object.keys(value).length > 0) content[name] = value;
	}
	return content;
}

/**
 * The request-level fields that say which notifications a call is about:
 * organizationId (required) and the optional document, location and user.
 */
export function readRequestScope(organizationId: unknown, filters: { documentId?: unknown; locationId?: unknown; userId?: unknown }, node: INode, itemIndex: number): IDataObject {
	const scope: IDataObject = { organizationId: requireNonEmptyString(organizationId, { node, itemIndex, label: 'Organization ID' }) };
	for (const name of ['documentId', 'locationId', 'userId'] as const) {
		const text = optionalString(filters[name]);
		if (text !== undefined) scope[name] = text;
	}
	return scope;
}
