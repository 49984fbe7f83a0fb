// End-to-end: the workspace resources of the Velt node (issue 27) in real n8n, against the
// emulator, in n8n 2.41.1 and 1.123.81: every Organization, Document, Folder, Permission, Sign-In
// Token and User Data operation once in one `n8n execute` run, checked against the outputs, the
// requests Velt received and what Velt holds afterwards; then, on one started n8n, the four
// workspace examples as they are (new customer, ticket access, data-subject request, sign-in
// token for the app).
//   node --test test/e2e/workspace.test.mjs
//   VELT_E2E_VERSIONS=2.41.1 node --test test/e2e/workspace.test.mjs
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
	Cleanup,
	credentials,
	databaseText,
	executionError,
	exampleWorkflow,
	findSecrets,
	listExecutions,
	logFilesText,
	nodeItems,
	note,
	packPackage,
	postWebhook,
	ranNodes,
	rt,
	secs,
	startEmulator,
	stopAllAfter,
	waitForExecutions,
	FAKE,
	chainWorkflow,
	onStartedN8n,
	setActive,
} from './helpers.mjs';

const VERSIONS = (process.env.VELT_E2E_VERSIONS ?? `${rt.N8N_CURRENT},${rt.N8N_LAST_1X}`)
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
const STEP_TIMEOUT = 10 * 60_000;
const OPS_WORKFLOW_ID = 'veltWorkspaceE2e1';
/** The workspace examples (examples/*.json). */
const EX = {
	newCustomer: ['crm-new-customer-to-velt-workspace', 'veltExample00031'],
	ticketAccess: ['ticket-assigned-document-access', 'veltExample00032'],
	dataRequest: ['data-subject-request-export-delete', 'veltExample00033'],
	signInToken: ['app-sign-in-token-webhook', 'veltExample00034'],
};
/** The Header Auth credential the sign-in token example's webhook checks. */
const APP_AUTH = {
	id: 'appBackendAuth01',
	name: 'My app backend',
	type: 'httpHeaderAuth',
	data: { name: 'X-App-Secret', value: 'e2e-fake-app-secret-K3mN7qR1' },
};

const ORG = 'e2e-ws-org';
const GONE_ORG = 'e2e-ws-gone';
const LEAVER = 'e2e-ws-leaver';
/** Where the leaver, whose data is exported and deleted, is a member (seeded before the run). */
const PEOPLE_ORG = 'e2e-ws-people';
/** The examples' own organization, seeded by each test. */
const EXAMPLE_ORG = 'e2e-ws-examples';
const rl = (value) => ({ __rl: true, mode: 'id', value });

