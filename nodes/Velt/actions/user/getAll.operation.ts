import type { UserLevel } from '../../../shared/scope';
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import {
	distinctIds,
	readIdList,
	readReturnLimit,
	requireWholeNumber,
} from '../../../shared/parameters';
import {
	filtersCollection,
	idListField,
	simplifyFields,
	simplifyOn,
} from '../../../shared/descriptions';
import {
	pagedReadOptions,
	returnAllFields,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import type { VeltResult } from '../../../shared/transport';
import {
	appendToGroup,
	appendUpTo,
	DIRECTORY_ENDPOINTS,
	isPlainObject,
	MAX_IDS_PER_USERS_GET,
	readAllPages,
} from '../../../shared/transport';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	userOrganizationField,
	userDocumentField,
	folderIdField,
	userReadLimitOptions,
} from '../../descriptions';
import { SIMPLE_USER_FIELDS, simplifyUser } from '../../helpers/simplify';
const properties: INodeProperties[] = [
	userOrganizationField,
	...returnAllFields,
	...simplifyFields(SIMPLE_USER_FIELDS, 2),
	filtersCollection(
		sortedByDisplayName([
			{
				...userDocumentField,
				description: "Only users of this document (Velt also lists its folder's users)",
			},
			{
				...folderIdField,
				description: 'Only users of this folder. Either a document or a folder.',
			},
			idListField(
				'User IDs',
				'userIds',
				'Only these users: IDs separated by commas, or an array from an expression. Any number; they are sent 30 at a time.',
				'e.g. u1, u2',
			),
			idListField(
				'User Group IDs',
				'organizationUserGroupIds',
				'Only members of these user groups (at most 30), separated by commas',
				'e.g. engineering, sales',
			),
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
	),
	pagedReadOptions(userReadLimitOptions, [
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
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface UsersQuery {
	query: IDataObject & UserLevel;
	userIds: string[];
	/** undefined means Return All. */
	limit: number | undefined;
	grouped: boolean;
	/** Set when the author set Options > Page Size: then always sent. */
	pageSize: number | undefined;
	simplify: boolean;
}

export function buildUsersQuery(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): UsersQuery {
	const filters = (parameters.filters ?? {}) as IDataObject;
	const query = readScope(
		{ ...filters, organizationId: parameters.organizationId },
		SCOPES.userLevel,
		node,
		itemIndex,
		'filters.',
	);
	const field = (label: string, parameter: string) => ({ node, itemIndex, label, parameter });
	const userIds = distinctIds(filters.userIds, field('User IDs', 'filters.userIds'));
	const groupIds = readIdList(
		filters.organizationUserGroupIds,
		field('User Group IDs', 'filters.organizationUserGroupIds'),
		MAX_IDS_PER_USERS_GET,
	);
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
	const limit = readReturnLimit(parameters, node, itemIndex);
	// Options is not among the per-item parameters the executor reads (nodes/shared/execution).
	const rawPageSize = (context.getNodeParameter('options', itemIndex, {}) as IDataObject).pageSize;
	const pageSize =
		rawPageSize === undefined || rawPageSize === null || rawPageSize === ''
			? undefined
			: requireWholeNumber(rawPageSize, field('Page Size', 'options.pageSize'));
	return { query, userIds, limit, grouped, pageSize, simplify: simplifyOn(parameters) };
}

/** What one read collected: users in order, or (grouped) users per document in order. */
interface Collected {
	users: IDataObject[];
	groups: Map<string, IDataObject[]>;
}

/** Reads users: at most `limit` (all when undefined), user IDs 30 at a time (readAllPages). */
async function readUsers(
	this: IExecuteFunctions,
	request: UsersQuery,
	run: OperationRun,
): Promise<VeltResult<Collected>> {
	const collected: Collected = { users: [], groups: new Map() };
	return await (readAllPages<Collected>).call(
		this,
		run.connection,
		{
			endpoint: DIRECTORY_ENDPOINTS.getUsers,
			data: request.query,
			policy: run.options.policy,
			limits: run.options.readLimits,
			pageSize: request.pageSize,
			// Grouped pages hold documents' users, so their size is not a number of users asked for.
			sized: !request.grouped,
			limit: request.limit,
			ids: { field: 'userIds', values: request.userIds, perRequest: MAX_IDS_PER_USERS_GET },
		},
		{
			count: () => (request.grouped ? collected.groups.size : collected.users.length),
			take: (data, left) => {
				if (!request.grouped) {
					const users = (Array.isArray(data) ? data : []) as IDataObject[];
					appendUpTo(collected.users, users, left);
					return users.length;
				}
				let onPage = 0;
				for (const [documentId, users] of Object.entries(isPlainObject(data) ? data : {})) {
					const list = (Array.isArray(users) ? users : []) as IDataObject[];
					onPage += list.length;
					appendToGroup(collected.groups, documentId, list);
				}
				return onPage;
			},
			result: () => collected,
		},
	);
}

export const execute = perItemExecutor({
	properties,
	prepare: buildUsersQuery,
	send: readUsers,
	toOutcome: ({ data }, request) => {
		const shown = (users: IDataObject[]) => (request.simplify ? users.map(simplifyUser) : users);
		if (!request.grouped) return { json: shown(data.users) };
		const groups = [...data.groups].map(([documentId, users]) => ({
			documentId,
			users: shown(users),
		}));
		return {
			json: request.limit === undefined ? groups : groups.slice(0, request.limit),
		};
	},
});
