import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { failureToNodeApiError, invalidParameterError } from '../../helpers/errors';
import { executePerItem, startOperation } from '../../helpers/execution';
import { simplifyNotification } from '../../helpers/notifications';
import type { FieldRef } from '../../helpers/parameters';
import { assertOneOf, optionalString, parseIdList, requireNonEmptyString } from '../../helpers/parameters';
import type { NotificationQuery } from '../../transport';
import { fetchNotifications } from '../../transport';
import { SORT_ORDERS } from '../../transport/veltApiContract';
import { documentIdField, locationIdField, notificationIdsField, organizationIdField, perItemExecutionOptions, userIdField } from '../common.descriptions';

const properties: INodeProperties[] = [
	organizationIdField,
	{ ...documentIdField, description: 'Notifications of this document. Give a Document ID, a User ID, or both.' },
	{ ...userIdField, description: 'Notifications for this user. Give a Document ID, a User ID, or both.' },
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a compact notification with the headline rendered as plain text instead of the raw data',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			locationIdField,
			{ ...notificationIdsField, description: 'Only these notifications: IDs separated by commas, or an array from an expression. Any number; they are sent 30 at a time.' },
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
				description: 'Sort order by time',
			},
		],
	},
	perItemExecutionOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['getAll'] } }, properties);

export interface GetManyRequest {
	query: NotificationQuery;
	notificationIds: string[];
	/** undefined means Return All. */
	limit: number | undefined;
	simplify: boolean;
}

export function buildGetManyRequest(
	parameters: { organizationId: unknown; documentId: unknown; userId: unknown; returnAll: unknown; limit: unknown; simplify: unknown; filters: IDataObject },
	node: INode,
	itemIndex: number,
): GetManyRequest {
	const field = (label: string): FieldRef => ({ node, itemIndex, label });
	const query: NotificationQuery = { organizationId: requireNonEmptyString(parameters.organizationId, field('Organization ID')) };
	const documentId = optionalString(parameters.documentId);
	const userId = optionalString(parameters.userId);
	if (documentId === undefined && userId === undefined) {
		throw invalidParameterError(node, itemIndex, 'Document ID / User ID', 'both are empty', 'Velt needs at least one of them: enter a Document ID to read a document\'s notifications, a User ID to read a user\'s, or both.');
	}
	if (documentId !== undefined) query.documentId = documentId;
	if (userId !== undefined) query.userId = userId;
	const filters = parameters.filters ?? {};
	const locationId = optionalString(filters.locationId);
	if (locationId !== undefined) query.locationId = locationId;
	if (filters.order !== undefined) query.order = assertOneOf(filters.order, SORT_ORDERS, field('Order'));
	let limit: number | undefined;
	if (parameters.returnAll !== true) {
		limit = Number(parameters.limit);
		if (!Number.isInteger(limit) || limit < 1) {
			throw invalidParameterError(node, itemIndex, 'Limit', `must be a whole number of at least 1, got ${String(parameters.limit)}`);
		}
	}
	return {
		query,
		notificationIds: [...new Set(parseIdList(filters.notificationIds, field('Notification IDs')))],
		limit,
		simplify: parameters.simplify !== false,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { options, connection, node, parameter } = await startOperation.call(this);
	return await executePerItem(
		this,
		items.length,
		options.concurrency,
		(itemIndex) =>
			buildGetManyRequest(
				{
					organizationId: parameter('organizationId', itemIndex),
					documentId: parameter('documentId', itemIndex, ''),
					userId: parameter('userId', itemIndex, ''),
					returnAll: parameter('returnAll', itemIndex, false),
					limit: parameter('limit', itemIndex, 50),
					simplify: parameter('simplify', itemIndex, true),
					filters: parameter('filters', itemIndex, {}) as IDataObject,
				},
				node,
				itemIndex,
			),
		async (request, itemIndex) => {
			const result = await fetchNotifications.call(this, connection, request.query, request.notificationIds, request.limit, options.policy);
			if (!result.ok) return { error: failureToNodeApiError(node, result.failure, itemIndex, connection.secrets) };
			return { json: request.simplify ? result.data.map(simplifyNotification) : result.data };
		},
	);
}
