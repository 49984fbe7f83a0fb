/**
 * Notification > Get Many against an emulator that serves at most 20 notifications a page:
 * the documented example requests, paging, Limit, notificationIds in groups of 30, and the
 * output (one item per notification, paired with the input item it came from; cases in
 * test/fixtures/requestCases/getAll.json).
 */
import type { IDataObject } from 'n8n-workflow';
import { encodePageToken, type NotificationInput } from '../emulator';
import { ENDPOINTS, pairedItems, runVelt, seedNotifications, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';
import { requestCases, runCase } from './requestCases';

const PAGE = 20;
const T0 = 1_722_409_500_000;

const emulator = useEmulator({ maxPageSize: PAGE });

const getMany = { resource: 'notification', operation: 'getAll' };
/** Get Many in the seeded organization and document. */
const inDocument = {
	...getMany,
	organizationId: 'yourOrganizationId',
	documentId: 'yourDocumentId',
};

/** `count` notifications n0..n(count-1), oldest first, at timestamps T0, T0+1, ... */
function seed(count: number, data: Partial<NotificationInput> = {}, prefix = 'n'): string[] {
	const ids = Array.from({ length: count }, (_, index) => `${prefix}${index}`);
	seedNotifications(
		emulator,
		ids.map((notificationId) => ({
			organizationId: 'yourOrganizationId',
			documentId: 'yourDocumentId',
			location: { id: 'yourLocationId' },
			notifyUsers: [{ userId: 'yourUserId' }],
			notifyAll: false,
			displayHeadlineMessageTemplate: `Headline ${notificationId}`,
			...data,
			notificationId,
		})),
		T0,
	);
	return ids;
}

/** The token the emulator hands out after a page that ends with notification `id` (newest first). */
function tokenAfter(id: string, timestamp: number): string {
	return encodePageToken({ timestamp, id }, 'desc');
}

describe('documented example requests', () => {
	test.each(requestCases('getAll', 'documented'))('%s', async (_name, check) => {
		await runCase(emulator, check);
	});
});

describe('paging and Limit', () => {
	test('Return All walks 3 pages, passing on each pageToken, and stops on the page without one', async () => {
		const ids = seed(45);
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				returnAll: true,
				simplify: false,
			},
		});
		expect(run.status).toBe('success');
		// Return All asks for Velt's default page size (1000), which needs no pageSize field.
		const base = { organizationId: 'yourOrganizationId', documentId: 'yourDocumentId' };
		expect(sentData(emulator, ENDPOINTS.getNotifications)).toEqual([
			base,
			{ ...base, pageToken: tokenAfter('n25', T0 + 25) },
			{ ...base, pageToken: tokenAfter('n5', T0 + 5) },
		]);
		expect(run.json.map((json) => json.id)).toEqual([...ids].reverse());
		expect(run.items).toHaveLength(45);
		expect(pairedItems(run).every((paired) => JSON.stringify(paired) === '{"item":0}')).toBe(true);
	});

	test('Oldest First pages in ascending order', async () => {
		const ids = seed(25);
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				returnAll: true,
				filters: { order: 'asc' },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator).map((data) => [data.order, data.pageToken])).toEqual([
			['asc', undefined],
			['asc', encodePageToken({ timestamp: T0 + 19, id: 'n19' }, 'asc')],
		]);
		expect(run.json.map((json) => json.id)).toEqual(ids);
	});

	test('Limit stops early: asks only for what is still missing and never reads the third page', async () => {
		const ids = seed(45);
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				limit: 25,
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator).map((data) => [data.pageSize, data.pageToken])).toEqual([
			[25, undefined],
			[5, tokenAfter('n25', T0 + 25)],
		]);
		expect(run.json.map((json) => json.id)).toEqual(ids.slice(20).reverse());
	});

	test('Limit within the first page makes a single request', async () => {
		seed(45);
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				limit: 3,
			},
		});
		expect(sentData(emulator)).toEqual([
			{ organizationId: 'yourOrganizationId', documentId: 'yourDocumentId', pageSize: 3 },
		]);
		expect(run.json.map((json) => json.id)).toEqual(['n44', 'n43', 'n42']);
	});

	test('Limit larger than what exists returns everything', async () => {
		const ids = seed(7);
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				limit: 50,
			},
		});
		expect(emulator.requests).toHaveLength(1);
		expect(run.json.map((json) => json.id)).toEqual([...ids].reverse());
	});
});

