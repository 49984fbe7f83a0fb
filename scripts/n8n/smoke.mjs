#!/usr/bin/env node
// Smoke test of the real-n8n runtime with built-in nodes only (no n8n-nodes-velt needed).
//   node scripts/n8n/smoke.mjs [--versions=2.41.1,1.123.81] [--queue] [--browser] [--keep]
// Per version: install (cached), a throwaway community package (npm pack tarball) installed into
// <userFolder>/.n8n/nodes and run as `n8n-nodes-e2e-smoke.smokeNode`, CLI import + `execute --id --rawOutput` of Manual Trigger -> Edit Fields,
// then `n8n start`, owner + API key, a Webhook workflow activated by CLI before start and another one
// activated through the public API, POSTs to both, clean stop. --queue adds a queue-mode run on 2.41.1
// (redis-server + main + worker) and checks the webhook execution ran on the worker. --browser opens the
// editor in headless Chromium, screenshots a node panel (to <CACHE_DIR>/e2e-artifacts/) and drives a dropdown.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
	CACHE_DIR,
	activateWorkflow,
	ensureN8n,
	executeWorkflow,
	exportNodes,
	installCommunityPackage,
	getFreePorts,
	groupRssMb,
	importWorkflow,
	makeUserFolder,
	publicApi,
	queueEnv,
	setupOwnerAndApiKey,
	startN8n,
	startN8nWorker,
	startRedis,
	waitFor,
} from './runtime.mjs';

const argv = process.argv.slice(2);
const opt = (name, def) => {
	const a = argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
	if (!a) return def;
	return a.includes('=') ? a.slice(a.indexOf('=') + 1) : true;
};
const VERSIONS = String(opt('versions', '2.41.1,1.123.81')).split(',').filter(Boolean);
const QUEUE = Boolean(opt('queue', false));
const KEEP = Boolean(opt('keep', false));
const BROWSER = Boolean(opt('browser', false));
const ARTIFACTS = path.join(CACHE_DIR, 'e2e-artifacts');

const WEBHOOK_ID_A = '6f1c1b0e-5a53-4a37-9a8e-0f1e5e2a0a01';
const WEBHOOK_ID_B = '6f1c1b0e-5a53-4a37-9a8e-0f1e5e2a0a02';

function manualWorkflow() {
	return {
		id: 'SmokeManual00001',
		name: 'Smoke manual',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000002',
				name: 'Edit Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'f1', name: 'greeting', value: 'hello', type: 'string' },
							{ id: 'f2', name: 'sum', value: '={{ 1 + 2 }}', type: 'number' },
						],
					},
					options: {},
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] } },
	};
}

/** Builds a tiny community-node package (plain JS, peer n8n-workflow) and `npm pack`s it. */
async function packDummyCommunityPackage() {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-nodes-e2e-smoke-'));
	await fs.mkdir(path.join(dir, 'dist'), { recursive: true });
	await fs.writeFile(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-smoke',
				version: '0.0.1',
				keywords: ['n8n-community-node-package'],
				main: 'index.js',
				files: ['dist', 'index.js'],
				n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/SmokeNode.node.js'] },
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	await fs.writeFile(path.join(dir, 'index.js'), 'module.exports = {};\n');
	await fs.writeFile(
		path.join(dir, 'dist', 'SmokeNode.node.js'),
		`class SmokeNode {
	constructor() {
		this.description = {
			displayName: 'Smoke Node', name: 'smokeNode', group: ['transform'], version: 1,
			description: 'e2e smoke', defaults: { name: 'Smoke Node' }, inputs: ['main'], outputs: ['main'],
			properties: [{ displayName: 'Word', name: 'word', type: 'string', default: 'x' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		return [items.map((item, i) => ({ json: { ...item.json, word: this.getNodeParameter('word', i), fromPackage: true } }))];
	}
}
module.exports = { SmokeNode };
`,
	);
	const r = spawnSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return path.join(dir, r.stdout.trim().split('\n').pop());
}

function communityWorkflow() {
	return {
		id: 'SmokeCommunity01',
		name: 'Smoke community node',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'e1b2c3d4-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'e1b2c3d4-0000-4000-8000-000000000002', name: 'Smoke Node', type: 'n8n-nodes-e2e-smoke.smokeNode', typeVersion: 1, position: [220, 0], parameters: { word: 'velt' } },
		],
		connections: { Start: { main: [[{ node: 'Smoke Node', type: 'main', index: 0 }]] } },
	};
}

