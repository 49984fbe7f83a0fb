import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../shared/errors';
import { jsonField } from '../../shared/descriptions';
import {
	assertOneOf,
	field,
	optionalJsonObject,
	optionalString,
	parseJsonValue,
} from '../../shared/parameters';
import type { FieldRef } from '../../shared/parameters';
import { requireAuthorLiterals } from '../../shared/tool';
import { isToolNode } from '../../shared/toolRun';
import {
	ACTIVITY_FEATURE_TYPES,
	CUSTOM_ACTIVITY_FEATURE_TYPE,
	isPlainObject,
} from '../../shared/transport';

// What Activity > Create and Update share: the activity's optional content fields and how
// they are read (https://docs.velt.dev/api-reference/rest-apis/v2/activities/add-activities,
// .../update-activities), the checks of one activity, and the tool rule on its scope.

/** One activity from the fields, or many as JSON (`json`: the JSON field's description). */
export function activitiesInputFields(verb: string, json: string): INodeProperties[] {
	return [
		{
			displayName: `Define ${verb}`,
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'One Activity From the Fields Below', value: 'fields' },
				{ name: 'Many Activities as JSON', value: 'json' },
			],
			default: 'fields',
		},
		{
			displayName: 'Activities (JSON)',
			name: 'activities',
			type: 'json',
			default: '[]',
			required: true,
			displayOptions: { show: { inputMode: ['json'] } },
			description: json,
		},
	];
}

/** Where the fields of the fields mode show. */
export const FROM_FIELDS = { show: { inputMode: ['fields'] } };

/** Velt's answer object (`{success, message}`), or `{success: true}` when it sent none, with `extra`. */
export function answerWith(data: unknown, extra: IDataObject): IDataObject {
	const answer = isPlainObject(data) ? data : { success: true };
	return { ...answer, ...extra };
}

export const displayMessageTemplateField: INodeProperties = {
	displayName: 'Display Message Template',
	name: 'displayMessageTemplate',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{user}} marked the invoice as paid',
	description:
		'The line the activity feed shows; {{variable}} is filled from Display Message Template Data',
};

/** The content fields both Create and Update take, under Additional / Update Fields. */
export const activityContentFields: INodeProperties[] = [
	{
		displayName: 'Action Icon',
		name: 'actionIcon',
		type: 'string',
		default: '',
		description: 'URL or identifier of the icon the feed shows for the action',
	},
	jsonField(
		'Changes',
		'changes',
		'What changed: field names to {"from": ..., "to": ...}, e.g. {"status": {"from": "open", "to": "paid"}}',
	),
	jsonField(
		'Display Message Template Data',
		'displayMessageTemplateData',
		'Values of the template\'s {{variables}}, e.g. {"user": {"userId": "u1", "name": "Ana"}}',
	),
	{
		...jsonField(
			'Entity Data',
			'entityData',
			'Snapshot of the entity at the time of the action (any JSON)',
		),
		default: '',
	},
	{
		...jsonField(
			'Entity Target Data',
			'entityTargetData',
			'Snapshot of the target entity at the time of the action (any JSON)',
		),
		default: '',
	},
];

/** The content fields set in `given` (a collection), as Velt takes them. */
export function readActivityContent(
	given: IDataObject,
	node: INode,
	itemIndex: number,
	prefix: string,
): IDataObject {
	const ref = (label: string, name: string) => field(node, itemIndex, label, `${prefix}.${name}`);
	const content: IDataObject = {};
	const icon = optionalString(given.actionIcon);
	if (icon !== undefined) content.actionIcon = icon;
	for (const [label, name] of [
		['Changes', 'changes'],
		['Display Message Template Data', 'displayMessageTemplateData'],
	] as const) {
		const object = optionalJsonObject(given[name], ref(label, name));
		if (object !== undefined) content[name] = object;
	}
	for (const [label, name] of [
		['Entity Data', 'entityData'],
		['Entity Target Data', 'entityTargetData'],
	] as const) {
		const value = parseJsonValue(given[name], ref(label, name));
		if (value !== undefined) content[name] = value as IDataObject;
	}
	return content;
}

/** One activity to add, checked as the add page documents it (featureType, actionType, actionUser, custom's target). */
export function checkNewActivity(activity: IDataObject, ref: FieldRef): IDataObject {
	const at = (label: string) => ({ ...ref, label: `${ref.label} ${label}` });
	assertOneOf(activity.featureType, ACTIVITY_FEATURE_TYPES, at('featureType'));
	if (optionalString(activity.actionType) === undefined)
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			at('actionType').label,
			'is required but is empty',
			'Give the action, e.g. comment.add or invoicePaid.',
			{ parameter: ref.parameter },
		);
	const user = activity.actionUser as IDataObject | undefined;
	if (typeof user !== 'object' || user === null || optionalString(user.userId) === undefined)
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			at('actionUser').label,
			'needs a userId',
			'Give the user who acted, e.g. {"userId": "u1", "name": "Ana"}.',
			{ parameter: ref.parameter },
		);
	if (
		activity.featureType === CUSTOM_ACTIVITY_FEATURE_TYPE &&
		optionalString(activity.targetEntityId) === undefined
	)
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			at('targetEntityId').label,
			'is required for a custom activity',
			'Give the ID of the entity the activity is about, e.g. invoice-42.',
			{ parameter: ref.parameter },
		);
	return activity;
}

/**
 * As an AI agent's tool, an activity write stays in the organization and document the
 * author set: a model cannot write into another customer's feed.
 */
export function requireAuthorScope(
	node: INode,
	itemIndex: number,
	levels: ReadonlyArray<'organizationId' | 'documentId'>,
	what: string,
): void {
	if (!isToolNode(node)) return;
	requireAuthorLiterals(node, itemIndex, levels, {
		parameter: levels[levels.length - 1],
		label: levels.length > 1 ? 'Organization / Document' : 'Organization',
		problem: `an AI agent cannot choose where to ${what}`,
		fix: `Set the ${levels.length > 1 ? 'organization and document' : 'organization'} in the node itself, without $fromAI or expressions.`,
		fixForModel: `Do not give an organization or document. This tool can only ${what} where its author set.`,
	});
}
