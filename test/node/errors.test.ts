/**
 * Failures of Velt calls: NodeApiError with Velt's message and code, the HTTP status, the item
 * and a hint; retries of transient failures; Continue On Fail; the credential's headers. Every
 * operation of both nodes (test/helpers/operationTable.ts) fails the same way, and with Continue
 * On Fail gives an error item on the regular output or, with "Use error output", the second one.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { startVeltEmulator, type FaultKind } from '../emulator';
import { startCannedVelt } from '../helpers/cannedVelt';
import type { VeltRun } from './support';
import { ENDPOINTS, pairedItems, runVelt, sentData, VALID_ADD } from './support';
import { runRow, seedOperationWorld, TABLE_CASES } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const HINTS = {
	permission:
		'Velt did not accept the credential. Copy the API key and the auth token again from the Velt console (https://console.velt.dev); the token must belong to the same app as the key.',
	advancedQueries:
		'Get Many needs "Advanced Queries" switched on: in the Velt console (https://console.velt.dev) open Dashboard > Configurations and enable Advanced Queries.',
	invalidArgument: 'Velt rejected a field of the request: correct the field named in the message.',
	missingCredential: 'Fill in both the API key and the auth token in the "Velt API" credential.',
	temporary:
		'Velt had a temporary problem. Try again; the node retries these as set under Options > Retries.',
	rateLimit:
		"Velt's rate limit was reached. Raise Options > Retries or lower Options > Concurrency, or spread the work over time.",
	serverError: 'Velt had a temporary problem. Try again later.',
	notJson:
		"Velt (or a proxy in front of it) answered with something that is not Velt's JSON. Check the credential's Base URL; if it is right, Velt may be having an outage, so try again later.",
	unreachable:
		"Velt could not be reached or did not answer in time. Check the credential's Base URL and your network; the node retries transient failures as set under Options > Retries.",
};

function expectApiError(
	run: VeltRun,
	expected: { message: string; description: string; httpCode: string | null; itemIndex: number },
): NodeApiError {
	expect(run.status).toBe('error');
	expect(run.thrown).toBeInstanceOf(NodeApiError);
	const error = run.thrown as NodeApiError;
	expect(error.message).toBe(expected.message);
	expect(error.description).toBe(expected.description);
	expect(error.httpCode).toBe(expected.httpCode);
	expect(error.context.itemIndex).toBe(expected.itemIndex);
	// What n8n keeps in the run data (a plain copy) says the same.
	expect(run.error).toMatchObject({
		name: 'NodeApiError',
		message: expected.message,
		description: expected.description,
		context: { itemIndex: expected.itemIndex },
	});
	return error;
}

const addParameters = (extra: INodeParameters = {}): INodeParameters => ({
	...VALID_ADD,
	...extra,
});

describe('Velt error answers', () => {
	test("PERMISSION_DENIED (wrong auth token): Velt's message and code, HTTP 403, a hint to check the auth token; not retried", async () => {
		const run = await runVelt(emulator, {
			credentials: { authToken: 'not-the-token' },
			parameters: addParameters({ options: { retryDelay: 1 } }),
		});
		expectApiError(run, {
			message: 'Velt: Invalid auth token. [PERMISSION_DENIED] (HTTP 403)',
			description: HINTS.permission,
			httpCode: '403',
			itemIndex: 0,
		});
		expect(emulator.requests).toHaveLength(1);
	});

	test('UNAUTHENTICATED ("Invalid auth token for workspace.", https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get) gets the wrong-credential hint; not retried', async () => {
		const velt = await startCannedVelt({
			status: 401,
			body: { error: { status: 'UNAUTHENTICATED', message: 'Invalid auth token for workspace.' } },
		});
		try {
			const run = await runVelt(velt, {
				parameters: addParameters({ options: { retryDelay: 1 } }),
			});
			expectApiError(run, {
				message: 'Velt: Invalid auth token for workspace. [UNAUTHENTICATED] (HTTP 401)',
				description: HINTS.permission,
				httpCode: '401',
				itemIndex: 0,
			});
			expect(velt.requests.map((request) => request.path)).toEqual([ENDPOINTS.addNotification]);
		} finally {
			await velt.close();
		}
	});

	test('PERMISSION_DENIED (wrong API key)', async () => {
		const run = await runVelt(emulator, {
			credentials: { apiKey: 'not-the-key' },
			parameters: addParameters(),
		});
		expectApiError(run, {
			message: 'Velt: Invalid API key. [PERMISSION_DENIED] (HTTP 403)',
			description: HINTS.permission,
			httpCode: '403',
			itemIndex: 0,
		});
	});

	test('a missing auth token (INVALID_ARGUMENT) points at the credential', async () => {
		const run = await runVelt(emulator, {
			credentials: { authToken: '' },
			parameters: addParameters(),
		});
		expectApiError(run, {
			message: 'Velt: Auth Token not found in headers. [INVALID_ARGUMENT] (HTTP 400)',
			description: HINTS.missingCredential,
			httpCode: '400',
			itemIndex: 0,
		});
	});

	test('"Advanced queries are not enabled" (NOT_FOUND) says where to enable them', async () => {
		emulator.setFeatures({ advancedQueries: false });
		const run = await runVelt(emulator, {
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				organizationId: 'acme',
				documentId: 'd1',
			},
		});
		expectApiError(run, {
			message:
				'Velt: Advanced queries are not enabled. Enable them in the Velt console (Configurations > Advanced Queries). [NOT_FOUND] (HTTP 404)',
			description: HINTS.advancedQueries,
			httpCode: '404',
			itemIndex: 0,
		});
	});

	test("INVALID_ARGUMENT for the second item: the error carries that item's index; the first item was still added", async () => {
		const run = await runVelt(emulator, {
			items: [{ users: [{ userId: 'u1' }] }, { users: [{ userId: 'u2', email: 42 }] }],
			parameters: addParameters({
				notifyUsersInputMode: 'json',
				notifyUsers: '={{ $json.users }}',
			}),
		});
		expectApiError(run, {
			message: 'Velt: notifyUsers[0].email must be a string. [INVALID_ARGUMENT] (HTTP 400)',
			description: HINTS.invalidArgument,
			httpCode: '400',
			itemIndex: 1,
		});
		expect(emulator.store.countNotifications('acme')).toBe(1);
	});

	test('after a failure no further request starts (Concurrency 1)', async () => {
		const run = await runVelt(emulator, {
			items: [
				{ users: [{ userId: 'u1', email: 1 }] },
				{ users: [{ userId: 'u2' }] },
				{ users: [{ userId: 'u3' }] },
			],
			parameters: addParameters({
				notifyUsersInputMode: 'json',
				notifyUsers: '={{ $json.users }}',
				options: { concurrency: 1 },
			}),
		});
		expect(run.status).toBe('error');
		expect((run.thrown as NodeApiError).context.itemIndex).toBe(0);
		expect(emulator.requests).toHaveLength(1);
	});

	test('a failed update call fails every item it carried, with the error as NodeApiError', async () => {
		emulator.failNext('internal', 1, ENDPOINTS.updateNotifications);
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ id: 'n-1' }, { id: 'n-2' }],
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: 'acme',
				id: '={{ $json.id }}',
				updateFields: { readByUserIds: 'u1' },
				options: { maxRetries: 0 },
			},
		});
		expect(run.status).toBe('success');
		expect(emulator.requests).toHaveLength(1);
		const failed = {
			error: 'Velt: Internal error. Please try again later. [INTERNAL] (HTTP 500)',
			description: HINTS.temporary,
			httpCode: '500',
		};
		expect(run.json).toEqual([failed, failed]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('retries', () => {
	test('rate limits are retried with backoff and the same body; the node then succeeds', async () => {
		emulator.failNext('rate_limit', 2);
		const run = await runVelt(emulator, {
			executionId: 'exec-rl',
			parameters: addParameters({ options: { retryDelay: 1 } }),
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.fault)).toEqual([
			'rate_limit',
			'rate_limit',
			undefined,
		]);
		const bodies = sentData(emulator);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(bodies[2]).toEqual(bodies[0]);
		expect(emulator.store.countNotifications('acme')).toBe(1);
	});

	// [name, fault, times, options, message, hint, HTTP status, requests made (null: not counted)]
	test.each([
		[
			"when the retries run out: Velt's error after 1 + Retries attempts",
			'internal',
			10,
			{ retryDelay: 1, maxRetries: 2 },
			'Velt: Internal error. Please try again later. [INTERNAL] (HTTP 500)',
			HINTS.temporary,
			'500',
			3,
		],
		[
			'a rate limit that outlasts the retries',
			'rate_limit',
			10,
			{ retryDelay: 1, maxRetries: 1 },
			'Velt: Rate limit exceeded. Please retry with exponential backoff. [RESOURCE_EXHAUSTED] (HTTP 429)',
			HINTS.rateLimit,
			'429',
			2,
		],
		[
			'Retries 0 turns retrying off',
			'unavailable',
			1,
			{ maxRetries: 0 },
			'Velt: The service is currently unavailable. [UNAVAILABLE] (HTTP 503)',
			HINTS.serverError,
			'503',
			1,
		],
		[
			"a proxy's HTML page is not Velt's JSON",
			'html',
			1,
			{ maxRetries: 0 },
			'Velt answered HTTP 502 with a text/html page instead of JSON',
			HINTS.notJson,
			'502',
			null,
		],
	] as Array<[string, FaultKind, number, INodeParameters, string, string, string, number | null]>)(
		'%s',
		async (_name, fault, times, options, message, description, httpCode, requests) => {
			emulator.failNext(fault, times);
			const run = await runVelt(emulator, { parameters: addParameters({ options }) });
			expectApiError(run, { message, description, httpCode, itemIndex: 0 });
			if (requests !== null) expect(emulator.requests).toHaveLength(requests);
		},
	);

	test('a Retry-After from Velt is honoured over the (tiny) Retry Delay', async () => {
		emulator.failNext('rate_limit_retry_after', 1);
		const run = await runVelt(emulator, {
			parameters: addParameters({ options: { retryDelay: 1 } }),
		});
		expect(run.status).toBe('success');
		expect(emulator.requests).toHaveLength(2);
		expect(
			emulator.requests[1].receivedAt - emulator.requests[0].receivedAt,
		).toBeGreaterThanOrEqual(950);
	});

	test('a connection dropped before Velt answered is retried', async () => {
		emulator.failNext('drop_before', 1);
		const run = await runVelt(emulator, {
			parameters: addParameters({ options: { retryDelay: 1 } }),
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.fault)).toEqual(['drop_before', undefined]);
		expect(emulator.store.countNotifications('acme')).toBe(1);
	});

	test('an answer slower than Timeout is a timeout', async () => {
		emulator.failNext('slow', 1, undefined, { slowMs: 400 });
		const run = await runVelt(emulator, {
			parameters: addParameters({ options: { timeout: 50, maxRetries: 0 } }),
		});
		expect(run.status).toBe('error');
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		const error = run.thrown as NodeApiError;
		expect(error.message).toBe('Velt did not answer within 50 ms');
		expect(error.description).toBe(HINTS.unreachable);
		expect(error.context.itemIndex).toBe(0);
	});

	test('nothing listening at the Base URL', async () => {
		const closed = await startVeltEmulator();
		const url = closed.url;
		await closed.close();
		const run = await runVelt(emulator, {
			credentials: { baseUrl: url },
			parameters: addParameters({ options: { maxRetries: 1, retryDelay: 1 } }),
		});
		expect(run.status).toBe('error');
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		const error = run.thrown as NodeApiError;
		expect(error.message).toBe('The connection to Velt failed before an answer arrived');
		expect(error.description).toBe(HINTS.unreachable);
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('Continue On Fail', () => {
	test('a failed item becomes an error item (message, hint, HTTP status), paired with it; the other items succeed', async () => {
		const run = await runVelt(emulator, {
			continueOnFail: true,
			executionId: 'exec-cof',
			items: [
				{ users: [{ userId: 'u1' }] },
				{ users: [{ userId: 'u2', email: false }] },
				{ users: [{ userId: 'u3' }] },
			],
			parameters: addParameters({
				notifyUsersInputMode: 'json',
				notifyUsers: '={{ $json.users }}',
			}),
		});
		expect(run.status).toBe('success');
		expect(run.json[1]).toEqual({
			error: 'Velt: notifyUsers[0].email must be a string. [INVALID_ARGUMENT] (HTTP 400)',
			description: HINTS.invalidArgument,
			httpCode: '400',
		});
		expect([run.json[0].success, run.json[2].success]).toEqual([true, true]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.store.countNotifications('acme')).toBe(2);
	});

	test('Get Many: the failed input item gives one error item, the others their notifications', async () => {
		emulator.store.insertNotification({
			organizationId: 'acme',
			documentId: 'd1',
			notificationId: 'n-1',
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
		});
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ order: 'desc' }, { order: 'sideways' }],
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				organizationId: 'acme',
				documentId: 'd1',
				filters: { order: '={{ $json.order }}' },
			},
		});
		expect(run.status).toBe('success');
		expect(run.items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			['n-1', { item: 0 }],
			['Order: "sideways" is not one of asc, desc (item 1)', { item: 1 }],
		]);
		expect(emulator.requests).toHaveLength(1);
	});
});

describe('every operation of both nodes (test/helpers/operationTable.ts)', () => {
	const INTERNAL = {
		message: 'Velt: Internal error. Please try again later. [INTERNAL] (HTTP 500)',
		description: HINTS.temporary,
		httpCode: '500',
	};
	/** The input item, recognisable in an error output that n8n merges it into. */
	const INPUT = { marker: 'input-0' };
	beforeEach(() => seedOperationWorld(emulator));

	async function failing(
		row: (typeof TABLE_CASES)[number][1],
		onError?: 'continueRegularOutput' | 'continueErrorOutput',
	) {
		emulator.failNext('internal', 1);
		return await runRow(row, emulator, {
			items: [INPUT],
			onError,
			parameters: { ...row.parameters, options: { maxRetries: 0 } },
		});
	}

	test.each(TABLE_CASES)(
		"%s: a Velt failure stops the node with Velt's message, code, HTTP status, the item and a hint",
		async (_name, row) => {
			const run = await failing(row);
			expectApiError(run, { ...INTERNAL, itemIndex: 0 });
			expect(emulator.requests).toHaveLength(1);
		},
	);

	test.each(TABLE_CASES)(
		'%s: with Continue On Fail (regular output) the failure is an error item paired with its input item',
		async (_name, row) => {
			const run = await failing(row, 'continueRegularOutput');
			expect(run.status).toBe('success');
			expect(run.json).toEqual([
				{ error: INTERNAL.message, description: INTERNAL.description, httpCode: '500' },
			]);
			expect(pairedItems(run)).toEqual([{ item: 0 }]);
			expect(run.outputs).toHaveLength(1);
		},
	);

	test.each(TABLE_CASES)(
		'%s: with "Use error output" the failure goes to the second output, paired with its input item; the first stays empty',
		async (_name, row) => {
			const run = await failing(row, 'continueErrorOutput');
			expect(run.status).toBe('success');
			expect(run.outputs).toHaveLength(2);
			expect(run.outputs[0]).toEqual([]);
			expect(run.outputs[1]).toHaveLength(1);
			expect(run.outputs[1][0].json).toMatchObject({ ...INPUT, error: INTERNAL.message });
			expect(run.outputs[1][0].pairedItem).toEqual({ item: 0 });
		},
	);

	test.each(TABLE_CASES)(
		'%s: with "Use error output" a success stays on the first output and the second is empty',
		async (_name, row) => {
			const run = await runRow(row, emulator, {
				items: [INPUT],
				onError: 'continueErrorOutput',
				parameters: row.parameters,
			});
			expect(run.status).toBe('success');
			expect(run.outputs[0]).toHaveLength(row.outputItems);
			expect(run.outputs[0][0].json).toMatchObject(row.result);
			expect(run.outputs[1]).toEqual([]);
		},
	);
});

