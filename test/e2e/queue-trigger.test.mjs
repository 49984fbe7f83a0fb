// The Velt Trigger in queue mode at scale: Redis, `n8n start` (main, production webhooks off),
// a separate `n8n webhook` process that receives Velt's deliveries, and two `n8n worker`s.
// 2,000 signed deliveries at concurrency 20: every one answered 2xx, none lost, each executed
// exactly once (counted from the stored executions' output). The database is PostgreSQL, as n8n
// requires for queue mode: with SQLite shared by four processes, n8n itself fails executions
// with SQLITE_BUSY under this load.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
	Cleanup,
	CRED,
	credentials,
	findSecrets,
	note,
	packPackage,
	rt,
	secs,
	startEmulator,
	waitFor,
} from './helpers.mjs';
import {
	allExecutions,
	postRaw,
	runConcurrently,
	sign,
	triggerUrl,
	triggerWorkflow,
	TRIGGER_WORKFLOW_ID,
} from './triggerHttp.mjs';

const VERSION = rt.N8N_CURRENT;
const DELIVERIES = Number(process.env.VELT_QUEUE_DELIVERIES ?? 2000);
const CONCURRENCY = 20;

describe(`Velt Trigger in n8n ${VERSION} queue mode: webhook process + two workers`, () => {
	const cleanup = new Cleanup();
	const ctx = {};
	const timings = {};

	before(
		async () => {
			await rt.ensureN8n(VERSION);
			const tarball = await packPackage(cleanup);
			ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder('velt-e2e-queue-trigger-'));
			await rt.installCommunityPackage(ctx.userFolder, tarball);
			ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
			const pidDir = path.join(ctx.userFolder, '.pids');
			ctx.redis = cleanup.track(await rt.startRedis({ pidDir }));
			ctx.postgres = cleanup.track(await rt.startPostgres({ pidDir }));
			const webhookPort = await rt.getFreePort();
			const qenv = {
				...rt.queueEnv(ctx.redis.port),
				...ctx.postgres.env,
				N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			};
			await rt.importCredentials(VERSION, ctx.userFolder, credentials(ctx.emu.url), { env: qenv });
			await rt.importWorkflow(
				VERSION,
				ctx.userFolder,
				[triggerWorkflow({ credential: CRED.sandbox })],
				{ env: qenv },
			);
			const t0 = Date.now();
			// main registers the endpoint with Velt under the webhook process's URL and serves no production webhook itself
			ctx.main = cleanup.track(
				await rt.startN8n({
					version: VERSION,
					userFolder: ctx.userFolder,
					extraEnv: { ...qenv, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
				}),
			);
			ctx.workers = [];
			for (let i = 0; i < 2; i++)
				ctx.workers.push(
					cleanup.track(
						await rt.startN8nWorker({
							version: VERSION,
							userFolder: ctx.userFolder,
							extraEnv: qenv,
							concurrency: 10,
						}),
					),
				);
			ctx.webhook = cleanup.track(
				await rt.startN8nWebhook({
					version: VERSION,
					userFolder: ctx.userFolder,
					port: webhookPort,
					extraEnv: qenv,
				}),
			);
			timings.start = secs(t0);
			const owner = await rt.setupOwnerAndApiKey(ctx.main.url);
			ctx.server = { url: ctx.main.url, apiKey: owner.apiKey };
			await rt.publicApi(
				ctx.server.url,
				ctx.server.apiKey,
				'POST',
				`/workflows/${TRIGGER_WORKFLOW_ID}/activate`,
			);
			const [endpoint] = await waitFor(
				async () => {
					const list = await ctx.emu.webhookEndpoints();
					return list.length ? list : null;
				},
				{ timeoutMs: 30_000 },
			);
			ctx.endpoint = endpoint;
			ctx.url = triggerUrl(ctx.webhook.url);
			assert.equal(endpoint.url, ctx.url, 'Velt must deliver to the webhook process');
			await waitFor(async () => (await postRaw(ctx.url, { body: '{}' })).status === 401, {
				timeoutMs: 30_000,
			});
		},
		{ timeout: 30 * 60_000 },
	);

	after(
		async () => {
			const survivors = await cleanup.run();
			note(`queue trigger: timings ${JSON.stringify(timings)}`);
			assert.deepEqual(survivors, [], 'process groups survived their stop()');
		},
		{ timeout: 3 * 60_000 },
	);

	test(
		`${DELIVERIES} signed deliveries: all answered 2xx, 0 lost, each executed exactly once`,
		{ timeout: 40 * 60_000 },
		async () => {
			let retries = 0;
			const t0 = Date.now();
			const answers = await runConcurrently(DELIVERIES, CONCURRENCY, async (seq) => {
				const body = JSON.stringify({ event: 'comment.add', data: { seq, commentId: `c-${seq}` } });
				// like Velt: a failed attempt is sent again with the same webhook-id
				const headers = {
					'content-type': 'application/json',
					...sign(ctx.endpoint.secret, body, { id: `msg_queue${String(seq).padStart(5, '0')}` }),
				};
				for (let attempt = 1; ; attempt++) {
					try {
						const res = await postRaw(ctx.url, { headers, body });
						if (res.status >= 200 && res.status < 300) return res;
						if (attempt >= 5) return res;
					} catch (error) {
						if (attempt >= 5) throw error;
					}
					retries++;
					await new Promise((r) => setTimeout(r, 500 * attempt));
				}
			});
			timings.sendSeconds = secs(t0);
			timings.deliveriesPerSecond = Number((DELIVERIES / timings.sendSeconds).toFixed(1));
			timings.retries = retries;
			const statuses = {};
			for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
			assert.deepEqual(
				statuses,
				{ 200: DELIVERIES },
				`answers by status: ${JSON.stringify(statuses)}`,
			);
			// each answer is the acknowledgement; a repeat (after a retry) says duplicate and started nothing
			assert.equal(answers.filter((a) => a.json?.received !== true).length, 0);

			const t1 = Date.now();
			await waitFor(
				async () => {
					const list = await allExecutions(rt, ctx.server, TRIGGER_WORKFLOW_ID);
					note(
						`queue trigger: ${list.length} executions stored, ${list.filter((e) => e.finished || e.status === 'success').length} finished`,
					);
					return list.length >= DELIVERIES && list.every((e) => e.status === 'success')
						? list
						: null;
				},
				{ timeoutMs: 20 * 60_000, intervalMs: 5000 },
			);
			timings.drainSeconds = secs(t1);
			await new Promise((r) => setTimeout(r, 3000));
			const stored = await allExecutions(rt, ctx.server, TRIGGER_WORKFLOW_ID, {
				includeData: true,
			});
			const seqs = stored.map(
				(e) => e.data.resultData.runData['Velt Trigger'][0].data.main[0][0].json.data.seq,
			);
			const counts = new Map();
			for (const seq of seqs) counts.set(seq, (counts.get(seq) ?? 0) + 1);
			const missing = Array.from({ length: DELIVERIES }, (_, i) => i).filter((i) => !counts.has(i));
			const twice = [...counts].filter(([, n]) => n > 1);
			note(
				`queue trigger: ${stored.length} executions, ${counts.size} distinct, missing ${missing.length}, more than once ${twice.length}, retries ${retries}`,
			);
			assert.deepEqual(
				{ executions: stored.length, missing, twice },
				{ executions: DELIVERIES, missing: [], twice: [] },
			);
			assert.ok(stored.every((e) => e.mode === 'webhook' && e.status === 'success'));
			// the workers ran them, not main and not the webhook process
			const ranBy = (logs) => (logs.match(/finished execution/gi) ?? []).length;
			timings.workerExecutions = ctx.workers.map((w) => ranBy(w.logs()));
			note(
				`queue trigger: executions logged by the workers ${JSON.stringify(timings.workerExecutions)}`,
			);
			assert.equal(ranBy(ctx.main.logs()) + ranBy(ctx.webhook.logs()), 0);
			assert.deepEqual(
				findSecrets(
					ctx.main.logs() + ctx.webhook.logs() + ctx.workers.map((w) => w.logs()).join(''),
				),
				[],
			);
		},
	);
});
