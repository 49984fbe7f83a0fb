/**
 * Issue 16: the transport and Get Many against a misbehaving Velt, through n8n-core's real
 * engine against the emulator's hostile modes (test/emulator/hostile.ts). Each finding's
 * tests fail on the code before the fix: a Get Many that pages forever is caught by a race
 * (the run is then ended by closing its server), so it fails on an assertion, not a hang.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { waitFor } from '../helpers/bounds';
import { description as getAllDescription } from '../../nodes/VeltNotifications/actions/notification/getAll.operation';
import * as transport from '../../nodes/shared/transport';
import { normalizeBaseUrl, scrubVeltData } from '../../nodes/shared/transport';
import { startVeltEmulator, type HostileConfig, type VeltEmulator } from '../emulator';
import { startCannedVelt } from '../helpers/cannedVelt';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import {
	headlineNotification,
	runVelt,
	seedNotifications,
	VALID_ADD,
	type VeltRun,
} from '../node/support';

const ORG = 'org-hostile';
const DOC = 'doc-hostile';
const GET = '/v2/notifications/get';

let emulator: VeltEmulator;
beforeEach(async () => {
	// One emulator per test: a run that pages forever on the old code is ended by closing it.
	emulator = await startVeltEmulator();
	seedNotifications(
		emulator,
		['n1', 'n2', 'n3'].map((notificationId) => headlineNotification(ORG, DOC, notificationId)),
	);
});
afterEach(async () => {
	await emulator.close();
});

function getMany(options: IDataObject = {}, extra: IDataObject = {}): INodeParameters {
	return {
		resource: 'notification',
		operation: 'getAll',
		organizationId: ORG,
		documentId: DOC,
		returnAll: true,
		options: { maxRetries: 0, ...options },
		...extra,
	} as INodeParameters;
}

/** The run, or 'still running' when it has not ended within `ms` (a loop on the old code). */
async function within(ms: number, run: Promise<VeltRun>): Promise<VeltRun | 'still running'> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'still running'>((resolve) => {
		timer = setTimeout(() => resolve('still running'), ms);
	});
	try {
		return await Promise.race([run, late]);
	} finally {
		clearTimeout(timer);
	}
}

function errorText(run: VeltRun): string {
	const error = run.thrown as (Error & { description?: string }) | undefined;
	return `${error?.message ?? ''} ${error?.description ?? ''}`;
}

function expectNoSecret(value: unknown): void {
	const text = JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
	expect(text).not.toContain(TEST_API_KEY);
	expect(text).not.toContain(TEST_AUTH_TOKEN);
}

function hostile(config: HostileConfig): void {
	emulator.setHostile(config);
}

