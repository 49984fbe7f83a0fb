/**
 * Notification > Update: the documented example requests, every field, items combined into
 * few requests, and Velt's per-id answers mapped back to the items (failed ids included). The
 * cases are in test/fixtures/requestCases/update.json.
 */
import { useEmulator } from '../helpers/useEmulator';
import { requestCases, runCase } from './requestCases';

const emulator = useEmulator();

const run = (group: string) =>
	test.each(requestCases('update', group))('%s', async (_name, check) => {
		await runCase(emulator, check);
	});

describe('documented example requests', () => run('documented'));
run('file');
describe('batching', () => run('batching'));
describe('per-id failures', () => run('perId'));
