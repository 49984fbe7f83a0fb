/**
 * The node under injected faults, through n8n-core's engine: transient faults are
 * retried without duplicates, permanent ones fail fast, and no failure shows a secret.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { FAULT_KINDS, startVeltEmulator, type FaultKind, type VeltEmulator } from '../emulator';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { runVelt, sentData, VALID_ADD } from '../node/support';

const ADD = '/v2/notifications/add';
const ITEMS = 2000;
const TIMEOUT_MS = 150;
/** A hang bound, not a timing target: a run takes about a minute alone, much longer beside the other suites. */
const FAULT_RUN_BOUND_MS = 300_000;

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator({ slowMs: TIMEOUT_MS * 3 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.reset());

const items = Array.from({ length: ITEMS }, (_, index) => ({ index, user: `user-${index % 37}` }));

function addParameters(options: INodeParameters): INodeParameters {
	return {
		...VALID_ADD,
		organizationId: 'org-faults',
		documentId: 'doc-faults',
		displayHeadlineMessageTemplate: '=Item {{ $json.index }}',
		notifyUsers: { users: [{ userId: '={{ $json.user }}' }] },
		options,
	};
}

function storedIds(): string[] {
	return emulator.store
		.listNotifications({ organizationId: 'org-faults' })
		.map((notification) => notification.id);
}

function expectNoSecret(value: unknown) {
	const text = JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
	expect(text).not.toContain(TEST_API_KEY);
	expect(text).not.toContain(TEST_AUTH_TOKEN);
}

test(
	`${ITEMS} adds with 20% transient faults and retries on: exactly ${ITEMS} stored, no duplicate, all succeed in input order`,
	async () => {
		emulator.setFaults({ rate: 0.2, seed: 7, kinds: [...FAULT_KINDS], paths: [ADD] });
		const run = await runVelt(emulator, {
			items,
			parameters: addParameters({
				maxRetries: 8,
				retryDelay: 2,
				timeout: TIMEOUT_MS,
				concurrency: 10,
			}),
		});
		expect(run.status).toBe('success');
		expect(run.json).toHaveLength(ITEMS);
		run.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.success).toBe(true);
		});
		const faulted = emulator.requests.filter((request) => request.fault !== undefined);
		const kindsSeen = new Set(faulted.map((request) => request.fault));
		expect(kindsSeen).toEqual(new Set(FAULT_KINDS));
		expect(faulted.length).toBeGreaterThan(ITEMS * 0.15);
		const ids = storedIds();
		expect(ids).toHaveLength(ITEMS);
		expect(new Set(ids).size).toBe(ITEMS);
		expect(new Set(run.json.map((json) => json.notificationId))).toEqual(new Set(ids));
		// The headline proves each output item belongs to its own input item.
		for (const [index, json] of run.json.entries()) {
			expect(
				emulator.store.getNotification('org-faults', json.notificationId as string)?.data
					.displayHeadlineMessageTemplate,
			).toBe(`Item ${index}`);
		}
		// Every retry re-sent the same notificationId: no request carried an id that is not stored.
		expect(new Set(sentData(emulator, ADD).map((data) => data.notificationId))).toEqual(
			new Set(ids),
		);
	},
	FAULT_RUN_BOUND_MS,
);

test(
	'retries off and Continue On Fail: each failed item is an error item at its own index, the store holds exactly the successes',
	async () => {
		// Only faults that change nothing: a response lost after the write ('slow', 'drop') is ambiguous by nature.
		const notApplied: FaultKind[] = [
			'rate_limit',
			'rate_limit_retry_after',
			'internal',
			'unavailable',
			'drop_before',
			'html',
		];
		emulator.setFaults({ rate: 0.2, seed: 11, kinds: notApplied, paths: [ADD] });
		const run = await runVelt(emulator, {
			items,
			continueOnFail: true,
			parameters: addParameters({ maxRetries: 0, timeout: 2000, concurrency: 10 }),
		});
		expect(run.status).toBe('success');
		expect(run.items).toHaveLength(ITEMS);
		const faultedIds = new Set(
			emulator.requests
				.filter((request) => request.fault !== undefined)
				.map((request) => (request.body as { data: IDataObject }).data.notificationId),
		);
		expect(emulator.requests).toHaveLength(ITEMS);
		let failures = 0;
		run.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			const sent = sentData(emulator, ADD).find(
				(data) => data.displayHeadlineMessageTemplate === `Item ${index}`,
			) as IDataObject;
			if (faultedIds.has(sent.notificationId)) {
				failures++;
				expect(item.json.error).toEqual(expect.any(String));
				expect(item.json.success).toBeUndefined();
			} else {
				expect(item.json).toMatchObject({ success: true, notificationId: sent.notificationId });
			}
		});
		expect(failures).toBe(faultedIds.size);
		expect(failures).toBeGreaterThan(ITEMS * 0.15);
		expect(storedIds()).toHaveLength(ITEMS - failures);
		expectNoSecret(run.json);
	},
	FAULT_RUN_BOUND_MS,
);

