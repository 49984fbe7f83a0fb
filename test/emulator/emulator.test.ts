import axios, { type AxiosResponse } from 'axios';
import { createHash, createHmac } from 'crypto';
import * as http from 'http';

import {
	API_KEY_HEADER,
	AUTH_TOKEN_HEADER,
	ENDPOINTS,
	HTTP_STATUS_BY_ERROR_CODE,
	MAX_NOTIFICATION_IDS_PER_GET,
	isLastPage,
} from '../../nodes/shared/transport';
import { FAULT_KINDS, type FaultKind } from './faults';
import { makeNotifications, seedSampleData } from './sampleData';
import { startVeltEmulator, type VeltEmulator } from './server';
import { EmulatorStore, hashNotifyUserKey } from './store';
import { signStandardWebhook, verifyStandardWebhook } from './webhooks';

const AUTH = { [API_KEY_HEADER]: 'test-api-key', [AUTH_TOKEN_HEADER]: 'test-auth-token' };
const ORG = 'org-1';
const DOC = 'doc-1';

interface SuccessEnvelope<T> {
	result: { status: string; message: string; data: T; pageToken?: string };
}
interface ErrorEnvelope {
	error: { message: string; status: string };
}
type ApiNotification = {
	id: string;
	timestamp: number;
	metadata: Record<string, unknown>;
	notifyUsers: Record<string, boolean>;
	notifyUsersByUserId: Record<string, boolean>;
	isUnread?: boolean;
	forYou?: boolean;
	[key: string]: unknown;
};
type PerIdResults = Record<string, { success: boolean; message: string }>;

function post<T = unknown>(
	emulator: VeltEmulator,
	path: string,
	data: unknown,
	options: { headers?: Record<string, string>; timeout?: number; rawBody?: string } = {},
): Promise<AxiosResponse<T>> {
	return axios.post<T>(`${emulator.url}${path}`, options.rawBody ?? { data }, {
		headers: { 'content-type': 'application/json', ...(options.headers ?? AUTH) },
		validateStatus: () => true,
		timeout: options.timeout,
		transformResponse: (body: unknown) => {
			// Keep non-JSON bodies (the html fault) as text.
			if (typeof body !== 'string') return body;
			try {
				return JSON.parse(body) as unknown;
			} catch {
				return body;
			}
		},
	});
}

function addNotification(emulator: VeltEmulator, data: Record<string, unknown>) {
	return post<SuccessEnvelope<{ success: boolean; message: string }>>(emulator, ENDPOINTS.addNotification, {
		organizationId: ORG,
		documentId: DOC,
		displayHeadlineMessageTemplate: '{actionUser} did something',
		...data,
	});
}

function getNotifications(emulator: VeltEmulator, data: Record<string, unknown>) {
	return post<SuccessEnvelope<ApiNotification[]>>(emulator, ENDPOINTS.getNotifications, { organizationId: ORG, ...data });
}

async function getAllPages(
	emulator: VeltEmulator,
	query: Record<string, unknown>,
): Promise<{ pages: ApiNotification[][]; tokens: Array<string | undefined>; hadTokenField: boolean[] }> {
	const pages: ApiNotification[][] = [];
	const tokens: Array<string | undefined> = [];
	const hadTokenField: boolean[] = [];
	let pageToken: string | undefined;
	for (let guard = 0; guard < 10_000; guard++) {
		const response = await getNotifications(emulator, { ...query, ...(pageToken ? { pageToken } : {}) });
		expect(response.status).toBe(200);
		pages.push(response.data.result.data);
		tokens.push(response.data.result.pageToken);
		hadTokenField.push('pageToken' in response.data.result);
		if (isLastPage(response.data.result.pageToken)) break;
		pageToken = response.data.result.pageToken;
	}
	return { pages, tokens, hadTokenField };
}

