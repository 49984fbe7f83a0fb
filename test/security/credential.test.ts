/**
 * Finding 3: the credential's "Test" button applies the nodes' Base URL rule before it sends
 * the API key and auth token anywhere. Plain http to another host is caught by a local proxy
 * (HTTP_PROXY), so a request that would have left the machine is recorded instead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CREDENTIAL_TEST_LIMITS } from '../../nodes/shared/credentialTest';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import { runCredentialTestResult } from '../helpers/credentialTest';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { VeltNotificationsTrigger } from '../../nodes/VeltNotificationsTrigger/VeltNotificationsTrigger.node';
import { VeltTrigger } from '../../nodes/VeltTrigger/VeltTrigger.node';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';

interface Recorder {
	url: string;
	port: number;
	/** Every request or CONNECT it received: method, target and the headers. */
	seen: Array<{ method: string; target: string; headers: http.IncomingHttpHeaders }>;
	close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
	const seen: Recorder['seen'] = [];
	const server = http.createServer((request, response) => {
		seen.push({
			method: request.method ?? '',
			target: request.url ?? '',
			headers: request.headers,
		});
		request.resume();
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ result: { status: 'success', data: [] } }));
	});
	server.on('connect', (request: http.IncomingMessage, socket: import('node:net').Socket) => {
		seen.push({ method: 'CONNECT', target: request.url ?? '', headers: request.headers });
		socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		seen,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

let emulator: VeltEmulator;
let recorder: Recorder;
const savedEnv = { ...process.env };

beforeAll(async () => {
	emulator = await startVeltEmulator();
	recorder = await startRecorder();
});
afterAll(async () => {
	await recorder.close();
	await emulator.close();
});
beforeEach(() => {
	recorder.seen.length = 0;
	emulator.reset();
	// Anything not for loopback goes to the recorder instead of the network.
	for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'])
		process.env[name] = recorder.url;
	process.env.NO_PROXY = process.env.no_proxy = '127.0.0.1,localhost';
});
afterEach(() => {
	for (const name of [
		'HTTP_PROXY',
		'http_proxy',
		'HTTPS_PROXY',
		'https_proxy',
		'NO_PROXY',
		'no_proxy',
	]) {
		if (savedEnv[name] === undefined) delete process.env[name];
		else process.env[name] = savedEnv[name];
	}
});

const secrets = { apiKey: 'finding-3-key', authToken: 'finding-3-token' };

test.each([
	[
		'http://api.velt.dev',
		/uses http:\/\/, which would send the API key and auth token unencrypted/,
	],
	['http://10.0.0.5', /uses http:\/\/, which would send the API key and auth token unencrypted/],
	['user:pw@localhost', /contains a user name or password/],
])(
	'finding 3: a Base URL of %s is refused with a clear message and nothing is sent',
	async (given, message) => {
		// the user:pw URL points at the recorder itself, so a sent request would land there directly
		const baseUrl = given.startsWith('user:') ? `http://${given}:${recorder.port}` : given;
		const result = await runCredentialTestResult({ ...secrets, baseUrl });
		expect(recorder.seen).toEqual([]);
		expect(emulator.requests).toEqual([]);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Base URL: /);
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain('pw');
		expect(result.message).not.toContain(secrets.authToken);
	},
);

test('finding 3: an https Base URL is still tested (the probe goes out for the named host)', async () => {
	// The recorder is the https proxy: it sees the CONNECT and drops it, so the test fails to connect.
	const result = await runCredentialTestResult({ ...secrets, baseUrl: 'https://api.velt.dev/' });
	expect(recorder.seen.map(({ method, target }) => `${method} ${target}`)).toEqual([
		'CONNECT api.velt.dev:443',
	]);
	expect(result.status).toBe('Error');
	expect(result.message).not.toMatch(/^Base URL/);
	expect(result.message).not.toContain(secrets.apiKey);
});

test('finding 3: http://127.0.0.1 (a local emulator) is still tested as before', async () => {
	const good = { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: `${emulator.url}/` };
	expect(await runCredentialTestResult(good)).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	expect(emulator.requests.map((request) => request.path)).toEqual(['/v2/notifications/get']);
	expect(emulator.requests[0].headers['x-velt-api-key']).toBe(TEST_API_KEY);
	const wrong = await runCredentialTestResult({ ...good, authToken: 'wrong-token' });
	expect(wrong).toEqual({
		status: 'Error',
		message:
			'Velt rejected the API key or auth token. Copy both again from the Velt console (API Keys and Auth Tokens).',
	});
	expect(recorder.seen).toEqual([]);
});

test.each([
	['Velt Notifications', () => new VeltNotifications()],
	['Velt Notifications Trigger', () => new VeltNotificationsTrigger()],
	['Velt Webhook Trigger', () => new VeltTrigger()],
])(
	'finding 3: %s tests the Velt API credential with the same method (whichever node n8n picks)',
	async (_name, make) => {
		const result = await runCredentialTestResult(
			{ ...secrets, baseUrl: 'http://api.velt.dev' },
			make(),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Base URL: .*uses http:\/\//);
		expect(recorder.seen).toEqual([]);
	},
);

/**
 * Review 2, finding 10: the Test button said "Connection successful" for a 302, an HTML page or
 * an HTTP 500, passed no timeout and read any amount. Now only Velt's own answer passes, the
 * probe has a deadline and a byte cap (CREDENTIAL_TEST_LIMITS, lowered here to keep it small).
 */
describe('review 2, finding 10: the credential test passes only on Velt’s own answer', () => {
	interface Scripted {
		url: string;
		close(): Promise<void>;
	}

	async function startScripted(handle: (response: http.ServerResponse) => void): Promise<Scripted> {
		const server = http.createServer((request, response) => {
			request.resume();
			request.on('end', () => handle(response));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		return {
			url: `http://127.0.0.1:${port}`,
			close: async () => {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			},
		};
	}

	const saved = { ...CREDENTIAL_TEST_LIMITS };
	afterEach(() => Object.assign(CREDENTIAL_TEST_LIMITS, saved));

	async function testAgainst(
		handle: (response: http.ServerResponse) => void,
	): Promise<{ status: string; message: string }> {
		const velt = await startScripted(handle);
		try {
			return await runCredentialTestResult({
				apiKey: TEST_API_KEY,
				authToken: TEST_AUTH_TOKEN,
				baseUrl: velt.url,
			});
		} finally {
			await velt.close();
		}
	}

	test.each<[string, (response: http.ServerResponse) => void, RegExp]>([
		[
			'a 302 redirect',
			(response) => {
				response.writeHead(302, { location: 'https://login.example.com/sso?next=x' });
				response.end();
			},
			/HTTP 302 redirecting to https:\/\/login\.example\.com.*Base URL/,
		],
		[
			'an HTML page with HTTP 200',
			(response) => {
				response.writeHead(200, { 'content-type': 'text/html' });
				response.end('<html><body>Welcome to nginx</body></html>');
			},
			/HTTP 200 with a text\/html page instead of JSON.*Base URL/,
		],
		[
			'an HTTP 500 without Velt’s envelope',
			(response) => {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end('{"message":"upstream failed"}');
			},
			/HTTP 500.*could not be checked/,
		],
		[
			'an HTTP 500 INTERNAL from Velt',
			(response) => {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { status: 'INTERNAL', message: 'Internal error' } }));
			},
			/Internal error.*could not be checked/,
		],
		[
			'JSON that is not Velt’s (no result, no error)',
			(response) => {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end('{"hello":"world"}');
			},
			/without a result.*Base URL/,
		],
	])(
		'review 2, finding 10: %s is an error, not "Connection successful"',
		async (_label, handle, message) => {
			const result = await testAgainst(handle);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(message);
			expect(result.message).not.toContain(TEST_API_KEY);
		},
	);

	test('review 2, finding 10: Velt’s 2xx success answer passes', async () => {
		const result = await testAgainst((response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ result: { status: 'success', data: [] } }));
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('review 2, finding 10: a server that never completes its answer ends the test at the deadline', async () => {
		CREDENTIAL_TEST_LIMITS.timeoutMs = 300;
		let ended = 0;
		const result = await testAgainst((response) => {
			// Headers, then a byte now and then, then garbage: never Velt's answer in time.
			response.writeHead(200, { 'content-type': 'application/json' });
			response.write('{');
			const timer = setInterval(() => response.write(' '), 50);
			setTimeout(() => {
				clearInterval(timer);
				ended++;
				response.end('}');
			}, 3000).unref();
			response.on('close', () => clearInterval(timer));
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/within 0\.3 s/);
		// Decided before the server finished.
		expect(ended).toBe(0);
	});

	test('review 2, finding 10: an answer above the byte cap is an error naming it, read no further', async () => {
		CREDENTIAL_TEST_LIMITS.maxResponseBytes = 1024 * 1024;
		let sent = 0;
		const result = await testAgainst((response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			const chunk = Buffer.alloc(64 * 1024, 0x20);
			let closed = false;
			response.on('close', () => (closed = true));
			const pump = () => {
				while (!closed && sent < 100 * 1024 * 1024) {
					sent += chunk.length;
					if (!response.write(chunk)) {
						response.once('drain', pump);
						return;
					}
				}
				if (!closed) response.end();
			};
			pump();
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/larger than 1 MiB.*Base URL/);
		expect(sent).toBeLessThan(16 * 1024 * 1024);
	});
});
