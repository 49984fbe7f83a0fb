/**
 * Notification > Add, run by n8n-core's engine against the emulator (the documented examples are
 * in docsExamples.test.ts): every field, the Notify Users modes (cases in
 * test/fixtures/requestCases/add.json), and the notificationId the node generates.
 */
import { ENDPOINTS, expectedGeneratedId, runVelt, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';
import { requestCases, runCase } from './requestCases';

const emulator = useEmulator();

const GENERATED_ID = /^n8n-[0-9a-f]{24}$/;
const add = { resource: 'notification', operation: 'add' };
/** What Velt requires on every Add beyond organization, headline and recipients. */
const REQUIRED = {
	documentId: 'deal-1',
	actionUser: { user: { userId: 'bo' } },
	displayBodyMessage: 'Details inside',
};
/** Add in organization acme with what Velt requires (the headline and recipients per test). */
const addInAcme = { ...add, ...REQUIRED, organizationId: 'acme' };

describe('fields', () => {
	test.each(requestCases('add', 'fields'))('%s', async (_name, check) => {
		await runCase(emulator, check);
	});
});

describe('the generated notificationId', () => {
	test('derives from execution, node, run and item: one per item, new for each execution, stored by Velt under that id', async () => {
		const first = await runVelt(emulator, {
			executionId: 'exec-A',
			items: [{}, {}],
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Hi',
				notifyUsers: { users: [{ userId: 'u1' }] },
			},
		});
		const second = await runVelt(emulator, {
			executionId: 'exec-B',
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Hi',
				notifyUsers: { users: [{ userId: 'u1' }] },
			},
		});
		const ids = [...first.json, ...second.json].map((json) => json.notificationId as string);
		expect(ids).toEqual([
			expectedGeneratedId('exec-A', 0),
			expectedGeneratedId('exec-A', 1),
			expectedGeneratedId('exec-B', 0),
		]);
		for (const id of ids) expect(id).toMatch(GENERATED_ID);
		expect(new Set(ids).size).toBe(3);
		expect(new Set(sentData(emulator).map((data) => data.notificationId))).toEqual(new Set(ids));
		expect(
			emulator.store
				.listNotifications({ organizationId: 'acme' })
				.map((notification) => notification.id)
				.sort(),
		).toEqual([...ids].sort());
	});

	test('a retried request (the answer was lost after Velt stored it) re-sends the same id, so no duplicate is created', async () => {
		emulator.failNext('drop', 1, ENDPOINTS.addNotification);
		const run = await runVelt(emulator, {
			executionId: 'exec-drop',
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Hi',
				notifyUsers: { users: [{ userId: 'u1' }] },
				options: { retryDelay: 1 },
			},
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => request.fault)).toEqual(['drop', undefined]);
		const ids = sentData(emulator).map((data) => data.notificationId);
		expect(ids).toEqual([expectedGeneratedId('exec-drop', 0), expectedGeneratedId('exec-drop', 0)]);
		expect(emulator.store.countNotifications('acme')).toBe(1);
		expect(run.json).toEqual([
			{
				success: true,
				notificationId: ids[0],
				organizationId: 'acme',
				documentId: 'deal-1',
				message: 'Notification added successfully.',
			},
		]);
	});

	test("n8n's own Retry On Fail re-runs the node with the same id, so no duplicate is created", async () => {
		emulator.failNext('drop', 1, ENDPOINTS.addNotification);
		const run = await runVelt(emulator, {
			executionId: 'exec-n8n-retry',
			retryOnFail: { maxTries: 2, waitBetweenTries: 1 },
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Hi',
				notifyUsers: { users: [{ userId: 'u1' }] },
				options: { maxRetries: 0 },
			},
		});
		expect(run.status).toBe('success');
		expect(emulator.requests).toHaveLength(2);
		expect(sentData(emulator).map((data) => data.notificationId)).toEqual([
			expectedGeneratedId('exec-n8n-retry', 0),
			expectedGeneratedId('exec-n8n-retry', 0),
		]);
		expect(emulator.store.countNotifications('acme')).toBe(1);
	});

	test('a given Notification ID is sent as is and replaces the earlier notification with that id', async () => {
		for (const headline of ['First', 'Second']) {
			const run = await runVelt(emulator, {
				parameters: {
					...addInAcme,
					displayHeadlineMessageTemplate: headline,
					notifyUsers: { users: [{ userId: 'u1' }] },
					additionalFields: { notificationId: 'my-id_1' },
				},
			});
			expect(run.json[0].notificationId).toBe('my-id_1');
		}
		expect(sentData(emulator).map((data) => data.notificationId)).toEqual(['my-id_1', 'my-id_1']);
		const stored = emulator.store.listNotifications({ organizationId: 'acme' });
		expect(
			stored.map((notification) => [
				notification.id,
				notification.data.displayHeadlineMessageTemplate,
			]),
		).toEqual([['my-id_1', 'Second']]);
	});
});

describe('Content From Notification Resolver (only source "custom" is resolved: https://docs.velt.dev/self-host-data/notifications)', () => {
	const resolverAdd = {
		...add,
		organizationId: 'acme',
		documentId: 'deal-1',
		actionUser: { user: { userId: 'bo' } },
		displayHeadlineMessageTemplate: '',
		displayBodyMessage: '',
		notifyUsers: { users: [{ userId: 'u1' }] },
	};

	test('on, no source picked: source "custom" is sent, and no headline or body is needed', async () => {
		const run = await runVelt(emulator, {
			parameters: {
				...resolverAdd,
				additionalFields: { isNotificationResolverUsed: true, notificationId: 'resolved-1' },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)).toEqual([
			{
				organizationId: 'acme',
				documentId: 'deal-1',
				actionUser: { userId: 'bo' },
				isNotificationResolverUsed: true,
				notificationId: 'resolved-1',
				notifyUsers: [{ userId: 'u1' }],
				notifyAll: false,
				notificationSource: 'custom',
			},
		]);
		expect(emulator.store.getNotification('acme', 'resolved-1')?.data.notificationSource).toBe(
			'custom',
		);
	});

	test('on, another source picked explicitly: that source is sent as chosen', async () => {
		const run = await runVelt(emulator, {
			parameters: {
				...resolverAdd,
				additionalFields: { isNotificationResolverUsed: true, notificationSource: 'comment' },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)[0]).toMatchObject({
			isNotificationResolverUsed: true,
			notificationSource: 'comment',
		});
	});

	test('off: no source is sent unless one is picked', async () => {
		const run = await runVelt(emulator, {
			parameters: {
				...resolverAdd,
				displayHeadlineMessageTemplate: 'Hi',
				displayBodyMessage: 'Body',
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)[0]).not.toHaveProperty('notificationSource');
		expect(sentData(emulator)[0]).not.toHaveProperty('isNotificationResolverUsed');
	});
});
