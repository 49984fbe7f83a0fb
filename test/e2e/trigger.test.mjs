// The Velt Trigger inside a real n8n 2.x, where the HTTP layer matters: the signing secret is
// nowhere in the workflow n8n's APIs return, metadata.apiKey is nowhere after a delivery, the
// verified bytes are the output whatever the content type, repeats start nothing, and the answer
// is a small JSON acknowledgement.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
	Cleanup,
	CRED,
	FAKE,
	credentials,
	databaseText,
	findSecrets,
	note,
	packPackage,
	rt,
	startEmulator,
	waitFor,
	stopAllAfter,
} from './helpers.mjs';
import {
	allExecutions,
	basicTriggerWorkflow,
	postRaw,
	sign,
	triggerUrl,
	triggerWorkflow,
	TRIGGER_WORKFLOW_ID,
} from './triggerHttp.mjs';

const VERSION = rt.N8N_CURRENT;
const STEP_TIMEOUT = 3 * 60_000;
const EMPTY_TOKEN_CRED = { id: 'veltEmptyToken01', name: 'Velt webhook, empty token' };
const BASIC_WORKFLOW = {
	id: 'veltE2eTrigBasic',
	webhookId: 'd3e2e0e4-7c9f-4a5d-8f41-8e0ab1c2d344',
};
/** Basic mode listening for recorder.done only (issue 26). */
const BASIC_RECORDER_WORKFLOW = {
	id: 'veltE2eTrigRecDn',
	webhookId: 'e4e2e0f5-8d0a-4b6e-9f52-9f1bc2d3e455',
};
/** What Velt echoes as metadata.apiKey in webhook payloads: here distinct from the credential's key. */
const ECHOED_KEY = 'e2e-velt-echoed-apikey-M3kT9wQ2';

