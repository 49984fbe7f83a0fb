/**
 * `npm run bench`: inside the real n8n the end-to-end suite installs (scripts/n8n/runtime.mjs),
 * the Velt nodes at their defaults side by side with n8n's HTTP Request node at its defaults
 * (same items, same emulator, one request per item as a user builds it) and with n8n's request
 * helper alone (a bench-only node, bench/helperBound/, making the same calls with no node code:
 * the bound for any node whose requests go through n8n's helper). For Adds the helper runs at
 * 16, 32, 64 and 128 in flight, the fastest being the bound, taking turns with the two nodes for
 * BENCH_ADD_ROUNDS rounds (3), each row the median of its runs; for Comment Thread > Create and User > Create or Update (half the users new) at the
 * node's number of items per request and its average and peak in flight, whether that version
 * of the node batches or not. A raw axios loop (keep-alive) is a labelled reference. The
 * emulator (25 ms latency) sits behind a loopback front that can refuse with 429 + Retry-After
 * beyond an in-flight or per-second limit; stored, duplicates and lost come from the emulator's
 * store and request log. Prints one table.
 *
 * Sizes: BENCH_ADDS (2000), BENCH_THREADS (2000), BENCH_USERS (10000), BENCH_UPDATES (5000),
 * BENCH_RETURN_ALL (50000), BENCH_IN_FLIGHT_LIMIT (20), BENCH_PER_SECOND_LIMIT (500),
 * BENCH_LATENCY_MS (25). BENCH_ONLY (comma-separated) runs some parts: add (the first Add
 * workload only: nodes, helper, raw axios), thread and user (each with its load-limit rows),
 * update, getAll.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as rt from '../scripts/n8n/runtime.mjs';

const require = createRequire(import.meta.url);
const ROOT = rt.REPO_ROOT;
const { startVeltEmulator, makeNotifications } = require(
	path.join(ROOT, 'build/test/emulator/index.js'),
);
const { startLoadLimiter, averageInFlight } = require(
	path.join(ROOT, 'build/test/helpers/loadLimiter.js'),
);

const VERSION = process.env.BENCH_N8N_VERSION ?? rt.N8N_CURRENT;
const number = (name, fallback) => Number(process.env[name] ?? fallback);
const ADDS = number('BENCH_ADDS', 2000);
const UPDATES = number('BENCH_UPDATES', 5000);
const THREADS = number('BENCH_THREADS', 2000);
const USERS = number('BENCH_USERS', 10000);
const RETURN_ALL = number('BENCH_RETURN_ALL', 50000);
const IN_FLIGHT_LIMIT = number('BENCH_IN_FLIGHT_LIMIT', 20);
const PER_SECOND_LIMIT = number('BENCH_PER_SECOND_LIMIT', 500);
const LATENCY_MS = number('BENCH_LATENCY_MS', 25);
const ADD_ROUNDS = Math.max(1, number('BENCH_ADD_ROUNDS', 3));
/** The numbers in flight the helper alone runs Adds at; the fastest is the bound. */
const HELPER_IN_FLIGHT = [16, 32, 64, 128];
const boundAddId = (inFlight) => `benchBoundAdd${String(inFlight).padStart(3, '0')}`;
const API_KEY = 'test-api-key';
const AUTH_TOKEN = 'test-auth-token';
const ORG = 'bench-org';
const DOC = 'bench-document';
const CREDENTIAL = { id: 'veltBenchCred001', name: 'Velt bench' };

const log = (text) => process.stderr.write(`[bench] ${text}\n`);

const describeRow = (row) =>
	`${row.workload} | ${row.variant}: ${row.itemsPerSecond === undefined ? 'run failed' : `${row.itemsPerSecond.toFixed(0)} items/s`}, ${row.requests} requests, ${row.refused} 429s, stored ${row.stored}, lost ${row.lost}`;

/**
 * One row for several runs of a variant: the run of median items/s (a failed run counts as
 * the slowest), with the worst stored, duplicates and lost of any run, and every run's figure.
 */
function medianOf(runs) {
	const speed = (run) => run.itemsPerSecond ?? -1;
	const sorted = [...runs].sort((a, b) => speed(a) - speed(b));
	const median = sorted[Math.floor((sorted.length - 1) / 2)];
	if (runs.length === 1) return median;
	const figures = runs
		.map((run) => (run.itemsPerSecond === undefined ? 'failed' : run.itemsPerSecond.toFixed(0)))
		.join(', ');
	return {
		...median,
		variant: `${median.variant}, median of ${runs.length} runs (${figures} items/s)`,
		stored: Math.min(...runs.map((run) => run.stored)),
		duplicates: Math.max(...runs.map((run) => run.duplicates)),
		lost: Math.max(...runs.map((run) => run.lost)),
	};
}

