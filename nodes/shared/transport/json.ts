import type { IDataObject } from 'n8n-workflow';

// The one plain-object check and the one JSON-object decoder of the package. A leaf module
// (it imports only n8n-workflow's types), so the transport and everything above it can use it.

/** An object that is neither null nor an array: what Velt's JSON objects and n8n's items are. */
export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text as a value; the problem is JSON.parse's own words. */
export function decodeJson(
	text: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, problem: error instanceof Error ? error.message : String(error) };
	}
}

export type DecodedJsonObject =
	| { ok: true; object: IDataObject }
	/** Not JSON at all: JSON.parse's words. */
	| { ok: false; notJson: true; problem: string }
	/** JSON, but not an object: what it is instead. */
	| { ok: false; notJson: false; value: unknown };

/** The one JSON-object parser: text that must hold a JSON object. */
export function decodeJsonObject(text: string): DecodedJsonObject {
	const decoded = decodeJson(text);
	if (!decoded.ok) return { ok: false, notJson: true, problem: decoded.problem };
	return isPlainObject(decoded.value)
		? { ok: true, object: decoded.value }
		: { ok: false, notJson: false, value: decoded.value };
}
