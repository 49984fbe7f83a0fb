/**
 * Comment Thread and Comment operations of the Velt node through n8n-core against the emulator:
 * a thread's life (create, read, count, reply, resolve, delete), bad input refused before
 * anything is sent, the delete guards, and the node as an AI agent's tool.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import {
	byId,
	COLLABORATION_ENDPOINTS as E,
	errorMessage,
	runVeltNode,
	sentData,
	VELT_TOOL,
} from './support';
import { useEmulator } from '../helpers/useEmulator';
import { threadRefusals } from './refusals';

const emulator = useEmulator();

const scope = { organizationId: byId('acme'), documentId: byId('deal-1') };
const create: INodeParameters = {
	resource: 'commentThread',
	operation: 'create',
	...scope,
	userId: byId('ana'),
	commentText: 'Can @support look at this?',
	additionalFields: { authorName: 'Ana', annotationId: 'thread-1' },
};

async function ok(parameters: INodeParameters, items?: IDataObject[]): Promise<IDataObject[]> {
	const run = await runVeltNode(emulator, { parameters, items });
	if (run.status !== 'success') throw new Error(errorMessage(run));
	return run.json;
}

test('a thread from creation to deletion: create, get, count, reply, read replies, resolve, delete', async () => {
	const [created] = await ok(create);
	expect(created).toMatchObject({ success: true, annotationId: 'thread-1', documentId: 'deal-1' });
	expect(created.commentIds).toHaveLength(1);

	const threads = await ok({
		resource: 'commentThread',
		operation: 'getAll',
		...scope,
		returnAll: true,
	});
	expect(threads.map((thread) => thread.annotationId)).toEqual(['thread-1']);

	const [reply] = await ok({
		resource: 'comment',
		operation: 'add',
		...scope,
		annotationId: 'thread-1',
		userId: byId('bo'),
		commentText: 'Ticket opened, {{ana}}',
		additionalFields: {
			mentions: { users: [{ userId: 'ana', name: 'Ana', email: 'ana@example.com' }] },
		},
	});
	expect(reply).toMatchObject({ success: true, annotationId: 'thread-1' });
	expect(typeof reply.commentId).toBe('number');
	expect(sentData(emulator, E.addComments)[0].commentData).toEqual([
		{
			commentText: 'Ticket opened, {{ana}}',
			from: { userId: 'bo' },
			taggedUserContacts: [
				{
					text: '@Ana',
					userId: 'ana',
					contact: { userId: 'ana', name: 'Ana', email: 'ana@example.com' },
				},
			],
		},
	]);

	const comments = await ok({
		resource: 'comment',
		operation: 'getAll',
		...scope,
		annotationId: 'thread-1',
	});
	expect(comments.map((comment) => comment.commentId)).toEqual([
		...(created.commentIds as number[]),
		reply.commentId,
	]);

	const [count] = await ok({
		resource: 'commentThread',
		operation: 'count',
		organizationId: byId('acme'),
		documentIds: 'deal-1, deal-2',
		userId: byId('ana'),
	});
	expect(count).toMatchObject({
		total: 1,
		documents: [
			{ documentId: 'deal-1', total: 1 },
			{ documentId: 'deal-2', total: 0, unread: 0 },
		],
	});

	const [resolved] = await ok({
		resource: 'commentThread',
		operation: 'update',
		...scope,
		annotationIds: 'thread-1',
		updateFields: { status: 'RESOLVED', resolvedByUserId: 'bo', statusUpdatedByUserId: 'bo' },
	});
	expect(resolved).toMatchObject({ updated: true, updatedIds: ['thread-1'] });
	const [after] = await ok({
		resource: 'commentThread',
		operation: 'getAll',
		...scope,
		returnAll: true,
	});
	expect(after).toMatchObject({
		status: { id: 'RESOLVED', type: 'terminal' },
		resolvedByUserId: 'bo',
	});

	const [deletedReply] = await ok({
		resource: 'comment',
		operation: 'delete',
		...scope,
		annotationId: 'thread-1',
		commentIds: String(reply.commentId),
	});
	expect(deletedReply).toMatchObject({ deleted: true, deletedIds: [reply.commentId] });

	const [deleted] = await ok({
		resource: 'commentThread',
		operation: 'delete',
		...scope,
		annotationIds: 'thread-1',
	});
	expect(deleted).toMatchObject({ deleted: true, deletedIds: ['thread-1'], deletedCount: 1 });
});

test('one result per item, mapped from the Velt Trigger output', async () => {
	await ok(create);
	const trigger = (text: string) => ({
		data: {
			actionUser: { userId: 'bo', organizationId: 'acme' },
			commentAnnotation: { annotationId: 'thread-1' },
			metadata: {
				organization: { organizationId: 'acme' },
				documentMetadata: { documentId: 'deal-1' },
			},
			text,
		},
	});
	const json = await ok(
		{
			resource: 'comment',
			operation: 'add',
			organizationId: '={{ $json.data.metadata.organization.organizationId }}',
			documentId: '={{ $json.data.metadata.documentMetadata.documentId }}',
			annotationId: '={{ $json.data.commentAnnotation.annotationId }}',
			userId: '={{ $json.data.actionUser.userId }}',
			commentText: '={{ $json.data.text }}',
		},
		[trigger('one'), trigger('two')],
	);
	expect(json.map((item) => item.annotationId)).toEqual(['thread-1', 'thread-1']);
	expect(
		sentData(emulator, E.addComments).map(
			(data) => (data.commentData as IDataObject[])[0].commentText,
		),
	).toEqual(['one', 'two']);
});

test('Get Many with a limit reads no more than asked and pages through PageWalk', async () => {
	for (let index = 0; index < 5; index++)
		await ok({ ...create, additionalFields: { annotationId: `t${index}` } });
	const three = await ok({
		resource: 'commentThread',
		operation: 'getAll',
		...scope,
		returnAll: false,
		limit: 3,
	});
	expect(three).toHaveLength(3);
	expect(sentData(emulator, E.getCommentAnnotations)[0]).toMatchObject({ pageSize: 3 });
});

// Empty required fields come from expressions: n8n itself refuses a literal empty one before the node runs.
describe('bad input is refused before anything is sent, naming the field and the item', () => {
	// the table: test/fixtures/veltRefusals.json `commentThread`
	const cases = threadRefusals(create);
	test.each(cases)('%s', async (_name, parameters, message) => {
		const run = await runVeltNode(emulator, { parameters });
		expect(run.status).toBe('error');
		expect(errorMessage(run)).toMatch(message);
		expect(
			emulator.requests.filter((request) => request.path.startsWith('/v2/commentannotations')),
		).toHaveLength(0);
	});
});

describe('delete guards', () => {
	test('a thread delete without IDs is refused unless Delete All Matching Threads is on', async () => {
		const run = await runVeltNode(emulator, {
			parameters: { resource: 'commentThread', operation: 'delete', ...scope },
		});
		expect(errorMessage(run)).toMatch(
			/Comment Thread IDs: is empty, so the delete would reach every thread/,
		);
		expect(sentData(emulator, E.deleteCommentAnnotations)).toHaveLength(0);
		await ok(create);
		const [all] = await ok({
			resource: 'commentThread',
			operation: 'delete',
			...scope,
			deleteAllMatching: true,
		});
		expect(all).toMatchObject({ deleted: true, deletedIds: ['thread-1'] });
		expect(sentData(emulator, E.deleteCommentAnnotations)).toEqual([
			{ organizationId: 'acme', documentId: 'deal-1' },
		]);
	});

	test('the switch must be literal: from $fromAI it is refused', async () => {
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'commentThread',
				operation: 'delete',
				...scope,
				deleteAllMatching: "={{ $fromAI('all', '', 'boolean') }}",
			},
			items: [{ all: true }],
		});
		expect(errorMessage(run)).toMatch(/an AI agent cannot delete every thread of a document/);
		expect(sentData(emulator, E.deleteCommentAnnotations)).toHaveLength(0);
	});

	test('a comment delete without IDs is refused unless Delete All Comments of the Thread is on', async () => {
		await ok(create);
		const base = { resource: 'comment', operation: 'delete', ...scope, annotationId: 'thread-1' };
		const run = await runVeltNode(emulator, { parameters: base });
		expect(errorMessage(run)).toMatch(
			/Comment IDs: is empty, so Velt would delete every comment of the thread/,
		);
		expect(sentData(emulator, E.deleteComments)).toHaveLength(0);
		const [all] = await ok({ ...base, deleteAllComments: true });
		expect(all).toMatchObject({ deleted: true, deletedCount: 1 });
	});
});

describe('as an AI agent tool', () => {
	const toolScope = { organizationId: byId('acme'), documentId: byId('deal-1') };
	test('a model replies in a thread and resolves it', async () => {
		await ok(create);
		const reply = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Thread: 'thread-1', Reply: 'Fixed in release 2.3' }],
			parameters: {
				resource: 'comment',
				operation: 'add',
				...toolScope,
				userId: byId('assistant'),
				annotationId: "={{ $fromAI('Thread', 'The comment thread ID', 'string') }}",
				commentText: "={{ $fromAI('Reply', 'The reply', 'string') }}",
			},
		});
		expect(reply.status).toBe('success');
		expect(reply.json[0]).toMatchObject({ success: true, annotationId: 'thread-1' });
		const resolve = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Threads: 'thread-1', Status: 'RESOLVED' }],
			parameters: {
				resource: 'commentThread',
				operation: 'update',
				...toolScope,
				annotationIds: "={{ $fromAI('Threads', 'Comment thread IDs', 'string') }}",
				updateFields: {
					status: "={{ $fromAI('Status', 'OPEN, IN_PROGRESS or RESOLVED', 'string') }}",
				},
			},
		});
		expect(resolve.status).toBe('success');
		expect(resolve.json[0]).toMatchObject({ updated: true, updatedIds: ['thread-1'] });
		expect(sentData(emulator, E.updateCommentAnnotations)[0].updatedData).toEqual({
			status: { id: 'RESOLVED', name: 'Resolved', type: 'terminal' },
		});
	});

	test("a model cannot delete a document's threads without explicit IDs, even with the switch on", async () => {
		await ok(create);
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Threads: '' }],
			parameters: {
				resource: 'commentThread',
				operation: 'delete',
				...toolScope,
				deleteAllMatching: true,
				annotationIds: "={{ $fromAI('Threads', 'Comment thread IDs', 'string') }}",
			},
		});
		expect(run.status).toBe('success');
		expect(Object.keys(run.json[0])).toEqual(['error']);
		expect(String(run.json[0].error)).toMatch(
			/Argument "Threads".*cannot delete all threads of a document/,
		);
		expect(sentData(emulator, E.deleteCommentAnnotations)).toHaveLength(0);
		const noSwitch = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Threads: '' }],
			parameters: {
				resource: 'commentThread',
				operation: 'delete',
				...toolScope,
				annotationIds: "={{ $fromAI('Threads', 'Comment thread IDs', 'string') }}",
			},
		});
		expect(String(noSwitch.json[0].error)).toMatch(/Argument "Threads"/);
		expect(sentData(emulator, E.deleteCommentAnnotations)).toHaveLength(0);
	});
});
