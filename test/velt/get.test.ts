/**
 * Get of one record (Notification, Comment Thread, Comment, User) through n8n-core against the
 * emulator: the id is sent as Velt's id filter, one item per input item (ids from
 * expressions), Simplify, and an item error naming the id when Velt returns nothing for it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runVelt, sentData } from '../node/support';
import { seedOperationWorld } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import { byId, COLLABORATION_ENDPOINTS as E, errorMessage, runVeltNode } from './support';
import { DIRECTORY_ENDPOINTS, ENDPOINTS } from '../../nodes/shared/transport';

const emulator = useEmulator({}, { seed: seedOperationWorld });

const scope = { organizationId: byId('org-table'), documentId: byId('doc-table') };

const threadGet = { resource: 'commentThread', operation: 'get', ...scope };
const commentGet = { resource: 'comment', operation: 'get', ...scope, annotationId: 'thread-1' };
const userGet = { resource: 'user', operation: 'get', organizationId: byId('org-table') };
const notificationGet = { resource: 'notification', operation: 'get', ...scope };

const twoItems = (key: string, first: string | number, second: string | number): IDataObject[] => [
	{ [key]: first },
	{ [key]: second },
];

describe('Comment Thread > Get', () => {
	test('sends the thread as annotationIds and returns it simplified; raw with Simplify off', async () => {
		// A thread as Velt's docs show one: status and priority objects, an assignee, an author.
		emulator.store.collaboration.insertAnnotation({
			organizationId: 'org-table',
			documentId: 'doc-table',
			annotationId: 'thread-2',
			fields: {
				location: { id: 'section-2' },
				status: { id: 'IN_PROGRESS', name: 'In progress', type: 'ongoing' },
				priority: { id: 'P1', name: 'High' },
				assignedTo: { userId: 'bo', name: 'Bo' },
			},
			comments: [
				{
					commentId: 201,
					data: { commentText: 'Opening', from: { userId: 'ana', name: 'Ana' } },
				},
				{ commentId: 202, data: { commentText: 'Reply', from: { userId: 'bo' } } },
			],
			createdAt: 1_777_973_713_421,
			lastUpdated: 1_777_978_714_209,
		});
		const simple = await runVeltNode(emulator, {
			parameters: { ...threadGet, annotationId: byId('thread-2') },
		});
		expect(simple.status).toBe('success');
		expect(sentData(emulator, E.getCommentAnnotations)[0]).toEqual({
			organizationId: 'org-table',
			documentId: 'doc-table',
			annotationIds: ['thread-2'],
		});
		expect(simple.json).toEqual([
			{
				annotationId: 'thread-2',
				organizationId: 'org-table',
				documentId: 'doc-table',
				// Velt's locationId is a number derived from the location.
				locationId: expect.any(Number),
				status: 'IN_PROGRESS',
				priority: 'P1',
				assignedToUserId: 'bo',
				author: 'Ana',
				authorUserId: 'ana',
				text: 'Opening',
				commentCount: 2,
				createdAt: 1_777_973_713_421,
				lastUpdated: 1_777_978_714_209,
			},
		]);
		const raw = await runVeltNode(emulator, {
			parameters: { ...threadGet, annotationId: byId('thread-1'), simplify: false },
		});
		expect(raw.json).toHaveLength(1);
		expect(raw.json[0]).toMatchObject({ annotationId: 'thread-1' });
		expect(raw.json[0].comments).toEqual([expect.objectContaining({ commentId: 101 })]);
	});

	test('an unknown thread is an item error naming it; with Continue On Fail the other items go on', async () => {
		const parameters: INodeParameters = { ...threadGet, annotationId: '={{ $json.id }}' };
		const stopped = await runVeltNode(emulator, {
			parameters,
			items: twoItems('id', 'thread-1', 'thread-9'),
		});
		expect(stopped.status).toBe('error');
		expect(errorMessage(stopped)).toBe(
			'Comment Thread: "thread-9" was not found in document "doc-table" of organization "org-table" (item 1)',
		);
		const run = await runVeltNode(emulator, {
			parameters,
			items: twoItems('id', 'thread-9', 'thread-1'),
			continueOnFail: true,
		});
		expect(run.json).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/^Comment Thread: "thread-9" was not found/),
				description: expect.stringMatching(/pick the thread from the list/),
			}),
			expect.objectContaining({ annotationId: 'thread-1' }),
		]);
	});
});

describe('Comment > Get', () => {
	test('sends the comment as commentIds and returns one item per input item', async () => {
		const run = await runVeltNode(emulator, {
			parameters: { ...commentGet, commentId: '={{ $json.id }}' },
			items: twoItems('id', 101, '101'),
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator, E.getComments)[0]).toEqual({
			organizationId: 'org-table',
			documentId: 'doc-table',
			annotationId: 'thread-1',
			commentIds: [101],
		});
		expect(run.json).toHaveLength(2);
		expect(run.json[0]).toEqual({
			commentId: 101,
			annotationId: 'thread-1',
			commentText: 'First',
			commentHtml: null,
			author: null,
			authorUserId: 'ana',
			status: expect.anything(),
			type: expect.anything(),
			createdAt: expect.anything(),
			lastUpdated: expect.anything(),
		});
		const raw = await runVeltNode(emulator, {
			parameters: { ...commentGet, commentId: '101', simplify: false },
		});
		expect(raw.json).toEqual([
			expect.objectContaining({
				commentId: 101,
				annotationId: 'thread-1',
				from: { userId: 'ana' },
			}),
		]);
	});

	test('an unknown comment, and two IDs where Get takes one, are refused naming the field', async () => {
		const missing = await runVeltNode(emulator, { parameters: { ...commentGet, commentId: '7' } });
		expect(errorMessage(missing)).toBe(
			'Comment ID: "7" was not found in comment thread "thread-1" of document "doc-table" (item 0)',
		);
		const two = await runVeltNode(emulator, {
			parameters: { ...commentGet, commentId: '101, 102' },
		});
		expect(errorMessage(two)).toBe('Comment ID: holds 2 IDs, Get takes one (item 0)');
		expect(sentData(emulator, E.getComments)).toHaveLength(1);
	});
});

describe('User > Get', () => {
	test('sends the user as userIds and returns the user as Velt has it', async () => {
		const run = await runVeltNode(emulator, {
			parameters: { ...userGet, userId: '={{ $json.user }}' },
			items: twoItems('user', 'u2', 'u1'),
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator, DIRECTORY_ENDPOINTS.getUsers)).toEqual([
			{ organizationId: 'org-table', userIds: ['u2'] },
			{ organizationId: 'org-table', userIds: ['u1'] },
		]);
		expect(run.json.map((user: IDataObject) => [user.userId, user.name])).toEqual([
			['u2', 'User 2'],
			['u1', 'User 1'],
		]);
	});

	test('an unknown user is an item error naming the user and where it was looked for', async () => {
		const run = await runVeltNode(emulator, {
			parameters: {
				...userGet,
				userId: byId('nobody'),
				additionalFields: { documentId: byId('doc-table') },
			},
		});
		expect(sentData(emulator, DIRECTORY_ENDPOINTS.getUsers)[0]).toEqual({
			organizationId: 'org-table',
			documentId: 'doc-table',
			userIds: ['nobody'],
		});
		expect(errorMessage(run)).toBe(
			'User: "nobody" was not found in "doc-table" of organization "org-table" (item 0)',
		);
	});
});

describe('Notification > Get', () => {
	test('sends the notification as notificationIds and returns it simplified, or raw', async () => {
		const run = await runVelt(emulator, {
			parameters: { ...notificationGet, notificationId: 'n2' },
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator, ENDPOINTS.getNotifications)[0]).toMatchObject({
			organizationId: 'org-table',
			documentId: 'doc-table',
			notificationIds: ['n2'],
		});
		expect(run.json).toEqual([
			expect.objectContaining({ id: 'n2', headline: 'Headline n2', documentId: 'doc-table' }),
		]);
		const raw = await runVelt(emulator, {
			parameters: { ...notificationGet, notificationId: 'n2', simplify: false },
		});
		expect(raw.json).toEqual([
			expect.objectContaining({ id: 'n2', displayHeadlineMessageTemplate: 'Headline n2' }),
		]);
	});

	test('an unknown notification is an item error; on the error output with "Use error output"', async () => {
		const run = await runVelt(emulator, {
			parameters: { ...notificationGet, notificationId: '={{ $json.id }}' },
			items: twoItems('id', 'n1', 'n9'),
			onError: 'continueErrorOutput',
		});
		expect(run.status).toBe('success');
		const [success, failed] = run.outputs;
		expect(success.map((item) => item.json.id)).toEqual(['n1']);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toBe(
			'Notification ID: "n9" was not found in document "doc-table" of organization "org-table" (item 1)',
		);
	});

	test('Document and User both empty is refused before anything is sent', async () => {
		const run = await runVelt(emulator, {
			parameters: {
				resource: 'notification',
				operation: 'get',
				organizationId: byId('org-table'),
				notificationId: 'n1',
			},
		});
		expect(errorMessage(run)).toMatch(/^Document \/ User: both are empty/);
		expect(sentData(emulator, ENDPOINTS.getNotifications)).toHaveLength(0);
	});
});
