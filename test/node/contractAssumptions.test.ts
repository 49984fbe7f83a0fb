/**
 * The node's behaviour where it rests on an ASSUMED line of nodes/shared/transport/contract.ts
 * (Velt's pages are silent there), through n8n-core against a loopback Velt: if Velt turns out
 * to behave otherwise, these tests say which assumption broke.
 */
import { NodeApiError } from 'n8n-workflow';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { ENDPOINTS, runVelt, VALID_ADD } from './support';

const velt = cannedVeltForFile();

const page = (ids: string[], pageToken?: unknown) => ({
	status: 200,
	body: {
		result: {
			status: 'success',
			message: 'ok',
			data: ids.map((id) => ({ id, timestamp: 1 })),
			...(pageToken === undefined ? {} : { pageToken }),
		},
	},
});
const getAll = {
	resource: 'notification',
	operation: 'getAll',
	organizationId: 'acme',
	documentId: 'd1',
	returnAll: true,
	simplify: false,
};

test.each([
	['absent', undefined],
	['null', null],
	['empty', ''],
])(
	'isLastPage: a page whose pageToken is %s ends Get Many (Return All)',
	async (_name, pageToken) => {
		velt.answer = page(['n-1', 'n-2'], pageToken);
		const run = await runVelt(velt, { parameters: getAll });
		expect(run.status).toBe('success');
		expect(velt.requests).toHaveLength(1);
		expect(run.json.map((json) => json.id)).toEqual(['n-1', 'n-2']);
	},
);

test('isLastPage: a page with a token is followed by a request carrying it', async () => {
	velt.queue.push(page(['n-1'], 'next-1'));
	velt.answer = page(['n-2']);
	const run = await runVelt(velt, { parameters: getAll });
	expect(velt.requests.map((request) => request.body)).toEqual([
		{ data: { organizationId: 'acme', documentId: 'd1' } },
		{ data: { organizationId: 'acme', documentId: 'd1', pageToken: 'next-1' } },
	]);
	expect(run.json.map((json) => json.id)).toEqual(['n-1', 'n-2']);
});

test("HTTP_STATUS_BY_ERROR_CODE is ASSUMED: the node goes by Velt's error.status, whatever the HTTP status", async () => {
	velt.answer = {
		status: 418,
		body: { error: { status: 'UNAUTHENTICATED', message: 'Invalid auth token for workspace.' } },
	};
	const run = await runVelt(velt, { parameters: { ...getAll, options: { retryDelay: 1 } } });
	expect(run.thrown).toBeInstanceOf(NodeApiError);
	const error = run.thrown as NodeApiError;
	expect(error.message).toBe(
		'Velt: Invalid auth token for workspace. [UNAUTHENTICATED] (HTTP 418)',
	);
	expect(error.description).toMatch(/^Velt did not accept the credential/);
	expect(velt.requests).toHaveLength(1);
});

test('a 500 INTERNAL is ASSUMED transient on the notification endpoints: retried, then the answer is used', async () => {
	velt.queue.push({
		status: 500,
		body: { error: { status: 'INTERNAL', message: 'Internal error.' } },
	});
	velt.answer = page(['n-1']);
	const run = await runVelt(velt, { parameters: { ...getAll, options: { retryDelay: 1 } } });
	expect(run.status).toBe('success');
	expect(velt.requests.map((request) => request.path)).toEqual([
		ENDPOINTS.getNotifications,
		ENDPOINTS.getNotifications,
	]);
	expect(run.json.map((json) => json.id)).toEqual(['n-1']);
});

test('an existing id is ASSUMED replaced (docs/velt-api-assumptions.md): a retried Add re-sends the same notificationId, so Velt can replace instead of duplicating', async () => {
	velt.queue.push({
		status: 503,
		body: { error: { status: 'INTERNAL', message: 'Unavailable.' } },
	});
	velt.answer = {
		status: 200,
		body: {
			result: {
				status: 'success',
				message: 'Notification added successfully.',
				data: { success: true, message: 'Notification added successfully.' },
			},
		},
	};
	const run = await runVelt(velt, {
		parameters: { ...VALID_ADD, options: { retryDelay: 1 } },
	});
	expect(run.status).toBe('success');
	const ids = velt.requests.map(
		(request) => (request.body as { data: { notificationId: string } }).data.notificationId,
	);
	expect(ids).toHaveLength(2);
	expect(ids[1]).toBe(ids[0]);
	expect(run.json[0].notificationId).toBe(ids[0]);
});
