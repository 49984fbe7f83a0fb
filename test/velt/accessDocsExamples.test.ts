/**
 * Every documented example of the 7 permission, sign-in token and users'-data endpoints
 * (test/fixtures/veltDocsExamples.ts, from https://docs.velt.dev/api-reference/rest-apis/v2/auth/*
 * and .../v2/gdpr/*), through n8n-core, both ways:
 * - each example request is reproduced from node parameters: the `data` Velt receives equals
 *   the documented one (the emulator, or a canned Velt where the example carries a page token);
 * - each example response and error is served verbatim (a canned Velt) and the output checked.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ACCESS_ENDPOINTS } from '../../nodes/shared/transport';
import { docsExamples } from '../fixtures/veltDocsExamples';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import {
	dataOf,
	documentedExample,
	exampleCounts,
	requestCases as requests,
} from '../helpers/docsExamples';
import { useEmulator } from '../helpers/useEmulator';
import { byId, errorMessage, runVeltNode, sentData } from './support';

const A = ACCESS_ENDPOINTS;
const ENDPOINTS = [
	A.addPermissions,
	A.getPermissions,
	A.removePermissions,
	A.signIn,
	A.getUserData,
	A.deleteUserData,
	A.getUserDataDeletionStatus,
] as const;

const emulator = useEmulator();
const velt = cannedVeltForFile();

const sentTo = (path: string) => sentData(emulator, path);
const cannedSent = () => sentData(velt);

type Resource = IDataObject & { type: string; id: string; organizationId?: string };
const resourcesOf = (data: IDataObject) =>
	(data.permissions as { resources: Resource[] }).resources;

/** Grant from an add-permissions example: its one resource, by the fields. */
export function grantParameters(data: IDataObject): INodeParameters {
	const [resource] = resourcesOf(data);
	const parameters: INodeParameters = {
		resource: 'permission',
		operation: 'grant',
		organizationId: byId(resource.organizationId ?? resource.id),
		userId: byId((data.user as IDataObject).userId as string),
		resourceType: resource.type,
		accessRole: resource.accessRole as string,
	};
	if (resource.type === 'document') parameters.documentId = byId(resource.id);
	if (resource.type === 'folder') parameters.folderId = resource.id;
	if (resource.expiresAt !== undefined) parameters.expiresAt = resource.expiresAt as number;
	return parameters;
}

function revokeParameters(data: IDataObject): INodeParameters {
	const resources = resourcesOf(data);
	const organization = resources.find((resource) => resource.type === 'organization');
	const ids = (type: string) =>
		resources.filter((resource) => resource.type === type).map((resource) => resource.id);
	return {
		resource: 'permission',
		operation: 'revoke',
		organizationId: byId(organization?.id ?? (resources[0].organizationId as string)),
		userId: byId(data.userId as string),
		revokeOrganization: organization !== undefined,
		documentIds: ids('document').join(', '),
		folderIds: ids('folder').join(', '),
	};
}

const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Generate from a generate-token example: the organization first, then documents and folders. */
export function tokenParameters(data: IDataObject): INodeParameters {
	const [organization, ...rest] = resourcesOf(data);
	const properties = data.userProperties as IDataObject;
	const additionalFields: IDataObject = { isAdmin: properties.isAdmin as boolean };
	if (organization.accessRole !== undefined)
		additionalFields.organizationAccessRole = organization.accessRole;
	return {
		resource: 'signInToken',
		operation: 'generate',
		organizationId: byId(organization.id),
		userId: byId(data.userId as string),
		name: properties.name as string,
		email: properties.email as string,
		resources: {
			resource: rest.map((resource) => ({
				type: resource.type,
				id: resource.id,
				accessRole: resource.accessRole as string,
				// As a date, the way the editor's date field saves it.
				...(resource.expiresAt === undefined
					? {}
					: { expiresAt: isoSeconds(resource.expiresAt as number) }),
			})),
		},
		additionalFields: additionalFields as INodeParameters,
	};
}

