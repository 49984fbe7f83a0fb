/**
 * Request validation from the docs pages: required fields → INVALID_ARGUMENT, auth errors,
 * the resolver rule, extensible notification settings, duplicate adds.
 */
import { VELT_DOCS_EXAMPLES } from '../fixtures/veltDocsExamples';
import { call, post, shapeProblems } from './apiClient';
import { startVeltEmulator, type VeltEmulator } from './server';
import { API_KEY_HEADER, AUTH_TOKEN_HEADER, ENDPOINTS } from './veltDocs';

const requestOf = (endpoint: string, index = 0): Record<string, unknown> =>
	structuredClone(
		(
			VELT_DOCS_EXAMPLES.filter((e) => e.endpoint === endpoint && e.kind === 'request')[index]
				.body as { data: Record<string, unknown> }
		).data,
	);

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function expectInvalid(endpoint: string, data: unknown, mentioning: string): Promise<void> {
	const answer = await call(emulator, endpoint, data);
	expect(answer.status).toBe(400);
	expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
	expect(answer.body.error.message).toContain(mentioning);
}

describe('required fields missing → INVALID_ARGUMENT', () => {
	const add = requestOf(ENDPOINTS.addNotification);
	test.each([
		'organizationId',
		'documentId',
		'actionUser',
		'notifyUsers',
		'displayHeadlineMessageTemplate',
		'displayBodyMessage',
	])('add without %s', async (field) => {
		const { [field]: _gone, ...rest } = add;
		await expectInvalid(ENDPOINTS.addNotification, rest, field);
		expect(emulator.store.countNotifications()).toBe(0);
	});

	test('add: headline and body may be left out only with isNotificationResolverUsed', async () => {
		const { displayHeadlineMessageTemplate: _h, displayBodyMessage: _b, ...rest } = add;
		await expectInvalid(
			ENDPOINTS.addNotification,
			{ ...rest, notificationSource: 'custom' },
			'displayHeadlineMessageTemplate',
		);
		const ok = await call(emulator, ENDPOINTS.addNotification, {
			...rest,
			isNotificationResolverUsed: true,
			notificationSource: 'custom',
		});
		expect(ok.status).toBe(200);
	});

	test('add: actionUser without userId, a notifyUsers entry without userId, a bad notificationId', async () => {
		await expectInvalid(
			ENDPOINTS.addNotification,
			{ ...add, actionUser: { name: 'x' } },
			'actionUser.userId',
		);
		await expectInvalid(
			ENDPOINTS.addNotification,
			{ ...add, notifyUsers: [{ email: 'a@b.c' }] },
			'notifyUsers[0].userId',
		);
		await expectInvalid(
			ENDPOINTS.addNotification,
			{ ...add, notificationId: 'has space' },
			'notificationId',
		);
		await expectInvalid(
			ENDPOINTS.addNotification,
			{ ...add, context: { other: 1 } },
			'context.access',
		);
	});

	test('add: notifyUsers [] is accepted with notifyAll (choices.ts)', async () => {
		const answer = await call(emulator, ENDPOINTS.addNotification, {
			...add,
			notifyUsers: [],
			notifyAll: true,
		});
		expect(answer.status).toBe(200);
	});

	test.each([
		[ENDPOINTS.getNotifications, { documentId: 'd' }, 'organizationId'],
		[ENDPOINTS.getNotifications, { organizationId: 'o' }, 'documentId or userId'],
		[
			ENDPOINTS.getNotifications,
			{
				organizationId: 'o',
				documentId: 'd',
				notificationIds: Array.from({ length: 31 }, (_, i) => `n${i}`),
			},
			'at most 30',
		],
		[
			ENDPOINTS.getNotifications,
			{ organizationId: 'o', documentId: 'd', order: 'newest' },
			'order',
		],
		[ENDPOINTS.getNotifications, { organizationId: 'o', documentId: 'd', pageSize: 0 }, 'pageSize'],
		[ENDPOINTS.updateNotifications, { notifications: [{ id: 'n' }] }, 'organizationId'],
		[
			ENDPOINTS.updateNotifications,
			{ organizationId: 'o', notifications: [{ displayBodyMessage: 'x' }] },
			'notifications[0].id',
		],
		[ENDPOINTS.deleteNotifications, { documentId: 'd' }, 'organizationId'],
		[ENDPOINTS.getNotificationConfig, { userId: 'u', documentIds: ['d'] }, 'organizationId'],
		[ENDPOINTS.getNotificationConfig, { organizationId: 'o', documentIds: ['d'] }, 'userId'],
		[ENDPOINTS.getNotificationConfig, { organizationId: 'o', userId: 'u' }, 'documentIds'],
		[ENDPOINTS.setNotificationConfig, { organizationId: 'o', config: { inbox: 'ALL' } }, 'userIds'],
		[ENDPOINTS.setNotificationConfig, { organizationId: 'o', userIds: ['u'] }, 'config'],
		[ENDPOINTS.getDocuments, {}, 'organizationId'],
		[ENDPOINTS.getUsers, {}, 'organizationId'],
		[
			ENDPOINTS.getOrganizations,
			{ organizationIds: Array.from({ length: 31 }, (_, i) => `o${i}`) },
			'at most 30',
		],
		[ENDPOINTS.createWebhookEndpoint, { description: 'x' }, 'url'],
		[
			ENDPOINTS.createWebhookEndpoint,
			{ url: 'https://example.com/h', filterTypes: [] },
			'filterTypes',
		],
		[
			ENDPOINTS.createWebhookEndpoint,
			{ url: 'https://example.com/h', filterTypes: 'comment.add' },
			'filterTypes',
		],
		[ENDPOINTS.createWebhookEndpoint, { url: 'https://example.com/h', channels: [] }, 'channels'],
		[ENDPOINTS.createWebhookEndpoint, { url: 'https://example.com/h', rateLimit: 0 }, 'rateLimit'],
		[ENDPOINTS.updateWebhookEndpoint, { description: 'x' }, 'endpointId'],
		[ENDPOINTS.updateWebhookEndpoint, { endpointId: 'ep_x' }, 'At least one field'],
		[ENDPOINTS.updateWebhookEndpoint, { endpointId: 'ep_x', filterTypes: [] }, 'filterTypes'],
		[ENDPOINTS.deleteWebhookEndpoint, {}, 'endpointId'],
		[ENDPOINTS.getWebhookEndpointSigning, {}, 'endpointId'],
		[ENDPOINTS.getWebhookEndpoints, { limit: 251 }, 'limit'],
		[ENDPOINTS.updateWebhookConfig, {}, 'At least one'],
	])('%s %j', async (endpoint, data, mentioning) => {
		await expectInvalid(endpoint, data, mentioning);
	});

	test('a body that is not {"data": {...}} is INVALID_ARGUMENT', async () => {
		const answer = await post(emulator, ENDPOINTS.addNotification, '{"organizationId": "o"}');
		expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
	});
});

