// Issue 18 in a real n8n 2.x (one user folder, restarted as needed): the Velt Trigger owns its
// endpoint at Velt. Deleted at Velt + restart → registered again, deliveries run; N8N_WEBHOOK_URL
// changed → one endpoint, its URL updated; events changed → one endpoint, updated in place; a
// failed delete at deactivation → finished on the next activation; advanced webhooks off → an
// activation error that says what to do. (Healing by a delivery, while n8n runs, is in
// test/triggers/webhookLifecycle.test.ts: one process keeps the secret in memory, so only a
// restart or the secret's refresh finds the endpoint gone.)
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
	Cleanup,
	CRED,
	credentials,
	note,
	packPackage,
	rt,
	startEmulator,
	waitFor,
	stopAllAfter,
} from './helpers.mjs';
import { allExecutions, postRaw, sign, triggerUrl, triggerWorkflow } from './triggerHttp.mjs';

const VERSION = rt.N8N_CURRENT;
const STEP_TIMEOUT = 5 * 60_000;
const WORKFLOW_ID = 'veltE2eLifecyc01';
const WEBHOOK_ID = 'c4e2e0c2-18aa-4e3b-8d2f-6c8e9fa0b118';
const DELETE_PATH = '/v2/workspace/advancedwebhook/endpoints/delete';

