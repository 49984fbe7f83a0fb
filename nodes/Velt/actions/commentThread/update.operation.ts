import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome, writeSummary } from '../../../shared/execution/perIdAnswers';
import { filtersCollection, jsonField, updateFieldsCollection } from '../../../shared/descriptions';
import {
	assertOneOf,
	field,
	optionalJsonArray,
	optionalJsonObject,
	optionalString,
	readUserValue,
} from '../../../shared/parameters';
import { requireModelUserFields, requireModelUserIdOnly } from '../../../shared/tool';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	sortedByDisplayName,
	perItemExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	contextField,
	organizationField,
	documentField,
	targetFields,
	locationIdsFilter,
	authorUserIdsFilter,
} from '../../descriptions';
import { readThreadTargets, LOCATION_IDS, AUTHOR_USER_IDS } from '../../helpers/threadTargets';
/** Velt's default statuses, as the update examples send them (id, name, type). */
export const STATUS_PRESETS: Record<string, IDataObject> = {
	OPEN: { id: 'OPEN', name: 'Open', type: 'default' },
	IN_PROGRESS: { id: 'IN_PROGRESS', name: 'In Progress', type: 'ongoing' },
	RESOLVED: { id: 'RESOLVED', name: 'Resolved', type: 'terminal' },
};

const STATUS_TYPES = ['default', 'ongoing', 'terminal'];

const userIdText = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. user-1',
	description,
});

const updateFields: INodeProperties[] = sortedByDisplayName([
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Open', value: 'OPEN' },
			{ name: 'In Progress', value: 'IN_PROGRESS' },
			{ name: 'Resolved', value: 'RESOLVED' },
			{ name: 'Custom (Custom Status Below)', value: 'custom' },
		],
		default: 'RESOLVED',
		description:
			'The new status. Resolved is the terminal status that closes the thread; Open reopens it.',
	},
	jsonField(
		'Custom Status',
		'customStatus',
		'A status of your own, e.g. {"id": "inprogress", "name": "In Progress", "type": "ongoing"} (type default, ongoing or terminal)',
	),
	userIdText(
		'Status Changed By User ID',
		'statusUpdatedByUserId',
		'Who changed the status (statusUpdatedByUserId)',
	),
	userIdText(
		'Resolved By User ID',
		'resolvedByUserId',
		'Who resolved the thread (resolvedByUserId), e.g. with Status Resolved',
	),
	{
		displayName: 'Assignee',
		name: 'assignedTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. user-2',
		description: 'Assign the thread to this user: a user ID, or a user as JSON',
	},
	jsonField('Priority', 'priority', 'The new priority, e.g. {"id": "P1", "name": "High"}'),
	contextField,
	jsonField(
		'Location',
		'location',
		'The new location, e.g. {"id": "section-2", "locationName": "Pricing"}',
	),
	jsonField(
		'Target Element',
		'targetElement',
		'The new target element, e.g. {"elementId": "headline"}',
	),
	{
		displayName: 'Author',
		name: 'from',
		type: 'string',
		default: '',
		description: 'The new author of the thread: a user ID, or a user as JSON',
	},
	jsonField('Suggestion', 'suggestion', 'The new suggestion payload of a suggestion thread'),
	{
		displayName: 'Replace Users (JSON)',
		name: 'updateUsers',
		type: 'json',
		default: '[]',
		description:
			'Replace a user everywhere in the threads, e.g. [{"oldUser": {"userId": "old"}, "newUser": {"userId": "new", "name": "New Name"}}]',
	},
]);

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document of the threads'),
	...targetFields('update'),
	updateFieldsCollection(updateFields),
	filtersCollection([
		locationIdsFilter('Only threads at these locations'),
		authorUserIdsFilter('Only threads started by these users'),
	]),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

function readStatus(fields: IDataObject, node: INode, itemIndex: number): IDataObject | undefined {
	const ref = field(node, itemIndex, 'Custom Status', 'updateFields.customStatus');
	const custom = optionalJsonObject(fields.customStatus, ref);
	const choice = fields.status;
	if (choice === undefined || choice === '' || choice === 'custom') {
		if (custom === undefined) {
			if (choice === 'custom')
				throw invalidParameterError(
					node,
					itemIndex,
					'Custom Status',
					'is empty, but Status is "Custom"',
					'Give the status as {"id": …, "name": …, "type": …}.',
					{
						parameter: 'updateFields.customStatus',
					},
				);
			return undefined;
		}
		if (optionalString(custom.id) === undefined || optionalString(custom.name) === undefined)
			throw invalidParameterError(
				node,
				itemIndex,
				'Custom Status',
				'needs an id and a name',
				undefined,
				{
					parameter: 'updateFields.customStatus',
				},
			);
		assertOneOf(custom.type, STATUS_TYPES, { ...ref, label: 'Custom Status type' });
		return custom;
	}
	const preset = STATUS_PRESETS[String(choice)];
	if (preset === undefined) {
		assertOneOf(
			choice,
			[...Object.keys(STATUS_PRESETS), 'custom'],
			field(node, itemIndex, 'Status', 'updateFields.status'),
		);
	}
	return { ...preset };
}