/** Resident memory (MB) summed over a process group, from /proc. */
function groupRssMb(pgid) {
	let kilobytes = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
			const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
			if (match) kilobytes += Number(match[1]);
		} catch {}
	}
	return kilobytes / 1024;
}

// ------------------------------------------------------------------------------------------
// workflows: Start → Items (Code: N items) → the node under test

/** Start → Items → Target, then the `after` nodes in a chain (each `{ name, ...node }`). */
function workflow(id, count, target, after = []) {
	const names = ['Start', 'Items', 'Target', ...after.map((node) => node.name)];
	return {
		id,
		name: `Velt bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-2`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${count} }, (_, index) => ({ json: { index, user: 'u' + (index % 3), id: 'bench-id-' + index } }));`,
				},
			},
			{ id: `${id}-3`, name: 'Target', position: [440, 0], ...target },
			...after.map((node, index) => ({
				id: `${id}-${index + 4}`,
				position: [660 + 220 * index, 0],
				...node,
			})),
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((name, index) => [
					name,
					{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
				]),
		),
	};
}

const veltNode = (parameters) => ({
	type: 'n8n-nodes-velt.veltNotifications',
	typeVersion: 1,
	credentials: { veltApi: CREDENTIAL },
	parameters,
});

/** The Velt node (comment threads, users), as opposed to Velt Notifications. */
const veltCollaborationNode = (parameters) => ({
	...veltNode(parameters),
	type: 'n8n-nodes-velt.velt',
});

const locator = (value) => ({ __rl: true, mode: 'id', value });

/** The bench-only node of bench/helperBound: the same calls straight through n8n's helper. */
const boundNode = (front, kind, inFlight, batchSize = 50) => ({
	type: 'n8n-nodes-velt-bench-bound.helperBound',
	typeVersion: 1,
	parameters: {
		baseUrl: front,
		kind,
		inFlight,
		batchSize,
		organizationId: ORG,
		documentId: DOC,
		apiKey: API_KEY,
		authToken: AUTH_TOKEN,
	},
});

const VELT_HEADERS = {
	parameters: [
		{ name: 'x-velt-api-key', value: API_KEY },
		{ name: 'x-velt-auth-token', value: AUTH_TOKEN },
	],
};

const httpNode = (url, jsonBody, extra = {}) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	...extra,
	parameters: {
		method: 'POST',
		url,
		sendHeaders: true,
		headerParameters: VELT_HEADERS,
		sendBody: true,
		specifyBody: 'json',
		jsonBody,
		options: {},
	},
});

const addBody = (prefix) =>
	`={{ JSON.stringify({ data: { organizationId: '${ORG}', documentId: '${DOC}', notificationId: '${prefix}-' + $json.index, actionUser: { userId: 'bench-bot' }, displayHeadlineMessageTemplate: 'Bench item ' + $json.index, displayBodyMessage: 'Bench body', notifyUsers: [{ userId: $json.user }], notifyAll: false } }) }}`;

const threadBody = (prefix) =>
	`={{ JSON.stringify({ data: { organizationId: '${ORG}', documentId: '${DOC}', commentAnnotations: [{ annotationId: '${prefix}-' + $json.index, commentData: [{ commentText: 'Bench thread ' + $json.index, from: { userId: 'bench-bot' } }] }] } }) }}`;

/** One user per request, its index read from `source` (an expression for the item). */
const userBody = (source) =>
	`={{ JSON.stringify({ data: { organizationId: '${ORG}', users: [{ userId: 'bench-user-http-' + ${source}.index, name: 'Bench user ' + ${source}.index }] } }) }}`;

/**
 * User > Create or Update as a user builds it from HTTP Request nodes: users/update for every
 * item (one user each; Velt answers 200 with "User does not exist." for a user it does not
 * have), a Filter keeping the items whose answer says so, and users/add for those, reading the
 * user back from the Items node through n8n's paired items. The node does the same two steps.
 */
const httpUpsertNodes = (front) => [
	{
		name: 'Missing',
		type: 'n8n-nodes-base.filter',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: 'bench-missing',
						leftValue: '={{ Object.values($json.result.data)[0].message }}',
						rightValue: 'does not exist',
						operator: { type: 'string', operation: 'contains' },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	},
	{ name: 'Add', ...httpNode(`${front}/v2/users/add`, userBody("$('Items').item.json")) },
];

function workflows(front) {
	const addNode = (prefix) =>
		veltNode({
			resource: 'notification',
			operation: 'add',
			organizationId: ORG,
			documentId: DOC,
			actionUser: { user: { userId: 'bench-bot' } },
			displayHeadlineMessageTemplate: '=Bench item {{ $json.index }}',
			displayBodyMessage: 'Bench body',
			notifyUsers: { users: [{ userId: '={{ $json.user }}' }] },
			additionalFields: { notificationId: `=${prefix}-{{ $json.index }}` },
		});
	return [
		workflow('benchAddVelt0001', ADDS, addNode('bench-node')),
		workflow(
			'benchThrVelt0001',
			THREADS,
			veltCollaborationNode({
				resource: 'commentThread',
				operation: 'create',
				organizationId: locator(ORG),
				documentId: locator(DOC),
				userId: locator('bench-bot'),
				commentText: '=Bench thread {{ $json.index }}',
				additionalFields: { annotationId: '=bench-thread-node-{{ $json.index }}' },
			}),
		),
		workflow(
			'benchThrHttp0001',
			THREADS,
			httpNode(`${front}/v2/commentannotations/add`, threadBody('bench-thread-http')),
		),
		workflow(
			'benchUsrVelt0001',
			USERS,
			veltCollaborationNode({
				resource: 'user',
				operation: 'upsert',
				organizationId: locator(ORG),
				userInputMode: 'fields',
				userId: '=bench-user-node-{{ $json.index }}',
				userFields: { name: '=Bench user {{ $json.index }}' },
				additionalFields: {},
			}),
		),
		workflow(
			'benchUsrHttp0001',
			USERS,
			httpNode(`${front}/v2/users/update`, userBody('$json')),
			httpUpsertNodes(front),
		),
		workflow(
			'benchAddHttp0001',
			ADDS,
			httpNode(`${front}/v2/notifications/add`, addBody('bench-http')),
		),
		workflow(
			'benchAddHttpRetry',
			ADDS,
			httpNode(`${front}/v2/notifications/add`, addBody('bench-http'), { retryOnFail: true }),
		),
		workflow(
			'benchUpdVelt0001',
			UPDATES,
			veltNode({
				resource: 'notification',
				operation: 'update',
				organizationId: ORG,
				documentId: DOC,
				id: '={{ $json.id }}',
				updateFields: { readByUserIds: 'u1' },
			}),
		),
		workflow(
			'benchUpdHttp0001',
			UPDATES,
			httpNode(
				`${front}/v2/notifications/update`,
				`={{ JSON.stringify({ data: { organizationId: '${ORG}', documentId: '${DOC}', notifications: [{ id: $json.id, readByUserIds: ['u1'] }] } }) }}`,
			),
		),
		workflow(
			'benchGetVelt0001',
			1,
			veltNode({
				resource: 'notification',
				operation: 'getAll',
				organizationId: ORG,
				documentId: DOC,
				returnAll: true,
				simplify: false,
			}),
		),
	];
}

// ------------------------------------------------------------------------------------------
// running one workflow in real n8n, sampling the RSS of its process group

async function executeInN8n(userFolder, workflowId, limiter) {
	const inst = await rt.ensureN8n(VERSION);
	const brokerPort = await rt.getFreePort();
	const env = rt.toolEnv(VERSION, rt.n8nEnv({ version: VERSION, userFolder, brokerPort }));
	// BENCH_CPU_PROF_DIR: a CPU profile of each n8n run, to see where an item's time goes.
	if (process.env.BENCH_CPU_PROF_DIR)
		env.NODE_OPTIONS =
			`${env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`.trim();
	// Into a file, not a pipe: n8n exits before a pipe has taken tens of MB of output.
	const outputFile = path.join(userFolder, `execute-${workflowId}.out`);
	const outputFd = fs.openSync(outputFile, 'w');
	const child = spawn(inst.node, [inst.bin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', outputFd, 'pipe'],
		detached: true,
	});
	fs.closeSync(outputFd);
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	let baseline;
	let peak = 0;
	const sampler = setInterval(() => {
		const rss = groupRssMb(child.pid);
		if (!(rss > 0)) return;
		// The RSS before the first request reaches Velt is n8n's own, with the workflow and items loaded.
		if (baseline === undefined && limiter.counters.requests > 0) baseline = rss;
		if (baseline !== undefined) peak = Math.max(peak, rss);
	}, 100);
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}, 600_000);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	const stdout = fs.readFileSync(outputFile, 'utf8');
	fs.rmSync(outputFile, { force: true });
	clearTimeout(timer);
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {}
	const execution = parseExecution(stdout);
	if (execution === undefined)
		throw new Error(
			`n8n execute ${workflowId} printed no execution:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
		);
	const runData = execution.data?.resultData?.runData ?? execution.resultData?.runData ?? {};
	const target = runData.Target?.[0];
	// The nodes under test: Target and any after it (the HTTP Request nodes' upsert chain).
	const measured = Object.entries(runData)
		.filter(([name]) => name !== 'Start' && name !== 'Items')
		.flatMap(([, runs]) => runs);
	const failed = measured.find((run) => run.error !== undefined);
	return {
		status: execution.status ?? (execution.finished ? 'success' : 'error'),
		seconds:
			target?.executionTime !== undefined
				? measured.reduce((sum, run) => sum + (run.executionTime ?? 0), 0) / 1000
				: undefined,
		outputItems: target?.data?.main?.[0]?.length ?? 0,
		error: failed?.error?.message ?? execution.data?.resultData?.error?.message,
		peakRssGrowthMb: baseline === undefined ? undefined : peak - baseline,
	};
}

