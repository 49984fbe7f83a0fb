import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { AuthorOnlySwitch } from '../../../shared/createSwitches';
import {
	CREATE_SWITCHES,
	createSwitchField,
	guardAuthorSwitches,
} from '../../../shared/createSwitches';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { generatedIdOf } from '../../../shared/execution/generatedIds';
import { readFieldValues } from './notificationContent';
import { readScope } from '../../../shared/scope';
import {
	assertOneOf,
	dropEmpty,
	type FieldRef,
	optionalString,
	parseUser,
	userListEntries,
	type VeltUser,
} from '../../../shared/parameters';
import {
	requireAuthorSwitch,
	requireAuthorUserFields,
	requirePlainUserIds,
} from '../../../shared/tool';
import { fromAiArgument, isToolNode } from '../../../shared/toolRun';
import {
	ENDPOINTS,
	NOTIFICATION_ID_PATTERN,
	NOTIFICATION_SOURCES,
	RESOLVER_NOTIFICATION_SOURCE,
} from '../../../shared/transport';
import {
	documentIdField,
	organizationIdField,
	userValueFields,
} from '../../../shared/descriptions';
import {
	sortedByDisplayName,
	perItemExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import {
	notificationContentFields,
	verifyUserPermissionsField,
	actionUserField,
} from '../../descriptions';

/** Add shows Action User and Body on their own (the docs mark them required), so they are not Additional Fields. */
const TOP_LEVEL_CONTENT = ['actionUser', 'displayBodyMessage'];

const RESOLVER_LABEL = 'Content From Notification Resolver';

const additionalFieldOptions: INodeProperties[] = sortedByDisplayName([
	...notificationContentFields.filter((field) => !TOP_LEVEL_CONTENT.includes(field.name)),
	{
		displayName: RESOLVER_LABEL,
		name: 'isNotificationResolverUsed',
		type: 'boolean',
		default: false,
		description:
			'Whether the headline and body come from your notification resolver when users read the notification (then Headline and Body may stay empty). Unless you pick another Notification Source, the node sends source "Custom", the only one Velt routes to the resolver.',
	},
	createSwitchField('createDocument'),
	createSwitchField('createOrganization'),
	{
		displayName: 'Allow Users From Other Organizations',
		name: 'isCrossOrganizationEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether users of other organizations may be notified',
	},
	{
		displayName: 'Notification ID',
		name: 'notificationId',
		type: 'string',
		default: '',
		description:
			'Your own ID for the notification (letters, digits, _ and - only). Leave empty and the node generates one and returns it. Adding again with the same ID replaces the notification.',
	},
	{
		displayName: 'Notification Source',
		name: 'notificationSource',
		type: 'options',
		default: 'custom',
		options: NOTIFICATION_SOURCES.map((source) => ({
			name: source === 'crdt' ? 'CRDT' : source.charAt(0).toUpperCase() + source.slice(1),
			value: source,
		})),
		description: `What kind of event the notification is about. Only "Custom" notifications are routed to your notification resolver; with ${RESOLVER_LABEL} on and no source picked, "Custom" is sent.`,
	},
	verifyUserPermissionsField,
]);

const actionUserProperty: INodeProperties = {
	...actionUserField('The user who caused the notification, e.g. who closed the deal'),
	required: true,
};

const bodyProperty: INodeProperties = {
	displayName: 'Body',
	name: 'displayBodyMessage',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. The deal is worth 5000 EUR',
	description: `The secondary text under the headline. Required unless ${RESOLVER_LABEL} is on (under Additional Fields).`,
};

/** Read from the top level of Add (Update has them under Update Fields). */
const TOP_LEVEL_FIELDS = [actionUserProperty, bodyProperty];

const properties: INodeProperties[] = [
	organizationIdField,
	{
		...documentIdField,
		required: true,
		description: 'The Velt document the notification belongs to',
	},
	actionUserProperty,
	{
		displayName: 'Headline',
		name: 'displayHeadlineMessageTemplate',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. {actionUser} closed the deal {dealName}',
		description: `The main line of the notification. {placeholders} are filled from Headline Template Data; {actionUser} and {recipientUser} show user names. Required unless ${RESOLVER_LABEL} is on (under Additional Fields).`,
	},
	bodyProperty,
	{
		displayName: 'Specify Recipients',
		name: 'notifyUsersInputMode',
		type: 'options',
		options: [
			{
				name: 'Using Fields Below',
				value: 'list',
				description: 'Enter each user with their name and email',
			},
			{
				name: 'As User IDs',
				value: 'ids',
				description:
					'One text field of user IDs, e.g. "u1, u2" (the easiest for an AI agent to fill)',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: 'An array of users, e.g. from an expression',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Recipients',
		name: 'notifyUsers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Recipient',
		description: 'The users who get the notification',
		displayOptions: { show: { notifyUsersInputMode: ['list'] } },
		options: [{ displayName: 'User', name: 'users', values: userValueFields }],
	},
	{
		displayName: 'Recipient User IDs',
		name: 'notifyUserIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. u1, u2',
		description:
			'The users who get the notification: user IDs separated by commas, or a JSON array of IDs or of users such as [{"userId": "u1", "name": "Ana"}]',
		displayOptions: { show: { notifyUsersInputMode: ['ids'] } },
	},
	{
		displayName: 'Recipients (JSON)',
		name: 'notifyUsers',
		type: 'json',
		default: '[]',
		description:
			'An array of users such as [{"userId": "u1", "name": "Ana", "email": "ana@example.com"}], or of user IDs. Every Velt user field is accepted.',
		displayOptions: { show: { notifyUsersInputMode: ['json'] } },
	},
	{
		displayName: 'Notify Everyone in the Organization',
		name: 'notifyAll',
		type: 'boolean',
		default: false,
		description:
			"Whether every user of the organization gets the notification. Off by default here, although Velt's own default is on, so that a workflow never messages a whole organization by accident. When the node is an AI agent's tool, only a switch set here takes effect, never a value from the model or an expression.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: additionalFieldOptions,
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

function recipientsLabel(parameters: ItemParameters): string {
	if (parameters.notifyUsersInputMode === 'ids') return 'Recipient User IDs';
	return parameters.notifyUsersInputMode === 'json' ? 'Recipients (JSON)' : 'Recipients';
}

function recipientsParameter(parameters: ItemParameters): string {
	return parameters.notifyUsersInputMode === 'ids' ? 'notifyUserIds' : 'notifyUsers';
}

/** The users to notify, from whichever of the three recipient fields the mode shows. */
function readRecipients(parameters: ItemParameters, node: INode, itemIndex: number): VeltUser[] {
	const field: FieldRef = {
		node,
		itemIndex,
		label: recipientsLabel(parameters),
		parameter: recipientsParameter(parameters),
	};
	if (parameters.notifyUsersInputMode === 'ids' || parameters.notifyUsersInputMode === 'json') {
		const value =
			parameters.notifyUsersInputMode === 'ids' ? parameters.notifyUserIds : parameters.notifyUsers;
		const entries = userListEntries(value, field);
		requirePlainUserIds(node, itemIndex, field.parameter ?? '', field.label, entries);
		return entries.map((entry, position) => parseUser(entry, field, position));
	}
	const users = ((parameters.notifyUsers as IDataObject | undefined)?.users ?? []) as IDataObject[];
	return users.map((user, position) => {
		requireAuthorUserFields(
			node,
			itemIndex,
			`notifyUsers.users.${position}`,
			field.label,
			position,
		);
		return parseUser(dropEmpty(user), field, position);
	});
}

/**
 * Notify Everyone, guarded for AI agents: run as a tool, it takes effect only when the
 * workflow author switched it on in the node (saved as a literal true). A value from
 * $fromAI, or from any expression, is refused there, so a model can never message a whole
 * organization. $fromAI is refused everywhere, since only a model fills it.
 */
function readNotifyAll(parameters: ItemParameters, node: INode, itemIndex: number): boolean {
	if (parameters.notifyAll !== true) return false;
	const idsArgument =
		recipientsParameter(parameters) === 'notifyUserIds'
			? fromAiArgument(node, 'notifyUserIds')
			: undefined;
	requireAuthorSwitch(node, itemIndex, {
		parameter: 'notifyAll',
		label: 'Notify Everyone in the Organization',
		problem: 'an AI agent cannot notify a whole organization',
		fix: 'Switch Notify Everyone in the Organization on in the node itself (not from $fromAI), or name the recipients.',
		fixForModel: `Set it to false and name the users to notify instead${idsArgument ? ` in "${idsArgument}"` : ''}, e.g. "u1, u2". Only the workflow's author can switch on notifying everyone, in the node itself.`,
	});
	return true;
}

/** Widening switches of Add: like Notify Everyone, only the workflow's author can turn them on. */
const AUTHOR_ONLY_SWITCHES: AuthorOnlySwitch[] = [
	CREATE_SWITCHES.createOrganization,
	CREATE_SWITCHES.createDocument,
	{
		name: 'isCrossOrganizationEnabled',
		label: 'Allow Users From Other Organizations',
		problem: 'an AI agent cannot notify users of other organizations',
		fixForModel:
			"Set it to false and notify only users of this organization. Only the workflow's author can allow other organizations, in the node itself.",
	},
];

/** Refuses an item that leaves a field Velt requires empty, naming the field and how to fill it. */
function missing(
	node: INode,
	itemIndex: number,
	label: string,
	parameter: string,
	fix: string,
): never {
	throw invalidParameterError(node, itemIndex, label, 'is required but is empty', fix, {
		parameter,
	});
}

/**
 * The `data` of an add request for one item, validated: everything Velt's docs mark
 * required is there before anything is sent. `notifyAll` and `notifyUsers` (an array,
 * maybe empty) are always sent, and a notificationId is always present (the given one or `generatedId`).
 */
export function buildAddRequestBody(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	generatedId: string,
): IDataObject {
	const field = (label: string): FieldRef => ({ node, itemIndex, label });
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const data = readScope(
		parameters,
		{ organizationId: 'required', documentId: 'optional' },
		node,
		itemIndex,
	);
	if (data.documentId === undefined) {
		missing(
			node,
			itemIndex,
			'Document',
			'documentId',
			'Enter the ID of the Velt document the notification belongs to, or map one from a previous node.',
		);
	}
	const content = readFieldValues(parameters as IDataObject, TOP_LEVEL_FIELDS, node, itemIndex);
	if (content.actionUser === undefined) {
		missing(
			node,
			itemIndex,
			'Action User',
			'actionUser',
			'Add the user who caused the notification (at least their User ID) under Action User.',
		);
	}

	const notifyUsers = readRecipients(parameters, node, itemIndex);
	const notifyAll = readNotifyAll(parameters, node, itemIndex);
	if (notifyUsers.length === 0 && !notifyAll) {
		if (isToolNode(node)) {
			const parameter = recipientsParameter(parameters);
			throw invalidParameterError(
				node,
				itemIndex,
				recipientsLabel(parameters),
				'no users to notify',
				undefined,
				{
					parameter,
					fix: 'Give the IDs of the users to notify, e.g. "u1, u2". This tool cannot notify a whole organization.',
				},
			);
		}
		throw invalidParameterError(
			node,
			itemIndex,
			recipientsLabel(parameters),
			'no users to notify, and Notify Everyone in the Organization is off',
			'Add at least one recipient (or map a list of users or user IDs), or switch on Notify Everyone in the Organization.',
		);
	}

	const headline = optionalString(parameters.displayHeadlineMessageTemplate);
	const resolverUsed = extra.isNotificationResolverUsed === true;
	if (!resolverUsed) {
		const resolverHint = `, or switch on ${RESOLVER_LABEL} under Additional Fields when your resolver provides the content.`;
		if (headline === undefined)
			missing(
				node,
				itemIndex,
				'Headline',
				'displayHeadlineMessageTemplate',
				`Enter the headline of the notification${resolverHint}`,
			);
		if (content.displayBodyMessage === undefined)
			missing(
				node,
				itemIndex,
				'Body',
				'displayBodyMessage',
				`Enter the text under the headline${resolverHint}`,
			);
	}
	guardAuthorSwitches(extra, AUTHOR_ONLY_SWITCHES, node, itemIndex);
	Object.assign(data, content, readFieldValues(extra, additionalFieldOptions, node, itemIndex));
	const givenId = optionalString(extra.notificationId);
	if (givenId !== undefined && !NOTIFICATION_ID_PATTERN.test(givenId)) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Notification ID',
			`"${givenId}" contains characters Velt does not allow`,
			'Use only letters, digits, _ and -, or leave it empty to have one generated.',
			{ parameter: 'additionalFields.notificationId' },
		);
	}
	data.notificationId = givenId ?? generatedId;
	if (headline !== undefined) data.displayHeadlineMessageTemplate = headline;
	// Required by the docs even when everyone is notified: then it is empty.
	data.notifyUsers = notifyUsers;
	data.notifyAll = notifyAll;
	if (extra.notificationSource !== undefined && extra.notificationSource !== '') {
		data.notificationSource = assertOneOf(
			extra.notificationSource,
			NOTIFICATION_SOURCES,
			field('Notification Source'),
		);
	} else if (resolverUsed) {
		// Velt routes only "custom" notifications to the resolver (https://docs.velt.dev/self-host-data/notifications).
		data.notificationSource = RESOLVER_NOTIFICATION_SOURCE;
	}
	return data;
}

export const execute = perItemExecutor({
	properties,
	send: sendOneCall(ENDPOINTS.addNotification),
	prepare: (parameters, node, itemIndex, context) => {
		const generatedId = generatedIdOf(context, node, itemIndex);
		return buildAddRequestBody(parameters, node, itemIndex, generatedId);
	},
	toOutcome: ({ data, message }, sent) => {
		const answer = (data ?? {}) as IDataObject;
		return {
			json: {
				success: answer.success !== false,
				notificationId: sent.notificationId,
				organizationId: sent.organizationId,
				...(sent.documentId !== undefined ? { documentId: sent.documentId } : {}),
				message: answer.message ?? message ?? 'Notification added.',
			},
		};
	},
});
