import type { IDataObject } from 'n8n-workflow';
import { VeltTrigger } from '../../nodes/VeltTrigger/VeltTrigger.node';
import { forgetEndpointSecrets } from '../../nodes/VeltTrigger/endpointSecrets';
import { ADVANCED_EVENT_TYPES, REVIEW_WORKFLOW_EVENT_TYPES } from '../../nodes/VeltTrigger/events';
import { signPayload } from '../../nodes/VeltTrigger/webhookVerification';
import { ADVANCED_WEBHOOK_EVENT_TYPES } from '../emulator';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import {
	activationFailure,
	encryptPayload,
	signedHeaders,
	triggerWorkflow,
	webhookKeyPair,
} from './webhookHarness';
import { DOCS_EXAMPLE_ECHOED_API_KEY } from '../fixtures/veltDocsSamples';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const WEBHOOK_TOKEN = 'hook-token-123';

function credentials(overrides: IDataObject = {}) {
	return { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url, ...overrides };
}

/** An advanced trigger registered with the emulator, with the secret Velt would sign with. */
async function activeTrigger(parameters: IDataObject = {}, credentialOverrides: IDataObject = {}) {
	const trigger = triggerWorkflow(parameters, credentials(credentialOverrides));
	expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
	const endpointId = trigger.staticData().endpointId as string;
	const secret = emulator.store.getWebhookEndpoint(endpointId)!.secret;
	return { ...trigger, endpointId, secret };
}

const commentAdded = (extra: IDataObject = {}) =>
	JSON.stringify({
		event: 'comment.add',
		actionType: 'add',
		source: 'comment',
		platform: 'sdk',
		webhookId: 'w1',
		data: { commentId: 'c1' },
		...extra,
	});

describe('activation (issue 8, point 4; issue 12, point 3)', () => {
	test('registers the chosen events, keeps only the endpoint id, and deletes the endpoint on deactivation', async () => {
		const trigger = triggerWorkflow(
			{ additionalEvents: 'recorder.done, comment.add' },
			credentials(),
		);
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(false);
		expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
		// issue 18: config and list read first (the lifecycle itself: webhookLifecycle.test.ts)
		const [config, list, create, secretGet] = emulator.requests.slice(-4);
		expect(config.path).toBe('/v2/workspace/advancedwebhookconfig/get');
		expect(list.path).toBe('/v2/workspace/advancedwebhook/endpoints/get');
		expect(create.body).toEqual({
			data: {
				url: `http://127.0.0.1:5678/webhook/${trigger.node.webhookId}/webhook`,
				filterTypes: ['comment.add', 'comment.update', 'recorder.done'],
				description: expect.stringMatching(/^n8n: Hook test \[n8n [0-9a-f]{32}\]$/),
			},
		});
		expect(secretGet.path).toBe('/v2/workspace/advancedwebhook/endpoints/secret/get');
		const endpointId = trigger.staticData().endpointId as string;
		const secret = emulator.store.getWebhookEndpoint(endpointId)!.secret;
		expect(Object.keys(trigger.staticData()).sort()).toEqual([
			'endpointId',
			'eventTypes',
			'webhookUrl',
		]);
		expect(JSON.stringify(trigger.workflow.staticData)).not.toContain(secret);
		expect(JSON.stringify(trigger.workflow.staticData)).not.toContain('whsec_');
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);

		expect(await trigger.methods.delete.call(trigger.hook())).toBe(true);
		expect(emulator.requests.at(-1)).toMatchObject({
			path: '/v2/workspace/advancedwebhook/endpoints/delete',
			body: { data: { endpointId } },
		});
		expect(emulator.store.getWebhookEndpoint(endpointId)).toBeUndefined();
		expect(trigger.staticData()).toEqual({});
	});

	test.each([
		['All Events', { events: ['*'] }],
		['All Events next to others', { events: ['*', 'comment.add'] }],
		['nothing chosen', { events: [], additionalEvents: ' , ' }],
	])('%s: filterTypes is left out, never []', async (_label, parameters) => {
		const trigger = triggerWorkflow(parameters, credentials());
		await trigger.methods.create.call(trigger.hook());
		const create = emulator.requests.find(
			(request) => request.path === '/v2/workspace/advancedwebhook/endpoints/create',
		);
		expect(create?.body).toEqual({
			data: { url: expect.any(String), description: expect.stringMatching(/^n8n: Hook test \[/) },
		});
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);
	});

	test('a signing secret left in static data by an earlier version is removed, and the endpoint replaced', async () => {
		const trigger = await activeTrigger();
		trigger.staticData().secret = trigger.secret;
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(false);
		expect(trigger.staticData().secret).toBeUndefined();
		// see test/security/webhookTrigger.test.ts (finding 14) for the rotation itself
	});

	test('a process that never saw the secret fetches it with the credential on its first delivery', async () => {
		const trigger = await activeTrigger();
		forgetEndpointSecrets(trigger.workflow.id, trigger.endpointId);
		emulator.requests.length = 0;
		const body = commentAdded();
		const first = await trigger.receive(signedHeaders(trigger.secret, body), body);
		expect(first.executions).toBe(1);
		expect(emulator.requests.map((request) => request.path)).toEqual([
			'/v2/workspace/advancedwebhook/endpoints/secret/get',
		]);
		const second = await trigger.receive(signedHeaders(trigger.secret, body), body);
		expect(second.executions).toBe(1);
		expect(emulator.requests).toHaveLength(1);
	});

	test('advanced webhooks switched off: activation fails saying what to enable', async () => {
		emulator.setFeatures({ advancedWebhooks: false });
		const trigger = triggerWorkflow({}, credentials());
		const error = await activationFailure(trigger);
		// issue 18: the preflight (advancedwebhookconfig/get) says it before any endpoint call
		expect(error.message).toMatch(/Advanced webhooks are not available/);
		expect(error.description).toMatch(/advanced webhooks/);
		expect(trigger.staticData()).toEqual({});
	});
});

