// `npm run dev` as a user runs it: start, wait for the ready block, use what it printed, Ctrl-C,
// nothing left running; then a second start against the same sandbox (cached install, login).
//   node --test test/e2e/dev.test.mjs
// Uses a throwaway sandbox folder and free ports (VELT_DEV_SANDBOX_DIR, VELT_DEV_PORT,
// VELT_DEV_EMULATOR_PORT), so it never touches a developer's own sandbox or a running `npm run dev`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as rt from '../../scripts/n8n/runtime.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const N8N_VERSION = rt.N8N_CURRENT;
const READY = 'Velt sandbox is ready';
const EXAMPLES = fs
	.readdirSync(path.join(REPO, 'examples'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => JSON.parse(fs.readFileSync(path.join(REPO, 'examples', f), 'utf8')));
// cold: the n8n install (minutes) may happen on the first run
const FIRST_READY_TIMEOUT_MS = 20 * 60_000;
const READY_TIMEOUT_MS = 5 * 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sleepUnref = (ms) => new Promise((r) => setTimeout(r, ms).unref());

let sandboxDir;
let n8nPort;
let emulatorPort;
const runs = [];
const timings = {};

// ---------------------------------------------------------------------------------------------
// processes, from /proc (independent of the script's own bookkeeping)

function procTable() {
	const t = new Map();
	for (const d of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (f[0] === 'Z') continue;
			t.set(Number(d), { ppid: Number(f[1]), pgid: Number(f[2]), start: f[19], cmd: readCmd(d) });
		} catch {}
	}
	return t;
}

function readCmd(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
	} catch {
		return '';
	}
}

/** [{pid, start, pgid, cmd}] of every live descendant of root. */
function tree(root) {
	const t = procTable();
	const kids = new Map();
	for (const [pid, p] of t) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), pid]);
	const out = [];
	const stack = [...(kids.get(root) ?? [])];
	while (stack.length) {
		const pid = stack.pop();
		out.push({ pid, ...t.get(pid) });
		stack.push(...(kids.get(pid) ?? []));
	}
	return out;
}

/** Snapshot entries that still run (same pid and same start time). */
function stillAlive(snapshot) {
	const t = procTable();
	return snapshot.filter((p) => t.get(p.pid)?.start === p.start);
}

/** Processes anywhere on the machine that use this sandbox (n8n's env) or the test's emulator port. */
function sandboxProcesses() {
	const out = [];
	for (const [pid, p] of procTable()) {
		let env = '';
		try {
			env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
		} catch {}
		if (
			env.includes(`N8N_USER_FOLDER=${sandboxDir}\0`) ||
			env.includes(`VELT_DEV_SANDBOX_DIR=${sandboxDir}\0`) ||
			p.cmd.includes(`--port ${emulatorPort} `)
		)
			out.push({ pid, ...p });
	}
	return out;
}

const portOpen = (port) =>
	new Promise((resolve) => {
		const s = net.connect({ host: '127.0.0.1', port }, () => {
			s.destroy();
			resolve(true);
		});
		s.on('error', () => resolve(false));
	});

// ---------------------------------------------------------------------------------------------
// running the script

/**
 * Starts the dev script in its own process group (as a terminal would), collects its output and
 * resolves once the ready block is printed.
 */
