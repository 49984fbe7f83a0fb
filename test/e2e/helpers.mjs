// Shared helpers of the end-to-end suite (node:test files in this folder): the packed package,
// the Velt emulator as its own process, workflow files, execution output, secret scans, cleanup.
// Processes, installs and the n8n CLI come from scripts/n8n/runtime.mjs. Defines no tests itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as rt from '../../scripts/n8n/runtime.mjs';

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
	'n8n-nodes-velt.velt',
	'n8n-nodes-velt.veltActivityTrigger',
	'n8n-nodes-velt.veltNotifications',
	'n8n-nodes-velt.veltNotificationsTool',
	'n8n-nodes-velt.veltNotificationsTrigger',
	'n8n-nodes-velt.veltTool',
	'n8n-nodes-velt.veltTrigger',
];

export const secs = (t0) => Number(((Date.now() - t0) / 1000).toFixed(1));

/** Progress lines on stderr (node:test keeps them apart from the report). */
export function note(...args) {
	console.error(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

// ---------------------------------------------------------------------------------------------
// cleanup: every process group a test file starts is stopped at its end, also on failure

// an interrupted test file exits through 'exit', where the runtime kills every group it started
for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
])
	process.once(signal, () => process.exit(code));

export class Cleanup {
	constructor() {
		this.handles = [];
		this.folders = [];
		this.userFolders = [];
	}
	/** A handle with pid (a process group) and stop(); stopped in reverse order. */
	track(handle) {
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
	/** Stops everything; resolves the process groups still alive after their stop() (should be none). */
	async run() {
		const errors = [];
		const groups = this.handles.map((h) => h.pid).filter(Boolean);
		for (const h of this.handles.reverse()) await h.stop().catch((e) => errors.push(e));
		this.handles = [];
		for (const dir of this.userFolders) {
			const killed = await rt.killLeftovers(path.join(dir, '.pids'));
			if (killed.length) note(`killed leftover process groups ${killed.join(', ')} of ${dir}`);
		}
		const survivors = groups.filter(rt.groupAlive);
		for (const pgid of survivors)
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {}
		if (!process.env.VELT_E2E_KEEP)
			for (const dir of [...this.userFolders, ...this.folders])
				await fsp.rm(dir, { recursive: true, force: true });
		if (errors.length) throw errors[0];
		return survivors;
	}
}

/** Registers the suite's `after` that stops what `cleanup` holds and asserts nothing survived. */
export function stopAllAfter(cleanup) {
	after(
		async () => {
			const survivors = await cleanup.run();
			assert.deepEqual(survivors, [], 'process groups survived their stop()');
		},
		{ timeout: 2 * 60_000 },
	);
}

/** n8n's own REST API with the owner's session, as the editor calls it; answers the parsed JSON. */
export function sessionRest(server) {
	return async (method, p, body) => {
		const res = await fetch(`${server.url}${p}`, {
			method,
			headers: {
				cookie: server.cookie,
				'browser-id': server.browserId,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		assert.ok(res.ok, `${method} ${p}: HTTP ${res.status} ${text.slice(0, 1000)}`);
		return JSON.parse(text);
	};
}

/** `npm pack` of the package, built first when its sources are newer than dist/; returns the tarball path. */
export async function packPackage(cleanup) {
	await rt.ensureBuilt();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-e2e-pack-'));
	cleanup?.folder(dir);
	const { file: tarball } = await rt.packPackage(dir);
	const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout;
	for (const f of [
		'package/package.json',
		'package/dist/nodes/VeltNotifications/VeltNotifications.node.js',
		'package/dist/credentials/VeltApi.credentials.js',
	])
		assert.ok(listing.includes(f), `${f} missing from the tarball`);
	return tarball;
}

// ---------------------------------------------------------------------------------------------
// Velt emulator (its own process and process group)

/**
 * The emulator (built first when stale) seeded with the sample workspace, its group recorded in
 * <userFolder>/.pids for Cleanup; with its control client.
 */
export async function startEmulator({
	userFolder,
	apiKey = FAKE.apiKey,
	authToken = FAKE.authToken,
} = {}) {
	await rt.ensureBuilt();
	const emu = await rt.startEmulator({
		apiKey,
		authToken,
		pidDir: userFolder && path.join(userFolder, '.pids'),
	});
	return Object.assign(emu, { apiKey, authToken }, emulatorClient(emu.url));
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
		notifications: async (filter = {}) =>
			(await control('GET', `/notifications?${new URLSearchParams(filter)}`)).notifications,
		webhookEndpoints: async () => (await control('GET', '/webhook-endpoints')).endpoints,
		deliver: (endpointId, payload, options) =>
			control('POST', '/webhooks/deliver', { endpointId, payload, options }),
		/** Calls the Velt API itself (as the app's backend would). */
		api: async (p, data, { apiKey = FAKE.apiKey, authToken = FAKE.authToken } = {}) => {
			const res = await fetch(`${url}${p}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-velt-api-key': apiKey,
					'x-velt-auth-token': authToken,
				},
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

/**
 * A Manual Trigger, then one Velt node per [name, parameters] step (the sandbox credential), each
 * after the one before and run once, whatever the previous one output.
 */
export function chainWorkflow(id, name, steps) {
	const names = ['Start', ...steps.map(([stepName]) => stepName)];
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...steps.map(([stepName, parameters], index) => ({
				id: `step-${index}`,
				name: stepName,
				type: 'n8n-nodes-velt.velt',
				typeVersion: 1,
				position: [220 * (index + 1), 0],
				credentials: { veltApi: CRED.sandbox },
				executeOnce: true,
				parameters,
			})),
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((from, index) => [
					from,
					{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
				]),
		),
		settings: { executionOrder: 'v1' },
	};
}

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
		{
			...CRED.sandbox,
			type: 'veltApi',
			data: { apiKey: FAKE.apiKey, authToken: FAKE.authToken, baseUrl: emulatorUrl },
		},
		{
			...CRED.wrongToken,
			type: 'veltApi',
			data: { apiKey: FAKE.apiKey, authToken: FAKE.wrongAuthToken, baseUrl: emulatorUrl },
		},
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
		if (f.startsWith('database.sqlite'))
			text += fs.readFileSync(path.join(dir, f)).toString('latin1');
	}
	return text;
}

/** Every *.log file under the user folder (n8n server/worker logs, installs). */
export function logFilesText(userFolder) {
	let text = '';
	for (const f of fs.readdirSync(userFolder))
		if (f.endsWith('.log')) text += fs.readFileSync(path.join(userFolder, f), 'utf8');
	return text;
}

// ---------------------------------------------------------------------------------------------
// n8n server helpers

export async function waitFor(fn, opts) {
	return rt.waitFor(fn, opts);
}

/** n8n started in `userFolder` with its owner set up: the server, its API key and the owner's session. */
export async function startOwnedN8n(cleanup, version, userFolder) {
	const server = cleanup.track(await rt.startN8n({ version, userFolder }));
	const owner = await rt.setupOwnerAndApiKey(server.url);
	return Object.assign(server, {
		apiKey: owner.apiKey,
		cookie: owner.cookie,
		browserId: owner.browserId,
	});
}

/**
 * No secret of FAKE in the server's stored executions (at least `minExecutions` of them, so the
 * scan looked at something), its logs, `moreLogs`, the user folder's log files or the database.
 */
export async function assertNoSecretsStored(server, userFolder, { minExecutions, moreLogs = '' }) {
	const all = await rt.publicApi(
		server.url,
		server.apiKey,
		'GET',
		'/executions?includeData=true&limit=250',
	);
	assert.ok(all.data.length >= minExecutions, `only ${all.data.length} executions stored`);
	assert.deepEqual(findSecrets(JSON.stringify(all)), []);
	assert.deepEqual(findSecrets(server.logs()), []);
	assert.deepEqual(findSecrets(moreLogs), []);
	assert.deepEqual(findSecrets(logFilesText(userFolder)), []);
	assert.deepEqual(findSecrets(databaseText(userFolder)), []);
}

/**
 * The hooks of a describe whose tests need a running n8n: before them, n8n started in
 * ctx.userFolder with its owner (ctx.server), then `ready` (activating workflows, say); after
 * them, n8n stopped. Both noted with the version.
 */
export function onStartedN8n(cleanup, version, ctx, ready = async () => {}) {
	before(
		async () => {
			const t0 = Date.now();
			ctx.server = await startOwnedN8n(cleanup, version, ctx.userFolder);
			await ready();
			note(`${version}: n8n started and ready in ${secs(t0)} s`);
		},
		{ timeout: 3 * 60_000 },
	);
	after(async () => {
		if (ctx.server) note(`${version}: server stopped ${JSON.stringify(await ctx.server.stop())}`);
	});
}

/** Activates or deactivates a workflow through n8n's public API. */
export function setActive(server, workflowId, active) {
	const verb = active ? 'activate' : 'deactivate';
	return rt.publicApi(server.url, server.apiKey, 'POST', `/workflows/${workflowId}/${verb}`);
}

/**
 * The editor's Fetch Test Event: a manual run of `workflowId` from its trigger `triggerName` and
 * no further; the items the trigger output, once the run succeeded.
 */
export async function fetchTestEvent(server, workflowId, triggerName) {
	const rest = sessionRest(server);
	const workflowData = (await rest('GET', `/rest/workflows/${workflowId}`)).data;
	const started = await rest('POST', `/rest/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: triggerName },
		destinationNode: { nodeName: triggerName, mode: 'inclusive' },
	});
	const executionId = started.data?.executionId;
	assert.ok(executionId, `no executionId: ${JSON.stringify(started)}`);
	const exec = await waitFor(
		async () => {
			const e = await rt.publicApi(
				server.url,
				server.apiKey,
				'GET',
				`/executions/${executionId}?includeData=true`,
			);
			// n8n 1.x can report a manual run finished a moment before its run data is readable
			const done = e.finished || e.status === 'success' || e.status === 'error';
			return done && (e.status === 'error' || e.data?.resultData?.runData) ? e : null;
		},
		{ timeoutMs: 30_000 },
	);
	assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));
	assert.equal(exec.mode, 'manual');
	return nodeItems(exec, triggerName);
}

/** Executions of a workflow via the public API (newest first), with data. */
export async function listExecutions(server, workflowId, { includeData = true, limit = 100 } = {}) {
	const q = new URLSearchParams({
		workflowId,
		includeData: String(includeData),
		limit: String(limit),
	});
	return (await rt.publicApi(server.url, server.apiKey, 'GET', `/executions?${q}`)).data;
}

/** Waits until a workflow has more than `count` finished executions; returns them (newest first). */
export async function waitForExecutions(server, workflowId, count, { timeoutMs = 30_000 } = {}) {
	return waitFor(
		async () => {
			const list = await listExecutions(server, workflowId);
			const done = list.filter(
				(e) => e.finished || (e.status && !['new', 'running', 'waiting'].includes(e.status)),
			);
			return done.length > count ? done : null;
		},
		{ timeoutMs, intervalMs: 300 },
	);
}

/** POSTs JSON to a production webhook, retrying 404s right after activation. */
export async function postWebhook(url, body, { headers = {}, raw, expectStatus } = {}) {
	return waitFor(
		async () => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: raw ?? JSON.stringify(body),
			});
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
