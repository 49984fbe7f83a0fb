#!/usr/bin/env node
// `npm run test:repeat -- N [jest arguments]`: runs the jest suite N times in a row (as CI runs
// it: one process per run), to find tests that fail by chance. Prints each run's wall time,
// counts and failed tests, then a summary: the wall times and every test that failed, with the
// runs it failed in. Each run's full output stays in a log file (its path is printed).
// Exits 1 when any run had a failure. Example: `npm run test:repeat -- 5 test/faults`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJson, REPO_ROOT } from './n8n/runtime.mjs';

const [countText, ...jestArgs] = process.argv.slice(2);
const runs = Number(countText ?? 1);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
	console.error('usage: npm run test:repeat -- N [jest arguments]   (N: 1 to 100 runs)');
	process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-repeat-'));
console.log(
	`${runs} jest runs${jestArgs.length ? ` (${jestArgs.join(' ')})` : ''}; logs in ${dir}`,
);

/** The failed tests of one jest JSON report, as "file > test name"; a file that did not run counts too. */
function failuresOf(report) {
	const failed = [];
	for (const file of report?.testResults ?? []) {
		const name = path.relative(REPO_ROOT, file.name);
		const tests = file.assertionResults ?? [];
		for (const test of tests)
			if (test.status === 'failed') failed.push(`${name} > ${test.fullName}`);
		if (file.status === 'failed' && !tests.some((test) => test.status === 'failed'))
			failed.push(`${name} (did not run: ${String(file.message).split('\n').find(Boolean)})`);
	}
	return failed;
}

const results = [];
for (let run = 1; run <= runs; run++) {
	const report = path.join(dir, `run-${run}.json`);
	const log = path.join(dir, `run-${run}.log`);
	const out = fs.openSync(log, 'w');
	const started = process.hrtime.bigint();
	const status = spawnSync('npx', ['jest', ...jestArgs, '--json', `--outputFile=${report}`], {
		cwd: REPO_ROOT,
		stdio: ['ignore', out, out],
	}).status;
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	fs.closeSync(out);
	const json = readJson(report);
	const failures = failuresOf(json);
	// A run that failed without a failed test (a crash, no report) is one failure.
	if (status !== 0 && failures.length === 0) failures.push(`jest exited ${status} (see ${log})`);
	results.push({ run, seconds, failures });
	const counts = json
		? `${json.numPassedTests} passed, ${json.numFailedTests} failed`
		: 'no report';
	console.log(`run ${run}/${runs}: ${seconds.toFixed(1)} s, ${counts}`);
	for (const failure of failures) console.log(`  FAILED ${failure}`);
}

const times = results.map((result) => result.seconds.toFixed(1));
const byTest = new Map();
for (const { run, failures } of results)
	for (const failure of failures) byTest.set(failure, [...(byTest.get(failure) ?? []), run]);
const failedRuns = results.filter((result) => result.failures.length > 0).length;
console.log(
	`\nsummary: ${runs} runs, ${failedRuns} with failures; wall times (s): ${times.join(', ')}`,
);
for (const [failure, inRuns] of byTest)
	console.log(`  ${failure}: failed in run ${inRuns.join(', ')}`);
process.exit(failedRuns > 0 ? 1 : 0);
