/**
 * Every documented example of the 7 user and user-group endpoints (test/fixtures/
 * veltDocsExamples.ts, from https://docs.velt.dev/api-reference/rest-apis/v2/users/* and
 * .../v2/user-groups/*), through n8n-core, both ways:
 * - each example request is reproduced from node parameters: the `data` Velt receives equals
 *   the documented one (the emulator, seeded so the call reaches the documented endpoint);
 * - each example response and error is served verbatim (a canned Velt) and the output checked.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { COLLABORATION_ENDPOINTS, DIRECTORY_ENDPOINTS } from '../../nodes/shared/transport';
import { type UserScope } from '../emulator';
import { docsExamples, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { byId, errorMessage, runVeltNode } from './support';
import { useEmulator } from '../helpers/useEmulator';

const E = COLLABORATION_ENDPOINTS;
const ENDPOINTS = [
	E.addUsers,
	DIRECTORY_ENDPOINTS.getUsers,
	E.updateUsers,
	E.deleteUsers,
	E.addUserGroups,
	E.addUsersToGroup,
	E.deleteUsersFromGroup,
] as const;

const emulator = useEmulator();
const velt = cannedVeltForFile();

const dataOf = (example: VeltDocsExample) => (example.body as { data: IDataObject }).data;
const label = (example: VeltDocsExample) => `${example.endpoint} | ${example.heading}`;
const requests = (endpoint: string) =>
	docsExamples(endpoint, 'request').map((example) => [label(example), example] as const);

function sentTo(path: string): IDataObject[] {
	return emulator.requests
		.filter((request) => request.path === path)
		.map((request) => (request.body as IDataObject).data as IDataObject);
}

function levelFields(data: IDataObject): IDataObject {
	const fields: IDataObject = {};
	if (typeof data.documentId === 'string') fields.documentId = byId(data.documentId);
	if (typeof data.folderId === 'string') fields.folderId = data.folderId;
	return fields;
}

function scopeOf(data: IDataObject): UserScope {
	if (typeof data.documentId === 'string') return { level: 'document', id: data.documentId };
	if (typeof data.folderId === 'string') return { level: 'folder', id: data.folderId };
	return { level: 'organization' };
}

/** The example's user, already at the example's level (organization, document or folder). */
function seedUser(data: IDataObject): void {
	const organizationId = data.organizationId as string;
	const scope = scopeOf(data);
	if (scope.level === 'organization')
		emulator.store.upsertUser(organizationId, { userId: 'yourUserId1' });
	else
		emulator.store.collaboration.upsertScopedUser(organizationId, scope, { userId: 'yourUserId1' });
}

/** Create or Update from an add or update example: one user, by the fields. */
function upsertParameters(data: IDataObject): INodeParameters {
	const [{ userId, ...userFields }] = data.users as IDataObject[];
	return {
		resource: 'user',
		operation: 'upsert',
		organizationId: byId(data.organizationId as string),
		userId: userId as string,
		userFields: userFields as INodeParameters,
		additionalFields: levelFields(data) as INodeParameters,
	};
}

function getParameters(data: IDataObject): INodeParameters {
	const filters: IDataObject = levelFields(data);
	if (Array.isArray(data.userIds)) filters.userIds = data.userIds.join(', ');
	if (Array.isArray(data.organizationUserGroupIds))
		filters.organizationUserGroupIds = data.organizationUserGroupIds.join(', ');
	if (data.allDocuments === true) filters.allDocuments = true;
	if (data.groupByDocumentId === true) filters.groupByDocumentId = true;
	return {
		resource: 'user',
		operation: 'getAll',
		organizationId: byId(data.organizationId as string),
		returnAll: true,
		filters: filters as INodeParameters,
		options: typeof data.pageSize === 'number' ? { pageSize: data.pageSize } : {},
	};
}