describe('auth', () => {
	const good = (): Record<string, string> => ({
		[API_KEY_HEADER]: emulator.apiKey,
		[AUTH_TOKEN_HEADER]: emulator.authToken,
	});

	test.each([
		['no api key', { [AUTH_TOKEN_HEADER]: 'test-auth-token' }, 400, 'INVALID_ARGUMENT'],
		['no auth token', { [API_KEY_HEADER]: 'test-api-key' }, 400, 'INVALID_ARGUMENT'],
		[
			'wrong api key',
			{ [API_KEY_HEADER]: 'nope', [AUTH_TOKEN_HEADER]: 'test-auth-token' },
			403,
			'PERMISSION_DENIED',
		],
		[
			'wrong auth token',
			{ [API_KEY_HEADER]: 'test-api-key', [AUTH_TOKEN_HEADER]: 'nope' },
			403,
			'PERMISSION_DENIED',
		],
	])('%s', async (_name, headers, status, code) => {
		const answer = await call(
			emulator,
			ENDPOINTS.addNotification,
			requestOf(ENDPOINTS.addNotification),
			headers,
		);
		expect([answer.status, answer.body.error.status]).toEqual([status, code]);
		expect(emulator.store.countNotifications()).toBe(0);
	});

	test('the documented "Invalid API key." message', async () => {
		const answer = await call(
			emulator,
			ENDPOINTS.getWebhookConfig,
			{},
			{ ...good(), [API_KEY_HEADER]: 'nope' },
		);
		expect(answer.body).toEqual(
			VELT_DOCS_EXAMPLES.find(
				(e) => e.endpoint === ENDPOINTS.getWebhookConfig && e.kind === 'error',
			)?.body,
		);
	});

	test('unknown path 404, GET 405', async () => {
		expect((await call(emulator, '/v2/notifications/nope', {})).status).toBe(404);
		const get = await fetch(`${emulator.url}${ENDPOINTS.addNotification}`, { headers: good() });
		expect(get.status).toBe(405);
	});
});

