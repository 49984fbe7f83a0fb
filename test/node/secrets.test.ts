/**
 * The API key and auth token never show up in output items, error messages, descriptions,
 * or anywhere in the serialized error and run data: after successes, Velt errors, transport
 * failures, per-id failures and bad input, with and without Continue On Fail: every operation
 * of both nodes, from the operation table (test/helpers/operationTable.ts).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { NodeApiError } from 'n8n-workflow';
import type { VeltRun } from './support';
import { runVelt, VALID_ADD } from './support';
import {
	OPERATION_TABLE,
	runRow,
	seedOperationWorld,
	TABLE_CASES,
	type OperationRow,
} from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';

// Fake values ("dummy" marks them so for the hard-coded-secret lint), distinctive enough to scan for.
const API_KEY = 'vk-dummy-apikey-7Qx93';
const AUTH_TOKEN = 'vt-dummy-authtoken-Lm28Z';
const WRONG_TOKEN = 'vt-dummy-wrong-authtoken-Pz11K';
const SECRETS = [API_KEY, AUTH_TOKEN, WRONG_TOKEN];

const emulator = useEmulator(
	{ apiKey: API_KEY, authToken: AUTH_TOKEN, maxPageSize: 2 },
	{ reset: false },
);
beforeEach(() => {
	emulator.reset();
	seedOperationWorld(emulator);
	for (const notificationId of ['n-1', 'n-2', 'n-3']) {
		emulator.store.insertNotification({
			organizationId: 'acme',
			documentId: 'd1',
			notificationId,
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
			displayHeadlineMessageTemplate: 'Hi',
		});
	}
});

const credentials = { apiKey: API_KEY, authToken: AUTH_TOKEN };

/**
 * A sign-in token Velt generated (Sign-In Token > Generate): a secret of its own, searched for
 * like the credential's everywhere but in that operation's own output.
 */
