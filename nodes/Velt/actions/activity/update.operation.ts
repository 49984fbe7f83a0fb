import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import {
	perIdOutcome,
	readPerIdAnswers,
	writeSummary,
} from '../../../shared/execution/perIdAnswers';
import { updateFieldsCollection } from '../../../shared/descriptions';
import {
	perItemExecutionOptions,
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
	perItemExecutionOptions,
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

export const execute = perItemExecutor({
	properties,
	prepare: buildUpdateActivityRequest,
	// Setting the same values again changes nothing, so a retry is harmless.
	send: sendOneCall(ACTIVITY_ENDPOINTS.updateActivities),
	// Velt answers per id: {<id>: {success, message}}.
	toOutcome: ({ data, attempts }, sent, itemIndex, node) => {
		const activities = sent.activities as IDataObject[];
		const matched = readPerIdAnswers(data, {
			requested: activities.map((activity) => String(activity.id)),
			attempts,
		});
		return perIdOutcome(
			node,
			itemIndex,
			matched.answers,
			{
				doing: 'update activity',
				hint: 'Check that the activity exists in this organization and that its ID is right (Get Many lists them).',
			},
			() =>
				activities.length === 1
					? { updated: true, organizationId: sent.organizationId, ...activities[0] }
					: {
							organizationId: sent.organizationId,
							...writeSummary(matched, 'updated'),
						},
		);
	},
});
