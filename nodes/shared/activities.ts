import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { displayNameOf, isoTime, renderHeadline } from './notifications';
import { assertOneOf, distinctIds, field, optionalString } from './parameters';
import { resourceLocatorField, locatorValue } from './resourceLocator';
import { readScope } from './scope';
import { ACTIVITY_FEATURE_TYPES, DOCUMENTED_ACTION_TYPES, SORT_ORDERS } from './transport';

// Velt's activity log (https://docs.velt.dev/api-reference/rest-apis/v2/activities/get-activities):
// the filters and the one-line summary both the Velt node's Activity > Get Many and the Velt
// Activity Trigger show.

const FEATURE_TYPE_NAMES: Record<(typeof ACTIVITY_FEATURE_TYPES)[number], string> = {
	comment: 'Comment',
	reaction: 'Reaction',
	recorder: 'Recorder',
	crdt: 'CRDT',
	custom: 'Custom',
};

/** Feature types: Velt's documented list ("Must be one or more of"). */
export const featureTypesField: INodeProperties = {
	displayName: 'Feature Types',
	name: 'featureTypes',
	type: 'multiOptions',
	options: ACTIVITY_FEATURE_TYPES.map((value) => ({ name: FEATURE_TYPE_NAMES[value], value })),
	default: [],
	description: 'Only activities of these features; none means every feature',
};

/** Action types: the documented ones to pick, any other as text (the list is open). */
export const actionTypeFields: INodeProperties[] = [
	{
		displayName: 'Action Types',
		name: 'actionTypes',
		type: 'multiOptions',
		options: DOCUMENTED_ACTION_TYPES.map((value) => ({ name: value, value })),
		default: [],
		description:
			'Only activities of these actions, e.g. comment.add; add others under Other Action Types',
	},
	{
		displayName: 'Other Action Types',
		name: 'otherActionTypes',
		type: 'string',
		default: '',
		placeholder: 'e.g. statusChanged, reaction.add',
		description:
			'Further action types separated by commas, for actions the list does not name (custom ones too)',
	},
];

/** The entity activities are about: a comment thread of the document from the list, or any ID. */
export const targetEntityField: INodeProperties = resourceLocatorField({
	displayName: 'Target Entity',
	name: 'targetEntityId',
	searchListMethod: 'searchCommentThreads',
	placeholder: 'e.g. annotation-789',
	listPlaceholder: 'Select a comment thread...',
	description:
		"Only activities about this entity: a comment thread of the document (listed), or any entity's ID (By ID)",
});

/** The filters of an activity read, from a flat set of values (a collection, or the trigger's). */
export function readActivityFilters(
	values: IDataObject,
	node: INode,
	itemIndex: number,
	prefix = '',
): IDataObject {
	const query: IDataObject = readScope(
		values,
		{ organizationId: 'required', documentId: 'optional', userId: 'optional' },
		node,
		itemIndex,
		prefix,
	);
	const targetEntityId = optionalString(locatorValue(values.targetEntityId));
	if (targetEntityId !== undefined) query.targetEntityId = targetEntityId;
	const featureTypes = (Array.isArray(values.featureTypes) ? values.featureTypes : []).map(
		(value) => assertOneOf(value, ACTIVITY_FEATURE_TYPES, field(node, itemIndex, 'Feature Types')),
	);
	if (featureTypes.length > 0) query.featureTypes = [...new Set(featureTypes)];
	const actionTypes = [
		...distinctIds(values.actionTypes, field(node, itemIndex, 'Action Types')),
		...distinctIds(values.otherActionTypes, field(node, itemIndex, 'Other Action Types')),
	];
	if (actionTypes.length > 0) query.actionTypes = [...new Set(actionTypes)];
	const activityIds = distinctIds(values.activityIds, field(node, itemIndex, 'Activity IDs'));
	if (activityIds.length > 0) query.activityIds = activityIds;
	if (values.order !== undefined && values.order !== '')
		query.order = assertOneOf(values.order, SORT_ORDERS, field(node, itemIndex, 'Order'));
	return query;
}

/**
 * The compact activity: its message rendered as Velt's feed shows it ("Ana added a comment"),
 * the action and ids. Without a template, a line made of the action user and action type.
 */
export function simplifyActivity(activity: IDataObject): IDataObject {
	const metadata = (activity.metadata ?? {}) as IDataObject;
	const actionUser = (activity.actionUser ?? {}) as IDataObject;
	const who = displayNameOf(actionUser) ?? 'Someone';
	const timestamp = typeof activity.timestamp === 'number' ? activity.timestamp : undefined;
	const summary =
		typeof activity.displayMessageTemplate === 'string' && activity.displayMessageTemplate !== ''
			? renderHeadline(activity.displayMessageTemplate, activity.displayMessageTemplateData, {
					user: who,
					actionUser: who,
				})
			: `${who}: ${String(activity.actionType ?? activity.featureType ?? 'activity')}`;
	return {
		id: activity.id ?? null,
		summary,
		featureType: activity.featureType ?? null,
		actionType: activity.actionType ?? null,
		actionUserId: actionUser.userId ?? null,
		organizationId: metadata.organizationId ?? null,
		documentId: metadata.documentId ?? null,
		targetEntityId: activity.targetEntityId ?? null,
		targetSubEntityId: activity.targetSubEntityId ?? null,
		timestamp: timestamp ?? null,
		createdAt: isoTime(timestamp),
	};
}
