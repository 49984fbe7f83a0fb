/**
 * The User resource of the Velt node through n8n-core: Create or Update (users/update, then
 * users/add for the users Velt does not have), Get Many (users/get, paged) and Delete
 * (users/delete), against the emulator; validation refusals and the AI tool guards.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { COLLABORATION_ENDPOINTS, DIRECTORY_ENDPOINTS } from '../../nodes/shared/transport';
import { VELT_TOOL, byId, errorMessage, runVeltNode } from './support';
import { toolError } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';
import { refusals } from './refusals';

const { addUsers, updateUsers, deleteUsers } = COLLABORATION_ENDPOINTS;
const { getUsers } = DIRECTORY_ENDPOINTS;

const emulator = useEmulator();

function sent(path?: string): IDataObject[] {
	return emulator.requests
		.filter((request) => path === undefined || request.path === path)
		.map((request) => (request.body as IDataObject).data as IDataObject);
}

const upsert = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'user',
	operation: 'upsert',
	organizationId: byId('acme'),
	userId: 'u1',
	userFields: { name: 'Ana', email: 'ana@example.com' },
	...extra,
});

describe('Create or Update', () => {
	test('a new user: update answers "User does not exist.", so the user is added', async () => {
		const run = await runVeltNode(emulator, { parameters: upsert() });
		expect(run.status).toBe('success');
		const user = { userId: 'u1', name: 'Ana', email: 'ana@example.com' };
		expect(sent()).toEqual([
			{ organizationId: 'acme', users: [user] },
			{ organizationId: 'acme', users: [user] },
		]);
		expect(emulator.requests.map((request) => request.path)).toEqual([updateUsers, addUsers]);
		expect(run.json).toEqual([
			expect.objectContaining({
				organizationId: 'acme',
				...user,
				action: 'created',
				message: 'User added.',
				id: expect.stringMatching(/^[0-9a-f]{32}$/),
			}),
		]);
		expect(emulator.store.getUser('acme', 'u1')).toMatchObject(user);
	});

	test('an existing user is only updated, never added again', async () => {
		emulator.store.upsertUser('acme', { userId: 'u1', name: 'Old' });
		const run = await runVeltNode(emulator, {
			parameters: upsert({ userFields: { name: 'Ana', accessRole: 'viewer' } }),
		});
		expect(emulator.requests.map((request) => request.path)).toEqual([updateUsers]);
		expect(run.json[0]).toMatchObject({
			userId: 'u1',
			action: 'updated',
			message: 'User updated.',
		});
		expect(emulator.store.getUser('acme', 'u1')).toMatchObject({
			name: 'Ana',
			accessRole: 'viewer',
		});
	});

	test('JSON mode: several users per item, one result with each user; create switches go with the add only', async () => {
		emulator.store.upsertUser('acme', { userId: 'u1' });
		const run = await runVeltNode(emulator, {
			parameters: upsert({
				userInputMode: 'json',
				users:
					'[{"userId": "u1", "name": "Ana"}, "u2", {"userId": "u3", "color": "#ff0000", "textColor": "#fff", "initial": "X", "photoUrl": "https://example.com/p.png"}]',
				additionalFields: {
					documentId: byId('doc-1'),
					createDocument: true,
					createOrganization: true,
				},
			}),
		});
		expect(run.status).toBe('success');
		const [update, add] = sent();
		expect(update).toEqual({
			organizationId: 'acme',
			documentId: 'doc-1',
			users: [
				{ userId: 'u1', name: 'Ana' },
				{ userId: 'u2' },
				{
					userId: 'u3',
					color: '#ff0000',
					textColor: '#fff',
					initial: 'X',
					photoUrl: 'https://example.com/p.png',
				},
			],
		});
		// users/add with documentId puts users at that level only, so all three are new there.
		expect(add).toEqual({ ...update, createDocument: true, createOrganization: true });
		expect(run.json).toHaveLength(1);
		expect((run.json[0].users as IDataObject[]).map((user) => [user.userId, user.action])).toEqual([
			['u1', 'created'],
			['u2', 'created'],
			['u3', 'created'],
		]);
	});

	test('a folder: the users are created and updated there', async () => {
		await runVeltNode(emulator, {
			parameters: upsert({ additionalFields: { folderId: 'f1', createFolder: true } }),
		});
		const second = await runVeltNode(emulator, {
			parameters: upsert({ additionalFields: { folderId: 'f1' } }),
		});
		expect(second.json[0]).toMatchObject({ folderId: 'f1', action: 'updated' });
		expect(sent(addUsers)).toEqual([
			{
				organizationId: 'acme',
				folderId: 'f1',
				createFolder: true,
				users: [{ userId: 'u1', name: 'Ana', email: 'ana@example.com' }],
			},
		]);
	});

	test.each(refusals('userUpsert'))(
		'refused before anything is sent: %s, naming the field and the item',
		async (_case, bad, message) => {
			const run = await runVeltNode(emulator, { parameters: upsert(bad) });
			expect(run.status).toBe('error');
			expect(errorMessage(run)).toMatch(message);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('a bad second item stops the node before the first is sent, naming item 1', async () => {
		const run = await runVeltNode(emulator, {
			items: [{ id: 'u1' }, { id: '' }],
			parameters: upsert({ userId: '={{ $json.id }}' }),
		});
		expect(errorMessage(run)).toBe('User ID: is required but is empty (item 1)');
		expect(emulator.requests).toEqual([]);
	});

	test("Velt failing for a user is that item's error; with Continue On Fail the other items succeed", async () => {
		emulator.failNext('internal', 10, addUsers);
		const run = await runVeltNode(emulator, {
			continueOnFail: true,
			parameters: { ...upsert(), options: { maxRetries: 0 } },
		});
		expect(run.status).toBe('success');
		expect(String(run.json[0].error)).toMatch(/^Velt: /);
	});
});

describe('Create or Update as an AI tool', () => {
	// Adding or changing users from a tool needs the author's switch (test/security/aiToolVelt.test.ts).
	const toolUpsert = (extra: INodeParameters = {}): INodeParameters =>
		upsert({ allowToolAddUsers: true, ...extra });

	test.each([
		['createOrganization', 'Create Organization', 'organizations'],
		['createFolder', 'Create Folder', 'folders'],
	])('%s from an expression is refused; nothing is sent', async (name, label, what) => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			parameters: toolUpsert({ additionalFields: { folderId: 'f1', [name]: '={{ true }}' } }),
		});
		expect(toolError(run)).toMatch(
			new RegExp(`^${label}: an AI agent cannot create ${what}\\. Set it to false`),
		);
		expect(emulator.requests).toEqual([]);
	});

	test('Create Document from a model ($fromAI) is refused', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Create: true }],
			parameters: toolUpsert({
				additionalFields: {
					documentId: byId('d1'),
					createDocument: "={{ $fromAI('Create', '', 'boolean') }}",
				},
			}),
		});
		expect(toolError(run)).toMatch(
			/^Argument "Create" \(Create Document\): an AI agent cannot create documents\./,
		);
		expect(emulator.requests).toEqual([]);
	});

	test('a create switch the author set literally takes effect in a tool', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ User: 'u9' }],
			parameters: toolUpsert({
				userId: "={{ $fromAI('User', '', 'string') }}",
				additionalFields: { createOrganization: true },
			}),
		});
		expect(run.json[0]).toMatchObject({ userId: 'u9', action: 'created' });
		expect(sent(addUsers)[0]).toMatchObject({ createOrganization: true });
	});

	test('an access role from the model is refused, in fields and in JSON', async () => {
		const fields = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Role: 'editor' }],
			parameters: toolUpsert({
				userFields: { accessRole: "={{ $fromAI('Role', '', 'string') }}" },
			}),
		});
		expect(toolError(fields)).toMatch(
			/^Argument "Role" \(Access Role\): an AI agent cannot set access roles\./,
		);
		const json = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Users: '[{"userId": "u1", "accessRole": "editor"}]' }],
			parameters: toolUpsert({
				userInputMode: 'json',
				users: "={{ $fromAI('Users', '', 'string') }}",
			}),
		});
		expect(toolError(json)).toMatch(/an AI agent cannot set access roles/);
		expect(emulator.requests).toEqual([]);
	});
});

describe('Get Many', () => {
	const getAll = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'user',
		operation: 'getAll',
		organizationId: byId('acme'),
		...extra,
	});

	test('Limit pages through Velt asking for no more than is needed', async () => {
		for (let index = 0; index < 7; index++)
			emulator.store.upsertUser('acme', { userId: `u${index}`, name: `User ${index}` });
		const run = await runVeltNode(emulator, {
			parameters: getAll({ limit: 5, options: { pageSize: 2 } }),
		});
		expect(run.json).toHaveLength(5);
		expect(sent(getUsers).map((data) => data.pageSize)).toEqual([2, 2, 1]);
		expect(run.json.every((user) => typeof user.userId === 'string')).toBe(true);
	});

	test('Return All with more than 30 user IDs: sent 30 at a time', async () => {
		const ids = Array.from({ length: 35 }, (_, index) => `u${index}`);
		for (const userId of ids) emulator.store.upsertUser('acme', { userId });
		const run = await runVeltNode(emulator, {
			parameters: getAll({ returnAll: true, filters: { userIds: ids.join(', ') } }),
		});
		expect(run.json).toHaveLength(35);
		expect(sent(getUsers).map((data) => (data.userIds as string[]).length)).toEqual([30, 5]);
	});

	test('grouped by document: one item per document with its users', async () => {
		await runVeltNode(emulator, {
			parameters: upsert({ additionalFields: { documentId: byId('d1') } }),
		});
		emulator.requests.length = 0;
		const run = await runVeltNode(emulator, {
			parameters: getAll({
				returnAll: true,
				filters: { allDocuments: true, groupByDocumentId: true },
			}),
		});
		expect(sent(getUsers)).toEqual([
			{ organizationId: 'acme', allDocuments: true, groupByDocumentId: true },
		]);
		expect(run.json).toEqual([
			{ documentId: 'd1', users: [expect.objectContaining({ userId: 'u1', name: 'Ana' })] },
		]);
	});

	test.each(refusals('userGetAll'))(
		'refused before anything is sent: %s',
		async (_case, bad, message) => {
			const run = await runVeltNode(emulator, { parameters: getAll(bad) });
			expect(errorMessage(run)).toMatch(message);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('advanced queries off: the error says how to switch them on', async () => {
		emulator.setFeatures({ advancedQueries: false });
		const run = await runVeltNode(emulator, { parameters: getAll() });
		expect((run.thrown as { description?: string }).description).toMatch(/Advanced Queries/);
	});
});

describe('Delete', () => {
	const remove = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'user',
		operation: 'delete',
		organizationId: byId('acme'),
		userIds: 'u1, u2',
		...extra,
	});

	test("deletes the users; a user Velt does not have is the item's error, not a silent success", async () => {
		emulator.store.upsertUser('acme', { userId: 'u1' });
		emulator.store.upsertUser('acme', { userId: 'u2' });
		emulator.store.upsertUser('acme', { userId: 'u3' });
		const run = await runVeltNode(emulator, {
			continueOnFail: true,
			items: [{ ids: 'u1, u2' }, { ids: 'u3, ghost' }],
			parameters: remove({ userIds: '={{ $json.ids }}' }),
		});
		expect(run.json[0]).toEqual({
			deleted: true,
			organizationId: 'acme',
			deletedIds: ['u1', 'u2'],
			deletedCount: 2,
		});
		expect(String(run.json[1].error)).toBe(
			'Velt could not delete user ghost (User does not exist.)',
		);
		expect(emulator.store.listUsers('acme')).toEqual([]);
	});

	test('a retried delete whose first answer was lost still succeeds', async () => {
		emulator.store.upsertUser('acme', { userId: 'u1' });
		emulator.failNext('drop', 1, deleteUsers);
		const run = await runVeltNode(emulator, {
			parameters: remove({ userIds: 'u1', options: { retryDelay: 0 } }),
		});
		expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['u1'] });
		expect(sent(deleteUsers)).toHaveLength(2);
	});

	test('no user IDs: refused, Velt has no delete-all for users', async () => {
		const run = await runVeltNode(emulator, { parameters: remove({ userIds: '={{ "" }}' }) });
		expect(errorMessage(run)).toBe('User IDs: is required but is empty (item 0)');
		expect(emulator.requests).toEqual([]);
	});

	test('as a tool: refused unless the author switched on Allow Deleting Users as a Tool literally', async () => {
		emulator.store.upsertUser('acme', { userId: 'u1' });
		const items = [{ Ids: 'u1', Allow: true }];
		const userIds = "={{ $fromAI('Ids', '', 'string') }}";
		for (const allowToolDelete of [
			false,
			'={{ true }}',
			"={{ $fromAI('Allow', '', 'boolean') }}",
		]) {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items,
				parameters: remove({ userIds, allowToolDelete }),
			});
			expect(toolError(run)).toMatch(
				/this AI agent tool cannot delete users\. Do not delete users/,
			);
		}
		expect(emulator.requests).toEqual([]);
		const allowed = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items,
			parameters: remove({ userIds, allowToolDelete: true }),
		});
		expect(allowed.json).toEqual([
			{ deleted: true, organizationId: 'acme', deletedIds: ['u1'], deletedCount: 1 },
		]);
	});

	test('as a tool, user IDs are plain IDs: a user object is refused', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Ids: '[{"userId": "u1"}]' }],
			parameters: remove({ userIds: "={{ $fromAI('Ids', '', 'string') }}", allowToolDelete: true }),
		});
		expect(toolError(run)).toMatch(
			/^Argument "Ids" \(User IDs\): must list ids as text, got an object\./,
		);
		expect(emulator.requests).toEqual([]);
	});
});
