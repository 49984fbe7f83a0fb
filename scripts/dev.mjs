#!/usr/bin/env node
// `npm run dev`: a local n8n with this package installed as a community package, the Velt
// emulator with sample data, a "Velt sandbox" credential pointing at it and the example
// workflows. No Velt account, no network. `npm run dev -- --help` lists the options.
//
// Steps: build (skipped when the sources did not change) while n8n is installed (once) -> start
// the emulator -> pack the package and install the tarball into <sandbox>/.n8n/nodes -> on a fresh
// sandbox import the credential and the examples -> start n8n -> create the owner or log in ->
// check the credential and the examples -> print the editor URL and the login. Every process runs
// in its own process group; Ctrl-C stops them all.
//
// Also a library: startSandbox() starts the same and returns handles (test/e2e uses it).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rt from './n8n/runtime.mjs';

const N8N_VERSION = rt.N8N_CURRENT;
/** Fixed login of the sandbox owner. Local sandbox only; not a secret. */
export const SANDBOX_LOGIN = Object.freeze({
	email: 'sandbox@example.com',
	password: 'Velt-Sandbox-2025',
	firstName: 'Velt',
	lastName: 'Sandbox',
});
const CREDENTIAL = { id: 'veltSandboxCred1', name: 'Velt sandbox', type: 'veltApi' };
/** Fake key and token the emulator accepts (never real ones). */
export const EMULATOR_KEYS = Object.freeze({
	apiKey: 'velt-sandbox-fake-api-key',
	authToken: 'velt-sandbox-fake-auth-token',
});
const REAL_VELT_BASE_URL = 'https://api.velt.dev';
export const READY_LINE = 'Velt sandbox is ready';
const DEFAULT_SANDBOX_DIR = path.join(rt.CACHE_DIR, 'sandbox');
const EXAMPLES_DIR = path.join(rt.REPO_ROOT, 'examples');
const secs = (t0) => (Date.now() - t0) / 1000;

/** The example workflows: [{file, id, name, sha, json}] */
export function exampleWorkflows() {
	const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
	return files.sort().map((file) => {
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
		const json = JSON.parse(text);
		const sha = createHash('sha256').update(text).digest('hex');
		return { file, id: json.id, name: json.name, sha, json };
	});
}

/** Emulator numbers for the ready block: its organizations and how many notifications. */
async function emulatorSummary(url) {
	const { notifications } = await (await fetch(`${url}/__emulator/notifications`)).json();
	const organizations = [...new Set(notifications.map((n) => n.organizationId))].sort();
	return { notifications: notifications.length, organizations };
}

/** What the sandbox credential should hold: real Velt when VELT_API_KEY and VELT_AUTH_TOKEN are set. */
function wantedCredential(emulatorUrl, env) {
	if (!env.VELT_API_KEY || !env.VELT_AUTH_TOKEN)
		return { source: 'emulator', data: { ...EMULATOR_KEYS, baseUrl: emulatorUrl } };
	const { VELT_API_KEY: apiKey, VELT_AUTH_TOKEN: authToken } = env;
	return {
		source: 'env',
		data: { apiKey, authToken, baseUrl: env.VELT_BASE_URL || REAL_VELT_BASE_URL },
	};
}

const isLoopbackUrl = (u) =>
	/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(String(u));

/**
 * A private folder under <sandbox>/.dev-tmp (0700) for the credential file and the tarball;
 * emptied at every start and stop.
 */
async function sandboxTemp(sandboxDir, prefix) {
	await fsp.mkdir(path.join(sandboxDir, '.dev-tmp'), { recursive: true, mode: 0o700 });
	return fsp.mkdtemp(path.join(sandboxDir, '.dev-tmp', prefix));
}

