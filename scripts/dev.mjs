#!/usr/bin/env node
// `npm run dev`: a local n8n with this package installed, a Velt emulator with sample data, a
// "Velt sandbox" credential pointing at it and the example workflows. No Velt account, no network.
//
//   npm ci && npm run dev            (Ctrl-C stops everything it started)
//   npm run dev -- --help            (options; every option also has an environment variable)
//
// Steps: build the package and the tools (skipped when their sources did not change since the last
// build from here) -> start the emulator (seeded) -> ensure n8n 2.41.1 (cached install, see
// scripts/n8n/runtime.mjs) -> npm pack + install the tarball into <sandbox>/.n8n/nodes (the way n8n
// installs community packages) -> on a fresh sandbox import the credential and the example
// workflows -> start n8n on 127.0.0.1 -> create the owner (first run) or log in -> make sure the
// credential and the examples are there -> print the editor URL and the login.
//
// Also a library: startSandbox() starts the same thing and returns handles (used by test/e2e).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rt from './n8n/runtime.mjs';
import { groupAlive, pidAlive } from './n8n/runtime.mjs';

export const REPO_ROOT = rt.REPO_ROOT;
export const N8N_VERSION = '2.41.1';
/** Fixed login of the sandbox owner. Local sandbox only; not a secret. */
export const SANDBOX_LOGIN = Object.freeze({
	email: 'sandbox@example.com',
	password: 'Velt-Sandbox-2025',
	firstName: 'Velt',
	lastName: 'Sandbox',
});
/** The credential the examples reference. */
export const SANDBOX_CREDENTIAL = Object.freeze({ id: 'veltSandboxCred1', name: 'Velt sandbox', type: 'veltApi' });
/** Fake key and token the emulator accepts (never real ones). */
export const EMULATOR_KEYS = Object.freeze({ apiKey: 'velt-sandbox-fake-api-key', authToken: 'velt-sandbox-fake-auth-token' });
export const DEFAULT_N8N_PORT = 5678;
export const DEFAULT_EMULATOR_PORT = 5690;
export const REAL_VELT_BASE_URL = 'https://api.velt.dev';
/** Printed once everything is up. */
export const READY_LINE = 'Velt sandbox is ready';
export const DEFAULT_SANDBOX_DIR = path.join(rt.CACHE_DIR, 'sandbox');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const STAMP_FILE = path.join(REPO_ROOT, 'node_modules', '.cache', 'n8n-nodes-velt-dev', 'build-stamps.json');
const EMULATOR_CLI = path.join(REPO_ROOT, 'build', 'test', 'emulator', 'cli.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (t0) => (Date.now() - t0) / 1000;

// ---------------------------------------------------------------------------------------------
// process bookkeeping

/** Every process on the machine: pid -> {ppid, pgid, starttime}. */
export function processTable() {
	const table = new Map();
	for (const d of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// after "pid (comm) ": state ppid pgrp session ... starttime is field 22 overall (index 19 here)
			if (f[0] === 'Z') continue; // zombies are gone, only not yet reaped
			table.set(Number(d), { ppid: Number(f[1]), pgid: Number(f[2]), starttime: f[19] });
		} catch {}
	}
	return table;
}

/** Pids of all live descendants of `root` (children, grandchildren, ...). */
export function descendants(root = process.pid, table = processTable()) {
	const children = new Map();
	for (const [pid, p] of table) {
		if (!children.has(p.ppid)) children.set(p.ppid, []);
		children.get(p.ppid).push(pid);
	}
	const out = [];
	const stack = [...(children.get(root) ?? [])];
	while (stack.length) {
		const pid = stack.pop();
		out.push(pid);
		stack.push(...(children.get(pid) ?? []));
	}
	return out;
}

function startTimeOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return null;
	}
}

/** Signals every descendant of this process (by process group when it has its own). */
function signalDescendants(signal) {
	const table = processTable();
	const ownGroup = table.get(process.pid)?.pgid ?? process.pid;
	const pids = descendants(process.pid, table);
	const groups = new Set();
	for (const pid of pids) {
		const pgid = table.get(pid)?.pgid;
		try {
			if (pgid && pgid !== ownGroup && !groups.has(pgid)) {
				groups.add(pgid);
				process.kill(-pgid, signal);
			} else process.kill(pid, signal);
		} catch {}
	}
	return pids.length;
}

/** Sends SIGTERM to everything this process started, waits, then SIGKILLs what is left. */
async function stopAllDescendants({ graceMs = 5_000 } = {}) {
	if (!signalDescendants('SIGTERM')) return;
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && descendants().length) await sleep(100);
	for (let i = 0; i < 50 && descendants().length; i++) {
		signalDescendants('SIGKILL');
		await sleep(100);
	}
}

/**
 * Stops descendants of this process that work on the sandbox (n8n CLI runs have it as user folder
 * and working directory, npm installs into <sandbox>/.n8n/nodes): for library use, where the
 * host process may have other children of its own.
 */