describe('event list (issue 8, point 4)', () => {
	const description = new VeltTrigger().description;
	const events = description.properties.find((property) => property.name === 'events')!;
	const options = events.options as Array<{ name: string; value: string }>;

	test('offers every documented advanced event type plus All Events, grouped by name', () => {
		// issue 18: review-workflow events are delivered elsewhere, so no longer offered
		expect(options.map((option) => option.value)).toEqual(
			expect.arrayContaining([
				...ADVANCED_WEBHOOK_EVENT_TYPES.filter(
					(type) => !REVIEW_WORKFLOW_EVENT_TYPES.includes(type),
				),
				'*',
			]),
		);
		expect(ADVANCED_EVENT_TYPES).toHaveLength(new Set(ADVANCED_EVENT_TYPES).size);
		expect(options[0]).toMatchObject({ name: 'All Events', value: '*' });
		const names = options.slice(1).map((option) => option.name);
		expect(names).toEqual([...names].sort());
		const groups = names.map((name) => name.split(':')[0]);
		const groupOrder = groups.filter((group, index) => group !== groups[index - 1]);
		expect(groupOrder).toEqual([...new Set(groups)]);
	});

	test('answers 2xx without an execution for a signed event that was not chosen', async () => {
		const trigger = await activeTrigger({ events: ['comment.update'] });
		const body = commentAdded();
		const ignored = await trigger.receive(signedHeaders(trigger.secret, body), body);
		expect(ignored).toMatchObject({
			status: 200,
			executions: 0,
			result: { webhookResponse: { received: true, ignored: true } },
		});
	});
});

