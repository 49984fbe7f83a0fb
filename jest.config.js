/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	setupFiles: [
		'<rootDir>/test/setup/env.ts',
		'<rootDir>/test/setup/instanceSettings.ts',
		'<rootDir>/test/setup/fastCheck.ts',
	],
	testTimeout: 60000,
};
