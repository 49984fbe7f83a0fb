/**
 * The emulator's permission, sign-in token and users'-data endpoints against their pages
 * (https://docs.velt.dev/api-reference/rest-apis/v2/auth/*, .../v2/gdpr/*): every documented
 * request is accepted and answered in the documented shape, and the documented errors come back.
 */
import { createHmac } from 'crypto';
import { docsExamples } from '../fixtures/veltDocsExamples';
import { call, shapeProblems } from './apiClient';
import { EMULATOR_ACCESS_ENDPOINTS as A } from './index';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const documented = (endpoint: string) =>
	[...docsExamples(endpoint, 'response'), ...docsExamples(endpoint, 'payload')][0].body;

const REQUESTS = Object.values(A).flatMap((endpoint) =>
	docsExamples(endpoint, 'request').map(
		(example) => [`${endpoint} | ${example.heading}`, endpoint, example.body] as const,
	),
);

test('every documented request of the 7 endpoints is there', () => {
	expect(REQUESTS).toHaveLength(14);
});

test.each(REQUESTS)('%s: accepted, in the documented shape', async (_name, endpoint, body) => {
	const { data } = body as { data: Record<string, unknown> };
	// The get example reads a document someone was granted.
	const grants = emulator.store.access.grantsOf('org1', 'samarth');
	grants.documents.set('freestyle-comments1', { accessRole: 'viewer' });
	grants.organization.set('org1', { accessRole: 'editor' });
	if (endpoint === A.getUserDataDeletionStatus) {
		const started = await call(emulator, A.deleteUserData, { userIds: ['u1'] });
		data.jobId = started.body.data.jobId;
	}
	// The page token of the example is a placeholder: the emulator reads it as past the end.
	const answer = await call(emulator, endpoint, data);
	const deleteCall = endpoint === A.deleteUserData;
	expect(answer.status).toBe(deleteCall ? 202 : 200);
	const options = {
		idKeyed:
			endpoint === A.getPermissions ? ['result.data', 'folders', 'documents', 'organization'] : [],
		optional: ['nextPageToken', 'folders', 'documents', 'context', 'accessType'],
		free: ['comments', 'reactions', 'recordings', 'notifications', 'permissions'],
	};
	expect(shapeProblems(answer.body, documented(endpoint), options)).toEqual([]);
});

test('generate_token answers an HS256 JWT, signed, valid 48 hours, carrying the user and access', async () => {
	const [example] = docsExamples(A.signIn, 'request');
	const { data } = example.body as { data: Record<string, unknown> };
	const answer = await call(emulator, A.signIn, data);
	const token = answer.body.result.data.token as string;
	const [header, payload, signature] = token.split('.');
	const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
	expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
	const claims = decode(payload);
	expect(claims).toMatchObject({ userId: 'user123', name: 'John Doe', email: 'john@example.com' });
	expect(claims.exp - claims.iat).toBe(48 * 60 * 60);
	expect(signature).toBe(
		createHmac('sha256', emulator.authToken).update(`${header}.${payload}`).digest('base64url'),
	);
});

test.each([
	[A.addPermissions, { user: {}, permissions: { resources: [{ type: 'organization', id: 'o' }] } }],
	[
		A.addPermissions,
		{ user: { userId: 'u' }, permissions: { resources: [{ type: 'document', id: 'd' }] } },
	],
	[
		A.addPermissions,
		{
			user: { userId: 'u' },
			permissions: { resources: [{ type: 'organization', id: 'o', accessRole: 'owner' }] },
		},
	],
	[
		A.removePermissions,
		{ userId: 'u', permissions: { resources: [{ type: 'document', id: 'd' }] } },
	],
	[A.getPermissions, { organizationId: 'o' }],
	[
		A.signIn,
		{
			userId: 'u',
			userProperties: { name: 'N', email: 'e@x', organizationId: 'o' },
			permissions: { resources: [{ type: 'organization', id: 'o' }] },
		},
	],
	[
		A.signIn,
		{
			userId: 'u',
			userProperties: { name: 'N' },
			permissions: { resources: [{ type: 'organization', id: 'o' }] },
		},
	],
	[A.getUserData, { organizationId: 'o' }],
])('%s refuses a request its page calls invalid: INVALID_ARGUMENT', async (endpoint, data) => {
	const answer = await call(emulator, endpoint, data);
	expect(answer.status).toBe(400);
	expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
});

