import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutor } from '../../../shared/execution/batchedExecutor';
import type { BatchedItem } from '../../../shared/execution/batchPlan';
import { generatedIdOf } from '../../../shared/execution/generatedIds';
import { readIdAnswers } from '../../../shared/execution/perIdAnswers';
import { additionalFieldsCollection, jsonField } from '../../../shared/descriptions';
import {
	assertOneOf,
	field,
	optionalInteger,
	optionalJsonObject,
	optionalString,
	readIdList,
	readUserValue,
} from '../../../shared/parameters';
import { requireModelUserIdOnly } from '../../../shared/tool';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	newCommentFields,
	contextField,
	organizationField,
	documentField,
	authorField,
	commentTextField,
	commentHtmlField,
} from '../../descriptions';
import { readNewComment } from '../../helpers/commentBody';
const VISIBILITIES = ['public', 'organizationPrivate', 'restricted'] as const;

const additionalFields = newCommentFields(
	'Your own number for the first comment; 0 lets Velt pick one',
	[
		{
			displayName: 'Comment Thread ID',
			name: 'annotationId',
			type: 'string',
			default: '',
			description:
				'Your own ID for the thread (no ":"). Leave empty and the node generates one (n8n-…), returned as annotationId. Creating again with the same ID replaces the thread.',
		},
		{
			displayName: 'Assignee',
			name: 'assignedTo',
			type: 'string',
			default: '',
			placeholder: 'e.g. user-2',
			description:
				'The user the thread is assigned to: a user ID, or a user as JSON, e.g. {"userId": "u2", "name": "Ana"}',
		},
		contextField,
		{
			displayName: 'Comment Type',
			name: 'commentType',
			type: 'options',
			options: [
				{ name: 'Manual', value: 'manual' },
				{ name: 'Chart', value: 'chart' },
			],
			default: 'manual',
		},
		{
			displayName: 'Created At',
			name: 'createdAt',
			type: 'number',
			default: 0,
			description:
				'When the thread was created, in ms since 1970 (e.g. when importing); 0 means now',
		},
		{
			displayName: 'Last Updated',
			name: 'lastUpdated',
			type: 'number',
			default: 0,
			description: 'When the thread was last updated, in ms since 1970; 0 means now',
		},
		jsonField(
			'Location',
			'location',
			'Where in the document the thread sits, e.g. {"id": "section-2", "locationName": "Pricing"} (id required)',
		),
		jsonField(
			'Priority',
			'priority',
			'The priority, e.g. {"id": "P1", "name": "High", "color": "#FF8C00", "lightColor": "#FFE8CC"} (all four required)',
		),
		jsonField(
			'Status',
			'status',
			'The status, e.g. {"id": "OPEN", "name": "Open", "type": "default", "color": "#625DF5", "lightColor": "#E7E8FA", "iconUrl": "https://…"} (type default, ongoing or terminal; color, lightColor and svg or iconUrl required)',
		),
		jsonField(
			'Suggestion',
			'suggestion',
			'A proposed change for a thread of type Suggestion, e.g. {"targetId": "row.123", "oldValue": {"x": 205}, "newValue": {"x": 305}}',
		),
		jsonField(
			'Target Element',
			'targetElement',
			'The element the thread is pinned to, e.g. {"elementId": "headline", "targetText": "Welcome", "occurrence": 1, "selectAllContent": false}',
		),
		{
			displayName: 'Trigger Activities',
			name: 'triggerActivities',
			type: 'boolean',
			default: false,
			description: 'Whether the comment shows up in activity logs',
		},
		{
			displayName: 'Trigger Notification',
			name: 'triggerNotification',
			type: 'boolean',
			default: false,
			description:
				'Whether Velt notifies (e.g. the mentioned users) as for a comment made in the app',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Comment', value: 'comment' },
				{ name: 'Suggestion', value: 'suggestion' },
			],
			default: 'comment',
		},
		{
			displayName: 'Visibility',
			name: 'visibility',
			type: 'options',
			options: [
				{ name: 'Public', value: 'public' },
				{ name: 'Organization Private', value: 'organizationPrivate' },
				{ name: 'Restricted (Only Given Users)', value: 'restricted' },
			],
			default: 'public',
			description: 'Who can see the thread',
		},
		{
			displayName: 'Visible to User IDs',
			name: 'visibilityUserIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. user-1, user-2',
			description: 'With Visibility "Restricted": the users who can see the thread',
		},
	],
);

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the document'),
	documentField('The Velt document the thread is added to'),
	authorField,
	commentTextField,
	commentHtmlField,
	additionalFieldsCollection(additionalFields),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

