import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { parseIdList } from '../../../shared/parameters';
import type { VeltFailure, VeltResult } from '../../../shared/transport';
import {
	DEFAULT_GET_PAGE_SIZE,
	DIRECTORY_ENDPOINTS,
	isLastPage,
	isPlainObject,
	PageWalk,
	sendVeltRequest,
} from '../../../shared/transport';
import type { UserLevel } from './common';
import {
	folderIdField,
	perItemExecutionOptions,
	readUserLevel,
	sortedByDisplayName,
	unique,
	userDocumentField,
	userOrganizationField,
	userReadLimitOptions,
} from './common';

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/users/get-users-v2): userIds and organizationUserGroupIds "Only 30 items can be passed at a time." */
export const MAX_IDS_PER_USERS_GET = 30;

const properties: INodeProperties[] = [
	userOrganizationField,
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
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: sortedByDisplayName([
			{
				...userDocumentField,
				description: "Only users of this document (Velt also lists its folder's users)",
			},
			{
				...folderIdField,
				description: 'Only users of this folder. Either a document or a folder.',
			},
			{
				displayName: 'User IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. u1, u2',
				description:
					'Only these users: IDs separated by commas, or an array from an expression. Any number; they are sent 30 at a time.',
			},
			{
				displayName: 'User Group IDs',
				name: 'organizationUserGroupIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. engineering, sales',
				description: 'Only members of these user groups (at most 30), separated by commas',
			},
			{
				displayName: 'All Documents',
				name: 'allDocuments',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the users of every document of the organization (not its organization-level users)',
			},
			{
				displayName: 'Group by Document',
				name: 'groupByDocumentId',
				type: 'boolean',
				default: false,
				description:
					'Whether to return one item per document with its users (needs All Documents). Limit then counts documents.',
			},
		]),
	},
	{
		...perItemExecutionOptions,
		options: sortedByDisplayName([
			...(perItemExecutionOptions.options as INodeProperties[]),
			...userReadLimitOptions,
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description:
					"How many users one request to Velt asks for (Velt's default is 1000). Sent whenever set here.",
			},
		]),
	} as INodeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

export interface UsersQuery {
	query: IDataObject & UserLevel;
	userIds: string[];
	/** undefined means Return All. */
	limit: number | undefined;
	grouped: boolean;
	/** Set when the author set Options > Page Size: then always sent. */
	pageSize: number | undefined;
}

function positiveWhole(value: unknown, label: string, node: INode, itemIndex: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) {
		throw invalidParameterError(
			node,
			itemIndex,
			label,
			`must be a whole number of at least 1, got ${String(value)}`,
		);
	}
	return number;
}

export function buildUsersQuery(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): UsersQuery {
	const filters = (parameters.filters ?? {}) as IDataObject;
	const query = readUserLevel(parameters.organizationId, filters, node, itemIndex, 'filters.');
	const field = (label: string, parameter: string) => ({ node, itemIndex, label, parameter });
	const userIds = unique(parseIdList(filters.userIds, field('User IDs', 'filters.userIds')));
	const groupIds = unique(
		parseIdList(
			filters.organizationUserGroupIds,
			field('User Group IDs', 'filters.organizationUserGroupIds'),
		),
	);
	if (groupIds.length > MAX_IDS_PER_USERS_GET) {
		throw invalidParameterError(
			node,
			itemIndex,
			'User Group IDs',
			`lists ${groupIds.length} groups, but Velt takes at most ${MAX_IDS_PER_USERS_GET}`,
			'Split the groups over several items.',
			{ parameter: 'filters.organizationUserGroupIds' },
		);
	}
	if (groupIds.length > 0) query.organizationUserGroupIds = groupIds;
	const grouped = filters.groupByDocumentId === true;
	if (filters.allDocuments === true) query.allDocuments = true;
	if (grouped) {
		if (filters.allDocuments !== true) {
			throw invalidParameterError(
				node,
				itemIndex,
				'Group by Document',
				'needs All Documents, which is off',
				'Switch on All Documents under Filters too, or switch Group by Document off.',
				{ parameter: 'filters.groupByDocumentId' },
			);
		}
		query.groupByDocumentId = true;
	}
	const limit =
		parameters.returnAll === true
			? undefined
			: positiveWhole(parameters.limit, 'Limit', node, itemIndex);
	// Options is not among the per-item parameters the executor reads (nodes/shared/execution).
	const rawPageSize = (context.getNodeParameter('options', itemIndex, {}) as IDataObject).pageSize;
	const pageSize =
		rawPageSize === undefined || rawPageSize === null || rawPageSize === ''
			? undefined
			: positiveWhole(rawPageSize, 'Page Size', node, itemIndex);
	return { query, userIds, limit, grouped, pageSize };
}

