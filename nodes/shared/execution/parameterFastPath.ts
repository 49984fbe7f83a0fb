import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { holdsExpression, isExpressionText } from '../expressions';
import { locatorValue } from '../resourceLocator';

/*
 * The expression fast path: reading a parameter for every item through n8n is most of the
 * node's own time (n8n 2.x evaluates every expression in an isolated engine, which over
 * thousands of items costs more than the requests; measured with bench/). Two shortcuts, each
 * giving exactly n8n's value or none at all:
 * - a top-level parameter without any expression has the same value for every item, so it is
 *   read through n8n once and cached;
 * - the commonest mappings, `={{ $json.user.id }}` or `=Deal {{ $json.name }} closed`, are read
 *   straight from the item. Anything else (functions, other variables, non-primitive values in
 *   text) is left to n8n.
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
		if (!isExpressionText(raw)) return () => ({ value: raw });
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

export type ParameterReader = (
	name: string,
	itemIndex: number,
	fallback?: unknown,
	extractValue?: boolean,
) => unknown;

/**
 * Reads a parameter for an item. A top-level parameter without any expression
 * has the same value for every item, so it is resolved once; one whose expressions
 * only read plain `$json` paths is read from the item itself (see simpleExpressions);
 * the rest goes through n8n, whose per-call resolution is most of the node's own time.
 */
export function createParameterReader(context: IExecuteFunctions): ParameterReader {
	const constant = new Map<string, unknown>();
	const simple = new Map<string, SimpleResolver | undefined>();
	const raw = context.getNode().parameters;
	let inputItems: INodeExecutionData[] | undefined;
	const throughN8n = (
		name: string,
		itemIndex: number,
		fallback: unknown,
		extractValue: boolean,
	): unknown =>
		extractValue
			? context.getNodeParameter(name, itemIndex, fallback, { extractValue: true })
			: fallback === undefined
				? context.getNodeParameter(name, itemIndex)
				: context.getNodeParameter(name, itemIndex, fallback);
	return (name, itemIndex, fallback, extractValue = false) => {
		if (constant.has(name)) return constant.get(name);
		// A picker its display options hide is not saved, and n8n cannot extract a value from a
		// property it does not show (it throws "Could not find property"): it holds its default.
		if (extractValue && !Object.prototype.hasOwnProperty.call(raw, name)) {
			const value = locatorValue(fallback);
			constant.set(name, value);
			return value;
		}
		if (!holdsExpression(raw[name])) {
			const value = throughN8n(name, itemIndex, fallback, extractValue);
			constant.set(name, value);
			return value;
		}
		// Resource locators need n8n's value extraction: never read directly.
		if (!simple.has(name))
			simple.set(name, extractValue ? undefined : compileSimpleParameter(raw[name]));
		const resolver = simple.get(name);
		if (resolver !== undefined) {
			inputItems ??= context.getInputData();
			const json = inputItems[itemIndex]?.json;
			const resolved = json === undefined ? undefined : resolver(json);
			if (resolved !== undefined) return resolved.value;
		}
		return throughN8n(name, itemIndex, fallback, extractValue);
	};
}
