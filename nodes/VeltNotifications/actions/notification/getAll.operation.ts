import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import {
	simplifyNotification,
	buildNotificationQuery,
	SIMPLE_NOTIFICATION_FIELDS,
} from '../../../shared/notifications';
import type { FieldRef } from '../../../shared/parameters';
import { distinctIds, readReturnLimit, readSortOrder } from '../../../shared/parameters';
import type { NotificationQuery } from '../../../shared/transport';
import { fetchNotifications } from '../../../shared/transport';
import { pagedReadOptions, returnAllFields } from '../../../shared/execution/options.descriptions';
import {
	documentIdField,
	filtersAndSort,
	locationIdField,
	organizationIdField,
	simplifyFields,
	simplifyOn,
	userIdField,
} from '../../../shared/descriptions';
import { notificationIdsField } from '../../descriptions';

const properties: INodeProperties[] = [
	organizationIdField,
	{
		...documentIdField,
		description: 'Notifications of this document. Choose a document, a user, or both.',
	},
	{
		...userIdField,
		description: 'Notifications for this user. Choose a document, a user, or both.',
	},
	...returnAllFields,
	...simplifyFields(SIMPLE_NOTIFICATION_FIELDS),
	...filtersAndSort(
		[
			locationIdField,
			{
				...notificationIdsField,
				description:
					'Only these notifications: IDs separated by commas, or an array from an expression. Any number; they are sent 30 at a time.',
			},
		],
		{
			options: [
				{ name: 'Newest First', value: 'desc' },
				{ name: 'Oldest First', value: 'asc' },
			],
			description: 'Sort order by time',
		},
	),
	pagedReadOptions(),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GetManyRequest {
	query: NotificationQuery;
	notificationIds: string[];
	/** undefined means Return All. */
	limit: number | undefined;
	simplify: boolean;
}

export function buildGetManyRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetManyRequest {
	const field = (label: string): FieldRef => ({ node, itemIndex, label });
	const filters = (parameters.filters ?? {}) as IDataObject;
	const query = buildNotificationQuery(
		{
			...parameters,
			locationId: filters.locationId,
			order: readSortOrder(parameters, node, itemIndex),
		},
		node,
		itemIndex,
	);
	return {
		query,
		notificationIds: distinctIds(filters.notificationIds, field('Notification IDs')),
		limit: readReturnLimit(parameters, node, itemIndex),
		simplify: simplifyOn(parameters),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetManyRequest,
	send: async function (this: IExecuteFunctions, request: GetManyRequest, run) {
		return await fetchNotifications.call(
			this,
			run.connection,
			request.query,
			request.notificationIds,
			request.limit,
			run.options.policy,
			run.options.readLimits,
		);
	},
	toOutcome: ({ data }, request) => {
		const readFor = { userId: request.query.userId as string | undefined };
		return {
			json: request.simplify
				? data.map((notification) => simplifyNotification(notification, readFor))
				: data,
		};
	},
});