describe('finding 5: Get Many Return All is bounded', () => {
	test('finding 5: a repeated page token with non-empty pages ends with an error naming it, after two pages', async () => {
		hostile({ mode: 'repeatedPageToken' });
		const run = await within(5000, runVelt(emulator, { parameters: getMany() }));
		expect(run).not.toBe('still running');
		if (run === 'still running') return;
		expect(run.status).toBe('error');
		expect(errorText(run)).toMatch(/page token "hostile-repeated-token" again after 2 pages/);
		expect(emulator.requests.filter((request) => request.path === GET)).toHaveLength(2);
	});

	test('finding 5: endless fresh page tokens stop at Options > Max Pages per Read, never retried', async () => {
		hostile({ mode: 'endlessPageTokens' });
		const run = await within(
			5000,
			runVelt(emulator, { parameters: getMany({ maxPagesPerRead: 7, maxRetries: 3 }) }),
		);
		expect(run).not.toBe('still running');
		if (run === 'still running') return;
		expect(run.status).toBe('error');
		expect(errorText(run)).toMatch(/still had more pages after 7.*Max Pages per Read/);
		expect(emulator.requests.filter((request) => request.path === GET)).toHaveLength(7);
	});

	test('finding 5: Options > Max Items per Read stops a read that collects too much', async () => {
		hostile({ mode: 'endlessPageTokens' });
		const run = await within(
			5000,
			runVelt(emulator, { parameters: getMany({ maxItemsPerRead: 10 }) }),
		);
		expect(run).not.toBe('still running');
		if (run === 'still running') return;
		expect(run.status).toBe('error');
		expect(errorText(run)).toMatch(/more than 10 items for one read.*Max Items per Read/);
	});

	test('finding 5: Options > Max Read Time (Ms) stops a read that pages for too long', async () => {
		hostile({ mode: 'endlessPageTokens' });
		emulator.setLatency(30);
		const run = await within(
			5000,
			runVelt(emulator, { parameters: getMany({ maxReadTime: 300 }) }),
		);
		expect(run).not.toBe('still running');
		if (run === 'still running') return;
		expect(run.status).toBe('error');
		expect(errorText(run)).toMatch(/after 300 ms of reading.*Max Read Time/);
	});

	test.each([
		['Return All', {}, 1000],
		['a Limit', { returnAll: false, limit: 50 }, 50],
	])(
		'finding 5: a page far bigger than asked (%s) is refused, not output',
		async (_label, extra, asked) => {
			hostile({ mode: 'hugePage' });
			const run = await runVelt(emulator, { parameters: getMany({}, extra) });
			expect(run.status).toBe('error');
			expect(errorText(run)).toMatch(
				new RegExp(`answered ${asked * 5 + 1} items on a page of at most ${asked}`),
			);
			expect(run.json).toEqual([]);
		},
	);

	test('finding 5: the caps default to DEFAULT_READ_LIMITS and the existing parameters are all kept', () => {
		// Read through the namespace so this file also compiles against code without the caps.
		const DEFAULT_READ_LIMITS = (
			transport as unknown as { DEFAULT_READ_LIMITS?: Record<string, number> }
		).DEFAULT_READ_LIMITS;
		expect(DEFAULT_READ_LIMITS).toMatchObject({
			maxPages: 10_000,
			maxItems: 10_000_000,
			maxMs: 3_600_000,
		});
		const options = getAllDescription.find((field) => field.name === 'options') as INodeProperties;
		const defaults = Object.fromEntries(
			((options.options ?? []) as INodeProperties[]).map((field) => [field.name, field.default]),
		);
		expect(defaults).toMatchObject({
			maxPagesPerRead: 10_000,
			maxItemsPerRead: 10_000_000,
			maxReadTime: 3_600_000,
			concurrency: 0,
			maxConcurrency: expect.any(Number),
			maxRetries: expect.any(Number),
			retryDelay: expect.any(Number),
			timeout: expect.any(Number),
		});
		// Filters is defined once per node version (Order moved to Sort in version 2).
		expect([...new Set(getAllDescription.map((field) => field.name))]).toEqual([
			'organizationId',
			'documentId',
			'userId',
			'returnAll',
			'limit',
			'simplify',
			'sort',
			'filters',
			'options',
		]);
	});

	test('finding 5: a well-behaved Velt is read to the end under the default caps', async () => {
		const run = await runVelt(emulator, { parameters: getMany() });
		expect(run.status).toBe('success');
		expect(run.json.map((json) => json.id)).toEqual(['n3', 'n2', 'n1']);
	});
});

describe('finding 6: redirects are not followed', () => {
	let other: http.Server;
	let otherUrl: string;
	let received: http.IncomingHttpHeaders[];
	beforeEach(async () => {
		received = [];
		// Answers like Velt, so a followed redirect would look like success on the old code.
		other = http.createServer((req, res) => {
			received.push(req.headers);
			req.resume();
			req.on('end', () => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ result: { status: 'success', message: 'ok', data: [] } }));
			});
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
	});
	afterEach(async () => {
		other.closeAllConnections();
		await new Promise((resolve) => other.close(resolve));
	});

	test.each([
		['Add', VALID_ADD],
		['Get Many', getMany()],
		[
			'Notification Setting > Get',
			{
				resource: 'notificationConfig',
				operation: 'get',
				organizationId: ORG,
				userId: 'u1',
				getOrganizationConfig: true,
			},
		],
	])(
		'finding 6: %s answered 307 to another origin fails naming it; the other origin gets no request with x-velt-* headers',
		async (_label, parameters) => {
			hostile({ mode: 'redirect', redirectTo: otherUrl });
			const run = await runVelt(emulator, {
				parameters: parameters as INodeParameters,
				continueOnFail: true,
			});
			const withVeltHeaders = received.filter((headers) =>
				Object.keys(headers).some((name) => name.toLowerCase().startsWith('x-velt-')),
			);
			expect(withVeltHeaders).toEqual([]);
			expect(received).toEqual([]);
			expect(JSON.stringify(run.json)).toContain(
				`Velt answered HTTP 307 redirecting to ${otherUrl}; redirects are not followed so the API key is never sent elsewhere. Check the Base URL`,
			);
			// Not retried: a redirect does not go away.
			expect(emulator.requests).toHaveLength(1);
		},
	);
});

describe('finding 9: secrets in Velt messages', () => {
	test("finding 9: Velt's result.message echoing the API key and auth token reaches Add's output redacted", async () => {
		const canned = await startCannedVelt({
			status: 200,
			body: {
				result: {
					status: 'success',
					message: `Added for key ${TEST_API_KEY} / token ${TEST_AUTH_TOKEN}`,
					data: { success: true },
				},
			},
		});
		try {
			const run = await runVelt(canned, { parameters: VALID_ADD });
			expect(run.status).toBe('success');
			expect(run.json[0].message).toBe('Added for key [redacted] / token [redacted]');
			expectNoSecret(run.json);
		} finally {
			await canned.close();
		}
	});

	test("finding 9: Velt's error.message echoing them is redacted in the node's error", async () => {
		const canned = await startCannedVelt({
			status: 400,
			body: { error: { status: 'INVALID_ARGUMENT', message: `Bad key ${TEST_API_KEY}` } },
		});
		try {
			const run = await runVelt(canned, { parameters: VALID_ADD });
			expect(run.status).toBe('error');
			expect(errorText(run)).toMatch(/Bad key \[redacted\]/);
			expectNoSecret(run.thrown);
			expectNoSecret(run.run.data.resultData);
		} finally {
			await canned.close();
		}
	});
});