async function stopSandboxDescendants(sandboxDir) {
	const related = () => {
		const table = processTable();
		return descendants(process.pid, table).filter((pid) => {
			let cwd = '';
			try {
				cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
			} catch {}
			return cwd === sandboxDir || cwd.startsWith(`${sandboxDir}/`) || environOf(pid).includes(`N8N_USER_FOLDER=${sandboxDir}\0`);
		});
	};
	for (let i = 0; i < 100; i++) {
		const pids = related();
		if (!pids.length) return;
		for (const pid of pids)
			try {
				process.kill(pid, i < 30 ? 'SIGTERM' : 'SIGKILL');
			} catch {}
		await sleep(100);
	}
}

/** Environment of a live process as a string ('' when unreadable). */
function environOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
	} catch {
		return '';
	}
}

function cmdlineOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
	} catch {
		return '';
	}
}

/**
 * Kills what a previous run against this sandbox left behind (killed with SIGKILL, crashed):
 * n8n groups recorded by runtime.mjs in <sandbox>/.e2e-pids and ours in <sandbox>/.dev-pids.
 * Only groups that still look like ours (n8n with this user folder, our emulator) are killed.
 */
async function killLeftovers(sandboxDir, say) {
	const killed = [];
	for (const sub of ['.e2e-pids', '.dev-pids']) {
		const dir = path.join(sandboxDir, sub);
		let names = [];
		try {
			names = await fsp.readdir(dir);
		} catch {
			continue;
		}
		for (const name of names) {
			const pgid = Number(name);
			const members = [...processTable()].filter(([, p]) => p.pgid === pgid).map(([pid]) => pid);
			const ours = members.some(
				(pid) => environOf(pid).includes(`N8N_USER_FOLDER=${sandboxDir}\0`) || cmdlineOf(pid).includes(EMULATOR_CLI),
			);
			if (pgid > 0 && ours && groupAlive(pgid)) {
				try {
					process.kill(-pgid, 'SIGKILL');
				} catch {}
				for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(50);
				killed.push(pgid);
			}
			await fsp.rm(path.join(dir, name), { force: true });
		}
	}
	if (killed.length) say(`stopped processes left over by an earlier run (process groups ${killed.join(', ')})`);
	return killed;
}

/** One run per sandbox at a time: <sandbox>/dev.lock holds {pid, starttime}. */
async function lockSandbox(sandboxDir) {
	const file = path.join(sandboxDir, 'dev.lock');
	const mine = JSON.stringify({ pid: process.pid, starttime: startTimeOf(process.pid), cmd: process.argv.slice(1).join(' ') });
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			await fsp.writeFile(file, mine, { flag: 'wx' });
			return () => {
				try {
					if (fs.readFileSync(file, 'utf8') === mine) fs.rmSync(file, { force: true });
				} catch {}
			};
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let holder = null;
			try {
				holder = JSON.parse(await fsp.readFile(file, 'utf8'));
			} catch {}
			if (holder?.pid && pidAlive(holder.pid) && startTimeOf(holder.pid) === holder.starttime) {
				let url = '';
				try {
					url = JSON.parse(await fsp.readFile(path.join(sandboxDir, 'dev-session.json'), 'utf8')).url ?? '';
				} catch {}
				throw new Error(
					`The sandbox ${sandboxDir} is already in use by pid ${holder.pid} (${holder.cmd})${url ? `, editor at ${url}` : ''}.\n` +
						'Stop that one first (Ctrl-C in its terminal), or use another sandbox: VELT_DEV_SANDBOX_DIR=/some/dir npm run dev',
				);
			}
			await fsp.rm(file, { force: true }); // stale: its process is gone
		}
	}
	throw new Error(`could not lock ${file}`);
}

// ---------------------------------------------------------------------------------------------
// small helpers

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

async function writeJson(file, value) {
	await fsp.mkdir(path.dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	await fsp.writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
	await fsp.rename(tmp, file);
}

/** Resolves `port` if it is free on 127.0.0.1, else a free one. */
async function portOrFree(port) {
	if (port) {
		const free = await new Promise((resolve) => {
			const srv = net.createServer();
			srv.once('error', () => resolve(false));
			srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
		});
		if (free) return { port, wanted: port, taken: false };
	}
	return { port: await rt.getFreePort(), wanted: port, taken: Boolean(port) };
}

/**
 * Runs a command in its own process group (stdout/stderr appended to logFile); rejects with the
 * tail of its output. `track` (a Set) holds the group while it runs, so stop() can end it.
 */
function runLogged(cmd, args, { cwd = REPO_ROOT, logFile, env = process.env, track } = {}) {
	return new Promise((resolve, reject) => {
		const out = fs.createWriteStream(logFile, { flags: 'a' });
		out.write(`\n$ ${cmd} ${args.join(' ')}  (${new Date().toISOString()})\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		if (child.pid) track?.add(child.pid);
		let tail = '';
		const onData = (d) => {
			out.write(d);
			tail = (tail + d).slice(-6000);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', (e) => {
			out.end();
			reject(e);
		});
		child.on('close', (code, signal) => {
			out.end();
			track?.delete(child.pid);
			if (code === 0) resolve(tail);
			else reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code ?? signal}); log ${logFile}:\n${tail}`));
		});
	});
}

