import type { IDataObject } from 'n8n-workflow';

/**
 * The commonest mappings, `={{ $json.user.id }}` or `=Deal {{ $json.name }} closed`, read
 * straight from the item. n8n 2.x evaluates every expression in an isolated engine, which
 * over thousands of items costs more than the requests; reading a plain `$json` path
 * needs none of it. Anything else (functions, other variables, non-primitive values in
 * text) is left to n8n, so a result is either exactly n8n's or not given at all.
 */

type PathSegment = string | number;
/** Resolves one parameter value for an item's json; undefined when n8n must do it. */
export type SimpleResolver = (json: IDataObject) => { value: unknown } | undefined;

const PATH = /^\$json((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^'\\]*'\]|\["[^"\\]*"\])*)$/;
const SEGMENT = /\.([A-Z_$][\w$]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]/gi;

function parsePath(code: string): PathSegment[] | undefined {
	const match = PATH.exec(code.trim());
	if (match === null) return undefined;
	const segments: PathSegment[] = [];
	for (const part of match[1].matchAll(SEGMENT)) {
		segments.push(part[2] !== undefined ? Number(part[2]) : (part[1] ?? part[3] ?? part[4]));
	}
	return segments;
}

function readPath(json: unknown, path: PathSegment[]): unknown {
	let current = json;
	for (const segment of path) {
		if (typeof current !== 'object' || current === null) return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<PathSegment, unknown>)[segment];
	}
	return current;
}

const isPlainScalar = (value: unknown): value is string | number | boolean =>
	typeof value === 'string' ||
	typeof value === 'boolean' ||
	(typeof value === 'number' && Number.isFinite(value));

/** A resolver for one expression string (starting with `=`), or undefined when it is not a simple one. */
export function compileSimpleExpression(expression: string): SimpleResolver | undefined {
	const template = expression.slice(1);
	if (template.includes('\\')) return undefined;
	const parts: Array<string | PathSegment[]> = [];
	let rest = template;
	while (rest !== '') {
		const open = rest.indexOf('{{');
		if (open === -1) {
			if (rest.includes('}}')) return undefined;
			parts.push(rest);
			break;
		}
		const close = rest.indexOf('}}', open + 2);
		if (close === -1) return undefined;
		const text = rest.slice(0, open);
		if (text.includes('}}')) return undefined;
		if (text !== '') parts.push(text);
		const path = parsePath(rest.slice(open + 2, close));
		if (path === undefined) return undefined;
		parts.push(path);
		rest = rest.slice(close + 2);
	}
	if (parts.length === 1 && Array.isArray(parts[0])) {
		const path = parts[0];
		// A lone expression keeps the value's type; only plain values are taken as they are.
		return (json) => {
			const value = readPath(json, path);
			return isPlainScalar(value) ? { value } : undefined;
		};
	}
	return (json) => {
		let text = '';
		for (const part of parts) {
			if (typeof part === 'string') {
				text += part;
				continue;
			}
			const value = readPath(json, part);
			if (!isPlainScalar(value)) return undefined;
			text += String(value);
		}
		return { value: text };
	};
}

/**
 * A resolver for a whole parameter value (a string, or a collection holding expression
 * strings at any depth), or undefined when any expression in it is not a simple one.
 */
export function compileSimpleParameter(raw: unknown): SimpleResolver | undefined {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return () => ({ value: raw });
		return compileSimpleExpression(raw);
	}
	if (Array.isArray(raw)) {
		const entries = raw.map(compileSimpleParameter);
		if (entries.some((entry) => entry === undefined)) return undefined;
		return (json) => {
			const values: unknown[] = [];
			for (const entry of entries as SimpleResolver[]) {
				const resolved = entry(json);
				if (resolved === undefined) return undefined;
				values.push(resolved.value);
			}
			return { value: values };
		};
	}
	if (typeof raw === 'object' && raw !== null) {
		const keys = Object.keys(raw);
		const entries = keys.map((key) => compileSimpleParameter((raw as IDataObject)[key]));
		if (entries.some((entry) => entry === undefined)) return undefined;
		return (json) => {
			const value: IDataObject = {};
			for (let index = 0; index < keys.length; index++) {
				const resolved = (entries[index] as SimpleResolver)(json);
				if (resolved === undefined) return undefined;
				value[keys[index]] = resolved.value as IDataObject[string];
			}
			return { value };
		};
	}
	return () => ({ value: raw });
}