const exportParameters = (data: IDataObject): INodeParameters => ({
	resource: 'userData',
	operation: 'export',
	organizationId: byId(data.organizationId as string),
	userId: byId(data.userId as string),
});

const deleteDataParameters = (data: IDataObject): INodeParameters => ({
	resource: 'userData',
	operation: 'delete',
	userIds: (data.userIds as string[]).join(', '),
	additionalFields: { organizationIds: ((data.organizationIds as string[]) ?? []).join(', ') },
});

const statusParameters = (data: IDataObject): INodeParameters => ({
	resource: 'userData',
	operation: 'getDeletionStatus',
	jobId: data.jobId as string,
});

const getParameters = (data: IDataObject): INodeParameters => ({
	resource: 'permission',
	operation: 'get',
	organizationId: byId(data.organizationId as string),
	userIds: (data.userIds as string[]).join(', '),
	filters: {
		...(data.documentIds ? { documentIds: (data.documentIds as string[]).join(', ') } : {}),
		...(data.folderIds ? { folderIds: (data.folderIds as string[]).join(', ') } : {}),
	},
});

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('documented requests, reproduced from node parameters', () => {
	test.each(requests(A.addPermissions))('%s', async (_label, example) => {
		const data = dataOf(example);
		const run = await runVeltNode(emulator, { parameters: grantParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(A.addPermissions)).toEqual([data]);
		expect(run.json[0]).toMatchObject({
			success: true,
			userId: 'some-user-id',
			message: 'Permissions added successfully.',
		});
	});

	test.each(requests(A.getPermissions))('%s', async (_label, example) => {
		const data = dataOf(example);
		emulator.store.access
			.grantsOf('org1', 'samarth')
			.documents.set('freestyle-comments1', { accessRole: 'viewer' });
		const run = await runVeltNode(emulator, { parameters: getParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(A.getPermissions)).toEqual([data]);
		expect(run.json).toEqual([
			{
				organizationId: 'org1',
				userId: 'samarth',
				documents: { 'freestyle-comments1': { accessRole: 'viewer', accessType: 'public' } },
			},
		]);
	});

	test.each(requests(A.removePermissions))('%s', async (_label, example) => {
		const data = dataOf(example);
		const grants = emulator.store.access.grantsOf('ORGANIZATION_ID', 'USER_ID');
		grants.documents.set('DOCUMENT_ID', { accessRole: 'editor' });
		grants.organization.set('ORGANIZATION_ID', { accessRole: 'editor' });
		const run = await runVeltNode(emulator, { parameters: revokeParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(A.removePermissions)).toEqual([data]);
		expect(grants.documents.size + grants.organization.size).toBe(0);
		expect(run.json[0]).toMatchObject({ message: 'Permissions removed successfully.' });
	});

	test.each(requests(A.signIn))('%s: a JWT comes back', async (_label, example) => {
		const data = dataOf(example);
		const run = await runVeltNode(emulator, { parameters: tokenParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(A.signIn)).toEqual([data]);
		const { token } = run.json[0] as { token: string };
		expect(token).toMatch(JWT);
		const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
		expect(payload).toMatchObject({ userId: data.userId, permissions: data.permissions });
		expect(run.json).toEqual([{ userId: data.userId, token }]);
	});

	test.each(requests(A.getUserData))('%s (a later page)', async (_label, example) => {
		const data = dataOf(example);
		// The example carries a token from an earlier page: the first page answers it.
		velt.queue.push({
			status: 200,
			body: {
				result: {
					status: 'success',
					data: { comments: [{ commentId: 1 }], reactions: [], recordings: [], notifications: [] },
					nextPageToken: data.pageToken,
				},
			},
		});
		velt.answer = {
			status: 200,
			body: { result: { status: 'success', data: { comments: [{ commentId: 2 }] } } },
		};
		const run = await runVeltNode(velt, { parameters: exportParameters(data) });
		expect(run.status).toBe('success');
		const { pageToken: _token, ...first } = data;
		expect(cannedSent()).toEqual([first, data]);
		expect(run.json).toEqual([
			{
				organizationId: 'yourOrganizationId',
				userId: 'yourUserId',
				comments: [{ commentId: 1 }, { commentId: 2 }],
				reactions: [],
				recordings: [],
				notifications: [],
			},
		]);
	});

	test.each(requests(A.deleteUserData))('%s: the job at once', async (_label, example) => {
		const data = dataOf(example);
		const run = await runVeltNode(emulator, { parameters: deleteDataParameters(data) });
		expect(run.status).toBe('success');
		expect(sentTo(A.deleteUserData)).toEqual([data]);
		expect(sentTo(A.getUserDataDeletionStatus)).toEqual([]);
		expect(run.json[0]).toMatchObject({
			userIds: data.userIds,
			organizationIds: data.organizationIds,
			jobId: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
			tasksCount: 4,
			message: 'Data deletion process has been initiated.',
		});
	});

	test.each(requests(A.getUserDataDeletionStatus))('%s', async (_label, example) => {
		const data = dataOf(example);
		velt.answer = {
			status: 200,
			body: docsExamples(A.getUserDataDeletionStatus, 'response')[0].body,
		};
		const run = await runVeltNode(velt, { parameters: statusParameters(data) });
		expect(run.status).toBe('success');
		expect(cannedSent()).toEqual([data]);
	});
});

function documented(endpoint: string, kind: 'response' | 'error' | 'payload', heading: string) {
	return documentedExample(endpoint, kind, heading).body as IDataObject;
}

describe('documented responses, served verbatim', () => {
	const grant = () => grantParameters(dataOf(docsExamples(A.addPermissions, 'request')[0]));
	const token = () => tokenParameters(dataOf(docsExamples(A.signIn, 'request')[0]));

	test('permissions/add Success Response', async () => {
		velt.answer = {
			status: 200,
			body: documented(A.addPermissions, 'response', 'Success Response'),
		};
		const run = await runVeltNode(velt, { parameters: grant() });
		expect(run.json).toEqual([
			{
				success: true,
				userId: 'some-user-id',
				type: 'organization',
				id: 'YOUR_ORGANIZATION_ID',
				accessRole: 'editor',
				message: 'Permissions added successfully.',
			},
		]);
	});

	test('permissions/remove Success Response', async () => {
		velt.answer = {
			status: 200,
			body: documented(A.removePermissions, 'response', 'Success Response'),
		};
		const run = await runVeltNode(velt, {
			parameters: revokeParameters(dataOf(docsExamples(A.removePermissions, 'request')[0])),
		});
		expect(run.json[0]).toMatchObject({
			success: true,
			userId: 'USER_ID',
			message: 'Permissions removed successfully.',
		});
	});

	test.each(
		docsExamples(A.signIn, 'response').map((example) => [example.heading, example] as const),
	)(
		'generate_token success (%s): the token is output as Velt gave it',
		async (_heading, example) => {
			velt.answer = { status: 200, body: example.body };
			const run = await runVeltNode(velt, { parameters: token() });
			const expected = (example.body as { result: { data: { token: string } } }).result.data.token;
			expect(run.json).toEqual([{ userId: 'user123', token: expected }]);
		},
	);

	test.each(
		docsExamples(A.getPermissions, 'response').map(
			(example) => [example.heading, example] as const,
		),
	)('permissions/get %s: one item per user, as Velt answered', async (_heading, example) => {
		velt.answer = { status: 200, body: example.body };
		const byUser = (example.body as { result: { data: IDataObject } }).result.data;
		const userIds = Object.keys(byUser);
		const run = await runVeltNode(velt, {
			parameters: getParameters({ organizationId: 'org1', userIds }),
		});
		expect(run.json).toEqual(
			userIds.map((userId) => ({
				organizationId: 'org1',
				userId,
				...(byUser[userId] as IDataObject),
			})),
		);
	});

	test('users/data/delete Success Response (HTTP 202, not in result): the job', async () => {
		velt.answer = {
			status: 202,
			body: documented(A.deleteUserData, 'payload', 'Success Response'),
		};
		const run = await runVeltNode(velt, {
			parameters: deleteDataParameters({ userIds: ['yourUserId1'] }),
		});
		expect(run.json).toEqual([
			{
				userIds: ['yourUserId1'],
				jobId: 'dsQuvPmIynANgPLLEhCm',
				tasksCount: 5,
				message: 'Data deletion process has been initiated.',
			},
		]);
	});

	test('users/data/get Success Response: every feature, the token followed', async () => {
		velt.queue.push({
			status: 200,
			body: documented(A.getUserData, 'response', 'Success Response'),
		});
		velt.answer = { status: 200, body: { result: { status: 'success', data: {} } } };
		const run = await runVeltNode(velt, {
			parameters: exportParameters({ organizationId: 'o', userId: 'u' }),
		});
		expect(run.json).toEqual([
			{
				organizationId: 'o',
				userId: 'u',
				comments: [],
				reactions: [],
				recordings: [],
				notifications: [],
			},
		]);
		// The documented page holds no entries ("[..]"), and an empty page ends the read.
		expect(velt.requests).toHaveLength(1);
	});

	test('users/data/delete/status Success Response', async () => {
		velt.answer = {
			status: 200,
			body: documented(A.getUserDataDeletionStatus, 'response', 'Success Response'),
		};
		const run = await runVeltNode(velt, { parameters: statusParameters({ jobId: 'j1' }) });
		expect(run.json).toEqual([
			{ jobId: 'j1', isDeleteCompleted: true, tasksLeft: 0, lastTaskCompletedTime: 1748972106739 },
		]);
	});

	const failing: Array<[string, string, number, () => INodeParameters]> = [
		[A.addPermissions, 'Failure Response', 400, grant],
		[
			A.removePermissions,
			'Failure Response',
			400,
			() => revokeParameters(dataOf(docsExamples(A.removePermissions, 'request')[0])),
		],
		[A.signIn, 'Failure Response', 400, token],
		[
			A.getPermissions,
			'API Failure Response',
			400,
			() => getParameters({ organizationId: 'org1', userIds: ['1.1'] }),
		],
		[
			A.getPermissions,
			'Error Response Examples',
			404,
			() => getParameters({ organizationId: 'org1', userIds: ['1.1'] }),
		],
		[
			A.getUserData,
			'Failure Response',
			500,
			() => exportParameters({ organizationId: 'o', userId: 'u' }),
		],
		[A.deleteUserData, 'Failure Response', 400, () => deleteDataParameters({ userIds: ['u'] })],
		[A.getUserDataDeletionStatus, 'Failure Response', 500, () => statusParameters({ jobId: 'j1' })],
	];
	test.each(failing)(
		"%s %s: the item fails with Velt's message and code",
		async (endpoint, heading, status, parameters) => {
			const body = documented(endpoint, 'error', heading);
			velt.answer = { status, body };
			const run = await runVeltNode(velt, {
				parameters: { ...parameters(), options: { maxRetries: 0 } },
			});
			const error = body.error as { message: string; status: string };
			expect(errorMessage(run)).toBe(`Velt: ${error.message} [${error.status}] (HTTP ${status})`);
			expect(velt.requests[velt.requests.length - 1].path).toBe(endpoint);
		},
	);
});

test('every documented example of the 7 endpoints is covered above', () => {
	const counted = exampleCounts(ENDPOINTS, ['response', 'payload']);
	// requests (test.each above), responses (one test each), errors (the failing table).
	expect(counted).toEqual([
		[A.addPermissions, 6, 1, 1],
		[A.getPermissions, 1, 3, 2],
		[A.removePermissions, 1, 1, 1],
		[A.signIn, 3, 2, 1],
		[A.getUserData, 1, 1, 1],
		[A.deleteUserData, 1, 1, 1],
		[A.getUserDataDeletionStatus, 1, 1, 1],
	]);
});
