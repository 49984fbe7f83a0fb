import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { batchedExecutor } from '../../../shared/execution/batchedExecutor';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { notificationWrite, readNotificationScope } from '../../../shared/notifications';
import { parseIdList } from '../../../shared/parameters';
import { requireAuthorLiterals } from '../../../shared/tool';
import { ENDPOINTS } from '../../../shared/transport';
import type { BatchedItem } from '../../../shared/execution/batchPlan';
import {
	documentIdField,
	locationIdField,
	organizationIdField,
	userIdField,
} from '../../../shared/descriptions';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { notificationIdsField } from '../../descriptions';

const properties: INodeProperties[] = [
	organizationIdField,
	{
		...notificationIdsField,
		description:
			'The notifications to delete: IDs separated by commas, or an array from an expression. Leave empty to delete every notification matching the document, location or user below.',
	},
	{ ...documentIdField, description: 'The document the notifications belong to' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [locationIdField, { ...userIdField, description: 'Only notifications of this user' }],
	},
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** What decides a delete without IDs: the IDs left empty and every filter. */
const FILTER_DELETE_PARAMETERS = [
	'notificationIds',
	'organizationId',
	'documentId',
	'additionalFields.locationId',
	'additionalFields.userId',
];

/** What one item asks to delete: ids to batch, or (without ids) a filter request of its own. */
export function buildDeleteItem(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): BatchedItem {
	const scope = readNotificationScope(parameters, node, itemIndex);
	const ids = [
		...new Set(
			parseIdList(parameters.notificationIds, { node, itemIndex, label: 'Notification IDs' }),
		),
	];
	if (
		ids.length === 0 &&
		scope.documentId === undefined &&
		scope.locationId === undefined &&
		scope.userId === undefined
	) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Notification IDs',
			'is empty and no Document ID, Location ID or User ID narrows the delete, so it would delete every notification of the organization',
			'Give the notification IDs to delete, or a Document ID, Location ID or User ID whose notifications should all go.',
		);
	}
	if (ids.length === 0) {
		// Deleting everything a filter matches is for the workflow's author to decide, never a model.
		requireAuthorLiterals(node, itemIndex, FILTER_DELETE_PARAMETERS, {
			parameter: 'notificationIds',
			label: 'Notification IDs',
			problem: 'is empty, and an AI agent cannot delete every notification of a document or user',
			fix: 'Give the notification IDs to delete. A delete of everything matching a filter takes effect only when the IDs and the filter are set in the node itself, without $fromAI (or, in a tool, expressions).',
			fixForModel:
				'Give the IDs of the notifications to delete, e.g. "n1, n2" (Get Many lists them). This tool cannot delete all notifications of a document or user.',
		});
	}
	return { scope, entries: ids.map((id) => ({ id, payload: {} })) };
}

export const execute = batchedExecutor({
	properties,
	endpoint: ENDPOINTS.deleteNotifications,
	...notificationWrite('delete'),
	prepare: buildDeleteItem,
	requestData: (batch) => {
		const data: IDataObject = { ...batch.scope };
		if (batch.entries.length > 0) data.notificationIds = batch.entries.map((entry) => entry.id);
		return data;
	},
	// Velt's answer for a notification it does not have
	// (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/delete-notifications)
	missingAfterRetry: /^Failed to delete notification\.?$/,
	// n8n's convention for a delete: `deleted: true`, plus what Velt reported deleted.
	toJson: (answers) => ({
		deleted: true,
		deletedIds: answers.map(({ id }) => id),
		deletedCount: answers.length,
	}),
});
