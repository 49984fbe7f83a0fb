import type { IDataObject, INode } from 'n8n-workflow';
import { invalidParameterError } from './errors';

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

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireNonEmptyString(value: unknown, field: FieldRef): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidParameterError(
			field.node,
			field.itemIndex,
			field.label,
			'is required but is empty',
			`Enter a value for "${field.label}" or map one from a previous node.`,
			{
				parameter: field.parameter,
				fix: 'Give a non-empty value.',
			},
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

/** JSON given as an object (from an expression) or as JSON text. Empty means "not set". */
export function parseJsonValue(value: unknown, field: FieldRef): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw invalidParameterError(
			field.node,
			field.itemIndex,
			field.label,
			`is not valid JSON (${reason})`,
			'Fix the JSON text, or map an object with an expression such as {{ $json.data }}.',
			{ parameter: field.parameter },
		);
	}
}

export function parseJsonObject(value: unknown, field: FieldRef): IDataObject | undefined {
	const parsed = parseJsonValue(value, field);
	if (parsed === undefined) return undefined;
	if (!isPlainObject(parsed)) {
		throw invalidParameterError(
			field.node,
			field.itemIndex,
			field.label,
			`must be a JSON object, got ${describeType(parsed)}`,
			'Give an object such as {"key": "value"}.',
			{ parameter: field.parameter },
		);
	}
	return parsed;
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
			throw invalidParameterError(
				field.node,
				field.itemIndex,
				field.label,
				`must list ids as text, got ${describeType(part)}`,
				'Give ids separated by commas, or an array of strings.',
				{ parameter: field.parameter },
			);
		}
	}
	return ids;
}

function toArray(value: unknown, field: FieldRef): unknown[] {
	if (Array.isArray(value)) return value;
	throw invalidParameterError(
		field.node,
		field.itemIndex,
		field.label,
		`must be an array, got ${describeType(value)}`,
		undefined,
		{ parameter: field.parameter },
	);
}

/** One user object: needs a non-empty userId; a bare string is taken as the userId. */
export function parseUser(value: unknown, field: FieldRef, position?: number): VeltUser {
	const where = position === undefined ? field.label : `${field.label} #${position + 1}`;
	if (typeof value === 'string' || typeof value === 'number') {
		const userId = String(value).trim();
		if (userId !== '') return { userId };
	}
	if (!isPlainObject(value)) {
		throw invalidParameterError(
			field.node,
			field.itemIndex,
			where,
			`must be a user object with a userId, got ${describeType(value)}`,
			'Give {"userId": "...", "name": "...", "email": "..."}.',
			{ parameter: field.parameter },
		);
	}
	const userId = value.userId;
	if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId).trim() === '') {
		throw invalidParameterError(
			field.node,
			field.itemIndex,
			where,
			'has no userId',
			'Every user needs a userId, the id your app gives the user in Velt.',
			{ parameter: field.parameter },
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
	throw invalidParameterError(
		field.node,
		field.itemIndex,
		field.label,
		`"${String(value)}" is not one of ${allowed.join(', ')}`,
		`Use one of: ${allowed.join(', ')}.`,
		{ parameter: field.parameter },
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
			throw invalidParameterError(
				field.node,
				field.itemIndex,
				`${field.label} #${position + 1}`,
				'has an empty key',
				'Give every pair a key, e.g. actionUser or entityName.',
				{ parameter: field.parameter },
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
