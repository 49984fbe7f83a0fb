import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import {
	documentIdField,
	organizationIdField,
	simplifyFields,
	simplifyOn,
	userIdField,
} from '../../../shared/descriptions';
import { notFoundError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import {
	buildNotificationQuery,
	SIMPLE_NOTIFICATION_FIELDS,
	simplifyNotification,
} from '../../../shared/notifications';
import { field, requireNonEmptyString } from '../../../shared/parameters';
import type { NotificationQuery } from '../../../shared/transport';
import { ENDPOINTS } from '../../../shared/transport';

// notifications/get filtered by one notificationId
// (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2).

const properties: INodeProperties[] = [
	organizationIdField,
	{
		...documentIdField,
		description: 'The document of the notification. Choose a document, a user, or both.',
	},
	{
		...userIdField,
		description: 'A user the notification is for. Choose a document, a user, or both.',
	},
	{
		displayName: 'Notification ID',
		name: 'notificationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. n8n-1a2b',
		description:
			"The notification to get: its ID (the output's ID field in Get Many and the trigger)",
	},
	...simplifyFields(SIMPLE_NOTIFICATION_FIELDS),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface GetRequest {
	query: NotificationQuery;
	notificationId: string;
	simplify: boolean;
}

export function buildGetRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetRequest {
	return {
		query: buildNotificationQuery(parameters, node, itemIndex),
		notificationId: requireNonEmptyString(
			parameters.notificationId,
			field(node, itemIndex, 'Notification ID', 'notificationId'),
		),
		simplify: simplifyOn(parameters),
	};
}

const getNotifications = sendOneCall(ENDPOINTS.getNotifications);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetRequest,
	// One request: the id filter leaves at most one notification, so there are no pages to walk.
	send: async function (request: GetRequest, run) {
		const data = { ...request.query, notificationIds: [request.notificationId] };
		return await getNotifications.call(this, data, run);
	},
	toOutcome: ({ data }, request, itemIndex, node) => {
		const notification = (Array.isArray(data) ? data : []).find(
			(entry): entry is IDataObject =>
				typeof entry === 'object' && entry !== null && entry.id === request.notificationId,
		);
		if (notification === undefined) {
			const { documentId, userId, organizationId } = request.query;
			const where = [
				documentId !== undefined ? `document "${String(documentId)}"` : undefined,
				userId !== undefined ? `the notifications of user "${String(userId)}"` : undefined,
			]
				.filter((part) => part !== undefined)
				.join(' and ');
			return {
				error: notFoundError(node, itemIndex, {
					label: 'Notification ID',
					parameter: 'notificationId',
					id: request.notificationId,
					where: `${where} of organization "${String(organizationId)}"`,
					fix: 'Check the ID and the document or user: Get Many lists the notifications with their IDs.',
				}),
			};
		}
		const readFor = { userId: request.query.userId as string | undefined };
		return {
			json: request.simplify ? simplifyNotification(notification, readFor) : notification,
		};
	},
});