describe('finding 10: the timeout is a deadline for the whole attempt', () => {
	test('finding 10: a server trickling a byte every 20 ms is cut off at Options > Timeout, not when it finishes', async () => {
		// The answer would take 4 s to trickle out; the node must hang up on it (counted by the
		// emulator), not wait for its end.
		hostile({ mode: 'slowDrip', dripIntervalMs: 20, dripMaxMs: 4000 });
		const run = await runVelt(emulator, {
			parameters: { ...VALID_ADD, options: { timeout: 300, maxRetries: 0 } } as INodeParameters,
		});
		expect(run.status).toBe('error');
		expect(errorText(run)).toMatch(/did not answer within 300 ms/);
		await waitFor('the emulator to see the node hang up', () => emulator.dripOutcomes().cutOff > 0);
		expect(emulator.dripOutcomes()).toEqual({ cutOff: 1, completed: 0 });
	});

	test('finding 10: a deadline passed counts as a timeout, so it is retried as set under Options > Retries', async () => {
		hostile({ mode: 'slowDrip', dripIntervalMs: 20, dripMaxMs: 4000 });
		const run = await runVelt(emulator, {
			parameters: {
				...VALID_ADD,
				options: { timeout: 200, maxRetries: 1, retryDelay: 1 },
			} as INodeParameters,
		});
		expect(run.status).toBe('error');
		expect(errorText(run)).toMatch(/did not answer within 200 ms/);
		expect(emulator.requests).toHaveLength(2);
	});

	test('finding 10: a trickle that completes within the timeout is still read', async () => {
		hostile({ mode: 'slowDrip', dripIntervalMs: 5, dripMaxMs: 100 });
		const run = await runVelt(emulator, {
			parameters: { ...VALID_ADD, options: { timeout: 3000 } } as INodeParameters,
		});
		expect(run.status).toBe('success');
	});
});

/** `{"a": {"a": ... leaf}}`, `depth` levels, built without recursion. */
function nested(depth: number, leaf: IDataObject): IDataObject {
	let value: IDataObject = leaf;
	for (let level = 0; level < depth; level++) value = { a: value };
	return value;
}

function bottom(value: IDataObject): IDataObject {
	let current = value;
	while (typeof current.a === 'object' && current.a !== null) current = current.a as IDataObject;
	return current;
}

describe('finding 13: the scrubber works at any depth', () => {
	test.each([10_000, 200_000])(
		'finding 13: a payload nested %i levels deep is scrubbed without a stack overflow',
		(depth) => {
			const payload = nested(depth, {
				metadata: { apiKey: TEST_API_KEY, organizationId: ORG },
				text: `key ${TEST_API_KEY} token ${TEST_AUTH_TOKEN}`,
			});
			expect(() => scrubVeltData(payload, [TEST_API_KEY, TEST_AUTH_TOKEN])).not.toThrow();
			expect(bottom(payload)).toEqual({
				metadata: { organizationId: ORG },
				text: 'key [redacted] token [redacted]',
			});
		},
	);

	test('finding 13: Get Many over notifications nested 10,000 levels deep answers without a crash', async () => {
		hostile({ mode: 'deepNesting', depth: 10_000 });
		const run = await runVelt(emulator, { parameters: getMany() });
		expect(run.status).toBe('success');
		expect(run.json.map((json) => json.id)).toEqual(['n3', 'n2', 'n1']);
	});
});

describe('Base URL trim (regexp/no-super-linear-move)', () => {
	test('trailing slashes are trimmed; a long run of slashes inside the URL is kept as it is', () => {
		expect(normalizeBaseUrl('https://proxy.example.com/velt///')).toEqual({
			baseUrl: 'https://proxy.example.com/velt',
		});
		expect(normalizeBaseUrl('https://api.velt.dev/')).toEqual({ baseUrl: 'https://api.velt.dev' });
		// Linear by construction (eslint-plugin-regexp's super-linear rules run over nodes/ in
		// `npm run lint`); here only the result of a long run of slashes.
		expect(normalizeBaseUrl(`https://api.velt.dev/${'/'.repeat(100_000)}x`)).toEqual({
			baseUrl: `https://api.velt.dev/${'/'.repeat(100_000)}x`,
		});
	});
});
