import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import {
	ACCESS_ROLE_OPTIONS,
	requireToolSwitch,
	toolSwitchField,
} from '../../shared/createSwitches';
import { documentIdField, organizationIdField, userIdField } from '../../shared/descriptions';
import { invalidParameterError } from '../../shared/errors';
import type { ItemParameters } from '../../shared/execution/operationSetup';
import type { FieldRef } from '../../shared/parameters';
import {
	assertOneOf,
	optionalString,
	optionalTimestamp,
	requireNonEmptyString,
} from '../../shared/parameters';
import { readScope } from '../../shared/scope';
import { isModelGiven, isToolNode } from '../../shared/toolRun';
import { PERMISSION_EXPIRY_UNIT_MS } from '../../shared/transport';

// Permissions and sign-in tokens: who may read or write an organization, folder or document.
// Granting widens access, so in an AI agent's tool only the author's literal switch allows it,
// and the role, the organization and (beyond the author's bound) the expiry are never a model's.

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/auth/add-permissions): type "organization, document or folder". */
export const RESOURCE_TYPES = ['organization', 'document', 'folder'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Documented (same page): accessRole "viewer" | "editor". */
export const PERMISSION_ROLES = ACCESS_ROLE_OPTIONS.map((option) => option.value as string);

/** One entry of `permissions.resources`, as Velt takes it. */
export interface PermissionResource extends IDataObject {
	type: ResourceType;
	id: string;
	organizationId?: string;
	accessRole?: string;
	expiresAt?: number;
}

export const accessOrganizationField: INodeProperties = {
	...organizationIdField,
	description:
		'The organization: the one the access is to, or the one the document or folder belongs to',
};

export const accessUserField: INodeProperties = {
	...userIdField,
	required: true,
	description: 'The user, by the ID your app gives them in Velt',
};

export const resourceTypeField: INodeProperties = {
	displayName: 'Access To',
	name: 'resourceType',
	type: 'options',
	options: [
		{ name: 'Document', value: 'document', description: 'One document of the organization' },
		{ name: 'Folder', value: 'folder', description: 'One folder of the organization' },
		{ name: 'Organization', value: 'organization', description: 'The whole organization' },
	],
	default: 'document',
};

/** The document or folder fields, shown for their type only. */
export const resourceIdFields: INodeProperties[] = [
	{
		...documentIdField,
		required: true,
		description: 'The document, in the organization above',
		displayOptions: { show: { resourceType: ['document'] } },
	},
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. folder-sales',
		description: 'The folder, in the organization above',
		displayOptions: { show: { resourceType: ['folder'] } },
	},
];

export function accessRoleField(description: string): INodeProperties {
	return {
		displayName: 'Access Role',
		name: 'accessRole',
		type: 'options',
		options: ACCESS_ROLE_OPTIONS,
		default: 'viewer',
		description: `${description} When the node is an AI agent's tool, only a role set here counts, never one from the model or an expression`,
	};
}

export const expiresAtDescription =
	'When the access ends (Velt takes Unix seconds; a date, or a number of seconds, or of milliseconds, which are converted). Leave empty for access that does not expire.';

/** The user and organization most of these operations act on. */
export const USER_IN_ORGANIZATION = { organizationId: 'required', userId: 'required' } as const;

/** The target of one item: its user, and the organization or a document or folder of it. */
export function readResourceTarget(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): { type: ResourceType; id: string; organizationId: string; userId: string } {
	const type = assertOneOf(parameters.resourceType, RESOURCE_TYPES, {
		node,
		itemIndex,
		label: 'Access To',
		parameter: 'resourceType',
	});
	// Only the chosen type's field is read: the other one is hidden.
	const { documentId, folderId, ...values } = parameters;
	const target =
		type === 'document' ? { documentId } : type === 'folder' ? { folderId } : ({} as IDataObject);
	const scope = readScope(
		{ ...values, ...target },
		{ ...USER_IN_ORGANIZATION, documentId: 'optional', folderId: 'optional' },
		node,
		itemIndex,
	);
	const id = type === 'organization' ? scope.organizationId : (scope.documentId ?? scope.folderId);
	if (id === undefined) {
		const [label, parameter] =
			type === 'document' ? ['Document', 'documentId'] : ['Folder ID', 'folderId'];
		requireNonEmptyString(undefined, { node, itemIndex, label, parameter });
	}
	return { type, id: id as string, organizationId: scope.organizationId, userId: scope.userId };
}