test('a permanent error (400 INVALID_ARGUMENT) fails fast: one request, no retry', async () => {
	const run = await runVelt(emulator, {
		items: [{ index: 0, user: 'u1' }],
		parameters: {
			...addParameters({ maxRetries: 5, retryDelay: 1 }),
			notifyUsersInputMode: 'json',
			notifyUsers: '=[{"userId": 5, "email": {"bad": true}}]',
			additionalFields: { notificationSource: 'custom', notificationId: 'fixed-id' },
		},
	});
	// The emulator refuses the email object; the node does not retry a 400.
	expect(run.status).toBe('error');
	expect(emulator.requests).toHaveLength(1);
	const error = run.thrown as NodeApiError;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.httpCode).toBe('400');
	expect(error.message).toMatch(/\[INVALID_ARGUMENT\] \(HTTP 400\)$/);
	expectNoSecret({ error, description: error.description, message: error.message, run: run.run });
});

test('an HTML error page gives a readable error, not a JSON parse stack trace', async () => {
	emulator.failNext('html', 10, ADD);
	const run = await runVelt(emulator, {
		items: [{ index: 0, user: 'u1' }],
		parameters: addParameters({ maxRetries: 2, retryDelay: 1 }),
	});
	expect(run.status).toBe('error');
	expect(emulator.requests).toHaveLength(3);
	const error = run.thrown as NodeApiError;
	expect(error.message).toBe('Velt answered HTTP 502 with a text/html page instead of JSON');
	expect(error.description).toContain('Base URL');
	expect(`${error.message} ${error.description}`).not.toMatch(
		/Unexpected token|SyntaxError|JSON\.parse/,
	);
});

test('Retry-After is honoured before retrying', async () => {
	emulator.failNext('rate_limit_retry_after', 1, ADD);
	const run = await runVelt(emulator, {
		items: [{ index: 0, user: 'u1' }],
		parameters: addParameters({ maxRetries: 2, retryDelay: 1 }),
	});
	expect(run.status).toBe('success');
	const [first, second] = emulator.requests;
	expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
	expect(storedIds()).toHaveLength(1);
});

test.each(FAULT_KINDS)(
	'fault "%s" with retries exhausted: a clear error and no secret anywhere',
	async (kind) => {
		emulator.failNext(kind, 3, ADD);
		const run = await runVelt(emulator, {
			items: [{ index: 0, user: 'u1' }],
			parameters: addParameters({ maxRetries: 1, retryDelay: 1, timeout: TIMEOUT_MS }),
		});
		expect(run.status).toBe('error');
		expect(emulator.requests).toHaveLength(2);
		const error = run.thrown as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(
			/^(Velt: .+|Velt did not answer within 150 ms|The connection to Velt failed.*|Velt answered HTTP 502 with a text\/html page instead of JSON)$/,
		);
		expect(error.description).toEqual(expect.any(String));
		expectNoSecret({ error, message: error.message, description: error.description, run: run.run });
	},
);

test("n8n's own Retry On Fail works on top, re-sending the same notificationId", async () => {
	emulator.failNext('drop', 1, ADD);
	const run = await runVelt(emulator, {
		items: [{ index: 0, user: 'u1' }],
		executionId: 'exec-retry-on-fail',
		retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		parameters: addParameters({ maxRetries: 0 }),
	});
	expect(run.status).toBe('success');
	const sent = sentData(emulator, ADD).map((data) => data.notificationId);
	expect(sent).toHaveLength(2);
	expect(sent[0]).toBe(sent[1]);
	expect(storedIds()).toEqual([sent[0]]);
});

test('plain http to anything but loopback is refused before any request', async () => {
	const run = await runVelt(emulator, {
		items: [{ index: 0, user: 'u1' }],
		credentials: { baseUrl: 'http://api.velt.dev' },
		parameters: addParameters({}),
	});
	expect(run.status).toBe('error');
	expect(run.error?.message).toMatch(
		/Base URL: "http:\/\/api\.velt\.dev" uses http:\/\/, which would send the API key and auth token unencrypted/,
	);
	expect(emulator.requests).toHaveLength(0);
});
