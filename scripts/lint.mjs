#!/usr/bin/env node
// `npm run lint`: what n8n checks before it verifies a community package, then the project's own
// rules. Every step runs; exits 1 if any failed. The tarball step needs dist/ (npm run build).
//  1. `n8n-node cloud-support` must say eligible (strict mode, eslint.config.mjs = n8n's template).
//  2. n8n's config (eslint.config.mjs) over what n8n lints: nodes/, credentials/, package.json.
//  3. The project's config (eslint.project.config.mjs) over the repository: tests, bench, regexp.
//  4. @n8n/scan-community-package's own code, offline: its source check (the attested GitHub
//     source, here the working tree) and its tarball check (the packed package).
//  5. Every docs.velt.dev link resolves (scripts/docsLinks.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { checkLinks } from './docsLinks.mjs';
import { REPO_ROOT } from './n8n/runtime.mjs';

const failed = [];
async function step(name, run) {
	try {
		const { ok, summary, details } = await run();
		if (details?.trim()) console.log(details);
		console.log(`${ok ? 'ok' : 'FAILED'}  ${name}: ${summary}`);
		if (!ok) failed.push(name);
	} catch (error) {
		console.log(`FAILED  ${name}: ${error.message}`);
		failed.push(name);
	}
}

const count = (results) => ({
	files: results.length,
	errors: results.reduce((sum, r) => sum + r.errorCount, 0),
	warnings: results.reduce((sum, r) => sum + r.warningCount, 0),
});

async function eslintStep(options, patterns) {
	const eslint = new ESLint({ cwd: REPO_ROOT, ...options });
	const results = await eslint.lintFiles(patterns);
	const { files, errors, warnings } = count(results);
	return {
		ok: errors === 0,
		summary: `${files} files, ${errors} errors, ${warnings} warnings`,
		details: await (await eslint.loadFormatter('stylish')).format(results),
	};
}

// The scanner makes its temporary folder when imported and never removes it: give it one of ours.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-lint-'));
process.env.TMPDIR = scratch;
const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs').catch((error) => {
	fs.rmSync(scratch, { recursive: true, force: true });
	console.error(`@n8n/scan-community-package is not installed (run npm ci): ${error.message}`);
	process.exit(1);
});
const scannerVersion = JSON.parse(
	fs.readFileSync(
		path.join(REPO_ROOT, 'node_modules/@n8n/scan-community-package/package.json'),
		'utf8',
	),
).version;

/**
 * Runs the scanner's analyzePackage as n8n does; the counts come from the ESLint results it
 * produces (the scanner and this script share one `eslint`), since it only reports pass or fail.
 */
async function scan(dir, patterns) {
	const seen = [];
	const lintFiles = ESLint.prototype.lintFiles;
	ESLint.prototype.lintFiles = async function (...args) {
		const results = await lintFiles.apply(this, args);
		seen.push(...results);
		return results;
	};
	try {
		const result = await scanner.analyzePackage(dir, patterns);
		const { files, errors, warnings } = count(seen);
		return {
			ok: result.passed === true && seen.length > 0,
			summary: `${files} files, ${errors} errors, ${warnings} warnings${result.message ? ` (${result.message})` : ''}`,
			details: result.details,
		};
	} finally {
		ESLint.prototype.lintFiles = lintFiles;
	}
}

try {
	await step('n8n cloud-support', () => {
		const bin = path.join(REPO_ROOT, 'node_modules/.bin/n8n-node');
		const run = spawnSync(bin, ['cloud-support'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, NO_COLOR: '1' },
		});
		const status = /Status: (.*)/.exec(run.stdout)?.[1]?.trim() ?? run.stderr.trim();
		return { ok: status.startsWith('eligible'), summary: status };
	});
	await step(
		"n8n's ESLint config (eslint.config.mjs) over nodes/, credentials/, package.json",
		() => eslintStep({}, ['nodes', 'credentials', 'package.json']),
	);
	await step('project ESLint config (eslint.project.config.mjs) over the repository', () =>
		eslintStep({ overrideConfigFile: 'eslint.project.config.mjs' }, ['.']),
	);
	await step(`scan-community-package ${scannerVersion} source check`, () =>
		scan(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS),
	);
	await step(`scan-community-package ${scannerVersion} tarball check`, () => {
		if (!fs.existsSync(path.join(REPO_ROOT, 'dist')))
			return { ok: false, summary: 'dist/ is missing: run `npm run build` first' };
		const o = { cwd: REPO_ROOT, encoding: 'utf8' };
		const pack = spawnSync(
			'npm',
			['pack', '--silent', '--ignore-scripts', '--pack-destination', scratch],
			o,
		);
		if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
		const tarball = path.join(scratch, pack.stdout.trim().split('\n').pop());
		const dir = path.join(scratch, 'package');
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', scratch], o);
		if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
		// The scanner's own tarball patterns (analyzePackageByName): compiled .js and package.json.
		return scan(dir, ['**/*.js', 'package.json']);
	});
	await step('Velt docs links', () => {
		const { links, pages, broken, against } = checkLinks({ root: REPO_ROOT });
		return {
			ok: broken.length === 0,
			summary: `${links.length} links to ${pages} pages, ${broken.length} broken (against ${against})`,
			details: broken.map((b) => `${b.file}:${b.line}: ${b.url}: ${b.why}`).join('\n'),
		};
	});
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
if (failed.length) console.log(`lint failed: ${failed.join('; ')}`);
process.exitCode = failed.length ? 1 : 0;
