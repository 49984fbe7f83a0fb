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
import { docsExamples } from '../fixtures/veltDocsExamples';
import { cannedVeltForFile, type CannedAnswer } from '../helpers/cannedVelt';
import {
	dataOf,
	documentedExample,
	exampleCounts,
	examplesUnder,
	requestCases,
} from '../helpers/docsExamples';
import userResponses from '../fixtures/docsExamples/userResponses.json';
import { byId, errorMessage, runVeltNode, sentData } from './support';
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
	test.each(requestCases(E.addUsers))('%s: a new user is added', async (_label, example) => {
		const run = await runVeltNode(emulator, { parameters: upsertParameters(dataOf(example)) });
		expect(run.status).toBe('success');
		expect(sentData(emulator, E.addUsers)).toEqual([dataOf(example)]);
		expect(run.json[0]).toMatchObject({ action: 'created', message: 'User added.' });
	});

	test.each(requestCases(E.updateUsers))(
		'%s: an existing user is updated',
		async (_label, example) => {
			const data = dataOf(example);
			seedUser(data);
			const run = await runVeltNode(emulator, { parameters: upsertParameters(data) });
			expect(run.status).toBe('success');
			expect(sentData(emulator, E.updateUsers)).toEqual([data]);
			expect(sentData(emulator, E.addUsers)).toEqual([]);
			expect(run.json[0]).toMatchObject({ action: 'updated', message: 'User updated.' });
		},
	);

	test.each(requestCases(DIRECTORY_ENDPOINTS.getUsers))('%s', async (_label, example) => {
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
		const bodies = sentData(velt);
		expect(bodies[bodies.length - 1]).toEqual(data);
	});

	test.each(requestCases(E.deleteUsers))('%s', async (_label, example) => {
		const data = dataOf(example);
		seedUser(data);
		const run = await runVeltNode(emulator, { parameters: deleteParameters(data) });
		expect(run.status).toBe('success');
		expect(sentData(emulator, E.deleteUsers)).toEqual([data]);
		expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['yourUserId1'] });
	});

	test.each(requestCases(E.addUserGroups))('%s', async (_label, example) => {
		const run = await runVeltNode(emulator, {
			parameters: groupParameters('create', dataOf(example)),
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator, E.addUserGroups)).toEqual([dataOf(example)]);
		expect(run.json[0]).toMatchObject({ groupId: 'engineering', groupName: 'Engineering' });
	});

	test.each(requestCases(E.addUsersToGroup))('%s', async (_label, example) => {
		emulator.store.collaboration.upsertGroup('yourOrganizationId', { groupId: 'yourGroupId' });
		const run = await runVeltNode(emulator, {
			parameters: groupParameters('addUsers', dataOf(example)),
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator, E.addUsersToGroup)).toEqual([dataOf(example)]);
	});

	test.each(requestCases(E.deleteUsersFromGroup))('%s', async (_label, example) => {
		const group = emulator.store.collaboration.upsertGroup('yourOrganizationId', {
			groupId: 'yourGroupId',
		});
		group.userIds.add('yourUserId1');
		const run = await runVeltNode(emulator, {
			parameters: groupParameters('removeUsers', dataOf(example)),
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator, E.deleteUsersFromGroup)).toEqual([dataOf(example)]);
		expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['yourUserId1'] });
	});
});

function documented(endpoint: string, kind: 'response' | 'error', heading: string) {
	return {
		status: kind === 'error' ? 400 : 200,
		body: documentedExample(endpoint, kind, heading).body,
	};
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

type Answer =
	| CannedAnswer
	| { documented: [string, 'response' | 'error', string] }
	| { userMissing: string };
type Parameters = (
	| { upsert: IDataObject }
	| { get: IDataObject }
	| { delete: IDataObject }
	| { group: [string, IDataObject] }
) & { extra?: INodeParameters };

/** Documented responses served to the node, and what it outputs (userResponses.json; `why` there). */
const RESPONSES = userResponses.cases as unknown as Array<{
	name: string;
	queue?: Answer[];
	answer: Answer;
	parameters: Parameters;
	json?: IDataObject[];
	firstMatches?: IDataObject;
	firstUsers?: IDataObject[];
	paths?: string[];
	sentData?: IDataObject[];
	secondData?: IDataObject;
	errorMessage?: string;
}>;

const endpointOf = (name: string) =>
	name === 'getUsers'
		? DIRECTORY_ENDPOINTS.getUsers
		: E[name as keyof typeof COLLABORATION_ENDPOINTS];

function answerOf(answer: Answer): CannedAnswer {
	if ('documented' in answer) {
		const [endpoint, kind, heading] = answer.documented;
		return documented(endpointOf(endpoint), kind, heading);
	}
	if ('userMissing' in answer) return userMissing(answer.userMissing);
	return answer;
}

function parametersOf(given: Parameters): INodeParameters {
	const { extra = {}, ...build } = given;
	if ('upsert' in build) return { ...upsertParameters(build.upsert), ...extra };
	if ('get' in build) return { ...getParameters(build.get), ...extra };
	if ('delete' in build) return { ...deleteParameters(build.delete), ...extra };
	return { ...groupParameters(build.group[0], build.group[1]), ...extra };
}

const oneUser = (userId: string) =>
	upsertParameters({ organizationId: 'yourOrganizationId', users: [{ userId }] });

describe('documented responses', () => {
	test.each(RESPONSES.map((check) => [check.name, check] as const))('%s', async (_name, check) => {
		velt.queue.push(...(check.queue ?? []).map(answerOf));
		velt.answer = answerOf(check.answer);
		const run = await runVeltNode(velt, { parameters: parametersOf(check.parameters) });
		const sent = sentData(velt);
		if (check.json) expect(run.json).toEqual(check.json);
		if (check.firstMatches) expect(run.json[0]).toMatchObject(check.firstMatches);
		if (check.firstUsers) expect(run.json[0].users).toEqual(check.firstUsers);
		if (check.paths)
			expect(velt.requests.map((request) => request.path)).toEqual(check.paths.map(endpointOf));
		if (check.sentData) expect(sent).toEqual(check.sentData);
		if (check.secondData) expect(sent[1]).toEqual(check.secondData);
		if (check.errorMessage) expect(errorMessage(run)).toBe(check.errorMessage);
	});

	test('users/get "Failure Response" (a success answer with pageToken): read like the success', async () => {
		const answers = examplesUnder(DIRECTORY_ENDPOINTS.getUsers, 'response', 'Failure Response');
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
	const counted = exampleCounts(ENDPOINTS);
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
