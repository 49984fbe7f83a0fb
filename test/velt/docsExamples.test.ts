/**
 * Every documented example of the nine comment endpoints of the Velt node
 * (test/fixtures/veltDocsExamples.ts, from https://docs.velt.dev), both ways, through n8n-core:
 * each example request is reproduced from node parameters (the `data` Velt receives equals the
 * documented one), and each example response and error is served verbatim to the node.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { docsExamples } from '../fixtures/veltDocsExamples';
import commentRequests from '../fixtures/docsExamples/commentRequests.json';
import commentResponses from '../fixtures/docsExamples/commentResponses.json';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { dataOf, withMatchers, type ResponseRow } from '../helpers/docsExamples';
import { expectedGeneratedId } from '../node/support';
import { COLLABORATION_ENDPOINTS as E, runVeltNode } from './support';

const velt = cannedVeltForFile();

/** Node parameters per documented request (heading, parameters), in the order of docsExamples(endpoint, 'request'). */
const REQUESTS = commentRequests as unknown as Record<
	string,
	Array<[heading: string, parameters: INodeParameters]>
>;

/** The run of every documented request, so the thread ID the node generates is known. */
const EXECUTION_ID = 'exec-docs';
const GENERATED_ID = expectedGeneratedId(EXECUTION_ID, 0);

/**
 * What the docs' example shows that the node sends differently, on purpose. Get's examples send
 * `statusId` (a string), which the page's field list does not have; the node sends the
 * documented `statusIds` array (the emulator reads both, test/emulator/choices.ts STATUS_ID_ALIAS).
 * Add's examples send threads without annotationId; the node sends its own, generated.
 */
function expectedData(endpoint: string, documented: IDataObject): IDataObject {
	if (endpoint === E.addCommentAnnotations)
		return {
			...documented,
			commentAnnotations: (documented.commentAnnotations as IDataObject[]).map((annotation) => ({
				annotationId: GENERATED_ID,
				...annotation,
			})),
		};
	if (endpoint !== E.getCommentAnnotations || documented.statusId === undefined) return documented;
	const { statusId, ...rest } = documented;
	return { ...rest, statusIds: [statusId] };
}

/** A minimal success answer per endpoint, for the request examples. */
const SUCCESS: Record<string, unknown> = {
	[E.addCommentAnnotations]: {
		[GENERATED_ID]: {
			success: true,
			annotationId: GENERATED_ID,
			commentIds: [1],
			message: 'Added Successfully',
		},
	},
	[E.getCommentAnnotations]: [],
	[E.getCommentAnnotationsCount]: {},
	[E.updateCommentAnnotations]: { a1: { success: true, id: 'a1', message: 'ok' } },
	[E.deleteCommentAnnotations]: {
		a1: { success: true, id: 'a1', message: 'Deleted Successfully' },
	},
	[E.addComments]: [1],
	[E.getComments]: [],
	[E.updateComments]: { 1: { success: true, id: 1, message: 'ok' } },
	[E.deleteComments]: { 1: { success: true, id: 1, message: 'ok' } },
};

/** The success answer to a documented request: one entry per id it names (a per-id answer must cover them all). */
function successFor(endpoint: string, documented: IDataObject): unknown {
	const ids = (documented.annotationIds ?? documented.commentIds) as
		| Array<string | number>
		| undefined;
	if (
		ids === undefined ||
		typeof SUCCESS[endpoint] !== 'object' ||
		Array.isArray(SUCCESS[endpoint])
	)
		return SUCCESS[endpoint];
	if (endpoint === E.addCommentAnnotations || endpoint === E.getCommentAnnotationsCount)
		return SUCCESS[endpoint];
	return Object.fromEntries(ids.map((id) => [String(id), { success: true, id, message: 'ok' }]));
}

const ENDPOINTS = Object.keys(REQUESTS);

test('the table covers the nine comment endpoints and every documented request of them', () => {
	expect(ENDPOINTS.sort()).toEqual(
		Object.values(E)
			.filter((path) => path.startsWith('/v2/commentannotations'))
			.sort(),
	);
	for (const endpoint of ENDPOINTS) {
		expect(REQUESTS[endpoint].map(([heading]) => heading)).toEqual(
			docsExamples(endpoint, 'request').map((example) => example.heading),
		);
	}
});