describe('what is verified is what is output (issue 12, point 5)', () => {
	test('the verified JSON is the output whatever the content type, and the answer is a JSON acknowledgement', async () => {
		const trigger = await activeTrigger();
		const body = commentAdded({ text: 'café ☕' });
		const expected = JSON.parse(body) as IDataObject;
		for (const [contentType, parsedBody] of [
			[undefined, {}],
			['application/octet-stream', {}],
			['text/plain', body],
			['application/json; charset=utf-8', expected],
		] as const) {
			const headers: Record<string, string> = {
				...signedHeaders(trigger.secret, body),
				...(contentType ? { 'content-type': contentType } : {}),
			};
			const received = await trigger.send({ headers, rawBody: Buffer.from(body), parsedBody });
			expect({
				contentType,
				output: received.result.workflowData?.[0][0].json,
				response: received.result.webhookResponse,
			}).toEqual({
				contentType,
				output: expected,
				response: { received: true },
			});
		}
		const webhook = new VeltTrigger().description.webhooks![0];
		expect(webhook).toMatchObject({ responseMode: 'onReceived', responseData: '' });
	});

	test('version 2 (default): bytes n8n left unread are read on demand, with the same output', async () => {
		expect(new VeltTrigger().description).toMatchObject({ version: [1, 2], defaultVersion: 2 });
		const trigger = triggerWorkflow({}, credentials(), 2);
		await trigger.methods.create.call(trigger.hook());
		const secret = emulator.store.getWebhookEndpoint(
			trigger.staticData().endpointId as string,
		)!.secret;
		const body = commentAdded();
		const received = await trigger.send({
			headers: { 'content-type': 'application/octet-stream', ...signedHeaders(secret, body) },
			rawBody: Buffer.from(body),
			unread: true,
		});
		expect(received.result).toEqual({
			workflowData: [[{ json: JSON.parse(body) as IDataObject }]],
			webhookResponse: { received: true },
		});
	});

	test('the signature covers the raw bytes: a signed body that is not UTF-8 passes verification and is refused as unreadable', async () => {
		const trigger = await activeTrigger();
		const latin1 = Buffer.from('{"event":"comment.add","text":"caf\xe9"}', 'latin1');
		const received = await trigger.send({
			headers: signedHeaders(trigger.secret, latin1),
			rawBody: latin1,
		});
		expect(received).toMatchObject({
			status: 400,
			executions: 0,
			result: { noWebhookResponse: true },
		});
		const resigned = await trigger.send({
			headers: signedHeaders(trigger.secret, latin1.toString('utf8')),
			rawBody: latin1,
		});
		expect(resigned).toMatchObject({ status: 401, executions: 0 });
	});

	test('a JSON body that is not an object, or not JSON at all, is refused after verification', async () => {
		const trigger = await activeTrigger();
		for (const body of ['[1,2]', 'hello', '']) {
			const received = await trigger.receive(signedHeaders(trigger.secret, body), body);
			expect({ body, status: received.status, executions: received.executions }).toEqual({
				body,
				status: 400,
				executions: 0,
			});
		}
	});
});

describe('encoded and encrypted payloads (issue 8, point 4; issue 12, point 5)', () => {
	const { publicKey, privateKey, privateKeyBase64 } = webhookKeyPair();
	const encrypt = (payload: IDataObject, key = publicKey) => encryptPayload(payload, key);

	test('an encoded payload is decoded', async () => {
		const trigger = await activeTrigger();
		const event = JSON.parse(commentAdded({ html: '<div></div>' })) as IDataObject;
		const body = JSON.stringify({
			encodedPayload: Buffer.from(JSON.stringify(event)).toString('base64'),
		});
		const received = await trigger.receive(signedHeaders(trigger.secret, body), body);
		expect(received.result.workflowData?.[0][0].json).toEqual(event);
	});

	test("an encrypted payload is decrypted with the credential's private key (base64 or PEM)", async () => {
		const event = JSON.parse(commentAdded()) as IDataObject;
		for (const key of [
			privateKeyBase64,
			privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		]) {
			const trigger = await activeTrigger({}, { webhookPrivateKey: key });
			const body = encrypt(event);
			const received = await trigger.receive(signedHeaders(trigger.secret, body), body);
			expect(received.result.workflowData?.[0][0].json).toEqual(event);
		}
	});

	test('a payload that claims encoding or encryption but cannot be read answers 400 and starts nothing', async () => {
		const other = webhookKeyPair();
		const withKey = await activeTrigger({}, { webhookPrivateKey: privateKeyBase64 });
		const withoutKey = await activeTrigger();
		const cases: Array<[string, typeof withKey, string]> = [
			[
				'encodedPayload not base64',
				withKey,
				JSON.stringify({ encodedPayload: '%%%not-base64%%%' }),
			],
			[
				'encodedPayload not JSON',
				withKey,
				JSON.stringify({ encodedPayload: Buffer.from('<html>').toString('base64') }),
			],
			['encodedPayload not a string', withKey, JSON.stringify({ encodedPayload: 42 })],
			[
				'encrypted without iv',
				withKey,
				JSON.stringify({ encryptedData: 'AAAA', encryptedKey: 'AAAA' }),
			],
			['encrypted for another key', withKey, encrypt({ event: 'comment.add' }, other.publicKey)],
			['encrypted, no key in the credential', withoutKey, encrypt({ event: 'comment.add' })],
		];
		for (const [label, trigger, body] of cases) {
			const received = await trigger.receive(signedHeaders(trigger.secret, body), body);
			expect({
				label,
				status: received.status,
				executions: received.executions,
				sent: received.sent,
			}).toEqual({
				label,
				status: 400,
				executions: 0,
				sent: { error: 'Webhook payload could not be read' },
			});
		}
	});
});

