import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { documentIdField, organizationIdField } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { distinctIds, optionalString, requireSomeIds } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { readOrganizationId } from '../../../shared/scope';
import {
	perItemExecutionOptions,
	readLimitOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';

// What the User and User Group operations share: the organization, the document-or-folder
// level of users/add|update|delete|get and the author-only create switches. Velt's per-user
// answers are read by nodes/shared/execution/perIdAnswers.ts.

export { perItemExecutionOptions, sortedByDisplayName };
export { createSwitchField, readCreateSwitches } from '../../../shared/createSwitches';

export const userOrganizationField: INodeProperties = {
	...organizationIdField,
	description: 'The Velt organization the users belong to',
};

export const userDocumentField: INodeProperties = {
	...documentIdField,
	description:
		'Only at this document instead of the organization. Leave empty for the organization (or use Folder ID).',
};

export const folderIdField: INodeProperties = {
	displayName: 'Folder ID',
	name: 'folderId',
	type: 'string',
	default: '',
	placeholder: 'e.g. folder-sales',
	description:
		'Only at this folder instead of the organization. Either a document or a folder, not both.',
};

/** The read limits of Get Many, worded for users. */
export const userReadLimitOptions: INodeProperties[] = readLimitOptions.map((option) => ({
	...option,
	description: option.description?.replace('notifications', 'users'),
}));

/** The level users are added at, updated at, deleted from or read from. */
export interface UserLevel extends IDataObject {
	organizationId: string;
	documentId?: string;
	folderId?: string;
}

/**
 * organizationId (required) and the optional documentId or folderId: Velt takes one or the
 * other ("Either provide documentId or folderId", https://docs.velt.dev/api-reference/rest-apis/v2/users/add-users).
 */
export function readUserLevel(
	organizationId: unknown,
	levels: { documentId?: unknown; folderId?: unknown },
	node: INode,
	itemIndex: number,
	prefix = 'additionalFields.',
): UserLevel {
	const level: UserLevel = {
		organizationId: readOrganizationId(organizationId, node, itemIndex),
	};
	// A picker nested in a collection arrives as its locator object.
	const documentId = optionalString(locatorValue(levels.documentId));
	const folderId = optionalString(levels.folderId);
	if (documentId !== undefined && folderId !== undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Document / Folder ID',
			'both are set, but Velt takes either a document or a folder',
			'Clear one of them: give a document, a folder, or neither for the whole organization.',
			{ parameter: `${prefix}folderId` },
		);
	}
	if (documentId !== undefined) level.documentId = documentId;
	if (folderId !== undefined) level.folderId = folderId;
	return level;
}

/** The item's user IDs (plain IDs only: parseIdList refuses objects), at least one. */
export function readUserIds(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	what: string,
): string[] {
	const field = { node, itemIndex, label: 'User IDs', parameter: 'userIds' };
	const userIds = distinctIds(parameters.userIds, field);
	requireSomeIds(
		userIds,
		field,
		`Give the IDs of the users to ${what}, separated by commas, or map them from a previous node.`,
		'Give the user IDs, e.g. "u1, u2".',
	);
	return userIds;
}

/** The Additional Fields of an item, or none. */
export function additionalFieldsOf(parameters: ItemParameters): IDataObject {
	return (parameters.additionalFields ?? {}) as IDataObject;
}
