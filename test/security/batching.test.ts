/**
 * Finding 11 (batching): ids that are also names on Object.prototype are valid Velt ids
 * (^[A-Za-z0-9_-]+$), so Update and Delete must map Velt's per-id answer for them like any other.
 */
import type { IDataObject } from 'n8n-workflow';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { runVelt, seedNotifications } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const canned = cannedVeltForFile();

const PROTOTYPE_IDS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];

function seed(ids: string[]): void {
	seedNotifications(
		emulator,
		ids.map((notificationId) => ({
			organizationId: 'acme',
			documentId: 'd1',
			notificationId,
			notifyUsers: [{ userId: 'u1' }],
			notifyAll: false,
			displayHeadlineMessageTemplate: 'Old',
		})),
	);
}

test('finding 11: Update of ids "constructor" and "toString" succeeds for those ids', async () => {
	seed(PROTOTYPE_IDS);
	const run = await runVelt(emulator, {
		items: PROTOTYPE_IDS.map((id) => ({ id })),
		parameters: {
			resource: 'notification',
			operation: 'update',
			organizationId: 'acme',
			documentId: 'd1',
			id: '={{ $json.id }}',
			updateFields: { displayBodyMessage: 'New' },
		},
	});
	expect(run.status).toBe('success');
	expect(run.json).toEqual(
		PROTOTYPE_IDS.map((id) => ({ id, success: true, message: 'Notification updated.' })),
	);
});

test('finding 11: Delete of ids "constructor" and "toString" succeeds for those ids', async () => {
	seed([...PROTOTYPE_IDS, 'other']);
	const run = await runVelt(emulator, {
		parameters: {
			resource: 'notification',
			operation: 'delete',
			organizationId: 'acme',
			documentId: 'd1',
			notificationIds: PROTOTYPE_IDS.join(','),
		},
	});
	expect(run.status).toBe('success');
	expect(run.json).toEqual([
		{ deleted: true, deletedIds: PROTOTYPE_IDS, deletedCount: PROTOTYPE_IDS.length },
	]);
});

test('finding 11: an id Velt did not answer for is "not reported", even when it is "constructor" or "toString"', async () => {
	canned.answer = {
		status: 200,
		body: { result: { status: 'success', message: 'ok', data: {} as IDataObject } },
	};
	const run = await runVelt(canned, {
		parameters: {
			resource: 'notification',
			operation: 'delete',
			organizationId: 'acme',
			documentId: 'd1',
			notificationIds: 'constructor,toString',
			options: {},
		},
		continueOnFail: true,
	});
	expect(run.json).toHaveLength(1);
	expect(JSON.stringify(run.json[0])).toContain('constructor (not reported by Velt)');
	expect(JSON.stringify(run.json[0])).toContain('toString (not reported by Velt)');
});

test('finding 11: a "__proto__" id Velt answered for is mapped like any other', async () => {
	canned.answer = {
		status: 200,
		body: JSON.parse(
			'{"result":{"status":"success","message":"ok","data":{"__proto__":{"success":true,"message":"Notification deleted."},"constructor":{"success":true,"message":"Notification deleted."}}}}',
		) as IDataObject,
	};
	const run = await runVelt(canned, {
		parameters: {
			resource: 'notification',
			operation: 'delete',
			organizationId: 'acme',
			documentId: 'd1',
			notificationIds: '__proto__,constructor',
		},
	});
	expect(run.status).toBe('success');
	expect(run.json).toEqual([
		{ deleted: true, deletedIds: ['__proto__', 'constructor'], deletedCount: 2 },
	]);
});
