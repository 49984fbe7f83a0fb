import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { invalidParameterError } from './errors';
import { isLiterallyTrue, isModelGiven, isToolNode, savedParameter } from './toolRun';

// The author-only rules of a tool run: what a model may not set, and how it is refused.

/** How a guarded input is refused: in the editor's terms and in the model's. */
export interface AuthorOnly {
	/** Where the parameter sits, e.g. "additionalFields.createOrganization". */
	parameter: string;
	label: string;
	/** What a model may not do, e.g. "an AI agent cannot create organizations". */
	problem: string;
	/** The fix for the workflow's author. */
	fix: string;
	/** The fix for the model: what to send instead. */
	fixForModel: string;
}

function refusal(node: INode, itemIndex: number, rule: AuthorOnly): NodeOperationError {
	return invalidParameterError(node, itemIndex, rule.label, rule.problem, rule.fix, {
		parameter: rule.parameter,
		fix: rule.fixForModel,
	});
}

/**
 * The one rule for destructive or widening switches (Notify Everyone, Create Organization,
 * ...): a switch that resolved to true takes effect only when the workflow author saved it as a
 * literal true. From $fromAI, or from any expression in a tool, it is refused.
 */
export function requireAuthorSwitch(node: INode, itemIndex: number, rule: AuthorOnly): void {
	if (isLiterallyTrue(node, rule.parameter)) return;
	if (isToolNode(node) || isModelGiven(node, rule.parameter)) {
		throw refusal(node, itemIndex, rule);
	}
}

/**
 * The same rule for a widening choice made by several parameters together (Delete without
 * IDs: the IDs left empty and the filter): refused when a model may have set any of them.
 */
export function requireAuthorLiterals(
	node: INode,
	itemIndex: number,
	parameters: readonly string[],
	rule: AuthorOnly,
): void {
	if (parameters.some((path) => isModelGiven(node, path))) throw refusal(node, itemIndex, rule);
}

/**
 * A wide choice (every thread matching the filters) that a tool run must narrow by something
 * the author set: refused when nothing does. n8n drops a collection saved as one expression
 * (it reads the text as an empty collection), so in a tool empty filters may be a model's.
 */
export function requireNarrowedInTool(
	node: INode,
	itemIndex: number,
	narrowed: boolean,
	rule: AuthorOnly,
): void {
	if (isToolNode(node) && !narrowed) throw refusal(node, itemIndex, rule);
}

/**
 * Recipients a model gave are plain user IDs: a user object would let it attach any name or
 * email to a user ID. `entries` are the list's items before they become users.
 */
export function requirePlainUserIds(
	node: INode,
	itemIndex: number,
	parameter: string,
	label: string,
	entries: readonly unknown[],
): void {
	if (!isModelGiven(node, parameter)) return;
	const position = entries.findIndex((entry) => typeof entry === 'object' && entry !== null);
	if (position === -1) return;
	throw refusal(node, itemIndex, {
		parameter,
		label: `${label} #${position + 1}`,
		problem: 'a user object is not accepted from an AI agent, only user IDs',
		fix: 'Map only user IDs here, or build the users (name, email) in the node itself.',
		fixForModel:
			'Give only the IDs of the users, e.g. "u1, u2"; their names and emails come from the app.',
	});
}

/** An author-built user (Using Fields Below) whose name, email or other field a model may fill. */
export function requireAuthorUserFields(
	node: INode,
	itemIndex: number,
	parameter: string,
	label: string,
	position: number,
): void {
	const raw = savedParameter(node, parameter);
	if (typeof raw !== 'object' || raw === null) return;
	const modelFilled = Object.keys(raw).some(
		(key) => key !== 'userId' && isModelGiven(node, `${parameter}.${key}`),
	);
	if (!modelFilled) return;
	throw refusal(node, itemIndex, {
		parameter,
		label: `${label} #${position + 1}`,
		problem: 'an AI agent can give only the user ID of a recipient, not a name or email',
		fix: 'Leave Name and Email without $fromAI or expressions in a tool, or fill only User ID.',
		fixForModel: 'Give only the IDs of the users, e.g. "u1, u2".',
	});
}

