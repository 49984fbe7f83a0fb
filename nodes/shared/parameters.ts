import type { IDataObject, INode, NodeOperationError } from 'n8n-workflow';
import { invalidParameterError } from './errors';
import { decodeJson, decodeJsonObject, isPlainObject } from './transport/json';
import { SORT_ORDERS } from './transport/contract';
import type { ItemParameters } from './execution/operationSetup';

/** Where a value came from, so a problem can name the field and the item. */
export interface FieldRef {
	node: INode;
	itemIndex: number;
	/** The parameter's display name, e.g. "Organization". */
	label: string;
	/** Where the parameter sits in the node's parameters, so a tool's error can name the model's argument. */
	parameter?: string;
}

export type VeltUser = IDataObject & { userId: string };

export function requireNonEmptyString(value: unknown, field: FieldRef): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidParameterError(
			field.node,
			field.itemIndex,
			field.label,
			'is required but is empty',
			`Enter a value for "${field.label}" or map one from a previous node.`,
			{ parameter: field.parameter, fix: 'Give a non-empty value.' },
		);
	}
	return value.trim();
}

/** An optional string: undefined when empty. */
export function optionalString(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** A bad value of `field` (or of a part of it, `label`), its parameter named for a tool's model. */
function fieldError(
	field: FieldRef,
	problem: string,
	fix: string | undefined,
	label: string = field.label,
): NodeOperationError {
	return invalidParameterError(field.node, field.itemIndex, label, problem, fix, {
		parameter: field.parameter,
	});
}

function notJsonError(field: FieldRef, problem: string): NodeOperationError {
	return fieldError(
		field,
		`is not valid JSON (${problem})`,
		'Fix the JSON text, or map an object with an expression such as {{ $json.data }}.',
	);
}

/** JSON given as an object (from an expression) or as JSON text. Empty means "not set". */
export function parseJsonValue(value: unknown, field: FieldRef): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	const decoded = decodeJson(value);
	if (!decoded.ok) throw notJsonError(field, decoded.problem);
	return decoded.value;
}

/** A JSON object given as an object or as JSON text (through decodeJsonObject). Empty means "not set". */
export function parseJsonObject(value: unknown, field: FieldRef): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	let given: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		const decoded = decodeJsonObject(value);
		if (decoded.ok) return decoded.object;
		if (decoded.notJson) throw notJsonError(field, decoded.problem);
		given = decoded.value;
	}
	if (isPlainObject(given)) return given;
	throw fieldError(
		field,
		`must be a JSON object, got ${describeType(given)}`,
		'Give an object such as {"key": "value"}.',
	);
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A list of ids: an array (from an expression), or text separated by commas,
 * spaces or new lines. Empty entries are dropped, order and duplicates kept.
 */
export function parseIdList(value: unknown, field: FieldRef): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.trim().startsWith('[')
				? toArray(parseJsonValue(value, field), field)
				: value.split(/[\s,]+/)
			: [value];
	const ids: string[] = [];
	for (const part of parts) {
		if (typeof part === 'number') ids.push(String(part));
		else if (typeof part === 'string') {
			if (part.trim() !== '') ids.push(part.trim());
		} else {
			throw fieldError(
				field,
				`must list ids as text, got ${describeType(part)}`,
				'Give ids separated by commas, or an array of strings.',
			);
		}
	}
	return ids;
}

function toArray(value: unknown, field: FieldRef): unknown[] {
	if (Array.isArray(value)) return value;
	throw fieldError(field, `must be an array, got ${describeType(value)}`, undefined);
}

/** One user object: needs a non-empty userId; a bare string is taken as the userId. */
export function parseUser(value: unknown, field: FieldRef, position?: number): VeltUser {
	const where = position === undefined ? field.label : `${field.label} #${position + 1}`;
	if (typeof value === 'string' || typeof value === 'number') {
		const userId = String(value).trim();
		if (userId !== '') return { userId };
	}
	if (!isPlainObject(value)) {
		throw fieldError(
			field,
			`must be a user object with a userId, got ${describeType(value)}`,
			'Give {"userId": "...", "name": "...", "email": "..."}.',
			where,
		);
	}
	const userId = value.userId;
	if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId).trim() === '') {
		throw fieldError(
			field,
			'has no userId',
			'Every user needs a userId, the id your app gives the user in Velt.',
			where,
		);
	}
	const user: VeltUser = { ...dropEmpty(value), userId: String(userId).trim() };
	return user;
}

