#!/usr/bin/env node
// `npm test`, the whole run CI does: build, typecheck, lint (n8n-node lint + the packed tarball),
// formatting, the GitHub workflow files, jest, and the end-to-end suite in real n8n
// (test/e2e/*.test.mjs, node's test runner). Ends with one line "N passed, N failed" counting
// every test and check. `--unit` stops after jest (npm run test:unit, the inner loop).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './n8n/runtime.mjs';

let passed = 0;
let failed = 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function step(label, command, args) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const ok = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' }).status === 0;
	console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'}`);
	return ok;
}

/** A check counts as one test. */
function check(label, command, args) {
	const ok = step(label, command, args);
	ok ? passed++ : failed++;
	return ok;
}

/** Adds a runner's own counts; a run that failed without failed tests (crash) is one failure more. */
function count(label, ok, pass, fail) {
	if (pass === undefined)
		return (failed++, console.log(`=== ${label}: no summary (crashed?): 1 failure`));
	passed += pass;
	failed += fail + (!ok && fail === 0 ? 1 : 0);
	console.log(`=== ${label}: ${pass} passed, ${fail} failed (added to the totals)`);
}

function jest() {
	const report = path.join(tmp, 'jest.json');
	const ok = step('jest', 'npx', ['jest', '--json', `--outputFile=${report}`]);
	let s = {};
	try {
		s = JSON.parse(fs.readFileSync(report, 'utf8'));
	} catch {}
	count('jest', ok, s.numPassedTests, s.numFailedTests + s.numRuntimeErrorTestSuites);
}

/** node --test over test/e2e (one file at a time): a spec report here, TAP counts for the totals. */
function e2e() {
	const tap = path.join(tmp, 'e2e.tap');
	const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
	reporters.push('--test-reporter=tap', `--test-reporter-destination=${tap}`);
	const ok = step('e2e', process.execPath, [
		'--test',
		'--test-concurrency=1',
		...reporters,
		'test/e2e/',
	]);
	const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
	const total = (name) => [...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].at(-1)?.[1];
	const [pass, fail = 0, cancelled = 0] = ['pass', 'fail', 'cancelled'].map(
		(n) => total(n) && Number(total(n)),
	);
	count('e2e', ok, pass, fail + cancelled);
}

const unitOnly = process.argv.includes('--unit');
const built = check('build', 'npm', ['run', 'build']);
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (built) check('lint (n8n-node lint, packed tarball)', 'npm', ['run', 'lint']);
else failed++;
if (!unitOnly) {
	check('format (prettier --check)', 'npm', ['run', 'format:check']);
	check('GitHub workflows (action-validator)', 'npm', ['run', 'lint:workflows']);
}
jest();
if (!unitOnly) {
	// the e2e suite starts the emulator from build/ (tools build); its type errors are the typecheck's
	step('build:tools (emulator for e2e)', 'npm', ['run', 'build:tools']);
	e2e();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
