/**
 * Review 2, finding 4: no bound on the size of Velt's answers. Every request of the package now
 * reads Velt's answer as a stream under a byte cap (nodes/shared/transport/responseBody.ts):
 * Options > Max Response Size (MiB) in the action nodes, 64 MiB everywhere else. Each test
 * counts bytes (what the server managed to send, what the process holds), never time.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodeParameters,
} from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import {
	MAX_RESPONSE_SIZE_OPTION_NAME,
	readExecutionOptions,
} from '../../nodes/shared/execution/options';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_POLICY } from '../../nodes/shared/transport';
import { startCannedVelt } from '../helpers/cannedVelt';
import { activatedPollingTrigger } from '../helpers/pollingHarness';
import { searchList } from '../helpers/listSearchHarness';
import { credentialsFor } from '../node/support';
import { byId, errorMessage, runVeltNode } from '../velt/support';

const MIB = 1024 * 1024;

interface HugeVelt {
	url: string;
	/** Body bytes the server got onto the wire, over every request. */
	bytesSent: number;
	requests: number;
	close(): Promise<void>;
}

/** One page of users, as Velt answers users/get (a list). */
const NORMAL_PAGE = JSON.stringify({
	result: { status: 'success', message: 'ok', data: [{ userId: 'u1', name: 'Ana' }] },
});

/**
 * A Velt that answers `totalBytes` of valid users/get JSON (a list of small users), streamed in
 * 64 KiB chunks as fast as the client reads them, without a Content-Length. `declaredLength`
 * instead sends a Content-Length and a few bytes only. `normalFirst` answers the first request
 * with a normal page.
 */