describe('the credential', () => {
	test('every request is a JSON POST carrying the API key and auth token headers', async () => {
		await runVelt(emulator, { parameters: addParameters() });
		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requests;
		expect(request.method).toBe('POST');
		expect(request.headers['x-velt-api-key']).toBe('test-api-key');
		expect(request.headers['x-velt-auth-token']).toBe('test-auth-token');
		expect(String(request.headers['content-type'])).toMatch(/^application\/json/);
	});

	test('a Base URL with a trailing slash is used as is', async () => {
		const run = await runVelt(emulator, {
			credentials: { baseUrl: `${emulator.url}/` },
			parameters: addParameters(),
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.path)).toEqual([ENDPOINTS.addNotification]);
	});

	test('plain http to a host other than loopback is refused before any request', async () => {
		const run = await runVelt(emulator, {
			credentials: { baseUrl: 'http://velt.example.com' },
			parameters: addParameters(),
		});
		expect(run.status).toBe('error');
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect((run.thrown as NodeOperationError).message).toBe(
			'Velt API credential, Base URL: "http://velt.example.com" uses http://, which would send the API key and auth token unencrypted. Use https://; plain http is only allowed for localhost / 127.0.0.1 (a local emulator).',
		);
		expect(emulator.requests).toEqual([]);
	});
});
