import { HookContext, WebhookContext } from 'n8n-core';
import type { IDataObject, INode, IWebhookData, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { VeltTrigger } from '../../nodes/VeltTrigger/VeltTrigger.node';
import { decodeBasicPayload, signPayload, verifyBasicToken, verifyStandardWebhook } from '../../nodes/VeltTrigger/webhookVerification';
import { signStandardWebhook, startVeltEmulator, type VeltEmulator } from '../emulator';
import { buildAdditionalData, nodeTypesFor, TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.reset());

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

describe('signature verification (Standard Webhooks)', () => {
	const body = JSON.stringify({ event: 'comment.add', data: { text: 'hi' } });
	const now = 1_700_000_000;
	const signed = (overrides: Record<string, string> = {}) => ({
		'webhook-id': 'msg_1',
		'webhook-timestamp': String(now),
		'webhook-signature': `v1,${signPayload(SECRET, 'msg_1', String(now), body)}`,
		...overrides,
	});

	test('our signature matches the emulator\'s independent signer', () => {
		expect(signStandardWebhook(SECRET, 'msg_1', now, body)).toContain(signPayload(SECRET, 'msg_1', String(now), body));
	});

	test('valid, also when one of several signatures matches', () => {
		expect(verifyStandardWebhook({ secret: SECRET, headers: signed(), rawBody: body, nowSeconds: now })).toEqual({ ok: true });
		const several = signed({ 'webhook-signature': `v1,AAAA v1,${signPayload(SECRET, 'msg_1', String(now), body)}` });
		expect(verifyStandardWebhook({ secret: SECRET, headers: several, rawBody: body, nowSeconds: now + 299 })).toEqual({ ok: true });
	});

	test('unsigned, tampered, wrong secret and replayed requests are refused', () => {
		expect(verifyStandardWebhook({ secret: SECRET, headers: {}, rawBody: body, nowSeconds: now }).ok).toBe(false);
		expect(verifyStandardWebhook({ secret: SECRET, headers: signed(), rawBody: body.replace('hi', 'ho'), nowSeconds: now })).toEqual({ ok: false, reason: 'no signature matches' });
		const otherSecret = `whsec_${Buffer.from('another-secret-another-secret!!').toString('base64')}`;
		expect(verifyStandardWebhook({ secret: otherSecret, headers: signed(), rawBody: body, nowSeconds: now }).ok).toBe(false);
		expect(verifyStandardWebhook({ secret: SECRET, headers: signed(), rawBody: body, nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'webhook-timestamp is too old or in the future' });
		expect(verifyStandardWebhook({ secret: SECRET, headers: signed({ 'webhook-signature': 'v2,abc' }), rawBody: body, nowSeconds: now }).ok).toBe(false);
	});

	test('basic token and encoded payloads', () => {
		expect(verifyBasicToken('Basic tok-123', 'tok-123')).toEqual({ ok: true });
		expect(verifyBasicToken('Basic tok-124', 'tok-123').ok).toBe(false);
		expect(verifyBasicToken(undefined, 'tok-123').ok).toBe(false);
		const encoded = Buffer.from(JSON.stringify({ event: 'comment.add' })).toString('base64');
		expect(decodeBasicPayload({ encodedPayload: encoded })).toEqual({ event: 'comment.add' });
		expect(decodeBasicPayload({ event: 'x' })).toEqual({ event: 'x' });
	});
});

function triggerWorkflow(parameters: IDataObject) {
	const node: INode = {
		id: 'velt-trigger',
		name: 'Velt Trigger',
		type: 'veltTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'hook-123',
		parameters: { mode: 'advanced', events: ['comment.add', 'comment.update'], ...parameters },
		credentials: { veltApi: { id: 'c1', name: 'Velt' }, veltWebhookApi: { id: 'c2', name: 'Velt hooks' } },
	};
	const nodeType = new VeltTrigger();
	const workflow = new Workflow({ id: 'wf-hook', name: 'Hook test', nodes: [node], connections: {}, active: true, nodeTypes: nodeTypesFor({ veltTrigger: nodeType }), staticData: {} });
	const credentials = { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url };
	const additionalData = buildAdditionalData(credentials, { id: 'wf-hook' } as unknown as IWorkflowBase, 'exec-hook');
	const webhookData = { httpMethod: 'POST', node: node.name, path: 'hook-123/webhook', webhookDescription: nodeType.description.webhooks![0], workflowId: 'wf-hook', webhookId: 'hook-123' } as unknown as IWebhookData;
	const hook = () => new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData);
	const methods = nodeType.webhookMethods.default;
	const receive = async (headers: Record<string, string>, rawBody: string) => {
		let status = 200;
		let sent: unknown;
		const response = {
			status(code: number) {
				status = code;
				return response;
			},
			json(body: unknown) {
				sent = body;
				return response;
			},
		};
		const request = { headers, body: JSON.parse(rawBody) as unknown, rawBody: Buffer.from(rawBody) };
		const data = { ...additionalData, httpRequest: request, httpResponse: response } as typeof additionalData;
		const context = new WebhookContext(workflow, node, data, 'trigger', webhookData, [], null);
		const result = await nodeType.webhook.call(context);
		return { result, status, sent };
	};
	return { node, workflow, hook, methods, receive, staticData: () => workflow.getStaticData('node', node) as IDataObject };
}

describe('Velt Trigger through n8n-core', () => {
	test('activation registers the URL with Velt and keeps the secret; deactivation deletes it', async () => {
		const trigger = triggerWorkflow({ additionalEvents: 'recorder.done, comment.add' });
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(false);
		expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
		const [create, secretGet] = emulator.requests;
		expect(create.path).toBe('/v2/workspace/advancedwebhook/endpoints/create');
		expect(create.body).toEqual({
			data: { url: 'http://127.0.0.1:5678/webhook/hook-123/webhook', filterTypes: ['comment.add', 'comment.update', 'recorder.done'], description: 'n8n: Hook test' },
		});
		expect(secretGet.path).toBe('/v2/workspace/advancedwebhook/endpoints/secret/get');
		const endpointId = trigger.staticData().endpointId as string;
		expect(endpointId).toMatch(/^ep_/);
		expect(trigger.staticData().secret).toMatch(/^whsec_/);
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);

		expect(await trigger.methods.delete.call(trigger.hook())).toBe(true);
		expect(emulator.requests.at(-1)).toMatchObject({ path: '/v2/workspace/advancedwebhook/endpoints/delete', body: { data: { endpointId } } });
		expect(emulator.store.getWebhookEndpoint(endpointId)).toBeUndefined();
		expect(trigger.staticData()).toEqual({});
	});

	test('advanced webhooks switched off: activation fails saying what to enable', async () => {
		emulator.setFeatures({ advancedWebhooks: false });
		const trigger = triggerWorkflow({});
		const error = (await trigger.methods.create.call(trigger.hook()).catch((caught: unknown) => caught)) as Error & { description?: string };
		expect(error.message).toMatch(/FAILED_PRECONDITION/);
		expect(error.description).toMatch(/advanced webhooks/);
		expect(trigger.staticData()).toEqual({});
	});

	test('signed events start the workflow; unsigned, tampered and replayed ones answer 401', async () => {
		const trigger = triggerWorkflow({});
		await trigger.methods.create.call(trigger.hook());
		const secret = trigger.staticData().secret as string;
		const body = JSON.stringify({ event: 'comment.add', actionType: 'add', source: 'api', data: { commentId: 'c1' }, webhookId: 'w1', platform: 'web' });
		const now = Math.floor(Date.now() / 1000);
		const headers = { 'webhook-id': 'msg_9', 'webhook-timestamp': String(now), 'webhook-signature': `v1,${signPayload(secret, 'msg_9', String(now), body)}` };

		const accepted = await trigger.receive(headers, body);
		expect(accepted.result.workflowData?.[0][0].json).toEqual({ event: 'comment.add', actionType: 'add', source: 'api', data: { commentId: 'c1' }, webhookId: 'w1', platform: 'web' });

		for (const [label, badHeaders, badBody] of [
			['unsigned', {}, body],
			['tampered', headers, body.replace('c1', 'c2')],
			['replayed', { ...headers, 'webhook-timestamp': String(now - 600), 'webhook-signature': `v1,${signPayload(secret, 'msg_9', String(now - 600), body)}` }, body],
		] as const) {
			const refused = await trigger.receive(badHeaders, badBody);
			expect({ label, status: refused.status, result: refused.result }).toEqual({ label, status: 401, result: { noWebhookResponse: true } });
		}
	});

	test('basic webhooks check the token and decode encoded payloads', async () => {
		const trigger = triggerWorkflow({ mode: 'basic' });
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);
		const encoded = Buffer.from(JSON.stringify({ actionType: 'comment.add', data: { id: 1 } })).toString('base64');
		const ok = await trigger.receive({ authorization: `Basic ${TEST_AUTH_TOKEN}` }, JSON.stringify({ encodedPayload: encoded }));
		expect(ok.result.workflowData?.[0][0].json).toEqual({ event: 'comment.add', actionType: 'comment.add', data: { id: 1 } });
		const refused = await trigger.receive({ authorization: 'Basic nope' }, JSON.stringify({ event: 'x' }));
		expect(refused.status).toBe(401);
		expect(emulator.requests).toHaveLength(0);
	});
});
