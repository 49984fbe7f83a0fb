/**
 * Issue 16, findings 1, 2, 7, 8 and 14: the Velt Webhook Trigger against hostile input, driven
 * through n8n-core's hook and webhook contexts against the local Velt emulator. Only behaviour
 * the old code also exposes is used, so each test fails on it by an assertion.
 */
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { forgetEndpointSecrets } from '../../nodes/VeltTrigger/endpointSecrets';
import {
	verifyBasicToken,
	verifyStandardWebhook,
} from '../../nodes/VeltTrigger/webhookVerification';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import type { VeltCredentialData } from '../helpers/n8nHarness';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { signedHeaders, triggerWorkflow } from '../triggers/webhookHarness';

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.reset());
afterEach(() => jest.restoreAllMocks());

const SIGNING_INFO_PATH = '/v2/workspace/advancedwebhook/endpoints/secret/get';
/** Longer than any failure memory the fix may choose (30–60 s), far shorter than the 10-minute refresh. */
const PAST_FAILURE_INTERVAL_MS = 61_000;

const credentials = (overrides: IDataObject = {}): VeltCredentialData & IDataObject => ({
	apiKey: TEST_API_KEY,
	authToken: TEST_AUTH_TOKEN,
	baseUrl: emulator.url,
	...overrides,
});

/** An advanced trigger registered with the emulator; the process has forgotten its secret. */
async function coldTrigger(creds = credentials()) {
	const trigger = triggerWorkflow({}, creds);
	expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
	const endpointId = trigger.staticData().endpointId as string;
	const secret = emulator.store.getWebhookEndpoint(endpointId)!.secret;
	forgetEndpointSecrets(trigger.workflow.id, endpointId);
	emulator.requests.length = 0;
	return { ...trigger, endpointId, secret };
}

/** As n8n activates a webhook: create only when checkExists says there is nothing. */
async function activate(trigger: ReturnType<typeof triggerWorkflow>) {
	if (!(await trigger.methods.checkExists.call(trigger.hook())))
		expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
}

const secretGets = () =>
	emulator.requests.filter((request) => request.path === SIGNING_INFO_PATH).length;
const body = JSON.stringify({ event: 'comment.add', data: { commentId: 'c1' } });
/** Standard Webhooks headers signed with a key the test chooses (not through the node's code). */
function headersSignedWithKey(key: Buffer, timestamp = Math.floor(Date.now() / 1000)) {
	const id = `msg_${Math.random().toString(36).slice(2)}`;
	const signature = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body);
	return {
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': `v1,${signature.digest('base64')}`,
	};
}
/** A request the node answers with an error (n8n answers 500 when webhook() throws). */
async function answerOf(received: Promise<{ status: number; executions: number; sent: unknown }>) {
	return await received.catch((error: Error) => ({
		status: 500,
		executions: 0,
		sent: error.message,
	}));
}
/** Moves the clock the node sees forward, as time passing would. */
function advanceClock(ms: number) {
	const now = Date.now();
	jest.spyOn(Date, 'now').mockImplementation(() => now + ms);
}

describe('finding 1: basic mode, long whitespace in Authorization', () => {
	const TOKEN = 'hook-token-123';
	const basic = () => triggerWorkflow({ mode: 'basic' }, { ...credentials(), authToken: TOKEN });
	const ordinary = { authorization: 'Basic wrong-token' };
	const long = { authorization: `Basic x${' '.repeat(15_500)}y` };

	test('finding 1: a 15,500-space header is refused 401 in about the time of an ordinary wrong token', async () => {
		const trigger = basic();
		const timed = async (headers: Record<string, string>) => {
			const started = process.hrtime.bigint();
			for (let round = 0; round < 4; round++) {
				const received = await trigger.receive(headers, '{}');
				expect([received.status, received.executions]).toEqual([401, 0]);
			}
			return Number(process.hrtime.bigint() - started) / 1e6;
		};
		await timed(ordinary); // warm-up
		const ordinaryMs = await timed(ordinary);
		const longMs = await timed(long);
		// The quadratic trim took ~0.25 s per request here (1 s for four); a 10x margin is not flaky.
		expect(longMs).toBeLessThan(Math.max(10 * ordinaryMs, 100));
	});

	test('finding 1: a 16 KB Authorization header is refused for its length, before any trimming', () => {
		// the reason shows the length check came first (the old code trimmed, then said "wrong token")
		const verdict = verifyBasicToken(`Basic ${' '.repeat(16 * 1024)}${TOKEN}`, TOKEN);
		expect(verdict).toEqual({ ok: false, reason: 'Authorization header too long' });
	});

	test('finding 1: surrounding spaces and tabs are still trimmed from a header of ordinary length', () => {
		expect(verifyBasicToken(`Basic \t ${TOKEN} \t`, TOKEN)).toEqual({ ok: true });
		expect(verifyBasicToken(`Basic ${' '.repeat(3000)}${TOKEN}${' '.repeat(1000)}`, TOKEN)).toEqual(
			{ ok: true },
		);
		expect(verifyBasicToken(`Basic ${TOKEN}\xA0`, TOKEN).ok).toBe(false);
	});
});