async function startDev(label, { command, args, timeoutMs }) {
	const env = {
		...process.env,
		VELT_DEV_SANDBOX_DIR: sandboxDir,
		VELT_DEV_PORT: String(n8nPort),
		VELT_DEV_EMULATOR_PORT: String(emulatorPort),
	};
	for (const k of [
		'VELT_API_KEY',
		'VELT_AUTH_TOKEN',
		'VELT_BASE_URL',
		'VELT_DEV_EXIT_AFTER_READY',
		'VELT_DEV_RESET',
		'VELT_DEV_REBUILD',
	])
		delete env[k];
	const t0 = Date.now();
	const child = spawn(command, args, {
		cwd: REPO,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const run = { label, child, out: '', exit: null, t0 };
	runs.push(run);
	run.exited = new Promise((r) =>
		child.on('exit', (code, signal) => r((run.exit = { code, signal }))),
	);
	child.stdout.on('data', (d) => (run.out += d));
	child.stderr.on('data', (d) => (run.out += d));
	let lastProgress = Date.now();
	while (!run.out.includes(READY)) {
		if (run.exit)
			throw new Error(`${label}: exited ${JSON.stringify(run.exit)} before ready:\n${run.out}`);
		if (Date.now() - t0 > timeoutMs)
			throw new Error(`${label}: not ready after ${timeoutMs} ms:\n${run.out}`);
		if (Date.now() - lastProgress > 60_000) {
			console.log(
				`# ${label}: still starting after ${Math.round((Date.now() - t0) / 1000)} s; last output: ${run.out.trim().split('\n').pop()}`,
			);
			lastProgress = Date.now();
		}
		await sleep(100);
	}
	// the ready block is printed in one write, but let it arrive completely
	await sleep(200);
	run.readySeconds = (Date.now() - t0) / 1000;
	const m = (re) => re.exec(run.out)?.[1];
	run.url = m(/^\s*n8n editor\s+(http:\/\/\S+)/m);
	run.login = /^\s*Login\s+(\S+) \/ (\S+)/m.exec(run.out)?.slice(1, 3);
	run.emulatorUrl = m(/^\s*Emulator\s+(http:\/\/\S+)/m);
	run.devPid = tree(child.pid).find((p) => p.cmd.includes('scripts/dev.mjs'))?.pid ?? child.pid;
	return run;
}

/** Sends `signal` (to the whole group for a "terminal Ctrl-C", else to one pid) and checks everything is gone. */
async function stopDev(run, { toGroup, signal = 'SIGINT', timeoutMs = 60_000 }) {
	const before = tree(run.child.pid);
	assert.ok(
		before.some((p) => /n8n\/bin\/n8n start/.test(p.cmd)),
		`n8n is not among the processes:\n${before.map((p) => p.cmd).join('\n')}`,
	);
	assert.ok(
		before.some((p) => p.cmd.includes('emulator/cli.js')),
		'the emulator is not among the processes',
	);
	const t0 = Date.now();
	process.kill(toGroup ? -run.child.pid : run.devPid, signal);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && (run.exit === null || stillAlive(before).length))
		await sleep(100);
	run.stopSeconds = (Date.now() - t0) / 1000;
	assert.ok(run.exit, `${run.label}: did not exit within ${timeoutMs} ms after ${signal}`);
	assert.deepEqual(
		stillAlive(before).map((p) => `${p.pid} ${p.cmd}`),
		[],
		`${run.label}: processes still alive ${run.stopSeconds} s after ${signal}`,
	);
	assert.deepEqual(
		sandboxProcesses().map((p) => `${p.pid} ${p.cmd}`),
		[],
		'processes of this sandbox still running',
	);
	assert.equal(await portOpen(n8nPort), false, 'n8n port still open');
	assert.equal(await portOpen(emulatorPort), false, 'emulator port still open');
	assert.match(run.out, /stopped \([\d.]+ s\); nothing left running/);
	return { before: before.length, stopSeconds: run.stopSeconds };
}

// ---------------------------------------------------------------------------------------------
// n8n REST as a logged-in user

async function login(url, email, password) {
	const session = await rt.login(url, { email, password });
	assert.equal(session.status, 200, `login as ${email}: ${session.message}`);
	assert.match(session.cookie, /n8n-auth=/);
	return { user: session.user, call: session.rest };
}

/** Parses an execution's `data` (n8n stores it with `flatted`). */
function parseExecutionData(data) {
	if (typeof data !== 'string') return data;
	const require = createRequire(path.join(rt.n8nPaths(N8N_VERSION).dir, 'package.json'));
	return require('flatted').parse(data);
}

/** Runs a saved workflow like the editor's "Execute workflow" button and waits for its execution. */
async function runWorkflow(api, workflowId, triggerName) {
	const r = await api.call('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: triggerName },
	});
	assert.equal(r.status, 200, JSON.stringify(r.body));
	const executionId = r.body.data?.executionId;
	assert.ok(executionId, `no executionId: ${JSON.stringify(r.body)}`);
	const exec = await rt.waitFor(
		async () => {
			const e = await api.call('GET', `/rest/executions/${executionId}`);
			return e.status === 200 &&
				e.body.data?.finished !== undefined &&
				!['new', 'running'].includes(e.body.data.status)
				? e.body.data
				: null;
		},
		{ timeoutMs: 90_000, intervalMs: 300 },
	);
	exec.parsed = parseExecutionData(exec.data);
	return exec;
}

const nodeOutput = (exec, node) =>
	exec.parsed.resultData.runData[node]?.[0]?.data?.main?.[0]?.map((i) => i.json) ?? [];

// ---------------------------------------------------------------------------------------------

before(async () => {
	sandboxDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-dev-e2e-'));
	[n8nPort, emulatorPort] = await rt.getFreePorts(2);
});