/** sha256 over the path and content of every file under `roots` matching `filter`. */
function hashTree(roots, filter = () => true) {
	const h = createHash('sha256');
	const files = [];
	const walk = (p) => {
		let st;
		try {
			st = fs.statSync(p);
		} catch {
			return;
		}
		if (st.isDirectory()) {
			for (const name of fs.readdirSync(p).sort()) if (name !== 'node_modules') walk(path.join(p, name));
		} else if (filter(p)) files.push(p);
	};
	for (const r of roots) walk(path.join(REPO_ROOT, r));
	for (const f of files.sort()) {
		h.update(path.relative(REPO_ROOT, f));
		h.update('\0');
		h.update(fs.readFileSync(f));
		h.update('\0');
	}
	return h.digest('hex');
}

function packageSourcesHash() {
	return hashTree(
		['nodes', 'credentials', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', 'index.js'],
		(f) => !/\.test\.ts$/.test(f),
	);
}

function toolsSourcesHash() {
	return hashTree(
		['nodes', 'credentials', 'test/emulator', 'test/helpers', 'test/setup', 'scripts', 'bench', 'tsconfig.json', 'tsconfig.tools.json'],
		(f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
	);
}

function packageOutputsPresent() {
	const pkg = readJson(path.join(REPO_ROOT, 'package.json'));
	const files = [...(pkg?.n8n?.nodes ?? []), ...(pkg?.n8n?.credentials ?? [])];
	return files.length > 0 && files.every((f) => fs.existsSync(path.join(REPO_ROOT, f)));
}

/**
 * npm run build and tsc -p tsconfig.tools.json (in parallel), each skipped when the hash of its
 * sources equals the one recorded after the last successful build from here and its outputs exist.
 */
async function buildAll(o) {
	// two dev runs from one checkout (e.g. the e2e tests side by side) must not build into dist/ at once
	const lock = path.join(path.dirname(STAMP_FILE), 'build.lock');
	await fsp.mkdir(path.dirname(lock), { recursive: true });
	const t0 = Date.now();
	for (;;) {
		try {
			await fsp.mkdir(lock);
			await fsp.writeFile(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const holder = Number(fs.existsSync(path.join(lock, 'pid')) ? fs.readFileSync(path.join(lock, 'pid'), 'utf8') : NaN);
			if ((Number.isFinite(holder) && !pidAlive(holder)) || Date.now() - t0 > 10 * 60_000) await fsp.rm(lock, { recursive: true, force: true });
			else await sleep(250);
		}
	}
	try {
		return await buildUnlocked(o);
	} finally {
		await fsp.rm(lock, { recursive: true, force: true });
	}
}

async function buildUnlocked({ force, logFile, say, track }) {
	const stamps = readJson(STAMP_FILE) ?? {};
	const t0 = Date.now();
	const pkgHash = packageSourcesHash();
	const toolsHash = toolsSourcesHash();
	const pkgFresh = !force && stamps.package === pkgHash && packageOutputsPresent();
	const toolsFresh = !force && stamps.tools === toolsHash && fs.existsSync(EMULATOR_CLI);
	const jobs = [];
	if (!pkgFresh)
		jobs.push(
			runLogged('npm', ['run', 'build'], { logFile, track }).then(async () => {
				// a build that ran while sources changed records the hash it started from: next run rebuilds
				const s = readJson(STAMP_FILE) ?? {};
				await writeJson(STAMP_FILE, { ...s, package: pkgHash });
			}),
		);
	if (!toolsFresh)
		jobs.push(
			runLogged(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.tools.json'], { logFile, track }).then(
				async () => {
					const s = readJson(STAMP_FILE) ?? {};
					await writeJson(STAMP_FILE, { ...s, tools: toolsHash });
				},
			),
		);
	const results = await Promise.allSettled(jobs);
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw failed.reason;
	const what = [pkgFresh ? 'package unchanged' : 'package built', toolsFresh ? 'tools unchanged' : 'tools built'].join(', ');
	say(`build: ${what} (${secs(t0).toFixed(1)} s)`);
	return { packageBuilt: !pkgFresh, toolsBuilt: !toolsFresh, seconds: secs(t0) };
}

// ---------------------------------------------------------------------------------------------
// emulator

/** The environment without VELT_EMULATOR_* (the flags we pass are the whole configuration). */
function emulatorEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VELT_EMULATOR_')));
}

/** Starts the emulator CLI in its own process group; resolves with {url, pid, stop}. */
async function startEmulator({ port, sandboxDir, timeoutMs = 30_000 }) {
	const logFile = path.join(sandboxDir, 'emulator.log');
	const out = fs.createWriteStream(logFile, { flags: 'a' });
	const child = spawn(
		process.execPath,
		[EMULATOR_CLI, '--port', String(port), '--seed-sample', '--api-key', EMULATOR_KEYS.apiKey, '--auth-token', EMULATOR_KEYS.authToken],
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: emulatorEnv() },
	);
	const pidFile = path.join(sandboxDir, '.dev-pids', String(child.pid));
	fs.mkdirSync(path.dirname(pidFile), { recursive: true });
	fs.writeFileSync(pidFile, 'velt-emulator\n');
	let buf = '';
	let exited = null;
	const exitP = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
	child.stdout.on('data', (d) => {
		out.write(d);
		buf += d;
	});
	child.stderr.on('data', (d) => {
		out.write(d);
		buf += d;
	});
	const stop = async () => {
		if (groupAlive(child.pid)) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
			const deadline = Date.now() + 5_000;
			while (Date.now() < deadline && (exited === null || groupAlive(child.pid))) await sleep(50);
			if (groupAlive(child.pid)) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {}
				while (groupAlive(child.pid)) await sleep(50);
			}
		}
		await exitP;
		out.end();
		fs.rmSync(pidFile, { force: true });
	};
	const t0 = Date.now();
	for (;;) {
		const line = buf.split('\n').find((l) => l.startsWith('{') && l.includes('"url"'));
		if (line) {
			const { url } = JSON.parse(line);
			return { url, pid: child.pid, stop, logFile };
		}
		if (exited || Date.now() - t0 > timeoutMs) {
			await stop();
			throw new Error(`the Velt emulator did not start (${exited ? `exit ${JSON.stringify(exited)}` : 'timeout'}):\n${buf.slice(-2000)}`);
		}
		await sleep(50);
	}
}