/** The permission's expiry in Unix seconds (contract.ts PERMISSION_EXPIRY_UNIT_MS), or none. */
export function readExpiresAt(value: unknown, ref: FieldRef): number | undefined {
	const time = optionalTimestamp(value, ref);
	if (time === undefined) return undefined;
	// A date comes back in ms; a plain number of 11 digits or fewer is already seconds.
	const isDate = typeof value === 'string' && !/^\s*\d+\s*$/.test(value);
	const seconds =
		isDate || time > 99_999_999_999 ? Math.floor(time / PERMISSION_EXPIRY_UNIT_MS) : time;
	if (seconds > 0) return seconds;
	throw invalidParameterError(
		ref.node,
		ref.itemIndex,
		ref.label,
		`must be a time after 1970, got ${JSON.stringify(value)}`,
		'Give a date such as 2026-12-31T18:00:00Z, or Unix seconds.',
		{ parameter: ref.parameter },
	);
}

/** The role of a resource: the author's, never a model's (refused, naming the field). */
export function readAuthorRole(
	value: unknown,
	ref: FieldRef & { parameter: string },
): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (isModelGiven(ref.node, ref.parameter)) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			'an AI agent cannot set access roles',
			'Set Access Role in the node itself, without $fromAI (or, in a tool, an expression).',
			{
				parameter: ref.parameter,
				fix: "Leave the role out. Only the workflow's author sets access roles, in the node itself.",
			},
		);
	}
	return assertOneOf(String(value), PERMISSION_ROLES, ref);
}

/** In a tool, the organization is the author's: a model never reaches another organization. */
export function requireAuthorOrganization(
	node: INode,
	itemIndex: number,
	parameter = 'organizationId',
	label = 'Organization',
): void {
	if (!isToolNode(node) || !isModelGiven(node, parameter)) return;
	throw invalidParameterError(
		node,
		itemIndex,
		label,
		'an AI agent cannot choose the organization here',
		'Set the organization in the node itself, without $fromAI or an expression.',
		{
			parameter,
			fix: "Leave the organization out: only the workflow's author chooses it, in the node itself.",
		},
	);
}

/** An author-only tool switch: the field, off by default, and its guard. */
export interface ToolSwitch {
	field: INodeProperties;
	/** In a tool, refused unless the author switched it on literally. */
	require: (node: INode, itemIndex: number) => void;
}

export function toolSwitch(name: string, label: string, what: string): ToolSwitch {
	const allow = { name, label, what };
	return {
		field: toolSwitchField(allow),
		require: (node, itemIndex) => requireToolSwitch(node, itemIndex, allow),
	};
}

export const TOOL_MAX_EXPIRY_DAYS = 'toolMaxExpiryDays';
const MAX_EXPIRY_LABEL = 'Longest Access as a Tool (Days)';
const DAY_S = 24 * 60 * 60;

/** The author's bound on how long access a tool gives may last; shown with the tool switch. */
export function toolMaxExpiryField(switchName: string): INodeProperties {
	return {
		displayName: MAX_EXPIRY_LABEL,
		name: TOOL_MAX_EXPIRY_DAYS,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 7,
		description:
			'In a tool, access ends at the latest this many days after the run: a later expiry is refused, and access without one gets this one. 0 allows any expiry, and none. Only a value set here counts.',
		displayOptions: { show: { [switchName]: [true] } },
	};
}

/**
 * An access's expiry in Unix seconds (readExpiresAt); in a tool, within the author's bound: a
 * later one is refused, none becomes the bound. `nowS` is the run's time in Unix seconds.
 */