describe('no API key in the output (issue 8, point 3)', () => {
	test("metadata.apiKey and the credential's secrets are scrubbed from advanced payloads, also inside encoded ones", async () => {
		const trigger = await activeTrigger({ events: ['*'] });
		const event = {
			event: 'comment.add',
			data: {
				metadata: {
					apiKey: 'velt-echoed-key',
					documentId: 'doc-1',
					documentMetadata: { apiKey: 'velt-echoed-key' },
				},
				commentAnnotation: {
					metadata: { apiKey: 'velt-echoed-key' },
					note: `leaked ${TEST_AUTH_TOKEN} and ${TEST_API_KEY}`,
				},
			},
		};
		for (const body of [
			JSON.stringify(event),
			JSON.stringify({ encodedPayload: Buffer.from(JSON.stringify(event)).toString('base64') }),
		]) {
			const received = await trigger.receive(signedHeaders(trigger.secret, body), body);
			const output = JSON.stringify(received.result.workflowData?.[0][0].json);
			expect(output).toContain('doc-1');
			for (const secret of ['velt-echoed-key', TEST_API_KEY, TEST_AUTH_TOKEN, trigger.secret])
				expect(output).not.toContain(secret);
		}
	});
});

describe('replays (issue 12, point 2)', () => {
	test('the same signed delivery sent 25 times starts one execution; repeats are acknowledged', async () => {
		const trigger = await activeTrigger();
		const body = commentAdded();
		const headers = signedHeaders(trigger.secret, body, { id: 'msg_2vK9mPzGqLxYwBnRtCdHsJfAeUo' });
		const answers = await Promise.all(
			Array.from({ length: 25 }, async () => await trigger.receive(headers, body)),
		);
		expect(answers.reduce((sum, answer) => sum + answer.executions, 0)).toBe(1);
		expect(
			answers.filter(
				(answer) =>
					answer.result.webhookResponse &&
					(answer.result.webhookResponse as IDataObject).duplicate === true,
			),
		).toHaveLength(24);
		// Another workflow receiving the same message id has its own memory.
		const other = await activeTrigger();
		const elsewhere = await other.receive(
			signedHeaders(other.secret, body, { id: 'msg_2vK9mPzGqLxYwBnRtCdHsJfAeUo' }),
			body,
		);
		expect(elsewhere.executions).toBe(1);
	});

	test('when n8n fails to start the execution (answers 500), the retry with the same id is accepted', async () => {
		const trigger = await activeTrigger();
		const body = commentAdded();
		const headers = signedHeaders(trigger.secret, body, { id: 'msg_retriedAfter500' });
		const first = await trigger.receive(headers, body);
		expect(first.executions).toBe(1);
		first.finish(500);
		const retry = await trigger.receive(headers, body);
		expect(retry.executions).toBe(1);
		retry.finish(200);
		const replay = await trigger.receive(headers, body);
		expect(replay).toMatchObject({
			executions: 0,
			result: { webhookResponse: { received: true, duplicate: true } },
		});
	});

	test('a signed message cannot be re-split into another id, timestamp and body', async () => {
		const trigger = await activeTrigger();
		const now = Math.floor(Date.now() / 1000);
		const body = JSON.stringify({ event: 'comment.add', note: `a.${now}.b` });
		const original = signedHeaders(trigger.secret, body, { id: 'msg_1', timestamp: now });
		// "msg_1.<now>.{...a" + "." + "<now>" + "." + "b...}" signs the same bytes as the original.
		const cut = body.indexOf(`.${now}.`);
		const forgedId = `msg_1.${now}.${body.slice(0, cut)}`;
		const forgedBody = body.slice(cut + `.${now}.`.length);
		expect(`${forgedId}.${now}.${forgedBody}`).toBe(`msg_1.${now}.${body}`);
		const forged = await trigger.receive({ ...original, 'webhook-id': forgedId }, forgedBody);
		expect(forged).toMatchObject({ status: 401, executions: 0 });
	});

	test.each([
		['a dot', 'msg.1'],
		['a space', 'msg 1'],
		['a tab', 'msg\t1'],
		['too long', `msg_${'a'.repeat(200)}`],
	])('a correctly signed id with %s is refused', async (_label, id) => {
		const trigger = await activeTrigger();
		const body = commentAdded();
		const received = await trigger.receive(signedHeaders(trigger.secret, body, { id }), body);
		expect(received).toMatchObject({
			status: 401,
			executions: 0,
			result: { noWebhookResponse: true },
		});
	});
});

