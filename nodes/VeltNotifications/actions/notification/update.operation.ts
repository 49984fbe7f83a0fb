import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { batchedExecutor } from '../../../shared/execution/batchedExecutor';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { FieldRef } from '../../../shared/parameters';
import { readFieldValues } from './notificationContent';
import { notificationWrite, readNotificationScope } from '../../../shared/notifications';
import {
	optionalString,
	parseIdList,
	parseUser,
	requireNonEmptyString,
	userListEntries,
} from '../../../shared/parameters';
import { requirePlainUserIds } from '../../../shared/tool';
import { ENDPOINTS } from '../../../shared/transport';
import type { BatchedItem } from '../../../shared/execution/batchPlan';
import {
	documentIdField,
	locationIdField,
	organizationIdField,
	userIdField,
} from '../../../shared/descriptions';
import {
	sortedByDisplayName,
	batchedExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import { notificationContentFields, verifyUserPermissionsField } from '../../descriptions';

const properties: INodeProperties[] = [
	organizationIdField,
	{
		displayName: 'Notification ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		description: 'The notification to update (the ID Add returned, or "ID" from Get Many)',
	},
	{ ...documentIdField, description: 'The document the notification belongs to (optional)' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByDisplayName([
			...notificationContentFields,
			{
				displayName: 'Headline',
				name: 'displayHeadlineMessageTemplate',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
			},
			{
				displayName: 'Mark as Read for User IDs',
				name: 'readByUserIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. u1, u2',
				description:
					'Marks the notification as read for these users: IDs separated by commas, or an array from an expression',
			},
			{
				displayName: 'Recipients',
				name: 'notifyUsers',
				type: 'json',
				default: '[]',
				description:
					'The users who get the notification: an array of users such as [{"userId": "u1"}], or of user IDs',
			},
			{
				displayName: 'Persist Read for Users',
				name: 'persistReadForUsers',
				type: 'boolean',
				default: false,
				description: 'Whether notifications marked as read stay in the users\' "For You" tab',
			},
		]),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			locationIdField,
			{ ...userIdField, description: 'Only update the notification for this user' },
			verifyUserPermissionsField,
		],
	},
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** Request-level fields shared by every notification of one update call. */
export function buildUpdateScope(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const scope = readNotificationScope(parameters, node, itemIndex);
	if (typeof extra.verifyUserPermissions === 'boolean')
		scope.verifyUserPermissions = extra.verifyUserPermissions;
	return scope;
}

/** One entry of `notifications` in an update request. */
export function buildNotificationUpdate(
	id: unknown,
	updateFields: IDataObject,
	node: INode,
	itemIndex: number,
): IDataObject {
	const field = (label: string): FieldRef => ({ node, itemIndex, label });
	const update: IDataObject = {
		id: requireNonEmptyString(id, field('Notification ID')),
		...readFieldValues(updateFields, notificationContentFields, node, itemIndex),
	};
	const headline = optionalString(updateFields.displayHeadlineMessageTemplate);
	if (headline !== undefined) update.displayHeadlineMessageTemplate = headline;
	const readByUserIds = parseIdList(updateFields.readByUserIds, field('Mark as Read for User IDs'));
	if (readByUserIds.length > 0) update.readByUserIds = readByUserIds;
	if (typeof updateFields.persistReadForUsers === 'boolean') {
		if (readByUserIds.length === 0 && updateFields.persistReadForUsers) {
			throw invalidParameterError(
				node,
				itemIndex,
				'Persist Read for Users',
				'only works together with Mark as Read for User IDs',
				'Add the users to mark as read, or remove Persist Read for Users.',
			);
		}
		update.persistReadForUsers = updateFields.persistReadForUsers;
	}
	if (updateFields.notifyUsers !== undefined) {
		const recipients: FieldRef = { ...field('Recipients'), parameter: 'updateFields.notifyUsers' };
		const entries = userListEntries(updateFields.notifyUsers, recipients);
		requirePlainUserIds(node, itemIndex, 'updateFields.notifyUsers', 'Recipients', entries);
		const users = entries.map((entry, position) => parseUser(entry, recipients, position));
		if (users.length > 0) update.notifyUsers = users;
	}
	if (Object.keys(update).length === 1) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Add at least one field under Update Fields, e.g. Mark as Read for User IDs.',
		);
	}
	return update;
}

/** One item of an update: its scope and the one notification it changes. */
export function buildUpdateItem(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): BatchedItem {
	const scope = buildUpdateScope(parameters, node, itemIndex);
	const update = buildNotificationUpdate(
		parameters.id,
		parameters.updateFields as IDataObject,
		node,
		itemIndex,
	);
	return { scope, entries: [{ id: update.id as string, payload: update }] };
}

export const execute = batchedExecutor({
	properties,
	endpoint: ENDPOINTS.updateNotifications,
	...notificationWrite('update'),
	prepare: buildUpdateItem,
	requestData: (batch) => ({
		...batch.scope,
		notifications: batch.entries.map((entry) => entry.payload),
	}),
	toJson: ([{ id, message }]) => ({ id, success: true, message }),
});