async function expectNetworkError(promise: Promise<unknown>): Promise<string | undefined> {
	try {
		await promise;
	} catch (error) {
		expect(axios.isAxiosError(error)).toBe(true);
		if (axios.isAxiosError(error)) {
			expect(error.response).toBeUndefined();
			return error.code;
		}
	}
	throw new Error('expected the request to fail without a response');
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('Velt emulator', () => {
	let emulator: VeltEmulator;

	beforeAll(async () => {
		emulator = await startVeltEmulator();
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => emulator.reset());

	describe('envelopes and routing', () => {
		it('answers a successful add with the documented envelope and no id', async () => {
			const response = await addNotification(emulator, { notifyUsers: [{ userId: 'u1' }] });
			expect(response.status).toBe(200);
			expect(response.headers['content-type']).toMatch(/application\/json/);
			expect(response.data).toEqual({
				result: {
					status: 'success',
					message: 'Notification added successfully.',
					data: { success: true, message: 'Notification added successfully.' },
				},
			});
		});

		it('answers errors with {error: {message, status}} and the contract HTTP status', async () => {
			const response = await post<ErrorEnvelope>(emulator, ENDPOINTS.addNotification, { documentId: DOC });
			expect(response.status).toBe(HTTP_STATUS_BY_ERROR_CODE.INVALID_ARGUMENT);
			expect(Object.keys(response.data)).toEqual(['error']);
			expect(response.data.error.status).toBe('INVALID_ARGUMENT');
			expect(response.data.error.message).toMatch(/organizationId/);
		});

		it('answers an unknown path with NOT_FOUND', async () => {
			const response = await post<ErrorEnvelope>(emulator, '/v2/notifications/frobnicate', { organizationId: ORG });
			expect(response.status).toBe(HTTP_STATUS_BY_ERROR_CODE.NOT_FOUND);
			expect(response.data.error.status).toBe('NOT_FOUND');
		});

		it('rejects non-POST methods with 405 and an error envelope', async () => {
			const response = await axios.get<ErrorEnvelope>(`${emulator.url}${ENDPOINTS.getNotifications}`, {
				headers: AUTH,
				validateStatus: () => true,
			});
			expect(response.status).toBe(405);
			expect(response.headers.allow).toBe('POST');
			expect(response.data.error.status).toBe('INVALID_ARGUMENT');
		});

		it.each([
			['not JSON', '{"data": '],
			['no data', '{"organizationId": "org-1"}'],
			['data is an array', '{"data": []}'],
			['data is null', '{"data": null}'],
			['empty body', ''],
		])('rejects a body that is %s with INVALID_ARGUMENT', async (_label, rawBody) => {
			const response = await post<ErrorEnvelope>(emulator, ENDPOINTS.addNotification, undefined, { rawBody });
			expect(response.status).toBe(400);
			expect(response.data.error).toEqual({
				status: 'INVALID_ARGUMENT',
				message: expect.stringContaining('"data"') as unknown,
			});
			expect(emulator.store.countNotifications()).toBe(0);
		});
	});

	describe('auth', () => {
		it.each([
			['the API key is missing', { [AUTH_TOKEN_HEADER]: 'test-auth-token' }, 400, 'INVALID_ARGUMENT', API_KEY_HEADER],
			['the auth token is missing', { [API_KEY_HEADER]: 'test-api-key' }, 400, 'INVALID_ARGUMENT', AUTH_TOKEN_HEADER],
			['the API key is wrong', { ...AUTH, [API_KEY_HEADER]: 'nope' }, 403, 'PERMISSION_DENIED', 'API key'],
			['the auth token is wrong', { ...AUTH, [AUTH_TOKEN_HEADER]: 'nope' }, 403, 'PERMISSION_DENIED', 'auth token'],
		])('refuses when %s', async (_label, headers, status, code, messagePart) => {
			const response = await post<ErrorEnvelope>(
				emulator,
				ENDPOINTS.addNotification,
				{ organizationId: ORG, notifyAll: false },
				{ headers },
			);
			expect(response.status).toBe(status);
			expect(response.data.error.status).toBe(code);
			expect(response.data.error.message).toContain(messagePart);
			expect(emulator.store.countNotifications()).toBe(0);
		});

		it('checks auth before the path, the method and the body', async () => {
			const unknownPath = await post<ErrorEnvelope>(emulator, '/nowhere', {}, { headers: {} });
			expect(unknownPath.data.error.message).toContain(API_KEY_HEADER);
			const badBody = await post<ErrorEnvelope>(emulator, ENDPOINTS.addNotification, undefined, {
				headers: { ...AUTH, [AUTH_TOKEN_HEADER]: 'wrong' },
				rawBody: 'nonsense',
			});
			expect(badBody.status).toBe(403);
			const get = await axios.get<ErrorEnvelope>(`${emulator.url}${ENDPOINTS.addNotification}`, {
				validateStatus: () => true,
			});
			expect(get.status).toBe(400);
			expect(get.data.error.message).toContain(API_KEY_HEADER);
		});

		it('honours custom credentials', async () => {
			const custom = await startVeltEmulator({ apiKey: 'key-A', authToken: 'token-B' });
			try {
				const ok = await post(custom, ENDPOINTS.addNotification, { organizationId: ORG }, {
					headers: { [API_KEY_HEADER]: 'key-A', [AUTH_TOKEN_HEADER]: 'token-B' },
				});
				expect(ok.status).toBe(200);
				const defaults = await post(custom, ENDPOINTS.addNotification, { organizationId: ORG });
				expect(defaults.status).toBe(403);
				expect(custom.store.listNotifications()[0].metadata.apiKey).toBe('key-A');
			} finally {
				await custom.close();
			}
		});
	});

	describe('validation', () => {
		const thirtyOne = Array.from({ length: MAX_NOTIFICATION_IDS_PER_GET + 1 }, (_, i) => `n${i}`);
		it.each<[string, string, Record<string, unknown>, RegExp]>([
			['add', ENDPOINTS.addNotification, {}, /organizationId/],
			['add', ENDPOINTS.addNotification, { organizationId: 42 }, /organizationId/],
			['add', ENDPOINTS.addNotification, { organizationId: ORG, notificationId: 'has space' }, /notificationId/],
			['add', ENDPOINTS.addNotification, { organizationId: ORG, notificationId: 'a.b' }, /notificationId/],
			['add', ENDPOINTS.addNotification, { organizationId: ORG, notifyUsers: { userId: 'u' } }, /notifyUsers/],
			['add', ENDPOINTS.addNotification, { organizationId: ORG, notifyUsers: [{ name: 'x' }] }, /notifyUsers\[0\]\.userId/],
			['add', ENDPOINTS.addNotification, { organizationId: ORG, notificationSource: 'email' }, /notificationSource/],
			['add', ENDPOINTS.addNotification, { organizationId: ORG, notifyAll: 'yes' }, /notifyAll/],
			['get', ENDPOINTS.getNotifications, { documentId: DOC }, /organizationId/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG }, /documentId or userId/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', notificationIds: 'n1' }, /notificationIds/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', notificationIds: [1] }, /notificationIds/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', notificationIds: thirtyOne }, /at most 30/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', pageSize: 0 }, /pageSize/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', pageSize: 2.5 }, /pageSize/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', pageSize: '10' }, /pageSize/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', order: 'newest' }, /order/],
			['get', ENDPOINTS.getNotifications, { organizationId: ORG, userId: 'u', pageToken: '%%%' }, /pageToken/],
			['update', ENDPOINTS.updateNotifications, { organizationId: ORG }, /notifications/],
			['update', ENDPOINTS.updateNotifications, { organizationId: ORG, notifications: {} }, /notifications/],
			['update', ENDPOINTS.updateNotifications, { organizationId: ORG, notifications: [{ id: 'a' }, {}] }, /notifications\[1\]\.id/],
			['update', ENDPOINTS.updateNotifications, { organizationId: ORG, notifications: [{ id: 'a', readByUserIds: 'u' }] }, /readByUserIds/],
			['delete', ENDPOINTS.deleteNotifications, { organizationId: ORG, notificationIds: [1] }, /notificationIds/],
			['config/get', ENDPOINTS.getNotificationConfig, { organizationId: ORG, documentIds: [DOC] }, /userId/],
			['config/get', ENDPOINTS.getNotificationConfig, { organizationId: ORG, userId: 'u' }, /documentIds/],
			['config/get', ENDPOINTS.getNotificationConfig, { organizationId: ORG, userId: 'u', documentIds: thirtyOne }, /documentIds.*30/],
			['config/get', ENDPOINTS.getNotificationConfig, { organizationId: ORG, userId: 'u', getOrganizationConfig: true, documentIds: thirtyOne }, /documentIds/],
			['config/set', ENDPOINTS.setNotificationConfig, { organizationId: ORG, config: { inbox: 'ALL' } }, /userIds/],
			['config/set', ENDPOINTS.setNotificationConfig, { organizationId: ORG, userIds: [], config: { inbox: 'ALL' } }, /userIds/],
			['config/set', ENDPOINTS.setNotificationConfig, { organizationId: ORG, userIds: 'u', config: { inbox: 'ALL' } }, /userIds/],
			['config/set', ENDPOINTS.setNotificationConfig, { organizationId: ORG, userIds: ['u'], config: { inbox: 'SOME' } }, /config\.inbox/],
			['config/set', ENDPOINTS.setNotificationConfig, { organizationId: ORG, userIds: ['u'], config: { sms: 'ALL' } }, /config\.sms/],
			['config/set', ENDPOINTS.setNotificationConfig, { organizationId: ORG, userIds: ['u'] }, /config/],
			['webhook create', ENDPOINTS.createWebhookEndpoint, { filterTypes: [] }, /url/],
			['webhook secret', ENDPOINTS.readWebhookEndpointSigningInfo, {}, /endpointId/],
		])('%s: %s with %j is INVALID_ARGUMENT naming the field', async (_label, path, data, message) => {
			const response = await post<ErrorEnvelope>(emulator, path, data);
			expect(response.status).toBe(400);
			expect(response.data.error.status).toBe('INVALID_ARGUMENT');
			expect(response.data.error.message).toMatch(message);
		});

		it('leaves the store untouched when one update entry is invalid', async () => {
			await addNotification(emulator, { notificationId: 'a', displayBodyMessage: 'before' });
			const response = await post(emulator, ENDPOINTS.updateNotifications, {
				organizationId: ORG,
				notifications: [{ id: 'a', displayBodyMessage: 'after' }, { displayBodyMessage: 'no id' }],
			});
			expect(response.status).toBe(400);
			expect(emulator.store.getNotification(ORG, 'a')?.data.displayBodyMessage).toBe('before');
		});
	});

	describe('add', () => {
		it('stores notifyAll: true when the request leaves it out (Velt notifies the whole org)', async () => {
			await addNotification(emulator, { notificationId: 'implicit', notifyUsers: [{ userId: 'u1' }] });
			await addNotification(emulator, { notificationId: 'explicit', notifyAll: false, notifyUsers: [{ userId: 'u1' }] });
			expect(emulator.store.getNotification(ORG, 'implicit')?.notifyAll).toBe(true);
			expect(emulator.store.getNotification(ORG, 'explicit')?.notifyAll).toBe(false);

			// A user nobody named still sees the implicit one.
			const forStranger = await getNotifications(emulator, { userId: 'stranger' });
			expect(forStranger.data.result.data.map((n) => n.id)).toEqual(['implicit']);
		});

		it('generates a 16-digit numeric id when none is given', async () => {
			await addNotification(emulator, {});
			await addNotification(emulator, {});
			const ids = emulator.store.listNotifications().map((n) => n.id);
			expect(ids).toHaveLength(2);
			for (const id of ids) expect(id).toMatch(/^[1-9]\d{15}$/);
			expect(ids[0]).not.toBe(ids[1]);
		});

		it('replaces, never duplicates, a notification added again with the same id', async () => {
			await addNotification(emulator, { notificationId: 'same-id', displayBodyMessage: 'first' });
			await addNotification(emulator, { notificationId: 'same-id', displayBodyMessage: 'second' });
			await post(emulator, ENDPOINTS.addNotification, { organizationId: 'other-org', notificationId: 'same-id' });
			expect(emulator.store.countNotifications(ORG)).toBe(1);
			expect(emulator.store.countNotifications('other-org')).toBe(1);
			expect(emulator.store.getNotification(ORG, 'same-id')?.data.displayBodyMessage).toBe('second');
			const listed = await getNotifications(emulator, { documentId: DOC });
			expect(listed.data.result.data).toHaveLength(1);
		});

		it('stores the request data plus metadata, hashed notifyUsers, user-id map and timestamp', async () => {
			emulator.setClock(1_722_409_519_944);
			await addNotification(emulator, {
				notificationId: 'full',
				notifyAll: false,
				notificationSource: 'comment',
				notificationSourceData: { annotationId: 'ann-1' },
				actionUser: { userId: 'actor', name: 'Ada Actor' },
				displayHeadlineMessageTemplateData: { actionUser: { userId: 'actor' }, project: 'Apollo' },
				displayBodyMessage: 'Body',
				notifyUsers: [{ userId: 'u1', email: 'U1@Example.com' }, { userId: 'u2' }],
				location: { id: 'loc-7', locationName: 'Section 7' },
				metadata: { custom: 'kept' },
			});
			const [notification] = (await getNotifications(emulator, { documentId: DOC })).data.result.data;
			expect(notification).toMatchObject({
				id: 'full',
				notificationSource: 'comment',
				notificationSourceData: { annotationId: 'ann-1' },
				actionUser: { userId: 'actor', name: 'Ada Actor' },
				displayHeadlineMessageTemplate: '{actionUser} did something',
				displayHeadlineMessageTemplateData: { project: 'Apollo' },
				displayBodyMessage: 'Body',
				timestamp: 1_722_409_519_944,
				isNotificationResolverUsed: false,
				notifyUsersByUserId: { u1: true, u2: true },
				metadata: { apiKey: 'test-api-key', organizationId: ORG, documentId: DOC, locationId: 'loc-7', custom: 'kept' },
			});
			const sha = (text: string) => createHash('sha256').update(text).digest('hex');
			const keys = Object.keys(notification.notifyUsers);
			expect(keys).toHaveLength(2);
			expect(sha('u1@example.com').startsWith(keys[0])).toBe(true);
			expect(sha('u2').startsWith(keys[1])).toBe(true);
			expect(keys[0]).toBe(hashNotifyUserKey({ userId: 'u1', email: 'u1@example.com' }));
			expect(notification.isUnread).toBeUndefined();
			expect(emulator.store.getNotification(ORG, 'full')?.data.notifyUsers).toEqual([
				{ userId: 'u1', email: 'U1@Example.com' },
				{ userId: 'u2' },
			]);
		});
	});

	describe('get', () => {
		it('pages through many pages with maxPageSize and gives no pageToken on the last page', async () => {
			const paged = await startVeltEmulator({ maxPageSize: 7 });
			try {
				paged.store.insertNotifications(
					makeNotifications(50, { organizationId: ORG, documentId: DOC, userIds: ['u1', 'u2'], startTimestamp: 1000 }),
				);
				const { pages, tokens, hadTokenField } = await getAllPages(paged, { documentId: DOC });
				expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
				expect(tokens.slice(0, -1).every((token) => typeof token === 'string' && token.length > 0)).toBe(true);
				expect(hadTokenField).toEqual([true, true, true, true, true, true, true, false]);
				const timestamps = pages.flat().map((n) => n.timestamp);
				expect(new Set(pages.flat().map((n) => n.id)).size).toBe(50);
				expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));

				// A smaller pageSize than the cap wins; an exact multiple ends without a token.
				const byTen = await getAllPages(paged, { documentId: DOC, pageSize: 5 });
				expect(byTen.pages.map((page) => page.length)).toEqual(Array(10).fill(5));
				expect(byTen.hadTokenField.at(-1)).toBe(false);
			} finally {
				await paged.close();
			}
		});

		it('orders by timestamp desc by default and asc on request, ties broken by id', async () => {
			emulator.setClock(5000);
			for (const id of ['b', 'c', 'a']) await addNotification(emulator, { notificationId: id });
			emulator.setClock(4000);
			await addNotification(emulator, { notificationId: 'older' });
			emulator.setClock(6000);
			await addNotification(emulator, { notificationId: 'newer' });

			const desc = await getNotifications(emulator, { documentId: DOC });
			expect(desc.data.result.data.map((n) => n.id)).toEqual(['newer', 'c', 'b', 'a', 'older']);
			const asc = await getNotifications(emulator, { documentId: DOC, order: 'asc' });
			expect(asc.data.result.data.map((n) => n.id)).toEqual(['older', 'a', 'b', 'c', 'newer']);

			// Paging one by one through the ties returns each exactly once.
			const single = await getAllPages(emulator, { documentId: DOC, order: 'asc', pageSize: 1 });
			expect(single.pages.flat().map((n) => n.id)).toEqual(['older', 'a', 'b', 'c', 'newer']);
		});

		it('filters by document, user, location and notification ids', async () => {
			await addNotification(emulator, { notificationId: 'to-u1', notifyAll: false, notifyUsers: [{ userId: 'u1' }] });
			await addNotification(emulator, { notificationId: 'to-u2', notifyAll: false, notifyUsers: [{ userId: 'u2' }] });
			await addNotification(emulator, { notificationId: 'to-all', notifyAll: true });
			await addNotification(emulator, {
				notificationId: 'other-doc',
				documentId: 'doc-2',
				notifyAll: false,
				notifyUsers: [{ userId: 'u1' }],
				location: { id: 'loc-1' },
			});
			await post(emulator, ENDPOINTS.addNotification, { organizationId: 'org-2', notificationId: 'elsewhere' });

			const ids = async (query: Record<string, unknown>) =>
				(await getNotifications(emulator, query)).data.result.data.map((n) => n.id).sort();
			expect(await ids({ documentId: DOC })).toEqual(['to-all', 'to-u1', 'to-u2']);
			expect(await ids({ userId: 'u1' })).toEqual(['other-doc', 'to-all', 'to-u1']);
			expect(await ids({ userId: 'u1', documentId: DOC })).toEqual(['to-all', 'to-u1']);
			expect(await ids({ userId: 'u1', locationId: 'loc-1' })).toEqual(['other-doc']);
			expect(await ids({ userId: 'u1', notificationIds: ['to-u2', 'to-u1', 'missing', 'elsewhere'] })).toEqual(['to-u1']);
			expect(await ids({ documentId: DOC, notificationIds: [] })).toEqual(['to-all', 'to-u1', 'to-u2']);
		});

		it('adds isUnread and forYou when a userId is given', async () => {
			await addNotification(emulator, { notificationId: 'named', notifyAll: false, notifyUsers: [{ userId: 'u1' }] });
			await addNotification(emulator, { notificationId: 'everyone' });
			const before = await getNotifications(emulator, { userId: 'u1' });
			const byId = Object.fromEntries(before.data.result.data.map((n) => [n.id, n]));
			expect(byId.named).toMatchObject({ isUnread: true, forYou: true });
			expect(byId.everyone).toMatchObject({ isUnread: true, forYou: false });

			await post(emulator, ENDPOINTS.updateNotifications, {
				organizationId: ORG,
				notifications: [{ id: 'named', readByUserIds: ['u1'] }],
			});
			const after = await getNotifications(emulator, { userId: 'u1', notificationIds: ['named'] });
			expect(after.data.result.data[0]).toMatchObject({ isUnread: false, forYou: false });

			await post(emulator, ENDPOINTS.updateNotifications, {
				organizationId: ORG,
				notifications: [{ id: 'named', readByUserIds: ['u1'], persistReadForUsers: true }],
			});
			const persisted = await getNotifications(emulator, { userId: 'u1', notificationIds: ['named'] });
			expect(persisted.data.result.data[0]).toMatchObject({ isUnread: false, forYou: true });
			const otherUser = await getNotifications(emulator, { userId: 'u9', notificationIds: ['everyone'] });
			expect(otherUser.data.result.data[0]).toMatchObject({ isUnread: true });
		});

		it('rejects a pageToken from another order and keeps paging after deletes', async () => {
			emulator.store.insertNotifications(
				makeNotifications(6, { organizationId: ORG, documentId: DOC, userIds: ['u1'], startTimestamp: 100 }),
			);
			const first = await getNotifications(emulator, { documentId: DOC, pageSize: 2 });
			const token = first.data.result.pageToken;
			expect(typeof token).toBe('string');
			const mismatch = await post<ErrorEnvelope>(emulator, ENDPOINTS.getNotifications, {
				organizationId: ORG,
				documentId: DOC,
				order: 'asc',
				pageToken: token,
			});
			expect(mismatch.status).toBe(400);
			expect(mismatch.data.error.message).toMatch(/pageToken/);

			// Deleting the page just read must not make the next page skip anything.
			await post(emulator, ENDPOINTS.deleteNotifications, {
				organizationId: ORG,
				notificationIds: first.data.result.data.map((n) => n.id),
			});
			const second = await getNotifications(emulator, { documentId: DOC, pageSize: 2, pageToken: token });
			const remaining = emulator.store.listNotifications().map((n) => n.id).reverse();
			expect(second.data.result.data.map((n) => n.id)).toEqual(remaining.slice(0, 2));
		});

		it('answers an organization with nothing in it with an empty last page', async () => {
			const response = await getNotifications(emulator, { organizationId: 'empty-org', userId: 'u1' });
			expect(response.status).toBe(200);
			expect(response.data.result).toEqual({
				status: 'success',
				message: 'Notification(s) retrieved successfully.',
				data: [],
			});
		});
	});

	describe('update', () => {
		it('answers per id and applies the fields to the ones that exist', async () => {
			await addNotification(emulator, { notificationId: 'n1', displayBodyMessage: 'old', notifyAll: false });
			await addNotification(emulator, { notificationId: 'n2', documentId: 'doc-2' });
			const response = await post<SuccessEnvelope<PerIdResults>>(emulator, ENDPOINTS.updateNotifications, {
				organizationId: ORG,
				documentId: DOC,
				notifications: [
					{
						id: 'n1',
						displayBodyMessage: 'new',
						readByUserIds: ['u1', 'u2'],
						persistReadForUsers: true,
						notifyUsers: [{ userId: 'u3' }],
						metadata: { extra: 1 },
						location: { id: 'loc-9' },
					},
					{ id: 'n2', displayBodyMessage: 'wrong document' },
					{ id: 'missing', displayBodyMessage: 'x' },
				],
			});
			expect(response.status).toBe(200);
			expect(response.data.result.status).toBe('success');
			expect(response.data.result.message).toBe('Notification(s) updated successfully.');
			expect(response.data.result.data).toEqual({
				n1: { success: true, message: 'Notification updated.' },
				n2: { success: false, message: 'Failed to update notification.' },
				missing: { success: false, message: 'Failed to update notification.' },
			});
			const n1 = emulator.store.getNotification(ORG, 'n1');
			expect(n1?.data.displayBodyMessage).toBe('new');
			expect([...(n1?.readByUserIds ?? [])]).toEqual(['u1', 'u2']);
			expect(n1?.persistReadForUsers).toBe(true);
			expect(n1?.notifyUsersByUserId).toEqual({ u3: true });
			expect(n1?.locationId).toBe('loc-9');
			expect(n1?.metadata).toMatchObject({ extra: 1, locationId: 'loc-9', organizationId: ORG, apiKey: 'test-api-key' });
			expect(emulator.store.getNotification(ORG, 'n2')?.data.displayBodyMessage).toBeUndefined();

			const view = await getNotifications(emulator, { userId: 'u3', notificationIds: ['n1'] });
			expect(view.data.result.data[0]).toMatchObject({ displayBodyMessage: 'new', forYou: true, isUnread: true });
		});

		it('accepts an empty notifications array', async () => {
			const response = await post<SuccessEnvelope<PerIdResults>>(emulator, ENDPOINTS.updateNotifications, {
				organizationId: ORG,
				notifications: [],
			});
			expect(response.status).toBe(200);
			expect(response.data.result.data).toEqual({});
		});
	});

	describe('delete', () => {
		it('answers per id for the ids given', async () => {
			await addNotification(emulator, { notificationId: 'keep' });
			await addNotification(emulator, { notificationId: 'gone' });
			const response = await post<SuccessEnvelope<PerIdResults>>(emulator, ENDPOINTS.deleteNotifications, {
				organizationId: ORG,
				notificationIds: ['gone', 'never-existed'],
			});
			expect(response.data.result.status).toBe('success');
			expect(response.data.result.data).toEqual({
				gone: { success: true, message: 'Notification deleted.' },
				'never-existed': { success: false, message: 'Failed to delete notification.' },
			});
			expect(emulator.store.listNotifications().map((n) => n.id)).toEqual(['keep']);
		});

		it('without ids deletes everything matching the filters and lists what it deleted', async () => {
			await addNotification(emulator, { notificationId: 'd1-u1', notifyAll: false, notifyUsers: [{ userId: 'u1' }] });
			await addNotification(emulator, { notificationId: 'd1-u2', notifyAll: false, notifyUsers: [{ userId: 'u2' }] });
			await addNotification(emulator, { notificationId: 'd2-u1', documentId: 'doc-2', notifyAll: false, notifyUsers: [{ userId: 'u1' }] });
			await post(emulator, ENDPOINTS.addNotification, { organizationId: 'org-2', notificationId: 'other-org' });

			const byDocAndUser = await post<SuccessEnvelope<PerIdResults>>(emulator, ENDPOINTS.deleteNotifications, {
				organizationId: ORG,
				documentId: DOC,
				userId: 'u1',
			});
			expect(byDocAndUser.data.result.data).toEqual({ 'd1-u1': { success: true, message: 'Notification deleted.' } });

			const wholeOrg = await post<SuccessEnvelope<PerIdResults>>(emulator, ENDPOINTS.deleteNotifications, {
				organizationId: ORG,
			});
			expect(Object.keys(wholeOrg.data.result.data).sort()).toEqual(['d1-u2', 'd2-u1']);
			expect(emulator.store.listNotifications().map((n) => n.id)).toEqual(['other-org']);
		});
	});

	describe('notification config', () => {
		type ConfigEntry = { config: Record<string, string>; metadata: Record<string, string> };

		it('reports the defaults for a user who never set anything', async () => {
			const response = await post<SuccessEnvelope<ConfigEntry[]>>(emulator, ENDPOINTS.getNotificationConfig, {
				organizationId: ORG,
				userId: 'u1',
				documentIds: [DOC, 'doc-2'],
			});
			expect(response.status).toBe(200);
			expect(response.data.result.data).toEqual([
				{ config: { inbox: 'ALL', email: 'ALL' }, metadata: { organizationId: ORG, documentId: DOC, userId: 'u1' } },
				{ config: { inbox: 'ALL', email: 'ALL' }, metadata: { organizationId: ORG, documentId: 'doc-2', userId: 'u1' } },
			]);
		});

		it('sets per document and at org level, merging channels', async () => {
			const setDoc = await post<SuccessEnvelope<Record<string, unknown>>>(emulator, ENDPOINTS.setNotificationConfig, {
				organizationId: ORG,
				userIds: ['u1', 'u2'],
				documentIds: [DOC],
				config: { email: 'NONE' },
			});
			expect(setDoc.status).toBe(200);
			expect(setDoc.data.result.data).toEqual({
				u1: { success: true, userId: 'u1', documentId: DOC, message: 'User config set successfully.' },
				u2: { success: true, userId: 'u2', documentId: DOC, message: 'User config set successfully.' },
			});
			await post(emulator, ENDPOINTS.setNotificationConfig, {
				organizationId: ORG,
				userIds: ['u1'],
				documentIds: [DOC],
				config: { slack: 'MINE' },
			});
			const setOrg = await post<SuccessEnvelope<Record<string, Record<string, unknown>>>>(
				emulator,
				ENDPOINTS.setNotificationConfig,
				{ organizationId: ORG, userIds: ['u1'], config: { inbox: 'MINE' } },
			);
			expect(setOrg.data.result.data.u1).toEqual({ success: true, userId: 'u1', message: 'User config set successfully.' });

			const response = await post<SuccessEnvelope<ConfigEntry[]>>(emulator, ENDPOINTS.getNotificationConfig, {
				organizationId: ORG,
				userId: 'u1',
				documentIds: [DOC, 'doc-2'],
				getOrganizationConfig: true,
			});
			expect(response.data.result.data).toEqual([
				{ config: { inbox: 'MINE', email: 'ALL' }, metadata: { organizationId: ORG, userId: 'u1' } },
				{ config: { inbox: 'MINE', email: 'NONE', slack: 'MINE' }, metadata: { organizationId: ORG, documentId: DOC, userId: 'u1' } },
				{ config: { inbox: 'MINE', email: 'ALL' }, metadata: { organizationId: ORG, documentId: 'doc-2', userId: 'u1' } },
			]);
			const orgOnly = await post<SuccessEnvelope<ConfigEntry[]>>(emulator, ENDPOINTS.getNotificationConfig, {
				organizationId: ORG,
				userId: 'u2',
				getOrganizationConfig: true,
			});
			expect(orgOnly.data.result.data).toEqual([
				{ config: { inbox: 'ALL', email: 'ALL' }, metadata: { organizationId: ORG, userId: 'u2' } },
			]);
		});
	});

	describe('features off', () => {
		it('answers /get with NOT_FOUND when advanced queries are off', async () => {
			emulator.setFeatures({ advancedQueries: false });
			const response = await getNotifications(emulator, { userId: 'u1' });
			expect(response.status).toBe(404);
			expect((response.data as unknown as ErrorEnvelope).error).toEqual({
				status: 'NOT_FOUND',
				message: expect.stringMatching(/^Advanced queries are not enabled\. Enable them in the Velt console/) as unknown,
			});
			// Other notification endpoints still work.
			expect((await addNotification(emulator, {})).status).toBe(200);
		});

		it('answers config endpoints with FAILED_PRECONDITION when notification settings are off', async () => {
			emulator.setFeatures({ notificationSettings: false });
			for (const path of [ENDPOINTS.getNotificationConfig, ENDPOINTS.setNotificationConfig]) {
				const response = await post<ErrorEnvelope>(emulator, path, { organizationId: ORG, userId: 'u', userIds: ['u'] });
				expect(response.status).toBe(HTTP_STATUS_BY_ERROR_CODE.FAILED_PRECONDITION);
				expect(response.data.error.status).toBe('FAILED_PRECONDITION');
			}
		});

		it('answers webhook endpoints with FAILED_PRECONDITION when advanced webhooks are off', async () => {
			emulator.setFeatures({ advancedWebhooks: false });
			for (const path of [ENDPOINTS.createWebhookEndpoint, ENDPOINTS.readWebhookEndpointSigningInfo, ENDPOINTS.deleteWebhookEndpoint]) {
				const response = await post<ErrorEnvelope>(emulator, path, { url: 'http://127.0.0.1:1/hook', endpointId: 'ep_x' });
				expect(response.data.error.status).toBe('FAILED_PRECONDITION');
			}
			expect(emulator.store.listWebhookEndpoints()).toHaveLength(0);
		});

		it('takes start options, and reset() restores them', async () => {
			const limited = await startVeltEmulator({ features: { notificationSettings: false } });
			try {
				expect(limited.getFeatures()).toEqual({ advancedQueries: true, notificationSettings: false, advancedWebhooks: true });
				limited.setFeatures({ notificationSettings: true, advancedQueries: false });
				limited.reset();
				expect(limited.getFeatures()).toEqual({ advancedQueries: true, notificationSettings: false, advancedWebhooks: true });
			} finally {
				await limited.close();
			}
		});
	});

	describe('advanced webhooks', () => {
		let receiver: http.Server;
		let receiverUrl: string;
		let received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;

		beforeAll(async () => {
			receiver = http.createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', () => {
					received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
					res.writeHead(204).end();
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			const address = receiver.address();
			if (address === null || typeof address === 'string') throw new Error('no receiver address');
			receiverUrl = `http://127.0.0.1:${address.port}/velt/webhook`;
		});
		afterAll(async () => {
			receiver.closeAllConnections();
			await new Promise((resolve) => receiver.close(resolve));
		});
		beforeEach(() => {
			received = [];
		});

		async function createEndpoint(filterTypes: string[] = ['comment.add']): Promise<string> {
			const response = await post<SuccessEnvelope<{ id: string }>>(emulator, ENDPOINTS.createWebhookEndpoint, {
				url: receiverUrl,
				filterTypes,
				description: 'n8n trigger',
			});
			expect(response.status).toBe(200);
			return response.data.result.data.id;
		}

		it('creates an endpoint, returns its secret, deletes it', async () => {
			const id = await createEndpoint();
			expect(id).toMatch(/^ep_[A-Za-z0-9]+$/);
			expect(emulator.store.getWebhookEndpoint(id)).toMatchObject({ url: receiverUrl, filterTypes: ['comment.add'], description: 'n8n trigger' });

			const secret = await post<SuccessEnvelope<{ secret: string }>>(emulator, ENDPOINTS.readWebhookEndpointSigningInfo, { endpointId: id });
			expect(secret.data.result.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
			expect(Buffer.from(secret.data.result.data.secret.slice(6), 'base64')).toHaveLength(24);

			const deleted = await post<SuccessEnvelope<{ success: boolean }>>(emulator, ENDPOINTS.deleteWebhookEndpoint, { endpointId: id });
			expect(deleted.data.result.data).toEqual({ success: true });
			for (const path of [ENDPOINTS.readWebhookEndpointSigningInfo, ENDPOINTS.deleteWebhookEndpoint]) {
				const gone = await post<ErrorEnvelope>(emulator, path, { endpointId: id });
				expect(gone.status).toBe(404);
				expect(gone.data.error.status).toBe('NOT_FOUND');
			}
		});

		it('delivers events signed per Standard Webhooks', async () => {
			const id = await createEndpoint();
			const secret = emulator.store.getWebhookEndpoint(id)?.secret ?? '';
			const payload = { event: 'comment.add', actionType: 'add', source: 'comment', data: { text: 'hi' }, webhookId: 'wh-1', platform: 'sdk' };
			const result = await emulator.deliverWebhookEvent(id, payload);
			expect(result.status).toBe(204);
			expect(received).toHaveLength(1);

			const { headers, body } = received[0];
			expect(JSON.parse(body)).toEqual(payload);
			const webhookId = String(headers['webhook-id']);
			const timestamp = String(headers['webhook-timestamp']);
			expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
			const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
				.update(`${webhookId}.${timestamp}.${body}`)
				.digest('base64');
			expect(headers['webhook-signature']).toBe(`v1,${expected}`);
			expect(verifyStandardWebhook(secret, headers, body)).toBe(true);
			expect(verifyStandardWebhook(secret, headers, `${body} `)).toBe(false);
		});

		it('lets negative tests override timestamp, secret and signature', async () => {
			const id = await createEndpoint();
			const secret = emulator.store.getWebhookEndpoint(id)?.secret ?? '';
			await emulator.deliverWebhookEvent(id, { event: 'comment.add' }, { timestampSeconds: 1_000_000 });
			await emulator.deliverWebhookEvent(id, { event: 'comment.add' }, { secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
			await emulator.deliverWebhookEvent(id, { event: 'comment.add' }, { signature: 'v1,bm90LWEtc2lnbmF0dXJl' });
			expect(received.map((r) => r.headers['webhook-timestamp'])[0]).toBe('1000000');
			expect(verifyStandardWebhook(secret, received[0].headers, received[0].body)).toBe(false);
			expect(verifyStandardWebhook(secret, received[0].headers, received[0].body, { nowSeconds: 1_000_000 })).toBe(true);
			expect(verifyStandardWebhook(secret, received[1].headers, received[1].body)).toBe(false);
			expect(received[2].headers['webhook-signature']).toBe('v1,bm90LWEtc2lnbmF0dXJl');
		});

		it('publishes only to endpoints whose filter matches', async () => {
			const comments = await createEndpoint(['comment.add']);
			await createEndpoint(['huddle.create']);
			const everything = await createEndpoint([]);
			const results = await emulator.publishWebhookEvent({ event: 'comment.add', data: {} });
			expect(results.map((r) => r.endpointId).sort()).toEqual([comments, everything].sort());
			expect(received).toHaveLength(2);
		});

		it('refuses to deliver anywhere but 127.0.0.1', async () => {
			const id = emulator.store.createWebhookEndpoint({ url: 'http://example.com/hook' }).id;
			await expect(emulator.deliverWebhookEvent(id, { event: 'x' })).rejects.toThrow(/only calls http:\/\/127\.0\.0\.1/);
		});

		it('signs the Standard Webhooks reference vector', () => {
			expect(
				signStandardWebhook(
					'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
					'msg_p5jXN8AQM9LWM0D4loKWxJek',
					1614265330,
					'{"test": 2432232314}',
				),
			).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
		});
	});

	describe('faults', () => {
		const notApplied: Array<[FaultKind, number]> = [
			['rate_limit', 429],
			['rate_limit_retry_after', 429],
			['internal', 500],
			['unavailable', 503],
			['html', 502],
		];

		it.each(notApplied)('%s answers %i and does not apply the add', async (kind, status) => {
			emulator.failNext(kind);
			const response = await addNotification(emulator, { notificationId: 'n1' });
			expect(response.status).toBe(status);
			expect(emulator.store.countNotifications()).toBe(0);
			expect(emulator.requests.at(-1)?.fault).toBe(kind);
			// The next request is normal again.
			expect((await addNotification(emulator, { notificationId: 'n1' })).status).toBe(200);
			expect(emulator.requests.at(-1)?.fault).toBeUndefined();
		});

		it('shapes each answering fault like the real thing', async () => {
			emulator.failNext('rate_limit');
			emulator.failNext('rate_limit_retry_after');
			emulator.failNext('internal');
			emulator.failNext('unavailable');
			emulator.failNext('html');
			const [rateLimit, retryAfter, internal, unavailable, html] = [
				await addNotification(emulator, {}),
				await addNotification(emulator, {}),
				await addNotification(emulator, {}),
				await addNotification(emulator, {}),
				await addNotification(emulator, {}),
			];
			expect(rateLimit.headers['retry-after']).toBeUndefined();
			expect((rateLimit.data as unknown as ErrorEnvelope).error.status).toBe('RESOURCE_EXHAUSTED');
			expect(retryAfter.headers['retry-after']).toBe('1');
			expect((retryAfter.data as unknown as ErrorEnvelope).error.status).toBe('RESOURCE_EXHAUSTED');
			expect((internal.data as unknown as ErrorEnvelope).error.status).toBe('INTERNAL');
			expect((unavailable.data as unknown as ErrorEnvelope).error.status).toBe('UNAVAILABLE');
			expect(html.headers['content-type']).toMatch(/^text\/html/);
			expect(typeof html.data).toBe('string');
			expect(html.data as unknown as string).toMatch(/^<!DOCTYPE html>/);
		});

		it('drop_before destroys the socket without applying the add', async () => {
			emulator.failNext('drop_before');
			const code = await expectNetworkError(addNotification(emulator, { notificationId: 'n1' }));
			expect(code).toBe('ECONNRESET');
			expect(emulator.store.countNotifications()).toBe(0);
			expect(emulator.requests[0].fault).toBe('drop_before');
		});

		it('drop applies the add and then loses the answer; a retry with the same id replaces it', async () => {
			emulator.failNext('drop');
			await expectNetworkError(addNotification(emulator, { notificationId: 'n1', displayBodyMessage: 'attempt 1' }));
			expect(emulator.store.countNotifications()).toBe(1);
			const retry = await addNotification(emulator, { notificationId: 'n1', displayBodyMessage: 'attempt 2' });
			expect(retry.status).toBe(200);
			expect(emulator.store.countNotifications()).toBe(1);
			expect(emulator.store.getNotification(ORG, 'n1')?.data.displayBodyMessage).toBe('attempt 2');
			expect(emulator.requests.map((r) => r.fault)).toEqual(['drop', undefined]);
		});

		it('slow: a client that times out still caused the write; a patient client gets the answer late', async () => {
			emulator.failNext('slow', 1, undefined, { slowMs: 800 });
			const code = await expectNetworkError(
				post(emulator, ENDPOINTS.addNotification, { organizationId: ORG, notificationId: 'timed-out' }, { timeout: 100 }),
			);
			expect(code).toBe('ECONNABORTED');
			expect(emulator.store.getNotification(ORG, 'timed-out')).toBeDefined();

			emulator.failNext('slow', 1, undefined, { slowMs: 300 });
			const started = Date.now();
			const response = await addNotification(emulator, { notificationId: 'patient' });
			expect(response.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(280);
			expect(emulator.requests.map((r) => r.fault)).toEqual(['slow', 'slow']);
		});

		it('consumes scripted faults in order, only on their path, before random faults', async () => {
			emulator.setFaults({ rate: 1, seed: 1, kinds: ['html'], paths: [ENDPOINTS.updateNotifications] });
			emulator.failNext('rate_limit', 2);
			emulator.failNext('internal', 1, ENDPOINTS.getNotifications);
			emulator.failNext('unavailable');
			const statuses: number[] = [];
			statuses.push((await addNotification(emulator, {})).status); // rate_limit
			statuses.push((await getNotifications(emulator, { userId: 'u' })).status); // rate_limit
			statuses.push((await addNotification(emulator, {})).status); // unavailable (internal waits for /get)
			statuses.push((await addNotification(emulator, {})).status); // ok
			statuses.push((await getNotifications(emulator, { userId: 'u' })).status); // internal
			statuses.push((await post(emulator, ENDPOINTS.updateNotifications, { organizationId: ORG, notifications: [] })).status); // random html
			statuses.push((await getNotifications(emulator, { userId: 'u' })).status); // ok
			expect(statuses).toEqual([429, 429, 503, 200, 500, 502, 200]);
		});

		it('random faults are reproducible from the seed', async () => {
			const kinds = FAULT_KINDS.filter((kind) => kind !== 'slow');
			async function run(seed: number): Promise<Array<string | undefined>> {
				emulator.reset();
				emulator.setFaults({ rate: 0.5, seed, kinds: [...kinds], slowMs: 5 });
				for (let i = 0; i < 40; i++) {
					await addNotification(emulator, { notificationId: `n${i}` }).catch(() => undefined);
				}
				return emulator.requests.map((r) => r.fault);
			}
			const first = await run(42);
			const again = await run(42);
			const other = await run(7);
			expect(again).toEqual(first);
			expect(other).not.toEqual(first);
			const faulted = first.filter((f) => f !== undefined).length;
			expect(faulted).toBeGreaterThan(8);
			expect(faulted).toBeLessThan(32);
			expect(new Set(first.filter((f) => f !== undefined)).size).toBeGreaterThan(3);

			// Applied kinds leave the notification stored; the others do not.
			await run(42);
			first.forEach((fault, i) => {
				const stored = emulator.store.getNotification(ORG, `n${i}`) !== undefined;
				expect([fault, stored]).toEqual([fault, fault === undefined || fault === 'drop']);
			});
		});

		it('rate 0 never faults, and paths limit where faults happen', async () => {
			emulator.setFaults({ rate: 0, seed: 3, kinds: ['internal'] });
			for (let i = 0; i < 10; i++) expect((await addNotification(emulator, {})).status).toBe(200);
			emulator.setFaults({ rate: 1, seed: 3, kinds: ['internal'], paths: [ENDPOINTS.getNotifications] });
			expect((await addNotification(emulator, {})).status).toBe(200);
			expect((await getNotifications(emulator, { userId: 'u' })).status).toBe(500);
			emulator.setFaults(undefined);
			expect((await getNotifications(emulator, { userId: 'u' })).status).toBe(200);
		});
	});

	describe('latency and recording', () => {
		it('records every API request with headers, parsed body and fault', async () => {
			await addNotification(emulator, { notificationId: 'n1' });
			await post(emulator, ENDPOINTS.addNotification, undefined, { rawBody: 'not json' });
			expect(emulator.requests).toHaveLength(2);
			expect(emulator.requests[0]).toMatchObject({
				method: 'POST',
				path: ENDPOINTS.addNotification,
				body: { data: { organizationId: ORG, notificationId: 'n1' } },
			});
			expect(emulator.requests[0].headers[API_KEY_HEADER]).toBe('test-api-key');
			expect(emulator.requests[1].body).toBe('not json');
			expect(typeof emulator.requests[0].receivedAt).toBe('number');
		});

		it('keeps the recorded body as sent even after later updates', async () => {
			await addNotification(emulator, { notificationId: 'n1', displayBodyMessage: 'as sent' });
			await post(emulator, ENDPOINTS.updateNotifications, {
				organizationId: ORG,
				notifications: [{ id: 'n1', displayBodyMessage: 'changed' }],
			});
			expect((emulator.requests[0].body as { data: { displayBodyMessage: string } }).data.displayBodyMessage).toBe('as sent');
		});

		it('adds latencyMs before every response', async () => {
			const slow = await startVeltEmulator({ latencyMs: 150 });
			try {
				const started = Date.now();
				await post(slow, ENDPOINTS.addNotification, { organizationId: ORG });
				expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			} finally {
				await slow.close();
			}
		});
	});

	describe('control endpoints', () => {
		const control = (path: string) => `${emulator.url}/__emulator${path}`;

		it('exposes health, requests, notifications, features, faults and reset without auth or recording', async () => {
			await addNotification(emulator, { notificationId: 'n1' });

			const health = await axios.get<{ ok: boolean; notifications: number; requests: number }>(control('/health'));
			expect(health.data).toMatchObject({ ok: true, notifications: 1, requests: 1 });

			const requests = await axios.get<{ requests: Array<{ path: string }> }>(control('/requests'));
			expect(requests.data.requests.map((r) => r.path)).toEqual([ENDPOINTS.addNotification]);

			const notifications = await axios.get<{ notifications: Array<{ id: string; notifyAll: boolean; readByUserIds: string[] }> }>(
				control(`/notifications?organizationId=${ORG}`),
			);
			expect(notifications.data.notifications).toEqual([
				expect.objectContaining({ id: 'n1', notifyAll: true, readByUserIds: [] }) as unknown,
			]);

			const features = await axios.post<{ features: Record<string, boolean> }>(control('/features'), { advancedQueries: false });
			expect(features.data.features.advancedQueries).toBe(false);
			expect((await getNotifications(emulator, { userId: 'u' })).status).toBe(404);

			await axios.post(control('/faults'), { rate: 1, seed: 9, kinds: ['internal'] });
			expect((await addNotification(emulator, {})).status).toBe(500);
			await axios.post(control('/faults'), null, { headers: { 'content-type': 'application/json' } });
			expect((await addNotification(emulator, {})).status).toBe(200);

			await axios.post(control('/fail-next'), { kind: 'rate_limit', count: 1 });
			expect((await addNotification(emulator, {})).status).toBe(429);

			await axios.post(control('/clock'), { now: 123456 });
			await addNotification(emulator, { notificationId: 'clocked' });
			expect(emulator.store.getNotification(ORG, 'clocked')?.timestamp).toBe(123456);

			const badFaults = await axios.post(control('/faults'), { rate: 2, seed: 1, kinds: ['internal'] }, { validateStatus: () => true });
			expect(badFaults.status).toBe(400);

			// None of the control calls were recorded.
			expect(emulator.requests.every((r) => !r.path.startsWith('/__emulator'))).toBe(true);

			await axios.post(control('/reset'));
			expect(emulator.requests).toHaveLength(0);
			expect(emulator.store.countNotifications()).toBe(0);
			expect(emulator.getFeatures().advancedQueries).toBe(true);

			const unknown = await axios.get(control('/nope'), { validateStatus: () => true });
			expect(unknown.status).toBe(404);
		});

		it('seeds sample data and lists webhook endpoints', async () => {
			const seeded = await axios.post<{ notificationCount: number }>(control('/seed-sample'), { seed: 5 });
			expect(seeded.data.notificationCount).toBe(300);
			expect(emulator.store.countNotifications()).toBe(300);
			emulator.store.createWebhookEndpoint({ url: 'http://127.0.0.1:9/hook', filterTypes: ['comment.add'] });
			const endpoints = await axios.get<{ endpoints: Array<{ url: string; secret: string }> }>(control('/webhook-endpoints'));
			expect(endpoints.data.endpoints).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:9/hook' }) as unknown]);
		});
	});

	describe('sample data', () => {
		it('seeds 3 organizations with documents, users, settings and ~300 varied notifications, deterministically', () => {
			const a = new EmulatorStore();
			const b = new EmulatorStore();
			const summary = seedSampleData(a, { seed: 11, now: 1_700_000_000_000 });
			seedSampleData(b, { seed: 11, now: 1_700_000_000_000 });
			expect(summary.organizations).toHaveLength(3);
			expect(summary.notificationCount).toBe(300);
			for (const organization of summary.organizations) {
				expect(organization.documentIds.length).toBeGreaterThanOrEqual(4);
				expect(a.listUsers(organization.organizationId)).toHaveLength(8);
				for (const user of a.listUsers(organization.organizationId)) expect(user.email).toMatch(/^[a-z.]+@example\.com$/);
			}
			const all = a.listNotifications();
			expect(all.map((n) => n.id)).toEqual(b.listNotifications().map((n) => n.id));
			expect(JSON.stringify(all.map((n) => a.toApiNotification(n)))).toBe(JSON.stringify(b.listNotifications().map((n) => b.toApiNotification(n))));

			const sources = new Set(all.map((n) => n.notificationSource));
			expect([...sources].sort()).toEqual(['comment', 'crdt', 'custom', 'huddle']);
			expect(all.some((n) => n.readByUserIds.size > 0)).toBe(true);
			expect(all.some((n) => n.notifyAll)).toBe(true);
			expect(all.some((n) => n.isNotificationResolverUsed)).toBe(true);
			expect(all.some((n) => String(n.data.displayHeadlineMessageTemplate).includes('{recipientUser}'))).toBe(true);
			const times = all.map((n) => n.timestamp);
			expect(Math.min(...times)).toBeGreaterThanOrEqual(1_700_000_000_000 - 14 * 24 * 3600 * 1000);
			expect(Math.max(...times)).toBeLessThanOrEqual(1_700_000_000_000);
			expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(10 * 24 * 3600 * 1000);

			const other = new EmulatorStore();
			seedSampleData(other, { seed: 12, now: 1_700_000_000_000 });
			expect(other.listNotifications().map((n) => n.id)).not.toEqual(all.map((n) => n.id));
		});

		it('generates 50,000 notifications quickly and pages through them over HTTP', async () => {
			const started = Date.now();
			const seeds = makeNotifications(50_000, { organizationId: 'bench-org', documentId: 'bench-doc', userIds: ['u1', 'u2', 'u3'] });
			emulator.store.insertNotifications(seeds);
			expect(emulator.store.countNotifications('bench-org')).toBe(50_000);
			expect(Date.now() - started).toBeLessThan(3000);

			const pagingStarted = Date.now();
			const { pages } = await getAllPages(emulator, { organizationId: 'bench-org', documentId: 'bench-doc' });
			expect(pages).toHaveLength(50);
			expect(new Set(pages.flat().map((n) => n.id)).size).toBe(50_000);
			const forU1 = await getAllPages(emulator, { organizationId: 'bench-org', userId: 'u1', order: 'asc' });
			expect(forU1.pages.flat().length).toBe(emulator.store.listNotifications({ organizationId: 'bench-org', userId: 'u1' }).length);
			expect(Date.now() - pagingStarted).toBeLessThan(10_000);
		});
	});

	describe('close()', () => {
		it('closes keep-alive and in-flight sockets and leaves no server, socket or timer behind', async () => {
			const countResources = () => {
				const counts: Record<string, number> = {};
				for (const resource of process.getActiveResourcesInfo()) counts[resource] = (counts[resource] ?? 0) + 1;
				return counts;
			};
			const before = countResources();
			const temporary = await startVeltEmulator({ latencyMs: 5 });
			const agent = new http.Agent({ keepAlive: true });
			const keepAlive = await axios.post(`${temporary.url}${ENDPOINTS.addNotification}`, { data: { organizationId: ORG } }, {
				headers: AUTH,
				httpAgent: agent,
			});
			expect(keepAlive.status).toBe(200);
			temporary.failNext('slow', 1, undefined, { slowMs: 60_000 });
			const inFlight = axios
				.post(`${temporary.url}${ENDPOINTS.addNotification}`, { data: { organizationId: ORG } }, { headers: AUTH, httpAgent: agent })
				.then(() => 'answered', () => 'failed');
			await sleep(50);

			const closeStarted = Date.now();
			await temporary.close();
			expect(Date.now() - closeStarted).toBeLessThan(1000);
			expect(await inFlight).toBe('failed');
			await expectNetworkError(axios.post(`${temporary.url}${ENDPOINTS.addNotification}`, {}, { headers: AUTH }));
			agent.destroy();
			// Sockets and timers close asynchronously; on a loaded machine that takes a moment.
			const kinds = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
			const leftovers = () => kinds.map((kind) => [kind, Math.max(0, (countResources()[kind] ?? 0) - (before[kind] ?? 0))]);
			for (let waited = 0; waited < 2000 && leftovers().some(([, extra]) => extra !== 0); waited += 20) await sleep(20);
			expect(leftovers()).toEqual(kinds.map((kind) => [kind, 0]));
			await temporary.close(); // idempotent
		});
	});
});