function requireKeys(
	object: IDataObject,
	keys: string[],
	label: string,
	parameter: string,
	node: INode,
	itemIndex: number,
): void {
	const absent = keys.filter((key) => optionalString(object[key]) === undefined);
	if (absent.length > 0) {
		throw invalidParameterError(
			node,
			itemIndex,
			label,
			`has no ${absent.join(', ')}, which Velt requires`,
			`Give ${keys.join(', ')}.`,
			{ parameter },
		);
	}
}

/**
 * One Create: its request-level fields (organization, document, the create and verify switches;
 * items with equal ones share a request) and its thread (annotation) with the first comment.
 * A thread without a user-given ID gets the node's own (generatedIdOf: "n8n-" and 24 hex
 * digits, derived from execution, node, run and item, never a ":"): Velt's answer is a map
 * keyed per annotation in no particular order, so only an ID sent maps an answer back to its
 * item, and creating again with the same ID replaces the thread, so a lost answer is retried.
 */
export function buildCreateItem(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	run: IExecuteFunctions,
): BatchedItem {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const ref = (label: string, name: string) =>
		field(node, itemIndex, label, `additionalFields.${name}`);
	const scope = readScope(parameters, SCOPES.document, node, itemIndex);
	const { comment, switches } = readNewComment(parameters, node, itemIndex, 'annotation');
	for (const name of ['triggerNotification', 'triggerActivities']) {
		if (extra[name] === true) comment[name] = true;
	}

	const annotation: IDataObject = {};
	const annotationId = optionalString(extra.annotationId);
	if (annotationId !== undefined) {
		if (annotationId.includes(':')) {
			throw invalidParameterError(
				node,
				itemIndex,
				'Comment Thread ID',
				`"${annotationId}" contains ":", which Velt does not allow`,
				'Use an ID without ":", or leave it empty to have one generated.',
				{ parameter: 'additionalFields.annotationId' },
			);
		}
	}
	annotation.annotationId = annotationId ?? generatedIdOf(run, node, itemIndex);
	const location = optionalJsonObject(extra.location, ref('Location', 'location'));
	if (location !== undefined) {
		requireKeys(location, ['id'], 'Location', 'additionalFields.location', node, itemIndex);
		annotation.location = location;
	}
	const targetElement = optionalJsonObject(
		extra.targetElement,
		ref('Target Element', 'targetElement'),
	);
	if (targetElement !== undefined) annotation.targetElement = targetElement;
	const status = optionalJsonObject(extra.status, ref('Status', 'status'));
	if (status !== undefined) {
		requireKeys(
			status,
			['id', 'name', 'type', 'color', 'lightColor'],
			'Status',
			'additionalFields.status',
			node,
			itemIndex,
		);
		assertOneOf(status.type, ['default', 'ongoing', 'terminal'], ref('Status type', 'status'));
		if (optionalString(status.svg) === undefined && optionalString(status.iconUrl) === undefined) {
			throw invalidParameterError(
				node,
				itemIndex,
				'Status',
				'has neither svg nor iconUrl, one of which Velt requires',
				undefined,
				{
					parameter: 'additionalFields.status',
				},
			);
		}
		annotation.status = status;
	}
	const priority = optionalJsonObject(extra.priority, ref('Priority', 'priority'));
	if (priority !== undefined) {
		requireKeys(
			priority,
			['id', 'name', 'color', 'lightColor'],
			'Priority',
			'additionalFields.priority',
			node,
			itemIndex,
		);
		annotation.priority = priority;
	}
	requireModelUserIdOnly(
		node,
		itemIndex,
		'additionalFields.assignedTo',
		'Assignee',
		extra.assignedTo,
	);
	const assignee = readUserValue(extra.assignedTo, ref('Assignee', 'assignedTo'));
	if (assignee !== undefined) annotation.assignedTo = assignee;
	const context = optionalJsonObject(extra.context, ref('Context', 'context'));
	if (context !== undefined) annotation.context = context;
	const suggestion = optionalJsonObject(extra.suggestion, ref('Suggestion', 'suggestion'));
	if (suggestion !== undefined) annotation.suggestion = suggestion;
	if (extra.type !== undefined)
		annotation.type = assertOneOf(extra.type, ['comment', 'suggestion'], ref('Type', 'type'));
	if (extra.commentType !== undefined)
		annotation.commentType = assertOneOf(
			extra.commentType,
			['manual', 'chart'],
			ref('Comment Type', 'commentType'),
		);
	for (const [name, label] of [
		['createdAt', 'Created At'],
		['lastUpdated', 'Last Updated'],
	] as const) {
		const time = optionalInteger(extra[name], ref(label, name));
		if (time !== undefined && time !== 0) annotation[name] = time;
	}
	if (extra.visibility !== undefined || extra.visibilityUserIds !== undefined) {
		const type = assertOneOf(
			extra.visibility ?? 'restricted',
			VISIBILITIES,
			ref('Visibility', 'visibility'),
		);
		const visibility: IDataObject = { type };
		const userIds = readIdList(
			extra.visibilityUserIds,
			ref('Visible to User IDs', 'visibilityUserIds'),
		);
		if (type === 'restricted') {
			if (userIds.length === 0) {
				throw invalidParameterError(
					node,
					itemIndex,
					'Visible to User IDs',
					'is empty, but Visibility is "Restricted"',
					'Give the IDs of the users who may see the thread.',
					{
						parameter: 'additionalFields.visibilityUserIds',
					},
				);
			}
			visibility.userIds = userIds;
		}
		if (type === 'organizationPrivate') visibility.organizationId = scope.organizationId;
		annotation.visibility = visibility;
	}
	annotation.commentData = [comment];
	return {
		scope: { ...scope, ...switches },
		entries: [{ id: annotation.annotationId as string, payload: annotation }],
	};
}