async function emulatorSummary(url) {
	const res = await fetch(`${url}/__emulator/notifications`);
	const { notifications } = await res.json();
	const orgs = new Set();
	const docs = new Set();
	const users = new Set();
	for (const n of notifications) {
		orgs.add(n.organizationId);
		if (n.documentId) docs.add(`${n.organizationId}/${n.documentId}`);
		const d = n.data ?? {};
		for (const u of Array.isArray(d.notifyUsers) ? d.notifyUsers : []) if (u?.userId) users.add(u.userId);
		if (d.actionUser?.userId) users.add(d.actionUser.userId);
	}
	return { notifications: notifications.length, organizations: [...orgs].sort(), documents: docs.size, users: users.size };
}

// ---------------------------------------------------------------------------------------------
// package, credential, examples

/**
 * A private temp dir under <sandbox>/.dev-tmp (0700). That folder is emptied at every start and
 * stop, so nothing there outlives an interrupted run for long (it can hold the credential file).
 */
async function sandboxTemp(sandboxDir, prefix) {
	const root = path.join(sandboxDir, '.dev-tmp');
	await fsp.mkdir(root, { recursive: true, mode: 0o700 });
	return fsp.mkdtemp(path.join(root, prefix));
}

/** npm pack into a temp dir; returns {file, sha}. */
async function packPackage(sandboxDir, logFile, track) {
	const dir = await sandboxTemp(sandboxDir, 'pack-');
	const tail = await runLogged('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--silent'], { logFile, track });
	const name = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (!name) throw new Error(`npm pack produced no tarball:\n${tail}`);
	const file = path.join(dir, name);
	return { file, dir, sha: createHash('sha256').update(fs.readFileSync(file)).digest('hex') };
}

/** Installs the tarball into <sandbox>/.n8n/nodes unless that exact tarball is already installed. */
async function refreshPackage({ sandboxDir, state, logFile, say, track }) {
	const t0 = Date.now();
	const packed = await packPackage(sandboxDir, logFile, track);
	try {
		const installedDir = path.join(sandboxDir, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-velt');
		const installedOk = fs.existsSync(path.join(installedDir, 'package.json')) && state.packageSha === packed.sha;
		if (installedOk) {
			say(`package: n8n-nodes-velt unchanged, already installed (${secs(t0).toFixed(1)} s)`);
			return { installed: false, sha: packed.sha };
		}
		// drop the previous copy so npm cannot keep stale files of a same-version tarball
		await fsp.rm(installedDir, { recursive: true, force: true });
		await fsp.rm(path.join(sandboxDir, '.n8n', 'nodes', 'package-lock.json'), { force: true });
		const pkg = await rt.installCommunityPackage(sandboxDir, packed.file, { env: { npm_config_offline: 'true' } });
		state.packageSha = packed.sha;
		say(`package: ${pkg.name}@${pkg.version} installed into ${path.relative(sandboxDir, pkg.dir) || pkg.dir} (${secs(t0).toFixed(1)} s)`);
		return { installed: true, sha: packed.sha };
	} finally {
		await fsp.rm(packed.dir, { recursive: true, force: true });
	}
}

/** What the sandbox credential should hold: real Velt when VELT_API_KEY and VELT_AUTH_TOKEN are set. */
function wantedCredential(emulatorUrl, env) {
	if (env.VELT_API_KEY && env.VELT_AUTH_TOKEN)
		return {
			source: 'env',
			data: { apiKey: env.VELT_API_KEY, authToken: env.VELT_AUTH_TOKEN, baseUrl: env.VELT_BASE_URL || REAL_VELT_BASE_URL },
		};
	return { source: 'emulator', data: { ...EMULATOR_KEYS, baseUrl: emulatorUrl } };
}

const isLoopbackUrl = (u) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(String(u ?? ''));

/** import:credentials through a private 0600 file that is deleted right after. */
async function importCredential(version, sandboxDir, data, encryptionKey) {
	const dir = await sandboxTemp(sandboxDir, 'cred-');
	const file = path.join(dir, 'credential.json');
	try {
		await fsp.writeFile(file, JSON.stringify([{ ...SANDBOX_CREDENTIAL, data }]), { mode: 0o600 });
		await rt.importCredentials(version, sandboxDir, file, { encryptionKey });
	} finally {
		await fsp.rm(dir, { recursive: true, force: true });
	}
}

/** The example workflows: [{file, id, name, sha, json}] */
export function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const text = fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8');
			const json = JSON.parse(text);
			return { file: f, id: json.id, name: json.name, sha: createHash('sha256').update(text).digest('hex'), json };
		});
}