describe('Standard Webhooks, exactly (issue 12, point 6)', () => {
	const now = () => Math.floor(Date.now() / 1000);
	test.each([
		['hex', (t: number) => `0x${t.toString(16)}`],
		['plus sign', (t: number) => `+${t}`],
		['exponent', (t: number) => `${(t / 1e9).toFixed(9)}e9`],
		['fraction', (t: number) => `${t}.0`],
		['leading space', (t: number) => ` ${t}`],
		['too old', (t: number) => String(t - 301)],
		['too far ahead', (t: number) => String(t + 301)],
	])('timestamp %s is refused even when signed', async (_label, format) => {
		const trigger = await activeTrigger();
		const body = commentAdded();
		const timestamp = format(now());
		const signature = `v1,${signPayload(trigger.secret, 'msg_1', timestamp, body)}`;
		const received = await trigger.receive(
			{ 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp, 'webhook-signature': signature },
			body,
		);
		expect(received).toMatchObject({ status: 401, executions: 0 });
	});

	test('only exact v1,<base64> entries count; any one matching entry is enough', async () => {
		const trigger = await activeTrigger();
		const body = commentAdded();
		const good = signedHeaders(trigger.secret, body);
		const signature = good['webhook-signature'].slice('v1,'.length);
		for (const entry of [
			`v1,${signature},x`,
			`v1,${signature}x`,
			`v2,${signature}`,
			`v1 ,${signature}`,
			`V1,${signature}`,
			`v1,${signature.slice(0, -1)}`,
		]) {
			const received = await trigger.receive({ ...good, 'webhook-signature': entry }, body);
			expect({ entry, status: received.status, executions: received.executions }).toEqual({
				entry,
				status: 401,
				executions: 0,
			});
		}
		const several = await trigger.receive(
			{ ...good, 'webhook-signature': `v1,${'A'.repeat(43)}= v2,abc v1,${signature}` },
			body,
		);
		expect(several.executions).toBe(1);
	});

	test('unsigned, tampered and wrong-secret requests are refused', async () => {
		const trigger = await activeTrigger();
		const body = commentAdded();
		const headers = signedHeaders(trigger.secret, body);
		const wrongSecret = `whsec_${Buffer.from('another-secret-another-secret!!').toString('base64')}`;
		for (const [label, badHeaders, badBody] of [
			['unsigned', {}, body],
			['tampered', headers, body.replace('c1', 'c2')],
			['wrong secret', signedHeaders(wrongSecret, body), body],
		] as const) {
			const refused = await trigger.receive(badHeaders, badBody);
			expect({
				label,
				status: refused.status,
				executions: refused.executions,
				sent: refused.sent,
			}).toEqual({
				label,
				status: 401,
				executions: 0,
				sent: { error: 'Webhook verification failed' },
			});
		}
	});
});

