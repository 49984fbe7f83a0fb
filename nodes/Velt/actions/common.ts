import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../shared/errors';
import type { ItemParameters, OperationRun } from '../../shared/execution/operationSetup';
import {
	dropEmpty,
	type FieldRef,
	optionalString,
	parseIdList,
	parseJsonObject,
	parseJsonValue,
	parseUser,
	requireNonEmptyString,
	type VeltUser,
} from '../../shared/parameters';
import { locatorValue } from '../../shared/resourceLocator';
import { documentIdField, organizationIdField, userIdField } from '../../shared/descriptions';
import type { CollaborationEndpoint, VeltResult } from '../../shared/transport';
import { sendVeltRequest } from '../../shared/transport';
import { isModelGiven, requireAuthorSwitch } from '../../shared/tool';

// Helpers every comment operation of the Velt node shares. Kept here, not in nodes/shared,
// so the Velt Notifications node stays untouched.

export {
	perItemExecutionOptions,
	readLimitOptions,
	sortedByDisplayName,
} from '../../shared/execution/options.descriptions';

/** Where the Velt Trigger (advanced webhooks) puts the ids, for the field descriptions. */
export const FROM_TRIGGER = {
	organizationId: '{{ $json.data.metadata.organization.organizationId }}',
	documentId: '{{ $json.data.metadata.documentMetadata.documentId }}',
	annotationId: '{{ $json.data.commentAnnotation.annotationId }}',
	commentId: '{{ $json.data.targetComment.commentId }}',
	userId: '{{ $json.data.actionUser.userId }}',
};

export function organizationField(description: string, required = true): INodeProperties {
	return {
		...organizationIdField,
		required,
		description: `${description}. From the Velt Trigger map ${FROM_TRIGGER.organizationId}.`,
	};
}

export function documentField(description: string, required = true): INodeProperties {
	return {
		...documentIdField,
		required,
		description: `${description}. From the Velt Trigger map ${FROM_TRIGGER.documentId}.`,
	};
}

export const annotationIdField: INodeProperties = {
	displayName: 'Comment Thread ID',
	name: 'annotationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. -O0mpUziLcBwzREvZKs6',
	description: `The ID of the comment thread (Velt's annotationId). From the Velt Trigger map ${FROM_TRIGGER.annotationId}.`,
};

export const annotationIdsField: INodeProperties = {
	displayName: 'Comment Thread IDs',
	name: 'annotationIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. -O0mpUziLcBwzREvZKs6, -O0mpVbc',
	description: `Comment thread IDs (annotationId) separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.annotationId}.`,
};

export const authorField: INodeProperties = {
	...userIdField,
	displayName: 'Author',
	name: 'userId',
	required: true,
	description: `The user who writes the comment, by the ID your app gives them in Velt. Name and email go under Additional Fields. From the Velt Trigger map ${FROM_TRIGGER.userId}.`,
};

export const commentTextField: INodeProperties = {
	displayName: 'Comment Text',
	name: 'commentText',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. Ticket opened: https://tickets.example.com/42',
	description:
		'The comment as plain text. Mention a user by writing {{userId}} (e.g. {{user_sarah_chen}}) and adding them under Mentions. Give the text, the HTML or both.',
};

export const commentHtmlField: INodeProperties = {
	displayName: 'Comment HTML',
	name: 'commentHtml',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. <p>Ticket opened: <a href="https://tickets.example.com/42">#42</a></p>',
	description: 'The comment as HTML, shown instead of the text where Velt renders HTML',
};

/** Author details and the comment fields both Create (first comment) and Add take. */
export const authorDetailFields: INodeProperties[] = [
	{ displayName: 'Author Name', name: 'authorName', type: 'string', default: '' },
	{
		displayName: 'Author Email',
		name: 'authorEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Author Fields (JSON)',
		name: 'authorJson',
		type: 'json',
		default: '{}',
		description:
			'Other fields of the author as Velt users have them, e.g. {"photoUrl": "https://…", "color": "#625DF5", "accessRole": "editor"}',
	},
];