export function buildUpdateThreadsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const fields = (parameters.updateFields ?? {}) as IDataObject;
	const ref = (label: string, name: string) =>
		field(node, itemIndex, label, `updateFields.${name}`);
	const scope = readScope(parameters, SCOPES.document, node, itemIndex);
	const { annotationIds, filters } = readThreadTargets(parameters, node, itemIndex, 'update', [
		LOCATION_IDS,
		AUTHOR_USER_IDS,
	]);
	const updatedData: IDataObject = {};
	const status = readStatus(fields, node, itemIndex);
	if (status !== undefined) updatedData.status = status;
	for (const name of ['statusUpdatedByUserId', 'resolvedByUserId']) {
		const id = optionalString(fields[name]);
		if (id !== undefined) updatedData[name] = id;
	}
	for (const [name, label] of [
		['assignedTo', 'Assignee'],
		['from', 'Author'],
	] as const) {
		requireModelUserIdOnly(node, itemIndex, `updateFields.${name}`, label, fields[name]);
		const user = readUserValue(fields[name], ref(label, name));
		if (user !== undefined) updatedData[name] = user;
	}
	for (const [name, label] of [
		['priority', 'Priority'],
		['context', 'Context'],
		['location', 'Location'],
		['targetElement', 'Target Element'],
		['suggestion', 'Suggestion'],
	] as const) {
		const object = optionalJsonObject(fields[name], ref(label, name));
		if (object !== undefined) updatedData[name] = object;
	}
	const updateUsers = optionalJsonArray(
		fields.updateUsers,
		ref('Replace Users (JSON)', 'updateUsers'),
	);
	updateUsers?.forEach((pair, position) => {
		for (const key of ['oldUser', 'newUser']) {
			const user = pair[key];
			if (typeof user !== 'object' || user === null) continue;
			// A replacement user's contact from a model would reroute every thread's notifications.
			requireModelUserFields(
				node,
				itemIndex,
				{
					parameter: 'updateFields.updateUsers',
					label: `Replace Users (JSON) #${position + 1} ${key}`,
					user: user as IDataObject,
					allowed: [],
				},
				{
					problem: () =>
						'an AI agent can give only user IDs here, not a name, email or other field',
					fix: 'Map only user IDs here, or build the replacement users in the node itself.',
					fixForModel:
						'Give only the user IDs, e.g. {"oldUser": {"userId": "u1"}, "newUser": {"userId": "u2"}}.',
				},
			);
		}
		const valid = ['oldUser', 'newUser'].every(
			(key) => optionalString((pair[key] as IDataObject | undefined)?.userId) !== undefined,
		);
		if (!valid)
			throw invalidParameterError(
				node,
				itemIndex,
				`Replace Users (JSON) #${position + 1}`,
				'needs oldUser.userId and newUser.userId',
				undefined,
				{
					parameter: 'updateFields.updateUsers',
				},
			);
	});
	if (Object.keys(updatedData).length === 0 && updateUsers === undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Add at least one field under Update Fields, e.g. Status.',
			{
				parameter: 'updateFields',
				fix: 'Give at least one field to change, e.g. status "RESOLVED".',
			},
		);
	}
	const data: IDataObject = { ...scope, ...filters };
	if (annotationIds.length > 0) data.annotationIds = annotationIds;
	if (Object.keys(updatedData).length > 0) data.updatedData = updatedData;
	if (updateUsers !== undefined) data.updateUsers = updateUsers;
	return data;
}

export const execute = perItemExecutor({
	properties,
	prepare: buildUpdateThreadsRequest,
	// Setting fields to given values is harmless twice.
	send: sendOneCall(COLLABORATION_ENDPOINTS.updateCommentAnnotations),
	toOutcome: perIdWriteOutcome({
		ids: 'annotationIds',
		failure: {
			doing: 'update comment thread',
			hint: 'Check that each thread exists in this document and that its ID is right.',
		},
		summary: (matched) => writeSummary(matched, 'updated'),
	}),
});
