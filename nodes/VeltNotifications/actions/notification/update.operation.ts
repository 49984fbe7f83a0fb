import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { BatchAnswer, BatchedItem, PerIdResult, PlannedBatch } from '../../helpers/batching';
import { executeBatched } from '../../helpers/batching';
import { failureToNodeApiError, invalidParameterError } from '../../helpers/errors';
import { readExecutionOptions } from '../../helpers/execution';
import type { FieldRef } from '../../helpers/parameters';
import { dropEmpty, keyValuePairsToObject, optionalString, parseIdList, parseJsonObject, parseUser, parseUserList, requireNonEmptyString } from '../../helpers/parameters';
import type { VeltConnection } from '../../transport';
import { getVeltConnection, sendVeltRequest } from '../../transport';
import type { RequestPolicy } from '../../transport/retryPolicy';
import { ENDPOINTS } from '../../transport/veltApiContract';
import {
	actionUserField,
	batchedExecutionOptions,
	documentIdField,
	headlineTemplateDataField,
	jsonObjectField,
	locationIdField,
	organizationIdField,
	userIdField,
	verifyUserPermissionsField,
} from '../common.descriptions';

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
		options: [
			actionUserField('The user who caused the notification'),
			{ displayName: 'Body', name: 'displayBodyMessage', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Body Template', name: 'displayBodyMessageTemplate', type: 'string', typeOptions: { rows: 3 }, default: '' },
			jsonObjectField('Body Template Data', 'displayBodyMessageTemplateData', 'Values for the {placeholders} of the body template, as a JSON object'),
			jsonObjectField('Context', 'context', 'Context permissions, e.g. {"access": {"dashboardId": "sales"}}'),
			{ displayName: 'Headline', name: 'displayHeadlineMessageTemplate', type: 'string', typeOptions: { rows: 2 }, default: '' },
			headlineTemplateDataField,
			jsonObjectField('Location', 'location', 'Where in the document the notification points'),
			{
				displayName: 'Mark as Read for User IDs',
				name: 'readByUserIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. u1, u2',
				description: 'Marks the notification as read for these users: IDs separated by commas, or an array from an expression',
			},
			jsonObjectField('Metadata', 'metadata', 'Extra data stored with the notification'),
			jsonObjectField('Notification Source Data', 'notificationSourceData', 'Data Velt hands to your app when the notification is clicked'),
			{
				displayName: 'Notify Users',
				name: 'notifyUsers',
				type: 'json',
				default: '[]',
				description: 'The users who get the notification: an array of users such as [{"userId": "u1"}], or of user IDs',
			},
			{
				displayName: 'Persist Read for Users',
				name: 'persistReadForUsers',
				type: 'boolean',
				default: false,
				description: 'Whether notifications marked as read stay in the users\' "For You" tab',
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [locationIdField, { ...userIdField, description: 'Only update the notification for this user' }, verifyUserPermissionsField],
	},
	batchedExecutionOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['update'] } }, properties);

const JSON_OBJECT_FIELDS: Array<[string, string]> = [
	['displayBodyMessageTemplateData', 'Body Template Data'],
	['context', 'Context'],
	['location', 'Location'],
	['metadata', 'Metadata'],
	['notificationSourceData', 'Notification Source Data'],
];
const TEXT_FIELDS = ['displayHeadlineMessageTemplate', 'displayBodyMessage', 'displayBodyMessageTemplate'];

/** Request-level fields shared by every notification of one update call. */
export function buildUpdateScope(parameters: { organizationId: unknown; documentId: unknown; additionalFields: IDataObject }, node: INode, itemIndex: number): IDataObject {
	const scope: IDataObject = { organizationId: requireNonEmptyString(parameters.organizationId, { node, itemIndex, label: 'Organization ID' }) };
	const extra = parameters.additionalFields ?? {};
	for (const [name, value] of [
		['documentId', parameters.documentId],
		['locationId', extra.locationId],
		['userId', extra.userId],
	] as const) {
		const text = optionalString(value);
		if (text !== undefined) scope[name] = text;
	}
	if (typeof extra.verifyUserPermissions === 'boolean') scope.verifyUserPermissions = extra.verifyUserPermissions;
	return scope;
}

