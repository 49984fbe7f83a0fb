import type { IDataObject, INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { invalidParameterError } from './errors';
import { requireAuthorSwitch } from './tool';
import { isModelGiven, isToolNode } from './toolRun';

// Switches that widen what a call touches (create an organization, a document, a folder;
// reach other organizations). Only the workflow's author turns them on: in a tool, a value
// from the model or an expression is refused (./tool.ts).

export interface AuthorOnlySwitch {
	name: string;
	label: string;
	/** What a model may not do, e.g. "an AI agent cannot create organizations". */
	problem: string;
	fixForModel: string;
}

function createSwitch(name: string, label: string, what: string): AuthorOnlySwitch {
	const singular = what.slice(0, -1);
	return {
		name,
		label,
		problem: `an AI agent cannot create ${what}`,
		fixForModel: `Set it to false and use ${singular === 'organization' ? 'an' : 'a'} ${singular} that exists. Only the workflow's author can let this tool create ${what}, in the node itself.`,
	};
}

export const CREATE_SWITCHES = {
	createOrganization: createSwitch('createOrganization', 'Create Organization', 'organizations'),
	createDocument: createSwitch('createDocument', 'Create Document', 'documents'),
	createFolder: createSwitch('createFolder', 'Create Folder', 'folders'),
} as const;

export type CreateSwitch = keyof typeof CREATE_SWITCHES;

export function createSwitchField(name: CreateSwitch): INodeProperties {
	const { label } = CREATE_SWITCHES[name];
	return {
		displayName: label,
		name,
		type: 'boolean',
		default: false,
		description: `Whether Velt creates the ${label.slice('Create '.length).toLowerCase()} if it does not exist yet. When the node is an AI agent's tool, only a switch set here takes effect, never a value from the model or an expression.`,
	};
}

/** Refuses an item whose author-only switch is on where a model may have set it. */
export function guardAuthorSwitches(
	extra: IDataObject,
	switches: readonly AuthorOnlySwitch[],
	node: INode,
	itemIndex: number,
	prefix = 'additionalFields.',
): void {
	for (const { name, label, problem, fixForModel } of switches) {
		if (extra[name] !== true) continue;
		requireAuthorSwitch(node, itemIndex, {
			parameter: `${prefix}${name}`,
			label,
			problem,
			fix: `Switch ${label} on in the node itself (not from $fromAI or, in a tool, an expression).`,
			fixForModel,
		});
	}
}

/** The create switches that are on, as Velt takes them, after guardAuthorSwitches. */
export function readCreateSwitches(
	extra: IDataObject,
	names: readonly CreateSwitch[],
	node: INode,
	itemIndex: number,
): IDataObject {
	const switches = names.map((name) => CREATE_SWITCHES[name]);
	guardAuthorSwitches(extra, switches, node, itemIndex);
	return Object.fromEntries(
		names.filter((name) => extra[name] === true).map((name) => [name, true]),
	);
}

// Adding users to an organization, document, folder or group widens who can read: in a tool
// only an author's literal switch allows it, and the role of users added then is the author's.

export const ALLOW_TOOL_ADD_USERS = 'allowToolAddUsers';
const ALLOW_LABEL = 'Allow Adding Users as a Tool';

/** An author-only action of a tool (add users, delete, ...): its switch, off by default. */
export interface ToolSwitch {
	name: string;
	label: string;
	/** What it allows, e.g. "add or change users". */
	what: string;
}

export function toolSwitchField({ name, label, what }: ToolSwitch): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'boolean',
		default: false,
		description: `Whether an AI agent using this node as a tool may ${what}. Off by default: then the tool refuses. Only a switch set here counts, never a value from the model or an expression. Has no effect outside an agent's tools.`,
	};
}

/** In a tool, refused unless the author switched `toolSwitch` on literally in the node. */
export function requireToolSwitch(node: INode, itemIndex: number, toolSwitch: ToolSwitch): void {
	if (!isToolNode(node)) return;
	requireAuthorSwitch(node, itemIndex, {
		parameter: toolSwitch.name,
		label: toolSwitch.label,
		problem: `is off, so this AI agent tool cannot ${toolSwitch.what}`,
		fix: `Switch ${toolSwitch.label} on in the node itself if the agent may ${toolSwitch.what}.`,
		fixForModel: `Do not ${toolSwitch.what} with this tool. Only the workflow's author can allow it, in the node itself.`,
	});
}

/** Allow Adding Users as a Tool; `what` says what it allows, e.g. "add or change users". */
export function allowToolAddUsersField(what: string): INodeProperties {
	return toolSwitchField({ name: ALLOW_TOOL_ADD_USERS, label: ALLOW_LABEL, what });
}

/** In a tool, refused unless the author switched on Allow Adding Users as a Tool literally. */
export function requireToolMayAddUsers(node: INode, itemIndex: number, what: string): void {
	requireToolSwitch(node, itemIndex, { name: ALLOW_TOOL_ADD_USERS, label: ALLOW_LABEL, what });
}

export const TOOL_ACCESS_ROLE = 'toolAccessRole';
const ROLE_LABEL = 'Access Role as a Tool';

/** Velt's access roles of a user at an organization, document or folder level. */
export const ACCESS_ROLE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Editor', value: 'editor', description: 'May read and write' },
	{ name: 'Viewer', value: 'viewer', description: 'May only read' },
];

/** The role users get when a tool adds them without a role the author set (never Velt's default). */
export const toolAccessRoleField: INodeProperties = {
	displayName: ROLE_LABEL,
	name: TOOL_ACCESS_ROLE,
	type: 'options',
	options: ACCESS_ROLE_OPTIONS,
	default: 'viewer',
	description:
		"The access role of users an AI agent adds or changes, unless the author set one in the user's fields. Only a value set here counts, never one from the model or an expression.",
	displayOptions: { show: { [ALLOW_TOOL_ADD_USERS]: [true] } },
};

/** The tool's role for added users: the author's literal choice, never the model's or Velt's default. */
export function readToolAccessRole(
	value: unknown,
	roles: readonly string[],
	node: INode,
	itemIndex: number,
): string {
	if (isModelGiven(node, TOOL_ACCESS_ROLE) || !roles.includes(value as string)) {
		throw invalidParameterError(
			node,
			itemIndex,
			ROLE_LABEL,
			`must be one of ${roles.join(', ')}, chosen in the node itself`,
			`Choose ${ROLE_LABEL} in the node itself, without $fromAI or an expression.`,
			{
				parameter: TOOL_ACCESS_ROLE,
				fix: "Leave the role out. Only the workflow's author sets access roles, in the node itself.",
			},
		);
	}
	return value as string;
}