describe('notificationIds', () => {
	test('65 ids are sent in calls of 30, 30 and 5, in order; ids Velt does not know are simply absent', async () => {
		const ids = seed(70);
		const wanted = [...ids.slice(0, 64), 'missing-1'];
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				returnAll: true,
				filters: { notificationIds: wanted.join(', ') },
			},
		});
		expect(run.status).toBe('success');
		// Return All asks for Velt's default page size (1000), which needs no pageSize field.
		const base = { organizationId: 'yourOrganizationId', documentId: 'yourDocumentId' };
		// With 20 a page, each group of 30 takes two pages; the last group one. With Return All the
		// groups are read side by side, so their calls may interleave: compared in a stable order.
		const inOrder = (list: IDataObject[]) =>
			[...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		expect(inOrder(sentData(emulator))).toEqual(
			inOrder([
				{ ...base, notificationIds: wanted.slice(0, 30) },
				{ ...base, notificationIds: wanted.slice(0, 30), pageToken: tokenAfter('n10', T0 + 10) },
				{ ...base, notificationIds: wanted.slice(30, 60) },
				{ ...base, notificationIds: wanted.slice(30, 60), pageToken: tokenAfter('n40', T0 + 40) },
				{ ...base, notificationIds: wanted.slice(60) },
			]),
		);
		for (const data of sentData(emulator))
			expect((data.notificationIds as string[]).length).toBeLessThanOrEqual(30);
		// Each call answers newest first; the calls' answers follow one another.
		expect(run.json.map((json) => json.id)).toEqual([
			...ids.slice(0, 30).reverse(),
			...ids.slice(30, 60).reverse(),
			...ids.slice(60, 64).reverse(),
		]);
	});

	test('ids given as an array from an expression; each group of 30 is itself paged, and Limit counts across groups', async () => {
		const ids = seed(70);
		const run = await runVelt(emulator, {
			items: [{ ids: ids.slice(0, 31) }],
			parameters: {
				...inDocument,
				limit: 30,
				filters: { notificationIds: '={{ $json.ids }}' },
			},
		});
		expect(run.status).toBe('success');
		// The first 30 ids come in two pages of at most 20; with the Limit reached the last id is never asked for.
		expect(
			sentData(emulator).map((data) => [
				(data.notificationIds as string[]).length,
				data.pageSize,
				data.pageToken,
			]),
		).toEqual([
			[30, 30, undefined],
			[30, 10, tokenAfter('n10', T0 + 10)],
		]);
		expect(run.json.map((json) => json.id)).toEqual(ids.slice(0, 30).reverse());
	});

	test('an id given twice is asked for (and returned) once, even when the copies would fall in different groups of 30', async () => {
		const ids = seed(40);
		const wanted = [...ids.slice(0, 31), 'n0'];
		const run = await runVelt(emulator, {
			parameters: {
				...inDocument,
				returnAll: true,
				filters: { notificationIds: wanted.join(',') },
			},
		});
		expect(run.status).toBe('success');
		const groups = sentData(emulator).map((data) => data.notificationIds as string[]);
		expect(groups.sort((a, b) => b.length - a.length)).toEqual([
			ids.slice(0, 30),
			ids.slice(0, 30),
			ids.slice(30, 31),
		]);
		expect(run.json.map((json) => json.id)).toEqual([...ids.slice(0, 30).reverse(), 'n30']);
	});
});

describe('output', () => {
	test.each(requestCases('getAll', 'output'))('%s', async (_name, check) => {
		await runCase(emulator, check);
	});

	test('Simplify off returns the notification as Velt sends it, without the API key Velt echoes in metadata', async () => {
		emulator.store.insertNotification(
			{
				organizationId: 'acme',
				documentId: 'deal-1',
				notificationId: 'n-1',
				actionUser: { userId: 'u9', name: 'Bo' },
				displayHeadlineMessageTemplate: 'Hi',
				notificationSource: 'custom',
				notificationSourceData: { dealId: 1 },
				metadata: { team: 'sales' },
				notifyUsers: [{ userId: 'u1' }],
				notifyAll: false,
			},
			{ timestamp: 1722409519944 },
		);
		const run = await runVelt(emulator, {
			parameters: { ...getMany, organizationId: 'acme', documentId: 'deal-1', simplify: false },
		});
		expect(run.status).toBe('success');
		expect(run.json).toEqual([
			{
				id: 'n-1',
				notificationSource: 'custom',
				notificationSourceData: { dealId: 1 },
				actionUser: { userId: 'u9', name: 'Bo' },
				displayHeadlineMessageTemplate: 'Hi',
				metadata: { team: 'sales', organizationId: 'acme', documentId: 'deal-1' },
				notifyUsers: emulator.store.getNotification('acme', 'n-1')?.notifyUsers,
				notifyUsersByUserId: { u1: true },
				timestamp: 1722409519944,
				isNotificationResolverUsed: false,
			},
		]);
	});
});
