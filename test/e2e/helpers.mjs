// Shared helpers of the end-to-end suite (node:test files in this folder): the packed package,
// the Velt emulator as its own process, workflow files, execution output, secret scans, cleanup.
// Defines no tests itself.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rt from '../../scripts/n8n/runtime.mjs';
import { groupAlive } from '../../scripts/n8n/runtime.mjs';

export { rt };
export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = rt.REPO_ROOT;
export const WORKFLOW_DIR = path.join(HERE, 'workflows');
export const EXAMPLES_DIR = path.join(REPO, 'examples');

/** Fake, test-only values, distinctive so a scan for them cannot match anything else. */
export const FAKE = {
	apiKey: 'e2e-fake-apikey-Q7xZ3mK9vB2n',
	authToken: 'e2e-fake-authtoken-W4pL8nR2cD6s',
	wrongAuthToken: 'e2e-wrong-authtoken-H5tY6uJ1eF3g',
	webhookToken: 'e2e-fake-webhook-token-P9oI8uY7tR5e',
};

export const CRED = {
	sandbox: { id: 'veltSandboxCred1', name: 'Velt sandbox' },
	wrongToken: { id: 'veltWrongToken01', name: 'Velt wrong token' },
	webhook: { id: 'veltWebhookCred1', name: 'Velt webhook token' },
};

export const PACKAGE_NODE_TYPES = [
	'n8n-nodes-velt.veltNotifications',
	'n8n-nodes-velt.veltNotificationsTool',
	'n8n-nodes-velt.veltNotificationsTrigger',
	'n8n-nodes-velt.veltTrigger',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const secs = (t0) => Number(((Date.now() - t0) / 1000).toFixed(1));

/** Progress lines on stderr (node:test keeps them apart from the report). */
export function note(...args) {
	console.error(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

// ---------------------------------------------------------------------------------------------
// cleanup: every process group a test file starts is stopped at its end, also on failure

const liveGroups = new Set();
function killLiveGroups() {
	for (const pgid of liveGroups) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {}
	}
}
// last resort (a crashed or interrupted test file): nothing it started may survive it
process.on('exit', killLiveGroups);
for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
]) {
	process.once(signal, () => {
		killLiveGroups();
		process.exit(code);
	});
}

export class Cleanup {
	constructor() {
		this.handles = [];
		this.folders = [];
		this.userFolders = [];
	}
	/** A handle with pid (a process group) and stop(); stopped in reverse order. */
	track(handle) {
		if (handle?.pid) liveGroups.add(handle.pid);
		this.handles.push(handle);
		return handle;
	}
	userFolder(dir) {
		this.userFolders.push(dir);
		return dir;
	}
	folder(dir) {
		this.folders.push(dir);
		return dir;
	}
	async run() {
		const errors = [];
		for (const h of this.handles.reverse()) {
			try {
				await h.stop();
			} catch (e) {
				errors.push(e);
			}
			if (h.pid) liveGroups.delete(h.pid);
		}
		this.handles = [];
		for (const dir of this.userFolders) {
			const killed = await rt.killLeftovers(dir);
			if (killed.length) note(`killed leftover process groups ${killed.join(', ')} of ${dir}`);
		}
		const survivors = [...liveGroups].filter(groupAlive);
		for (const pgid of survivors) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {}
		}
		if (!process.env.VELT_E2E_KEEP) for (const dir of [...this.userFolders, ...this.folders]) await fsp.rm(dir, { recursive: true, force: true });
		if (errors.length) throw errors[0];
		return survivors;
	}
}

export { groupAlive };

// ---------------------------------------------------------------------------------------------
// build products

