import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { additionalFieldsCollection, userIdField } from '../../../shared/descriptions';
import { featureTypesField } from '../../../shared/activities';
import {
	assertOneOf,
	field,
	optionalJsonArray,
	optionalString,
	requireNonEmptyString,
} from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import {
	ACTIVITY_ENDPOINTS,
	ACTIVITY_FEATURE_TYPES,
	CUSTOM_ACTIVITY_FEATURE_TYPE,
} from '../../../shared/transport';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import { organizationField, documentField } from '../../descriptions';
import {
	activitiesInputFields,
	activityContentFields,
	answerWith,
	FROM_FIELDS,
	checkNewActivity,
	displayMessageTemplateField,
	readActivityContent,
	requireAuthorScope,
} from '../../helpers/activityFields';

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The document whose activity feed shows the activity'),
	...activitiesInputFields(
		'Activities',
		'An array of activities as Velt takes them, each with featureType, actionType and actionUser, e.g. [{"featureType": "custom", "actionType": "invoicePaid", "actionUser": {"userId": "billing"}, "targetEntityId": "invoice-42"}]',
	),
	{
		displayName: 'Feature Type',
		name: 'featureType',
		type: 'options',
		options: (featureTypesField.options ?? []) as INodeProperties['options'],
		default: 'custom',
		required: true,
		displayOptions: FROM_FIELDS,
		description: 'The feature the activity belongs to; Custom for events of your own systems',
	},
	{
		displayName: 'Action Type',
		name: 'actionType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. invoicePaid or comment.add',
		displayOptions: FROM_FIELDS,
		description: 'The action performed',
	},
	{
		...userIdField,
		displayName: 'Action User',
		name: 'actionUserId',
		required: true,
		displayOptions: FROM_FIELDS,
		description: 'The user who performed the action, by the ID your app gives them in Velt',
	},
	{
		...displayMessageTemplateField,
		displayOptions: FROM_FIELDS,
	},
	{
		...additionalFieldsCollection(
			sortedByDisplayName([
				...activityContentFields,
				{
					displayName: 'Action User Email',
					name: 'actionUserEmail',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
				},
				{
					displayName: 'Action User Name',
					name: 'actionUserName',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Activity ID',
					name: 'id',
					type: 'string',
					default: '',
					description:
						'Your own ID for the activity. Adding again with the same ID overwrites it, so a retry never duplicates it.',
				},
				{
					displayName: 'Is Activity Resolver Used',
					name: 'isActivityResolverUsed',
					type: 'boolean',
					default: false,
					description:
						"Whether the activity's personal data is kept by your own activity resolver (self-hosted data)",
				},
				{
					displayName: 'Target Entity ID',
					name: 'targetEntityId',
					type: 'string',
					default: '',
					description:
						'The entity the activity is about (e.g. a comment thread or invoice ID). Required for Custom.',
				},
				{
					displayName: 'Target Sub-Entity ID',
					name: 'targetSubEntityId',
					type: 'string',
					default: '',
					description: 'A part of the target, e.g. one comment of the thread',
				},
			]),
		),
		displayOptions: FROM_FIELDS,
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** The one activity of the fields mode. */
function activityFromFields(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const actionUser: IDataObject = {
		userId: requireNonEmptyString(
			locatorValue(parameters.actionUserId),
			field(node, itemIndex, 'Action User', 'actionUserId'),
		),
	};
	const name = optionalString(extra.actionUserName);
	if (name !== undefined) actionUser.name = name;
	const email = optionalString(extra.actionUserEmail);
	if (email !== undefined) actionUser.email = email;
	const activity: IDataObject = {
		featureType: assertOneOf(
			parameters.featureType,
			ACTIVITY_FEATURE_TYPES,
			field(node, itemIndex, 'Feature Type', 'featureType'),
		),
		actionType: requireNonEmptyString(
			parameters.actionType,
			field(node, itemIndex, 'Action Type', 'actionType'),
		),
		actionUser,
	};
	for (const name of ['id', 'targetEntityId', 'targetSubEntityId'] as const) {
		const value = optionalString(extra[name]);
		if (value !== undefined) activity[name] = value;
	}
	// Documented: targetEntityId "Required when featureType is "custom"".
	if (
		activity.featureType === CUSTOM_ACTIVITY_FEATURE_TYPE &&
		activity.targetEntityId === undefined
	)
		throw invalidParameterError(
			node,
			itemIndex,
			'Target Entity ID',
			'is required for a Custom activity',
			'Give the ID of what the activity is about under Additional Fields, e.g. invoice-42.',
			{ parameter: 'additionalFields.targetEntityId' },
		);
	const template = optionalString(parameters.displayMessageTemplate);
	if (template !== undefined) activity.displayMessageTemplate = template;
	Object.assign(activity, readActivityContent(extra, node, itemIndex, 'additionalFields'));
	if (extra.isActivityResolverUsed === true) activity.isActivityResolverUsed = true;
	return activity;
}

export function buildAddActivitiesRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireAuthorScope(node, itemIndex, ['organizationId', 'documentId'], 'add activities');
	const scope = readScope(parameters, SCOPES.document, node, itemIndex);
	const ref = field(node, itemIndex, 'Activities', 'activities');
	if (parameters.inputMode !== 'json')
		return { ...scope, activities: [activityFromFields(parameters, node, itemIndex)] };
	const activities = optionalJsonArray(parameters.activities, ref);
	if (activities === undefined)
		throw invalidParameterError(
			node,
			itemIndex,
			'Activities',
			'is empty',
			'Give at least one activity.',
			{ parameter: 'activities' },
		);
	activities.forEach((activity, position) =>
		checkNewActivity(activity, { ...ref, label: `Activities #${position + 1}` }),
	);
	return { ...scope, activities };
}

/**
 * One request per item, not batched: Velt answers the whole list with one {success, message}
 * (https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities), so a failed
 * request could not be told apart per item.
 */
export const execute = perItemExecutor({
	properties,
	prepare: buildAddActivitiesRequest,
	// Sent twice, an activity with its own ID is overwritten; without one it would be added twice.
	send: sendOneCall(ACTIVITY_ENDPOINTS.addActivities, (data) =>
		(data.activities as IDataObject[]).every((activity) => activity.id !== undefined),
	),
	toOutcome: ({ data }, sent) => {
		const activities = sent.activities as IDataObject[];
		const ids = activities.flatMap((activity) => (activity.id === undefined ? [] : [activity.id]));
		return {
			json: answerWith(data, {
				organizationId: sent.organizationId,
				documentId: sent.documentId,
				addedCount: activities.length,
				...(ids.length > 0 ? { activityIds: ids } : {}),
			}),
		};
	},
});
