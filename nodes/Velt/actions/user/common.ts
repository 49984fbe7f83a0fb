import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { documentIdField, organizationIdField } from '../../../shared/descriptions';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import type { ItemOutcome } from '../../../shared/execution/output';
import { optionalString, requireNonEmptyString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { requireAuthorSwitch } from '../../../shared/tool';
import type { CollaborationEndpoint, VeltResult } from '../../../shared/transport';
import { isPlainObject, sendVeltRequest } from '../../../shared/transport';
import {
	perItemExecutionOptions,
	readLimitOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';

// What the User and User Group operations share: the organization, the document-or-folder
// level of users/add|update|delete|get, the author-only create switches, and how Velt's
// per-user answers become one item's result.

export { perItemExecutionOptions, sortedByDisplayName };

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
		organizationId: requireNonEmptyString(locatorValue(organizationId), {
			node,
			itemIndex,
			label: 'Organization',
			parameter: 'organizationId',
		}),
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

/** The widening switches of users/add and usergroups/add: only the workflow's author turns them on. */
const CREATE_SWITCHES = {
	createOrganization: { label: 'Create Organization', what: 'organizations' },
	createDocument: { label: 'Create Document', what: 'documents' },
	createFolder: { label: 'Create Folder', what: 'folders' },
} as const;

export type CreateSwitch = keyof typeof CREATE_SWITCHES;

export function createSwitchField(name: CreateSwitch): INodeProperties {
	const { label, what } = CREATE_SWITCHES[name];
	const singular = what.slice(0, -1);
	return {
		displayName: label,
		name,
		type: 'boolean',
		default: false,
		description: `Whether Velt creates the ${singular} if it does not exist yet. When the node is an AI agent's tool, only a switch set here takes effect, never a value from the model or an expression.`,
	};
}

/** The create switches that are on, refused when a model may have set them (nodes/shared/tool.ts). */
export function readCreateSwitches(
	extra: IDataObject,
	names: readonly CreateSwitch[],
	node: INode,
	itemIndex: number,
): IDataObject {
	const data: IDataObject = {};
	for (const name of names) {
		if (extra[name] !== true) continue;
		const { label, what } = CREATE_SWITCHES[name];
		requireAuthorSwitch(node, itemIndex, {
			parameter: `additionalFields.${name}`,
			label,
			problem: `an AI agent cannot create ${what}`,
			fix: `Switch ${label} on in the node itself (not from $fromAI or, in a tool, an expression).`,
			fixForModel: `Set it to false and use ${what === 'organizations' ? 'an' : 'a'} ${what.slice(0, -1)} that exists. Only the workflow's author can let this tool create ${what}, in the node itself.`,
		});
		data[name] = true;
	}
	return data;
}

/** What Velt said about one user (or group) of a request. */
export interface PerUserAnswer extends IDataObject {
	userId: string;
	success: boolean;
	message: string;
}

/**
 * Velt's per-user map ({<userId>: {success, id, message}}) read for the ids that were sent,
 * in their order. An id Velt did not report on is a failure: never a silent success.
 */
export function perUserAnswers(data: unknown, ids: readonly string[]): PerUserAnswer[] {
	const map = isPlainObject(data) ? data : {};
	return ids.map((userId) => {
		const entry = Object.prototype.hasOwnProperty.call(map, userId) ? map[userId] : undefined;
		if (!isPlainObject(entry)) {
			return { userId, success: false, message: 'Velt did not report on this id.' };
		}
		return {
			...entry,
			userId,
			success: entry.success === true,
			message: typeof entry.message === 'string' ? entry.message : '',
		};
	});
}

/** The item's error when Velt reported any of its ids as failed; undefined when all succeeded. */
export function perUserFailure(
	node: INode,
	itemIndex: number,
	doing: string,
	answers: readonly PerUserAnswer[],
	description: string,
): ItemOutcome | undefined {
	const failed = answers.filter((answer) => !answer.success);
	if (failed.length === 0) return undefined;
	const list = failed
		.map(({ userId, message }) => `${userId} (${message || 'no reason given'})`)
		.join(', ');
	return {
		error: new NodeOperationError(node, `Velt could not ${doing} ${list}`, {
			itemIndex,
			description,
		}),
	};
}

/** The unique ids of a list, in their first order. */
export function unique(ids: readonly string[]): string[] {
	return [...new Set(ids)];
}

/** Refuses an empty id list, naming the field and the item. */
export function requireIds(
	ids: readonly string[],
	node: INode,
	itemIndex: number,
	label: string,
	parameter: string,
	fix: string,
): void {
	if (ids.length > 0) return;
	throw invalidParameterError(node, itemIndex, label, 'is required but is empty', fix, {
		parameter,
		fix: 'Give the user IDs, e.g. "u1, u2".',
	});
}

/** The Additional Fields of an item, or none. */
export function additionalFieldsOf(parameters: ItemParameters): IDataObject {
	return (parameters.additionalFields ?? {}) as IDataObject;
}

/**
 * The send of an operation whose prepared item is the request's `data`. Each of these calls
 * sets state (a user in a group, a group's name), so sending one again is harmless: retried.
 */
export function sendCollaborationCall(endpoint: CollaborationEndpoint) {
	return async function (
		this: IExecuteFunctions,
		data: IDataObject,
		run: OperationRun,
	): Promise<VeltResult<unknown>> {
		return await sendVeltRequest.call(this, run.connection, endpoint, data, {
			policy: run.options.policy,
			idempotent: true,
		});
	};
}

/**
 * After a retry (the first answer lost), an id the earlier attempt already removed is answered
 * as missing: that is the removal having worked, not a failure.
 */
export function forgiveRetriedRemovals(
	answers: PerUserAnswer[],
	attempts: number,
	missing: RegExp,
): PerUserAnswer[] {
	if (attempts <= 1) return answers;
	return answers.map((answer) =>
		!answer.success && missing.test(answer.message) ? { ...answer, success: true } : answer,
	);
}