/** The fields of a user a model may set besides userId: how the user is shown, nothing more. */
export const MODEL_USER_FIELDS = ['name', 'photoUrl', 'color', 'textColor', 'initial'] as const;

/** What a refused user field is called, for the author and for the model. */
export interface UserFieldRule {
	problem: (key: string) => string;
	fix: string;
	fixForModel: string;
}

/** A user field a model may not set (email, role, admin flag, organization, unknown fields). */
export const MODEL_USER_FIELD_RULE: UserFieldRule = {
	problem: (key) => `an AI agent cannot set "${key}" of a user`,
	fix: 'Set this field in the node itself, without $fromAI (or, in a tool, an expression).',
	fixForModel:
		"Leave it out: only the workflow's author sets a user's email, role and other fields, in the node itself.",
};

/**
 * A user a model may have filled (the user object under `parameter`, or its fields one by one):
 * any field besides userId and `allowed` that a model may have set is refused. Contacts
 * (email), roles, admin flags and other organizations come from the author.
 */
export function requireModelUserFields(
	node: INode,
	itemIndex: number,
	target: { parameter: string; label: string; user: IDataObject; allowed: readonly string[] },
	rule: UserFieldRule,
): void {
	for (const key of Object.keys(target.user)) {
		if (key === 'userId' || target.allowed.includes(key)) continue;
		const parameter = `${target.parameter}.${key}`;
		if (!isModelGiven(node, parameter)) continue;
		throw refusal(node, itemIndex, {
			parameter,
			label: target.label,
			problem: rule.problem(key),
			fix: rule.fix,
			fixForModel: rule.fixForModel,
		});
	}
}

/** Characters that would start markup in a comment's HTML or end its {{userId}} tag. */
const MARKUP = /[<>"'`&{}]/;

/** A user ID a model gave: refused when it could carry markup into what the node builds. */
export function requireModelUserId(
	node: INode,
	itemIndex: number,
	parameter: string,
	label: string,
	userId: string,
): void {
	if (!MARKUP.test(userId) || !isModelGiven(node, parameter)) return;
	throw refusal(node, itemIndex, {
		parameter,
		label,
		problem: "is not a user ID: an AI agent's IDs cannot hold < > \" ' ` & { }",
		fix: 'Map a user ID without markup characters here.',
		fixForModel: 'Give the user ID exactly as the app lists it, e.g. "u1".',
	});
}

/** A single user (assignee, author) a model gave: only as a user ID, never an object with contacts. */
export function requireModelUserIdOnly(
	node: INode,
	itemIndex: number,
	parameter: string,
	label: string,
	value: unknown,
): void {
	if (!isModelGiven(node, parameter)) return;
	const isObject =
		(typeof value === 'object' && value !== null) ||
		(typeof value === 'string' && /^\s*[[{]/.test(value));
	if (!isObject) {
		if (typeof value === 'string' || typeof value === 'number')
			requireModelUserId(node, itemIndex, parameter, label, String(value).trim());
		return;
	}
	throw refusal(node, itemIndex, {
		parameter,
		label,
		problem: 'a user object is not accepted from an AI agent, only a user ID',
		fix: "Map only a user ID here, or give the user's name and email in the node itself.",
		fixForModel: 'Give only the ID of the user, e.g. "u2"; names and emails come from the app.',
	});
}

/**
 * The organization an item acts in is the author's: in a tool run (or from $fromAI) a value
 * the model may have given is refused, so a model never reaches another organization.
 */
export function requireAuthorOrganization(node: INode, itemIndex: number, parameter: string): void {
	if (!isModelGiven(node, parameter)) return;
	throw refusal(node, itemIndex, {
		parameter,
		label: 'Organization',
		problem: 'an AI agent cannot choose the organization',
		fix: 'Set the organization in the node itself, without $fromAI or an expression.',
		fixForModel: "Leave the organization out: it is the workflow author's, set in the node itself.",
	});
}