function deleteParameters(data: IDataObject): INodeParameters {
	return {
		resource: 'user',
		operation: 'delete',
		organizationId: byId(data.organizationId as string),
		userIds: (data.userIds as string[]).join(', '),
		additionalFields: levelFields(data) as INodeParameters,
	};
}

function groupParameters(operation: string, data: IDataObject): INodeParameters {
	const parameters: INodeParameters = {
		resource: 'userGroup',
		operation,
		organizationId: byId(data.organizationId as string),
	};
	if (operation === 'create') {
		const [group] = data.organizationUserGroups as IDataObject[];
		parameters.groupId = group.groupId as string;
		parameters.additionalFields =
			group.groupName === undefined ? {} : { groupName: group.groupName as string };
		return parameters;
	}
	parameters.organizationUserGroupId = data.organizationUserGroupId as string;
	if (data.deleteAll === true) parameters.deleteAll = true;
	else parameters.userIds = (data.userIds as string[]).join(', ');
	return parameters;
}

describe('documented requests, reproduced from node parameters', () => {
	test.each(requests(E.addUsers))('%s: a new user is added', async (_label, example) => {
		const run = await runVeltNode(emulator, { parameters: upsertParameters(dataOf(example)) });
		expect(run.status).toBe('success');
		expect(sentTo(E.addUsers)).toEqual([dataOf(example)]);
		expect(run.json[0]).toMatchObject({ action: 'created', message: 'User added.' });
	});

	test.each(requests(E.updateUsers))('%s: an existing user is updated', async (_label, example) => {
		const data = dataOf(example);
		seedUser(data);
		const run = await runVeltNode(emulator, { parameters: upsertParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(E.updateUsers)).toEqual([data]);
		expect(sentTo(E.addUsers)).toEqual([]);
		expect(run.json[0]).toMatchObject({ action: 'updated', message: 'User updated.' });
	});

	test.each(requests(DIRECTORY_ENDPOINTS.getUsers))('%s', async (_label, example) => {
		const data = dataOf(example);
		const last = {
			status: 200,
			body: { result: { status: 'success', data: data.groupByDocumentId ? {} : [] } },
		};
		velt.answer = last;
		if (data.pageToken !== undefined) {
			// The example is a second page: the first answers the token it carries.
			velt.queue.push({
				status: 200,
				body: {
					result: {
						status: 'success',
						data: [{ userId: 'first' }],
						nextPageToken: data.pageToken,
					},
				},
			});
		}
		const run = await runVeltNode(velt, { parameters: getParameters(data) });
		expect(run.status).toBe('success');
		const bodies = velt.requests.map((request) => (request.body as IDataObject).data);
		expect(bodies[bodies.length - 1]).toEqual(data);
	});

	test.each(requests(E.deleteUsers))('%s', async (_label, example) => {
		const data = dataOf(example);
		seedUser(data);
		const run = await runVeltNode(emulator, { parameters: deleteParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(E.deleteUsers)).toEqual([data]);
		expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['yourUserId1'] });
	});

	test.each(requests(E.addUserGroups))('%s', async (_label, example) => {
		const run = await runVeltNode(emulator, {
			parameters: groupParameters('create', dataOf(example)),
		});
		expect(run.status).toBe('success');
		expect(sentTo(E.addUserGroups)).toEqual([dataOf(example)]);
		expect(run.json[0]).toMatchObject({ groupId: 'engineering', groupName: 'Engineering' });
	});

	test.each(requests(E.addUsersToGroup))('%s', async (_label, example) => {
		emulator.store.collaboration.upsertGroup('yourOrganizationId', { groupId: 'yourGroupId' });
		const run = await runVeltNode(emulator, {
			parameters: groupParameters('addUsers', dataOf(example)),
		});
		expect(run.status).toBe('success');
		expect(sentTo(E.addUsersToGroup)).toEqual([dataOf(example)]);
	});

	test.each(requests(E.deleteUsersFromGroup))('%s', async (_label, example) => {
		const group = emulator.store.collaboration.upsertGroup('yourOrganizationId', {
			groupId: 'yourGroupId',
		});
		group.userIds.add('yourUserId1');
		const run = await runVeltNode(emulator, {
			parameters: groupParameters('removeUsers', dataOf(example)),
		});
		expect(run.status).toBe('success');
		expect(sentTo(E.deleteUsersFromGroup)).toEqual([dataOf(example)]);
		expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['yourUserId1'] });
	});
});

