import type { IDataObject, INode } from 'n8n-workflow';
import { invalidParameterError } from './errors';
import { assertOneOf, optionalString, requireNonEmptyString } from './parameters';
import { locatorValue } from './resourceLocator';
import type { NotificationQuery } from './transport';
import { SORT_ORDERS } from './transport';

/** Which notifications to read, as Get Many and the polling trigger take it from their parameters. */
/** The Organization picker of an item (required). */
export function readOrganizationId(value: unknown, node: INode, itemIndex: number): string {
	return requireNonEmptyString(locatorValue(value), {
		node,
		itemIndex,
		label: 'Organization',
		parameter: 'organizationId',
	});
}

export interface NotificationQueryParameters {
	organizationId?: unknown;
	documentId?: unknown;
	userId?: unknown;
	locationId?: unknown;
	order?: unknown;
}

/**
 * The request-level fields that say which notifications a call is about:
 * organizationId (required) and the optional document, location and user.
 */
export function readRequestScope(
	organizationId: unknown,
	filters: { documentId?: unknown; locationId?: unknown; userId?: unknown },
	node: INode,
	itemIndex: number,
): IDataObject {
	const scope: IDataObject = {
		organizationId: readOrganizationId(organizationId, node, itemIndex),
	};
	for (const name of ['documentId', 'locationId', 'userId'] as const) {
		// A picker nested in a collection is not unwrapped by n8n: its locator object arrives here.
		const text = optionalString(locatorValue(filters[name]));
		if (text !== undefined) scope[name] = text;
	}
	return scope;
}

/**
 * The scope of an Update or Delete item: organization and document at the top level,
 * location and user under Additional Fields.
 */
export function readItemScope(
	parameters: { organizationId?: unknown; documentId?: unknown; additionalFields?: unknown },
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const filters = {
		documentId: parameters.documentId,
		locationId: extra.locationId,
		userId: extra.userId,
	};
	return readRequestScope(parameters.organizationId, filters, node, itemIndex);
}

/** The query of a Get call, validated: Velt needs an organization and a document or a user. */
export function buildNotificationQuery(
	parameters: NotificationQueryParameters,
	node: INode,
	itemIndex: number,
): NotificationQuery {
	const query = readRequestScope(
		parameters.organizationId,
		parameters,
		node,
		itemIndex,
	) as NotificationQuery;
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