describe(`Velt Trigger in n8n ${VERSION}: its endpoint's lifecycle at Velt`, () => {
	const cleanup = new Cleanup();
	const ctx = {};

	const api = (method, p, body) => rt.publicApi(ctx.n8n.url, ctx.apiKey, method, p, body);
	const endpoints = async () => await ctx.emu.webhookEndpoints();
	const ours = async () => (await endpoints()).filter((e) => e.url.includes(WEBHOOK_ID));
	const executions = () => allExecutions(rt, { url: ctx.n8n.url, apiKey: ctx.apiKey }, WORKFLOW_ID);

	/** Starts n8n on the same port and folder; the webhook base URL as given. */
	async function startServer(webhookBase) {
		ctx.n8n = cleanup.track(
			await rt.startN8n({
				version: VERSION,
				userFolder: ctx.userFolder,
				port: ctx.port,
				extraEnv: webhookBase ? { N8N_WEBHOOK_URL: webhookBase } : {},
			}),
		);
	}
	async function restart(webhookBase) {
		await ctx.n8n.stop();
		await startServer(webhookBase);
	}

	/** A signed delivery to the trigger (posted to 127.0.0.1 whatever URL Velt has); resolves the status. */
	async function deliver(secret, event = 'comment.add') {
		const body = JSON.stringify({ event, data: { at: Date.now() } });
		const res = await postRaw(triggerUrl(ctx.n8n.url, WEBHOOK_ID), {
			headers: { 'content-type': 'application/json', ...sign(secret, body) },
			body,
		});
		return res.status;
	}

	/** Waits until the delivery is answered 200 and an execution more has finished. */
	async function deliveryRuns(secret) {
		const before = (await executions()).length;
		await waitFor(async () => (await deliver(secret)) === 200, { timeoutMs: 30_000 });
		await waitFor(async () => (await executions()).length > before, { timeoutMs: 30_000 });
	}

	const oneEndpoint = async () => {
		const list = await ours();
		assert.equal(list.length, 1, `endpoints of this trigger: ${JSON.stringify(list)}`);
		return list[0];
	};

	before(
		async () => {
			await rt.ensureN8n(VERSION);
			const tarball = await packPackage(cleanup);
			ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder('velt-e2e-lifecycle-'));
			await rt.installCommunityPackage(ctx.userFolder, tarball);
			ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
			await rt.importCredentials(VERSION, ctx.userFolder, credentials(ctx.emu.url));
			await rt.importWorkflow(VERSION, ctx.userFolder, [
				triggerWorkflow({
					id: WORKFLOW_ID,
					webhookId: WEBHOOK_ID,
					credential: CRED.sandbox,
					events: ['comment.add'],
					name: 'Velt e2e: lifecycle',
				}),
			]);
			ctx.port = await rt.getFreePort();
			await startServer();
			const owner = await rt.setupOwnerAndApiKey(ctx.n8n.url);
			ctx.apiKey = owner.apiKey;
			ctx.session = { cookie: owner.cookie, 'browser-id': owner.browserId };
			await api('POST', `/workflows/${WORKFLOW_ID}/activate`);
			ctx.first = await waitFor(async () => (await ours())[0]);
		},
		{ timeout: 20 * 60_000 },
	);

	stopAllAfter(cleanup);

	/** The Velt calls since `mark`, as paths under /v2/workspace/. */
	const callsSince = async (mark) =>
		(await ctx.emu.requestsSince(mark)).map((q) => q.path.split('/v2/workspace/')[1]);

	test(
		'activation registers one marked endpoint; deliveries run',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const endpoint = await oneEndpoint();
			assert.match(endpoint.description, new RegExp(`\\[n8n ${WORKFLOW_ID}/`));
			assert.deepEqual(endpoint.filterTypes, ['comment.add']);
			await deliveryRuns(endpoint.secret);
		},
	);

	test(
		'endpoint deleted at Velt + restart → the next delivery is answered 503 and re-registers; deliveries run again',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const old = await oneEndpoint();
			await ctx.emu.api(DELETE_PATH, { endpointId: old.id });
			assert.equal((await ours()).length, 0);
			const beforeRestart = (await ctx.emu.requests()).length;
			await restart();
			await new Promise((r) => setTimeout(r, 3000));
			// n8n 2.x keeps a webhook registered across a restart without calling checkExists,
			// so the first delivery is what finds the endpoint gone
			note(`Velt calls at startup: ${(await callsSince(beforeRestart)).join(', ') || 'none'}`);
			const mark = (await ctx.emu.requests()).length;
			const status = await deliver(old.secret);
			note(`first delivery after the restart answered ${status}`);
			assert.equal(status, 503);
			const fresh = await waitFor(async () => (await ours())[0], { timeoutMs: 30_000 });
			const calls = await callsSince(mark);
			note(`re-registered ${fresh.id} (was ${old.id}); Velt calls: ${calls.join(', ')}`);
			assert.notEqual(fresh.id, old.id);
			assert.equal(calls.filter((c) => c === 'advancedwebhook/endpoints/create').length, 1);
			// another delivery signed for the vanished endpoint: refused, no second registration
			assert.equal(await deliver(old.secret), 401);
			await oneEndpoint();
			await deliveryRuns(fresh.secret);
			assert.ok(ctx.n8n.logs().includes('no longer exists at Velt'), 'the log says it plainly');
		},
	);

	test(
		'N8N_WEBHOOK_URL changed + restart → one endpoint, its URL updated in place (by the first verified delivery)',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const old = await oneEndpoint();
			assert.ok(old.url.startsWith(`http://127.0.0.1:${ctx.port}/`), old.url);
			await restart(`http://localhost:${ctx.port}/`);
			// the old URL still reaches this n8n here, as a kept DNS name or proxy would
			assert.equal(await deliver(old.secret), 200);
			const moved = await waitFor(
				async () => {
					const [endpoint] = await ours();
					return endpoint?.url.startsWith(`http://localhost:${ctx.port}/`) ? endpoint : null;
				},
				{ timeoutMs: 30_000 },
			);
			note(`endpoint ${moved.id}: ${old.url} → ${moved.url}`);
			assert.equal(moved.id, old.id);
			assert.equal((await endpoints()).filter((e) => e.url === old.url).length, 0);
			await oneEndpoint();
			await deliveryRuns(moved.secret);
			// back to the first base URL for the tests below; the next activation (events changed)
			// puts the endpoint's URL right again
			await restart();
		},
	);

	test(
		'events changed on the active workflow → one endpoint, filterTypes updated in place',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const old = await oneEndpoint();
			const workflow = await api('GET', `/workflows/${WORKFLOW_ID}`);
			workflow.nodes[0].parameters.events = ['comment.add', 'comment.update'];
			const mark = (await ctx.emu.requests()).length;
			await api('PUT', `/workflows/${WORKFLOW_ID}`, {
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: { executionOrder: 'v1' },
			});
			// n8n 2.x: a saved change goes live when the workflow is published (activated) again
			await api('POST', `/workflows/${WORKFLOW_ID}/activate`);
			const updated = await waitFor(
				async () => {
					const [endpoint] = await ours();
					return endpoint?.filterTypes?.length === 2 ? endpoint : null;
				},
				{ timeoutMs: 60_000 },
			);
			// past the deferred delete's wait: nothing is deleted afterwards
			await new Promise((r) => setTimeout(r, 12_000));
			const calls = await callsSince(mark);
			note(`Velt calls for the change: ${calls.join(', ')}`);
			assert.deepEqual(updated.filterTypes, ['comment.add', 'comment.update']);
			assert.equal(updated.id, old.id, 'updated in place, not replaced');
			assert.ok(!calls.includes('advancedwebhook/endpoints/delete'));
			assert.ok(!calls.includes('advancedwebhook/endpoints/create'));
			assert.equal((await oneEndpoint()).id, old.id);
		},
	);

	test(
		'a delete that failed at deactivation is finished on the next activation',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const old = await oneEndpoint();
			// 4 = the first attempt and the transport's 3 retries of the idempotent delete
			await ctx.emu.control('POST', '/fail-next', {
				kind: 'internal',
				count: 4,
				path: DELETE_PATH,
			});
			await api('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
			// n8n's delete waits DEFERRED_DELETE_MS (10 s) for an activation that would reuse it
			await waitFor(async () => ctx.n8n.logs().includes(`keeps webhook endpoint ${old.id}`), {
				timeoutMs: 60_000,
				intervalMs: 500,
			});
			assert.equal((await ours())[0]?.id, old.id, 'the delete failed: still at Velt');
			const mark = (await ctx.emu.requests()).length;
			await api('POST', `/workflows/${WORKFLOW_ID}/activate`);
			const fresh = await waitFor(
				async () => {
					const list = await ours();
					return list.length === 1 && list[0].id !== old.id ? list[0] : null;
				},
				{ timeoutMs: 60_000 },
			);
			const deletes = (await ctx.emu.requestsSince(mark)).filter((q) => q.path === DELETE_PATH);
			note(
				`old ${old.id} deleted at the next activation; now ${fresh.id}; calls: ${(await callsSince(mark)).join(', ')}`,
			);
			assert.ok(deletes.some((q) => q.body.data.endpointId === old.id));
			await deliveryRuns(fresh.secret);
		},
	);

	test(
		'advanced webhooks switched off → activation fails with a message that says what to do',
		{ timeout: STEP_TIMEOUT },
		async () => {
			await api('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
			await new Promise((r) => setTimeout(r, 12_000)); // the deferred delete runs
			const off = await ctx.emu.api('/v2/workspace/advancedwebhookconfig/update', {
				isEnabled: false,
			});
			assert.equal(off.status, 200);
			const answer = await api('POST', `/workflows/${WORKFLOW_ID}/activate`).then(
				(ok) => `200 ${JSON.stringify(ok).slice(0, 300)}`,
				(caught) => caught.message,
			);
			note(`activation answered: ${answer.slice(0, 200)}`);
			// n8n 2.x publishes in the background: the trigger's error is in the publication status
			const status = await waitFor(
				async () => {
					const res = await fetch(
						`${ctx.n8n.url}/rest/workflows/${WORKFLOW_ID}/publication-status`,
						{ headers: ctx.session },
					);
					const text = await res.text();
					return text.includes('switched off') ? text : null;
				},
				{ timeoutMs: 60_000, intervalMs: 1000 },
			);
			note(`publication status: ${status.slice(0, 700)}`);
			assert.match(status, /Advanced webhooks are switched off/);
			assert.match(status, /console\.velt\.dev\/dashboard\/config\/webhook/);
			assert.equal((await ours()).length, 0);
			await ctx.emu.api('/v2/workspace/advancedwebhookconfig/update', { isEnabled: true });
			await api('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
		},
	);
});