describe.each(ENDPOINTS)('documented requests of %s', (endpoint) => {
	test.each(
		docsExamples(endpoint, 'request').map((example, index) => [example.heading, index] as const),
	)('%s', async (_heading, index) => {
		const example = docsExamples(endpoint, 'request')[index];
		velt.answer = {
			status: 200,
			body: {
				result: { status: 'success', message: 'ok', data: successFor(endpoint, dataOf(example)) },
			},
		};
		const run = await runVeltNode(velt, {
			parameters: REQUESTS[endpoint][index][1],
			executionId: EXECUTION_ID,
		});
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(velt.requests).toHaveLength(1);
		expect(velt.requests[0].path).toBe(endpoint);
		expect((velt.requests[0].body as { data: IDataObject }).data).toEqual(
			expectedData(endpoint, dataOf(example)),
		);
	});
});

/** One parameter set per endpoint that reaches it, for the response and error examples. */
const firstParameters = (endpoint: string) =>
	REQUESTS[endpoint][endpoint === E.deleteComments ? 1 : 0][1];

const RESPONSE_OUTPUT = (commentResponses as ResponseRow[]).map((row) => ({
	...row,
	parameters: {
		...(row.request === undefined
			? firstParameters(row.endpoint)
			: REQUESTS[row.endpoint][row.request][1]),
		...row.with,
	},
}));

test('every documented response of the nine endpoints has an output check', () => {
	for (const endpoint of ENDPOINTS) {
		const checked = RESPONSE_OUTPUT.filter((row) => row.endpoint === endpoint).map(
			(row) => row.index,
		);
		expect(checked.sort()).toEqual(docsExamples(endpoint, 'response').map((_, index) => index));
	}
});

test.each(RESPONSE_OUTPUT.map((row) => [`${row.endpoint} #${row.index + 1}`, row] as const))(
	'documented response %s becomes the output',
	async (_name, row) => {
		const example = docsExamples(row.endpoint, 'response')[row.index];
		velt.answer = { status: 200, body: example.body };
		// A page with nextPageToken is followed by an empty last one.
		if ((example.body as { result: IDataObject }).result.nextPageToken !== undefined) {
			velt.queue.push({ status: 200, body: example.body });
			velt.answer = {
				status: 200,
				body: { result: { status: 'success', message: 'ok', data: {} } },
			};
		}
		// Continue On Fail, so an example that is an item error (per-id policy) is output as one.
		const run = await runVeltNode(velt, { parameters: row.parameters, continueOnFail: true });
		expect(run.error?.message).toBeUndefined();
		if (row.output !== undefined) expect(run.json).toEqual(withMatchers(row.output));
		if (row.length !== undefined) expect(run.json).toHaveLength(row.length);
		if (row.first !== undefined) expect(run.json[0]).toMatchObject(row.first);
	},
);

describe.each(ENDPOINTS.filter((endpoint) => docsExamples(endpoint, 'error').length > 0))(
	'documented errors of %s',
	(endpoint) => {
		test.each(docsExamples(endpoint, 'error').map((example, index) => [index, example] as const))(
			'error #%s stops the node with a NodeApiError, or is an error item with Continue On Fail',
			async (_index, example) => {
				const status =
					(example.body as { error: IDataObject }).error.status === 'PERMISSION_DENIED' ? 403 : 400;
				velt.answer = { status, body: example.body };
				const stopped = await runVeltNode(velt, { parameters: firstParameters(endpoint) });
				expect(stopped.status).toBe('error');
				expect(stopped.thrown).toBeInstanceOf(NodeApiError);
				expect(String((stopped.thrown as Error).message)).toContain('ERROR_MESSAGE');
				const continued = await runVeltNode(velt, {
					parameters: firstParameters(endpoint),
					continueOnFail: true,
				});
				expect(continued.status).toBe('success');
				expect(String(continued.json[0].error)).toContain('ERROR_MESSAGE');
			},
		);
	},
);