function newestMtime(dir, filter = () => true) {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
		else if (filter(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
	}
	return newest;
}

function mtime(file) {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

function runSync(cmd, args, what) {
	const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
	if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
	return r.stdout;
}

const isTs = (p) => p.endsWith('.ts') || p.endsWith('.svg') || p.endsWith('.json');

/** dist/ from the current sources (`npm run build` when a source is newer). */
export function ensureDist() {
	const built = mtime(path.join(REPO, 'dist', 'nodes', 'VeltNotifications', 'VeltNotifications.node.js'));
	const sources = Math.max(newestMtime(path.join(REPO, 'nodes'), isTs), newestMtime(path.join(REPO, 'credentials'), isTs));
	if (built === 0 || sources > built) {
		note('dist/ is missing or older than the sources: npm run build');
		runSync('npm', ['run', 'build'], 'npm run build');
	}
}

/** build/test/emulator/cli.js from the current sources (tsc -p tsconfig.tools.json when stale). */
export function ensureEmulatorBuilt() {
	const cli = path.join(REPO, 'build', 'test', 'emulator', 'cli.js');
	const sources = Math.max(newestMtime(path.join(REPO, 'test', 'emulator'), (p) => p.endsWith('.ts')), newestMtime(path.join(REPO, 'nodes'), (p) => p.endsWith('.ts')));
	if (mtime(cli) === 0 || sources > mtime(cli)) {
		note('emulator build is missing or stale: tsc -p tsconfig.tools.json');
		const started = Date.now();
		try {
			runSync('npx', ['tsc', '-p', 'tsconfig.tools.json'], 'tsc -p tsconfig.tools.json');
		} catch (e) {
			// tsc emits despite type errors elsewhere in the project (the typecheck reports those)
			if (mtime(cli) < started - 1000) throw e;
			note(`tsc reported errors but emitted the emulator: ${e.message.slice(0, 500)}`);
		}
	}
	return cli;
}

/** `npm pack` of the built package into a temp dir; returns the tarball path. */
export async function packPackage(cleanup) {
	ensureDist();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-e2e-pack-'));
	cleanup?.folder(dir);
	const out = runSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--loglevel=error'], 'npm pack');
	const name = out.trim().split('\n').pop().trim();
	const tarball = path.join(dir, name);
	assert.ok(fs.existsSync(tarball), `npm pack did not produce ${tarball}:\n${out}`);
	const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout;
	for (const f of ['package/package.json', 'package/dist/nodes/VeltNotifications/VeltNotifications.node.js', 'package/dist/credentials/VeltApi.credentials.js'])
		assert.ok(listing.includes(f), `${f} missing from the tarball`);
	return tarball;
}

// ---------------------------------------------------------------------------------------------
// Velt emulator (its own process and process group)

/**
 * Starts build/test/emulator/cli.js seeded with the sample workspace. The pgid is recorded in
 * <userFolder>/.e2e-pids so rt.killLeftovers(userFolder) also catches it.
 */
export async function startEmulator({ userFolder, apiKey = FAKE.apiKey, authToken = FAKE.authToken, timeoutMs = 30_000 } = {}) {
	const cli = ensureEmulatorBuilt();
	const child = spawn(process.execPath, [cli, '--port', '0', '--seed-sample', '--api-key', apiKey, '--auth-token', authToken], {
		cwd: REPO,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const pidFile = userFolder ? path.join(userFolder, '.e2e-pids', String(child.pid)) : undefined;
	if (pidFile) {
		fs.mkdirSync(path.dirname(pidFile), { recursive: true });
		fs.writeFileSync(pidFile, 'velt emulator\n');
	}
	let out = '';
	let err = '';
	let exited = null;
	const exitP = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (err += d));
	const t0 = Date.now();
	while (!out.includes('\n')) {
		if (exited || Date.now() - t0 > timeoutMs) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			throw new Error(`emulator did not start (${JSON.stringify(exited)}): ${out}${err}`);
		}
		await sleep(25);
	}
	const { url } = JSON.parse(out.split('\n')[0]);
	const stop = async () => {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		const deadline = Date.now() + 10_000;
		while (groupAlive(child.pid) && Date.now() < deadline) await sleep(50);
		if (groupAlive(child.pid)) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			while (groupAlive(child.pid)) await sleep(50);
		}
		await exitP;
		if (pidFile) fs.rmSync(pidFile, { force: true });
	};
	return { url, pid: child.pid, stop, apiKey, authToken, ...emulatorClient(url), stderr: () => err };
}

/** The emulator's control endpoints and its API as an app would call it. */
export function emulatorClient(url) {
	const control = async (method, p, body) => {
		const res = await fetch(`${url}/__emulator${p}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`emulator ${method} ${p}: HTTP ${res.status} ${text}`);
		return JSON.parse(text);
	};
	return {
		control,
		requests: async () => (await control('GET', '/requests')).requests,
		/** API requests after the first `mark` ones (mark = the length of an earlier requests()). */
		requestsSince: async (mark) => (await control('GET', '/requests')).requests.slice(mark),
		requestCount: async () => (await control('GET', '/health')).requests,
		notifications: async (filter = {}) => (await control('GET', `/notifications?${new URLSearchParams(filter)}`)).notifications,
		webhookEndpoints: async () => (await control('GET', '/webhook-endpoints')).endpoints,
		deliver: (endpointId, payload, options) => control('POST', '/webhooks/deliver', { endpointId, payload, options }),
		/** Calls the Velt API itself (as the app's backend would). */
		api: async (p, data, { apiKey = FAKE.apiKey, authToken = FAKE.authToken } = {}) => {
			const res = await fetch(`${url}${p}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-velt-api-key': apiKey, 'x-velt-auth-token': authToken },
				body: JSON.stringify({ data }),
			});
			return { status: res.status, body: await res.json() };
		},
	};
}

