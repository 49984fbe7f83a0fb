/** nodes/shared/execution/options.ts: the Options collection as the run uses it. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readLimitOptions } from '../../nodes/shared/execution/options.descriptions';
import {
	READ_LIMIT_OPTION_NAMES,
	readConcurrencySettings,
	readExecutionOptions,
} from '../../nodes/shared/execution/options';
import { DEFAULT_READ_LIMITS, DEFAULT_REQUEST_POLICY } from '../../nodes/shared/transport';

const withOptions = (options: IDataObject) =>
	({ getNodeParameter: () => options }) as unknown as IExecuteFunctions;

test('the read limits are named and defaulted as the panel shows them', () => {
	const shown = Object.fromEntries(
		readLimitOptions.map((option) => [option.displayName, option.default]),
	);
	expect(shown).toEqual({
		[READ_LIMIT_OPTION_NAMES.maxItems]: DEFAULT_READ_LIMITS.maxItems,
		[READ_LIMIT_OPTION_NAMES.maxPages]: DEFAULT_READ_LIMITS.maxPages,
		[READ_LIMIT_OPTION_NAMES.maxMs]: DEFAULT_READ_LIMITS.maxMs,
	});
});

test('unset or unusable options keep the defaults; given ones are whole numbers', () => {
	const defaults = readExecutionOptions.call(withOptions({ batchSize: 0, timeout: 'x' }));
	expect(defaults.batchSize).toBe(50);
	expect(defaults.policy).toEqual(expect.objectContaining({ ...DEFAULT_REQUEST_POLICY }));
	expect(defaults.readLimits).toEqual({
		...DEFAULT_READ_LIMITS,
		optionNames: READ_LIMIT_OPTION_NAMES,
	});
	const given = readExecutionOptions.call(
		withOptions({ batchSize: 7.9, maxRetries: 0, retryDelay: 10, maxPagesPerRead: 3 }),
	);
	expect([given.batchSize, given.policy.maxRetries, given.policy.retryDelayMs]).toEqual([7, 0, 10]);
	expect(given.readLimits.maxPages).toBe(3);
	expect(given.policy.controller).toBe(given.concurrency);
});

test('Concurrency 0 is Auto up to Max Concurrency; any other number is fixed', () => {
	expect(readConcurrencySettings({})).toEqual({ mode: 'auto', limit: 64, ceiling: 128 });
	expect(readConcurrencySettings({ concurrency: 0, maxConcurrency: 4 })).toEqual({
		mode: 'auto',
		limit: 4,
		ceiling: 4,
	});
	expect(readConcurrencySettings({ concurrency: 3 })).toEqual({
		mode: 'fixed',
		limit: 3,
		ceiling: 3,
	});
});
