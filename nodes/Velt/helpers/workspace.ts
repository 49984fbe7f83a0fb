import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters, OperationRun } from '../../shared/execution/operationSetup';
import type { ItemOutcome } from '../../shared/execution/output';
import type { MatchedAnswers } from '../../shared/execution/perIdAnswers';
import { writeSummary } from '../../shared/execution/perIdAnswers';
import {
	assertOneOf,
	distinctIds,
	optionalString,
	parseJsonObject,
	readIdList,
	readReturnLimit,
	requireNonEmptyString,
	requireSomeIds,
	requireWholeNumber,
} from '../../shared/parameters';
import type { AnyVeltEndpoint, VeltResult } from '../../shared/transport';
import { ACCESS_TYPES, appendUpTo, isPlainObject, readAllPages } from '../../shared/transport';
import { locatorValue } from '../../shared/resourceLocator';
import { readScope, SCOPES } from '../../shared/scope';
import { requireAuthorOrganization } from '../../shared/tool';
import type { ToolSwitch } from '../../shared/createSwitches';
import { requireToolSwitch, toolSwitchField } from '../../shared/createSwitches';
import { invalidParameterError } from '../../shared/errors';

// What the Organization, Document and Folder operations share: the organization an item acts
// in (never a model's), the author-only switches of a tool, id lists and entity fields.

/** The item's organization; in a tool run only the author's, never one a model gives. */
export function readOrganization(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	parameter = 'organizationId',
): string {
	requireAuthorOrganization(node, itemIndex, parameter);
	const values =
		parameter === 'organizationId' ? parameters : { organizationId: parameters[parameter] };
	return readScope(values, SCOPES.organization, node, itemIndex).organizationId;
}

/**
 * Velt's answer to adding an id that exists: documented for documents ("Document already
 * exists", https://docs.velt.dev/api-reference/rest-apis/v2/documents/add-documents); the
 * organization and folder pages are silent, the same wording is assumed.
 */
export const ALREADY_EXISTS = /already exists/i;

// The author-only switches of a tool (delete, disable, public access): nodes/shared/createSwitches.ts.
export type { ToolSwitch };
export { requireToolSwitch, toolSwitchField };

export const ALLOW_TOOL_DELETE: ToolSwitch = {
	name: 'allowToolDelete',
	label: 'Allow Deleting as a Tool',
	what: 'delete',
};

export const ALLOW_TOOL_DISABLE: ToolSwitch = {
	name: 'allowToolDisable',
	label: 'Allow Disabling as a Tool',
	what: 'disable access',
};

export const ALLOW_TOOL_PUBLIC: ToolSwitch = {
	name: 'allowToolPublicAccess',
	label: 'Allow Public Access as a Tool',
	what: 'make anything public',
};

/** The ids of a required list field, distinct, at most `max` where Velt caps them. */
export function readRequiredIds(
	value: unknown,
	node: INode,
	itemIndex: number,
	label: string,
	parameter: string,
	max?: number,
): string[] {
	const ref = { node, itemIndex, label, parameter };
	const ids = max === undefined ? distinctIds(value, ref) : readIdList(value, ref, max);
	requireSomeIds(ids, ref, `Give at least one ID in ${label}.`);
	return ids;
}

/** Where an entity's Other Fields (JSON) sit: Additional Fields (a create) or Update Fields. */
export interface EntityJson {
	collection: 'additionalFields' | 'updateFields';
	values: IDataObject;
}

/**
 * One entity of a create or update (organization, document, folder): its id, the fields
 * given, and the JSON of further fields Velt keeps with it (the named fields win).
 */
export function readEntity(
	target: { idKey: string; id: unknown; idLabel: string },
	fields: IDataObject,
	node: INode,
	itemIndex: number,
	json?: EntityJson,
): IDataObject {
	const extra =
		json === undefined
			? undefined
			: parseJsonObject(json.values.fieldsJson, {
					node,
					itemIndex,
					label: 'Other Fields (JSON)',
					parameter: `${json.collection}.fieldsJson`,
				});
	const entity: IDataObject = { ...extra };
	entity[target.idKey] = requireNonEmptyString(target.id, {
		node,
		itemIndex,
		label: target.idLabel,
		parameter: target.idKey,
	});
	for (const [key, value] of Object.entries(fields))
		if (value !== undefined && value !== '') entity[key] = value;
	return entity;
}

/** A folder picked in `parameter` (required). */
export function readFolder(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	parameter = 'folderId',
): string {
	return requireNonEmptyString(locatorValue(parameters[parameter]), {
		node,
		itemIndex,
		label: 'Folder',
		parameter,
	});
}

/** Organization IDs a write names: never a model's, at least one. */
export function readOrganizationIds(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): string[] {
	requireAuthorOrganization(node, itemIndex, 'organizationIds');
	return readRequiredIds(
		parameters.organizationIds,
		node,
		itemIndex,
		'Organization IDs',
		'organizationIds',
	);
}

/** Disable / Enable: whether to take away read and write access (Velt's `disabled`). */
export function disabledField(what: string, reach: string): INodeProperties {
	return {
		displayName: 'Disabled',
		name: 'disabled',
		type: 'boolean',
		default: true,
		description: `Whether to disable read and write access to the ${what} (${reach}); off enables them again`,
	};
}