describe('basic webhooks (issue 8, point 5; issue 12, point 1)', () => {
	const basic = (
		parameters: IDataObject = {},
		token: unknown = WEBHOOK_TOKEN,
		extra: IDataObject = {},
	) =>
		triggerWorkflow(
			{ mode: 'basic', ...parameters },
			{ ...credentials(), authToken: token as string, ...extra },
		);

	test('the token field is required in the credential', async () => {
		const { VeltWebhookApi } = await import('../../credentials/VeltWebhookApi.credentials');
		expect(
			new VeltWebhookApi().properties.find((property) => property.name === 'authToken'),
		).toMatchObject({ required: true, typeOptions: { password: true } });
	});

	test.each([
		['empty', ''],
		['spaces', '   '],
		['no-break space', '\xA0'],
		['missing', undefined],
	])(
		'a credential whose token is %s refuses everything, including "Basic \\xA0"',
		async (_label, token) => {
			const trigger = basic({}, token);
			for (const authorization of [
				'Basic \xA0',
				'Basic ',
				'Basic  ',
				'Basic',
				`Basic ${String(token)}`,
			]) {
				const received = await trigger.receive(
					{ authorization },
					JSON.stringify({ notificationSource: 'comment', actionType: 'added' }),
				);
				expect({ authorization, status: received.status, executions: received.executions }).toEqual(
					{ authorization, status: 401, executions: 0 },
				);
			}
		},
	);

	test('the right token is accepted, a wrong or whitespace one refused', async () => {
		const trigger = basic();
		const body = JSON.stringify({ notificationSource: 'comment', actionType: 'added' });
		expect(
			(await trigger.receive({ authorization: `Basic ${WEBHOOK_TOKEN}` }, body)).executions,
		).toBe(1);
		for (const authorization of [
			'Basic nope',
			`Basic ${WEBHOOK_TOKEN}x`,
			`Bearer ${WEBHOOK_TOKEN}`,
			'Basic \xA0',
			'',
		]) {
			const received = await trigger.receive({ authorization }, body);
			expect({ authorization, status: received.status, executions: received.executions }).toEqual({
				authorization,
				status: 401,
				executions: 0,
			});
		}
		expect(emulator.requests).toHaveLength(0);
	});

	test('events are named <notificationSource>.<actionType>, so a comment "added" and a huddle "added" differ', async () => {
		const trigger = basic();
		const headers = { authorization: `Basic ${WEBHOOK_TOKEN}` };
		const comment = await trigger.receive(
			headers,
			JSON.stringify({ notificationSource: 'comment', actionType: 'added', webhookId: 'w' }),
		);
		const huddle = await trigger.receive(
			headers,
			JSON.stringify({ notificationSource: 'huddle', actionType: 'added', webhookId: 'w' }),
		);
		expect(comment.result.workflowData?.[0][0].json).toEqual({
			event: 'comment.added',
			notificationSource: 'comment',
			actionType: 'added',
			webhookId: 'w',
		});
		expect(huddle.result.workflowData?.[0][0].json).toEqual({
			event: 'huddle.added',
			notificationSource: 'huddle',
			actionType: 'added',
			webhookId: 'w',
		});
	});

	test('the chosen events route deliveries; others are acknowledged without an execution', async () => {
		const trigger = basic({ basicEvents: ['comment.added', 'huddle.join'] });
		const headers = { authorization: `Basic ${WEBHOOK_TOKEN}` };
		const send = async (notificationSource: string, actionType: string) =>
			await trigger.receive(headers, JSON.stringify({ notificationSource, actionType }));
		expect((await send('comment', 'added')).executions).toBe(1);
		expect((await send('huddle', 'joined')).executions).toBe(1);
		expect((await send('huddle', 'join')).executions).toBe(1);
		const ignored = await send('huddle', 'created');
		expect(ignored).toMatchObject({
			status: 200,
			executions: 0,
			result: { webhookResponse: { received: true, ignored: true } },
		});
		expect((await send('comment', 'updated')).executions).toBe(0);
	});

	test('recorder.done is offered in basic mode and routes a recorder delivery', async () => {
		const offered = new VeltTrigger().description.properties.find(
			(property) => property.name === 'basicEvents',
		);
		expect(offered?.options).toContainEqual(
			expect.objectContaining({ name: 'Recording: Done', value: 'recorder.done' }),
		);
		const trigger = basic({ basicEvents: ['recorder.done'] });
		const headers = { authorization: `Basic ${WEBHOOK_TOKEN}` };
		const done = await trigger.receive(
			headers,
			JSON.stringify({ notificationSource: 'recorder', actionType: 'done', recorderId: 'r-1' }),
		);
		expect(done.executions).toBe(1);
		expect(done.result.workflowData?.[0][0].json).toEqual({
			event: 'recorder.done',
			notificationSource: 'recorder',
			actionType: 'done',
			recorderId: 'r-1',
		});
		const other = await trigger.receive(
			headers,
			JSON.stringify({ notificationSource: 'comment', actionType: 'added' }),
		);
		expect(other.executions).toBe(0);
	});

	test('Other Event Types adds typed basic events to the chosen ones', async () => {
		const trigger = basic({
			basicEvents: ['comment.added'],
			additionalEvents: 'comment.reactionAdded, recorder.transcribed',
		});
		const headers = { authorization: `Basic ${WEBHOOK_TOKEN}` };
		const send = async (notificationSource: string, actionType: string) =>
			await trigger.receive(headers, JSON.stringify({ notificationSource, actionType }));
		expect((await send('comment', 'added')).executions).toBe(1);
		expect((await send('comment', 'reactionAdded')).executions).toBe(1);
		expect((await send('recorder', 'transcribed')).executions).toBe(1);
		expect((await send('comment', 'updated')).executions).toBe(0);
	});

	test('encoded basic payloads are decoded and scrubbed; undecodable ones answer 400', async () => {
		const trigger = basic();
		const headers = { authorization: `Basic ${WEBHOOK_TOKEN}` };
		const event = {
			notificationSource: 'comment',
			actionType: 'newlyAdded',
			metadata: { apiKey: DOCS_EXAMPLE_ECHOED_API_KEY, documentId: 'toolbar' },
			note: `token ${WEBHOOK_TOKEN}`,
		};
		const ok = await trigger.receive(
			headers,
			JSON.stringify({ encodedPayload: Buffer.from(JSON.stringify(event)).toString('base64') }),
		);
		expect(ok.result.workflowData?.[0][0].json).toEqual({
			event: 'comment.newlyAdded',
			notificationSource: 'comment',
			actionType: 'newlyAdded',
			metadata: { documentId: 'toolbar' },
			note: 'token [redacted]',
		});
		const bad = await trigger.receive(headers, JSON.stringify({ encodedPayload: 'not base64!' }));
		expect(bad).toMatchObject({ status: 400, executions: 0 });
	});
});

describe('Base URL (issue 12, point 4)', () => {
	test.each([
		'http://evil.localhost:5805',
		'http://127.0.0.1.nip.io',
		'http://localhost.:1',
		'http://[::ffff:7f00:1]:1',
	])('activation refuses plain http to %s', async (baseUrl) => {
		const trigger = triggerWorkflow({}, credentials({ baseUrl }));
		const error = await activationFailure(trigger);
		expect(error.message).toMatch(/unencrypted/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a Base URL with a user name and password is refused without repeating them', async () => {
		for (const baseUrl of [
			`http://user:s3cr3t-pass@127.0.0.1:${new URL(emulator.url).port}`,
			'https://user:s3cr3t-pass@api.velt.dev',
			'http://user:s3cr3t-pass@velt.example.com',
		]) {
			const trigger = triggerWorkflow({}, credentials({ baseUrl }));
			const error = await activationFailure(trigger);
			expect(error.message).toMatch(/user name or password/);
			expect(
				JSON.stringify({ message: error.message, description: error.description }),
			).not.toMatch(/s3cr3t|user:/);
		}
		expect(emulator.requests).toHaveLength(0);
	});
});