/** [node name, parameters]: every operation of the six resources, each reading what came before. */
const STEPS = [
	[
		'Create Organization',
		{
			resource: 'organization',
			operation: 'create',
			organizationId: ORG,
			additionalFields: { organizationName: 'E2E Workspace', fieldsJson: '{"plan":"pro"}' },
		},
	],
	[
		'Create Organization To Delete',
		{ resource: 'organization', operation: 'create', organizationId: GONE_ORG },
	],
	[
		'Get Many Organizations',
		{
			resource: 'organization',
			operation: 'getAll',
			returnAll: true,
			filters: { organizationIds: `${ORG}, ${GONE_ORG}` },
		},
	],
	[
		'Update Organization',
		{
			resource: 'organization',
			operation: 'update',
			organizationId: rl(ORG),
			updateFields: { organizationName: 'E2E Workspace Renamed' },
		},
	],
	[
		'Disable Organization',
		{ resource: 'organization', operation: 'setDisabled', organizationIds: GONE_ORG },
	],
	[
		'Enable Organization',
		{
			resource: 'organization',
			operation: 'setDisabled',
			organizationIds: GONE_ORG,
			disabled: false,
		},
	],
	[
		'Delete Organization',
		{ resource: 'organization', operation: 'delete', organizationIds: GONE_ORG },
	],
	[
		'Create Folder',
		{
			resource: 'folder',
			operation: 'create',
			organizationId: rl(ORG),
			folderId: 'e2e-folder-a',
			additionalFields: { folderName: 'Folder A', accessType: 'organizationPrivate' },
		},
	],
	[
		'Create Subfolder',
		{
			resource: 'folder',
			operation: 'create',
			organizationId: rl(ORG),
			folderId: 'e2e-folder-b',
			additionalFields: { folderName: 'Folder B', parentFolderId: rl('e2e-folder-a') },
		},
	],
	[
		'Create Folder To Delete',
		{ resource: 'folder', operation: 'create', organizationId: rl(ORG), folderId: 'e2e-folder-x' },
	],
	[
		'Get Many Folders',
		{ resource: 'folder', operation: 'getAll', organizationId: rl(ORG), returnAll: true },
	],
	[
		'Update Folder',
		{
			resource: 'folder',
			operation: 'update',
			organizationId: rl(ORG),
			folderId: rl('e2e-folder-b'),
			updateFields: { folderName: 'Folder B Renamed' },
		},
	],
	[
		'Set Folder Access Type',
		{
			resource: 'folder',
			operation: 'setAccess',
			organizationId: rl(ORG),
			folderIds: 'e2e-folder-b',
			accessType: 'restricted',
		},
	],
	[
		'Delete Folder',
		{
			resource: 'folder',
			operation: 'delete',
			organizationId: rl(ORG),
			folderId: rl('e2e-folder-x'),
		},
	],
	[
		'Create Document',
		{
			resource: 'document',
			operation: 'create',
			organizationId: rl(ORG),
			documentId: 'e2e-doc-1',
			additionalFields: { documentName: 'Doc One', folderId: rl('e2e-folder-a') },
		},
	],
	[
		'Create Second Document',
		{
			resource: 'document',
			operation: 'create',
			organizationId: rl(ORG),
			documentId: 'e2e-doc-2',
			additionalFields: { documentName: 'Doc Two' },
		},
	],
	[
		'Get Many Documents',
		{ resource: 'document', operation: 'getAll', organizationId: rl(ORG), returnAll: true },
	],
	[
		'Update Document',
		{
			resource: 'document',
			operation: 'update',
			organizationId: rl(ORG),
			documentId: rl('e2e-doc-1'),
			updateFields: { documentName: 'Doc One Renamed' },
		},
	],
	[
		'Move to Folder',
		{
			resource: 'document',
			operation: 'move',
			organizationId: rl(ORG),
			documentIds: 'e2e-doc-1',
			folderId: rl('e2e-folder-b'),
		},
	],
	[
		'Set Document Access Type',
		{
			resource: 'document',
			operation: 'setAccess',
			organizationId: rl(ORG),
			documentIds: 'e2e-doc-1',
			accessType: 'restricted',
		},
	],
	[
		'Disable Document',
		{
			resource: 'document',
			operation: 'setDisabled',
			organizationId: rl(ORG),
			documentIds: 'e2e-doc-1, e2e-doc-2',
		},
	],
	[
		'Enable Document',
		{
			resource: 'document',
			operation: 'setDisabled',
			organizationId: rl(ORG),
			documentIds: 'e2e-doc-1',
			disabled: false,
		},
	],
	[
		'Delete Document',
		{
			resource: 'document',
			operation: 'delete',
			organizationId: rl(ORG),
			documentIds: 'e2e-doc-2',
		},
	],
	[
		'Grant Permission',
		{
			resource: 'permission',
			operation: 'grant',
			organizationId: rl(ORG),
			userId: rl('e2e-ws-guest'),
			resourceType: 'document',
			documentId: rl('e2e-doc-1'),
			accessRole: 'editor',
			expiresAt: '4102444800',
		},
	],
	[
		'Grant Folder Permission',
		{
			resource: 'permission',
			operation: 'grant',
			organizationId: rl(ORG),
			userId: rl('e2e-ws-guest'),
			resourceType: 'folder',
			folderId: 'e2e-folder-a',
		},
	],
	[
		'Get Permissions',
		{
			resource: 'permission',
			operation: 'get',
			organizationId: rl(ORG),
			userIds: 'e2e-ws-guest',
			filters: { documentIds: 'e2e-doc-1', folderIds: 'e2e-folder-a' },
		},
	],
	[
		'Revoke Permission',
		{
			resource: 'permission',
			operation: 'revoke',
			organizationId: rl(ORG),
			userId: rl('e2e-ws-guest'),
			folderIds: 'e2e-folder-a',
		},
	],
	[
		'Generate Sign-In Token',
		{
			resource: 'signInToken',
			operation: 'generate',
			organizationId: rl(ORG),
			userId: rl('e2e-ws-guest'),
			name: 'Guest',
			email: 'guest@example.com',
			resources: { resource: [{ type: 'document', id: 'e2e-doc-1', accessRole: 'viewer' }] },
			additionalFields: { organizationAccessRole: 'viewer' },
		},
	],
	[
		'Export User Data',
		{
			resource: 'userData',
			operation: 'export',
			organizationId: rl(PEOPLE_ORG),
			userId: rl(LEAVER),
		},
	],
	[
		'Delete User Data',
		{
			resource: 'userData',
			operation: 'delete',
			userIds: LEAVER,
			additionalFields: { organizationIds: PEOPLE_ORG },
		},
	],
	[
		'Get Deletion Status',
		{ resource: 'userData', operation: 'getDeletionStatus', jobId: '={{ $json.jobId }}' },
	],
];