export const mentionFields: INodeProperties[] = [
	{
		displayName: 'Mentions',
		name: 'mentions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Mention',
		description:
			"Users to @mention (Velt's taggedUserContacts). A mention whose {{userId}} tag is not in the text is added at its end.",
		options: [
			{
				displayName: 'User',
				name: 'users',
				values: [
					{
						displayName: 'User ID',
						name: 'userId',
						type: 'string',
						required: true,
						default: '',
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Mentions (JSON)',
		name: 'mentionsJson',
		type: 'json',
		default: '[]',
		description:
			'More users to @mention, e.g. from an expression: [{"userId": "u1", "name": "Ana", "email": "ana@example.com"}]',
	},
];

export function jsonField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

export const contextField = jsonField(
	'Context',
	'context',
	'Custom data and access context, e.g. {"access": {"dashboardId": "sales"}}',
);

export function field(node: INode, itemIndex: number, label: string, parameter?: string): FieldRef {
	return { node, itemIndex, label, parameter };
}

/** organizationId and documentId of one item; a picker nested in a collection arrives as a locator. */
export function readScope(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	options: {
		organization?: 'required' | 'optional';
		document?: 'required' | 'optional' | 'none';
	} = {},
): IDataObject {
	const scope: IDataObject = {};
	const organization = optionalString(locatorValue(parameters.organizationId));
	if (options.organization === 'optional') {
		if (organization !== undefined) scope.organizationId = organization;
	} else {
		scope.organizationId = requireNonEmptyString(
			locatorValue(parameters.organizationId),
			field(node, itemIndex, 'Organization', 'organizationId'),
		);
	}
	const documentMode = options.document ?? 'required';
	if (documentMode === 'required') {
		scope.documentId = requireNonEmptyString(
			locatorValue(parameters.documentId),
			field(node, itemIndex, 'Document', 'documentId'),
		);
	} else if (documentMode === 'optional') {
		const document = optionalString(locatorValue(parameters.documentId));
		if (document !== undefined) scope.documentId = document;
	}
	return scope;
}

export function readAnnotationId(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): string {
	const id = requireNonEmptyString(
		parameters.annotationId,
		field(node, itemIndex, 'Comment Thread ID', 'annotationId'),
	);
	if (id.includes(':')) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment Thread ID',
			`"${id}" contains ":", which Velt does not allow in an annotationId`,
			'Use an ID without ":".',
			{ parameter: 'annotationId' },
		);
	}
	return id;
}

/** Distinct ids, at most `max` when given (Velt's "≤30" filters). */
export function readIdList(value: unknown, ref: FieldRef, max?: number): string[] {
	const ids = [...new Set(parseIdList(value, ref))];
	if (max !== undefined && ids.length > max) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			`has ${ids.length} IDs, but Velt takes at most ${max} in one call`,
			`Give at most ${max}, or split the list over several items.`,
			{ parameter: ref.parameter },
		);
	}
	return ids;
}

/** Comment ids are numbers in Velt (e.g. 153783). */
export function readCommentIds(value: unknown, ref: FieldRef): number[] {
	return [...new Set(parseIdList(value, ref))].map((text) => {
		const id = Number(text);
		if (!Number.isSafeInteger(id) || id < 0) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				ref.label,
				`"${text}" is not a comment ID (comment IDs are whole numbers, e.g. 153783)`,
				'Give comment IDs as numbers separated by commas, e.g. from Get Many or the Velt Trigger.',
				{ parameter: ref.parameter },
			);
		}
		return id;
	});
}

/** A whole number or undefined when empty (timestamps in ms, occurrences). */
export function optionalInteger(value: unknown, ref: FieldRef): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isSafeInteger(number)) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			`must be a whole number, got ${JSON.stringify(value)}`,
			'Give a number, e.g. a time in milliseconds since 1970 such as 1720441573192.',
			{ parameter: ref.parameter },
		);
	}
	return number;
}

/** A timestamp in ms given as a number or a date (n8n's dateTime fields give ISO text). */
export function optionalTimestamp(value: unknown, ref: FieldRef): number | undefined {
	if (typeof value === 'string' && value.trim() !== '' && !/^\d+$/.test(value.trim())) {
		const time = Date.parse(value);
		if (Number.isNaN(time)) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				ref.label,
				`"${value}" is not a date`,
				'Give a date such as 2026-01-31T09:00:00Z or a time in milliseconds.',
				{ parameter: ref.parameter },
			);
		}
		return time;
	}
	return optionalInteger(value, ref);
}

