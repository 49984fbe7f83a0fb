#!/usr/bin/env node
// Lints the package with the rule sets n8n's community-package scanner applies:
// the sources (package.json, nodes/, credentials/) and the packed tarball
// (compiled .js and the published package.json), as two separate legs.
// Exits non-zero on any error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function scannerConfig() {
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
		{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
	);
}

async function lintLeg(label, cwd, patterns) {
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scannerConfig(),
		errorOnUnmatchedPattern: false,
	});
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const formatter = await eslint.loadFormatter('stylish');
	const text = await formatter.format(results.filter((r) => r.errorCount + r.warningCount > 0));
	if (text.trim()) process.stdout.write(text + '\n');
	console.log(`lint ${label}: ${results.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

function packIntoTempDir() {
	if (!fs.existsSync(path.join(root, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before linting');
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-lint-'));
	const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	const tarball = path.join(dir, pack.stdout.trim().split('\n').pop());
	const unpacked = path.join(dir, 'package');
	fs.mkdirSync(unpacked);
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	return { dir, unpacked };
}

let errors = await lintLeg('sources', root, ['package.json', 'nodes/**/*.{js,ts,json}', 'credentials/**/*.{js,ts,json}']);
const { dir, unpacked } = packIntoTempDir();
try {
	errors += await lintLeg('packed dist', unpacked, ['**/*.js', 'package.json']);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(errors > 0 ? 1 : 0);
