/** Bounded concurrency and request batching, through n8n-core's engine. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startVeltEmulator } from '../emulator';
import { waitFor } from '../helpers/bounds';
import { FakeClock } from '../helpers/fakeClock';
import { runVelt, sentData, VALID_ADD } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const UPDATE = '/v2/notifications/update';
const DELETE = '/v2/notifications/delete';
const ORG = 'org-volume';

const emulator = useEmulator();

function seed(count: number, documentId = 'doc-1'): string[] {
	return Array.from({ length: count }, (_, index) => {
		const id = `${documentId}-n${index}`;
		emulator.store.insertNotification(
			{
				organizationId: ORG,
				documentId,
				notificationId: id,
				notifyAll: false,
				notifyUsers: [{ userId: 'u1' }],
			},
			{ timestamp: 1000 + index },
		);
		return id;
	});
}

const addParameters = (options: INodeParameters) => ({
	...VALID_ADD,
	organizationId: ORG,
	documentId: 'doc-volume',
	displayHeadlineMessageTemplate: '=Item {{ $json.index }}',
	options,
});

describe('bounded concurrency', () => {
	test.each([1, 4])(
		'never more than %i requests in flight, output in input order',
		async (concurrency) => {
			// The emulator holds every answer until the test moves its clock, so each round has
			// exactly as many requests in flight as the node sends: counted, not raced.
			const clock = new FakeClock();
			const held = await startVeltEmulator({ latencyMs: 60, loadClock: clock });
			try {
				const items = Array.from({ length: 12 }, (_, index) => ({ index }));
				const run = runVelt(held, { items, parameters: addParameters({ concurrency }) });
				for (let answered = 0; answered < items.length; ) {
					const round = Math.min(concurrency, items.length - answered);
					await waitFor(`${round} requests in flight after ${answered} answered`, () => {
						return clock.pendingSleeps === round;
					});
					await clock.advance(60);
					answered += round;
				}
				const { status, items: output } = await run;
				expect(status).toBe('success');
				expect(held.stats().peakInFlight).toBe(concurrency);
				output.forEach((item, index) => {
					expect(item.pairedItem).toEqual({ item: index });
					expect(
						held.store.getNotification(ORG, item.json.notificationId as string)?.data
							.displayHeadlineMessageTemplate,
					).toBe(`Item ${index}`);
				});
			} finally {
				await held.close();
			}
		},
	);
});

describe('batching of Update and Delete', () => {
	const markRead = (options: INodeParameters = {}) => ({
		resource: 'notification',
		operation: 'update',
		organizationId: ORG,
		id: '={{ $json.id }}',
		documentId: '={{ $json.documentId }}',
		updateFields: { readByUserIds: '={{ $json.reader }}' },
		options,
	});

	test('120 mark-as-read items of one document go out as 50 + 50 + 20, each item answered', async () => {
		const ids = seed(120);
		const run = await runVelt(emulator, {
			items: ids.map((id, index) => ({ id, documentId: 'doc-1', reader: `r${index}` })),
			parameters: markRead(),
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator, UPDATE).map((data) => (data.notifications as IDataObject[]).length),
		).toEqual([50, 50, 20]);
		expect(
			sentData(emulator, UPDATE).every(
				(data) => data.organizationId === ORG && data.documentId === 'doc-1',
			),
		).toBe(true);
		expect(run.json).toEqual(
			ids.map((id) => ({ id, success: true, message: 'Notification updated.' })),
		);
		ids.forEach((id, index) =>
			expect([...(emulator.store.getNotification(ORG, id)?.readByUserIds ?? [])]).toEqual([
				`r${index}`,
			]),
		);
	});

	test('items of different documents or filters never share a request; batch size is an option', async () => {
		const a = seed(3, 'doc-a');
		const b = seed(3, 'doc-b');
		const items = [a[0], b[0], a[1], b[1], a[2], b[2]].map((id) => ({
			id,
			documentId: id.startsWith('doc-a') ? 'doc-a' : 'doc-b',
			reader: 'r',
		}));
		const run = await runVelt(emulator, { items, parameters: markRead({ batchSize: 2 }) });
		expect(run.status).toBe('success');
		// Requests run in parallel, so compare them in a fixed order.
		const batches = sentData(emulator, UPDATE)
			.map((data) => ({
				documentId: data.documentId,
				ids: (data.notifications as IDataObject[]).map((entry) => entry.id),
			}))
			.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
		expect(batches).toEqual([
			{ documentId: 'doc-a', ids: [a[0], a[1]] },
			{ documentId: 'doc-a', ids: [a[2]] },
			{ documentId: 'doc-b', ids: [b[0], b[1]] },
			{ documentId: 'doc-b', ids: [b[2]] },
		]);
		expect(run.json.map((json) => json.id)).toEqual(items.map((item) => item.id));
	});

	test('the same id twice: never in one request, both changes applied in input order', async () => {
		const [id, other] = seed(2);
		const run = await runVelt(emulator, {
			items: [
				{ id, body: 'first' },
				{ id: other, body: 'other' },
				{ id, body: 'second' },
			],
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: ORG,
				id: '={{ $json.id }}',
				updateFields: { displayBodyMessage: '={{ $json.body }}' },
			},
		});
		expect(run.status).toBe('success');
		const requests = sentData(emulator, UPDATE).map((data) =>
			(data.notifications as IDataObject[]).map(
				(entry) => `${entry.id}:${entry.displayBodyMessage}`,
			),
		);
		expect(requests).toEqual([[`${id}:first`, `${other}:other`], [`${id}:second`]]);
		expect(emulator.store.getNotification(ORG, id)?.data.displayBodyMessage).toBe('second');
		expect(run.json.map((json) => json.id)).toEqual([id, other, id]);
	});

	test("Velt's per-id answers go back to the right items; a failed id is that item's error", async () => {
		const ids = seed(4);
		const items = [ids[0], 'missing-1', ids[1], 'missing-2', ids[2]].map((id) => ({
			id,
			reader: 'r',
		}));
		const run = await runVelt(emulator, {
			items,
			continueOnFail: true,
			parameters: { ...markRead(), documentId: '' },
		});
		expect(sentData(emulator, UPDATE)).toHaveLength(1);
		expect(run.json).toEqual([
			{ id: ids[0], success: true, message: 'Notification updated.' },
			{
				error: 'Velt could not update notification missing-1 (Failed to update notification.)',
				description: expect.stringContaining('exists'),
			},
			{ id: ids[1], success: true, message: 'Notification updated.' },
			{
				error: 'Velt could not update notification missing-2 (Failed to update notification.)',
				description: expect.stringContaining('exists'),
			},
			{ id: ids[2], success: true, message: 'Notification updated.' },
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
	});

	test('deletes combine ids of many items, and each item learns which of its ids were deleted', async () => {
		const ids = seed(7);
		const items = [
			{ ids: `${ids[0]}, ${ids[1]}` },
			{ ids: [ids[2]] },
			{ ids: `${ids[3]},${ids[4]},${ids[5]}` },
		];
		const run = await runVelt(emulator, {
			items,
			parameters: {
				resource: 'notification',
				operation: 'delete',
				organizationId: ORG,
				notificationIds: '={{ $json.ids }}',
				documentId: 'doc-1',
				options: { batchSize: 4 },
			},
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator, DELETE)
				.map((data) => data.notificationIds as string[])
				.sort((x, y) => y.length - x.length),
		).toEqual([
			[ids[0], ids[1], ids[2], ids[3]],
			[ids[4], ids[5]],
		]);
		expect(run.json).toEqual([
			{ deleted: true, deletedIds: [ids[0], ids[1]], deletedCount: 2 },
			{ deleted: true, deletedIds: [ids[2]], deletedCount: 1 },
			{ deleted: true, deletedIds: [ids[3], ids[4], ids[5]], deletedCount: 3 },
		]);
		expect(
			emulator.store
				.listNotifications({ organizationId: ORG })
				.map((notification) => notification.id),
		).toEqual([ids[6]]);
	});
});