/** One entry of `notifications` in an update request. */
export function buildNotificationUpdate(id: unknown, updateFields: IDataObject, node: INode, itemIndex: number): IDataObject {
	const field = (label: string): FieldRef => ({ node, itemIndex, label });
	const update: IDataObject = { id: requireNonEmptyString(id, field('Notification ID')) };
	const actionUser = (updateFields.actionUser as IDataObject | undefined)?.user;
	if (actionUser !== undefined) update.actionUser = parseUser(dropEmpty(actionUser as IDataObject), field('Action User'));
	for (const name of TEXT_FIELDS) {
		const text = optionalString(updateFields[name]);
		if (text !== undefined) update[name] = text;
	}
	const pairs = ((updateFields.displayHeadlineMessageTemplateData as IDataObject | undefined)?.values ?? []) as Array<{ key?: unknown; value?: unknown }>;
	if (pairs.length > 0) update.displayHeadlineMessageTemplateData = keyValuePairsToObject(pairs, field('Headline Template Data'));
	for (const [name, label] of JSON_OBJECT_FIELDS) {
		const value = parseJsonObject(updateFields[name], field(label));
		if (value !== undefined && Object.keys(value).length > 0) update[name] = value;
	}
	const readByUserIds = parseIdList(updateFields.readByUserIds, field('Mark as Read for User IDs'));
	if (readByUserIds.length > 0) update.readByUserIds = readByUserIds;
	if (typeof updateFields.persistReadForUsers === 'boolean') {
		if (readByUserIds.length === 0 && updateFields.persistReadForUsers) {
			throw invalidParameterError(node, itemIndex, 'Persist Read for Users', 'only works together with Mark as Read for User IDs', 'Add the users to mark as read, or remove Persist Read for Users.');
		}
		update.persistReadForUsers = updateFields.persistReadForUsers;
	}
	if (updateFields.notifyUsers !== undefined) {
		const users = parseUserList(updateFields.notifyUsers, field('Notify Users'));
		if (users.length > 0) update.notifyUsers = users;
	}
	if (Object.keys(update).length === 1) {
		throw invalidParameterError(node, itemIndex, 'Update Fields', 'nothing to update', 'Add at least one field under Update Fields, e.g. Mark as Read for User IDs.');
	}
	return update;
}

/** Sends one update or delete call and reads Velt's per-id answer. */
export async function sendPerIdBatch(
	this: IExecuteFunctions,
	connection: VeltConnection,
	endpoint: typeof ENDPOINTS.updateNotifications | typeof ENDPOINTS.deleteNotifications,
	data: IDataObject,
	policy: RequestPolicy,
): Promise<BatchAnswer> {
	// Updates and deletes set state rather than add to it, so sending one again is harmless.
	const result = await sendVeltRequest.call(this, connection, endpoint, data, { policy, idempotent: true });
	if (!result.ok) return { ok: false, failure: result.failure };
	const perId = (typeof result.data === 'object' && result.data !== null ? result.data : {}) as Record<string, PerIdResult | undefined>;
	return { ok: true, results: perId };
}

/** Output for an item whose ids were all answered; a failed id is an error for that item. */
export function perIdOutcome(node: INode, itemIndex: number, verb: 'update' | 'delete', answers: Array<{ id: string; result: PerIdResult }>) {
	const failedAnswers = answers.filter(({ result }) => !result.success);
	if (failedAnswers.length > 0) {
		const list = failedAnswers.map(({ id, result }) => `${id} (${result.message || 'no reason given'})`).join(', ');
		return {
			error: new NodeOperationError(node, `Velt could not ${verb} notification ${list}`, {
				itemIndex,
				description: 'Check that the notification exists in this organization (and document, if you gave one), and that its ID is right.',
			}),
		};
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const options = readExecutionOptions.call(this);
	const connection = await getVeltConnection.call(this);
	const node = this.getNode();
	return await executeBatched.call(this, items.length, options, {
		prepare: (itemIndex): BatchedItem => {
			const scope = buildUpdateScope(
				{
					organizationId: this.getNodeParameter('organizationId', itemIndex),
					documentId: this.getNodeParameter('documentId', itemIndex, ''),
					additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
				},
				node,
				itemIndex,
			);
			const update = buildNotificationUpdate(this.getNodeParameter('id', itemIndex), this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, node, itemIndex);
			return { scope, entries: [{ id: update.id as string, payload: update }] };
		},
		send: async (batch: PlannedBatch) =>
			await sendPerIdBatch.call(this, connection, ENDPOINTS.updateNotifications, { ...batch.scope, notifications: batch.entries.map((entry) => entry.payload) }, options.policy),
		toOutcome: (itemIndex, answers, failure) => {
			if (failure) return { error: failureToNodeApiError(node, failure, itemIndex, connection.secrets) };
			const failed = perIdOutcome(node, itemIndex, 'update', answers);
			if (failed) return failed;
			const { id, result } = answers[0];
			return { json: { id, success: true, message: result.message } };
		},
	});
}
