#!/usr/bin/env node
// `npm test`, the whole run CI does: build, typecheck, lint (scripts/lint.mjs: cloud-support, ESLint, the scanner, links),
// formatting, the GitHub workflow files, jest, the live suite against the emulator, and the
// end-to-end suite in real n8n (test/e2e/*.test.mjs, node's test runner). Ends with one line
// "N passed, N failed" counting every test and check. `--unit` stops after jest (npm run test:unit).
// Each step prints its elapsed time, and a table of them comes before the last line. The n8n
// installs the e2e suite needs (scripts/n8n/install.mjs; ~18 min cold, instant when cached) start
// in the background first, at a lower CPU and I/O priority, so they overlap build, lint and jest.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJson, REPO_ROOT, startEmulator } from './n8n/runtime.mjs';

let passed = 0;
let failed = 0;
const t0 = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const secs = (since) => (Date.now() - since) / 1000;
/** [label, seconds] of every step, printed at the end. */
const elapsed = [];
function timed(label, since) {
	elapsed.push([label, secs(since)]);
	return `${secs(since).toFixed(1)} s`;
}

/**
 * Runs one step. Alone it counts as one test; with `counts` the runner's
 * own {pass, fail} are added instead: no summary (a crash) is one failure, and so is a failed run
 * without a failed test.
 */
function step(label, command, args, { counts, env } = {}) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const o = { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } };
	const since = Date.now();
	const ok = spawnSync(command, args, o).status === 0;
	console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'} (${timed(label, since)})`);
	if (!counts) return (ok ? passed++ : failed++, ok);
	const { pass, fail } = counts();
	if (pass === undefined)
		return (failed++, console.log(`=== ${label}: no summary (crashed?): 1 failure`));
	passed += pass;
	failed += fail + (!ok && fail === 0 ? 1 : 0);
	console.log(`=== ${label}: ${pass} passed, ${fail} failed (added to the totals)`);
}

/** A jest run with a JSON report; its tests count. */
function jest(label, args, env) {
	const report = path.join(tmp, `${label.split(' ')[0]}.json`);
	const counts = () => {
		const s = readJson(report) ?? {};
		return { pass: s.numPassedTests, fail: s.numFailedTests + s.numRuntimeErrorTestSuites };
	};
	step(label, 'npx', ['jest', ...args, '--json', `--outputFile=${report}`], { counts, env });
}

/**
 * `npm run test:live` (the real-Velt round trip) against the emulator, so the suite cannot rot:
 * VELT_BASE_URL points at it, with fake credentials and the sample workspace's organization and
 * document.
 */
async function liveSuiteAgainstEmulator() {
	const fake = { apiKey: 'live-suite-fake-key', authToken: 'live-suite-fake-token' };
	const emulator = await startEmulator(fake).catch((error) => {
		failed++;
		console.log(`=== live suite: the emulator did not start (${error.message}): 1 failure`);
	});
	if (!emulator) return;
	jest('live suite (emulator)', ['-c', 'test/live/jest.config.js'], {
		VELT_API_KEY: fake.apiKey,
		VELT_AUTH_TOKEN: fake.authToken,
		VELT_BASE_URL: emulator.url,
		VELT_TEST_ORGANIZATION_ID: 'org-acme-analytics',
		VELT_TEST_DOCUMENT_ID: 'doc-q3-roadmap',
	});
	await emulator.stop();
}

/**
 * scripts/n8n/install.mjs in the background (nice 10, best-effort I/O class at its lowest), its
 * output into a file: on 2 cores jest runs in band (jest's default, cores - 1 workers), so the
 * other core is the installs' while jest keeps priority. The installs are no step of their own:
 * if they fail, the e2e suite tries them again (ensureN8n) and its tests count the outcome.
 */