/** The entries of a user list before they become users: IDs and/or user objects. */
export function userListEntries(value: unknown, field: FieldRef): unknown[] {
	// Text that is not JSON is a list of user IDs, e.g. "u1" or "u1, u2" from an expression.
	const isJsonText = typeof value === 'string' && /^\s*[[{"]/.test(value);
	const parsed =
		typeof value === 'string'
			? isJsonText
				? parseJsonValue(value, field)
				: parseIdList(value, field)
			: value;
	if (parsed === undefined || parsed === null) return [];
	return Array.isArray(parsed) ? parsed : [parsed];
}

export function parseUserList(value: unknown, field: FieldRef): VeltUser[] {
	return userListEntries(value, field).map((entry, position) => parseUser(entry, field, position));
}

/** Drops keys whose value is undefined, null or an empty string. */
export function dropEmpty(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = value;
	}
	return result;
}

export function assertOneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	field: FieldRef,
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw fieldError(
		field,
		`"${String(value)}" is not one of ${allowed.join(', ')}`,
		`Use one of: ${allowed.join(', ')}.`,
	);
}

/**
 * Key/value pairs from the UI. A value that is JSON object text becomes an object
 * (so template data can carry user objects); anything else stays text.
 */
export function keyValuePairsToObject(
	pairs: Array<{ key?: unknown; value?: unknown }>,
	field: FieldRef,
): IDataObject {
	const result: IDataObject = {};
	pairs.forEach((pair, position) => {
		const key = optionalString(pair.key);
		if (key === undefined) {
			throw fieldError(
				field,
				'has an empty key',
				'Give every pair a key, e.g. actionUser or entityName.',
				`${field.label} #${position + 1}`,
			);
		}
		const raw = pair.value;
		if (typeof raw === 'string' && raw.trim().startsWith('{')) {
			result[key] = parseJsonObject(raw, { ...field, label: `${field.label} "${key}"` }) ?? {};
		} else {
			result[key] = (raw ?? '') as IDataObject[string];
		}
	});
	return result;
}

/** A whole number of at least `min`, e.g. Limit or Page Size. */
export function requireWholeNumber(value: unknown, field: FieldRef, min = 1): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < min) {
		throw fieldError(
			field,
			`must be a whole number of at least ${min}, got ${String(value)}`,
			undefined,
		);
	}
	return number;
}

/** Get Many's Return All / Limit: the limit, or undefined for all. */
export function readReturnLimit(
	parameters: { returnAll?: unknown; limit?: unknown },
	node: INode,
	itemIndex: number,
): number | undefined {
	if (parameters.returnAll === true) return undefined;
	return requireWholeNumber(parameters.limit, {
		node,
		itemIndex,
		label: 'Limit',
		parameter: 'limit',
	});
}

/** The distinct ids of a list, in their first order. */
export function distinctIds(value: unknown, field: FieldRef): string[] {
	return [...new Set(parseIdList(value, field))];
}

/** Refuses an empty id list, naming the field and the item. */
export function requireSomeIds(
	ids: readonly unknown[],
	field: FieldRef,
	fix: string,
	fixForModel?: string,
): void {
	if (ids.length > 0) return;
	throw invalidParameterError(
		field.node,
		field.itemIndex,
		field.label,
		'is required but is empty',
		fix,
		{
			parameter: field.parameter,
			fix: fixForModel,
		},
	);
}

export function field(node: INode, itemIndex: number, label: string, parameter?: string): FieldRef {
	return { node, itemIndex, label, parameter };
}

export interface IdFilter {
	name: string;
	label: string;
	/** Velt's cap on the list, where documented. */
	max?: number;
}

/** The id-list filters given in a collection, each as Velt takes it; empty ones left out. */
export function readIdFilters(
	given: IDataObject,
	filters: readonly IdFilter[],
	node: INode,
	itemIndex: number,
	prefix = 'filters',
): IDataObject {
	const query: IDataObject = {};
	for (const { name, label, max } of filters) {
		const ids = readIdList(given[name], field(node, itemIndex, label, `${prefix}.${name}`), max);
		if (ids.length > 0) query[name] = ids;
	}
	return query;
}

