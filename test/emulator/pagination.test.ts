/**
 * Paging of the v2 gets (page sizes, tokens, the last page) and the sample workspace as the
 * organizations / documents / users / notifications endpoints show it.
 */
import { call } from './apiClient';
import { makeNotifications, seedSampleData } from './sampleData';
import { startVeltEmulator, type VeltEmulator } from './server';
import { ENDPOINTS } from './veltDocs';

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator({ maxPageSize: 500 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

/** Follows the token key until a page comes without one; returns the pages' sizes and all items. */
async function readAll(endpoint: string, data: Record<string, unknown>, tokenKey: string) {
	const sizes: number[] = [];
	const items: Array<Record<string, unknown>> = [];
	let token: string | undefined;
	for (let guard = 0; guard < 100; guard++) {
		const answer = await call(
			emulator,
			endpoint,
			token === undefined ? data : { ...data, pageToken: token },
		);
		expect(answer.status).toBe(200);
		sizes.push(answer.body.result.data.length);
		items.push(...answer.body.result.data);
		token = answer.body.result[tokenKey];
		if (token === undefined) {
			// choices.ts LAST_PAGE_HAS_NO_TOKEN: the key is absent, not null.
			expect(Object.keys(answer.body.result)).toEqual(['status', 'message', 'data']);
			return { sizes, items };
		}
	}
	throw new Error('no last page');
}

describe('the sample workspace through the get endpoints', () => {
	beforeEach(() => seedSampleData(emulator.store, { seed: 1, now: Date.UTC(2026, 0, 15) }));

	test('3 organizations, 12 documents, 24 users, 300 notifications', async () => {
		const organizations = await readAll(
			ENDPOINTS.getOrganizations,
			{ pageSize: 2 },
			'nextPageToken',
		);
		expect(organizations.sizes).toEqual([2, 1]);
		expect(organizations.items.map((o) => o.organizationName)).toEqual([
			'Acme Analytics',
			'Globex Design Studio',
			'Initech Engineering',
		]);

		let documents = 0;
		let users = 0;
		let notifications = 0;
		for (const { id } of organizations.items) {
			const docs = await readAll(
				ENDPOINTS.getDocuments,
				{ organizationId: id, pageSize: 3 },
				'pageToken',
			);
			expect(docs.sizes).toEqual([3, 1]);
			documents += docs.items.length;
			const people = await readAll(
				ENDPOINTS.getUsers,
				{ organizationId: id, pageSize: 5 },
				'nextPageToken',
			);
			expect(people.sizes).toEqual([5, 3]);
			users += people.items.length;
			for (const doc of docs.items) {
				const page = await readAll(
					ENDPOINTS.getNotifications,
					{ organizationId: id, documentId: doc.id, pageSize: 7 },
					'pageToken',
				);
				notifications += page.items.length;
			}
		}
		expect([documents, users, notifications]).toEqual([12, 24, 300]);
	});

	test('documents carry their names; users their name and email', async () => {
		const docs = await call(emulator, ENDPOINTS.getDocuments, {
			organizationId: 'org-acme-analytics',
		});
		expect(docs.body.result.data[0]).toEqual({
			documentName: 'Q3 Product Roadmap',
			disabled: false,
			accessType: 'public',
			id: 'doc-q3-roadmap',
		});
		const users = await call(emulator, ENDPOINTS.getUsers, {
			organizationId: 'org-acme-analytics',
			userIds: ['user-ava-thompson'],
		});
		expect(users.body.result.data).toEqual([
			{
				userId: 'user-ava-thompson',
				name: 'Ava Thompson',
				email: 'ava.thompson@example.com',
				accessRole: 'editor',
			},
		]);
	});

	test('organizationIds filters organizations; users grouped by document', async () => {
		const one = await call(emulator, ENDPOINTS.getOrganizations, {
			organizationIds: ['org-initech-eng'],
		});
		expect(one.body.result.data.map((o: { id: string }) => o.id)).toEqual(['org-initech-eng']);
		const grouped = await call(emulator, ENDPOINTS.getUsers, {
			organizationId: 'org-initech-eng',
			allDocuments: true,
			groupByDocumentId: true,
		});
		expect(Object.keys(grouped.body.result.data)).toHaveLength(4);
		expect(
			Object.values(grouped.body.result.data).every((list) => (list as unknown[]).length === 8),
		).toBe(true);
	});
});

describe('notifications paging', () => {
	const userIds = ['u1', 'u2'];
	beforeEach(() =>
		emulator.store.insertNotifications(
			makeNotifications(1203, { organizationId: 'o', documentId: 'd', userIds, seed: 3 }),
		),
	);

	test('the default page is 1000 (capped by maxPageSize) and the pages cover every notification once, newest first', async () => {
		const { sizes, items } = await readAll(
			ENDPOINTS.getNotifications,
			{ organizationId: 'o', documentId: 'd' },
			'pageToken',
		);
		expect(sizes).toEqual([500, 500, 203]);
		expect(new Set(items.map((n) => n.id)).size).toBe(1203);
		const timestamps = items.map((n) => n.timestamp as number);
		expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
	});

	test('pageSize and order asc', async () => {
		const { sizes, items } = await readAll(
			ENDPOINTS.getNotifications,
			{ organizationId: 'o', documentId: 'd', pageSize: 400, order: 'asc' },
			'pageToken',
		);
		expect(sizes).toEqual([400, 400, 400, 3]);
		const timestamps = items.map((n) => n.timestamp as number);
		expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
	});

	test('a token issued for desc cannot be used with asc; a foreign token ends the list', async () => {
		const first = await call(emulator, ENDPOINTS.getNotifications, {
			organizationId: 'o',
			documentId: 'd',
			pageSize: 10,
		});
		const mixed = await call(emulator, ENDPOINTS.getNotifications, {
			organizationId: 'o',
			documentId: 'd',
			order: 'asc',
			pageToken: first.body.result.pageToken,
		});
		expect(mixed.body.error.status).toBe('INVALID_ARGUMENT');
		const foreign = await call(emulator, ENDPOINTS.getNotifications, {
			organizationId: 'o',
			documentId: 'd',
			pageToken: String(8740648311207869),
		});
		expect(foreign.body.result).toEqual({
			status: 'success',
			message: 'Notification(s) retrieved successfully.',
			data: [],
		});
	});

	test('by user: isUnread and forYou per user', async () => {
		const answer = await call(emulator, ENDPOINTS.getNotifications, {
			organizationId: 'o',
			userId: 'u1',
			pageSize: 5,
		});
		for (const notification of answer.body.result.data) {
			expect(notification.notifyUsersByUserId.u1).toBe(true);
			expect(notification).toMatchObject({ isUnread: true, forYou: true });
		}
	});
});

describe('webhook endpoint listing pages with limit and iterator', () => {
	test('done, iterator and prevIterator', async () => {
		for (let i = 0; i < 5; i++)
			emulator.store.createWebhookEndpoint({ url: `http://127.0.0.1:1/h${i}` });
		const first = await call(emulator, ENDPOINTS.getWebhookEndpoints, { limit: 2 });
		expect(first.body.result.data).toMatchObject({ done: false, prevIterator: null });
		expect(first.body.result.data.endpoints).toHaveLength(2);
		const second = await call(emulator, ENDPOINTS.getWebhookEndpoints, {
			limit: 2,
			iterator: first.body.result.data.iterator,
		});
		const third = await call(emulator, ENDPOINTS.getWebhookEndpoints, {
			limit: 2,
			iterator: second.body.result.data.iterator,
		});
		expect(third.body.result.data).toMatchObject({ done: true, iterator: null });
		const urls = [first, second, third].flatMap((a) =>
			a.body.result.data.endpoints.map((e: { url: string }) => e.url),
		);
		expect(urls).toEqual([
			'http://127.0.0.1:1/h0',
			'http://127.0.0.1:1/h1',
			'http://127.0.0.1:1/h2',
			'http://127.0.0.1:1/h3',
			'http://127.0.0.1:1/h4',
		]);
	});
});