/**
 * Velt's answer by annotation ID: "Read entry.annotationId from each result, never the map key"
 * (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/add-comment-annotations);
 * a success without its own message takes the answer's.
 */
function readThreadAnswers({ data, message }: { data: unknown; message?: string }) {
	return new Map(
		[...readIdAnswers(data).values()].map((answer) => {
			const { annotationId } = answer.entry;
			const id = typeof annotationId === 'string' ? annotationId : answer.id;
			const text = answer.message || (answer.success ? (message ?? '') : '');
			return [id, { ...answer, id, message: text }];
		}),
	);
}

export const execute = batchedExecutor({
	properties,
	prepare: buildCreateItem,
	endpoint: COLLABORATION_ENDPOINTS.addCommentAnnotations,
	// ASSUMED: how many threads one request may carry. The page (link above) documents
	// commentAnnotations as an array with no limit; Options > Batch Size (default 50, as for
	// notifications) keeps one request modest.
	requestData: (batch) => ({
		...batch.scope,
		commentAnnotations: batch.entries.map((entry) => entry.payload),
	}),
	// Every annotation carries its ID (given or generated), so a second send replaces, never doubles.
	idempotent: true,
	readAnswers: readThreadAnswers,
	partialWrites: true,
	failure: {
		doing: 'create comment thread',
		hint: 'Check that the author may access the document (with Verify User Permissions on), and the thread fields against the message above.',
	},
	toJson: ([{ id, message, entry }], { scope }) => ({
		success: true,
		annotationId: entry.annotationId ?? id,
		commentIds: entry.commentIds ?? [],
		organizationId: scope.organizationId,
		documentId: scope.documentId,
		message: message || 'Comment thread created.',
	}),
});
