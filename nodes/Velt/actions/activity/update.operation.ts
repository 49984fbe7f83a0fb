import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdOutcome, readPerIdAnswers } from '../../../shared/execution/perIdAnswers';
import { updateFieldsCollection } from '../../../shared/descriptions';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { field, optionalString, requireNonEmptyString } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import {
	activityContentFields,
	displayMessageTemplateField,
	readActivityContent,
	requireAuthorScope,
} from '../../helpers/activityFields';
import { activityIdField } from './get.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the activity'),
	activityIdField,
	updateFieldsCollection(
		sortedByDisplayName([...activityContentFields, displayMessageTemplateField]),
	),
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

export const execute = perItemExecutor({
	properties,
	prepare: buildUpdateActivityRequest,
	// Setting the same values again changes nothing, so a retry is harmless.
	send: sendOneCall(ACTIVITY_ENDPOINTS.updateActivities),
	// Velt answers per id: {<id>: {success, message}}.
	toOutcome: ({ data, attempts }, sent, itemIndex, node) => {
		const [activity] = sent.activities as IDataObject[];
		const matched = readPerIdAnswers(data, { requested: [String(activity.id)], attempts });
		return perIdOutcome(
			node,
			itemIndex,
			matched.answers,
			{
				doing: 'update activity',
				hint: 'Check that the activity exists in this organization and that its ID is right (Get Many lists them).',
			},
			() => ({ updated: true, organizationId: sent.organizationId, ...activity }),
		);
	},
});