function httpWorkflow() {
	return {
		id: 'SmokeBrowser0001',
		name: 'Smoke browser',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'd1b2c3d4-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'd1b2c3d4-0000-4000-8000-000000000002',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: { url: 'http://127.0.0.1:9/never-called', options: {} },
			},
		],
		connections: { Start: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
	};
}

async function browserCheck(version, url, owner) {
	const { openWorkflowAndScreenshot, launchBrowser, loginInPage, canvasNode, takeOverEditing, SELECTORS, parameterInput, openOptionsDropdown, selectOption } =
		await import('./browser.mjs');
	const r = {};
	let t0 = Date.now();
	const screenshotPath = path.join(ARTIFACTS, `smoke-ndv-${version}.png`);
	const shot = await openWorkflowAndScreenshot({ url, email: owner.email, password: owner.password, workflowId: 'SmokeBrowser0001', nodeName: 'HTTP Request', screenshotPath });
	r.screenshotSeconds = secs(t0);
	r.screenshotPath = screenshotPath;
	assert.deepEqual(shot.externalRequests, [], 'the editor made requests leaving the machine');
	assert.ok(shot.parameterLabels.includes('Method') && shot.parameterLabels.includes('URL'), `labels: ${shot.parameterLabels}`);
	r.parameterLabels = shot.parameterLabels;
	r.pageErrors = shot.pageErrors;
	// selectors: parameter input by display name, options dropdown
	const b = await launchBrowser();
	try {
		await loginInPage(b.page, url, owner.email, owner.password);
		await b.page.goto(`${url}/workflow/SmokeBrowser0001`);
		await canvasNode(b.page, 'HTTP Request').waitFor({ state: 'visible', timeout: 30_000 });
		r.tookOverEditLock = await takeOverEditing(b.page);
		await canvasNode(b.page, 'HTTP Request').dblclick();
		await b.page.locator(SELECTORS.ndv).waitFor({ state: 'visible' });
		assert.equal(await parameterInput(b.page, 'URL').inputValue(), 'http://127.0.0.1:9/never-called');
		const options = await openOptionsDropdown(b.page, 'Method');
		r.methodOptions = (await options.allInnerTexts()).map((s) => s.trim());
		assert.ok(r.methodOptions.includes('POST'), `options: ${r.methodOptions}`);
		await b.page.keyboard.press('Escape');
		await selectOption(b.page, 'Method', 'PUT');
		assert.equal(await parameterInput(b.page, 'Method').inputValue(), 'PUT');
		await b.page.screenshot({ path: path.join(ARTIFACTS, `smoke-ndv-${version}-put.png`) });
	} finally {
		await b.close();
	}
	return r;
}

function webhookWorkflow(id, webhookId, pathName) {
	return {
		id,
		name: `Smoke webhook ${pathName}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `b1b2c3d4-0000-4000-8000-${id.slice(-12).toLowerCase().padStart(12, '0')}`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { httpMethod: 'POST', path: pathName, responseMode: 'lastNode', options: {} },
			},
			{
				id: `c1b2c3d4-0000-4000-8000-${id.slice(-12).toLowerCase().padStart(12, '0')}`,
				name: 'Reply',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'r1', name: 'reply', value: '=hi {{ $json.body.name }}', type: 'string' },
							{ id: 'r2', name: 'path', value: pathName, type: 'string' },
						],
					},
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	};
}

async function postWebhook(url, pathName, name) {
	// right after activation a webhook can answer 404 for about a second
	return waitFor(
		async () => {
			const res = await fetch(`${url}/webhook/${pathName}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name }),
			});
			const text = await res.text();
			if (res.status === 404) throw new Error(`404 ${text}`);
			assert.equal(res.status, 200, text);
			return JSON.parse(text);
		},
		{ timeoutMs: 20_000, intervalMs: 300 },
	);
}