/** Imports the credential and/or example workflows through private files deleted right after. */
async function importIntoSandbox(sandboxDir, encryptionKey, { credentialData, examples = [] }) {
	const dir = await sandboxTemp(sandboxDir, 'import-');
	const o = { encryptionKey };
	try {
		const credentialFile = path.join(dir, 'credential.json');
		const wfDir = path.join(dir, 'workflows');
		await fsp.mkdir(wfDir);
		const credential = JSON.stringify([{ ...CREDENTIAL, data: credentialData }]);
		if (credentialData) await fsp.writeFile(credentialFile, credential, { mode: 0o600 });
		if (credentialData) await rt.importCredentials(N8N_VERSION, sandboxDir, credentialFile, o);
		for (const ex of examples)
			await fsp.writeFile(path.join(wfDir, ex.file), JSON.stringify(ex.json));
		const args = ['import:workflow', '--separate', `--input=${wfDir}`];
		if (examples.length) await rt.runN8nCli(N8N_VERSION, sandboxDir, args, o);
	} finally {
		await fsp.rm(dir, { recursive: true, force: true });
	}
}

/** Packs the package and installs the tarball unless that exact tarball is installed already. */
async function refreshPackage(sandboxDir, state, logFile, say) {
	const t0 = Date.now();
	const dir = await sandboxTemp(sandboxDir, 'pack-');
	try {
		const packed = await rt.packPackage(dir, { logFile });
		const installed = path.join(sandboxDir, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-velt');
		if (state.packageSha === packed.sha && fs.existsSync(path.join(installed, 'package.json')))
			return say(`package: n8n-nodes-velt unchanged, already installed (${secs(t0).toFixed(1)} s)`);
		// npm could keep stale files of a same-version tarball: drop the previous copy first
		await fsp.rm(installed, { recursive: true, force: true });
		await fsp.rm(path.join(sandboxDir, '.n8n', 'nodes', 'package-lock.json'), { force: true });
		const pkg = await rt.installCommunityPackage(sandboxDir, packed.file, {
			env: { npm_config_offline: 'true' },
		});
		state.packageSha = packed.sha;
		say(`package: ${pkg.name}@${pkg.version} installed into .n8n/nodes (${secs(t0).toFixed(1)} s)`);
	} finally {
		await fsp.rm(dir, { recursive: true, force: true });
	}
}

/**
 * Keeps the credential pointing where it should: recreated when deleted; keys from the
 * environment always win; otherwise only a URL the script wrote itself (the emulator of an earlier
 * run, now on another port) is changed, a Base URL set in the editor is left alone.
 */
async function checkCredential({ session, state, wanted, emulatorUrl, importCredential }) {
	const r = await session.rest('GET', `/rest/credentials/${CREDENTIAL.id}?includeData=true`);
	if (r.status === 404) {
		await importCredential();
		return { baseUrl: wanted.data.baseUrl, source: wanted.source, status: 'recreated' };
	}
	if (r.status !== 200) throw new Error(`reading the credential: HTTP ${r.status}`);
	const current = r.body.data?.data ?? {};
	const ours =
		state.credentialBaseUrl !== undefined
			? current.baseUrl === state.credentialBaseUrl
			: isLoopbackUrl(current.baseUrl);
	const moved = ours && state.credentialSource !== 'env' && current.baseUrl !== wanted.data.baseUrl;
	if (wanted.source === 'env' || moved) {
		const body = { name: CREDENTIAL.name, type: CREDENTIAL.type, data: wanted.data };
		const u = await session.rest('PATCH', `/rest/credentials/${CREDENTIAL.id}`, body);
		if (u.status !== 200) throw new Error(`updating the credential: HTTP ${u.status}`);
		return { baseUrl: wanted.data.baseUrl, source: wanted.source, status: 'updated' };
	}
	const source =
		ours && current.baseUrl === emulatorUrl
			? 'emulator'
			: ours && state.credentialSource === 'env'
				? 'env-earlier'
				: 'edited';
	return { baseUrl: current.baseUrl, source, status: 'kept' };
}

/** Examples deleted (n8n 2.x archives first: restored) or changed in examples/ since their import. */
async function staleExamples(session, state, examples, say) {
	const todo = [];
	const restored = [];
	for (const ex of examples) {
		const w = await session.rest('GET', `/rest/workflows/${ex.id}`);
		if (w.status === 200 && w.body?.data?.isArchived) {
			const u = await session.rest('POST', `/rest/workflows/${ex.id}/unarchive`);
			if (u.status === 200) restored.push(ex.file);
			else say(`warning: could not restore the archived example ${ex.file} (HTTP ${u.status})`);
		}
		if (w.status === 404 || state.examples[ex.id] !== ex.sha) todo.push(ex);
	}
	return { todo, restored };
}

/**
 * Starts the whole sandbox; resolves what the ready block shows, plus stop(). Options: the ones of
 * the command line (parseArgs), env (where VELT_API_KEY etc. are read) and log(line).
 */
export async function startSandbox(o = {}) {
	const say = o.log ?? ((line) => console.log(`[dev] ${line}`));
	const env = o.env ?? process.env;
	const sandboxDir = path.resolve(o.sandboxDir ?? DEFAULT_SANDBOX_DIR);
	const lockDir = path.join(sandboxDir, 'dev.lock');
	const tStart = Date.now();
	const timings = {};
	const takeLock = async () => {
		await fsp.mkdir(sandboxDir, { recursive: true });
		try {
			return await rt.lock(lockDir, { waitMs: 0, note: process.argv.slice(1).join(' ') });
		} catch (e) {
			const url = rt.readJson(path.join(sandboxDir, 'dev-session.json'))?.url;
			const hint = `Stop that one first (Ctrl-C in its terminal), or use another sandbox: VELT_DEV_SANDBOX_DIR=/some/dir npm run dev`;
			const by = `pid ${e.holder?.pid} (${e.holder?.note})${url ? `, editor at ${url}` : ''}`;
			throw e.holder ? new Error(`The sandbox ${sandboxDir} is in use by ${by}.\n${hint}`) : e;
		}
	};
	let sandboxLock = await takeLock();
	if (o.reset) {
		say(`reset: deleting ${sandboxDir}`);
		sandboxLock();
		await fsp.rm(sandboxDir, { recursive: true, force: true });
		sandboxLock = await takeLock();
	}
	const handles = [];
	let stopping;
	const stop = () =>
		(stopping ??= (async () => {
			await Promise.allSettled(handles.map((h) => h.stop()));
			await fsp.rm(path.join(sandboxDir, 'dev-session.json'), { force: true });
			await fsp.rm(path.join(sandboxDir, '.dev-tmp'), { recursive: true, force: true });
			sandboxLock();
		})());

	try {
		const killed = await rt.killLeftovers(path.join(sandboxDir, '.pids'));
		if (killed.length)
			say(`stopped processes left over by an earlier run (groups ${killed.join(', ')})`);
		await fsp.rm(path.join(sandboxDir, '.dev-tmp'), { recursive: true, force: true });
		const statePath = path.join(sandboxDir, 'dev-state.json');
		const state = { examples: {}, ...rt.readJson(statePath) };
		const saveState = () => fsp.writeFile(statePath, `${JSON.stringify(state, null, 2)}\n`);
		const fresh = !fs.existsSync(path.join(sandboxDir, '.n8n', 'database.sqlite'));
		// local sandbox only, next to the database it protects
		state.encryptionKey =
			rt.readJson(path.join(sandboxDir, '.n8n', 'config'))?.encryptionKey ??
			state.encryptionKey ??
			randomBytes(24).toString('base64');
		const { encryptionKey } = state;
		const logFile = path.join(sandboxDir, 'dev-build.log');
		await fsp.writeFile(logFile, '');
		const pidDir = path.join(sandboxDir, '.pids');

		// the build and the n8n install are independent: side by side
		let t0 = Date.now();
		if (!fs.existsSync(rt.n8nPaths(N8N_VERSION).marker))
			say(
				`n8n ${N8N_VERSION}: not installed yet, installing (first run only; about 8 minutes on 2 cores)`,
			);
		const installing = rt.ensureN8n(N8N_VERSION).then((inst) => {
			if (!inst.cached)
				say(`n8n ${N8N_VERSION}: installed into ${inst.dir} (${secs(t0).toFixed(0)} s, once)`);
		});
		installing.catch(() => {});
		const build = await rt.ensureBuilt({ force: o.forceBuild, logFile });
		say(
			`build: ${build.built.length ? `${build.built.join(' and ')} built` : 'unchanged'} (${build.seconds.toFixed(1)} s)`,
		);

		const emuPort = await rt.portOrFree(o.emulatorPort ?? state.emulatorPort ?? 5690);
		const emulatorLog = path.join(sandboxDir, 'emulator.log');
		const emuOptions = { port: emuPort.port, ...EMULATOR_KEYS, logFile: emulatorLog, pidDir };
		const emu = await rt.startEmulator(emuOptions);
		handles.push(emu);
		const emulator = await emulatorSummary(emu.url);
		const counts = `${emulator.notifications} notifications in ${emulator.organizations.length} organizations`;
		say(`emulator: ${emu.url} (${counts})${emuPort.taken ? ' - the usual port was taken' : ''}`);
		state.emulatorPort = emuPort.port;

		await installing;
		await refreshPackage(sandboxDir, state, logFile, say);

		const wanted = wantedCredential(emu.url, env);
		const examples = exampleWorkflows();
		const remember = (c) =>
			Object.assign(state, { credentialBaseUrl: c.baseUrl, credentialSource: c.source });
		if (fresh) {
			await importIntoSandbox(sandboxDir, encryptionKey, { credentialData: wanted.data, examples });
			for (const ex of examples) state.examples[ex.id] = ex.sha;
			remember({ baseUrl: wanted.data.baseUrl, source: wanted.source });
			say(
				`sandbox: new n8n user folder ${sandboxDir}; credential and ${examples.length} example workflows imported`,
			);
		}
		await saveState();

		t0 = Date.now();
		const n8nPort = await rt.portOrFree(o.n8nPort ?? 5678);
		const n8n = await rt.startN8n({
			version: N8N_VERSION,
			userFolder: sandboxDir,
			port: n8nPort.port,
			encryptionKey,
			timeoutMs: 180_000,
		});
		handles.unshift(n8n);
		say(
			`n8n ${N8N_VERSION}: ${n8n.url} (started in ${secs(t0).toFixed(1)} s)${n8nPort.taken ? ' - port 5678 was taken' : ''}`,
		);

		const ownerCreated = await rt.setupOwner(n8n.url, SANDBOX_LOGIN);
		const session = await rt.login(n8n.url, SANDBOX_LOGIN);
		let credential = { ...CREDENTIAL, status: 'unchecked' };
		const importedNow = [];
		if (!session.ok)
			say(
				`warning: logging in as ${SANDBOX_LOGIN.email} failed (HTTP ${session.status}); if you changed the password in the editor, use yours.` +
					' The credential and the examples were not checked this time.',
			);
		else {
			const importCredential = () =>
				importIntoSandbox(sandboxDir, encryptionKey, { credentialData: wanted.data });
			const checked = { session, state, wanted, emulatorUrl: emu.url, importCredential };
			credential = { ...CREDENTIAL, ...(await checkCredential(checked)) };
			if (fresh) credential.status = 'created';
			if (credential.status !== 'kept') remember(credential);
			const { todo, restored } = await staleExamples(session, state, examples, say);
			if (todo.length) await importIntoSandbox(sandboxDir, encryptionKey, { examples: todo });
			for (const ex of todo) state.examples[ex.id] = ex.sha;
			importedNow.push(...new Set([...restored, ...todo.map((ex) => ex.file)]));
			await saveState();
		}
		timings.totalSeconds = secs(tStart);
		const startedAt = new Date().toISOString();
		const sessionInfo = { pid: process.pid, url: n8n.url, emulatorUrl: emu.url, startedAt };
		const sessionFile = path.join(sandboxDir, 'dev-session.json');
		await fsp.writeFile(sessionFile, JSON.stringify(sessionInfo, null, 2));
		return {
			url: n8n.url,
			emulatorUrl: emu.url,
			login: { email: SANDBOX_LOGIN.email, password: SANDBOX_LOGIN.password },
			sandboxDir,
			fresh,
			ownerCreated,
			credential,
			examples: examples.map(({ id, name, file }) => {
				return { id, name, file, importedNow: fresh || importedNow.includes(file) };
			}),
			emulator,
			n8nPid: n8n.pid,
			emulatorPid: emu.pid,
			n8nLogFile: n8n.logFile,
			emulatorLogFile: emulatorLog,
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
// command line

const HELP = `npm run dev [-- options]   (or: node scripts/dev.mjs [options])

Starts a local n8n ${N8N_VERSION} with n8n-nodes-velt installed, a Velt emulator with sample data, a
"Velt sandbox" credential pointing at it and the example workflows. Ctrl-C stops everything.

Options (environment variable in brackets):
  --port N            n8n port; default 5678, a free one if taken        [VELT_DEV_PORT]
  --emulator-port N   emulator port; default the last one, else 5690     [VELT_DEV_EMULATOR_PORT]
  --sandbox DIR       n8n user folder kept between runs                  [VELT_DEV_SANDBOX_DIR]
                      default ${DEFAULT_SANDBOX_DIR}
  --reset             delete the sandbox first (owner, workflows, runs)  [VELT_DEV_RESET=1]
  --rebuild           build even if the sources did not change           [VELT_DEV_REBUILD=1]
  --exit-after-ready  stop everything and exit 0 once ready              [VELT_DEV_EXIT_AFTER_READY=1]
  --help

Real Velt instead of the emulator (the credential is updated on start; keys are never printed):
  VELT_API_KEY=... VELT_AUTH_TOKEN=... [VELT_BASE_URL=${REAL_VELT_BASE_URL}] npm run dev`;

function parseArgs(argv, env) {
	const num = (v) => (v === undefined || v === '' ? undefined : Number(v));
	const o = {
		n8nPort: num(env.VELT_DEV_PORT),
		emulatorPort: num(env.VELT_DEV_EMULATOR_PORT) || undefined,
		sandboxDir: env.VELT_DEV_SANDBOX_DIR || undefined,
		reset: env.VELT_DEV_RESET === '1',
		forceBuild: env.VELT_DEV_REBUILD === '1',
		exitAfterReady: env.VELT_DEV_EXIT_AFTER_READY === '1',
	};
	const flags = {
		'--reset': 'reset',
		'--rebuild': 'forceBuild',
		'--exit-after-ready': 'exitAfterReady',
		'--help': 'help',
		'-h': 'help',
	};
	const values = {
		'--port': ['n8nPort', Number],
		'--emulator-port': ['emulatorPort', Number],
		'--sandbox': ['sandboxDir', String],
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		if (flags[flag]) o[flags[flag]] = true;
		else if (values[flag]) o[values[flag][0]] = values[flag][1](inline ?? argv[++i]);
		else throw new Error(`unknown option ${argv[i]}\n\n${HELP}`);
	}
	for (const k of ['n8nPort', 'emulatorPort'])
		if (o[k] !== undefined && !(Number.isInteger(o[k]) && o[k] >= 0 && o[k] < 65536))
			throw new Error(`${k}: not a port number`);
	return o;
}

function describeCredential(c, emulatorUrl) {
	if (c.source === 'env')
		return `"${c.name}" -> ${c.baseUrl} (key and token from VELT_API_KEY / VELT_AUTH_TOKEN)`;
	if (c.source === 'env-earlier')
		return `"${c.name}" -> ${c.baseUrl} (the key and token given in VELT_API_KEY / VELT_AUTH_TOKEN on an earlier start)`;
	if (c.source === 'edited')
		return `"${c.name}" -> ${c.baseUrl} (as you set it in the editor; the emulator is not used by it)`;
	if (c.baseUrl === emulatorUrl) return `"${c.name}" -> Velt emulator ${emulatorUrl} (fake key)`;
	return `"${c.name}" (${c.status})`;
}

function readyBlock(s) {
	const list = s.examples
		.map((e) => `               - ${e.name}  (${s.url}/workflow/${e.id})`)
		.join('\n');
	const again = s.examples.filter((e) => e.importedNow).map((e) => e.file);
	const realHint =
		s.credential.source === 'emulator'
			? `\n  Real Velt      open Overview -> Credentials -> "Velt sandbox", enter your API key and auth token and\n                 Base URL ${REAL_VELT_BASE_URL} (or start with VELT_API_KEY=... VELT_AUTH_TOKEN=... npm run dev)`
			: '';
	return `
  ${READY_LINE} (${s.timings.totalSeconds.toFixed(1)} s)

  n8n editor     ${s.url}
  Login          ${s.login.email} / ${s.login.password}
  Credential     ${describeCredential(s.credential, s.emulatorUrl)}
  Emulator       ${s.emulatorUrl}  (${s.emulator.organizations.join(', ')}; ${s.emulator.notifications} notifications;
                 API key ${EMULATOR_KEYS.apiKey}, auth token ${EMULATOR_KEYS.authToken})
  Examples       ${s.examples.length} workflows${!s.fresh && again.length ? ` (imported again from examples/: ${again.join(', ')})` : ''}
${list}${realHint}
  Sandbox        ${s.sandboxDir}  (n8n log: ${path.basename(s.n8nLogFile)})

  Press Ctrl-C to stop n8n and the emulator.
`;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2), process.env);
	} catch (e) {
		console.error(e.message);
		process.exit(2);
	}
	if (opts.help) return console.log(HELP);
	let sandbox;
	let shuttingDown = false;
	const shutdown = async (signal, code) => {
		if (shuttingDown) process.exit(code); // a second Ctrl-C: no more waiting (the exit hook SIGKILLs)
		shuttingDown = true;
		if (signal) console.log(`\n[dev] ${signal}: stopping n8n and the emulator...`);
		const t0 = Date.now();
		await sandbox?.stop();
		await rt.stopAll({ graceMs: 5_000 }); // builds, npm, n8n CLI runs still going during start-up
		console.log(`[dev] stopped (${secs(t0).toFixed(1)} s); nothing left running.`);
		process.exit(code);
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(sig, 0));
	try {
		sandbox = await startSandbox(opts);
	} catch (e) {
		if (shuttingDown) return; // stopped by a signal while starting
		console.error(`\n[dev] failed: ${e.stack ?? e.message}`);
		await rt.stopAll({ graceMs: 5_000 });
		process.exit(1);
	}
	if (shuttingDown) return;
	console.log(readyBlock(sandbox));
	if (opts.exitAfterReady) return shutdown(null, 0);
	// n8n or the emulator ending on its own (crash, killed): say so and stop the rest
	const watch = setInterval(() => {
		const gone = [
			[sandbox.n8nPid, `n8n (log: ${sandbox.n8nLogFile})`],
			[sandbox.emulatorPid, `the emulator (log: ${sandbox.emulatorLogFile})`],
		].find(([pid]) => !rt.pidAlive(pid));
		if (!gone || shuttingDown) return;
		clearInterval(watch);
		console.error(`\n[dev] ${gone[1]} stopped unexpectedly; stopping the rest.`);
		shutdown(null, 1);
	}, 1000);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