describe('resolver routing (https://docs.velt.dev/self-host-data/notifications)', () => {
	test('resolver mode with source custom is pending; without it the notification is never resolved', async () => {
		const base = requestOf(ENDPOINTS.addNotification, 3); // the documented resolver example
		await call(emulator, ENDPOINTS.addNotification, base);
		const { notificationSource: _source, ...noSource } = base;
		await call(emulator, ENDPOINTS.addNotification, { ...noSource, notificationId: 'no-source' });
		await call(emulator, ENDPOINTS.addNotification, {
			...base,
			notificationId: 'comment-source',
			notificationSource: 'comment',
		});
		const org = base.organizationId as string;
		expect(emulator.store.getNotification(org, 'custom-notif-001')?.resolverState).toBe('pending');
		expect(emulator.store.getNotification(org, 'no-source')?.resolverState).toBe('never');
		expect(emulator.store.getNotification(org, 'comment-source')?.resolverState).toBe('never');
		const debug = (await (
			await fetch(`${emulator.url}/__emulator/notifications?organizationId=${org}`)
		).json()) as {
			notifications: Array<{ id: string; resolverState: string }>;
		};
		expect(debug.notifications.map((n) => [n.id, n.resolverState]).sort()).toEqual([
			['comment-source', 'never'],
			['custom-notif-001', 'pending'],
			['no-source', 'never'],
		]);
	});

	test('a plain add is not in resolver mode', async () => {
		await call(emulator, ENDPOINTS.addNotification, {
			...requestOf(ENDPOINTS.addNotification),
			notificationId: 'plain',
		});
		expect(emulator.store.getNotification('yourOrganizationId', 'plain')?.resolverState).toBe(
			'notUsed',
		);
	});
});

describe('notification settings are extensible (customize-behavior page)', () => {
	test('custom channels and values are stored and returned', async () => {
		const set = await call(emulator, ENDPOINTS.setNotificationConfig, {
			organizationId: 'org1',
			documentIds: ['doc1'],
			userIds: ['USER_ID1'],
			config: { inbox: 'ALL', slack: 'MINE', jira: 'ASSIGNED_ONLY', linear: 'NONE' },
		});
		expect(set.status).toBe(200);
		const get = await call(emulator, ENDPOINTS.getNotificationConfig, {
			organizationId: 'org1',
			documentIds: ['doc1'],
			userId: 'USER_ID1',
		});
		expect(get.body.result.data[0].config).toEqual({
			inbox: 'ALL',
			email: 'ALL',
			slack: 'MINE',
			jira: 'ASSIGNED_ONLY',
			linear: 'NONE',
		});
	});

	test('an empty or non-string value is still refused', async () => {
		await expectInvalid(
			ENDPOINTS.setNotificationConfig,
			{ organizationId: 'o', userIds: ['u'], config: { inbox: '' } },
			'config.inbox',
		);
		await expectInvalid(
			ENDPOINTS.setNotificationConfig,
			{ organizationId: 'o', userIds: ['u'], config: { inbox: 1 } },
			'config.inbox',
		);
	});
});

