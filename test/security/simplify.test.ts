/**
 * Finding 12 (Get Many): Simplify turns a timestamp into createdAt; a timestamp no Date can
 * hold (1e300, a string such as "NaN") must give createdAt null, not fail the item.
 */
import type { IDataObject } from 'n8n-workflow';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { headlineNotification, runVelt } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const canned = cannedVeltForFile();

const getMany = {
	resource: 'notification',
	operation: 'getAll',
	organizationId: 'acme',
	documentId: 'd1',
	returnAll: true,
	simplify: true,
};

test('finding 12: Get Many with Simplify returns a notification stamped 1e300 with createdAt null', async () => {
	emulator.store.insertNotification(headlineNotification('acme', 'd1', 'bogus', 'Far future'), {
		timestamp: 1e300,
	});
	emulator.store.insertNotification(headlineNotification('acme', 'd1', 'real', 'Now'), {
		timestamp: 1_722_409_500_000,
	});
	const run = await runVelt(emulator, { parameters: getMany });
	expect(run.status).toBe('success');
	expect(run.json.map(({ id, timestamp, createdAt }) => ({ id, timestamp, createdAt }))).toEqual([
		{ id: 'bogus', timestamp: 1e300, createdAt: null },
		{ id: 'real', timestamp: 1_722_409_500_000, createdAt: '2024-07-31T07:05:00.000Z' },
	]);
});

test('finding 12: Get Many with Simplify keeps going past timestamps that are no time (-1e300, 8.64e15 + 1, "NaN", "Infinity")', async () => {
	const notifications: IDataObject[] = [
		{ id: 'negative', timestamp: -1e300 },
		{ id: 'just-beyond', timestamp: 8.64e15 + 1 },
		{ id: 'edge', timestamp: 8.64e15 },
		{ id: 'nan', timestamp: 'NaN' },
		{ id: 'infinity', timestamp: 'Infinity' },
	];
	canned.answer = {
		status: 200,
		body: { result: { status: 'success', message: 'ok', data: notifications } },
	};
	const run = await runVelt(canned, { parameters: getMany });
	expect(run.status).toBe('success');
	expect(run.json.map(({ id, timestamp, createdAt }) => ({ id, timestamp, createdAt }))).toEqual([
		{ id: 'negative', timestamp: -1e300, createdAt: null },
		{ id: 'just-beyond', timestamp: 8.64e15 + 1, createdAt: null },
		{ id: 'edge', timestamp: 8.64e15, createdAt: '+275760-09-13T00:00:00.000Z' },
		{ id: 'nan', timestamp: null, createdAt: null },
		{ id: 'infinity', timestamp: null, createdAt: null },
	]);
});