let signInToken = '';
const GENERATE = OPERATION_TABLE.find((row) => row.resource === 'signInToken') as OperationRow;
beforeAll(async () => {
	seedOperationWorld(emulator);
	const run = await runRow(GENERATE, emulator, { credentials, parameters: GENERATE.parameters });
	signInToken = String(run.json[0].token);
	expect(signInToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
});

function expectNoSecrets(run: VeltRun, secrets = [...SECRETS, signInToken]): void {
	const error = run.thrown as (Error & { description?: string | null }) | undefined;
	const texts: Array<[string, string]> = [
		['output items', JSON.stringify(run.items)],
		['error message', error?.message ?? ''],
		['error description', String(error?.description ?? '')],
		['JSON of the thrown error', JSON.stringify(error ?? null)],
		['JSON of the run error', JSON.stringify(run.error ?? null)],
		['JSON of the run data', JSON.stringify(run.run)],
	];
	for (const [where, text] of texts) {
		for (const secret of secrets) {
			if (text.includes(secret)) throw new Error(`${where} contains the secret ${secret}`);
		}
	}
}

/** Every operation of both nodes (test/helpers/operationTable.ts), and a raw Get Many, whose notifications echo the API key. */
const getAllRow = OPERATION_TABLE.find(
	(row) => row.node === 'veltNotifications' && row.operation === 'getAll',
) as OperationRow;
const ROWS: Array<[string, OperationRow]> = [
	...TABLE_CASES,
	[
		'veltNotifications notification/getAll (raw, Velt echoes the API key in metadata)',
		{ ...getAllRow, parameters: { ...getAllRow.parameters, simplify: false } },
	],
];
const ADD = OPERATION_TABLE[0];

test.each(ROWS)('%s succeeds without the secrets in its output or run data', async (_name, row) => {
	const run = await runRow(row, emulator, { credentials, parameters: row.parameters });
	expect(run.status).toBe('success');
	expect(run.items.length).toBeGreaterThan(0);
	// Generate's output is where its token belongs.
	expectNoSecrets(run, row === GENERATE ? SECRETS : undefined);
});

test.each(ROWS)(
	'%s with a wrong auth token fails without either secret anywhere',
	async (_name, row) => {
		const run = await runRow(row, emulator, {
			credentials: { ...credentials, authToken: WRONG_TOKEN },
			parameters: row.parameters,
		});
		expect(run.status).toBe('error');
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expectNoSecrets(run);
	},
);

test.each(ROWS)(
	'%s with Continue On Fail and a wrong auth token: error items without the secrets',
	async (_name, row) => {
		const run = await runRow(row, emulator, {
			continueOnFail: true,
			credentials: { ...credentials, authToken: WRONG_TOKEN },
			parameters: row.parameters,
		});
		expect(run.status).toBe('success');
		expect(run.json[0].httpCode).toBe('403');
		expectNoSecrets(run);
	},
);

test.each(ROWS)(
	'%s: a dropped connection (a transport failure) carries no secret, with and without Continue On Fail',
	async (_name, row) => {
		for (const continueOnFail of [false, true]) {
			emulator.failNext('drop_before', 1);
			const run = await runRow(row, emulator, {
				continueOnFail,
				credentials,
				parameters: { ...row.parameters, options: { maxRetries: 0 } },
			});
			if (continueOnFail) {
				expect(run.status).toBe('success');
				expect(run.json[0].error).toBe('The connection to Velt failed before an answer arrived');
			} else {
				expect(run.status).toBe('error');
				expect(run.thrown).toBeInstanceOf(NodeApiError);
			}
			expectNoSecrets(run);
		}
	},
);

test.each([
	["a proxy's HTML page", 'html'],
	['a dropped connection', 'drop_before'],
	['a rate limit', 'rate_limit'],
	['a server error', 'internal'],
] as const)('a failure from %s carries no secret', async (_name, kind) => {
	emulator.failNext(kind, 5);
	const run = await runVelt(emulator, {
		credentials,
		parameters: { ...ADD.parameters, options: { maxRetries: 1, retryDelay: 1 } },
	});
	expect(run.status).toBe('error');
	expectNoSecrets(run);
});

test('a timeout carries no secret', async () => {
	emulator.failNext('slow', 1, undefined, { slowMs: 300 });
	const run = await runVelt(emulator, {
		credentials,
		parameters: { ...ADD.parameters, options: { maxRetries: 0, timeout: 30 } },
	});
	expect(run.status).toBe('error');
	expect(run.thrown).toBeInstanceOf(NodeApiError);
	expectNoSecrets(run);
});

test('per-id failures and bad input carry no secret', async () => {
	const perId = await runVelt(emulator, {
		credentials,
		parameters: {
			resource: 'notification',
			operation: 'update',
			organizationId: 'acme',
			id: 'gone',
			updateFields: { readByUserIds: 'u1' },
		},
	});
	expect(perId.status).toBe('error');
	expectNoSecrets(perId);
	const badInput = await runVelt(emulator, {
		credentials,
		parameters: { ...VALID_ADD, notifyUsers: {}, notifyAll: false },
	});
	expect(badInput.status).toBe('error');
	expectNoSecrets(badInput);
});

describe('a server that echoes the credential in its error message', () => {
	// The emulator never repeats a header back; this stand-in on loopback does, so the
	// redaction itself is exercised.
	let echo: http.Server;
	let echoUrl: string;
	beforeAll(async () => {
		echo = http.createServer((request, response) => {
			request.resume();
			request.on('end', () => {
				const message = `Invalid API key ${String(request.headers['x-velt-api-key'])} for token ${String(request.headers['x-velt-auth-token'])}`;
				response.writeHead(403, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { message, status: 'PERMISSION_DENIED' } }));
			});
		});
		await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
		echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => echo.close(() => resolve()));
	});

	test.each(ROWS)('%s: the secrets are replaced by [redacted] in the error', async (_name, row) => {
		const run = await runRow(row, emulator, {
			credentials: { ...credentials, baseUrl: echoUrl },
			parameters: row.parameters,
		});
		expect(run.status).toBe('error');
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect((run.thrown as NodeApiError).message).toBe(
			'Velt: Invalid API key [redacted] for token [redacted] [PERMISSION_DENIED] (HTTP 403)',
		);
		expectNoSecrets(run);
	});

	test.each(ROWS)('%s: and in the error items of Continue On Fail', async (_name, row) => {
		const run = await runRow(row, emulator, {
			continueOnFail: true,
			credentials: { ...credentials, baseUrl: echoUrl },
			parameters: row.parameters,
		});
		expect(run.json).toEqual([
			{
				error:
					'Velt: Invalid API key [redacted] for token [redacted] [PERMISSION_DENIED] (HTTP 403)',
				description: expect.stringContaining('Velt did not accept the credential'),
				httpCode: '403',
			},
		]);
		expectNoSecrets(run);
	});
});