export function optionalJsonObject(value: unknown, ref: FieldRef): IDataObject | undefined {
	const object = parseJsonObject(value, ref);
	return object === undefined || Object.keys(object).length === 0 ? undefined : object;
}

/** A JSON array (of objects), empty or unset meaning none. */
export function optionalJsonArray(value: unknown, ref: FieldRef): IDataObject[] | undefined {
	const parsed = parseJsonValue(value, ref);
	if (parsed === undefined) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	list.forEach((entry, position) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				`${ref.label} #${position + 1}`,
				'must be a JSON object',
				'Give an array of objects.',
				{ parameter: ref.parameter },
			);
		}
	});
	return list.length === 0 ? undefined : (list as IDataObject[]);
}

/** The comment's author: the picked user, with name, email and other fields from Additional Fields. */
export function readAuthor(
	userId: unknown,
	extra: IDataObject,
	node: INode,
	itemIndex: number,
	label = 'Author',
): VeltUser {
	const id = requireNonEmptyString(locatorValue(userId), field(node, itemIndex, label, 'userId'));
	const more = optionalJsonObject(
		extra.authorJson,
		field(node, itemIndex, 'Author Fields (JSON)', 'additionalFields.authorJson'),
	);
	return parseUser(
		dropEmpty({
			...(more ?? {}),
			userId: id,
			name: optionalString(extra.authorName) ?? more?.name,
			email: optionalString(extra.authorEmail) ?? more?.email,
		}),
		field(node, itemIndex, label),
	);
}

export type MentionShape = 'annotation' | 'comment';

/**
 * taggedUserContacts from Mentions and Mentions (JSON). A thread's first comment takes
 * {userId, contact}; comments/add and update require {text, userId, contact:{userId, name, email}},
 * so there a mention without name or email is refused rather than sent half-built.
 */
export function readMentions(
	extra: IDataObject,
	node: INode,
	itemIndex: number,
	shape: MentionShape,
	prefix = 'additionalFields',
): IDataObject[] {
	const listed = ((extra.mentions as IDataObject | undefined)?.users ?? []) as IDataObject[];
	const jsonRef = field(node, itemIndex, 'Mentions (JSON)', `${prefix}.mentionsJson`);
	const fromJson = optionalJsonArray(extra.mentionsJson, jsonRef) ?? [];
	const ref = field(node, itemIndex, 'Mentions', `${prefix}.mentions`);
	const users = [...listed.map((user) => dropEmpty(user)), ...fromJson].map((entry, position) => {
		// A taggedUserContacts entry given as is: {userId, contact: {...}}.
		const flat =
			typeof entry.contact === 'object' && entry.contact !== null
				? {
						...(entry.contact as IDataObject),
						userId: entry.userId ?? (entry.contact as IDataObject).userId,
					}
				: entry;
		return parseUser(flat, ref, position);
	});
	const seen = new Set<string>();
	return users
		.filter((user) => !seen.has(user.userId) && seen.add(user.userId))
		.map((user, position) => {
			const contact = dropEmpty({ userId: user.userId, name: user.name, email: user.email });
			if (shape === 'annotation') return { userId: user.userId, contact };
			if (contact.name === undefined || contact.email === undefined) {
				throw invalidParameterError(
					node,
					itemIndex,
					`Mentions #${position + 1}`,
					`user "${user.userId}" has no ${contact.name === undefined ? 'name' : 'email'}, which Velt requires for a mention in a reply`,
					'Give the name and the email of every mentioned user.',
					{ parameter: ref.parameter },
				);
			}
			return { text: `@${String(contact.name)}`, userId: user.userId, contact };
		});
}

/** Adds the {{userId}} tag of every mention the text does not carry yet, so each mention shows. */
export function withMentionTags(
	text: string | undefined,
	mentions: IDataObject[],
	html: boolean,
): string | undefined {
	if (text === undefined) return undefined;
	const missing = mentions
		.map((mention) => `{{${String(mention.userId)}}}`)
		.filter((tag) => !text.includes(tag));
	if (missing.length === 0) return text;
	return html ? `${text}<p>${missing.join(' ')}</p>` : `${text} ${missing.join(' ')}`;
}