/**
 * The execution `--rawOutput` prints: from the first line starting with `{` to the first
 * line that is a lone `}` (log lines may follow it). Cut by lines, since a 50,000-item
 * output is too big to try parsing at every closing brace.
 */
function parseExecution(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start === -1) return undefined;
	if (lines[start].trimEnd().endsWith('}')) {
		try {
			return JSON.parse(lines[start]);
		} catch {}
	}
	const end = lines.findIndex((line, index) => index > start && line.trimEnd() === '}');
	if (end === -1) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** build/bench/workload.js in its own process (async: the emulator lives in this one). */
async function runWorkloadProcess(args) {
	const child = spawn(
		process.execPath,
		['--expose-gc', path.join(ROOT, 'build/bench/workload.js'), ...args.map(String)],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const code = await new Promise((resolve) => child.on('close', resolve));
	const line = stdout.split('\n').find((text) => text.startsWith('{'));
	if (code !== 0 || line === undefined)
		throw new Error(`workload ${args.join(' ')} failed (exit ${code}): ${stderr.slice(-2000)}`);
	return JSON.parse(line);
}

/** A raw axios loop (keep-alive) at `concurrency` in flight. */
const runRaw = async (kind, url, count, concurrency) =>
	await runWorkloadProcess([kind, 'axios', url, count, concurrency, 50]);

/** The node's Return All through n8n-core in a fresh process: peak RSS growth against the JSON size. */
const returnAllMemory = async (url) =>
	await runWorkloadProcess(['getAll', 'node', url, RETURN_ALL, 0, 50]);

// ------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	log(`n8n ${VERSION}: making sure it is installed`);
	await rt.ensureN8n(VERSION);
	const userFolder = await rt.makeUserFolder('velt-bench-');
	const packDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-bench-pack-'));
	const emulator = await startVeltEmulator({
		latencyMs: LATENCY_MS,
		apiKey: API_KEY,
		authToken: AUTH_TOKEN,
	});
	const limiter = await startLoadLimiter(emulator.url);
	const rows = [];
	try {
		const pack = spawnSync(
			'npm',
			['pack', '--pack-destination', packDir, '--ignore-scripts', '--loglevel=error'],
			{ cwd: ROOT, encoding: 'utf8' },
		);
		if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
		await rt.installCommunityPackage(
			userFolder,
			path.join(packDir, pack.stdout.trim().split('\n').pop().trim()),
		);
		const boundPack = spawnSync(
			'npm',
			['pack', '--pack-destination', packDir, '--ignore-scripts', '--loglevel=error'],
			{ cwd: path.join(ROOT, 'bench', 'helperBound'), encoding: 'utf8' },
		);
		if (boundPack.status !== 0)
			throw new Error(`npm pack (helper bound) failed: ${boundPack.stderr}`);
		await rt.installCommunityPackage(
			userFolder,
			path.join(packDir, boundPack.stdout.trim().split('\n').pop().trim()),
		);
		await rt.importCredentials(VERSION, userFolder, [
			{
				...CREDENTIAL,
				type: 'veltApi',
				data: { apiKey: API_KEY, authToken: AUTH_TOKEN, baseUrl: limiter.url },
			},
		]);
		await rt.importWorkflow(VERSION, userFolder, workflows(limiter.url));
		log(
			`installed and imported in ${((Date.now() - started) / 1000).toFixed(0)} s; emulator ${emulator.url} (${LATENCY_MS} ms), front ${limiter.url}`,
		);

		/** `seed`: that many notifications (bench-id-N), or a function that fills the store. */
		const prepare = (limits, seed = 0) => {
			emulator.reset();
			emulator.setLatency(LATENCY_MS);
			limiter.reset();
			limiter.setLimits(limits);
			if (typeof seed === 'function') seed();
			else if (seed > 0) {
				const seeds = makeNotifications(seed, {
					organizationId: ORG,
					documentId: DOC,
					userIds: ['u1', 'u2', 'u3'],
					seed: 3,
				});
				seeds.forEach((entry, index) => (entry.data.notificationId = `bench-id-${index}`));
				emulator.store.insertNotifications(seeds);
			}
		};
		const addOutcome = (prefix, count) => {
			let stored = 0;
			for (let index = 0; index < count; index++)
				if (emulator.store.getNotification(ORG, `${prefix}-${index}`) !== undefined) stored++;
			const duplicates = [...limiter.counters.storedAdds.entries()].filter(
				([id, times]) => id.startsWith(`${prefix}-`) && times > 1,
			).length;
			return { stored, duplicates, lost: count - stored };
		};
		/** How often each id reached the emulator in the `entries` of requests to `endpoint`. */
		const timesSent = (endpoint, entriesOf, idOf) => {
			const times = new Map();
			for (const request of emulator.requests) {
				if (request.path !== endpoint) continue;
				for (const entry of entriesOf(request.body?.data ?? {}) ?? []) {
					const id = idOf(entry);
					times.set(id, (times.get(id) ?? 0) + 1);
				}
			}
			return times;
		};
		// Threads carry their own annotationId (prefix-N), so a resend replaces: a duplicate is a
		// thread that reached Velt's add more than once.
		const threadOutcome = (prefix, count) => {
			let stored = 0;
			for (let index = 0; index < count; index++)
				if (
					emulator.store.collaboration.getAnnotation(ORG, DOC, `${prefix}-${index}`) !== undefined
				)
					stored++;
			const sent = timesSent(
				'/v2/commentannotations/add',
				(data) => data.commentAnnotations,
				(entry) => entry.annotationId,
			);
			const duplicates = [...sent.entries()].filter(
				([id, times]) => String(id).startsWith(`${prefix}-`) && times > 1,
			).length;
			return { stored, duplicates, lost: count - stored };
		};
		/** Every even-numbered user of `prefix` exists at Velt before the run, under an old name. */
		const seedUsers = (prefix, count) => () => {
			for (let index = 0; index < count; index += 2)
				emulator.store.upsertUser(ORG, { userId: `${prefix}-${index}`, name: 'Old name' });
		};
		// Stored: the user exists with the new name. Duplicates: users sent to users/add more than
		// once, or although they already existed.
		const userOutcome = (prefix, count) => {
			let stored = 0;
			for (let index = 0; index < count; index++)
				if (emulator.store.getUser(ORG, `${prefix}-${index}`)?.name === `Bench user ${index}`)
					stored++;
			const added = timesSent(
				'/v2/users/add',
				(data) => data.users,
				(entry) => entry.userId,
			);
			const duplicates = [...added.entries()].filter(([id, times]) => {
				const index = Number(String(id).slice(prefix.length + 1));
				return String(id).startsWith(`${prefix}-`) && (times > 1 || index % 2 === 0);
			}).length;
			return { stored, duplicates, lost: count - stored };
		};
		const updateOutcome = (count) => {
			let stored = 0;
			for (let index = 0; index < count; index++) {
				const notification = emulator.store.getNotification(ORG, `bench-id-${index}`);
				if (notification !== undefined && [...(notification.readByUserIds ?? [])].includes('u1'))
					stored++;
			}
			return { stored, duplicates: 0, lost: count - stored };
		};
		const record = (row) => {
			rows.push(row);
			log(describeRow(row));
		};
		/** One execution of `workflowId` in n8n, as a row (not yet recorded). */
		const n8nRun = async (workload, variant, workflowId, count, limits, outcome, seed) => {
			prepare(limits, seed);
			const run = await executeInN8n(userFolder, workflowId, limiter);
			const ok = run.status === 'success' && run.seconds !== undefined;
			return {
				workload,
				variant,
				items: count,
				itemsPerSecond: ok ? count / run.seconds : undefined,
				requests: limiter.counters.requests,
				refused: limiter.counters.refused,
				peakInFlight: limiter.counters.peakInFlight,
				averageInFlight: averageInFlight(limiter.counters),
				peakRssMb: run.peakRssGrowthMb,
				...outcome(run),
				error: ok ? undefined : run.error,
			};
		};
		const n8nRow = async (...args) => {
			record(await n8nRun(...args));
			return rows[rows.length - 1];
		};
		/**
		 * n8n's request helper alone at `inFlight` and `batchSize` items per request: imported now,
		 * since the node's run sets the numbers.
		 */
		const boundRow = async (
			kind,
			workload,
			count,
			inFlight,
			why,
			outcome,
			seed,
			batchSize = 50,
		) => {
			const id = `benchBound-${kind}`;
			await rt.importWorkflow(VERSION, userFolder, [
				workflow(id, count, boundNode(limiter.url, kind, inFlight, batchSize)),
			]);
			return await n8nRow(
				workload,
				`n8n's request helper alone, ${inFlight} in flight (${why})`,
				id,
				count,
				{},
				outcome,
				seed,
			);
		};
		/** Items per request the node sent to `endpoint` in its run (from the emulator's log). */
		const itemsPerRequest = (endpoint, count) =>
			Math.max(
				1,
				Math.round(count / emulator.requests.filter((request) => request.path === endpoint).length),
			);
		const rawRow = async (kind, workload, variant, count, concurrency, limits, outcome, seed) => {
			prepare(limits, seed);
			const run = await runRaw(kind, limiter.url, count, concurrency);
			record({
				workload,
				variant,
				items: count,
				itemsPerSecond: run.itemsPerSecond,
				requests: limiter.counters.requests,
				refused: limiter.counters.refused,
				peakInFlight: limiter.counters.peakInFlight,
				peakRssMb: run.peakRssGrowth / 1024 / 1024,
				...outcome(),
			});
		};

		const addWorkloads = [
			{ name: `${ADDS} Adds, ${LATENCY_MS} ms`, limits: {} },
			{
				name: `${ADDS} Adds, ≤ ${IN_FLIGHT_LIMIT} in flight`,
				limits: { maxInFlight: IN_FLIGHT_LIMIT, retryAfterSeconds: 1 },
			},
			{ name: `${ADDS} Adds, ≤ ${PER_SECOND_LIMIT}/s`, limits: { maxPerSecond: PER_SECOND_LIMIT } },
		];
		const only = process.env.BENCH_ONLY?.split(',');
		const runs = (part) => only === undefined || only.includes(part);
		for (const [position, { name, limits }] of addWorkloads.entries()) {
			if (!runs('add')) break;
			if (only !== undefined && position > 0) break;
			if (position === 0) {
				// The node, the HTTP Request node and the helper at each number in flight take turns,
				// ADD_ROUNDS times in a rotating order, and each row is the median of its runs: work
				// beside the bench slows whichever row it overlaps, and one run each would compare a
				// quiet minute with a busy one.
				await rt.importWorkflow(
					VERSION,
					userFolder,
					HELPER_IN_FLIGHT.map((inFlight) =>
						workflow(boundAddId(inFlight), ADDS, boundNode(limiter.url, 'add', inFlight)),
					),
				);
				const variants = [
					{ variant: 'Velt node, defaults', id: 'benchAddVelt0001', prefix: 'bench-node' },
					{ variant: 'HTTP Request node, defaults', id: 'benchAddHttp0001', prefix: 'bench-http' },
					...HELPER_IN_FLIGHT.map((inFlight) => ({
						variant: `n8n's request helper alone, ${inFlight} in flight`,
						id: boundAddId(inFlight),
						prefix: 'bench-helper',
					})),
				];
				const runsOf = variants.map(() => []);
				for (let round = 0; round < ADD_ROUNDS; round++)
					for (let turn = 0; turn < variants.length; turn++) {
						const index = (turn + round) % variants.length;
						const { variant, id, prefix } = variants[index];
						const run = await n8nRun(name, variant, id, ADDS, limits, () =>
							addOutcome(prefix, ADDS),
						);
						log(`round ${round + 1} of ${ADD_ROUNDS}: ${describeRow(run)}`);
						runsOf[index].push(run);
					}
				for (const runs of runsOf) record(medianOf(runs));
				const node = rows.find(
					(row) => row.workload === name && row.variant.startsWith('Velt node, defaults'),
				);
				// The node's limit may reach its ceiling, but what the server sees is fewer at a time
				// on average (n8n's helper spends CPU per request): axios at that average, and at the peak.
				const average = Math.max(1, Math.round(node.averageInFlight));
				await rawRow(
					'add',
					name,
					`reference: raw axios, keep-alive, ${average} in flight (node's average)`,
					ADDS,
					average,
					limits,
					() => addOutcome('bench-axios', ADDS),
				);
				await rawRow(
					'add',
					name,
					`reference: raw axios, keep-alive, ${node.peakInFlight} in flight (node's peak)`,
					ADDS,
					node.peakInFlight,
					limits,
					() => addOutcome('bench-axios', ADDS),
				);
			} else {
				await n8nRow(name, 'Velt node, defaults', 'benchAddVelt0001', ADDS, limits, () =>
					addOutcome('bench-node', ADDS),
				);
				await n8nRow(name, 'HTTP Request node, defaults', 'benchAddHttp0001', ADDS, limits, () =>
					addOutcome('bench-http', ADDS),
				);
				await n8nRow(
					name,
					'HTTP Request node + Retry On Fail',
					'benchAddHttpRetry',
					ADDS,
					limits,
					() => addOutcome('bench-http', ADDS),
				);
			}
		}
		/**
		 * A workload that is batched or not depending on the node's version: the Velt node, the
		 * HTTP Request node (one request per item), and n8n's helper alone at the node's number
		 * of items per request and in flight (its average and its peak); then both nodes under
		 * the two load limits.
		 */
		const batchableWorkload = async (spec) => {
			const capped = [
				{ name: `${spec.name}, ${LATENCY_MS} ms`, limits: {} },
				{
					name: `${spec.name}, ≤ ${IN_FLIGHT_LIMIT} in flight`,
					limits: { maxInFlight: IN_FLIGHT_LIMIT, retryAfterSeconds: 1 },
				},
				{
					name: `${spec.name}, ≤ ${PER_SECOND_LIMIT}/s`,
					limits: { maxPerSecond: PER_SECOND_LIMIT },
				},
			];
			for (const [position, { name, limits }] of capped.entries()) {
				const node = await n8nRow(
					name,
					'Velt node, defaults',
					spec.nodeWorkflow,
					spec.count,
					limits,
					() => spec.outcome(`${spec.prefix}-node`),
					spec.seed(`${spec.prefix}-node`),
				);
				const perRequest = itemsPerRequest(spec.endpoint, spec.count);
				await n8nRow(
					name,
					'HTTP Request node, defaults',
					spec.httpWorkflow,
					spec.count,
					limits,
					() => spec.outcome(`${spec.prefix}-http`),
					spec.seed(`${spec.prefix}-http`),
				);
				if (position > 0) continue;
				const average = Math.max(1, Math.round(node.averageInFlight));
				for (const [inFlight, why] of [
					[average, "node's average"],
					[node.peakInFlight, "node's peak"],
				])
					await boundRow(
						spec.kind,
						name,
						spec.count,
						inFlight,
						`${why}, ${perRequest} per request as the node`,
						() => spec.outcome(`${spec.prefix}-helper`),
						spec.seed(`${spec.prefix}-helper`),
						perRequest,
					);
			}
		};
		if (runs('thread'))
			await batchableWorkload({
				name: `${THREADS} Comment Thread > Create`,
				kind: 'thread',
				count: THREADS,
				prefix: 'bench-thread',
				endpoint: '/v2/commentannotations/add',
				nodeWorkflow: 'benchThrVelt0001',
				httpWorkflow: 'benchThrHttp0001',
				outcome: (prefix) => threadOutcome(prefix, THREADS),
				seed: () => 0,
			});
		if (runs('user'))
			await batchableWorkload({
				name: `${USERS} User > Create or Update (half new)`,
				kind: 'user',
				count: USERS,
				prefix: 'bench-user',
				// Items per request from the node's users/update calls (every user goes through one).
				endpoint: '/v2/users/update',
				nodeWorkflow: 'benchUsrVelt0001',
				httpWorkflow: 'benchUsrHttp0001',
				outcome: (prefix) => userOutcome(prefix, USERS),
				seed: (prefix) => seedUsers(prefix, USERS),
			});
		const updates = `${UPDATES} mark-as-read Updates`;
		if (runs('update')) {
			const nodeUpdates = await n8nRow(
				updates,
				'Velt node, defaults',
				'benchUpdVelt0001',
				UPDATES,
				{},
				() => updateOutcome(UPDATES),
				UPDATES,
			);
			await n8nRow(
				updates,
				'HTTP Request node, defaults',
				'benchUpdHttp0001',
				UPDATES,
				{},
				() => updateOutcome(UPDATES),
				UPDATES,
			);
			const updatesInFlight = Math.max(1, Math.round(nodeUpdates.averageInFlight));
			await boundRow(
				'update',
				updates,
				UPDATES,
				updatesInFlight,
				"node's average, batches of 50",
				() => updateOutcome(UPDATES),
				UPDATES,
			);
			await rawRow(
				'update',
				updates,
				`reference: raw axios, batches of 50, ${updatesInFlight} in flight (node's average)`,
				UPDATES,
				updatesInFlight,
				{},
				() => updateOutcome(UPDATES),
				UPDATES,
			);
		}
		if (!runs('getAll')) {
			printTable(rows);
			return;
		}

		const returnAll = `Return All over ${RETURN_ALL}`;
		const outcomeAll = () => ({ stored: RETURN_ALL, duplicates: 0, lost: 0 });
		log(`Return All: seeding ${RETURN_ALL} notifications`);
		await n8nRow(
			returnAll,
			'Velt node, defaults',
			'benchGetVelt0001',
			RETURN_ALL,
			{},
			(run) => ({ stored: run.outputItems, duplicates: 0, lost: RETURN_ALL - run.outputItems }),
			RETURN_ALL,
		);
		await rawRow(
			'getAll',
			returnAll,
			'reference: raw axios, pages in sequence',
			RETURN_ALL,
			1,
			{},
			outcomeAll,
			RETURN_ALL,
		);
		prepare({}, RETURN_ALL);
		const memory = await returnAllMemory(limiter.url);
		printTable(rows, memory);
		log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		await limiter.close();
		await emulator.close();
		await fsp.rm(userFolder, { recursive: true, force: true });
		await fsp.rm(packDir, { recursive: true, force: true });
	}
}