describe('duplicate adds', () => {
	test('an add with an existing notificationId replaces it and counts as a duplicate', async () => {
		const add = { ...requestOf(ENDPOINTS.addNotification), notificationId: 'same-id' };
		await call(emulator, ENDPOINTS.addNotification, add);
		await call(emulator, ENDPOINTS.addNotification, { ...add, displayBodyMessage: 'second' });
		await call(emulator, ENDPOINTS.addNotification, { ...add, notificationId: 'other-id' });
		const stats = emulator.stats();
		expect([stats.addsReceived, stats.duplicateAdds, stats.storedNotifications]).toEqual([3, 1, 2]);
		expect(
			emulator.store.getNotification('yourOrganizationId', 'same-id')?.data.displayBodyMessage,
		).toBe('second');
	});
});

test('shapeProblems reports a missing key and a wrong type (the shape checks can fail)', () => {
	expect(shapeProblems({ a: 1 }, { a: 'x', b: true })).toEqual([
		'a: number instead of string',
		'b: missing',
	]);
	expect(
		shapeProblems(
			{ result: { data: { n1: { success: 1 } } } },
			{ result: { data: { x: { success: true } } } },
			{ idKeyed: ['result.data'] },
		),
	).toEqual(['result.data.n1.success: number instead of boolean']);
});

describe('workspace notification service config (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/notificationconfig-update)', () => {
	test('nothing to update: the documented INVALID_ARGUMENT', async () => {
		const answer = await call(emulator, ENDPOINTS.updateNotificationServiceConfig, {});
		expect(answer.body).toEqual(
			VELT_DOCS_EXAMPLES.find(
				(e) => e.endpoint === ENDPOINTS.updateNotificationServiceConfig && e.kind === 'error',
			)?.body,
		);
	});

	test.each([
		[{ delayConfig: { delaySeconds: 9 } }, 'delayConfig.delaySeconds'],
		[
			{ batchConfig: { user: { batchWindowSeconds: 604801 } } },
			'batchConfig.user.batchWindowSeconds',
		],
		[{ batchConfig: { document: { maxActivities: 51 } } }, 'batchConfig.document.maxActivities'],
	])('out of range %j', async (notificationServiceConfig, field) => {
		await expectInvalid(
			ENDPOINTS.updateNotificationServiceConfig,
			{ notificationServiceConfig },
			field,
		);
	});

	test('first enable seeds the standard triggers; later updates deep-merge', async () => {
		await call(emulator, ENDPOINTS.updateNotificationServiceConfig, {
			useNotificationService: true,
		});
		const merged = await call(emulator, ENDPOINTS.updateNotificationServiceConfig, {
			notificationServiceConfig: {
				delayConfig: { delaySeconds: 30 },
				triggers: { comment: { 'comment.delete': false } },
			},
		});
		const data = merged.body.result.data;
		expect(data.useNotificationService).toBe(true);
		expect(data.notificationServiceConfig.delayConfig).toEqual({
			isEnabled: false,
			delaySeconds: 30,
		});
		expect(data.notificationServiceConfig.triggers.comment).toMatchObject({
			'comment.add': true,
			'comment.delete': false,
		});
		expect(data.notificationServiceConfig.triggers.huddle).toEqual({
			'huddle.create': true,
			'huddle.join': true,
		});
		const read = await call(emulator, ENDPOINTS.getNotificationServiceConfig, {});
		expect(read.body.result.data).toEqual(data);
	});
});