/** Whether a model may have filled a parameter: used to keep author-only switches literal. */
export { isModelGiven };

export function requireLimit(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): number | undefined {
	if (parameters.returnAll === true) return undefined;
	const limit = Number(parameters.limit);
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Limit',
			`must be a whole number of at least 1, got ${String(parameters.limit)}`,
			undefined,
			{ parameter: 'limit' },
		);
	}
	return limit;
}

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** One call with the item's `data`; only calls that are harmless twice are retried. */
export function sendCall(endpoint: CollaborationEndpoint, idempotent: boolean) {
	return async function (
		this: IExecuteFunctions,
		data: IDataObject,
		run: OperationRun,
	): Promise<VeltResult<unknown>> {
		return await sendVeltRequest.call(this, run.connection, endpoint, data, {
			policy: run.options.policy,
			idempotent,
		});
	};
}

/** Velt's per-id answer maps ({<id>: {success, id, message}}) as one list. */
export function resultEntries(data: unknown): IDataObject[] {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
	return Object.entries(data as IDataObject).map(([key, value]) => {
		const entry = (typeof value === 'object' && value !== null ? value : {}) as IDataObject;
		return { ...entry, id: entry.id ?? key };
	});
}

/** The per-id answer as n8n outputs a write: every entry, and which succeeded. */
export function writeSummary(data: unknown, verb: 'updated' | 'deleted'): IDataObject {
	const results = resultEntries(data);
	const succeeded = results.filter((entry) => entry.success !== false).map((entry) => entry.id);
	const failed = results.filter((entry) => entry.success === false).map((entry) => entry.id);
	return {
		[verb]: failed.length === 0,
		[`${verb}Ids`]: succeeded,
		[`${verb}Count`]: succeeded.length,
		...(failed.length > 0 ? { failedIds: failed } : {}),
		results,
	};
}

/** Comment fields Create (first comment), Add and Update read alike. */
export function readCommentContent(
	text: unknown,
	html: unknown,
	extra: IDataObject,
	node: INode,
	itemIndex: number,
	shape: MentionShape,
	options: { required: boolean; prefix?: string },
): IDataObject {
	const prefix = options.prefix ?? 'additionalFields';
	const mentions = readMentions(extra, node, itemIndex, shape, prefix);
	const content: IDataObject = {};
	const commentText = withMentionTags(optionalString(text), mentions, false);
	const commentHtml = withMentionTags(optionalString(html), mentions, true);
	if (commentText !== undefined) content.commentText = commentText;
	if (commentHtml !== undefined) content.commentHtml = commentHtml;
	if (mentions.length > 0) {
		if (commentText === undefined && commentHtml === undefined) {
			content.commentText = withMentionTags('', mentions, false)?.trim();
		}
		content.taggedUserContacts = mentions;
	}
	const attachments = optionalJsonArray(
		extra.attachments,
		field(node, itemIndex, 'Attachments (JSON)', `${prefix}.attachments`),
	);
	if (attachments !== undefined) content.attachments = attachments;
	if (
		options.required &&
		content.commentText === undefined &&
		content.commentHtml === undefined &&
		attachments === undefined
	) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment Text',
			'is empty, and so is Comment HTML',
			'Write the comment as text or HTML, or map it from a previous node.',
			{ parameter: 'commentText', fix: 'Give the text of the comment.' },
		);
	}
	for (const [name, label] of [
		['isCommentResolverUsed', 'Content From Comment Resolver'],
		['isCommentTextAvailable', 'Comment Text Available'],
	] as const) {
		if (typeof extra[name] === 'boolean') content[name] = extra[name];
		else if (extra[name] !== undefined) {
			throw invalidParameterError(node, itemIndex, label, 'must be true or false', undefined, {
				parameter: `${prefix}.${name}`,
			});
		}
	}
	// Added under the fields, even {} is sent: the docs' attachments example sends context {}.
	const context = parseJsonObject(
		extra.commentContext,
		field(node, itemIndex, 'Comment Context', `${prefix}.commentContext`),
	);
	if (context !== undefined) content.context = context;
	return content;
}