/** What one read collected: users in order, or (grouped) users per document in order. */
interface Collected {
	users: IDataObject[];
	groups: Map<string, IDataObject[]>;
}

function countOf(request: UsersQuery, collected: Collected): number {
	return request.grouped ? collected.groups.size : collected.users.length;
}

/**
 * Reads users page by page: at most `limit` (all when undefined), user IDs 30 at a time one
 * group after another, each walk bounded by PageWalk (repeated tokens, oversized pages,
 * Options > Max Pages / Items per Read / Max Read Time).
 */
async function readUsers(
	this: IExecuteFunctions,
	request: UsersQuery,
	run: OperationRun,
): Promise<VeltResult<Collected>> {
	const idGroups: Array<string[] | undefined> = [];
	for (let start = 0; start < request.userIds.length; start += MAX_IDS_PER_USERS_GET)
		idGroups.push(request.userIds.slice(start, start + MAX_IDS_PER_USERS_GET));
	if (idGroups.length === 0) idGroups.push(undefined);
	const collected: Collected = { users: [], groups: new Map() };
	let requests = 0;
	const walk = async (ids: string[] | undefined): Promise<VeltFailure | undefined> => {
		const pageWalk = new PageWalk(run.options.readLimits);
		let pageToken: unknown;
		do {
			const remaining =
				request.limit === undefined ? Infinity : request.limit - countOf(request, collected);
			if (remaining <= 0) return undefined;
			const data: IDataObject = { ...request.query };
			if (ids !== undefined) data.userIds = ids;
			// Grouped pages hold documents' users, so their size is not a number of users asked for.
			let asked = Number.MAX_SAFE_INTEGER;
			if (!request.grouped) {
				asked = Math.min(remaining, request.pageSize ?? DEFAULT_GET_PAGE_SIZE);
				if (request.pageSize !== undefined || asked !== DEFAULT_GET_PAGE_SIZE)
					data.pageSize = asked;
			} else if (request.pageSize !== undefined) data.pageSize = request.pageSize;
			if (!isLastPage(pageToken)) data.pageToken = pageToken as string;
			const page = await sendVeltRequest.call(
				this,
				run.connection,
				DIRECTORY_ENDPOINTS.getUsers,
				data,
				{ policy: run.options.policy, idempotent: true },
			);
			requests++;
			if (!page.ok) return page.failure;
			const next = isLastPage(page.pageToken) ? undefined : String(page.pageToken);
			let onPage = 0;
			if (request.grouped) {
				const groups = isPlainObject(page.data) ? page.data : {};
				for (const [documentId, users] of Object.entries(groups)) {
					const list = (Array.isArray(users) ? users : []) as IDataObject[];
					onPage += list.length;
					collected.groups.set(documentId, [...(collected.groups.get(documentId) ?? []), ...list]);
				}
			} else {
				const users = (Array.isArray(page.data) ? page.data : []) as IDataObject[];
				onPage = users.length;
				collected.users.push(...users.slice(0, remaining));
			}
			const misbehaved = pageWalk.afterPage(onPage, asked, next);
			if (misbehaved !== undefined) return misbehaved;
			pageToken = next;
			// An empty page ends the walk even with a token, so a misbehaving server cannot loop us.
			if (onPage === 0) break;
		} while (!isLastPage(pageToken));
		return undefined;
	};
	for (const ids of idGroups) {
		const failure = await walk(ids);
		if (failure !== undefined) return { ok: false, failure };
	}
	return { ok: true, data: collected, attempts: requests };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildUsersQuery,
	send: readUsers,
	toOutcome: ({ data }, request) => {
		if (!request.grouped) return { json: data.users };
		const groups = [...data.groups].map(([documentId, users]) => ({ documentId, users }));
		return {
			json: request.limit === undefined ? groups : groups.slice(0, request.limit),
		};
	},
});