const secs = (t0) => Number(((Date.now() - t0) / 1000).toFixed(2));
const started = [];

async function smokeVersion(version) {
	const r = { version };
	let t0 = Date.now();
	const inst = await ensureN8n(version);
	r.ensureSeconds = secs(t0);
	r.installCached = inst.cached;
	r.installTimings = inst.timings;
	t0 = Date.now();
	await ensureN8n(version);
	r.warmEnsureSeconds = secs(t0);

	const userFolder = await makeUserFolder(`n8n-smoke-${version}-`);
	r.userFolder = userFolder;

	// --- headless CLI
	t0 = Date.now();
	await importWorkflow(version, userFolder, manualWorkflow());
	r.importWorkflowSeconds = secs(t0);
	t0 = Date.now();
	const ex = await executeWorkflow(version, userFolder, 'SmokeManual00001');
	r.executeSeconds = secs(t0);
	r.crashedAfterOutput = [ex.crashedAfterOutput];
	const runData = ex.json?.data?.resultData?.runData;
	assert.ok(runData, `no runData in execute output:\n${ex.stdout.slice(0, 2000)}`);
	const out = runData['Edit Fields'][0].data.main[0][0].json;
	assert.deepEqual(out, { greeting: 'hello', sum: 3 });
	r.executeOutput = out;

	// --- community package as users get it
	t0 = Date.now();
	const tarball = await packDummyCommunityPackage();
	const pkg = await installCommunityPackage(userFolder, tarball);
	r.communityInstallSeconds = secs(t0);
	t0 = Date.now();
	const nodes = await exportNodes(version, userFolder);
	r.exportNodesSeconds = secs(t0);
	const types = nodes.map((n) => n.name).filter((n) => n.startsWith(`${pkg.name}.`));
	assert.deepEqual(types, ['n8n-nodes-e2e-smoke.smokeNode']);
	await importWorkflow(version, userFolder, communityWorkflow());
	const cex = await executeWorkflow(version, userFolder, 'SmokeCommunity01');
	r.crashedAfterOutput.push(cex.crashedAfterOutput);
	const crun = cex.json.data.resultData.runData['Smoke Node'][0].data.main[0][0].json;
	assert.deepEqual(crun, { word: 'velt', fromPackage: true });
	r.communityNode = { types, output: crun };
	await fs.rm(path.dirname(tarball), { recursive: true, force: true });

	// --- server + webhooks
	await importWorkflow(version, userFolder, webhookWorkflow('SmokeWebhookA001', WEBHOOK_ID_A, 'smoke-a'));
	await importWorkflow(version, userFolder, webhookWorkflow('SmokeWebhookB001', WEBHOOK_ID_B, 'smoke-b'));
	if (BROWSER) await importWorkflow(version, userFolder, httpWorkflow());
	await activateWorkflow(version, userFolder, 'SmokeWebhookA001');
	const [port, brokerPort] = await getFreePorts(2);
	t0 = Date.now();
	const n8n = await startN8n({ version, userFolder, port, brokerPort });
	started.push(n8n);
	r.startSeconds = secs(t0);
	r.rssAfterStartMb = groupRssMb(n8n.pid);
	try {
		const owner = await setupOwnerAndApiKey(n8n.url);
		r.apiKeyPrefix = owner.apiKey.slice(0, 6);
		const a = await postWebhook(n8n.url, 'smoke-a', 'alice');
		assert.deepEqual(a, { reply: 'hi alice', path: 'smoke-a' });
		// activate the second one through the public API (proves the API key)
		t0 = Date.now();
		await publicApi(n8n.url, owner.apiKey, 'POST', '/workflows/SmokeWebhookB001/activate');
		const b = await postWebhook(n8n.url, 'smoke-b', 'bob');
		r.apiActivateToResponseSeconds = secs(t0);
		assert.deepEqual(b, { reply: 'hi bob', path: 'smoke-b' });
		const execs = await publicApi(n8n.url, owner.apiKey, 'GET', '/executions?workflowId=SmokeWebhookB001&includeData=true');
		assert.ok(execs.data.length >= 1, 'no execution listed via public API');
		assert.equal(execs.data[0].status, 'success');
		r.rssAfterWebhooksMb = groupRssMb(n8n.pid);
		r.webhooks = 'ok';
		if (BROWSER) r.browser = await browserCheck(version, n8n.url, owner);
	} finally {
		t0 = Date.now();
		r.stopExit = await n8n.stop();
		r.stopSeconds = secs(t0);
	}
	if (!KEEP) await fs.rm(userFolder, { recursive: true, force: true });
	return r;
}

