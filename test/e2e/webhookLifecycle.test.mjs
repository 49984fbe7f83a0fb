// Issues 18 and 23 in a real n8n 2.x (one user folder, restarted as needed): the Velt Trigger
// owns its endpoint at Velt and acts only on what it can prove its own. A copy of the workflow
// imported into a second n8n (other encryption key) registers its own endpoint and leaves the
// first one delivering, also after the copy is deactivated; an endpoint deleted at Velt costs
// forged deliveries no Velt call (one signing-secret read after a restart) and comes back when
// the workflow is activated again; N8N_WEBHOOK_URL changed → the endpoint's URL updated in place
// by the first verified delivery; events changed → updated in place; a failed delete at
// deactivation → finished on the next activation; advanced webhooks off → an activation error
// that says what to do.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
	Cleanup,
	CRED,
	credentials,
	note,
	packPackage,
	randomWebhookSecret,
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
/** The second n8n's own encryption key (fake, test-only): another instance id, another mark. */
const COPY_ENCRYPTION_KEY = 'velt-e2e-fake-encryption-key-copy';

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
			ctx.tarball = await packPackage(cleanup);
			const tarball = ctx.tarball;
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
			// the mark: an HMAC only this n8n's trigger can make, at the very end of the description
			assert.match(endpoint.description, /\[n8n [0-9a-f]{32}\]$/);
			assert.deepEqual(endpoint.filterTypes, ['comment.add']);
			await deliveryRuns(endpoint.secret);
		},
	);

	test(
		'a copy imported into a second n8n and activated there registers its own endpoint; the first keeps its endpoint (URL, events) and its deliveries, also after the copy is deactivated',
		{ timeout: 10 * 60_000 },
		async () => {
			const prod = await oneEndpoint();
			const exported = await api('GET', `/workflows/${WORKFLOW_ID}`);
			const kept = JSON.stringify(exported.staticData ?? {});
			assert.ok(kept.includes(prod.id), `the export carries the endpoint id: ${kept}`);
			const copyFolder = cleanup.userFolder(await rt.makeUserFolder('velt-e2e-copy-'));
			await rt.installCommunityPackage(copyFolder, ctx.tarball);
			const o = { encryptionKey: COPY_ENCRYPTION_KEY };
			await rt.importCredentials(VERSION, copyFolder, credentials(ctx.emu.url), o);
			await rt.importWorkflow(
				VERSION,
				copyFolder,
				[
					{
						id: WORKFLOW_ID,
						name: exported.name,
						active: false,
						nodes: exported.nodes,
						connections: exported.connections,
						settings: exported.settings,
						staticData: exported.staticData,
						pinData: {},
					},
				],
				o,
			);
			const copy = cleanup.track(
				await rt.startN8n({ version: VERSION, userFolder: copyFolder, ...o }),
			);
			try {
				await copyRuns(copy, prod);
			} finally {
				// whatever failed above, the copy's endpoint goes, so the next tests see one endpoint
				for (const e of (await endpoints()).filter((x) => x.url.startsWith(copy.url)))
					await ctx.emu.api(DELETE_PATH, { endpointId: e.id });
				await copy.stop();
			}
		},
	);

	/** The copy activated, checked against the first n8n's endpoint, and deactivated again. */
	async function copyRuns(copy, prod) {
		const copyOwner = await rt.setupOwnerAndApiKey(copy.url);
		const copyApi = (method, p) => rt.publicApi(copy.url, copyOwner.apiKey, method, p);
		await copyApi('POST', `/workflows/${WORKFLOW_ID}/activate`);
		const copyEndpoint = await waitFor(
			async () => (await ours()).find((e) => e.url.startsWith(copy.url)),
			{ timeoutMs: 60_000 },
		);
		note(
			`the copy registered ${copyEndpoint.id} at ${copyEndpoint.url}; the first keeps ${prod.id}`,
		);
		assert.notEqual(copyEndpoint.id, prod.id);
		// the warning is written after the registration, so it may reach the log a moment later
		const why = `endpoint ${prod.id} belongs to another n8n`;
		await waitFor(() => copy.logs().includes(why), { timeoutMs: 15_000 }).catch(() => {
			throw new Error(`the copy's log never said "${why}" within 15 s`);
		});
		const untouched = async () => {
			const now = (await endpoints()).find((e) => e.id === prod.id);
			assert.ok(now, "the first n8n's endpoint is still at Velt");
			assert.equal(now.url, prod.url);
			assert.deepEqual(now.filterTypes, prod.filterTypes);
			assert.equal(now.description, prod.description);
		};
		await untouched();
		await deliveryRuns(prod.secret);
		await copyApi('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
		// past n8n's deferred delete (10 s): the copy deletes its own endpoint, nothing else
		await waitFor(async () => !(await endpoints()).some((e) => e.id === copyEndpoint.id), {
			timeoutMs: 60_000,
			intervalMs: 1000,
		});
		await new Promise((r) => setTimeout(r, 3000));
		await untouched();
		await deliveryRuns(prod.secret);
	}

	test(
		'endpoint deleted at Velt: 30 forged deliveries make no Velt call; after a restart one signing-secret read, no registration; activating again registers it and deliveries run',
		{ timeout: STEP_TIMEOUT },
		async () => {
			const old = await oneEndpoint();
			await ctx.emu.api(DELETE_PATH, { endpointId: old.id });
			assert.equal((await ours()).length, 0);
			const forged = async () => {
				const statuses = [];
				for (let i = 0; i < 30; i++) statuses.push(await deliver(randomWebhookSecret()));
				return statuses;
			};
			let mark = (await ctx.emu.requests()).length;
			const running = await forged();
			assert.deepEqual([...new Set(running)], [401], 'every forged delivery refused');
			assert.deepEqual(await callsSince(mark), [], 'no Velt call');
			await restart();
			mark = (await ctx.emu.requests()).length;
			const restarted = await forged();
			const calls = await callsSince(mark);
			note(
				`after the restart: statuses ${[...new Set(restarted)]}; Velt calls: ${calls.join(', ')}`,
			);
			assert.deepEqual(calls, ['advancedwebhook/endpoints/secret/get']);
			assert.ok(!restarted.includes(200) && !restarted.includes(204), 'nothing ran');
			assert.equal((await ours()).length, 0, 'nothing registered');
			assert.ok(ctx.n8n.logs().includes('no longer exists at Velt'), 'the log says it plainly');
			assert.ok(ctx.n8n.logs().includes('deactivate and activate the workflow'), 'and what to do');
			await api('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
			await api('POST', `/workflows/${WORKFLOW_ID}/activate`);
			const fresh = await waitFor(async () => (await ours())[0], { timeoutMs: 60_000 });
			note(`registered again: ${fresh.id} (was ${old.id})`);
			assert.notEqual(fresh.id, old.id);
			await deliveryRuns(fresh.secret);
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
			// n8n stays on this base URL for the tests below: an activation leaves an endpoint at
			// another URL alone (it could be a restored backup's), so it must stay where n8n is
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
