import type { INode, INodeProperties } from 'n8n-workflow';
import {
	documentIdField,
	organizationIdField,
	simplifyFields,
	simplifyOn,
	userIdField,
} from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { GetOneRequest } from '../../../shared/execution/getOne';
import { getOneExecutor } from '../../../shared/execution/getOne';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import {
	buildNotificationQuery,
	SIMPLE_NOTIFICATION_FIELDS,
	simplifyNotification,
} from '../../../shared/notifications';
import { field, requireNonEmptyString } from '../../../shared/parameters';
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

export interface GetRequest extends GetOneRequest {
	simplify: boolean;
}

export function buildGetRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetRequest {
	const query = buildNotificationQuery(parameters, node, itemIndex);
	const id = requireNonEmptyString(
		parameters.notificationId,
		field(node, itemIndex, 'Notification ID', 'notificationId'),
	);
	return { data: { ...query, notificationIds: [id] }, id, simplify: simplifyOn(parameters) };
}

export const execute = getOneExecutor({
	properties,
	prepare: buildGetRequest,
	endpoint: ENDPOINTS.getNotifications,
	key: 'id',
	notFound: ({ data }) => {
		const where = [
			data.documentId !== undefined ? `document "${String(data.documentId)}"` : undefined,
			data.userId !== undefined ? `the notifications of user "${String(data.userId)}"` : undefined,
		]
			.filter((part) => part !== undefined)
			.join(' and ');
		return {
			label: 'Notification ID',
			parameter: 'notificationId',
			where: `${where} of organization "${String(data.organizationId)}"`,
			fix: 'Check the ID and the document or user: Get Many lists the notifications with their IDs.',
		};
	},
	output: (notification, { data, simplify }) =>
		simplify
			? simplifyNotification(notification, { userId: data.userId as string | undefined })
			: notification,
});