/** A Manual Trigger, then one Velt node per step, each run once after the one before. */
const opsWorkflow = () => chainWorkflow(OPS_WORKFLOW_ID, 'E2E: Velt workspace operations', STEPS);

/** The `data` of a Velt API call made as the app's backend would (the emulator's answer). */
async function veltCall(emu, p, data) {
	const r = await emu.api(p, data);
	assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
	return r.body.result.data;
}

/** The claims of a token the emulator signed (HS256 with the workspace's auth token). */
function verifiedClaims(token) {
	const [header, payload, signature] = token.split('.');
	const expected = createHmac('sha256', FAKE.authToken)
		.update(`${header}.${payload}`)
		.digest('base64url');
	assert.equal(signature, expected, 'the token is not signed with the auth token');
	return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** Every operation's run: outputs, requests and Velt's state afterwards. */
async function checkOperations(ctx, version) {
	// The leaver: a member with one comment, whose data is exported then deleted.
	await veltCall(ctx.emu, '/v2/organizations/add', {
		organizations: [{ organizationId: PEOPLE_ORG }],
	});
	await veltCall(ctx.emu, '/v2/users/add', {
		organizationId: PEOPLE_ORG,
		users: [{ userId: LEAVER, name: 'Leaver' }],
	});
	await veltCall(ctx.emu, '/v2/commentannotations/add', {
		organizationId: PEOPLE_ORG,
		documentId: 'e2e-leaver-doc',
		createDocument: true,
		commentAnnotations: [
			{
				annotationId: 'e2e-leaver-thread',
				commentData: [{ commentText: 'Bye', from: { userId: LEAVER } }],
			},
		],
	});
	const mark = (await ctx.emu.requests()).length;
	const t0 = Date.now();
	const r = await rt.executeWorkflow(version, ctx.userFolder, OPS_WORKFLOW_ID);
	note(`${version}: ${STEPS.length} operations in one n8n execute: ${secs(t0)} s`);
	assert.ok(r.json, `no JSON in the output:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
	assert.equal(r.json.status ?? 'success', 'success', JSON.stringify(executionError(r.json)));
	const out = (name) => nodeItems(r.json, name);
	const one = (name) => {
		const items = out(name);
		assert.equal(items.length, 1, `${name}: ${JSON.stringify(items)}`);
		return items[0];
	};
	assert.deepEqual(Object.keys(r.json.data?.resultData?.runData ?? r.json.resultData.runData), [
		'Start',
		...STEPS.map(([name]) => name),
	]);

	// every step sent exactly its request, in order
	const requests = (await ctx.emu.requestsSince(mark)).filter((q) => q.path.startsWith('/v2/'));
	assert.deepEqual(
		requests.map((q) => q.path),
		[
			'/v2/organizations/add',
			'/v2/organizations/add',
			'/v2/organizations/get',
			'/v2/organizations/update',
			'/v2/organizations/access/disablestate/update',
			'/v2/organizations/access/disablestate/update',
			'/v2/organizations/delete',
			'/v2/organizations/folders/add',
			'/v2/organizations/folders/add',
			'/v2/organizations/folders/add',
			'/v2/organizations/folders/get',
			'/v2/organizations/folders/update',
			'/v2/organizations/folders/access/update',
			'/v2/organizations/folders/delete',
			'/v2/organizations/documents/add',
			'/v2/organizations/documents/add',
			'/v2/organizations/documents/get',
			'/v2/organizations/documents/update',
			'/v2/organizations/documents/move',
			'/v2/organizations/documents/access/update',
			'/v2/organizations/documents/access/disablestate/update',
			'/v2/organizations/documents/access/disablestate/update',
			'/v2/organizations/documents/delete',
			'/v2/auth/permissions/add',
			'/v2/auth/permissions/add',
			'/v2/auth/permissions/get',
			'/v2/auth/permissions/remove',
			'/v2/auth/generate_token',
			'/v2/users/data/get',
			'/v2/users/data/delete',
			'/v2/users/data/delete/status',
		],
	);
	const sent = (p) => requests.filter((q) => q.path === p).map((q) => q.body.data);

	// Organization
	assert.equal(one('Create Organization').organizationId, ORG);
	assert.deepEqual(sent('/v2/organizations/add')[0], {
		organizations: [{ organizationId: ORG, organizationName: 'E2E Workspace', plan: 'pro' }],
	});
	assert.deepEqual(
		out('Get Many Organizations')
			.map((o) => [o.id ?? o.organizationId, o.organizationName ?? null])
			.sort(),
		[
			// no name given: Velt's answer names it by its ID
			[GONE_ORG, GONE_ORG],
			[ORG, 'E2E Workspace'],
		],
	);
	assert.deepEqual(sent('/v2/organizations/update'), [
		{ organizations: [{ organizationId: ORG, organizationName: 'E2E Workspace Renamed' }] },
	]);
	assert.deepEqual(
		sent('/v2/organizations/access/disablestate/update'),
		[true, false].map((disabled) => ({ organizationIds: [GONE_ORG], disabled })),
	);
	assert.equal(one('Disable Organization').disabled, true);
	assert.equal(one('Enable Organization').disabled, false);
	assert.deepEqual(sent('/v2/organizations/delete'), [{ organizationIds: [GONE_ORG] }]);
	assert.deepEqual(one('Delete Organization').deletedIds, [GONE_ORG]);

	// Folder
	assert.deepEqual(
		out('Get Many Folders')
			.map((f) => f.folderId)
			.sort(),
		['e2e-folder-a', 'e2e-folder-b', 'e2e-folder-x'],
	);
	assert.deepEqual(sent('/v2/organizations/folders/access/update'), [
		{ organizationId: ORG, folderIds: ['e2e-folder-b'], accessType: 'restricted' },
	]);
	assert.deepEqual(sent('/v2/organizations/folders/delete'), [
		{ organizationId: ORG, folderId: 'e2e-folder-x' },
	]);

	// Document
	assert.deepEqual(
		out('Get Many Documents')
			.map((d) => d.id ?? d.documentId)
			.filter((id) => id.startsWith('e2e-doc'))
			.sort(),
		['e2e-doc-1', 'e2e-doc-2'],
	);
	assert.deepEqual(sent('/v2/organizations/documents/move'), [
		{ organizationId: ORG, documentIds: ['e2e-doc-1'], folderId: 'e2e-folder-b' },
	]);
	assert.equal(one('Move to Folder').movedCount, 1);
	assert.deepEqual(sent('/v2/organizations/documents/access/update'), [
		{ organizationId: ORG, documentIds: ['e2e-doc-1'], accessType: 'restricted' },
	]);
	assert.deepEqual(
		sent('/v2/organizations/documents/access/disablestate/update'),
		[
			{ documentIds: ['e2e-doc-1', 'e2e-doc-2'], disabled: true },
			{ documentIds: ['e2e-doc-1'], disabled: false },
		].map((d) => ({ organizationId: ORG, ...d })),
	);
	assert.deepEqual(one('Delete Document').deletedIds, ['e2e-doc-2']);

	// what Velt holds now
	assert.deepEqual(
		(await veltCall(ctx.emu, '/v2/organizations/get', { organizationIds: [ORG, GONE_ORG] })).map(
			(o) => [o.id, o.organizationName, o.disabled ?? false],
		),
		[[ORG, 'E2E Workspace Renamed', false]],
	);
	const docs = await veltCall(ctx.emu, '/v2/organizations/documents/get', { organizationId: ORG });
	assert.deepEqual(
		docs.map((d) => [d.id, d.documentName, d.folderId, d.accessType, d.disabled]),
		[['e2e-doc-1', 'Doc One Renamed', 'e2e-folder-b', 'restricted', false]],
	);
	const folders = await veltCall(ctx.emu, '/v2/organizations/folders/get', { organizationId: ORG });
	assert.deepEqual(
		folders.map((f) => [f.folderId, f.folderName, f.parentFolderId, f.accessType]).sort(),
		[
			['e2e-folder-a', 'Folder A', 'root', 'organizationPrivate'],
			['e2e-folder-b', 'Folder B Renamed', 'e2e-folder-a', 'restricted'],
		],
	);

	// Permission
	assert.deepEqual(sent('/v2/auth/permissions/add'), [
		{
			user: { userId: 'e2e-ws-guest' },
			permissions: {
				resources: [
					{
						type: 'document',
						id: 'e2e-doc-1',
						organizationId: ORG,
						accessRole: 'editor',
						expiresAt: 4102444800,
					},
				],
			},
		},
		{
			user: { userId: 'e2e-ws-guest' },
			permissions: {
				resources: [
					{ type: 'folder', id: 'e2e-folder-a', organizationId: ORG, accessRole: 'viewer' },
				],
			},
		},
	]);
	const got = one('Get Permissions');
	assert.deepEqual(
		[got.documents['e2e-doc-1'].accessRole, got.documents['e2e-doc-1'].expiresAt],
		['editor', 4102444800],
	);
	assert.equal(got.folders['e2e-folder-a'].accessRole, 'viewer');
	assert.deepEqual(one('Revoke Permission').revoked, [
		{ type: 'folder', id: 'e2e-folder-a', organizationId: ORG },
	]);
	const now = (
		await veltCall(ctx.emu, '/v2/auth/permissions/get', {
			organizationId: ORG,
			userIds: ['e2e-ws-guest'],
			documentIds: ['e2e-doc-1'],
			folderIds: ['e2e-folder-a'],
		})
	)['e2e-ws-guest'];
	assert.equal(now.documents['e2e-doc-1'].accessRole, 'editor');
	assert.equal(now.folders['e2e-folder-a'].errorCode, 'permission_denied');

	// Sign-In Token: signed by Velt, carrying what was asked; only in its own output
	const token = one('Generate Sign-In Token');
	assert.deepEqual(Object.keys(token).sort(), ['token', 'userId']);
	const claims = verifiedClaims(token.token);
	assert.equal(JSON.stringify(claims).includes('e2e-ws-guest'), true);
	assert.deepEqual(sent('/v2/auth/generate_token'), [
		{
			userId: 'e2e-ws-guest',
			userProperties: { name: 'Guest', email: 'guest@example.com' },
			permissions: {
				resources: [
					{ type: 'organization', id: ORG, accessRole: 'viewer' },
					{ type: 'document', id: 'e2e-doc-1', organizationId: ORG, accessRole: 'viewer' },
				],
			},
		},
	]);
	const runData = structuredClone(r.json.data?.resultData?.runData ?? r.json.resultData.runData);
	delete runData['Generate Sign-In Token'];
	assert.deepEqual(findSecrets(JSON.stringify(runData), [token.token]), []);
	assert.deepEqual(findSecrets(r.stderr, [token.token]), []);

	// User Data
	const exported = one('Export User Data');
	assert.deepEqual(
		exported.comments.map((c) => [c.annotationId, c.commentText]),
		[['e2e-leaver-thread', 'Bye']],
	);
	const job = one('Delete User Data');
	assert.match(job.jobId, /^[A-Za-z0-9]{20}$/);
	assert.deepEqual(sent('/v2/users/data/delete'), [
		{ userIds: [LEAVER], organizationIds: [PEOPLE_ORG] },
	]);
	assert.deepEqual(sent('/v2/users/data/delete/status'), [{ jobId: job.jobId }]);
	assert.deepEqual(
		[one('Get Deletion Status').isDeleteCompleted, one('Get Deletion Status').tasksLeft],
		[true, 0],
	);
	assert.deepEqual(
		await veltCall(ctx.emu, '/v2/users/get', { organizationId: PEOPLE_ORG, userIds: [LEAVER] }),
		[],
	);
}

for (const version of VERSIONS) {
	describe(`Velt workspace resources in n8n ${version}`, () => {
		const cleanup = new Cleanup();
		const ctx = {};

		before(
			async () => {
				await rt.ensureN8n(version);
				ctx.tarball = await packPackage(cleanup);
				ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder(`velt-ws-e2e-${version}-`));
				ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
				await rt.installCommunityPackage(ctx.userFolder, ctx.tarball);
				await rt.importCredentials(version, ctx.userFolder, [
					...credentials(ctx.emu.url),
					APP_AUTH,
				]);
				const workflows = [
					opsWorkflow(),
					...Object.values(EX).map(([file]) => exampleWorkflow(file)),
				];
				const r = await rt.importWorkflow(version, ctx.userFolder, workflows);
				assert.match(r.stdout, new RegExp(`Successfully imported ${workflows.length} workflows`));
			},
			{ timeout: 60 * 60_000 },
		);

		stopAllAfter(cleanup);

		test(
			'every Organization, Document, Folder, Permission, Sign-In Token and User Data operation runs with n8n execute',
			{ timeout: STEP_TIMEOUT },
			async () => checkOperations(ctx, version),
		);

		describe('the workspace examples, as they are, on a started n8n', () => {
			const succeeded = (exec) =>
				assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));

			// the examples active before the tests
			onStartedN8n(cleanup, version, ctx, async () => {
				for (const [, id] of Object.values(EX)) await setActive(ctx.server, id, true);
			});

			test(
				'new customer: the organization, its folder with the documents, the account team as editors of the folder',
				{ timeout: STEP_TIMEOUT },
				async () => {
					const customer = { id: 'e2e-cust-northwind', name: 'Northwind Traders' };
					const folderId = `${customer.id}-workspace`;
					const team = ['e2e-ava', 'e2e-liam'];
					const res = await postWebhook(
						`${ctx.server.url}/webhook/velt-new-customer`,
						{
							customer,
							documents: [
								{ id: 'e2e-nw-contract', name: 'Contract' },
								{ id: 'e2e-nw-plan', name: 'Onboarding plan' },
							],
							accountTeam: team.map((userId) => ({ userId })),
						},
						{ expectStatus: 200 },
					);
					// responseMode lastNode, all entries: one grant per team member
					assert.deepEqual(
						res.json.map((g) => [g.userId, g.type, g.id, g.accessRole]),
						team.map((userId) => [userId, 'folder', folderId, 'editor']),
					);
					const [org] = await veltCall(ctx.emu, '/v2/organizations/get', {
						organizationIds: [customer.id],
					});
					assert.equal(org.organizationName, customer.name);
					const folders = await veltCall(ctx.emu, '/v2/organizations/folders/get', {
						organizationId: customer.id,
					});
					assert.deepEqual(
						folders.map((f) => [f.folderId, f.folderName]),
						[[folderId, 'Northwind Traders workspace']],
					);
					const docs = await veltCall(ctx.emu, '/v2/organizations/documents/get', {
						organizationId: customer.id,
						folderId,
					});
					assert.deepEqual(docs.map((d) => [d.id, d.documentName]).sort(), [
						['e2e-nw-contract', 'Contract'],
						['e2e-nw-plan', 'Onboarding plan'],
					]);
					const access = await veltCall(ctx.emu, '/v2/auth/permissions/get', {
						organizationId: customer.id,
						userIds: team,
						folderIds: [folderId],
					});
					for (const userId of team)
						assert.equal(access[userId].folders[folderId].accessRole, 'editor', userId);
					const [exec] = await waitForExecutions(ctx.server, EX.newCustomer[1], 0);
					succeeded(exec);
				},
			);

			test(
				'ticket access: assigned → the assignee views the document for 7 days; closed → revoked',
				{ timeout: STEP_TIMEOUT },
				async () => {
					const ticket = {
						ticketId: 'T-2001',
						assigneeUserId: 'e2e-contractor',
						organizationId: EXAMPLE_ORG,
						documentId: 'e2e-ticket-doc',
					};
					await veltCall(ctx.emu, '/v2/organizations/documents/add', {
						organizationId: EXAMPLE_ORG,
						createOrganization: true,
						documents: [{ documentId: ticket.documentId }],
					});
					const url = `${ctx.server.url}/webhook/velt-ticket-access`;
					const access = async () =>
						(
							await ctx.emu.api('/v2/auth/permissions/get', {
								organizationId: EXAMPLE_ORG,
								userIds: [ticket.assigneeUserId],
								documentIds: [ticket.documentId],
							})
						).body.result.data[ticket.assigneeUserId].documents[ticket.documentId];
					const before = Math.floor(Date.now() / 1000);
					const assigned = await postWebhook(
						url,
						{ event: 'ticket.assigned', ...ticket },
						{ expectStatus: 200 },
					);
					const afterS = Math.floor(Date.now() / 1000);
					const week = 7 * 24 * 3600;
					assert.equal(assigned.json.accessRole, 'viewer', assigned.text);
					const granted = await access();
					assert.equal(granted.accessRole, 'viewer');
					assert.ok(
						granted.expiresAt >= before + week && granted.expiresAt <= afterS + week,
						`expiresAt ${granted.expiresAt} is not 7 days after the request`,
					);
					const closed = await postWebhook(
						url,
						{ event: 'ticket.closed', ...ticket },
						{ expectStatus: 200 },
					);
					assert.deepEqual(closed.json.revoked, [
						{ type: 'document', id: ticket.documentId, organizationId: EXAMPLE_ORG },
					]);
					assert.equal((await access()).errorCode, 'permission_denied');
					const [second, first] = await waitForExecutions(ctx.server, EX.ticketAccess[1], 1);
					succeeded(first);
					succeeded(second);
					assert.ok(ranNodes(first).includes('Grant Viewer Access for 7 Days'));
					assert.ok(!ranNodes(first).includes('Revoke Access'));
					assert.ok(ranNodes(second).includes('Revoke Access'));
				},
			);

			test(
				"data-subject request: the user's data exported as a file, deleted, the confirmation once Velt's job is done",
				{ timeout: STEP_TIMEOUT },
				async () => {
					const userId = 'e2e-ds-user';
					await veltCall(ctx.emu, '/v2/users/add', {
						organizationId: EXAMPLE_ORG,
						createOrganization: true,
						users: [{ userId, name: 'Dee Subject' }],
					});
					await veltCall(ctx.emu, '/v2/commentannotations/add', {
						organizationId: EXAMPLE_ORG,
						documentId: 'e2e-ds-doc',
						createDocument: true,
						commentAnnotations: [
							{
								annotationId: 'e2e-ds-thread',
								commentData: [{ commentText: 'Mine', from: { userId } }],
							},
						],
					});
					const mark = (await ctx.emu.requests()).length;
					const res = await postWebhook(
						`${ctx.server.url}/webhook/velt-data-subject-request`,
						{ userId, organizationId: EXAMPLE_ORG, email: 'dee@example.com' },
						{ expectStatus: 200 },
					);
					assert.ok(res.text.length > 0);
					const [exec] = await waitForExecutions(ctx.server, EX.dataRequest[1], 0, {
						timeoutMs: 120_000,
					});
					succeeded(exec);
					const [exported] = nodeItems(exec, 'Export User Data');
					assert.deepEqual(
						exported.comments.map((c) => c.commentText),
						['Mine'],
					);
					const file = exec.data.resultData.runData['User Data as JSON File'][0].data.main[0][0];
					assert.equal(file.binary.data.fileName, `velt-data-${userId}.json`);
					const [confirmation] = nodeItems(exec, 'Confirmation');
					const [deleted] = nodeItems(exec, 'Delete User Data');
					assert.deepEqual([deleted.isDeleteCompleted, deleted.statusPolls], [true, 1]);
					assert.deepEqual(confirmation, {
						to: 'dee@example.com',
						subject: 'Your data was deleted',
						text: `Velt finished deleting your data (job ${deleted.jobId}).`,
					});
					assert.ok(!ranNodes(exec).includes('Still Running'));
					const asked = (await ctx.emu.requestsSince(mark)).map((q) => q.path);
					assert.deepEqual(asked, [
						'/v2/users/data/get',
						'/v2/users/data/delete',
						'/v2/users/data/delete/status',
					]);
					assert.deepEqual(
						await veltCall(ctx.emu, '/v2/users/get', {
							organizationId: EXAMPLE_ORG,
							userIds: [userId],
						}),
						[],
					);
				},
			);

			test(
				"sign-in token: my app's backend gets the user's token from Respond to Webhook; without its header, 403; the token is stored nowhere",
				{ timeout: STEP_TIMEOUT },
				async () => {
					const url = `${ctx.server.url}/webhook/velt-sign-in-token`;
					const body = {
						userId: 'e2e-app-user',
						name: 'App User',
						email: 'app.user@example.com',
						organizationId: EXAMPLE_ORG,
					};
					const mark = (await ctx.emu.requests()).length;
					const refused = await postWebhook(url, body);
					assert.equal(refused.status, 403, refused.text);
					assert.equal((await ctx.emu.requestsSince(mark)).length, 0);
					const res = await postWebhook(url, body, {
						headers: { [APP_AUTH.data.name]: APP_AUTH.data.value },
						expectStatus: 200,
					});
					assert.deepEqual(Object.keys(res.json), ['token']);
					const claims = verifiedClaims(res.json.token);
					assert.ok(JSON.stringify(claims).includes(body.userId));
					const sentToVelt = (await ctx.emu.requestsSince(mark)).map((q) => q.body.data);
					assert.deepEqual(sentToVelt, [
						{
							userId: body.userId,
							userProperties: { name: body.name, email: body.email },
							permissions: {
								resources: [{ type: 'organization', id: EXAMPLE_ORG, accessRole: 'editor' }],
							},
						},
					]);
					// the example saves no execution data: nothing holds the token
					const executions = await listExecutions(ctx.server, EX.signInToken[1]);
					assert.deepEqual(findSecrets(JSON.stringify(executions), [res.json.token]), []);
					assert.deepEqual(findSecrets(databaseText(ctx.userFolder), [res.json.token]), []);
					assert.deepEqual(findSecrets(logFilesText(ctx.userFolder), [res.json.token]), []);
					assert.deepEqual(findSecrets(ctx.server.logs(), [res.json.token]), []);
				},
			);
		});
	});
}