after(async () => {
	// also on failure: stop whatever is still running, then remove the sandbox
	for (const run of runs) {
		if (run.exit === null) {
			try {
				process.kill(-run.child.pid, 'SIGINT');
			} catch {}
			await Promise.race([run.exited, sleepUnref(30_000)]);
		}
	}
	for (const p of sandboxProcesses()) {
		try {
			process.kill(p.pid, 'SIGKILL');
		} catch {}
	}
	for (const run of runs)
		try {
			process.kill(-run.child.pid, 'SIGKILL');
		} catch {}
	if (sandboxDir) await fsp.rm(sandboxDir, { recursive: true, force: true });
	console.log(`# timings ${JSON.stringify(timings)}`);
});

test(
	'npm run dev: fresh sandbox, everything printed works, Ctrl-C stops everything',
	{ timeout: FIRST_READY_TIMEOUT_MS + 5 * 60_000 },
	async (t) => {
		const run = await startDev('first run (npm run dev)', {
			command: 'npm',
			args: ['run', '--silent', 'dev'],
			timeoutMs: FIRST_READY_TIMEOUT_MS,
		});
		timings.firstReadySeconds = run.readySeconds;
		t.diagnostic(`first run (fresh sandbox) ready in ${run.readySeconds.toFixed(1)} s`);
		assert.ok(run.url, `no editor URL printed:\n${run.out}`);
		assert.equal(run.url, `http://127.0.0.1:${n8nPort}`);
		assert.equal(run.emulatorUrl, `http://127.0.0.1:${emulatorPort}`);
		assert.ok(run.login, 'no login printed');
		const [email, password] = run.login;

		// the printed login works
		const api = await login(run.url, email, password);
		assert.equal(api.user.email, email);
		assert.equal(api.user.role, 'global:owner');

		// the package is installed as a community package and its node types are loaded
		const installed = JSON.parse(
			fs.readFileSync(
				path.join(sandboxDir, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-velt', 'package.json'),
				'utf8',
			),
		);
		assert.equal(
			installed.version,
			JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
		);
		const types = await api.call('GET', '/types/nodes.json');
		assert.equal(types.status, 200);
		const veltTypes = types.body.map((n) => n.name).filter((n) => n.startsWith('n8n-nodes-velt.'));
		for (const name of [
			'n8n-nodes-velt.velt',
			'n8n-nodes-velt.veltActivityTrigger',
			'n8n-nodes-velt.veltNotifications',
			'n8n-nodes-velt.veltNotificationsTrigger',
			'n8n-nodes-velt.veltTrigger',
		])
			assert.ok(veltTypes.includes(name), `${name} not in /types/nodes.json (${veltTypes})`);
		const credTypes = await api.call('GET', '/types/credentials.json');
		assert.deepEqual(
			credTypes.body
				.map((c) => c.name)
				.filter((n) => n.startsWith('velt'))
				.sort(),
			['veltApi', 'veltWebhookApi'],
		);

		// the credential exists, points at the emulator, its secrets are not readable, and its test passes
		const cred = await api.call('GET', '/rest/credentials/veltSandboxCred1?includeData=true');
		assert.equal(cred.status, 200, JSON.stringify(cred.body));
		assert.equal(cred.body.data.name, 'Velt sandbox');
		assert.equal(cred.body.data.type, 'veltApi');
		assert.equal(cred.body.data.data.baseUrl, run.emulatorUrl);
		assert.match(cred.body.data.data.apiKey, /^__n8n_BLANK_VALUE_/);
		const credTest = await api.call('POST', '/rest/credentials/test', {
			credentials: {
				id: cred.body.data.id,
				name: cred.body.data.name,
				type: cred.body.data.type,
				data: cred.body.data.data,
			},
		});
		assert.equal(
			credTest.body?.data?.status,
			'OK',
			`credential test: ${JSON.stringify(credTest.body)}`,
		);

		// every example workflow is imported, with its name
		const wfs = await api.call('GET', '/rest/workflows');
		assert.equal(wfs.status, 200);
		const byId = new Map(wfs.body.data.map((w) => [w.id, w]));
		for (const ex of EXAMPLES)
			assert.equal(byId.get(ex.id)?.name, ex.name, `example ${ex.id} missing`);

		// two examples that use the credential run green in n8n against the emulator (like "Execute workflow")
		const emuBefore = (await (await fetch(`${run.emulatorUrl}/__emulator/requests`)).json())
			.requests.length;
		const settings = await runWorkflow(api, 'veltExample00004', 'Run Now');
		assert.equal(
			settings.status,
			'success',
			JSON.stringify(settings.parsed?.resultData?.error ?? settings).slice(0, 2000),
		);
		const readBack = nodeOutput(settings, 'Read Settings Back');
		assert.ok(readBack.length >= 1, 'Read Settings Back produced no item');
		assert.match(JSON.stringify(readBack), /"email":"MINE"/);

		const markRead = await runWorkflow(api, 'veltExample00003', 'Run Now');
		assert.equal(
			markRead.status,
			'success',
			JSON.stringify(markRead.parsed?.resultData?.error ?? markRead).slice(0, 2000),
		);
		const got = nodeOutput(markRead, "Get Document's Notifications");
		const marked = nodeOutput(markRead, 'Mark as Read');
		assert.ok(got.length > 0, 'Get Many returned nothing for doc-q3-roadmap');
		assert.equal(marked.length, got.length);
		const emu = (
			await (await fetch(`${run.emulatorUrl}/__emulator/requests`)).json()
		).requests.slice(emuBefore);
		const paths = emu.map((r) => r.path);
		for (const p of [
			'/v2/notifications/config/set',
			'/v2/notifications/config/get',
			'/v2/notifications/get',
			'/v2/notifications/update',
		])
			assert.ok(paths.includes(p), `the emulator saw no ${p} (saw ${[...new Set(paths)]})`);
		assert.ok(
			emu.every((r) => r.headers['x-velt-api-key'] === 'velt-sandbox-fake-api-key'),
			'requests without the sandbox key',
		);
		const unread = await (
			await fetch(
				`${run.emulatorUrl}/__emulator/notifications?organizationId=org-acme-analytics&documentId=doc-q3-roadmap`,
			)
		).json();
		assert.ok(
			unread.notifications.every((n) => n.readByUserIds.includes('user-ava-thompson')),
			'after "mark every notification of a document as read" some are still unread for user-ava-thompson',
		);
		t.diagnostic(
			`examples ran: settings ${settings.status}, mark-read ${markRead.status} (${got.length} notifications marked)`,
		);

		// Ctrl-C in the terminal: SIGINT to the whole foreground process group (npm, sh, node)
		const stopped = await stopDev(run, { toGroup: true });
		timings.firstStopSeconds = stopped.stopSeconds;
		t.diagnostic(
			`Ctrl-C: ${stopped.before} processes stopped in ${stopped.stopSeconds.toFixed(1)} s`,
		);
		assert.equal(fs.existsSync(path.join(sandboxDir, 'dev.lock')), false, 'lock file left behind');
	},
);

test(
	'second run: cached install and sandbox reused, owner logs in, SIGINT to the script alone stops everything',
	{ timeout: READY_TIMEOUT_MS + 2 * 60_000 },
	async (t) => {
		// if the first test failed half-way, its run still holds the sandbox: end it first
		for (const r of runs.filter((x) => x.exit === null)) {
			process.kill(-r.child.pid, 'SIGINT');
			await Promise.race([r.exited, sleepUnref(30_000)]);
		}
		const run = await startDev('second run (node scripts/dev.mjs)', {
			command: process.execPath,
			args: ['scripts/dev.mjs'],
			timeoutMs: READY_TIMEOUT_MS,
		});
		timings.secondReadySeconds = run.readySeconds;
		t.diagnostic(`second run (warm) ready in ${run.readySeconds.toFixed(1)} s`);
		console.log(
			`# warm start of the dev sandbox: ${run.readySeconds.toFixed(1)} s (first: ${timings.firstReadySeconds?.toFixed(1)} s)`,
		);
		assert.doesNotMatch(
			run.out,
			/not installed yet|installed into .*n8n\/2\.41\.1/,
			'n8n was installed again',
		);
		assert.doesNotMatch(run.out, /sandbox: new n8n user folder/, 'the sandbox was not reused');
		assert.match(run.out, /package: n8n-nodes-velt (unchanged, already installed|@)/);
		assert.doesNotMatch(run.out, /warning: logging in/);
		assert.match(
			run.out,
			new RegExp(`Examples\\s+${EXAMPLES.length} workflows\\n`),
			'examples re-imported although unchanged',
		);
		const [email, password] = run.login;
		const api = await login(run.url, email, password);
		const cred = await api.call('GET', '/rest/credentials/veltSandboxCred1?includeData=true');
		assert.equal(cred.body.data.data.baseUrl, run.emulatorUrl);
		// a warm start is a matter of seconds: no install, no imports (n8n itself needs ~6-9 s on 2 cores)
		assert.ok(run.readySeconds < 90, `warm start took ${run.readySeconds} s`);

		// `kill -INT <pid of the script>`: only the script gets the signal; it must stop its own children
		const stopped = await stopDev(run, { toGroup: false });
		timings.secondStopSeconds = stopped.stopSeconds;
		assert.equal(run.exit.code, 0);
	},
);