async function startHugeVelt(options: {
	totalBytes?: number;
	declaredLength?: number;
	normalFirst?: boolean;
}): Promise<HugeVelt> {
	const state = { bytesSent: 0, requests: 0 };
	const entry = '{"userId":"u-0000000000","name":"Someone"},';
	const chunk = Buffer.from(entry.repeat(Math.floor((64 * 1024) / entry.length)));
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			state.requests++;
			if (options.normalFirst === true && state.requests === 1) {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(NORMAL_PAGE);
				return;
			}
			if (options.declaredLength !== undefined) {
				response.writeHead(200, {
					'content-type': 'application/json',
					'content-length': String(options.declaredLength),
				});
				response.write('{"result":{"status":"success","data":[');
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			const total = options.totalBytes ?? 0;
			let closed = false;
			response.on('close', () => (closed = true));
			const head = Buffer.from('{"result":{"status":"success","data":[');
			response.write(head);
			state.bytesSent += head.length;
			const pump = () => {
				while (!closed && state.bytesSent < total) {
					state.bytesSent += chunk.length;
					if (!response.write(chunk)) {
						response.once('drain', pump);
						return;
					}
				}
				if (!closed) response.end('{"userId":"last"}]}}');
			};
			pump();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get bytesSent() {
			return state.bytesSent;
		},
		get requests() {
			return state.requests;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

const oneUser = (options: IDataObject = {}): INodeParameters => ({
	resource: 'user',
	operation: 'getAll',
	organizationId: byId('acme'),
	returnAll: false,
	limit: 1,
	options: { maxRetries: 0, ...options },
});

function description(run: { thrown?: unknown }): string {
	return String((run.thrown as { description?: unknown } | undefined)?.description ?? '');
}

describe('review 2, finding 4: a byte cap on every answer of Velt', () => {
	test('review 2, finding 4: a 40 MB answer to a one-item read stops at Options > Max Response Size (MiB), a clear error naming the cap, the option and the Base URL', async () => {
		const velt = await startHugeVelt({ totalBytes: 40 * 1000 * 1000 });
		try {
			const run = await runVeltNode(velt, { parameters: oneUser({ maxResponseSize: 1 }) });
			expect(run.status).toBe('error');
			expect(errorMessage(run)).toMatch(/^Velt's answer was larger than 1 MiB/);
			expect(description(run)).toMatch(/Options > Max Response Size \(MiB\)/);
			expect(description(run)).toMatch(/Base URL/);
			// The connection was dropped at the cap: the server got only a few MiB out, not 40 MB.
			expect(velt.bytesSent).toBeLessThan(16 * MIB);
			// Not retried: the same Base URL would answer the same.
			expect(velt.requests).toBe(1);
		} finally {
			await velt.close();
		}
	});

	test('review 2, finding 4: a Content-Length above the cap is refused before the body is read', async () => {
		const velt = await startHugeVelt({ declaredLength: 3 * 1024 * MIB });
		try {
			const run = await runVeltNode(velt, { parameters: oneUser({ maxResponseSize: 2 }) });
			expect(run.status).toBe('error');
			expect(errorMessage(run)).toMatch(/^Velt's answer was larger than 2 MiB/);
		} finally {
			await velt.close();
		}
	});

	test('review 2, finding 4: an answer under the cap is read as before', async () => {
		const name = 'x'.repeat(3 * MIB);
		const velt = await startCannedVelt({
			status: 200,
			body: { result: { status: 'success', data: [{ userId: 'big', name }] } },
		});
		try {
			const run = await runVeltNode(velt, { parameters: oneUser({ maxResponseSize: 4 }) });
			expect(run.status).toBe('success');
			expect(run.json).toEqual([{ userId: 'big', name }]);
		} finally {
			await velt.close();
		}
	});

	test('review 2, finding 4: the polling trigger and the pickers are capped too (64 MiB, no option to name)', async () => {
		const velt = await startHugeVelt({ declaredLength: 3 * 1024 * MIB });
		try {
			const trigger = activatedPollingTrigger(velt.url, {
				organizationId: 'acme',
				documentId: 'd1',
				simplify: false,
			});
			await expect(trigger.poll()).rejects.toThrow(/^Velt's answer was larger than 64 MiB/);
			await expect(
				searchList({
					nodeType: new Velt(),
					method: 'searchDocuments',
					parameters: { organizationId: byId('acme') },
					credentials: credentialsFor(velt),
					parameterName: 'documentId',
				}),
			).rejects.toThrow(/larger than 64 MiB/);
		} finally {
			await velt.close();
		}
	});

	test('review 2, finding 4: the option is on every operation of both action nodes, labelled and defaulted as the code reads it', () => {
		expect(DEFAULT_REQUEST_POLICY.maxResponseBytes).toBe(64 * MIB);
		for (const node of [new Velt(), new VeltNotifications()]) {
			const collections = node.description.properties.filter(
				(property) => property.name === 'options',
			);
			expect(collections.length).toBeGreaterThan(0);
			for (const collection of collections) {
				const option = (collection.options as INodeProperties[]).find(
					(inner) => inner.name === 'maxResponseSize',
				);
				expect(option).toMatchObject({
					displayName: MAX_RESPONSE_SIZE_OPTION_NAME,
					default: DEFAULT_MAX_RESPONSE_BYTES / MIB,
				});
			}
		}
		const read = (options: IDataObject) =>
			readExecutionOptions.call({
				getNodeParameter: () => options,
			} as unknown as IExecuteFunctions).policy.maxResponseBytes;
		expect(read({})).toBe(DEFAULT_MAX_RESPONSE_BYTES);
		expect(read({ maxResponseSize: 8 })).toBe(8 * MIB);
		expect(read({ maxResponseSize: 0 })).toBe(DEFAULT_MAX_RESPONSE_BYTES);
	});

	test('review 2, finding 4: a Velt that answers 200 MB to a one-item read is a clear error, with the process RSS growth under 2x the cap', async () => {
		const capMiB = 8;
		const velt = await startHugeVelt({ totalBytes: 200 * 1000 * 1000, normalFirst: true });
		try {
			const child = await new Promise<{ stdout: string; stderr: string; code: number | null }>(
				(resolve) => {
					// Asynchronously: this process serves the answer.
					const proc = spawn(
						process.execPath,
						[
							'--expose-gc',
							'--max-old-space-size=256',
							path.join(__dirname, 'responseSize.child.cjs'),
							velt.url,
							String(capMiB),
						],
						{ cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
					);
					let stdout = '';
					let stderr = '';
					proc.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
					proc.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
					proc.on('close', (code) => resolve({ stdout, stderr, code }));
				},
			);
			const line = child.stdout.trim().split('\n').pop() ?? '';
			const result = JSON.parse(line === '' ? '{}' : line) as IDataObject;
			expect({ code: child.code, crashed: result.crashed }).toEqual({
				code: 0,
				crashed: undefined,
			});
			expect(result.warmUp).toBe('success');
			expect(result.status).toBe('error');
			expect(result.message).toMatch(/^Velt's answer was larger than 8 MiB/);
			expect(result.description).toMatch(/Max Response Size \(MiB\)/);
			const growth = (result.peak as number) - (result.before as number);
			expect(growth).toBeLessThan(2 * capMiB * MIB);
			expect(velt.bytesSent).toBeLessThan(200 * 1000 * 1000);
		} finally {
			await velt.close();
		}
	});
});