describe('finding 2: advanced mode, no Velt call for a stranger', () => {
	test('finding 2: requests without well-formed, current Standard Webhooks headers make no secret/get call', async () => {
		const trigger = await coldTrigger();
		const now = Math.floor(Date.now() / 1000);
		const good = signedHeaders(trigger.secret, body);
		for (const headers of [
			{} as Record<string, string>,
			{ 'webhook-id': 'msg_1', 'webhook-timestamp': String(now) },
			{ ...good, 'webhook-id': 'msg.1' },
			{ ...good, 'webhook-timestamp': `${now}.0` },
			{ ...good, 'webhook-timestamp': String(now - 3600) },
			{ ...good, 'webhook-signature': 'v2,abc' },
		]) {
			const received = await trigger.receive(headers, body);
			expect([received.status, received.executions]).toEqual([401, 0]);
		}
		expect(emulator.requests).toEqual([]);
	});

	test('finding 2: when the secret cannot be loaded, 30 forged deliveries make one secret/get call per interval', async () => {
		const trigger = await coldTrigger();
		emulator.store.deleteWebhookEndpoint(trigger.endpointId);
		const stranger = Buffer.from('a-stranger-signing-key-123');
		const answers = [];
		for (let i = 0; i < 20; i++)
			answers.push(await answerOf(trigger.receive(headersSignedWithKey(stranger), body)));
		answers.push(
			...(await Promise.all(
				Array.from(
					{ length: 10 },
					async () => await answerOf(trigger.receive(headersSignedWithKey(stranger), body)),
				),
			)),
		);
		// issue 18: the first delivery that finds the endpoint gone (NOT_FOUND) re-registers, once;
		// the others are checked against the new endpoint's secret, loaded by that re-registration
		const creates = () =>
			emulator.requests.filter(
				(request) => request.path === '/v2/workspace/advancedwebhook/endpoints/create',
			).length;
		expect(answers.map((answer) => answer.status)).toEqual([503, ...Array(29).fill(401)]);
		expect(secretGets()).toBe(2);
		expect(creates()).toBe(1);
		// once the failure interval has passed, still nothing more: the new secret is in memory
		advanceClock(PAST_FAILURE_INTERVAL_MS);
		const stamp = Math.floor(Date.now() / 1000);
		for (let i = 0; i < 5; i++)
			await answerOf(trigger.receive(headersSignedWithKey(stranger, stamp), body));
		expect(secretGets()).toBe(2);
		expect(creates()).toBe(1);
	});

	test('finding 2: concurrent first deliveries still share one load', async () => {
		const trigger = await coldTrigger();
		const answers = await Promise.all(
			Array.from(
				{ length: 10 },
				async () => await trigger.receive(signedHeaders(trigger.secret, body), body),
			),
		);
		expect(answers.map((answer) => answer.executions)).toEqual(Array(10).fill(1));
		expect(secretGets()).toBe(1);
	});
});

