import type { IDataObject, INode } from 'n8n-workflow';
import { invalidParameterError } from './errors';
import { optionalString, requireNonEmptyString } from './parameters';
import { locatorValue } from './resourceLocator';

// The one reader of where an item acts, for every operation of both action nodes (and the
// notifications trigger): each level required, optional or absent (not read at all).

export type Need = 'required' | 'optional';

/** The levels, in the order their keys are sent, with the label an error names. */
const LEVELS = {
	organizationId: 'Organization',
	documentId: 'Document',
	folderId: 'Folder ID',
	locationId: 'Location',
	userId: 'User',
	annotationId: 'Comment Thread',
	organizationUserGroupId: 'User Group ID',
} as const;

export type ScopeLevel = keyof typeof LEVELS;

/** Which levels an operation reads; a level left out is not read. */
export type ScopeLevels = Partial<Record<ScopeLevel, Need>>;

/** The scopes the operations share. */
export const SCOPES = {
	organization: { organizationId: 'required' },
	document: { organizationId: 'required', documentId: 'required' },
	thread: { organizationId: 'required', documentId: 'required', annotationId: 'required' },
	/** users/add|update|delete|get: the organization, or a document or a folder of it. */
	userLevel: { organizationId: 'required', documentId: 'optional', folderId: 'optional' },
	group: { organizationId: 'required', organizationUserGroupId: 'required' },
	notifications: {
		organizationId: 'required',
		documentId: 'optional',
		locationId: 'optional',
		userId: 'optional',
	},
} satisfies Record<string, ScopeLevels>;

/** What readScope returns for `L`: its required levels as text, its optional ones maybe. */
export type Scope<L extends ScopeLevels> = IDataObject & {
	[K in keyof L as L[K] extends 'required' ? K : never]: string;
} & { [K in keyof L as L[K] extends 'optional' ? K : never]?: string };

/** The level users are added at, updated at, deleted from or read from. */
export type UserLevel = Scope<typeof SCOPES.userLevel>;

/**
 * The item's scope from `values` (its parameters, or the flat set a caller gathers from a
 * collection; `nested` is that collection's path, for errors on its fields). A picker arrives
 * as its locator object (nested in a collection n8n does not unwrap it; saved as text it is
 * plain): locatorValue reads both.
 */
export function readScope<L extends ScopeLevels>(
	values: Record<string, unknown>,
	levels: L,
	node: INode,
	itemIndex: number,
	nested = '',
): Scope<L> {
	const scope: IDataObject = {};
	for (const [level, label] of Object.entries(LEVELS) as Array<[ScopeLevel, string]>) {
		const need: Need | undefined = levels[level];
		if (need === undefined) continue;
		const given = locatorValue(values[level]);
		const value =
			need === 'required'
				? requireNonEmptyString(given, { node, itemIndex, label, parameter: level })
				: optionalString(given);
		if (value !== undefined) scope[level] = value;
	}
	if (typeof scope.annotationId === 'string' && scope.annotationId.includes(':')) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment Thread',
			`"${scope.annotationId}" contains ":", which Velt does not allow in an annotationId`,
			'Use an ID without ":".',
			{ parameter: 'annotationId' },
		);
	}
	// Velt takes a document or a folder, not both ("Either provide documentId or folderId",
	// https://docs.velt.dev/api-reference/rest-apis/v2/users/add-users).
	if (scope.documentId !== undefined && scope.folderId !== undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Document / Folder ID',
			'both are set, but Velt takes either a document or a folder',
			'Clear one of them: give a document, a folder, or neither for the whole organization.',
			{ parameter: `${nested}folderId` },
		);
	}
	return scope as Scope<L>;
}