function printTable(rows, memory) {
	const out = (text) => process.stdout.write(`${text}\n`);
	out(
		`\nn8n ${VERSION} (real, CLI execute), emulator latency ${LATENCY_MS} ms; items/s from the node's own execution time.\n`,
	);
	out(
		'| Workload | Variant | Items/s | Requests | 429s seen | Stored | Duplicates | Lost | Peak RSS growth | vs HTTP Request node | vs n8n helper alone | vs raw axios |',
	);
	out('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		const peers = rows.filter((other) => other.workload === row.workload);
		const http = peers.find((other) => other.variant.startsWith('HTTP Request node, defaults'));
		const raw = peers.find((other) => other.variant.startsWith('reference: raw axios'));
		// The bound: the fastest run of n8n's helper alone (at the node's average or peak in flight).
		const bound = peers
			.filter((other) => other.variant.startsWith("n8n's request helper alone"))
			.sort((a, b) => (b.itemsPerSecond ?? 0) - (a.itemsPerSecond ?? 0))[0];
		const inFlight =
			row.averageInFlight === undefined
				? ''
				: ` (${row.averageInFlight.toFixed(1)} avg / ${row.peakInFlight} peak in flight)`;
		const ratio = (peer) =>
			peer?.itemsPerSecond && row.itemsPerSecond
				? `${(row.itemsPerSecond / peer.itemsPerSecond).toFixed(2)}×`
				: '–';
		const rss = row.peakRssMb === undefined ? '–' : `${row.peakRssMb.toFixed(0)} MB`;
		const speed = row.itemsPerSecond === undefined ? 'run failed' : row.itemsPerSecond.toFixed(0);
		out(
			`| ${row.workload} | ${row.variant}${row.variant.startsWith('reference') ? '' : inFlight} | ${speed} | ${row.requests} | ${row.refused} | ${row.stored ?? '–'} | ${row.duplicates ?? '–'} | ${row.lost ?? '–'} | ${rss} | ${ratio(http)} | ${ratio(bound)} | ${ratio(raw)} |`,
		);
	}
	for (const workload of new Set(rows.map((row) => row.workload))) {
		const helpers = rows.filter(
			(row) => row.workload === workload && row.variant.startsWith("n8n's request helper alone"),
		);
		const best = helpers.sort((a, b) => (b.itemsPerSecond ?? 0) - (a.itemsPerSecond ?? 0))[0];
		if (helpers.length > 1 && best?.itemsPerSecond !== undefined)
			out(
				`\n${workload}: the bound (n8n's helper alone at the fastest of its ${helpers.length} rows) is ${best.itemsPerSecond.toFixed(0)} items/s, at ${best.variant.replace("n8n's request helper alone, ", '')}.`,
			);
	}
	if (memory === undefined) return;
	const jsonMb = memory.jsonBytes / 1024 / 1024;
	const growthMb = memory.peakRssGrowth / 1024 / 1024;
	out(
		`\nReturn All through n8n-core in a fresh process: ${memory.returned} notifications, ${jsonMb.toFixed(1)} MB as JSON, peak RSS growth ${growthMb.toFixed(1)} MB = ${(growthMb / jsonMb).toFixed(2)}× the JSON size (goal ≤ 3×).`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
