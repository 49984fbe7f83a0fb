#!/usr/bin/env node
// The project's whole test run: build, the scanner's lint rules, the jest suites, and the
// end-to-end suite in real n8n (test/e2e/*.test.mjs, node's test runner).
// Ends with one line "N passed, N failed" counting every test and check it ran.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;

function step(label, command, args) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	const ok = result.status === 0;
	console.log(`=== ${label}: ${ok ? 'ok' : `FAILED (exit ${result.status})`}`);
	return ok;
}

function check(label, command, args) {
	if (step(label, command, args)) passed++;
	else failed++;
}

function jest(label, args) {
	const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'velt-jest-')), 'report.json');
	const ok = step(label, 'npx', ['jest', '--json', `--outputFile=${report}`, ...args]);
	try {
		const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
		passed += summary.numPassedTests;
		failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
		if (!ok && summary.numFailedTests + summary.numRuntimeErrorTestSuites === 0) failed++;
	} catch {
		failed++;
	}
}

/**
 * node's test runner over test/e2e/ (every *.test.mjs there), one file at a time: a spec report on
 * the console and a TAP copy whose closing counts ("# pass N", "# fail N", "# cancelled N") are
 * added to the totals. A run that ends without those counts (crashed, killed) is one failure.
 */
function nodeTestRunner(label, dir) {
	const tap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'velt-e2e-')), 'report.tap');
	const ok = step(label, process.execPath, [
		'--test',
		'--test-concurrency=1',
		'--test-reporter=spec',
		'--test-reporter-destination=stdout',
		'--test-reporter=tap',
		`--test-reporter-destination=${tap}`,
		dir,
	]);
	let text = '';
	try {
		text = fs.readFileSync(tap, 'utf8');
	} catch {}
	fs.rmSync(path.dirname(tap), { recursive: true, force: true });
	const count = (name) => {
		const matches = [...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
		return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
	};
	const [pass, fail, cancelled] = [count('pass'), count('fail'), count('cancelled')];
	if (pass === undefined || fail === undefined) {
		console.log(`=== ${label}: no test summary from node's test runner (crashed?); counted as one failure`);
		failed++;
		return;
	}
	passed += pass;
	failed += fail + (cancelled ?? 0);
	if (!ok && fail + (cancelled ?? 0) === 0) failed++;
	console.log(`=== ${label}: ${pass} tests passed and ${fail + (cancelled ?? 0)} failed (added to the totals)`);
}

/**
 * `npm run test:live` (the real-Velt round trip) against a local emulator, so the suite cannot
 * rot: VELT_BASE_URL points at it, with fake credentials and the sample data's organization
 * and document. Its tests count like the other jest tests.
 */
async function liveSuiteAgainstEmulator() {
	const settings = { VELT_API_KEY: 'live-suite-fake-key', VELT_AUTH_TOKEN: 'live-suite-fake-token' };
	const emulator = spawn(
		process.execPath,
		['build/test/emulator/cli.js', '--port', '0', '--seed-sample', '--api-key', settings.VELT_API_KEY, '--auth-token', settings.VELT_AUTH_TOKEN],
		{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise((resolve) => {
		let text = '';
		emulator.stdout.on('data', (chunk) => {
			text += chunk;
			if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]).url);
		});
		emulator.on('exit', () => resolve(undefined));
	});
	if (!url) {
		console.log('=== live suite (emulator): the emulator did not start; counted as one failure');
		failed++;
		return;
	}
	Object.assign(process.env, settings, { VELT_BASE_URL: url, VELT_TEST_ORGANIZATION_ID: 'org-acme-analytics', VELT_TEST_DOCUMENT_ID: 'doc-q3-roadmap' });
	try {
		jest('live suite (emulator)', ['-c', 'test/live/jest.config.js']);
	} finally {
		emulator.kill('SIGTERM');
		for (const name of [...Object.keys(settings), 'VELT_BASE_URL', 'VELT_TEST_ORGANIZATION_ID', 'VELT_TEST_DOCUMENT_ID']) delete process.env[name];
	}
}

const built = step('build', 'npm', ['run', 'build']);
if (built) passed++;
else failed++;
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (built) check('lint (sources and packed dist)', 'node', ['scripts/lint.mjs']);
jest('jest', []);
// End-to-end in real n8n 2.41.1 and 1.123.81 (installed once into ~/.cache/n8n-nodes-velt, or
// N8N_E2E_CACHE_DIR). build:tools compiles the emulator they start; its type errors, if any, are
// the typecheck's to count (tsc still emits), a missing emulator fails the e2e tests themselves.
step('build:tools (emulator for e2e)', 'npm', ['run', 'build:tools']);
await liveSuiteAgainstEmulator();
nodeTestRunner('e2e', 'test/e2e/');

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