async function smokeQueue(version = '2.41.1') {
	const r = { version, mode: 'queue' };
	await ensureN8n(version);
	const userFolder = await makeUserFolder(`n8n-smoke-queue-`);
	r.userFolder = userFolder;
	const redis = await startRedis();
	started.push(redis);
	r.redisPort = redis.port;
	const qenv = queueEnv(redis.port);
	r.env = qenv;
	let main;
	let worker;
	try {
		await importWorkflow(version, userFolder, webhookWorkflow('SmokeQueueWh0001', WEBHOOK_ID_A, 'smoke-q'), { env: qenv });
		await activateWorkflow(version, userFolder, 'SmokeQueueWh0001', { env: qenv });
		const [port, brokerPort, wBroker, wHealth] = await getFreePorts(4);
		let t0 = Date.now();
		main = await startN8n({ version, userFolder, port, brokerPort, extraEnv: qenv });
		started.push(main);
		r.mainStartSeconds = secs(t0);
		t0 = Date.now();
		worker = await startN8nWorker({ version, userFolder, brokerPort: wBroker, healthPort: wHealth, extraEnv: qenv });
		started.push(worker);
		r.workerStartSeconds = secs(t0);
		const owner = await setupOwnerAndApiKey(main.url);
		t0 = Date.now();
		const res = await postWebhook(main.url, 'smoke-q', 'queue');
		r.webhookSeconds = secs(t0);
		assert.deepEqual(res, { reply: 'hi queue', path: 'smoke-q' });
		const execs = await publicApi(main.url, owner.apiKey, 'GET', '/executions?workflowId=SmokeQueueWh0001');
		const execId = String(execs.data[0].id);
		r.executionId = execId;
		// the worker logs the executions it runs
		await waitFor(() => new RegExp(`execution ${execId}\\b`, 'i').test(worker.logs()), { timeoutMs: 10_000 });
		r.workerLogLines = worker
			.logs()
			.split('\n')
			.filter((l) => new RegExp(`execution ${execId}\\b`).test(l));
		r.mainLogMentions = main
			.logs()
			.split('\n')
			.filter((l) => l.includes(`execution ${execId}`) || l.includes(`Enqueued execution ${execId}`));
		r.rssMainMb = groupRssMb(main.pid);
		r.rssWorkerMb = groupRssMb(worker.pid);
		r.queue = 'ok';
	} finally {
		r.workerExit = await worker?.stop();
		r.mainExit = await main?.stop();
		await redis.stop();
	}
	if (!KEEP) await fs.rm(userFolder, { recursive: true, force: true });
	return r;
}

const results = [];
let failed = false;
try {
	for (const v of VERSIONS) {
		console.error(`\n=== n8n ${v}`);
		results.push(await smokeVersion(v));
	}
	if (QUEUE) {
		console.error(`\n=== n8n 2.41.1 queue mode`);
		results.push(await smokeQueue('2.41.1'));
	}
} catch (e) {
	failed = true;
	console.error(e);
} finally {
	for (const s of started) await s.stop().catch(() => {});
	const leftovers = started.filter((s) => {
		try {
			process.kill(-s.pid, 0);
			return true;
		} catch {
			return false;
		}
	});
	if (leftovers.length) {
		failed = true;
		console.error('process groups still alive:', leftovers.map((s) => s.pid));
	}
}
console.log(JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);