function documented(endpoint: string, kind: 'response' | 'error', heading: string) {
	const found = [...docsExamples(endpoint, 'response'), ...docsExamples(endpoint, 'error')].filter(
		(example) => example.kind === kind && example.heading === heading,
	);
	if (found.length !== 1) throw new Error(`no single example ${endpoint} ${kind} ${heading}`);
	return { status: kind === 'error' ? 400 : 200, body: found[0].body };
}

const userMissing = (userId: string) => ({
	status: 200,
	body: {
		result: {
			status: 'success',
			data: { [userId]: { success: false, id: 'x', message: 'User does not exist.' } },
		},
	},
});

const oneUser = (userId: string) =>
	upsertParameters({ organizationId: 'yourOrganizationId', users: [{ userId }] });

describe('documented responses', () => {
	test("users/add Success Response: the user is created, with Velt's id and message", async () => {
		velt.queue.push(userMissing('yourUserId1'));
		velt.answer = documented(E.addUsers, 'response', 'Success Response');
		const run = await runVeltNode(velt, { parameters: oneUser('yourUserId1') });
		expect(run.json).toEqual([
			{
				organizationId: 'yourOrganizationId',
				userId: 'yourUserId1',
				id: '4c250058149d6c9fb8c894c9ef29c790',
				action: 'created',
				message: 'User added.',
			},
		]);
	});

	test('users/update Success Response: the user is updated', async () => {
		velt.answer = documented(E.updateUsers, 'response', 'Success Response');
		const run = await runVeltNode(velt, { parameters: oneUser('yourUserId1') });
		expect(run.json[0]).toMatchObject({
			id: '7d87015b055a168b098cf05b870e40ff',
			action: 'updated',
			message: 'User updated.',
		});
		expect(velt.requests.map((request) => request.path)).toEqual([E.updateUsers]);
	});

	test('users/update Some User(s) Not Found: the missing user is added; each user says what happened', async () => {
		velt.queue.push(documented(E.updateUsers, 'response', 'Some User(s) Not Found'));
		velt.answer = {
			status: 200,
			body: {
				result: {
					status: 'success',
					data: { yourUserId2: { success: true, id: 'abc', message: 'User added.' } },
				},
			},
		};
		const run = await runVeltNode(velt, {
			parameters: {
				...oneUser('x'),
				userInputMode: 'json',
				users: '["yourUserId1", "yourUserId2"]',
			},
		});
		expect(velt.requests.map((request) => (request.body as IDataObject).data)).toEqual([
			{
				organizationId: 'yourOrganizationId',
				users: [{ userId: 'yourUserId1' }, { userId: 'yourUserId2' }],
			},
			{ organizationId: 'yourOrganizationId', users: [{ userId: 'yourUserId2' }] },
		]);
		expect(run.json[0].users).toEqual([
			{
				userId: 'yourUserId1',
				id: '7d87015b055a168b098cf05b870e40ff',
				action: 'updated',
				message: 'User updated.',
			},
			{ userId: 'yourUserId2', id: 'abc', action: 'created', message: 'User added.' },
		]);
	});

	test("users/update Some User(s) Not Found, and the add fails too: the item's error names the user", async () => {
		velt.queue.push(documented(E.updateUsers, 'response', 'Some User(s) Not Found'));
		velt.answer = userMissing('yourUserId2');
		const run = await runVeltNode(velt, {
			parameters: {
				...oneUser('x'),
				userInputMode: 'json',
				users: '["yourUserId1", "yourUserId2"]',
			},
		});
		expect(errorMessage(run)).toBe(
			'Velt could not create or update user yourUserId2 (User does not exist.)',
		);
	});

	test('users/update answering NOT_FOUND (an organization Velt does not know): the user is added', async () => {
		velt.queue.push({
			status: 404,
			body: { error: { message: 'Organization not found.', status: 'NOT_FOUND' } },
		});
		velt.answer = documented(E.addUsers, 'response', 'Success Response');
		const run = await runVeltNode(velt, { parameters: oneUser('yourUserId1') });
		expect(velt.requests.map((request) => request.path)).toEqual([E.updateUsers, E.addUsers]);
		expect(run.json[0]).toMatchObject({ userId: 'yourUserId1', action: 'created' });
	});

	test('users/get Success Response: its users, then the page its nextPageToken points to', async () => {
		velt.queue.push(documented(DIRECTORY_ENDPOINTS.getUsers, 'response', 'Success Response'));
		velt.answer = { status: 200, body: { result: { status: 'success', data: [] } } };
		const run = await runVeltNode(velt, {
			parameters: getParameters({ organizationId: 'yourOrganizationId' }),
		});
		expect(run.json).toEqual([
			{ email: 'userEmail@domain.com', name: 'userName', userId: 'yourUserId' },
		]);
		expect((velt.requests[1].body as IDataObject).data).toEqual({
			organizationId: 'yourOrganizationId',
			pageToken: 'pageToken',
		});
	});

	test('users/get "Failure Response" (a success answer with pageToken): read like the success', async () => {
		const answers = docsExamples(DIRECTORY_ENDPOINTS.getUsers, 'response').filter(
			(example) => example.heading === 'Failure Response',
		);
		expect(answers).toHaveLength(1);
		velt.queue.push({ status: 200, body: answers[0].body });
		velt.answer = { status: 200, body: { result: { status: 'success', data: [] } } };
		const run = await runVeltNode(velt, {
			parameters: getParameters({ organizationId: 'yourOrganizationId' }),
		});
		expect(run.json).toEqual([
			{ email: 'userEmail@domain.com', name: 'userName', userId: 'yourUserId' },
		]);
		expect(velt.requests).toHaveLength(2);
	});

	test('users/get grouped by document: one item per document', async () => {
		velt.queue.push(
			documented(
				DIRECTORY_ENDPOINTS.getUsers,
				'response',
				'Success Response with allDocuments and groupByDocumentId',
			),
		);
		velt.answer = { status: 200, body: { result: { status: 'success', data: {} } } };
		const run = await runVeltNode(velt, {
			parameters: getParameters({
				organizationId: 'yourOrganizationId',
				allDocuments: true,
				groupByDocumentId: true,
			}),
		});
		expect(run.json).toEqual([
			{
				documentId: 'documentId1',
				users: [{ email: 'userEmail@domain.com', name: 'userName', userId: 'yourUserId' }],
			},
		]);
	});

	test('users/delete Success Response', async () => {
		velt.answer = documented(E.deleteUsers, 'response', 'Success Response');
		const run = await runVeltNode(velt, {
			parameters: deleteParameters({
				organizationId: 'yourOrganizationId',
				userIds: ['yourUserId1'],
			}),
		});
		expect(run.json).toEqual([
			{
				deleted: true,
				organizationId: 'yourOrganizationId',
				deletedIds: ['yourUserId1'],
				deletedCount: 1,
			},
		]);
	});

	test('usergroups/add Success Response', async () => {
		velt.answer = documented(E.addUserGroups, 'response', 'Success Response');
		const run = await runVeltNode(velt, {
			parameters: groupParameters('create', {
				organizationId: 'yourOrganizationId',
				organizationUserGroups: [{ groupId: 'yourGroupId' }],
			}),
		});
		expect(run.json).toEqual([
			{
				organizationId: 'yourOrganizationId',
				groupId: 'yourGroupId',
				id: '77ab6767b022ad0323ba39c24f12cc95',
				message: 'Organization user group added.',
			},
		]);
	});

	test('usergroups/users/add Success Response', async () => {
		velt.answer = documented(E.addUsersToGroup, 'response', 'Success Response');
		const run = await runVeltNode(velt, {
			parameters: groupParameters('addUsers', {
				organizationId: 'yourOrganizationId',
				organizationUserGroupId: 'yourGroupId',
				userIds: ['yourUserId1'],
			}),
		});
		expect(run.json).toEqual([
			{
				success: true,
				organizationId: 'yourOrganizationId',
				organizationUserGroupId: 'yourGroupId',
				addedIds: ['yourUserId1'],
				addedCount: 1,
			},
		]);
	});

	test.each([
		['userIds', { userIds: ['yourUserId1'] }],
		['deleteAll', { deleteAll: true }],
	])('usergroups/users/delete Success Response, asked by %s', async (_case, how) => {
		velt.answer = documented(E.deleteUsersFromGroup, 'response', 'Success Response');
		const run = await runVeltNode(velt, {
			parameters: groupParameters('removeUsers', {
				organizationId: 'yourOrganizationId',
				organizationUserGroupId: 'yourGroupId',
				...how,
			}),
		});
		expect(run.json[0]).toMatchObject({
			deleted: true,
			deletedIds: ['yourUserId1'],
			deletedCount: 1,
		});
	});

	const failing: Array<[string, () => INodeParameters]> = [
		[E.addUsers, () => oneUser('yourUserId1')],
		[E.updateUsers, () => oneUser('yourUserId1')],
		[DIRECTORY_ENDPOINTS.getUsers, () => getParameters({ organizationId: 'yourOrganizationId' })],
		[E.deleteUsers, () => deleteParameters({ organizationId: 'o', userIds: ['u1'] })],
		[
			E.addUserGroups,
			() =>
				groupParameters('create', {
					organizationId: 'o',
					organizationUserGroups: [{ groupId: 'g' }],
				}),
		],
		[
			E.addUsersToGroup,
			() =>
				groupParameters('addUsers', {
					organizationId: 'o',
					organizationUserGroupId: 'g',
					userIds: ['u1'],
				}),
		],
		[
			E.deleteUsersFromGroup,
			() =>
				groupParameters('removeUsers', {
					organizationId: 'o',
					organizationUserGroupId: 'g',
					userIds: ['u1'],
				}),
		],
	];
	test.each(failing)(
		"%s Failure Response: the item fails with Velt's message and code",
		async (endpoint, parameters) => {
			const [error] = docsExamples(endpoint, 'error');
			// Create or Update reaches users/add only after users/update named the user missing.
			if (endpoint === E.addUsers) velt.queue.push(userMissing('yourUserId1'));
			velt.answer = { status: 400, body: error.body };
			const run = await runVeltNode(velt, { parameters: parameters() });
			const { message, status } = (error.body as { error: { message: string; status: string } })
				.error;
			expect(errorMessage(run)).toBe(`Velt: ${message} [${status}] (HTTP 400)`);
			expect(velt.requests[velt.requests.length - 1].path).toBe(endpoint);
		},
	);
});

test('every documented example of the 7 endpoints is covered above', () => {
	const counted = ENDPOINTS.map((endpoint) => [
		endpoint,
		docsExamples(endpoint, 'request').length,
		docsExamples(endpoint, 'response').length,
		docsExamples(endpoint, 'error').length,
	]);
	// requests (test.each above), responses (one test each), errors (the Failure Response test).
	expect(counted).toEqual([
		[E.addUsers, 6, 1, 1],
		[DIRECTORY_ENDPOINTS.getUsers, 8, 3, 1],
		[E.updateUsers, 6, 2, 1],
		[E.deleteUsers, 3, 1, 1],
		[E.addUserGroups, 1, 1, 1],
		[E.addUsersToGroup, 1, 1, 1],
		[E.deleteUsersFromGroup, 2, 1, 1],
	]);
});