export const commentOptionFields: INodeProperties[] = [
	{
		displayName: 'Comment Context',
		name: 'commentContext',
		type: 'json',
		default: '{}',
		description: 'Custom data stored with the comment, as a JSON object',
	},
	{
		displayName: 'Content From Comment Resolver',
		name: 'isCommentResolverUsed',
		type: 'boolean',
		default: false,
		description: 'Whether the comment content comes from your comment resolver (self-hosted data)',
	},
	{
		displayName: 'Comment Text Available',
		name: 'isCommentTextAvailable',
		type: 'boolean',
		default: true,
		description: 'Whether Velt stores the comment text (off when your resolver holds it)',
	},
];

export const agentField = jsonField(
	'Agent (JSON)',
	'agent',
	'Marks the comment as written by an AI agent, e.g. {"agentSource": "external", "agentId": "a11y-bot", "agentName": "Accessibility Bot", "reason": {"title": "…", "description": "…", "severity": "high"}}',
);

const AGENT_SOURCES = ['velt', 'external'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** The agent object, checked as the docs require (agentName for external agents, reason's fields). */
export function readAgent(value: unknown, ref: FieldRef): IDataObject | undefined {
	const agent = optionalJsonObject(value, ref);
	if (agent === undefined) return undefined;
	const refuse = (problem: string): never => {
		throw invalidParameterError(ref.node, ref.itemIndex, ref.label, problem, undefined, {
			parameter: ref.parameter,
		});
	};
	if (!AGENT_SOURCES.includes(agent.agentSource as string))
		refuse(`agentSource must be one of ${AGENT_SOURCES.join(', ')}`);
	if (optionalString(agent.agentId) === undefined) refuse('has no agentId');
	if (agent.agentSource === 'external' && optionalString(agent.agentName) === undefined)
		refuse('an external agent needs an agentName');
	const reason = agent.reason as IDataObject | undefined;
	if (typeof reason !== 'object' || reason === null) refuse('has no reason object');
	else {
		if (
			optionalString(reason.title) === undefined ||
			optionalString(reason.description) === undefined
		)
			refuse('reason needs a title and a description');
		if (!SEVERITIES.includes(reason.severity as string))
			refuse(`reason.severity must be one of ${SEVERITIES.join(', ')}`);
	}
	return agent;
}

/** A user given as an ID or as a JSON user object (assignee, resolver). */
export function readUserValue(value: unknown, ref: FieldRef): VeltUser | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string' && value.trim().startsWith('{'))
		return parseUser(parseJsonObject(value, ref), ref);
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return parseUser(value, ref);
}

export const createSwitchFields: INodeProperties[] = [
	{
		displayName: 'Create Document',
		name: 'createDocument',
		type: 'boolean',
		default: false,
		description: 'Whether Velt creates the document if it does not exist yet',
	},
	{
		displayName: 'Create Organization',
		name: 'createOrganization',
		type: 'boolean',
		default: false,
		description: 'Whether Velt creates the organization if it does not exist yet',
	},
	{
		displayName: 'Verify User Permissions',
		name: 'verifyUserPermissions',
		type: 'boolean',
		default: false,
		description: 'Whether Velt refuses the comment when the author has no access to the document',
	},
];

/** createOrganization / createDocument / verifyUserPermissions, the widening ones only from the author. */
export function readCreateSwitches(
	extra: IDataObject,
	node: INode,
	itemIndex: number,
): IDataObject {
	const switches: IDataObject = {};
	for (const [name, label] of [
		['createOrganization', 'Create Organization'],
		['createDocument', 'Create Document'],
	] as const) {
		if (extra[name] !== true) continue;
		requireAuthorSwitch(node, itemIndex, {
			parameter: `additionalFields.${name}`,
			label,
			problem: `an AI agent cannot ${label.toLowerCase().replace('create ', 'create a new ')}`,
			fix: `Switch ${label} on in the node itself (not from $fromAI or, in a tool, an expression).`,
			fixForModel: `Set it to false and use one that exists. Only the workflow's author can switch ${label} on.`,
		});
		switches[name] = true;
	}
	if (extra.verifyUserPermissions === true) switches.verifyUserPermissions = true;
	return switches;
}
