// The project's own lint, the second ESLint step of `npm run lint` (scripts/lint.mjs), over the
// whole repository: n8n's configuration plus the rules below. eslint.config.mjs stays n8n's
// template byte for byte (strict mode, `n8n-node cloud-support`), and scripts/lint.mjs runs it over
// what n8n lints: nodes/, credentials/ and package.json. Tests and bench are linted here only.
import { config } from '@n8n/node-cli/eslint';
import { defineConfig, globalIgnores } from 'eslint/config';
import regexpPlugin from 'eslint-plugin-regexp';

/**
 * Rules that guard code running inside n8n (Cloud): no Node built-ins, no process/timer globals,
 * no child processes, errors wrapped in NodeApiError. The tests, the Velt emulator and the
 * benchmark run in plain Node on a developer machine or in CI, never inside n8n: they must start
 * servers, read files and use timers, and the emulator answers like Velt, not like an n8n node.
 */
const NODE_RUNTIME_ONLY = {
	'@n8n/community-nodes/no-restricted-globals': 'off',
	'@n8n/community-nodes/no-restricted-imports': 'off',
	'@n8n/community-nodes/no-dangerous-functions': 'off',
	'@n8n/community-nodes/require-node-api-error': 'off',
};

export default defineConfig(
	config,
	globalIgnores(['build', 'coverage']),
	{
		// Code inside n8n runs regular expressions over untrusted text (webhook headers, Velt's
		// answers, a model's arguments): every one must stay linear. The recommended set, with the
		// two super-linear rules as errors (no-super-linear-move is not in the recommended set).
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		plugins: { regexp: regexpPlugin },
		rules: {
			...regexpPlugin.configs['flat/recommended'].rules,
			'regexp/no-super-linear-backtracking': 'error',
			'regexp/no-super-linear-move': 'error',
		},
	},
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			...NODE_RUNTIME_ONLY,
			// destructuring a field away to compare the rest is the point of `{ a: _a, ...rest }`
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		// Examples copied verbatim from Velt's docs pages: their apiKey, secret and token values
		// are the docs' published placeholders, not secrets.
		files: ['test/fixtures/**/*.ts'],
		rules: { '@n8n/community-nodes/no-hardcoded-secrets': 'off' },
	},
	{
		// The benchmark is a command-line tool whose output is the figures it prints.
		files: ['bench/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
);
