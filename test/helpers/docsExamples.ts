/**
 * Finding the documented examples of test/fixtures/veltDocsExamples.ts by endpoint or page, kind
 * and heading: the one home of the lookups the docs-example tests share.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import {
	docsExamples,
	VELT_DOCS_EXAMPLES,
	type VeltDocsExample,
	type VeltDocsExampleKind,
} from '../fixtures/veltDocsExamples';

/** `endpoint | heading`: a test's name for an example. */
export const exampleLabel = (example: VeltDocsExample): string =>
	`${example.endpoint} | ${example.heading}`;

/** `page | kind | heading`: the key an example goes by on its page. */
export const pageKeyOf = (example: VeltDocsExample): string =>
	`${example.page} | ${example.kind} | ${example.heading}`;

/** [label, example] per documented request of `endpoint`, for test.each. */
export const requestCases = (endpoint: string) =>
	docsExamples(endpoint, 'request').map((example) => [exampleLabel(example), example] as const);

/** The `data` a documented request sends. */
export const dataOf = (example: VeltDocsExample): IDataObject =>
	(example.body as { data: IDataObject }).data;

/** The examples of `endpoint` and `kind` under `heading`. */
export const examplesUnder = (
	endpoint: string,
	kind: VeltDocsExampleKind,
	heading: string,
): VeltDocsExample[] =>
	docsExamples(endpoint, kind).filter((example) => example.heading === heading);

/** The one example of `endpoint` and `kind` under `heading`; throws unless there is exactly one. */
export function documentedExample(
	endpoint: string,
	kind: VeltDocsExampleKind,
	heading: string,
): VeltDocsExample {
	const found = examplesUnder(endpoint, kind, heading);
	if (found.length !== 1) throw new Error(`no single example ${endpoint} ${kind} ${heading}`);
	return found[0];
}

/** The example whose key (pageKeyOf unless told) is `key`, among `examples`; throws if none. */
export function pageExample(
	key: string,
	examples: readonly VeltDocsExample[] = VELT_DOCS_EXAMPLES,
	keyOf: (example: VeltDocsExample) => string = pageKeyOf,
): VeltDocsExample {
	const found = examples.find((example) => keyOf(example) === key);
	if (found === undefined) throw new Error(`no documented example ${key}`);
	return found;
}

/** [endpoint, requests, responses, errors]: how many examples of each kind an endpoint has. */
export const exampleCounts = (
	endpoints: readonly string[],
	responseKinds: readonly VeltDocsExampleKind[] = ['response'],
) =>
	endpoints.map((endpoint) => [
		endpoint,
		docsExamples(endpoint, 'request').length,
		responseKinds.reduce((sum, kind) => sum + docsExamples(endpoint, kind).length, 0),
		docsExamples(endpoint, 'error').length,
	]);

/**
 * What a documented response becomes (a row of test/fixtures/docsExamples/*Responses.json): the
 * whole `output`, or the `first` item's fields (and the item count, `length`), run with the
 * parameters of documented request `request` (the endpoint's first one by default) changed by
 * `with`.
 */
export interface ResponseRow {
	endpoint: string;
	index: number;
	request?: number;
	with?: INodeParameters;
	output?: unknown[];
	first?: IDataObject;
	length?: number;
}

/** A row's expected output, where `{ "$matches": pattern }` stands for a string matching it. */
export const withMatchers = (value: unknown): unknown => {
	if (Array.isArray(value)) return value.map(withMatchers);
	if (typeof value !== 'object' || value === null) return value;
	const pattern = (value as { $matches?: string }).$matches;
	if (pattern !== undefined) return expect.stringMatching(new RegExp(pattern));
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [key, withMatchers(inner)]),
	);
};