async function importExamples(version, sandboxDir, examples, encryptionKey) {
	if (!examples.length) return;
	const dir = await sandboxTemp(sandboxDir, 'wf-');
	try {
		for (const ex of examples) await fsp.writeFile(path.join(dir, ex.file), JSON.stringify(ex.json));
		await rt.runN8nCli(version, sandboxDir, ['import:workflow', '--separate', `--input=${dir}`], { encryptionKey });
	} finally {
		await fsp.rm(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// n8n REST (cookie session)

/** A logged-in REST session: rest(method, path, body) -> {status, body}. */
export async function restSession(url, { email, password }) {
	const browserId = randomBytes(16).toString('hex');
	const base = { 'content-type': 'application/json', 'browser-id': browserId };
	const res = await fetch(`${url}/rest/login`, { method: 'POST', headers: base, body: JSON.stringify({ emailOrLdapLoginId: email, password }) });
	const text = await res.text();
	if (res.status !== 200) return { ok: false, status: res.status, message: text.slice(0, 300) };
	const raw = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
	const cookie = raw.map((c) => c.split(';')[0]).join('; ');
	const rest = async (method, p, body) => {
		const r = await fetch(`${url}/rest${p}`, { method, headers: { ...base, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
		const t = await r.text();
		let json;
		try {
			json = t ? JSON.parse(t) : undefined;
		} catch {
			json = t;
		}
		return { status: r.status, body: json };
	};
	return { ok: true, status: 200, user: JSON.parse(text).data, cookie, browserId, rest };
}

/** Creates the owner on a fresh n8n, then logs in. */
async function ownerSession(url, say) {
	const settings = await (await fetch(`${url}/rest/settings`)).json();
	let created = false;
	if (settings?.data?.userManagement?.showSetupOnFirstLoad) {
		const res = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...SANDBOX_LOGIN }),
		});
		if (!res.ok) throw new Error(`creating the owner failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
		created = true;
	}
	const session = await restSession(url, SANDBOX_LOGIN);
	if (!session.ok)
		say(
			`warning: logging in as ${SANDBOX_LOGIN.email} failed (HTTP ${session.status}); if you changed the password in the editor, use yours.` +
				' The credential and the examples were not checked this time.',
		);
	return { session, created };
}

// ---------------------------------------------------------------------------------------------
// the sandbox

/**
 * Starts the whole sandbox and resolves once it is ready.
 * @param {object} [o]
 * @param {string} [o.sandboxDir] persistent n8n user folder (default ~/.cache/n8n-nodes-velt/sandbox)
 * @param {number} [o.n8nPort] default 5678, a free one if taken (0 = any free one)
 * @param {number} [o.emulatorPort] default the last one used by this sandbox, else 5690; a free one if taken
 * @param {boolean} [o.forceBuild]
 * @param {boolean} [o.reset] delete the sandbox first
 * @param {object} [o.env] where VELT_API_KEY / VELT_AUTH_TOKEN / VELT_BASE_URL are read (default process.env)
 * @param {boolean} [o.stopAllDescendants] stop() also ends every other child of this process (the CLI)
 * @param {(line:string)=>void} [o.log]
 * @returns {Promise<{url:string, emulatorUrl:string, login:{email:string,password:string}, sandboxDir:string,
 *   credential:object, examples:object[], emulator:object, n8nPid:number, emulatorPid:number, n8nLogFile:string,
 *   timings:object, ownerCreated:boolean, session:object, stop:()=>Promise<void>}>}
 */
export async function startSandbox(o = {}) {
	const say = o.log ?? ((line) => console.log(`[dev] ${line}`));
	const env = o.env ?? process.env;
	const sandboxDir = path.resolve(o.sandboxDir ?? DEFAULT_SANDBOX_DIR);
	const tStart = Date.now();
	const timings = {};
	if (o.reset) {
		say(`reset: deleting ${sandboxDir}`);
		const lockHolder = readJson(path.join(sandboxDir, 'dev.lock'));
		if (lockHolder?.pid && pidAlive(lockHolder.pid) && startTimeOf(lockHolder.pid) === lockHolder.starttime)
			throw new Error(`cannot reset ${sandboxDir}: in use by pid ${lockHolder.pid}`);
		await fsp.rm(sandboxDir, { recursive: true, force: true });
	}
	await fsp.mkdir(sandboxDir, { recursive: true });
	const unlock = await lockSandbox(sandboxDir);

	const handles = { emulator: null, n8n: null };
	const ownGroups = new Set(); // builds and npm pack while they run
	let stopped = null;
	// last resort if the process exits without stop(): kill the groups synchronously
	const onExit = () => {
		for (const pid of [handles.n8n?.pid, handles.emulator?.pid, ...ownGroups]) {
			if (pid && groupAlive(pid))
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {}
		}
		fs.rmSync(path.join(sandboxDir, '.dev-tmp'), { recursive: true, force: true });
		unlock();
	};
	process.on('exit', onExit);
	const stop = () =>
		(stopped ??= (async () => {
			const t0 = Date.now();
			await Promise.allSettled([handles.n8n?.stop({ timeoutMs: 20_000 }), handles.emulator?.stop()]);
			// what else was started on the way and may still run: builds, npm, n8n CLI imports
			for (const pgid of ownGroups)
				try {
					process.kill(-pgid, 'SIGKILL');
				} catch {}
			await stopSandboxDescendants(sandboxDir);
			if (o.stopAllDescendants) await stopAllDescendants();
			await fsp.rm(path.join(sandboxDir, 'dev-session.json'), { force: true });
			await fsp.rm(path.join(sandboxDir, '.dev-tmp'), { recursive: true, force: true });
			unlock();
			process.removeListener('exit', onExit);
			timings.stopSeconds = secs(t0);
		})());

	try {
		await killLeftovers(sandboxDir, say);
		await fsp.rm(path.join(sandboxDir, '.dev-tmp'), { recursive: true, force: true });
		const statePath = path.join(sandboxDir, 'dev-state.json');
		const state = readJson(statePath) ?? {};
		const dbFile = path.join(sandboxDir, '.n8n', 'database.sqlite');
		const fresh = !fs.existsSync(dbFile);
		const encryptionKey = readJson(path.join(sandboxDir, '.n8n', 'config'))?.encryptionKey ?? state.encryptionKey ?? randomBytes(24).toString('base64');
		state.encryptionKey = encryptionKey; // local sandbox only, next to the database it protects
		const buildLog = path.join(sandboxDir, 'dev-build.log');
		await fsp.writeFile(buildLog, '');

		// build and the n8n install are independent: run them side by side
		let t0 = Date.now();
		const ensureP = rt.ensureN8n(N8N_VERSION).then((inst) => {
			timings.ensureN8nSeconds = secs(t0);
			if (!inst.cached) say(`n8n ${N8N_VERSION}: installed into ${inst.dir} (${timings.ensureN8nSeconds.toFixed(0)} s, once)`);
			return inst;
		});
		if (!fs.existsSync(rt.n8nPaths(N8N_VERSION).marker))
			say(`n8n ${N8N_VERSION}: not installed yet, installing (first run only; about 4-8 minutes on 2 cores)`);
		ensureP.catch(() => {});
		const build = await buildAll({ force: o.forceBuild, logFile: buildLog, say, track: ownGroups });
		timings.buildSeconds = build.seconds;

		// emulator
		t0 = Date.now();
		const emu = await portOrFree(o.emulatorPort ?? state.emulatorPort ?? DEFAULT_EMULATOR_PORT);
		handles.emulator = await startEmulator({ port: emu.port, sandboxDir });
		const emulator = await emulatorSummary(handles.emulator.url);
		timings.emulatorSeconds = secs(t0);
		say(
			`emulator: ${handles.emulator.url} (${emulator.organizations.length} organizations, ${emulator.documents} documents, ${emulator.users} users, ${emulator.notifications} notifications)` +
				(emu.taken ? ` - port ${emu.wanted} was taken` : ''),
		);
		state.emulatorPort = emu.port;

		const inst = await ensureP;
		t0 = Date.now();
		const pkg = await refreshPackage({ sandboxDir, state, logFile: buildLog, say, track: ownGroups });
		timings.packageSeconds = secs(t0);

		const credWanted = wantedCredential(handles.emulator.url, env);
		const examples = exampleWorkflows();
		state.examples ??= {};
		if (fresh) {
			t0 = Date.now();
			await importCredential(N8N_VERSION, sandboxDir, credWanted.data, encryptionKey);
			await importExamples(N8N_VERSION, sandboxDir, examples, encryptionKey);
			for (const ex of examples) state.examples[ex.id] = ex.sha;
			state.credentialBaseUrl = credWanted.data.baseUrl;
			state.credentialSource = credWanted.source;
			timings.importSeconds = secs(t0);
			say(`sandbox: new n8n user folder ${sandboxDir}; credential and ${examples.length} example workflows imported (${timings.importSeconds.toFixed(1)} s)`);
		}
		await writeJson(statePath, state);

		// n8n
		t0 = Date.now();
		const n8nPortChoice = await portOrFree(o.n8nPort ?? DEFAULT_N8N_PORT);
		const brokerPort = await rt.getFreePort();
		handles.n8n = await rt.startN8n({
			version: N8N_VERSION,
			userFolder: sandboxDir,
			port: n8nPortChoice.port,
			brokerPort,
			encryptionKey,
			timeoutMs: 180_000,
		});
		timings.n8nStartSeconds = secs(t0);
		const url = handles.n8n.url;
		say(`n8n ${N8N_VERSION}: ${url} (started in ${timings.n8nStartSeconds.toFixed(1)} s)${n8nPortChoice.taken ? ` - port ${n8nPortChoice.wanted} was taken` : ''}`);

		// owner, credential, examples
		t0 = Date.now();
		const { session, created } = await ownerSession(url, say);
		let credential = { ...SANDBOX_CREDENTIAL, baseUrl: null, source: null, status: 'unchecked' };
		const importedNow = [];
		if (session.ok) {
			const r = await session.rest('GET', `/credentials/${SANDBOX_CREDENTIAL.id}?includeData=true`);
			if (r.status === 404) {
				await importCredential(N8N_VERSION, sandboxDir, credWanted.data, encryptionKey);
				credential = { ...credential, baseUrl: credWanted.data.baseUrl, source: credWanted.source, status: 'recreated' };
			} else if (r.status === 200) {
				const current = r.body.data?.data ?? {};
				// Keys from the environment always win. Otherwise the script only changes what it wrote
				// itself (the emulator URL of an earlier run, now on another port); a Base URL the user
				// set in the editor (their real Velt key) is left alone.
				const ours = state.credentialBaseUrl !== undefined ? current.baseUrl === state.credentialBaseUrl : isLoopbackUrl(current.baseUrl);
				const wantsChange = credWanted.source === 'env' || (ours && state.credentialSource !== 'env' && current.baseUrl !== credWanted.data.baseUrl);
				if (wantsChange) {
					const u = await session.rest('PATCH', `/credentials/${SANDBOX_CREDENTIAL.id}`, {
						name: SANDBOX_CREDENTIAL.name,
						type: SANDBOX_CREDENTIAL.type,
						data: credWanted.data,
					});
					if (u.status !== 200) throw new Error(`updating the credential failed: HTTP ${u.status} ${JSON.stringify(u.body).slice(0, 300)}`);
					credential = { ...credential, baseUrl: credWanted.data.baseUrl, source: credWanted.source, status: 'updated' };
				} else {
					const source = ours && current.baseUrl === handles.emulator.url ? 'emulator' : state.credentialSource === 'env' && ours ? 'env-earlier' : 'edited';
					credential = { ...credential, baseUrl: current.baseUrl, source, status: 'kept' };
				}
			} else throw new Error(`reading the credential failed: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
			if (fresh) credential.status = 'created';
			if (credential.status !== 'kept') {
				state.credentialBaseUrl = credWanted.data.baseUrl;
				state.credentialSource = credWanted.source;
			}

			// examples: import the ones that are missing or changed in examples/ since the last import
			const todo = [];
			for (const ex of examples) {
				const w = await session.rest('GET', `/workflows/${ex.id}`);
				// deleted in the editor: n8n 2.x archives first (restored here), then deletes (imported again)
				if (w.status === 200 && w.body?.data?.isArchived) {
					const u = await session.rest('POST', `/workflows/${ex.id}/unarchive`);
					if (u.status !== 200) say(`warning: could not restore the archived example ${ex.file} (HTTP ${u.status})`);
					else importedNow.push(ex.file);
				}
				if (w.status === 404 || state.examples[ex.id] !== ex.sha) todo.push(ex);
			}
			if (todo.length) {
				await importExamples(N8N_VERSION, sandboxDir, todo, encryptionKey);
				for (const ex of todo) {
					state.examples[ex.id] = ex.sha;
					if (!importedNow.includes(ex.file)) importedNow.push(ex.file);
				}
			}
			await writeJson(statePath, state);
		}
		timings.setupSeconds = secs(t0);
		timings.totalSeconds = secs(tStart);

		const session_ = {
			pid: process.pid,
			url,
			emulatorUrl: handles.emulator.url,
			n8nPgid: handles.n8n.pid,
			emulatorPgid: handles.emulator.pid,
			n8nLogFile: handles.n8n.logFile,
			startedAt: new Date().toISOString(),
		};
		await writeJson(path.join(sandboxDir, 'dev-session.json'), session_);
		return {
			url,
			emulatorUrl: handles.emulator.url,
			login: { email: SANDBOX_LOGIN.email, password: SANDBOX_LOGIN.password },
			sandboxDir,
			fresh,
			ownerCreated: created,
			credential,
			examples: examples.map((e) => ({ id: e.id, name: e.name, file: e.file, importedNow: fresh || importedNow.includes(e.file) })),
			emulator,
			package: pkg,
			build,
			n8nPid: handles.n8n.pid,
			emulatorPid: handles.emulator.pid,
			n8nLogFile: handles.n8n.logFile,
			timings,
			session,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------
// CLI

const HELP = `npm run dev [-- options]   (or: node scripts/dev.mjs [options])

Starts a local n8n ${N8N_VERSION} with n8n-nodes-velt installed, a Velt emulator with sample data, a
"Velt sandbox" credential pointing at it and the example workflows. Ctrl-C stops everything.

Options (environment variable in brackets):
  --port N            n8n port; default ${DEFAULT_N8N_PORT}, a free one if taken        [VELT_DEV_PORT]
  --emulator-port N   emulator port; default the last one, else ${DEFAULT_EMULATOR_PORT}     [VELT_DEV_EMULATOR_PORT]
  --sandbox DIR       n8n user folder kept between runs                  [VELT_DEV_SANDBOX_DIR]
                      default ${DEFAULT_SANDBOX_DIR}
  --reset             delete the sandbox first (owner, workflows, runs)  [VELT_DEV_RESET=1]
  --rebuild           build even if the sources did not change           [VELT_DEV_REBUILD=1]
  --exit-after-ready  stop everything and exit 0 once ready              [VELT_DEV_EXIT_AFTER_READY=1]
  --help

Real Velt instead of the emulator (the credential is updated on start; keys are never printed):
  VELT_API_KEY=... VELT_AUTH_TOKEN=... [VELT_BASE_URL=${REAL_VELT_BASE_URL}] npm run dev`;

function parseArgs(argv, env) {
	const o = {
		n8nPort: env.VELT_DEV_PORT !== undefined && env.VELT_DEV_PORT !== '' ? Number(env.VELT_DEV_PORT) : undefined,
		emulatorPort: env.VELT_DEV_EMULATOR_PORT ? Number(env.VELT_DEV_EMULATOR_PORT) : undefined,
		sandboxDir: env.VELT_DEV_SANDBOX_DIR || undefined,
		reset: env.VELT_DEV_RESET === '1',
		forceBuild: env.VELT_DEV_REBUILD === '1',
		exitAfterReady: env.VELT_DEV_EXIT_AFTER_READY === '1',
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
		const value = () => inline ?? argv[++i];
		if (flag === '--port') o.n8nPort = Number(value());
		else if (flag === '--emulator-port') o.emulatorPort = Number(value());
		else if (flag === '--sandbox') o.sandboxDir = value();
		else if (flag === '--reset') o.reset = true;
		else if (flag === '--rebuild') o.forceBuild = true;
		else if (flag === '--exit-after-ready') o.exitAfterReady = true;
		else if (flag === '--help' || flag === '-h') o.help = true;
		else throw new Error(`unknown option ${argv[i]}\n\n${HELP}`);
	}
	for (const k of ['n8nPort', 'emulatorPort'])
		if (o[k] !== undefined && !(Number.isInteger(o[k]) && o[k] >= 0 && o[k] < 65536)) throw new Error(`${k}: not a port number`);
	return o;
}

function describeCredential(c, emulatorUrl) {
	if (c.source === 'env') return `"${c.name}" -> ${c.baseUrl} (key and token from VELT_API_KEY / VELT_AUTH_TOKEN)`;
	if (c.source === 'env-earlier')
		return `"${c.name}" -> ${c.baseUrl} (the key and token given in VELT_API_KEY / VELT_AUTH_TOKEN on an earlier start)`;
	if (c.source === 'edited') return `"${c.name}" -> ${c.baseUrl} (as you set it in the editor; the emulator is not used by it)`;
	if (c.baseUrl === emulatorUrl) return `"${c.name}" -> Velt emulator ${emulatorUrl} (fake key)`;
	return `"${c.name}" (${c.status})`;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2), process.env);
	} catch (e) {
		console.error(e.message);
		process.exit(2);
	}
	if (opts.help) {
		console.log(HELP);
		return;
	}

	let sandbox = null;
	let shuttingDown = false;
	const shutdown = async (signal, code) => {
		if (shuttingDown) {
			// second Ctrl-C: no more waiting
			signalDescendants('SIGKILL');
			process.exit(code);
		}
		shuttingDown = true;
		if (signal) console.log(`\n[dev] ${signal}: stopping n8n and the emulator...`);
		const t0 = Date.now();
		try {
			if (sandbox) await sandbox.stop();
			await stopAllDescendants();
		} finally {
			console.log(`[dev] stopped (${secs(t0).toFixed(1)} s); nothing left running.`);
			process.exit(code);
		}
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(sig, 0));

	try {
		sandbox = await startSandbox({ ...opts, stopAllDescendants: true });
	} catch (e) {
		if (shuttingDown) return; // stopped by a signal while starting
		console.error(`\n[dev] failed: ${e.stack ?? e.message}`);
		await stopAllDescendants();
		process.exit(1);
	}
	if (shuttingDown) return;
	const s = sandbox;
	const examples = s.examples.map((e) => `               - ${e.name}  (${e.url ?? `${s.url}/workflow/${e.id}`})`).join('\n');
	const realHint =
		s.credential.source === 'emulator'
			? `\n  Real Velt      open Overview -> Credentials -> "Velt sandbox", enter your API key and auth token and\n                 Base URL ${REAL_VELT_BASE_URL} (or start with VELT_API_KEY=... VELT_AUTH_TOKEN=... npm run dev)`
			: '';
	console.log(`
  ${READY_LINE} (${s.timings.totalSeconds.toFixed(1)} s)

  n8n editor     ${s.url}
  Login          ${s.login.email} / ${s.login.password}
  Credential     ${describeCredential(s.credential, s.emulatorUrl)}
  Emulator       ${s.emulatorUrl}  (${s.emulator.organizations.join(', ')}; ${s.emulator.notifications} notifications;
                 API key ${EMULATOR_KEYS.apiKey}, auth token ${EMULATOR_KEYS.authToken})
  Examples       ${s.examples.length} workflows${s.fresh ? '' : s.examples.some((e) => e.importedNow) ? ` (imported again from examples/: ${s.examples.filter((e) => e.importedNow).map((e) => e.file).join(', ')})` : ''}
${examples}${realHint}
  Sandbox        ${s.sandboxDir}  (n8n log: ${path.basename(s.n8nLogFile)})

  Press Ctrl-C to stop n8n and the emulator.
`);
	if (opts.exitAfterReady) return shutdown(null, 0);
	// n8n or the emulator ending on its own (crash, killed): say so and stop the rest
	const watch = setInterval(() => {
		const gone = [
			[s.n8nPid, `n8n (log: ${s.n8nLogFile})`],
			[s.emulatorPid, `the emulator (log: ${path.join(s.sandboxDir, 'emulator.log')})`],
		].find(([pid]) => !pidAlive(pid));
		if (gone && !shuttingDown) {
			clearInterval(watch);
			console.error(`\n[dev] ${gone[1]} stopped unexpectedly; stopping the rest.`);
			shutdown(null, 1);
		}
	}, 1000);
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) main();
