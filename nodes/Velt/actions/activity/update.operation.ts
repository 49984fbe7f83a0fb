import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutor } from '../../../shared/execution/batchedExecutor';
import { entitiesItem } from '../../../shared/execution/batchedWrites';
import { writeSummary } from '../../../shared/execution/perIdAnswers';
import { updateFieldsCollection } from '../../../shared/descriptions';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import {
	field,
	optionalJsonArray,
	optionalString,
	requireNonEmptyString,
} from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import {
	activitiesInputFields,
	activityContentFields,
	FROM_FIELDS,
	displayMessageTemplateField,
	readActivityContent,
	requireAuthorScope,
} from '../../helpers/activityFields';
import { activityIdField } from './get.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the activities'),
	...activitiesInputFields(
		'Changes',
		"An array of changes as Velt takes them: each an object with its activity's ID and the fields to change, as under Update Fields",
	),
	{ ...activityIdField, displayOptions: FROM_FIELDS },
	{
		...updateFieldsCollection(
			sortedByDisplayName([...activityContentFields, displayMessageTemplateField]),
		),
		displayOptions: FROM_FIELDS,
	},
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildUpdateActivityRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireAuthorScope(node, itemIndex, ['organizationId'], 'update activities');
	const scope = readScope(parameters, SCOPES.organization, node, itemIndex);
	if (parameters.inputMode === 'json')
		return { ...scope, activities: readChangesJson(parameters, node, itemIndex) };
	const id = requireNonEmptyString(
		parameters.activityId,
		field(node, itemIndex, 'Activity ID', 'activityId'),
	);
	const given = (parameters.updateFields ?? {}) as IDataObject;
	const changes = readActivityContent(given, node, itemIndex, 'updateFields');
	const template = optionalString(given.displayMessageTemplate);
	if (template !== undefined) changes.displayMessageTemplate = template;
	if (Object.keys(changes).length === 0)
		throw invalidParameterError(
			node,
			itemIndex,
			'Update Fields',
			'has nothing to update',
			'Add a field under Update Fields, e.g. Display Message Template.',
			{ parameter: 'updateFields' },
		);
	return { ...scope, activities: [{ id, ...changes }] };
}

/** The JSON mode's changes: objects with an id each. */
function readChangesJson(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject[] {
	const ref = field(node, itemIndex, 'Activities', 'activities');
	const activities = optionalJsonArray(parameters.activities, ref) ?? [];
	if (activities.length === 0)
		throw invalidParameterError(
			node,
			itemIndex,
			'Activities',
			'is empty',
			"Give at least one change with the activity's ID.",
			{ parameter: 'activities' },
		);
	activities.forEach((activity, position) =>
		requireNonEmptyString(activity.id, { ...ref, label: `Activities #${position + 1} id` }),
	);
	return activities;
}

/**
 * Batched: `activities` is an array Velt answers per id, {<id>: {success, message}}, also
 * "When some activities are not found"
 * (https://docs.velt.dev/api-reference/rest-apis/v2/activities/update-activities). Items of one
 * organization share requests; no documented limit, so Options > Batch Size.
 */
export const execute = batchedExecutor({
	properties,
	prepare: (parameters, node, itemIndex) =>
		entitiesItem(buildUpdateActivityRequest(parameters, node, itemIndex), 'activities', 'id'),
	endpoint: ACTIVITY_ENDPOINTS.updateActivities,
	requestData: (batch) => ({
		...batch.scope,
		activities: batch.entries.map((entry) => entry.payload),
	}),
	// Setting the same values again changes nothing, so a retry is harmless.
	idempotent: true,
	failure: {
		doing: 'update activity',
		hint: 'Check that the activity exists in this organization and that its ID is right (Get Many lists them).',
	},
	toJson: (answers, { scope, entries }) =>
		entries.length === 1
			? { updated: true, organizationId: scope.organizationId, ...entries[0].payload }
			: {
					organizationId: scope.organizationId,
					...writeSummary({ answers, unrequested: 0, byIds: true }, 'updated'),
				},
});
