/**
 * Notification > Add, run by n8n-core's engine against the emulator (the documented examples are
 * in docsExamples.test.ts): every field, the Notify Users modes, and the notificationId the node generates.
 */
import { ENDPOINTS, expectedGeneratedId, pairedItems, runVelt, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';

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
const SENT_REQUIRED = {
	documentId: 'deal-1',
	actionUser: { userId: 'bo' },
	displayBodyMessage: 'Details inside',
};

describe('fields', () => {
	test('every additional field lands in the body in its documented shape', async () => {
		const run = await runVelt(emulator, {
			parameters: {
				...add,
				organizationId: 'acme',
				documentId: 'deal-4711',
				displayHeadlineMessageTemplate: '{actionUser} closed {dealName}',
				notifyUsers: { users: [{ userId: 'u1', name: 'Ana', email: 'ana@example.com' }] },
				actionUser: {
					user: {
						userId: 'u9',
						name: 'Bo',
						email: 'bo@example.com',
						photoUrl: 'https://example.com/bo.png',
					},
				},
				displayBodyMessage: 'Congratulations',
				additionalFields: {
					createOrganization: true,
					createDocument: true,
					isCrossOrganizationEnabled: false,
					verifyUserPermissions: false,
					notificationId: 'deal_4711-closed',
					notificationSource: 'crdt',
					notificationSourceData: '{"dealId": 4711, "stage": "won"}',
					location: '{"id": "pricing", "locationName": "Pricing"}',
					metadata: '{"team": "sales"}',
					displayBodyMessageTemplate: 'Worth {amount}',
					displayBodyMessageTemplateData: '{"amount": "5000 EUR"}',
					context: '{"access": {"dashboardId": "sales"}}',
					displayHeadlineMessageTemplateData: { values: [{ key: 'dealName', value: 'Big Deal' }] },
				},
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)).toEqual([
			{
				organizationId: 'acme',
				documentId: 'deal-4711',
				actionUser: {
					userId: 'u9',
					name: 'Bo',
					email: 'bo@example.com',
					photoUrl: 'https://example.com/bo.png',
				},
				createOrganization: true,
				createDocument: true,
				isCrossOrganizationEnabled: false,
				verifyUserPermissions: false,
				notificationId: 'deal_4711-closed',
				displayHeadlineMessageTemplate: '{actionUser} closed {dealName}',
				displayHeadlineMessageTemplateData: { dealName: 'Big Deal' },
				displayBodyMessage: 'Congratulations',
				displayBodyMessageTemplate: 'Worth {amount}',
				displayBodyMessageTemplateData: { amount: '5000 EUR' },
				notifyUsers: [{ userId: 'u1', name: 'Ana', email: 'ana@example.com' }],
				notifyAll: false,
				notificationSource: 'crdt',
				notificationSourceData: { dealId: 4711, stage: 'won' },
				location: { id: 'pricing', locationName: 'Pricing' },
				metadata: { team: 'sales' },
				context: { access: { dashboardId: 'sales' } },
			},
		]);
		expect(emulator.store.getNotification('acme', 'deal_4711-closed')?.locationId).toBe('pricing');
	});

	test('Notify Users "Using JSON" takes user objects and bare ids mapped from the item', async () => {
		const run = await runVelt(emulator, {
			items: [
				{ org: 'acme', recipients: [{ userId: 'u1', name: 'Ana', accessRole: 'editor' }, 'u2', 3] },
			],
			parameters: {
				...add,
				...REQUIRED,
				organizationId: '={{ $json.org }}',
				displayHeadlineMessageTemplate: 'Hello',
				notifyUsersInputMode: 'json',
				notifyUsers: '={{ $json.recipients }}',
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)[0].notifyUsers).toEqual([
			{ userId: 'u1', name: 'Ana', accessRole: 'editor' },
			{ userId: 'u2' },
			{ userId: '3' },
		]);
	});

	test('Notify Users "Using JSON" as JSON text', async () => {
		const run = await runVelt(emulator, {
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Hello',
				notifyUsersInputMode: 'json',
				notifyUsers: '[{"userId": "u1", "email": "ana@example.com"}]',
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)[0].notifyUsers).toEqual([{ userId: 'u1', email: 'ana@example.com' }]);
	});

	test('Notify Everyone on and no users: notifyAll true and an empty notifyUsers (required by the docs) are sent', async () => {
		const run = await runVelt(emulator, {
			executionId: 'exec-all',
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Maintenance tonight',
				notifyAll: true,
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)).toEqual([
			{
				organizationId: 'acme',
				...SENT_REQUIRED,
				notificationId: expectedGeneratedId('exec-all', 0),
				displayHeadlineMessageTemplate: 'Maintenance tonight',
				notifyUsers: [],
				notifyAll: true,
			},
		]);
		expect(run.json).toEqual([
			{
				success: true,
				notificationId: expectedGeneratedId('exec-all', 0),
				organizationId: 'acme',
				documentId: 'deal-1',
				message: 'Notification added successfully.',
			},
		]);
	});

	test('notifyAll: false is always sent explicitly, since Velt would otherwise notify the whole organization', async () => {
		await runVelt(emulator, {
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: 'Hi',
				notifyUsers: { users: [{ userId: 'u1' }] },
			},
		});
		expect(sentData(emulator)[0]).toHaveProperty('notifyAll', false);
		const stored = emulator.store.listNotifications({ organizationId: 'acme' });
		expect(stored.map((notification) => notification.notifyAll)).toEqual([false]);
	});

	test('one request and one output item per input item, in input order, each paired with its item', async () => {
		const run = await runVelt(emulator, {
			executionId: 'exec-many',
			items: [
				{ user: 'u1', deal: 'A' },
				{ user: 'u2', deal: 'B' },
				{ user: 'u3', deal: 'C' },
			],
			parameters: {
				...addInAcme,
				documentId: '={{ "deal-" + $json.deal }}',
				displayHeadlineMessageTemplate: '={{ "Deal " + $json.deal + " closed" }}',
				notifyUsers: { users: [{ userId: '={{ $json.user }}' }] },
			},
		});
		expect(run.status).toBe('success');
		const ids = [0, 1, 2].map((itemIndex) => expectedGeneratedId('exec-many', itemIndex));
		const received = sentData(emulator).sort((a, b) =>
			String(a.documentId).localeCompare(String(b.documentId)),
		);
		expect(received).toEqual(
			['A', 'B', 'C'].map((deal, index) => ({
				organizationId: 'acme',
				documentId: `deal-${deal}`,
				actionUser: { userId: 'bo' },
				displayBodyMessage: 'Details inside',
				notificationId: ids[index],
				displayHeadlineMessageTemplate: `Deal ${deal} closed`,
				notifyUsers: [{ userId: `u${index + 1}` }],
				notifyAll: false,
			})),
		);
		expect(run.json).toEqual(
			['A', 'B', 'C'].map((deal, index) => ({
				success: true,
				notificationId: ids[index],
				organizationId: 'acme',
				documentId: `deal-${deal}`,
				message: 'Notification added successfully.',
			})),
		);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.store.countNotifications('acme')).toBe(3);
	});

	test('Concurrency 1 sends the items one after another, in order', async () => {
		const run = await runVelt(emulator, {
			items: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }],
			parameters: {
				...addInAcme,
				displayHeadlineMessageTemplate: '={{ "n" + $json.n }}',
				notifyUsers: { users: [{ userId: 'u1' }] },
				options: { concurrency: 1 },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator).map((data) => data.displayHeadlineMessageTemplate)).toEqual([
			'n1',
			'n2',
			'n3',
			'n4',
		]);
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
