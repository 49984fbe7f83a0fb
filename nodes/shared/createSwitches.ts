import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { requireAuthorSwitch } from './tool';

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
