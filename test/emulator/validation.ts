/**
 * Request validation helpers and the handler result type shared by every endpoint handler.
 */
import type { JsonObject } from './store';
import { MAX_IDS_PER_CALL, type VeltErrorCode } from './veltDocs';

export type HandlerResult =
	| {
			ok: true;
			message: string;
			data: unknown;
			extra?: JsonObject;
			/** An HTTP status whose answer is not wrapped in `result` (users/data/delete's 202). */
			unwrapped?: number;
	  }
	| {
			ok: false;
			code: VeltErrorCode;
			message: string;
			details?: unknown;
			/** A numeric `code` beside `status` in the error (the GDPR pages' `code: 500`). */
			bodyCode?: number;
			/** Sent as `error.code` instead of `error.status` (folders/delete's documented failure). */
			codeField?: string;
	  };

/** Thrown by validation helpers; turned into an error envelope by dispatch. */
export class VeltApiError extends Error {
	constructor(
		readonly code: VeltErrorCode,
		message: string,
		readonly details?: unknown,
	) {
		super(message);
	}
}

export function invalid(message: string): VeltApiError {
	return new VeltApiError('INVALID_ARGUMENT', message);
}

/** `extra` goes next to status/message/data in `result` (pageToken, nextPageToken). */
export function success(message: string, data: unknown, extra?: JsonObject): HandlerResult {
	return extra === undefined ? { ok: true, message, data } : { ok: true, message, data, extra };
}

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function requireString(data: JsonObject, field: string): string {
	const value = data[field];
	if (typeof value !== 'string' || value === '')
		throw invalid(`${field} is required and must be a non-empty string.`);
	return value;
}

export function optionalString(data: JsonObject, field: string): string | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '')
		throw invalid(`${field} must be a non-empty string.`);
	return value;
}

export function optionalBoolean(data: JsonObject, field: string): boolean | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean.`);
	return value;
}

export function optionalObject(data: JsonObject, field: string): JsonObject | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (!isJsonObject(value)) throw invalid(`${field} must be an object.`);
	return value;
}

export function optionalStringArray(data: JsonObject, field: string): string[] | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (!isStringArray(value)) throw invalid(`${field} must be an array of strings.`);
	return value;
}

/** An id list with the documented "only 30 at a time" limit. */
export function optionalIdList(data: JsonObject, field: string): string[] | undefined {
	const ids = optionalStringArray(data, field);
	if (ids !== undefined && ids.length > MAX_IDS_PER_CALL) {
		throw invalid(`${field} accepts at most ${MAX_IDS_PER_CALL} ids per call (got ${ids.length}).`);
	}
	return ids;
}

/** A string array that must not be empty when given (filterTypes, channels). */
export function optionalNonEmptyStringArray(data: JsonObject, field: string): string[] | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (!isStringArray(value) || value.length === 0 || value.some((item) => item === '')) {
		throw invalid(`${field} must be a non-empty array of strings when provided.`);
	}
	return value;
}

export function optionalPositiveInteger(data: JsonObject, field: string): number | undefined {
	const value = data[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
		throw invalid(`${field} must be a positive integer.`);
	return value;
}

/** pageSize of a paginated get, capped by the emulator's maxPageSize. */
export function pageSizeOf(data: JsonObject, defaultSize: number, maxPageSize: number): number {
	const pageSize = data.pageSize ?? defaultSize;
	if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
		throw invalid('pageSize must be a positive integer.');
	}
	return Math.min(pageSize, maxPageSize);
}

// ---- page tokens --------------------------------------------------------------------------

/** Opaque base64url token around any JSON cursor. */
export function encodeToken(cursor: unknown): string {
	return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/**
 * The cursor inside a token this emulator issued, or undefined for any other string (such
 * as the docs' "8740648311207869"): choices.ts FOREIGN_PAGE_TOKEN_ENDS_LIST.
 */
export function decodeToken(token: unknown, field = 'pageToken'): JsonObject | undefined {
	if (typeof token !== 'string') throw invalid(`${field} must be a string.`);
	try {
		const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
		return isJsonObject(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** An absent, null or empty token means "first page". */
export function hasToken(token: unknown): boolean {
	return token !== undefined && token !== null && token !== '';
}

/** Offset pagination for the small directory lists (organizations, documents, users). */
export function pageByOffset<T>(
	items: readonly T[],
	data: JsonObject,
	pageSize: number,
): { page: T[]; nextToken?: string } {
	let offset = 0;
	if (hasToken(data.pageToken)) {
		const cursor = decodeToken(data.pageToken);
		offset =
			typeof cursor?.offset === 'number' && cursor.offset >= 0 ? cursor.offset : items.length;
	}
	const page = items.slice(offset, offset + pageSize);
	const next = offset + pageSize;
	return next < items.length ? { page, nextToken: encodeToken({ offset: next }) } : { page };
}
