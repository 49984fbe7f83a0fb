// `npm run test:live`: the round trip against a real Velt (or, inside `npm test`, the emulator).
// Its own config so a plain `jest` never runs it: it needs a Velt app's key and token.
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/live'],
	testMatch: ['**/*.live.ts'],
	globalSetup: '<rootDir>/test/live/requireSettings.ts',
	// One Velt app, one notification: the steps run in order.
	maxWorkers: 1,
};