test.each([
	[A.deleteUserData, {}],
	[A.getUserDataDeletionStatus, { jobId: 'no-such-job' }],
])(
	'%s errors carry code 500 beside INVALID_ARGUMENT, as the GDPR pages show',
	async (endpoint, data) => {
		const answer = await call(emulator, endpoint, data);
		expect(answer.body).toEqual({
			error: { message: expect.any(String), status: 'INVALID_ARGUMENT', code: 500 },
		});
	},
);

test('permissions/get: a document that does not exist makes the whole call NOT_FOUND, with the map in details', async () => {
	const answer = await call(emulator, A.getPermissions, {
		organizationId: 'org1',
		userIds: ['1.1'],
		documentIds: ['document1-26-may-2025-folder222'],
	});
	expect(answer.status).toBe(404);
	expect(answer.body.error).toMatchObject({
		status: 'NOT_FOUND',
		message: 'Folder or document does not exist',
		details: {
			'1.1': {
				documents: {
					'document1-26-may-2025-folder222': {
						error: 'Document does not exist',
						errorCode: 'does_not_exist',
					},
				},
			},
		},
	});
});

// add-permissions: "You can add permissions for multiple resources in a single API call."
test('permissions/add takes several resources in one call, each with its own role and expiry', async () => {
	const answer = await call(emulator, A.addPermissions, {
		user: { userId: 'u' },
		permissions: {
			resources: [
				{ type: 'organization', id: 'o', accessRole: 'viewer' },
				{ type: 'folder', id: 'f', organizationId: 'o', expiresAt: 4102444800 },
				{ type: 'document', id: 'd', organizationId: 'o2', accessRole: 'viewer' },
			],
		},
	});
	expect(answer.status).toBe(200);
	expect(answer.body.result.message).toBe('Permissions added successfully.');
	const inO = emulator.store.access.grantsOf('o', 'u');
	expect(inO.organization.get('o')).toEqual({ accessRole: 'viewer' });
	// accessRole: 'Default: "editor"'.
	expect(inO.folders.get('f')).toEqual({ accessRole: 'editor', expiresAt: 4102444800 });
	expect(emulator.store.access.grantsOf('o2', 'u').documents.get('d')).toEqual({
		accessRole: 'viewer',
	});
});

// ASSUMED: the page shows one failure answer for the whole call, so the call is all or nothing.
test('permissions/add with one bad resource among several grants none of them', async () => {
	const answer = await call(emulator, A.addPermissions, {
		user: { userId: 'u' },
		permissions: {
			resources: [
				{ type: 'organization', id: 'o' },
				{ type: 'document', id: 'd' },
			],
		},
	});
	expect(answer.status).toBe(400);
	expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
	expect(emulator.store.access.grantsOf('o', 'u').organization.size).toBe(0);
});

test('permissions/get: an empty folder made with folders/add exists: no access, not NOT_FOUND', async () => {
	emulator.store.workspace.upsertFolder('o', 'empty-folder', { folderName: 'Empty' });
	const answer = await call(emulator, A.getPermissions, {
		organizationId: 'o',
		userIds: ['u'],
		folderIds: ['empty-folder'],
	});
	expect(answer.status).toBe(200);
	expect(answer.body.result.data.u.folders['empty-folder']).toMatchObject({
		errorCode: 'permission_denied',
	});
});

test('an expired grant is gone', async () => {
	emulator.store.access
		.grantsOf('o', 'u')
		.documents.set('d', { accessRole: 'viewer', expiresAt: 1 });
	emulator.store.access.grantsOf('o', 'v').documents.set('d', { accessRole: 'viewer' });
	const answer = await call(emulator, A.getPermissions, {
		organizationId: 'o',
		userIds: ['u'],
		documentIds: ['d'],
	});
	expect(answer.body.result.data.u.documents.d).toMatchObject({ errorCode: 'permission_denied' });
});

test('users/data/get pages 100 entries per feature with nextPageToken, none on the last page', async () => {
	for (let index = 0; index < 150; index++)
		emulator.store.insertNotification({
			organizationId: 'o',
			documentId: 'd',
			notificationId: `n${index}`,
			notifyAll: false,
			notifyUsers: [{ userId: 'u' }],
			displayHeadlineMessageTemplate: 'Hi',
		});
	const first = await call(emulator, A.getUserData, { organizationId: 'o', userId: 'u' });
	expect(first.body.result.data.notifications).toHaveLength(100);
	const second = await call(emulator, A.getUserData, {
		organizationId: 'o',
		userId: 'u',
		pageToken: first.body.result.nextPageToken,
	});
	expect(second.body.result.data.notifications).toHaveLength(50);
	expect(second.body.result.nextPageToken).toBeUndefined();
});
