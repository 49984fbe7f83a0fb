// The Velt Trigger in queue mode at scale: Redis, `n8n start` (main, production webhooks off),
// a separate `n8n webhook` process that receives Velt's deliveries, and two `n8n worker`s.
// 2,000 signed deliveries at concurrency 20: every one answered 2xx, none lost, each executed
// exactly once (counted from the stored executions' output). The database is PostgreSQL, as n8n
// requires for queue mode: with SQLite shared by four processes, n8n itself fails executions
// with SQLITE_BUSY under this load.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
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

const VERSION = '2.41.1';
const DELIVERIES = Number(process.env.VELT_QUEUE_DELIVERIES ?? 2000);
const CONCURRENCY = 20;
const WEBHOOK_READY_LINE = 'Webhook listener waiting for requests.';

/** `n8n webhook` in its own process group (the runtime module starts main and workers only). */
async function startWebhookProcess({ userFolder, port, brokerPort, extraEnv }) {
	const inst = await rt.ensureN8n(VERSION);
	const logFile = path.join(userFolder, `n8n-webhook-${port}.log`);
	const out = fs.createWriteStream(logFile, { flags: 'a' });
	const env = rt.toolEnv(VERSION, {
		...rt.n8nEnv({ version: VERSION, userFolder, port, brokerPort }),
		...extraEnv,
	});
	const child = spawn(inst.node, [inst.bin, 'webhook'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let buf = '';
	let exited = null;
	const exitP = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
	);
	const onData = (d) => {
		out.write(d);
		buf = (buf + d).slice(-2_000_000);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const pidFile = path.join(userFolder, '.e2e-pids', String(child.pid));
	fs.mkdirSync(path.dirname(pidFile), { recursive: true });
	fs.writeFileSync(pidFile, 'n8n webhook\n');
	const stop = async () => {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		const deadline = Date.now() + 20_000;
		while (Date.now() < deadline && (exited === null || rt.groupAlive(child.pid)))
			await new Promise((r) => setTimeout(r, 100));
		if (rt.groupAlive(child.pid)) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}
		await exitP;
		await new Promise((r) => out.end(r));
		fs.rmSync(pidFile, { force: true });
	};
	const handle = { pid: child.pid, stop, logs: () => buf, url: `http://127.0.0.1:${port}` };
	try {
		await waitFor(
			() => {
				if (exited)
					throw new Error(`n8n webhook exited ${JSON.stringify(exited)}:\n${buf.slice(-3000)}`);
				return buf.includes(WEBHOOK_READY_LINE);
			},
			{ timeoutMs: 120_000, intervalMs: 100 },
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return handle;
}

/** A throwaway PostgreSQL cluster (Debian's postgresql package) on loopback, run as the postgres user. */
async function startPostgres() {
	const bin = [
		'/usr/lib/postgresql/15/bin',
		'/usr/lib/postgresql/16/bin',
		'/usr/lib/postgresql/17/bin',
	].find((dir) => fs.existsSync(path.join(dir, 'postgres')));
	if (!bin) throw new Error('PostgreSQL not found: apt-get install -y postgresql');
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-e2e-pg-'));
	const port = await rt.getFreePort();
	const asPostgres = (args) =>
		process.getuid?.() === 0
			? ['runuser', ['-u', 'postgres', '--', ...args]]
			: [args[0], args.slice(1)];
	if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
	const [initCmd, initArgs] = asPostgres([
		path.join(bin, 'initdb'),
		'-D',
		path.join(dir, 'data'),
		'-A',
		'trust',
		'-U',
		'n8n',
		'--no-sync',
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
	const [cmd, args] = asPostgres([
		path.join(bin, 'postgres'),
		'-D',
		path.join(dir, 'data'),
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'max_connections=200',
	]);
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let buf = '';
	let exited = false;
	child.stdout.on('data', (d) => (buf += d));
	child.stderr.on('data', (d) => (buf += d));
	const exitP = new Promise((resolve) => child.on('exit', () => resolve((exited = true))));
	const stop = async () => {
		try {
			process.kill(-child.pid, 'SIGINT');
		} catch {}
		const deadline = Date.now() + 15_000;
		while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
		if (rt.groupAlive(child.pid)) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}
		await exitP;
		await fsp.rm(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(
			() => {
				if (exited) throw new Error(`postgres exited:\n${buf.slice(-2000)}`);
				return buf.includes('ready to accept connections');
			},
			{ timeoutMs: 30_000, intervalMs: 100 },
		);
	} catch (error) {
		await stop();
		throw error;
	}
	const env = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: 'postgres',
	};
	return { pid: child.pid, port, env, stop };
}

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
			ctx.redis = cleanup.track(await rt.startRedis());
			ctx.postgres = cleanup.track(await startPostgres());
			const [webhookPort, webhookBroker] = await rt.getFreePorts(2);
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
				await startWebhookProcess({
					userFolder: ctx.userFolder,
					port: webhookPort,
					brokerPort: webhookBroker,
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