/** Standard Webhooks signature, computed independently of the emulator and the node. */
export function signStandardWebhook(secret, id, timestampSeconds, body) {
	const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
	return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export const randomWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

// ---------------------------------------------------------------------------------------------
// workflows and credentials

export function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function exampleWorkflow(name) {
	return readJson(path.join(EXAMPLES_DIR, `${name}.json`));
}

export function e2eWorkflow(name) {
	return readJson(path.join(WORKFLOW_DIR, `${name}.json`));
}

export function allExampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => readJson(path.join(EXAMPLES_DIR, f)));
}

export function allE2eWorkflows() {
	return fs
		.readdirSync(WORKFLOW_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => readJson(path.join(WORKFLOW_DIR, f)));
}

export function credentials(emulatorUrl) {
	return [
		{ ...CRED.sandbox, type: 'veltApi', data: { apiKey: FAKE.apiKey, authToken: FAKE.authToken, baseUrl: emulatorUrl } },
		{ ...CRED.wrongToken, type: 'veltApi', data: { apiKey: FAKE.apiKey, authToken: FAKE.wrongAuthToken, baseUrl: emulatorUrl } },
		{ ...CRED.webhook, type: 'veltWebhookApi', data: { authToken: FAKE.webhookToken } },
	];
}

// ---------------------------------------------------------------------------------------------
// execution data

/** The json of every item a node output (run 0, output `output`) in a run's resultData. */
export function nodeItems(execution, nodeName, { output = 0, run = 0 } = {}) {
	const runData = execution?.data?.resultData?.runData ?? execution?.resultData?.runData;
	assert.ok(runData, `no runData in ${JSON.stringify(execution).slice(0, 500)}`);
	const runs = runData[nodeName];
	assert.ok(runs, `node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
	const main = runs[run]?.data?.main;
	assert.ok(main, `node "${nodeName}" has no output: ${JSON.stringify(runs[run]).slice(0, 1500)}`);
	return (main[output] ?? []).map((i) => i.json);
}

export function ranNodes(execution) {
	return Object.keys(execution?.data?.resultData?.runData ?? {});
}

/** The error an execution ended with (resultData.error). */
export function executionError(execution) {
	return execution?.data?.resultData?.error;
}

/** Every place of `text` where one of the secrets occurs (with some context). */
export function findSecrets(text, secrets = Object.values(FAKE)) {
	const hits = [];
	for (const s of secrets) {
		let i = text.indexOf(s);
		while (i >= 0) {
			hits.push(`${s} at ${i}: …${text.slice(Math.max(0, i - 120), i + s.length + 40)}…`);
			i = text.indexOf(s, i + 1);
		}
	}
	return hits;
}

/** The raw bytes of n8n's sqlite database (with -wal/-shm) as latin1 text, for secret scans. */
export function databaseText(userFolder) {
	const dir = path.join(userFolder, '.n8n');
	let text = '';
	for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (f.startsWith('database.sqlite')) text += fs.readFileSync(path.join(dir, f)).toString('latin1');
	}
	return text;
}

/** Every *.log file under the user folder (n8n server/worker logs, installs). */
export function logFilesText(userFolder) {
	let text = '';
	for (const f of fs.readdirSync(userFolder)) if (f.endsWith('.log')) text += fs.readFileSync(path.join(userFolder, f), 'utf8');
	return text;
}

// ---------------------------------------------------------------------------------------------
// n8n server helpers

export async function waitFor(fn, opts) {
	return rt.waitFor(fn, opts);
}

/** Executions of a workflow via the public API (newest first), with data. */
export async function listExecutions(server, workflowId, { includeData = true, limit = 100 } = {}) {
	const q = new URLSearchParams({ workflowId, includeData: String(includeData), limit: String(limit) });
	return (await rt.publicApi(server.url, server.apiKey, 'GET', `/executions?${q}`)).data;
}

/** Waits until a workflow has more than `count` finished executions; returns them (newest first). */
export async function waitForExecutions(server, workflowId, count, { timeoutMs = 30_000 } = {}) {
	return waitFor(
		async () => {
			const list = await listExecutions(server, workflowId);
			const done = list.filter((e) => e.finished || (e.status && !['new', 'running', 'waiting'].includes(e.status)));
			return done.length > count ? done : null;
		},
		{ timeoutMs, intervalMs: 300 },
	);
}

/** POSTs JSON to a production webhook, retrying 404s right after activation. */
export async function postWebhook(url, body, { headers = {}, raw, expectStatus } = {}) {
	return waitFor(
		async () => {
			const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw ?? JSON.stringify(body) });
			const text = await res.text();
			if (res.status === 404) throw new Error(`404 ${text}`);
			if (expectStatus !== undefined) assert.equal(res.status, expectStatus, text);
			let json;
			try {
				json = JSON.parse(text);
			} catch {}
			return { status: res.status, text, json };
		},
		{ timeoutMs: 20_000, intervalMs: 300 },
	);
}
