/**
 * Every documented example of the activity, recording and live-state pages (issue 28;
 * test/fixtures/veltDocsExamples.ts, from https://docs.velt.dev), both ways, through n8n-core
 * as test/velt/docsExamples.test.ts does for comments: each example request is reproduced from
 * node parameters (the `data` Velt receives equals the documented one), each example response
 * is served verbatim and becomes the output in test/fixtures/docsExamples/activityResponses.json,
 * and each error stops the node (or is an error item with Continue On Fail).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { docsExamples, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import activityRequests from '../fixtures/docsExamples/activityRequests.json';
import activityResponses from '../fixtures/docsExamples/activityResponses.json';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { withMatchers, type ResponseRow } from '../helpers/docsExamples';
import { ACTIVITY_ENDPOINTS as E } from '../../nodes/shared/transport';
import { runVeltNode } from './support';

const velt = cannedVeltForFile();

const REQUESTS = activityRequests as unknown as Record<
	string,
	Array<[heading: string, parameters: INodeParameters]>
>;
const ENDPOINTS = Object.keys(REQUESTS);

/**
 * The documented requests of an endpoint. Broadcast's page shows its example without the
 * `{"data": ...}` its field list documents (so the extractor files it as a payload); the node
 * sends the documented envelope, with the example's fields inside.
 */
function documentedRequests(endpoint: string): VeltDocsExample[] {
	return endpoint === E.broadcastLiveState
		? docsExamples(endpoint, 'payload')
		: docsExamples(endpoint, 'request');
}
const dataOf = (example: VeltDocsExample) =>
	(example.kind === 'payload'
		? example.body
		: (example.body as { data: unknown }).data) as IDataObject;

/** A success answer to a documented request: one per-id entry for each id it names (or one). */
function successFor(endpoint: string, documented: IDataObject): unknown {
	if (endpoint === E.getActivities || endpoint === E.getRecordings) return [];
	if (endpoint === E.updateActivities || endpoint === E.deleteActivities) {
		const ids = (documented.activityIds as string[] | undefined) ??
			(documented.activities as IDataObject[] | undefined)?.map((activity) =>
				String(activity.id),
			) ?? ['activity-001'];
		return Object.fromEntries(ids.map((id) => [id, { success: true, message: 'ok' }]));
	}
	return { success: true };
}

test('the table covers the six endpoints and every documented request of them, in order', () => {
	expect(ENDPOINTS.sort()).toEqual(Object.values(E).sort());
	for (const endpoint of ENDPOINTS)
		expect(REQUESTS[endpoint].map(([heading]) => heading)).toEqual(
			documentedRequests(endpoint).map((example) => example.heading),
		);
});

describe.each(ENDPOINTS)('documented requests of %s', (endpoint) => {
	test.each(
		documentedRequests(endpoint).map((example, index) => [example.heading, index] as const),
	)('%s', async (_heading, index) => {
		const example = documentedRequests(endpoint)[index];
		velt.answer = {
			status: 200,
			body: {
				result: { status: 'success', message: 'ok', data: successFor(endpoint, dataOf(example)) },
			},
		};
		const run = await runVeltNode(velt, { parameters: REQUESTS[endpoint][index][1] });
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(velt.requests).toHaveLength(1);
		expect(velt.requests[0].path).toBe(endpoint);
		expect((velt.requests[0].body as { data: IDataObject }).data).toEqual(dataOf(example));
	});
});

const ROWS = (activityResponses as ResponseRow[]).map((row) => ({
	...row,
	parameters: { ...REQUESTS[row.endpoint][row.request ?? 0][1], ...row.with },
}));

test('every documented response of the six endpoints has an output check', () => {
	for (const endpoint of ENDPOINTS) {
		const checked = new Set(
			ROWS.filter((row) => row.endpoint === endpoint).map((row) => row.index),
		);
		expect([...checked].sort()).toEqual(
			docsExamples(endpoint, 'response').map((_, index) => index),
		);
	}
});

test.each(
	ROWS.map((row, position) => [`${row.endpoint} #${row.index + 1} (${position})`, row] as const),
)('documented response %s becomes the output', async (_name, row) => {
	const example = docsExamples(row.endpoint, 'response')[row.index];
	velt.answer = { status: 200, body: example.body };
	// A page with a pageToken is followed by an empty last one.
	if ((example.body as { result: IDataObject }).result.pageToken !== undefined) {
		velt.queue.push({ status: 200, body: example.body });
		velt.answer = { status: 200, body: { result: { status: 'success', message: 'ok', data: [] } } };
	}
	const run = await runVeltNode(velt, { parameters: row.parameters, continueOnFail: true });
	expect(run.error?.message).toBeUndefined();
	if (row.output !== undefined) expect(run.json).toEqual(withMatchers(row.output));
	if (row.length !== undefined) expect(run.json).toHaveLength(row.length);
	if (row.first !== undefined) expect(run.json[0]).toMatchObject(row.first);
});

describe.each(ENDPOINTS)('documented errors of %s', (endpoint) => {
	test.each(docsExamples(endpoint, 'error').map((example, index) => [index, example] as const))(
		'error #%s stops the node with a NodeApiError, or is an error item with Continue On Fail',
		async (_index, example) => {
			velt.answer = { status: 400, body: example.body };
			const parameters = REQUESTS[endpoint][0][1];
			const stopped = await runVeltNode(velt, { parameters });
			expect(stopped.status).toBe('error');
			expect(stopped.thrown).toBeInstanceOf(NodeApiError);
			expect(String((stopped.thrown as Error).message)).toContain('ERROR_MESSAGE');
			const continued = await runVeltNode(velt, { parameters, continueOnFail: true });
			expect(continued.status).toBe('success');
			expect(String(continued.json[0].error)).toContain('ERROR_MESSAGE');
		},
	);
});

test('each of the six endpoints has its documented error example', () => {
	expect(ENDPOINTS.map((endpoint) => docsExamples(endpoint, 'error').length)).toEqual(
		ENDPOINTS.map(() => 1),
	);
});
