import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import {
	additionalFieldsCollection,
	documentIdField,
	idListField,
} from '../../../shared/descriptions';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { distinctIds, field, optionalString } from '../../../shared/parameters';
import { readScope } from '../../../shared/scope';
import { requireAuthorSwitch } from '../../../shared/tool';
import { isToolNode } from '../../../shared/toolRun';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import { echoedSummary } from '../../helpers/workspace';

export const ALLOW_TOOL_DELETE_ACTIVITIES = 'allowToolDelete';

/**
 * Velt's per-id answer for an activity it could not delete; the page shows it "When some
 * activities are not found" (https://docs.velt.dev/api-reference/rest-apis/v2/activities/delete-activities).
 */
const ACTIVITY_MISSING = /^Failed to delete activity\.?$/;

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the activities'),
	idListField(
		'Activity IDs',
		'activityIds',
		'The activities to delete: IDs separated by commas, or an array from an expression. Or leave empty and delete every activity of a document or target entity (Additional Fields).',
		'e.g. activity-001, activity-002',
	),
	{
		displayName: 'Allow Deleting Activities as a Tool',
		name: ALLOW_TOOL_DELETE_ACTIVITIES,
		type: 'boolean',
		default: false,
		description:
			"Whether an AI agent using this node as a tool may delete activities. Off by default: then the tool refuses every delete. Only a switch set here counts, never a value from the model or an expression. Has no effect outside an agent's tools.",
	},
	additionalFieldsCollection(
		sortedByDisplayName([
			{
				...documentIdField,
				description:
					'Delete the activities of this document (every one of them when no Activity IDs are given)',
			},
			{
				displayName: 'Target Entity ID',
				name: 'targetEntityId',
				type: 'string',
				default: '',
				description:
					'Delete the activities about this entity (every one of them when no Activity IDs are given)',
			},
		]),
	),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDeleteActivitiesRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	// Deleting activity history is for the workflow's author to allow, never a model.
	if (isToolNode(node)) {
		requireAuthorSwitch(node, itemIndex, {
			parameter: ALLOW_TOOL_DELETE_ACTIVITIES,
			label: 'Allow Deleting Activities as a Tool',
			problem: 'is off, so this AI agent tool cannot delete activities',
			fix: 'Switch Allow Deleting Activities as a Tool on in the node itself if the agent may delete activities.',
			fixForModel:
				"Do not delete activities with this tool. Only the workflow's author can allow it, in the node itself.",
		});
	}
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const data: IDataObject = readScope(
		{ organizationId: parameters.organizationId, documentId: extra.documentId },
		{ organizationId: 'required', documentId: 'optional' },
		node,
		itemIndex,
	);
	const targetEntityId = optionalString(extra.targetEntityId);
	if (targetEntityId !== undefined) data.targetEntityId = targetEntityId;
	const activityIds = distinctIds(
		parameters.activityIds,
		field(node, itemIndex, 'Activity IDs', 'activityIds'),
	);
	if (activityIds.length > 0) data.activityIds = activityIds;
	// Documented: "At least one of documentId, targetEntityId, or activityIds must be provided."
	if (data.documentId === undefined && targetEntityId === undefined && activityIds.length === 0)
		throw invalidParameterError(
			node,
			itemIndex,
			'Activity IDs',
			'is empty, and no document or target entity is given',
			'Give the IDs of the activities to delete, or a document or target entity under Additional Fields.',
			{ parameter: 'activityIds' },
		);
	return data;
}

/**
 * Batched: `activityIds` is an array Velt answers per id, also "When some activities are not
 * found" (page above). Items with the same organization, document and target entity share
 * requests (no documented limit, so Options > Batch Size); an item without IDs deletes by its
 * filters in a request of its own. Deleting what is gone changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildDeleteActivitiesRequest,
	endpoint: ACTIVITY_ENDPOINTS.deleteActivities,
	ids: 'activityIds',
	missingAfterRetry: ACTIVITY_MISSING,
	failure: {
		doing: 'delete activity',
		hint: 'Check that each activity exists in this organization and that its ID is right (Get Many lists them).',
	},
	summary: echoedSummary('deleted', ['organizationId', 'documentId', 'targetEntityId']),
});