export function readAccessExpiry(
	value: unknown,
	parameters: ItemParameters,
	ref: FieldRef & { parameter: string },
	nowS: number,
): number | undefined {
	const expiresAt = readExpiresAt(value, ref);
	if (!isToolNode(ref.node)) return expiresAt;
	const days = Number(parameters[TOOL_MAX_EXPIRY_DAYS]);
	const modelGiven = isModelGiven(ref.node, TOOL_MAX_EXPIRY_DAYS);
	if (modelGiven || !Number.isFinite(days) || days < 0) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			MAX_EXPIRY_LABEL,
			modelGiven
				? 'an AI agent cannot set how long the access it gives may last'
				: `must be a number of days of at least 0, got ${JSON.stringify(parameters[TOOL_MAX_EXPIRY_DAYS])}`,
			`Set ${MAX_EXPIRY_LABEL} in the node itself, without $fromAI or an expression.`,
			{ parameter: TOOL_MAX_EXPIRY_DAYS, fix: "Leave it out: only the workflow's author sets it." },
		);
	}
	if (days === 0) return expiresAt;
	const latest = nowS + Math.floor(days * DAY_S);
	if (expiresAt === undefined) return latest;
	if (expiresAt <= latest) return expiresAt;
	throw invalidParameterError(
		ref.node,
		ref.itemIndex,
		ref.label,
		`is more than ${days} days away, the longest access this AI agent tool may give`,
		`Give an expiry within ${days} days, or raise ${MAX_EXPIRY_LABEL} in the node itself.`,
		{
			parameter: ref.parameter,
			fix: `Give an expiry within ${days} days from now, or leave it out (then access ends after ${days} days).`,
		},
	);
}

/** A resource's Access Role and Expires At, each where given (readAuthorRole, readAccessExpiry). */
export function addRoleAndExpiry(
	resource: PermissionResource,
	given: { accessRole?: unknown; expiresAt?: unknown },
	refs: Record<'accessRole' | 'expiresAt', FieldRef & { parameter: string }>,
	parameters: ItemParameters,
	nowS: number,
): PermissionResource {
	const role = readAuthorRole(given.accessRole, refs.accessRole);
	if (role !== undefined) resource.accessRole = role;
	const expiresAt = readAccessExpiry(given.expiresAt, parameters, refs.expiresAt, nowS);
	if (expiresAt !== undefined) resource.expiresAt = expiresAt;
	return resource;
}

/** A list of resources in a fixedCollection (Type, ID, Access Role, Expires At per entry). */
export interface ResourceList {
	/** Where its entries sit, e.g. "resources.resource". */
	path: `${string}.${string}`;
	/** Its display name, which an error names with the entry's number. */
	label: string;
	types: readonly ResourceType[];
	/** Whether a document or folder may name its own Organization ID; else the item's. */
	ownOrganization?: true;
}

/**
 * The entries of a resource list as Velt takes them (add-permissions, generate_token): a document
 * or folder with its organization, each role and expiry the author's (addRoleAndExpiry). In a
 * tool, an organization an entry names (its own, or the ID of an organization entry) is the author's.
 */
export function readResourceList(
	parameters: ItemParameters,
	list: ResourceList,
	organizationId: string,
	node: INode,
	itemIndex: number,
	nowS: number,
): PermissionResource[] {
	const [collection, group] = list.path.split('.');
	// n8n drops a collection saved as one expression; each entry's role is checked below.
	const values = (parameters[collection] ?? {}) as IDataObject;
	const entries = Array.isArray(values[group]) ? (values[group] as IDataObject[]) : [];
	return entries.map((entry, position) => {
		const path = `${list.path}.${position}`;
		const ref = (label: string, key: string): FieldRef & { parameter: string } => ({
			node,
			itemIndex,
			label: `${list.label} #${position + 1} ${label}`,
			parameter: `${path}.${key}`,
		});
		const type = assertOneOf(entry.type, list.types, ref('Type', 'type'));
		const resource: PermissionResource = {
			type,
			id: requireNonEmptyString(entry.id, ref('ID', 'id')),
		};
		if (type === 'organization') {
			// The entry names an organization by its type and ID: in a tool, both the author's.
			for (const key of ['type', 'id'])
				requireAuthorOrganization(node, itemIndex, `${path}.${key}`, ref('ID', 'id').label);
		} else {
			const own = list.ownOrganization ? optionalString(entry.organizationId) : undefined;
			if (own !== undefined) {
				const { parameter, label } = ref('Organization ID', 'organizationId');
				requireAuthorOrganization(node, itemIndex, parameter, label);
			}
			// add-permissions: organizationId "Required if type is document or folder".
			resource.organizationId = own ?? organizationId;
		}
		return addRoleAndExpiry(
			resource,
			entry,
			{ accessRole: ref('Access Role', 'accessRole'), expiresAt: ref('Expires At', 'expiresAt') },
			parameters,
			nowS,
		);
	});
}
