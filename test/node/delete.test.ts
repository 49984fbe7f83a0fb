/**
 * Notification > Delete: by ids (combined over items, in batches) and by filters, with Velt's
 * per-id answers mapped back to the items. The cases are in
 * test/fixtures/requestCases/delete.json.
 */
import { useEmulator } from '../helpers/useEmulator';
import { requestCases, runCase } from './requestCases';

const emulator = useEmulator();

test.each(requestCases('delete', 'file'))('%s', async (_name, check) => {
	await runCase(emulator, check);
});