/** Distinct ids, at most `max` when given (Velt's "≤30" filters). */
export function readIdList(value: unknown, ref: FieldRef, max?: number): string[] {
	const ids = distinctIds(value, ref);
	if (max !== undefined && ids.length > max) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			`has ${ids.length} IDs, but Velt takes at most ${max} in one call`,
			`Give at most ${max}, or split the list over several items.`,
			{ parameter: ref.parameter },
		);
	}
	return ids;
}

/** Comment ids are numbers in Velt (e.g. 153783). */
export function readCommentIds(value: unknown, ref: FieldRef): number[] {
	return distinctIds(value, ref).map((text) => {
		const id = Number(text);
		if (!Number.isSafeInteger(id) || id < 0) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				ref.label,
				`"${text}" is not a comment ID (comment IDs are whole numbers, e.g. 153783)`,
				'Give comment IDs as numbers separated by commas, e.g. from Get Many or the Velt Trigger.',
				{ parameter: ref.parameter },
			);
		}
		return id;
	});
}

/** A whole number or undefined when empty (timestamps in ms, occurrences). */
export function optionalInteger(value: unknown, ref: FieldRef): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isSafeInteger(number)) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			`must be a whole number, got ${JSON.stringify(value)}`,
			'Give a number, e.g. a time in milliseconds since 1970 such as 1720441573192.',
			{ parameter: ref.parameter },
		);
	}
	return number;
}

/** A timestamp in ms given as a number or a date (n8n's dateTime fields give ISO text). */
export function optionalTimestamp(value: unknown, ref: FieldRef): number | undefined {
	if (typeof value === 'string' && value.trim() !== '' && !/^\d+$/.test(value.trim())) {
		const time = Date.parse(value);
		if (Number.isNaN(time)) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				ref.label,
				`"${value}" is not a date`,
				'Give a date such as 2026-01-31T09:00:00Z or a time in milliseconds.',
				{ parameter: ref.parameter },
			);
		}
		return time;
	}
	return optionalInteger(value, ref);
}

export function optionalJsonObject(value: unknown, ref: FieldRef): IDataObject | undefined {
	const object = parseJsonObject(value, ref);
	return object === undefined || Object.keys(object).length === 0 ? undefined : object;
}

/** A JSON array (of objects), empty or unset meaning none. */
export function optionalJsonArray(value: unknown, ref: FieldRef): IDataObject[] | undefined {
	const parsed = parseJsonValue(value, ref);
	if (parsed === undefined) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	list.forEach((entry, position) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				`${ref.label} #${position + 1}`,
				'must be a JSON object',
				'Give an array of objects.',
				{ parameter: ref.parameter },
			);
		}
	});
	return list.length === 0 ? undefined : (list as IDataObject[]);
}

/** A user given as an ID or as a JSON user object (assignee, resolver). */
export function readUserValue(value: unknown, ref: FieldRef): VeltUser | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string' && value.trim().startsWith('{'))
		return parseUser(parseJsonObject(value, ref), ref);
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return parseUser(value, ref);
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

/** The Comment IDs of an item, read from `parameters` or a collection in them (`parameter` its path). */
export function readCommentIdsOf(
	values: { commentIds?: unknown },
	node: INode,
	itemIndex: number,
	parameter = 'commentIds',
): number[] {
	return readCommentIds(values.commentIds, field(node, itemIndex, 'Comment IDs', parameter));
}

/**
 * A Get Many's sort order: Sort from node version 2; in version 1 Order under Filters, where
 * saved workflows have it (undefined when not set: Velt's default).
 */
export function readSortOrder(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): (typeof SORT_ORDERS)[number] | undefined {
	if (node.typeVersion >= 2)
		return assertOneOf(parameters.sort, SORT_ORDERS, field(node, itemIndex, 'Sort', 'sort'));
	const order = ((parameters.filters ?? {}) as IDataObject).order;
	if (order === undefined) return undefined;
	return assertOneOf(order, SORT_ORDERS, field(node, itemIndex, 'Order', 'filters.order'));
}
