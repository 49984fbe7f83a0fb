#!/usr/bin/env node
// The project's whole test run: build, the scanner's lint rules, the jest suites.
// Ends with one line "N passed, N failed" counting every test and check it ran.
import { spawnSync } from 'node:child_process';
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

const built = step('build', 'npm', ['run', 'build']);
if (built) passed++;
else failed++;
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (built) check('lint (sources and packed dist)', 'node', ['scripts/lint.mjs']);
jest('jest', []);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