/** The Disabled switch as Velt takes it: a boolean, also from an expression. */
export function readDisabled(parameters: ItemParameters, node: INode, itemIndex: number): boolean {
	const value = parameters.disabled;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalidParameterError(
		node,
		itemIndex,
		'Disabled',
		`must be true or false, got ${JSON.stringify(value)}`,
		'Set Disabled on or off, or map a boolean.',
		{ parameter: 'disabled' },
	);
}

/** Disable / Enable: the Disabled switch; disabling from a tool needs the author's `toolSwitch`. */
export function readDisabledState(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	toolSwitch: ToolSwitch,
): boolean {
	const disabled = readDisabled(parameters, node, itemIndex);
	if (disabled) requireToolSwitch(node, itemIndex, toolSwitch);
	return disabled;
}

/** The summary of a write of many ids: the sent fields `echoed` that are set, then Velt's answers. */
export function echoedSummary(verb: 'updated' | 'deleted', echoed: string[]) {
	return (matched: MatchedAnswers, sent: IDataObject): IDataObject => {
		const summary: IDataObject = {};
		for (const key of echoed) if (sent[key] !== undefined) summary[key] = sent[key];
		return { ...summary, ...writeSummary(matched, verb) };
	};
}

/** One paged Get Many: query, limit, page size, start; ids where the read sends them in batches. */
export interface PagedRead {
	query: IDataObject;
	ids?: string[];
	/** undefined means Return All. */
	limit: number | undefined;
	pageSize: number | undefined;
	/** Filters > Start Cursor: the pageToken the read starts from. */
	startToken?: string;
	simplify?: boolean;
}

/** One Get Many of a paged directory (organizations, documents): its ids always given. */
export interface DirectoryQuery extends PagedRead {
	ids: string[];
}

/** Limit, Filters > Start Cursor and Options > Page Size of a Get Many item. */
export function readPaging(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): Pick<PagedRead, 'limit' | 'pageSize' | 'startToken'> {
	const limit = readReturnLimit(parameters, node, itemIndex);
	const startToken = optionalString(((parameters.filters ?? {}) as IDataObject).startCursor);
	// Options is not among the per-item parameters the executor reads (nodes/shared/execution).
	const raw = (context.getNodeParameter('options', itemIndex, {}) as IDataObject).pageSize;
	const pageSize =
		raw === undefined || raw === null || raw === ''
			? undefined
			: requireWholeNumber(raw, {
					node,
					itemIndex,
					label: 'Page Size',
					parameter: 'options.pageSize',
				});
	return { limit, pageSize, ...(startToken !== undefined ? { startToken } : {}) };
}

/**
 * The send of a paged Get Many: every page through readAllPages, up to the request's limit.
 * With `ids`, the request's ids go `perRequest` at a time and only object entries are kept
 * (directory answers); without, every entry of a page counts (activities, recordings).
 */
export function readPagedList(
	endpoint: AnyVeltEndpoint,
	ids?: { field: string; perRequest: number },
) {
	return async function (
		this: IExecuteFunctions,
		request: PagedRead,
		run: OperationRun,
	): Promise<VeltResult<IDataObject[]>> {
		const entries: IDataObject[] = [];
		return await (readAllPages<IDataObject[]>).call(
			this,
			run.connection,
			{
				endpoint,
				data: request.query,
				policy: run.options.policy,
				limits: run.options.readLimits,
				pageSize: request.pageSize,
				startToken: request.startToken,
				limit: request.limit,
				...(ids !== undefined ? { ids: { ...ids, values: request.ids ?? [] } } : {}),
			},
			{
				count: () => entries.length,
				take: (data, left) => {
					const all = Array.isArray(data) ? data : [];
					const page = (ids === undefined ? all : all.filter(isPlainObject)) as IDataObject[];
					appendUpTo(entries, page, left);
					return page.length;
				},
				result: () => entries,
			},
		);
	};
}

/** The toOutcome of a paged Get Many: one item per entry, through `simplify` when Simplify is on. */
export function pagedListOutcome(simplify: (entry: IDataObject) => IDataObject) {
	return ({ data }: { data: IDataObject[] }, request: PagedRead): ItemOutcome => ({
		json: request.simplify === true ? data.map(simplify) : data,
	});
}

/** The send of a directory Get Many: its ids `perRequest` at a time. */
export const readDirectory = (endpoint: AnyVeltEndpoint, idField: string, perRequest: number) =>
	readPagedList(endpoint, { field: idField, perRequest });

/** An access type Velt takes; public only where the author allowed it for a tool. */
export function readAccessType(
	value: unknown,
	node: INode,
	itemIndex: number,
	parameter: string,
): string {
	const accessType = assertOneOf(value, ACCESS_TYPES, {
		node,
		itemIndex,
		label: 'Access Type',
		parameter,
	});
	if (accessType === 'public') requireToolSwitch(node, itemIndex, ALLOW_TOOL_PUBLIC);
	return accessType;
}
