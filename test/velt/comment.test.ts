/**
 * Comment (a reply in a thread) specifics through n8n-core against the emulator: mentions as
 * Velt's taggedUserContacts with their {{userId}} tags, filters of Get Many, Update.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { byId, COLLABORATION_ENDPOINTS as E, errorMessage, runVeltNode, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const scope = { organizationId: byId('acme'), documentId: byId('deal-1') };
const thread = { ...scope, annotationId: 'thread-1' };

async function ok(parameters: INodeParameters): Promise<IDataObject[]> {
	const run = await runVeltNode(emulator, { parameters });
	if (run.status !== 'success') throw new Error(errorMessage(run));
	return run.json;
}

beforeEach(async () => {
	await ok({
		resource: 'commentThread',
		operation: 'create',
		...scope,
		userId: byId('ana'),
		commentText: 'First',
		additionalFields: { annotationId: 'thread-1' },
	});
});

test('a mention whose {{userId}} tag is missing from the text and HTML is added at their end', async () => {
	await ok({
		resource: 'comment',
		operation: 'add',
		...thread,
		userId: byId('bo'),
		commentText: 'Please look',
		commentHtml: '<p>Please look</p>',
		additionalFields: {
			mentionsJson: JSON.stringify([{ userId: 'cy', name: 'Cy', email: 'cy@example.com' }]),
		},
	});
	const [comment] = sentData(emulator, E.addComments)[0].commentData as IDataObject[];
	expect(comment).toMatchObject({
		commentText: 'Please look {{cy}}',
		commentHtml: '<p>Please look</p><p>{{cy}}</p>',
		taggedUserContacts: [
			{ text: '@Cy', userId: 'cy', contact: { userId: 'cy', name: 'Cy', email: 'cy@example.com' } },
		],
	});
});

test('Get Many filters by author and comment IDs; Update changes the text', async () => {
	const [reply] = await ok({
		resource: 'comment',
		operation: 'add',
		...thread,
		userId: byId('bo'),
		commentText: 'Second',
	});
	const byBo = await ok({
		resource: 'comment',
		operation: 'getAll',
		...thread,
		filters: { userIds: 'bo' },
	});
	expect(byBo.map((comment) => comment.commentId)).toEqual([reply.commentId]);
	const [updated] = await ok({
		resource: 'comment',
		operation: 'update',
		...thread,
		commentIds: String(reply.commentId),
		updateFields: { commentText: 'Second, edited' },
	});
	expect(updated).toMatchObject({ updated: true, updatedIds: [reply.commentId] });
	const [read] = await ok({
		resource: 'comment',
		operation: 'getAll',
		...thread,
		filters: { commentIds: String(reply.commentId) },
	});
	expect(read.commentText).toBe('Second, edited');
	expect(sentData(emulator, E.getComments)[1]).toMatchObject({ commentIds: [reply.commentId] });
});