describe(`Velt Trigger in n8n ${VERSION}: what the HTTP layer sees`, () => {
	const cleanup = new Cleanup();
	const ctx = {};

	const rest = async (method, p) => {
		const res = await fetch(`${ctx.server.url}${p}`, {
			method,
			headers: { cookie: ctx.server.cookie, 'browser-id': ctx.server.browserId },
		});
		const text = await res.text();
		assert.ok(res.ok, `${method} ${p}: HTTP ${res.status} ${text.slice(0, 500)}`);
		return { text, json: JSON.parse(text) };
	};
	const executions = () =>
		allExecutions(rt, ctx.server, TRIGGER_WORKFLOW_ID, { includeData: true });
	/** Waits until `count` executions of the trigger workflow have finished, then a moment more for strays. */
	const settledExecutions = async (count) => {
		const list = await waitFor(
			async () => {
				const all = await executions();
				return all.filter((e) => e.finished || e.status === 'success').length >= count ? all : null;
			},
			{ timeoutMs: 30_000, intervalMs: 300 },
		);
		await new Promise((r) => setTimeout(r, 1500));
		const final = await executions();
		assert.equal(final.length, count, `expected ${count} executions, got ${final.length}`);
		return list;
	};
	const outputOf = (execution) =>
		execution.data.resultData.runData['Velt Trigger'][0].data.main[0].map((item) => item.json);

	before(
		async () => {
			await rt.ensureN8n(VERSION);
			const tarball = await packPackage(cleanup);
			ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder('velt-e2e-trigger-'));
			await rt.installCommunityPackage(ctx.userFolder, tarball);
			ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
			await rt.importCredentials(VERSION, ctx.userFolder, [
				...credentials(ctx.emu.url),
				{ ...EMPTY_TOKEN_CRED, type: 'veltWebhookApi', data: { authToken: '' } },
			]);
			await rt.importWorkflow(VERSION, ctx.userFolder, [
				triggerWorkflow({ credential: CRED.sandbox }),
				basicTriggerWorkflow({
					...BASIC_WORKFLOW,
					credential: EMPTY_TOKEN_CRED,
					name: 'Velt e2e: basic, empty token',
				}),
				basicTriggerWorkflow({
					...BASIC_RECORDER_WORKFLOW,
					credential: CRED.webhook,
					name: 'Velt e2e: basic, recorder.done',
					parameters: { basicEvents: ['recorder.done'] },
				}),
			]);
			ctx.n8n = cleanup.track(await rt.startN8n({ version: VERSION, userFolder: ctx.userFolder }));
			const owner = await rt.setupOwnerAndApiKey(ctx.n8n.url);
			ctx.server = {
				url: ctx.n8n.url,
				apiKey: owner.apiKey,
				cookie: owner.cookie,
				browserId: owner.browserId,
			};
			await rt.publicApi(
				ctx.server.url,
				ctx.server.apiKey,
				'POST',
				`/workflows/${TRIGGER_WORKFLOW_ID}/activate`,
			);
			for (const id of [BASIC_WORKFLOW.id, BASIC_RECORDER_WORKFLOW.id])
				await rt.publicApi(ctx.server.url, ctx.server.apiKey, 'POST', `/workflows/${id}/activate`);
			const [endpoint] = await waitFor(async () => {
				const list = await ctx.emu.webhookEndpoints();
				return list.length > 0 ? list : null;
			});
			ctx.endpoint = endpoint;
			ctx.url = triggerUrl(ctx.server.url);
			// right after activation n8n may answer 404 for a moment
			await waitFor(async () => (await postRaw(ctx.url, { body: '{}' })).status === 401, {
				timeoutMs: 20_000,
			});
		},
		{ timeout: 20 * 60_000 },
	);

	stopAllAfter(cleanup);

	test('registration left out filterTypes for All Events', { timeout: STEP_TIMEOUT }, async () => {
		const create = (await ctx.emu.requests()).find(
			(q) => q.path === '/v2/workspace/advancedwebhook/endpoints/create',
		);
		assert.deepEqual(Object.keys(create.body.data).sort(), ['description', 'url']);
	});

	test(
		"the workflow as n8n's REST and public APIs return it holds no signing secret",
		{ timeout: STEP_TIMEOUT },
		async () => {
			const viaRest = await rest('GET', `/rest/workflows/${TRIGGER_WORKFLOW_ID}`);
			const viaPublic = await rt.publicApi(
				ctx.server.url,
				ctx.server.apiKey,
				'GET',
				`/workflows/${TRIGGER_WORKFLOW_ID}`,
			);
			for (const [label, text] of [
				['REST', viaRest.text],
				['public API', JSON.stringify(viaPublic)],
				['database', databaseText(ctx.userFolder)],
			]) {
				assert.ok(!text.includes(ctx.endpoint.secret), `${label} contains the signing secret`);
				assert.ok(!text.includes('whsec_'), `${label} contains a whsec_ secret`);
			}
			// the static data is there (so the check above looked at it): only the endpoint id and URL
			const staticData = viaRest.json.data.staticData ?? viaPublic.staticData;
			note(`trigger static data: ${JSON.stringify(staticData)}`);
			assert.equal(JSON.stringify(staticData).includes(ctx.endpoint.id), true);
		},
	);

	test(
		'a signed delivery carrying metadata.apiKey leaves no key in outputs, stored executions or logs',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const payload = {
				event: 'comment.add',
				data: {
					metadata: {
						apiKey: ECHOED_KEY,
						documentId: 'doc-e2e',
						documentMetadata: { apiKey: ECHOED_KEY },
						organizationMetadata: { apiKey: FAKE.apiKey },
					},
					commentAnnotation: { metadata: { apiKey: FAKE.apiKey }, annotationId: 'a-1' },
				},
			};
			const body = JSON.stringify(payload);
			const res = await postRaw(ctx.url, {
				headers: { 'content-type': 'application/json', ...sign(ctx.endpoint.secret, body) },
				body,
			});
			assert.equal(res.status, 200, res.text);
			const [execution] = await settledExecutions(1);
			assert.deepEqual(outputOf(execution), [
				{
					event: 'comment.add',
					data: {
						metadata: { documentId: 'doc-e2e', documentMetadata: {}, organizationMetadata: {} },
						commentAnnotation: { metadata: {}, annotationId: 'a-1' },
					},
				},
			]);
			const secrets = [ECHOED_KEY, ...Object.values(FAKE), ctx.endpoint.secret];
			assert.deepEqual(findSecrets(JSON.stringify(await executions()), secrets), []);
			assert.deepEqual(findSecrets(ctx.n8n.logs(), secrets), []);
			assert.deepEqual(
				findSecrets(databaseText(ctx.userFolder), [ECHOED_KEY, ctx.endpoint.secret]),
				[],
			);
		},
	);

	test(
		'the verified bytes are the output whatever the content type; the answer is JSON {received: true}',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const before = (await executions()).length;
			const sent = [];
			for (const contentType of [
				undefined,
				'application/octet-stream',
				'text/plain',
				'application/json; charset=utf-8',
			]) {
				const payload = {
					event: 'comment.update',
					contentType: contentType ?? 'none',
					text: 'caf\u00e9 \u2615',
					spaced: 'a  b',
				};
				const body = Buffer.from(
					`{ "event":"comment.update" ,\n "contentType": ${JSON.stringify(payload.contentType)}, "text":"café ☕", "spaced":"a  b"}`,
				);
				const res = await postRaw(ctx.url, {
					headers: {
						...(contentType ? { 'content-type': contentType } : {}),
						...sign(ctx.endpoint.secret, body),
					},
					body,
				});
				assert.deepEqual(
					{ contentType, status: res.status, json: res.json },
					{ contentType, status: 200, json: { received: true } },
				);
				assert.match(res.contentType, /^application\/json/);
				sent.push(payload);
			}
			const list = await settledExecutions(before + sent.length);
			const outputs = list.slice(0, sent.length).flatMap(outputOf);
			const byType = (a, b) => a.contentType.localeCompare(b.contentType);
			assert.deepEqual(outputs.sort(byType), sent.sort(byType));
		},
	);

	test(
		'a signed body that is not UTF-8 passes verification over its bytes and is answered 400; a bad encodedPayload too',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const before = (await executions()).length;
			const latin1 = Buffer.from('{"event":"comment.add","text":"caf\xe9"}', 'latin1');
			const res = await postRaw(ctx.url, {
				headers: {
					'content-type': 'application/octet-stream',
					...sign(ctx.endpoint.secret, latin1),
				},
				body: latin1,
			});
			assert.equal(res.status, 400, res.text);
			const encoded = JSON.stringify({ encodedPayload: '***' });
			const bad = await postRaw(ctx.url, {
				headers: { 'content-type': 'application/json', ...sign(ctx.endpoint.secret, encoded) },
				body: encoded,
			});
			assert.equal(bad.status, 400, bad.text);
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await executions()).length, before);
		},
	);

	test(
		'the same signed delivery sent 10 times starts one execution; a re-split id is refused',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const before = (await executions()).length;
			const now = Math.floor(Date.now() / 1000);
			const body = `{"event":"comment.delete","note":"x.${now}.y"}`;
			const headers = {
				'content-type': 'application/json',
				...sign(ctx.endpoint.secret, body, { id: 'msg_e2eReplay01', timestamp: now }),
			};
			const answers = await Promise.all(
				Array.from({ length: 10 }, () => postRaw(ctx.url, { headers, body })),
			);
			assert.deepEqual(
				answers.map((a) => a.status),
				Array(10).fill(200),
			);
			assert.equal(answers.filter((a) => a.json?.duplicate === true).length, 9);
			const cut = body.indexOf(`.${now}.`);
			// (no content type: with application/json n8n's own parser already refuses the cut body with 422)
			const { 'content-type': _json, ...signatureHeaders } = headers;
			const forged = await postRaw(ctx.url, {
				headers: {
					...signatureHeaders,
					'webhook-id': `msg_e2eReplay02.${now}.${body.slice(0, cut)}`,
				},
				body: body.slice(cut + `.${now}.`.length),
			});
			assert.equal(forged.status, 401);
			await settledExecutions(before + 1);
		},
	);

	test(
		'basic mode with an empty token in the credential refuses "Basic \\xA0"',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const url = triggerUrl(ctx.server.url, BASIC_WORKFLOW.webhookId);
			const body = JSON.stringify({ notificationSource: 'comment', actionType: 'added' });
			for (const authorization of ['Basic \xA0', 'Basic ', 'Basic']) {
				const res = await postRaw(url, {
					headers: { 'content-type': 'application/json', authorization },
					body,
				});
				assert.deepEqual({ authorization, status: res.status }, { authorization, status: 401 });
			}
			await new Promise((r) => setTimeout(r, 1000));
			assert.deepEqual(await allExecutions(rt, ctx.server, BASIC_WORKFLOW.id), []);
		},
	);

	test(
		'basic mode chosen for recorder.done starts one execution for it and ignores other events',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const url = triggerUrl(ctx.server.url, BASIC_RECORDER_WORKFLOW.webhookId);
			const post = async (payload) =>
				await postRaw(url, {
					headers: {
						'content-type': 'application/json',
						authorization: `Basic ${FAKE.webhookToken}`,
					},
					body: JSON.stringify(payload),
				});
			const recording = {
				notificationSource: 'recorder',
				actionType: 'done',
				recorderId: 'rec-e2e-1',
			};
			const ignored = await post({ notificationSource: 'comment', actionType: 'added' });
			assert.equal(ignored.status, 200);
			const done = await post(recording);
			assert.equal(done.status, 200);
			const [execution] = await waitFor(async () => {
				const list = await allExecutions(rt, ctx.server, BASIC_RECORDER_WORKFLOW.id, {
					includeData: true,
				});
				return list.some((e) => e.finished || e.status === 'success') ? list : null;
			});
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await allExecutions(rt, ctx.server, BASIC_RECORDER_WORKFLOW.id)).length, 1);
			const items = execution.data.resultData.runData['Velt Trigger'][0].data.main[0];
			assert.deepEqual(
				items.map((item) => item.json),
				[{ event: 'recorder.done', ...recording }],
			);
		},
	);
});