function startN8nInstalls() {
	const log = path.join(tmp, 'n8n-installs.log');
	const out = fs.openSync(log, 'w');
	const script = path.join(REPO_ROOT, 'scripts', 'n8n', 'install.mjs');
	const has = (tool) => spawnSync(tool, ['true']).status === 0;
	const lower = [
		...(has('nice') ? ['nice', '-n', '10'] : []),
		...(has('ionice') ? ['ionice', '-c', '2', '-n', '7'] : []),
	];
	const [command, ...args] = [...lower, process.execPath, script];
	const since = Date.now();
	const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', out, out] });
	const done = new Promise((resolve) => child.on('close', (code) => resolve(code)));
	process.on('exit', () => child.exitCode === null && child.kill());
	console.log(`=== n8n installs: started in the background (${command} … install.mjs)`);
	return async function waitForInstalls() {
		const waitSince = Date.now();
		console.log('\n=== n8n installs: waiting for the background installs');
		if (child.exitCode === null) restorePriority(child.pid);
		const code = await done;
		console.log(fs.readFileSync(log, 'utf8').trimEnd());
		const ran = secs(since).toFixed(1);
		console.log(
			`=== n8n installs: ${code === 0 ? 'ok' : `FAILED (exit ${code}); e2e tries again`} (ran ${ran} s, waited ${timed('waiting for the n8n installs', waitSince)})`,
		);
	};
}

/**
 * Once the run waits for the installs they are all that runs: back to nice 0 and the default I/O
 * priority, the installer and every process under it (npm, make, the compilers). Linux; lowering
 * a nice value needs root (CAP_SYS_NICE), without it they stay as they are.
 */
function restorePriority(root) {
	const parents = new Map();
	for (const name of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)))
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {} // gone meanwhile
	const pids = [root];
	for (let grew = true; grew; ) {
		const more = [...parents].filter(([p, pp]) => pids.includes(pp) && !pids.includes(p));
		pids.push(...more.map(([p]) => p));
		grew = more.length > 0;
	}
	const list = pids.map(String);
	const reniced = spawnSync('renice', ['-n', '0', '-p', ...list], { stdio: 'ignore' }).status;
	spawnSync('ionice', ['-c', '2', '-n', '4', '-p', ...list], { stdio: 'ignore' });
	console.log(
		`=== n8n installs: ${pids.length} processes back to nice 0 (${reniced === 0 ? 'ok' : 'not permitted'})`,
	);
}

/** node --test over test/e2e (one file at a time): a spec report here, TAP counts for the totals. */
function e2e() {
	const tap = path.join(tmp, 'e2e.tap');
	const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
	reporters.push('--test-reporter=tap', `--test-reporter-destination=${tap}`);
	const counts = () => {
		const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
		const last = {}; // the summary at the end of the TAP output
		for (const [, name, n] of text.matchAll(/^# (pass|fail|cancelled) (\d+)$/gm)) last[name] = +n;
		return { pass: last.pass, fail: (last.fail ?? 0) + (last.cancelled ?? 0) };
	};
	const args = ['--test', '--test-concurrency=1', ...reporters, 'test/e2e/'];
	step('e2e', process.execPath, args, { counts });
}

const unitOnly = process.argv.includes('--unit');
const waitForInstalls = unitOnly ? null : startN8nInstalls();
const built = step('build', 'npm', ['run', 'build']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (built)
	step('lint (cloud-support, ESLint, scanner on source and tarball, links)', 'npm', [
		'run',
		'lint',
	]);
else failed++;
if (!unitOnly) {
	step('format (prettier --check)', 'npm', ['run', 'format:check']);
	step('GitHub workflows (action-validator)', 'npm', ['run', 'lint:workflows']);
}
jest('jest', []);
if (!unitOnly) {
	// the e2e suite and `npm run bench` start the emulator from build/ (the tools build)
	step('build:tools (emulator, bench, e2e)', 'npm', ['run', 'build:tools']);
	await liveSuiteAgainstEmulator();
	await waitForInstalls();
	e2e();
}
console.log('\n=== elapsed per step');
for (const [label, s] of elapsed) console.log(`${s.toFixed(1).padStart(8)} s  ${label}`);
console.log(`${timed('total', t0).padStart(10)}  total (npm test)`);
const ciStarted = Number(process.env.VELT_CI_STARTED); // set by .ci/run
if (ciStarted > 0) console.log(`${timed('.ci/run', ciStarted).padStart(10)}  total (.ci/run)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
