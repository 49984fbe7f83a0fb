/**
 * A plain HTTP client for the emulator tests (node's fetch), written from the docs: POST,
 * JSON `{"data": ...}`, the two auth headers.
 */
import type { VeltEmulator } from './server';
import { API_KEY_HEADER, AUTH_TOKEN_HEADER } from './veltDocs';

export interface ApiAnswer {
	status: number;
	headers: Headers;
	// Tests read deep into Velt's answers; a precise type per endpoint would only restate the docs.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

export async function post(
	emulator: VeltEmulator,
	path: string,
	body: unknown,
	headers: Record<string, string> = {
		[API_KEY_HEADER]: emulator.apiKey,
		[AUTH_TOKEN_HEADER]: emulator.authToken,
	},
): Promise<ApiAnswer> {
	const response = await fetch(`${emulator.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// keep the text
	}
	return { status: response.status, headers: response.headers, body: parsed };
}

/** POSTs `{"data": data}`. */
export function call(
	emulator: VeltEmulator,
	path: string,
	data: unknown,
	headers?: Record<string, string>,
): Promise<ApiAnswer> {
	return post(emulator, path, { data }, headers);
}

/**
 * Checks that `actual` has the documented shape: every documented key is there with the
 * same JSON type (null documented = any value), arrays item by item against the first
 * documented item. Keys listed in `idKeyed` (by path) hold maps keyed by ids: their values
 * are compared with the first documented value. `free` paths only need the same type.
 */
export function shapeProblems(
	actual: unknown,
	documented: unknown,
	options: { idKeyed?: string[]; free?: string[]; optional?: string[] } = {},
	path = '',
): string[] {
	const typeOf = (value: unknown): string =>
		value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
	const name = path.replace(/\.\d+(?=\.|$)/g, '.*');
	if (documented === null) return [];
	if (typeOf(actual) !== typeOf(documented))
		return [`${path || '<root>'}: ${typeOf(actual)} instead of ${typeOf(documented)}`];
	if (options.free?.some((free) => name.endsWith(free))) return [];
	if (Array.isArray(documented)) {
		if (documented.length === 0) return [];
		return (actual as unknown[]).flatMap((item, index) =>
			shapeProblems(item, documented[0], options, `${path}.${index}`),
		);
	}
	if (typeOf(documented) !== 'object') return [];
	const actualObject = actual as Record<string, unknown>;
	const documentedObject = documented as Record<string, unknown>;
	if (options.idKeyed?.some((keyed) => name.endsWith(keyed))) {
		const first = Object.values(documentedObject)[0];
		return Object.entries(actualObject).flatMap(([key, value]) =>
			shapeProblems(value, first, options, `${path}.${key}`),
		);
	}
	return Object.entries(documentedObject).flatMap(([key, value]) => {
		const childPath = path === '' ? key : `${path}.${key}`;
		if (!(key in actualObject))
			return options.optional?.includes(key) ? [] : [`${childPath}: missing`];
		return shapeProblems(actualObject[key], value, options, childPath);
	});
}
