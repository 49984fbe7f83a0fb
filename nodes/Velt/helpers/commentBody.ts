import type { IDataObject, INode } from 'n8n-workflow';
import { readCreateSwitches } from '../../shared/createSwitches';
import { invalidParameterError } from '../../shared/errors';
import type { ItemParameters } from '../../shared/execution/operationSetup';
import type { VeltUser, FieldRef } from '../../shared/parameters';
import {
	requireNonEmptyString,
	field,
	optionalJsonObject,
	optionalString,
	parseUser,
	dropEmpty,
	optionalJsonArray,
	userListEntries,
	parseJsonObject,
	optionalInteger,
} from '../../shared/parameters';
import { locatorValue } from '../../shared/resourceLocator';
import type { UserFieldRule } from '../../shared/tool';
import {
	requireModelUserFields,
	MODEL_USER_FIELDS,
	MODEL_USER_FIELD_RULE,
	requireModelUserId,
} from '../../shared/tool';
import { isModelGiven } from '../../shared/toolRun';

// A comment's body, author, mentions and agent, as a thread's first comment (Comment Thread >
// Create), a reply (Comment > Add) and an edit (Comment > Update) take them.
// https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/add-comment-annotations
// https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comments/add-comments

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
	if (more !== undefined) {
		requireModelUserFields(
			node,
			itemIndex,
			{
				parameter: 'additionalFields.authorJson',
				label: 'Author Fields (JSON)',
				user: more,
				allowed: MODEL_USER_FIELDS,
			},
			MODEL_USER_FIELD_RULE,
		);
	}
	if (optionalString(extra.authorEmail) !== undefined) {
		requireModelUserFields(
			node,
			itemIndex,
			{
				parameter: 'additionalFields',
				label: 'Author Email',
				user: { authorEmail: extra.authorEmail },
				allowed: [],
			},
			{ ...MODEL_USER_FIELD_RULE, problem: () => 'an AI agent cannot set the email of a user' },
		);
	}
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

/** A mention as given, and where: a model may have chosen its user when `fromModel`. */
interface GivenMention {
	user: VeltUser;
	fromModel: boolean;
	label: string;
	parameter: string;
}

const MENTION_RULE: UserFieldRule = {
	problem: () =>
		'an AI agent can give only the user IDs of mentioned users, not a name, email or contact',
	fix: 'Map only user IDs here, or give the names and emails of mentioned users in the node itself.',
	fixForModel:
		'Give only the IDs of the users to mention, e.g. ["u1", "u2"]; their names and emails come from the app.',
};

/** The Mentions list (fixedCollection): each user's fields are the author's unless a model fills them. */
function listedMentions(
	extra: IDataObject,
	node: INode,
	itemIndex: number,
	prefix: string,
): GivenMention[] {
	const listed = ((extra.mentions as IDataObject | undefined)?.users ?? []) as IDataObject[];
	const ref = field(node, itemIndex, 'Mentions', `${prefix}.mentions`);
	return listed.map((entry, position) => {
		const parameter = `${prefix}.mentions.users.${position}`;
		const label = `Mentions #${position + 1}`;
		const user = parseUser(dropEmpty(entry), ref, position);
		requireModelUserFields(node, itemIndex, { parameter, label, user, allowed: [] }, MENTION_RULE);
		requireModelUserId(node, itemIndex, `${parameter}.userId`, label, user.userId);
		return {
			user,
			fromModel: isModelGiven(node, `${parameter}.userId`),
			label,
			parameter: `${parameter}.userId`,
		};
	});
}

/** Mentions (JSON): from the author any user objects; from a model plain user IDs only. */
function jsonMentions(
	extra: IDataObject,
	node: INode,
	itemIndex: number,
	prefix: string,
): GivenMention[] {
	const parameter = `${prefix}.mentionsJson`;
	const ref = field(node, itemIndex, 'Mentions (JSON)', parameter);
	if (!isModelGiven(node, parameter)) {
		const fromJson = optionalJsonArray(extra.mentionsJson, ref) ?? [];
		return fromJson.map((entry, position) => {
			// A taggedUserContacts entry given as is: {userId, contact: {...}}.
			const flat =
				typeof entry.contact === 'object' && entry.contact !== null
					? {
							...(entry.contact as IDataObject),
							userId: entry.userId ?? (entry.contact as IDataObject).userId,
						}
					: entry;
			const user = parseUser(flat, ref, position);
			return { user, fromModel: false, label: `Mentions (JSON) #${position + 1}`, parameter };
		});
	}
	// From a model: IDs ("u1, u2", ["u1"]) or objects that carry nothing but a userId.
	return userListEntries(extra.mentionsJson, ref).map((entry, position) => {
		const label = `Mentions (JSON) #${position + 1}`;
		const user = parseUser(entry, ref, position);
		if (typeof entry === 'object' && entry !== null) {
			requireModelUserFields(
				node,
				itemIndex,
				{ parameter, label, user: entry as IDataObject, allowed: [] },
				MENTION_RULE,
			);
		}
		requireModelUserId(node, itemIndex, parameter, label, user.userId);
		return { user, fromModel: true, label, parameter };
	});
}

