/**
 * Simplify on every Get Many (n8n's UX guidelines): on by default from node version 2; version
 * 1, which saved workflows have, keeps its raw output unless Simplify is switched on. Run through
 * n8n-core, which fills the defaults per version as n8n does when it loads a workflow.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { seedOperationWorld } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import { runVelt } from '../node/support';
import { byId, errorMessage, runVeltNode } from './support';

const emulator = useEmulator({}, { seed: seedOperationWorld });

const scope = { organizationId: byId('org-table'), documentId: byId('doc-table') };

async function read(parameters: INodeParameters, typeVersion?: number): Promise<IDataObject[]> {
	const run = await runVeltNode(emulator, { parameters, typeVersion });
	if (run.status !== 'success') throw new Error(errorMessage(run));
	return run.json;
}

const threads = { resource: 'commentThread', operation: 'getAll', ...scope, returnAll: true };
const comments = { resource: 'comment', operation: 'getAll', ...scope, annotationId: 'thread-1' };
const users = { resource: 'user', operation: 'getAll', organizationId: byId('org-table') };

test('both action nodes have versions 1 and 2', () => {
	expect(new Velt().description.version).toEqual([1, 2]);
	expect(new VeltNotifications().description.version).toEqual([1, 2]);
});

test('Comment Thread Get Many: raw in version 1 unless switched on, simplified by default in 2', async () => {
	const [raw] = await read(threads);
	expect(raw).toHaveProperty('comments');
	expect(raw).toHaveProperty('metadata');
	const simple = {
		annotationId: 'thread-1',
		organizationId: 'org-table',
		documentId: 'doc-table',
		text: 'First',
		commentCount: 1,
		authorUserId: 'ana',
	};
	expect(await read(threads, 2)).toEqual([expect.objectContaining(simple)]);
	expect((await read(threads, 2))[0]).not.toHaveProperty('comments');
	expect(await read({ ...threads, simplify: true })).toEqual([expect.objectContaining(simple)]);
	expect((await read({ ...threads, simplify: false }, 2))[0]).toEqual(raw);
});

test('Comment Thread Get Many grouped by document: the threads in each group are simplified', async () => {
	const grouped = await read(
		{
			...threads,
			documentId: byId(''),
			filters: { documentIds: 'doc-table', groupByDocumentId: true },
		},
		2,
	);
	expect(grouped).toEqual([
		{
			documentId: 'doc-table',
			annotations: [expect.objectContaining({ annotationId: 'thread-1', text: 'First' })],
		},
	]);
	expect((grouped[0].annotations as IDataObject[])[0]).not.toHaveProperty('comments');
});

test('Comment Get Many: raw in version 1, simplified by default in 2', async () => {
	expect(await read(comments)).toEqual([
		expect.objectContaining({ commentId: 101, annotationId: 'thread-1', from: { userId: 'ana' } }),
	]);
	const [simple] = await read(comments, 2);
	expect(Object.keys(simple).sort()).toEqual(
		[
			'annotationId',
			'author',
			'authorUserId',
			'commentHtml',
			'commentId',
			'commentText',
			'createdAt',
			'lastUpdated',
			'status',
			'type',
		].sort(),
	);
	expect(simple).toMatchObject({ commentId: 101, commentText: 'First', authorUserId: 'ana' });
});

test('User Get Many: userId, name and email only in version 2; as Velt has them in 1', async () => {
	emulator.store.upsertUser('org-table', { userId: 'u3', name: 'User 3', photoUrl: 'https://x' });
	const raw = await read({ ...users, returnAll: true });
	expect(raw.find((user) => user.userId === 'u3')).toMatchObject({ photoUrl: 'https://x' });
	const simple = await read({ ...users, returnAll: true }, 2);
	expect(simple.find((user) => user.userId === 'u3')).toEqual({
		userId: 'u3',
		name: 'User 3',
		email: null,
	});
});

test('Notification Get Many keeps Simplify on by default in both versions', async () => {
	const parameters = { resource: 'notification', operation: 'getAll', ...scope, returnAll: true };
	for (const typeVersion of [1, 2]) {
		const run = await runVelt(emulator, { parameters, typeVersion });
		expect(run.status).toBe('success');
		expect(run.json[0]).toHaveProperty('headline');
		expect(run.json[0]).not.toHaveProperty('displayHeadlineMessageTemplate');
	}
});

test('Organization, Document and Folder Get Many: the documented fields only in version 2, no metadata or apiKey echo', async () => {
	await read({
		resource: 'document',
		operation: 'create',
		organizationId: byId('org-table'),
		documentId: 'doc-simple',
		additionalFields: { documentName: 'Simple', folderId: byId('folder-table') },
	});
	await read({
		resource: 'folder',
		operation: 'create',
		organizationId: byId('org-table'),
		folderId: 'folder-child',
		additionalFields: { parentFolderId: byId('folder-table') },
	});
	const organizations = {
		resource: 'organization',
		operation: 'getAll',
		returnAll: true,
		filters: { organizationIds: 'org-table' },
	};
	expect(await read(organizations, 2)).toEqual([
		{ id: 'org-table', organizationName: expect.anything(), disabled: expect.anything() },
	]);
	const documents = {
		resource: 'document',
		operation: 'getAll',
		organizationId: byId('org-table'),
		returnAll: true,
		filters: { documentIds: 'doc-simple' },
	};
	const [rawDocument] = await read(documents);
	expect(rawDocument).toMatchObject({ id: 'doc-simple', documentName: 'Simple' });
	const [document] = await read(documents, 2);
	expect(Object.keys(document).sort()).toEqual(['accessType', 'disabled', 'documentName', 'id']);
	expect(document).toMatchObject({ id: 'doc-simple', documentName: 'Simple' });
	const folders = {
		resource: 'folder',
		operation: 'getAll',
		organizationId: byId('org-table'),
		returnAll: true,
		filters: { folderId: byId('folder-table') },
	};
	const [rawFolder] = await read(folders);
	expect(rawFolder).toHaveProperty('organizationId', 'org-table');
	const [folder] = await read(folders, 2);
	expect(folder).toMatchObject({ folderId: 'folder-table', folderName: 'Table folder' });
	expect(folder).not.toHaveProperty('organizationId');
	expect(folder).not.toHaveProperty('apiKey');
	expect(folder.subFolders).toEqual([
		expect.objectContaining({ folderId: 'folder-child', parentFolderId: 'folder-table' }),
	]);
	expect((folder.subFolders as IDataObject[])[0]).not.toHaveProperty('apiKey');
});
