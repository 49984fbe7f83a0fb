/**
 * Comment Thread > Create and User > Create or Update batched (issue 25), through n8n-core: many
 * items become few requests (counted, bodies as the emulator received them), Velt's per-id
 * answers map back to each item in input order, and a batch in which Velt fails some ids fails
 * exactly those items (with Continue On Fail the others keep their output). The emulator serves
 * what its pages document; a canned Velt serves answers it never gives (an id failed in a
 * successful answer, an unreported id, a map in another order than sent).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { useEmulator } from '../helpers/useEmulator';
import { expectedGeneratedId } from '../node/support';
import { byId, COLLABORATION_ENDPOINTS as E, errorMessage, runVeltNode, sentData } from './support';

const emulator = useEmulator();
const velt = cannedVeltForFile();
const EXECUTION_ID = 'exec-batching';
const generated = (itemIndex: number) => expectedGeneratedId(EXECUTION_ID, itemIndex);

const createThread: INodeParameters = {
	resource: 'commentThread',
	operation: 'create',
	organizationId: byId('acme'),
	documentId: '={{ $json.doc }}',
	userId: '={{ $json.author }}',
	commentText: '={{ $json.text }}',
};

const upsertUser: INodeParameters = {
	resource: 'user',
	operation: 'upsert',
	organizationId: byId('acme'),
	userId: '={{ $json.userId }}',
	userFields: { name: '={{ $json.name }}' },
};

const annotationsSent = (from: 'emulator' | 'canned' = 'emulator'): IDataObject[][] =>
	(from === 'emulator'
		? sentData(emulator, E.addCommentAnnotations)
		: velt.requests.map((request) => (request.body as { data: IDataObject }).data)
	).map((data) => data.commentAnnotations as IDataObject[]);

/** Batches in the node's order (they run at once, so they may arrive in another): by their first entry. */
function inNodeOrder<T>(batches: T[][], order: T[]): T[][] {
	return [...batches].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

const success = (data: IDataObject) => ({
	status: 200,
	body: { result: { status: 'success', message: 'ok', data } },
});

describe('Comment Thread > Create', () => {
	test('120 items of one document are 3 requests (Batch Size 50), each thread with its own generated id, output in input order', async () => {
		const items = Array.from({ length: 120 }, (_, index) => ({
			doc: 'deal-1',
			author: 'ana',
			text: `note ${index}`,
		}));
		const run = await runVeltNode(emulator, {
			parameters: createThread,
			items,
			executionId: EXECUTION_ID,
		});
		expect(run.status).toBe('success');
		expect(emulator.requests).toHaveLength(3);
		const ids = items.map((_, index) => generated(index));
		const sent = inNodeOrder(
			annotationsSent().map((list) => list.map((annotation) => annotation.annotationId)),
			ids,
		);
		expect(sent.map((list) => list.length)).toEqual([50, 50, 20]);
		expect(sent.flat()).toEqual(ids);
		const texts = new Map(
			annotationsSent()
				.flat()
				.map((a) => [a.annotationId, (a.commentData as IDataObject[])[0].commentText]),
		);
		expect(ids.map((id) => texts.get(id))).toEqual(items.map((item) => item.text));
		expect(run.json.map((json) => json.annotationId)).toEqual(items.map((_, i) => generated(i)));
		expect(run.json[119]).toMatchObject({
			success: true,
			organizationId: 'acme',
			documentId: 'deal-1',
			commentIds: [expect.any(Number)],
			message: 'Added Successfully',
		});
		expect(emulator.store.collaboration.listAnnotations()).toHaveLength(120);
	});

	test('items of two documents and a Batch Size of 2: one request per document and batch', async () => {
		const docs = ['d1', 'd2', 'd1', 'd1', 'd2'];
		const run = await runVeltNode(emulator, {
			parameters: { ...createThread, options: { batchSize: 2 } },
			items: docs.map((doc, index) => ({ doc, author: 'ana', text: `t${index}` })),
			executionId: EXECUTION_ID,
		});
		expect(run.status).toBe('success');
		// The three requests run at once: their order on arrival is not the node's.
		const batches = sentData(emulator, E.addCommentAnnotations).map((data) =>
			JSON.stringify([
				data.documentId,
				(data.commentAnnotations as IDataObject[]).map((annotation) => annotation.annotationId),
			]),
		);
		expect(batches.sort()).toEqual(
			[
				['d1', [generated(0), generated(2)]],
				['d1', [generated(3)]],
				['d2', [generated(1), generated(4)]],
			]
				.map((batch) => JSON.stringify(batch))
				.sort(),
		);
		expect(run.json.map((json) => [json.documentId, json.annotationId])).toEqual(
			docs.map((doc, index) => [doc, generated(index)]),
		);
	});

	test('a Comment Thread ID given twice goes to a later request, so the second item replaces the thread', async () => {
		const run = await runVeltNode(emulator, {
			parameters: { ...createThread, additionalFields: { annotationId: 'same' } },
			items: [
				{ doc: 'd1', author: 'ana', text: 'first' },
				{ doc: 'd1', author: 'ana', text: 'second' },
			],
		});
		expect(run.status).toBe('success');
		expect(annotationsSent().map((list) => list.map((a) => a.annotationId))).toEqual([
			['same'],
			['same'],
		]);
		const threads = emulator.store.collaboration.listAnnotations();
		expect(threads).toHaveLength(1);
		expect(threads[0].comments.map((comment) => comment.data.commentText)).toEqual(['second']);
	});

	describe.each([false, true])(
		'Verify User Permissions denies one author of a batch (Continue On Fail: %s)',
		(continueOnFail) => {
			test('the request fails with error.details: the threads written succeed, the denied one fails', async () => {
				emulator.store.upsertUser('acme', { userId: 'ana' });
				emulator.store.upsertUser('acme', { userId: 'cy' });
				const run = await runVeltNode(emulator, {
					parameters: { ...createThread, additionalFields: { verifyUserPermissions: true } },
					items: ['ana', 'bo', 'cy'].map((author) => ({ doc: 'd1', author, text: author })),
					executionId: EXECUTION_ID,
					continueOnFail,
				});
				expect(emulator.requests).toHaveLength(1);
				expect(sentData(emulator)[0]).toMatchObject({ verifyUserPermissions: true });
				// What details says was written is in the store, whatever the node does next.
				expect(
					emulator.store.collaboration.listAnnotations().map((thread) => thread.annotationId),
				).toEqual([generated(0), generated(2)]);
				const denied =
					/^Velt: User does not have access to this document\. \[PERMISSION_DENIED\] \(HTTP 403\)$/;
				if (!continueOnFail) {
					expect(run.status).toBe('error');
					expect(errorMessage(run)).toMatch(denied);
					return;
				}
				expect(run.status).toBe('success');
				expect(run.json.map((json) => json.annotationId ?? json.error)).toEqual([
					generated(0),
					expect.stringMatching(denied),
					generated(2),
				]);
				expect(run.json[1].description).toMatch(/has no access to the document/);
			});
		},
	);

	test('an answer in another order than sent maps back by annotationId; a failed and an unreported thread fail only their items', async () => {
		const entry = (id: string) => ({
			success: true,
			annotationId: id,
			commentIds: [1],
			message: 'Added Successfully',
		});
		velt.answer = success({
			[generated(3)]: entry(generated(3)),
			[generated(1)]: { success: false, message: 'Refused by the test' },
			[generated(0)]: entry(generated(0)),
		});
		const run = await runVeltNode(velt, {
			parameters: { ...createThread, options: { maxRetries: 0 } },
			items: [0, 1, 2, 3].map((index) => ({ doc: 'd1', author: 'ana', text: `t${index}` })),
			executionId: EXECUTION_ID,
			continueOnFail: true,
		});
		expect(velt.requests).toHaveLength(1);
		expect(annotationsSent('canned')[0].map((a) => a.annotationId)).toEqual(
			[0, 1, 2, 3].map(generated),
		);
		expect(run.json.map((json) => json.annotationId ?? json.error)).toEqual([
			generated(0),
			`Velt could not create comment thread ${generated(1)} (Refused by the test)`,
			`Velt could not create comment thread ${generated(2)} (not reported by Velt)`,
			generated(3),
		]);
	});
});

describe('User > Create or Update', () => {
	test('120 users, half of them known: 3 updates and 2 adds instead of 180 requests; output in input order', async () => {
		const items = Array.from({ length: 120 }, (_, index) => ({
			userId: `u${index}`,
			name: `User ${index}`,
		}));
		items.forEach((item, index) => {
			if (index % 2 === 0) emulator.store.upsertUser('acme', { userId: item.userId, name: 'Old' });
		});
		const run = await runVeltNode(emulator, { parameters: upsertUser, items });
		expect(run.status).toBe('success');
		// The adds start once every update of the wave has its answer.
		expect(emulator.requests.map((request) => request.path)).toEqual([
			E.updateUsers,
			E.updateUsers,
			E.updateUsers,
			E.addUsers,
			E.addUsers,
		]);
		const order = items.map((item) => item.userId);
		const users = (path: string) =>
			inNodeOrder(
				sentData(emulator, path).map((data) =>
					(data.users as IDataObject[]).map((u) => String(u.userId)),
				),
				order,
			);
		expect(users(E.updateUsers).map((list) => list.length)).toEqual([50, 50, 20]);
		expect(users(E.updateUsers).flat()).toEqual(items.map((item) => item.userId));
		expect(users(E.addUsers).flat()).toEqual(
			items.filter((_, index) => index % 2 === 1).map((item) => item.userId),
		);
		expect(run.json.map((json) => [json.userId, json.action])).toEqual(
			items.map((item, index) => [item.userId, index % 2 === 0 ? 'updated' : 'created']),
		);
		for (const item of items)
			expect(emulator.store.getUser('acme', item.userId)?.name).toBe(item.name);
	});

	test('an item in JSON mode shares the batch with the others and keeps its own output', async () => {
		emulator.store.upsertUser('acme', { userId: 'a' });
		const run = await runVeltNode(emulator, {
			parameters: {
				...upsertUser,
				userInputMode: '={{ $json.users ? "json" : "fields" }}',
				users: '={{ $json.users }}',
			},
			items: [{ users: [{ userId: 'a' }, { userId: 'b' }] }, { userId: 'c', name: 'Cy' }],
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator).map((data) => (data.users as IDataObject[]).map((u) => u.userId)),
		).toEqual([
			['a', 'b', 'c'],
			['b', 'c'],
		]);
		expect(run.json).toEqual([
			{
				organizationId: 'acme',
				users: [
					expect.objectContaining({ userId: 'a', action: 'updated' }),
					expect.objectContaining({ userId: 'b', action: 'created' }),
				],
			},
			expect.objectContaining({ userId: 'c', name: 'Cy', action: 'created' }),
		]);
	});

	test("a user in two items of one level: the second item waits for the first one's update and add, so its fields apply last", async () => {
		const run = await runVeltNode(emulator, {
			parameters: upsertUser,
			items: [
				{ userId: 'u1', name: 'First' },
				{ userId: 'u2', name: 'Other' },
				{ userId: 'u1', name: 'Second' },
			],
		});
		expect(run.status).toBe('success');
		expect(
			emulator.requests.map((request) => [
				request.path,
				((request.body as { data: IDataObject }).data.users as IDataObject[]).map((u) => u.name),
			]),
		).toEqual([
			[E.updateUsers, ['First', 'Other']],
			[E.addUsers, ['First', 'Other']],
			[E.updateUsers, ['Second']],
		]);
		expect(run.json.map((json) => json.action)).toEqual(['created', 'created', 'updated']);
		expect(emulator.store.getUser('acme', 'u1')?.name).toBe('Second');
	});

	test('items with other create switches share the update but not the add', async () => {
		const run = await runVeltNode(emulator, {
			parameters: {
				...upsertUser,
				additionalFields: { createOrganization: '={{ $json.create }}' },
			},
			items: [
				{ userId: 'u1', name: 'A', create: true },
				{ userId: 'u2', name: 'B', create: false },
				{ userId: 'u3', name: 'C', create: true },
			],
		});
		expect(run.status).toBe('success');
		const [update, ...adds] = sentData(emulator).map((data) =>
			JSON.stringify([data.createOrganization, (data.users as IDataObject[]).map((u) => u.userId)]),
		);
		expect(update).toBe(JSON.stringify([undefined, ['u1', 'u2', 'u3']]));
		// The two adds run at once.
		expect(adds.sort()).toEqual(
			[JSON.stringify([true, ['u1', 'u3']]), JSON.stringify([undefined, ['u2']])].sort(),
		);
	});

	describe.each([false, true])(
		'Velt fails some users of a batch (Continue On Fail: %s)',
		(continueOnFail) => {
			test('a refused and an unreported user fail only their items; the missing one is still added with Continue On Fail', async () => {
				velt.queue.push(
					success({
						u1: { success: true, message: 'User updated.' },
						u2: { success: false, message: 'Refused by the test' },
						u4: { success: false, message: 'User does not exist.' },
					}),
				);
				velt.answer = success({ u4: { success: true, message: 'User added.' } });
				const run = await runVeltNode(velt, {
					parameters: { ...upsertUser, options: { maxRetries: 0 } },
					items: ['u1', 'u2', 'u3', 'u4'].map((userId) => ({ userId, name: userId })),
					continueOnFail,
				});
				if (!continueOnFail) {
					// Without Continue On Fail no request starts after a failure: no add.
					expect(velt.requests).toHaveLength(1);
					expect(run.status).toBe('error');
					expect(errorMessage(run)).toBe(
						'Velt could not create or update user u2 (Refused by the test)',
					);
					return;
				}
				expect(velt.requests.map((request) => request.path)).toEqual([E.updateUsers, E.addUsers]);
				expect(
					velt.requests.map((request) =>
						((request.body as { data: IDataObject }).data.users as IDataObject[]).map(
							(u) => u.userId,
						),
					),
				).toEqual([['u1', 'u2', 'u3', 'u4'], ['u4']]);
				expect(run.json.map((json) => json.action ?? json.error)).toEqual([
					'updated',
					'Velt could not create or update user u2 (Refused by the test)',
					'Velt could not create or update user u3 (not reported by Velt)',
					'created',
				]);
			});
		},
	);
});