/**
 * taggedUserContacts from Mentions and Mentions (JSON). A thread's first comment takes
 * {userId, contact}; comments/add and update require {text, userId, contact:{userId, name, email}},
 * so there a mention without name or email is refused rather than sent half-built. A model
 * gives only user IDs: a contact is the author's, never the model's.
 */
export function readMentions(
	extra: IDataObject,
	node: INode,
	itemIndex: number,
	shape: MentionShape,
	prefix = 'additionalFields',
): IDataObject[] {
	const given = [
		...listedMentions(extra, node, itemIndex, prefix),
		...jsonMentions(extra, node, itemIndex, prefix),
	];
	const seen = new Set<string>();
	return given
		.filter(({ user }) => !seen.has(user.userId) && seen.add(user.userId))
		.map(({ user, fromModel, label, parameter }, position) => {
			const contact = dropEmpty({ userId: user.userId, name: user.name, email: user.email });
			if (shape === 'annotation') return { userId: user.userId, contact };
			if (contact.name === undefined || contact.email === undefined) {
				if (fromModel) {
					throw invalidParameterError(
						node,
						itemIndex,
						label,
						"a mention in a reply needs the user's name and email, which Velt requires and an AI agent cannot give",
						'Give the mentioned users with their name and email under Mentions in the node itself (the User ID may come from the model), or let the agent mention users when it creates a thread (Comment Thread > Create needs only user IDs).',
						{
							parameter,
							fix: 'Leave mentions out of replies and write the name in the text instead; this tool can mention users only when it creates a thread.',
						},
					);
				}
				throw invalidParameterError(
					node,
					itemIndex,
					`Mentions #${position + 1}`,
					`user "${user.userId}" has no ${contact.name === undefined ? 'name' : 'email'}, which Velt requires for a mention in a reply`,
					'Give the name and the email of every mentioned user.',
					{ parameter: `${prefix}.mentions` },
				);
			}
			return { text: `@${String(contact.name)}`, userId: user.userId, contact };
		});
}

/** Text safe inside HTML: an id in a {{tag}} must not open markup in the comment HTML. */
function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Adds the {{userId}} tag of every mention the text does not carry yet, so each mention shows. */
export function withMentionTags(
	text: string | undefined,
	mentions: IDataObject[],
	html: boolean,
): string | undefined {
	if (text === undefined) return undefined;
	const missing = mentions
		.map((mention) => `{{${html ? escapeHtml(String(mention.userId)) : String(mention.userId)}}}`)
		.filter((tag) => !text.includes(tag));
	if (missing.length === 0) return text;
	return html ? `${text}<p>${missing.join(' ')}</p>` : `${text} ${missing.join(' ')}`;
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

export interface NewComment {
	/** One entry of commentData. */
	comment: IDataObject;
	/** createOrganization / createDocument / verifyUserPermissions, for the request. */
	switches: IDataObject;
}

/** A new comment of one item: its content (required), author, own commentId and agent. */
export function readNewComment(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	shape: MentionShape,
): NewComment {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const ref = (label: string, name: string) =>
		field(node, itemIndex, label, `additionalFields.${name}`);
	const comment: IDataObject = {
		...readCommentContent(
			parameters.commentText,
			parameters.commentHtml,
			extra,
			node,
			itemIndex,
			shape,
			{
				required: true,
			},
		),
		from: readAuthor(parameters.userId, extra, node, itemIndex),
	};
	const commentId = optionalInteger(extra.commentId, ref('Comment ID', 'commentId'));
	if (commentId !== undefined && commentId !== 0) comment.commentId = commentId;
	const agent = readAgent(extra.agent, ref('Agent (JSON)', 'agent'));
	if (agent !== undefined) comment.agent = agent;
	const switches = readCreateSwitches(
		extra,
		['createOrganization', 'createDocument'],
		node,
		itemIndex,
	);
	if (extra.verifyUserPermissions === true) switches.verifyUserPermissions = true;
	return { comment, switches };
}
