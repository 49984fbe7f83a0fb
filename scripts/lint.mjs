#!/usr/bin/env node
// The second half of `npm run lint` (after `n8n-node lint` over the sources): the packed tarball
// as n8n's community-package scanner sees it, i.e. the compiled .js and the published
// package.json under the scanner's rule sets. Needs dist/ (npm run build). Exits 1 on any error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { REPO_ROOT } from './n8n/runtime.mjs';

const scannerConfig = [
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' }, plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: n8nNodesBase.configs.community.rules },
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
];

if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first');
	process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-lint-'));
try {
	const o = { cwd: REPO_ROOT, encoding: 'utf8' };
	const pack = spawnSync(
		'npm',
		['pack', '--silent', '--ignore-scripts', '--pack-destination', dir],
		o,
	);
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	const tarball = path.join(dir, pack.stdout.trim().split('\n').pop());
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', dir], o);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const cwd = path.join(dir, 'package');
	const eslint = new ESLint({
		cwd,
		overrideConfigFile: true,
		overrideConfig: scannerConfig,
		allowInlineConfig: false,
	});
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const text = await (await eslint.loadFormatter('stylish')).format(results);
	if (text.trim()) console.log(text);
	console.log(
		`lint packed tarball: ${results.length} files, ${errors} errors, ${warnings} warnings`,
	);
	process.exitCode = errors > 0 ? 1 : 0;
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