describe('finding 7: a signing secret without usable key bytes', () => {
	test.each([
		['no key bytes', 'whsec_', ''],
		['not base64', 'whsec_!!!!', '!!!!'],
		['base64 of a few bytes', 'whsec_YWJj', 'YWJj'],
		['spaces only', 'whsec_    ', '    '],
	])(
		'finding 7: an endpoint secret with %s refuses every delivery, even one signed with that key',
		async (_label, secret, keyPart) => {
			const trigger = await coldTrigger();
			emulator.store.getWebhookEndpoint(trigger.endpointId)!.secret = secret;
			// what anyone can compute: the HMAC key Buffer.from makes of the secret
			const weakKey = Buffer.from(keyPart, 'base64');
			const received = await answerOf(trigger.receive(headersSignedWithKey(weakKey), body));
			expect(received.executions).toBe(0);
			expect(received.status).toBeGreaterThanOrEqual(400);
			expect(received.sent).toEqual({ error: 'The signing secret could not be read from Velt' });
			expect(
				verifyStandardWebhook({
					secret,
					headers: headersSignedWithKey(weakKey),
					rawBody: Buffer.from(body),
					nowSeconds: Math.floor(Date.now() / 1000),
				}).ok,
			).toBe(false);
		},
	);

	test("finding 7: Velt's documented secret formats still verify (18 and 24 key bytes)", () => {
		for (const secret of [
			'whsec_plJ3nmyCDGBKInavdOK15jsl',
			'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
		]) {
			const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
			expect(
				verifyStandardWebhook({
					secret,
					headers: headersSignedWithKey(key),
					rawBody: Buffer.from(body),
					nowSeconds: Math.floor(Date.now() / 1000),
				}).ok,
			).toBe(true);
		}
	});
});

describe('finding 8: a secret load that throws', () => {
	test('finding 8: is answered 503 (not 500) and retried after the short failure interval, not 10 minutes', async () => {
		const creds = credentials();
		const trigger = await coldTrigger(creds);
		// getVeltConnection throws on a Base URL it refuses
		creds.baseUrl = 'http://evil.localhost:5805';
		const first = await answerOf(trigger.receive(signedHeaders(trigger.secret, body), body));
		expect([first.status, first.executions]).toEqual([503, 0]);
		const again = await answerOf(trigger.receive(signedHeaders(trigger.secret, body), body));
		expect([again.status, again.executions]).toEqual([503, 0]);
		expect(emulator.requests).toEqual([]);
		creds.baseUrl = emulator.url;
		advanceClock(PAST_FAILURE_INTERVAL_MS);
		const later = await answerOf(
			trigger.receive(
				signedHeaders(trigger.secret, body, { timestamp: Math.floor(Date.now() / 1000) }),
				body,
			),
		);
		expect([later.status, later.executions]).toEqual([200, 1]);
		expect(secretGets()).toBe(1);
	});
});

describe('finding 14: a signing secret left in static data by an earlier version', () => {
	test('finding 14: the endpoint is replaced: the old one is deleted at Velt and deliveries signed with the old secret are refused', async () => {
		const trigger = await coldTrigger();
		const { endpointId: oldId, secret: leaked } = trigger;
		trigger.staticData().secret = leaked;
		await activate(trigger);
		const newId = trigger.staticData().endpointId as string;
		expect(newId).not.toBe(oldId);
		expect(emulator.store.getWebhookEndpoint(oldId)).toBeUndefined();
		expect(emulator.store.listWebhookEndpoints().map((endpoint) => endpoint.id)).toEqual([newId]);
		expect(Object.keys(trigger.staticData()).sort()).toEqual([
			'endpointId',
			'eventTypes',
			'webhookUrl',
		]);
		expect(JSON.stringify(trigger.workflow.staticData)).not.toContain('whsec_');
		const forged = await trigger.receive(signedHeaders(leaked, body), body);
		expect([forged.status, forged.executions]).toEqual([401, 0]);
		const fresh = emulator.store.getWebhookEndpoint(newId)!.secret;
		const real = await trigger.receive(signedHeaders(fresh, body), body);
		expect(real.executions).toBe(1);
		// the next activation keeps the new endpoint (issue 18: after reading Velt's config and list)
		emulator.requests.length = 0;
		await activate(trigger);
		expect(emulator.requests.map((request) => request.path)).toEqual([
			'/v2/workspace/advancedwebhookconfig/get',
			'/v2/workspace/advancedwebhook/endpoints/get',
		]);
	});

	test('finding 14: re-registering for other events also deletes the endpoint it replaces', async () => {
		const trigger = await coldTrigger();
		trigger.node.parameters.events = ['comment.update'];
		await activate(trigger);
		expect(emulator.store.listWebhookEndpoints()).toEqual([
			expect.objectContaining({
				id: trigger.staticData().endpointId,
				filterTypes: ['comment.update'],
			}),
		]);
	});
});
