#!/usr/bin/env node
// `npm test`, the whole run CI does: build, typecheck, lint (n8n-node lint + the packed tarball),
// formatting, the GitHub workflow files, jest, the live suite against the emulator, and the
// end-to-end suite in real n8n (test/e2e/*.test.mjs, node's test runner). Ends with one line
// "N passed, N failed" counting every test and check. `--unit` stops after jest (npm run test:unit).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJson, REPO_ROOT, startEmulator } from './n8n/runtime.mjs';

let passed = 0;
let failed = 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * Runs one step. Alone it counts as one test; with `counts` the runner's
 * own {pass, fail} are added instead: no summary (a crash) is one failure, and so is a failed run
 * without a failed test.
 */
function step(label, command, args, { counts, env } = {}) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const o = { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } };
	const ok = spawnSync(command, args, o).status === 0;
	console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'}`);
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
const built = step('build', 'npm', ['run', 'build']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (built) step('lint (n8n-node lint, packed tarball)', 'npm', ['run', 'lint']);
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
	e2e();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
