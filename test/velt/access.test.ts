/**
 * Permission, Sign-In Token and User Data through n8n-core against the emulator: what the
 * docs-example and table suites do not cover. User Data > Delete's wait is a bounded poll
 * (counted in status requests, never timed); bad input is refused before anything is sent; and
 * as an AI agent's tool the author's bound on expiry and roles hold.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ACCESS_ENDPOINTS } from '../../nodes/shared/transport';
import { seedOperationWorld, TABLE_ORG } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import { toolError } from '../node/support';
import { byId, errorMessage, runVeltNode, VELT_TOOL } from './support';

const emulator = useEmulator({}, { seed: seedOperationWorld });
const A = ACCESS_ENDPOINTS;
const sentTo = (path: string) =>
	emulator.requests
		.filter((request) => request.path === path)
		.map((request) => (request.body as IDataObject).data as IDataObject);

const deleteData = (extra: INodeParameters): INodeParameters => ({
	resource: 'userData',
	operation: 'delete',
	userIds: 'u1',
	...extra,
});

describe('User Data > Delete, waiting for completion', () => {
	test('polls the status until Velt says the job is done, then stops', async () => {
		const run = await runVeltNode(emulator, {
			parameters: deleteData({ waitForCompletion: true, pollInterval: 0.001, maxWait: 10 }),
		});
		expect(run.status).toBe('success');
		// u1 is in one organization: one task, done at the first status request.
		expect(sentTo(A.getUserDataDeletionStatus)).toHaveLength(1);
		expect(run.json[0]).toMatchObject({
			userIds: ['u1'],
			tasksCount: 1,
			isDeleteCompleted: true,
			tasksLeft: 0,
			statusPolls: 1,
		});
		expect(emulator.store.getUser(TABLE_ORG, 'u1')).toBeUndefined();
	});

	test('stops after Max Wait ÷ Poll Interval status requests, the job not done: output, not an error', async () => {
		const run = await runVeltNode(emulator, {
			parameters: deleteData({
				userIds: 'u1, u2',
				waitForCompletion: true,
				pollInterval: 0.001,
				maxWait: 0.003,
				additionalFields: { organizationIds: 'org-table, org-b, org-c' },
			}),
		});
		expect(run.status).toBe('success');
		// 2 users × 3 organizations = 6 tasks; 3 status requests finish 3.
		expect(sentTo(A.getUserDataDeletionStatus)).toHaveLength(3);
		expect(run.json[0]).toMatchObject({
			tasksCount: 6,
			isDeleteCompleted: false,
			tasksLeft: 3,
			statusPolls: 3,
		});
	});

	test('without Wait for Completion the job is returned at once, never polled', async () => {
		const run = await runVeltNode(emulator, { parameters: deleteData({}) });
		expect(run.json[0].jobId).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(sentTo(A.getUserDataDeletionStatus)).toEqual([]);
	});

	test('a failing status request ends the wait with its error', async () => {
		emulator.failNext('internal', 1, A.getUserDataDeletionStatus);
		const run = await runVeltNode(emulator, {
			parameters: deleteData({
				waitForCompletion: true,
				pollInterval: 0.001,
				maxWait: 1,
				options: { maxRetries: 0 },
			}),
		});
		expect(run.status).toBe('error');
		expect(sentTo(A.getUserDataDeletionStatus)).toHaveLength(1);
	});

	test('Get Deletion Status reads the job Delete returned', async () => {
		const started = await runVeltNode(emulator, { parameters: deleteData({}) });
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'userData',
				operation: 'getDeletionStatus',
				jobId: String(started.json[0].jobId),
			},
		});
		expect(run.json[0]).toMatchObject({ isDeleteCompleted: true, tasksLeft: 0 });
		expect(run.json[0].lastTaskCompletedTime).toEqual(expect.any(Number));
	});
});

/** Grant's Additional Targets as n8n saves them. */
const targets = (...target: IDataObject[]): INodeParameters => ({ target }) as INodeParameters;

const grant = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'permission',
	operation: 'grant',
	organizationId: byId(TABLE_ORG),
	userId: byId('u1'),
	resourceType: 'folder',
	folderId: 'folder-sales',
	accessRole: 'editor',
	...extra,
});

describe('refused before anything is sent', () => {
	test.each<[string, INodeParameters, RegExp]>([
		[
			'Max Wait of 0',
			deleteData({ waitForCompletion: true, maxWait: 0 }),
			/^Max Wait \(Seconds\): must be a number of seconds above 0/,
		],
		[
			'Max Wait beyond Velt’s 24 hours',
			deleteData({ waitForCompletion: true, maxWait: 86401 }),
			/at most 86400/,
		],
		[
			'a negative Poll Interval',
			deleteData({ waitForCompletion: true, pollInterval: -1 }),
			/^Poll Interval \(Seconds\)/,
		],
		['no users to delete', deleteData({ userIds: ' , ' }), /^User IDs: is required but is empty/],
		[
			'an unknown access role',
			grant({ accessRole: 'owner' }),
			/^Access Role: "owner" is not one of editor, viewer/,
		],
		[
			'an unknown type',
			grant({ resourceType: 'workspace' }),
			/^Access To: "workspace" is not one of/,
		],
		[
			'a folder without its ID',
			grant({ folderId: '={{ "" }}' }),
			/^Folder ID: is required but is empty/,
		],
		[
			'an expiry that is no date',
			grant({ expiresAt: 'soon' }),
			/^Expires At: "soon" is not a date/,
		],
		['an expiry before 1970', grant({ expiresAt: -5 }), /^Expires At: must be a time after 1970/],
		[
			'an additional target without its ID',
			grant({ additionalTargets: targets({ type: 'document', id: ' ' }) }),
			/^Additional Targets #1 ID: is required but is empty \(item 0\)/,
		],
		[
			'an additional target of an unknown type',
			grant({
				additionalTargets: targets({ type: 'document', id: 'd1' }, { type: 'space', id: 's' }),
			}),
			/^Additional Targets #2 Type: "space" is not one of/,
		],
		[
			'an additional target with an unknown role',
			grant({ additionalTargets: targets({ type: 'folder', id: 'f2', accessRole: 'owner' }) }),
			/^Additional Targets #1 Access Role: "owner" is not one of editor, viewer/,
		],
		[
			'an additional target whose expiry is no date',
			grant({ additionalTargets: targets({ type: 'document', id: 'd1', expiresAt: 'soon' }) }),
			/^Additional Targets #1 Expires At: "soon" is not a date/,
		],
		[
			'an additional target that repeats the one above',
			grant({ additionalTargets: targets({ type: 'folder', id: 'folder-sales' }) }),
			/^Additional Targets #1: grants folder "folder-sales" again/,
		],
		[
			'a token without an email',
			{
				resource: 'signInToken',
				operation: 'generate',
				organizationId: byId(TABLE_ORG),
				userId: byId('u1'),
				name: 'User 1',
				email: ' ',
			},
			/^Email: is required but is empty/,
		],
		[
			'a token document without its ID',
			{
				resource: 'signInToken',
				operation: 'generate',
				organizationId: byId(TABLE_ORG),
				userId: byId('u1'),
				name: 'User 1',
				email: 'u1@example.com',
				resources: { resource: [{ type: 'document', id: '', accessRole: 'editor' }] },
			},
			/^Documents and Folders #1 ID: is required but is empty/,
		],
	])('%s', async (_case, parameters, message) => {
		const run = await runVeltNode(emulator, { parameters });
		expect(run.status).toBe('error');
		expect(errorMessage(run)).toMatch(message);
		expect(emulator.requests).toEqual([]);
	});
});

describe('Permission > Grant', () => {
	test('an expiry given as a date is sent in Unix seconds, milliseconds too', async () => {
		for (const expiresAt of ['2030-01-01T00:00:00Z', 1893456000000, 1893456000]) {
			emulator.reset();
			await runVeltNode(emulator, { parameters: grant({ expiresAt }) });
			expect(sentTo(A.addPermissions)[0]).toEqual({
				user: { userId: 'u1' },
				permissions: {
					resources: [
						{
							type: 'folder',
							id: 'folder-sales',
							organizationId: TABLE_ORG,
							accessRole: 'editor',
							expiresAt: 1893456000,
						},
					],
				},
			});
		}
	});

	test('what was granted is what Get answers, and Revoke takes it away', async () => {
		emulator.store.upsertDocument(TABLE_ORG, { documentId: 'q3-report', folderId: 'folder-sales' });
		await runVeltNode(emulator, { parameters: grant() });
		const get = {
			resource: 'permission',
			operation: 'get',
			organizationId: byId(TABLE_ORG),
			userIds: 'u1',
			filters: { folderIds: 'folder-sales' },
		};
		const before = await runVeltNode(emulator, { parameters: get });
		expect(before.json[0].folders).toEqual({
			'folder-sales': { accessRole: 'editor', accessType: 'public' },
		});
		const revoke = await runVeltNode(emulator, {
			parameters: {
				resource: 'permission',
				operation: 'revoke',
				organizationId: byId(TABLE_ORG),
				userId: byId('u1'),
				folderIds: 'folder-sales',
			},
		});
		expect(revoke.json[0].revoked).toEqual([
			{ type: 'folder', id: 'folder-sales', organizationId: TABLE_ORG },
		]);
		const after = await runVeltNode(emulator, { parameters: get });
		expect(after.json[0].folders).toEqual({
			'folder-sales': {
				error: 'User does not have access to folder',
				errorCode: 'permission_denied',
				accessType: 'public',
			},
		});
	});
});

describe('Permission > Grant with Additional Targets', () => {
	test('one item grants several targets in one request, each with its organization, role and expiry', async () => {
		emulator.store.upsertDocument(TABLE_ORG, { documentId: 'q3-report' });
		const run = await runVeltNode(emulator, {
			parameters: grant({
				additionalTargets: targets(
					{ type: 'document', id: 'q3-report', accessRole: 'viewer', expiresAt: 1893456000 },
					{ type: 'folder', id: 'legal', organizationId: 'org-other', accessRole: 'editor' },
					{ type: 'organization', id: 'org-other', accessRole: 'viewer' },
				),
			}),
		});
		expect(run.status).toBe('success');
		const expected = [
			{ type: 'folder', id: 'folder-sales', organizationId: TABLE_ORG, accessRole: 'editor' },
			{
				type: 'document',
				id: 'q3-report',
				organizationId: TABLE_ORG,
				accessRole: 'viewer',
				expiresAt: 1893456000,
			},
			{ type: 'folder', id: 'legal', organizationId: 'org-other', accessRole: 'editor' },
			{ type: 'organization', id: 'org-other', accessRole: 'viewer' },
		];
		expect(sentTo(A.addPermissions)).toEqual([
			{ user: { userId: 'u1' }, permissions: { resources: expected } },
		]);
		// The output keeps the first target's fields as before; the others follow in a list.
		expect(run.json).toEqual([
			{
				success: true,
				userId: 'u1',
				...expected[0],
				additionalTargets: expected.slice(1),
				message: 'Permissions added successfully.',
			},
		]);
		const get = await runVeltNode(emulator, {
			parameters: {
				resource: 'permission',
				operation: 'get',
				organizationId: byId(TABLE_ORG),
				userIds: 'u1',
				filters: { documentIds: 'q3-report' },
			},
		});
		expect(get.json[0].documents).toEqual({
			'q3-report': expect.objectContaining({ accessRole: 'viewer', expiresAt: 1893456000 }),
		});
	});

	test('a bad target in a later item stops the node before any item is sent', async () => {
		const run = await runVeltNode(emulator, {
			items: [{ id: 'd1' }, { id: '' }],
			parameters: grant({
				additionalTargets: targets({ type: 'document', id: '={{ $json.id }}' }),
			}),
		});
		expect(run.status).toBe('error');
		expect(errorMessage(run)).toMatch(
			/^Additional Targets #1 ID: is required but is empty \(item 1\)/,
		);
		expect(emulator.requests).toEqual([]);
	});
});

describe('as an AI agent’s tool', () => {
	const toolGrant = (extra: INodeParameters = {}) =>
		grant({
			userId: "={{ $fromAI('User', '', 'string') }}",
			allowToolGrant: true,
			toolMaxExpiryDays: 7,
			accessRole: 'viewer',
			...extra,
		});

	test('access without an expiry ends after the author’s Longest Access', async () => {
		const before = Math.floor(Date.now() / 1000);
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ User: 'u1' }],
			parameters: toolGrant(),
		});
		const after = Math.floor(Date.now() / 1000);
		expect(run.json[0].error).toBeUndefined();
		const [resource] = (sentTo(A.addPermissions)[0].permissions as { resources: IDataObject[] })
			.resources;
		expect(resource.accessRole).toBe('viewer');
		expect(resource.expiresAt).toBeGreaterThanOrEqual(before + 7 * 86400);
		expect(resource.expiresAt).toBeLessThanOrEqual(after + 7 * 86400);
	});

	test('a Longest Access of 0 lets the author’s access last', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ User: 'u1' }],
			parameters: toolGrant({ toolMaxExpiryDays: 0 }),
		});
		expect(run.json[0].error).toBeUndefined();
		const [resource] = (sentTo(A.addPermissions)[0].permissions as { resources: IDataObject[] })
			.resources;
		expect(resource.expiresAt).toBeUndefined();
	});

	test('Grant with the switch off is refused and nothing is sent', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ User: 'u1' }],
			parameters: toolGrant({ allowToolGrant: false }),
		});
		expect(toolError(run)).toMatch(
			/Allow Granting Access as a Tool: is off, so this AI agent tool cannot grant access/,
		);
		expect(emulator.requests).toEqual([]);
	});

	test('a role the model gives inside Generate’s list is refused', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ User: 'u1', Role: 'editor' }],
			parameters: {
				resource: 'signInToken',
				operation: 'generate',
				organizationId: byId(TABLE_ORG),
				userId: "={{ $fromAI('User', '', 'string') }}",
				name: 'User 1',
				email: 'u1@example.com',
				allowToolGenerate: true,
				resources: {
					resource: [
						{
							type: 'document',
							id: 'doc-table',
							accessRole: "={{ $fromAI('Role', '', 'string') }}",
						},
					],
				},
			},
		});
		expect(toolError(run)).toMatch(/an AI agent cannot set access roles/);
		expect(emulator.requests).toEqual([]);
	});

	test('each additional target without an expiry ends after the author’s Longest Access too', async () => {
		const before = Math.floor(Date.now() / 1000);
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ User: 'u1', Doc: 'doc-table' }],
			parameters: toolGrant({
				additionalTargets: targets(
					{ type: 'document', id: "={{ $fromAI('Doc', '', 'string') }}", accessRole: 'editor' },
					{ type: 'organization', id: TABLE_ORG, accessRole: 'viewer' },
				),
			}),
		});
		const after = Math.floor(Date.now() / 1000);
		expect(run.json[0].error).toBeUndefined();
		const resources = (sentTo(A.addPermissions)[0].permissions as { resources: IDataObject[] })
			.resources;
		expect(
			resources.map(({ type, id, organizationId, accessRole }) => ({
				type,
				id,
				organizationId,
				accessRole,
			})),
		).toEqual([
			{ type: 'folder', id: 'folder-sales', organizationId: TABLE_ORG, accessRole: 'viewer' },
			{ type: 'document', id: 'doc-table', organizationId: TABLE_ORG, accessRole: 'editor' },
			{ type: 'organization', id: TABLE_ORG, organizationId: undefined, accessRole: 'viewer' },
		]);
		for (const resource of resources) {
			expect(resource.expiresAt).toBeGreaterThanOrEqual(before + 7 * 86400);
			expect(resource.expiresAt).toBeLessThanOrEqual(after + 7 * 86400);
		}
	});

	test.each<[string, IDataObject, IDataObject, RegExp]>([
		[
			'a role',
			{ type: 'document', id: 'doc-table', accessRole: "={{ $fromAI('Role', '', 'string') }}" },
			{ Role: 'editor' },
			/Argument "Role" \(Additional Targets #1 Access Role\): an AI agent cannot set access roles/,
		],
		[
			'an expiry beyond the author’s bound',
			{ type: 'document', id: 'doc-table', expiresAt: "={{ $fromAI('Until', '', 'string') }}" },
			{ Until: '2099-01-01T00:00:00Z' },
			/Argument "Until" \(Additional Targets #1 Expires At\): is more than 7 days away/,
		],
		[
			'the organization of a document',
			{ type: 'document', id: 'doc-table', organizationId: "={{ $fromAI('Org', '', 'string') }}" },
			{ Org: 'another-org' },
			/Argument "Org" \(Additional Targets #1 Organization ID\): an AI agent cannot choose the organization here/,
		],
		[
			'an organization to grant',
			{ type: 'organization', id: "={{ $fromAI('Org', '', 'string') }}" },
			{ Org: 'another-org' },
			/Argument "Org" \(Additional Targets #1 ID\): an AI agent cannot choose the organization here/,
		],
		[
			'the type that makes an ID an organization',
			{ type: "={{ $fromAI('Kind', '', 'string') }}", id: 'another-org' },
			{ Kind: 'organization' },
			/Argument "Kind" \(Additional Targets #1 ID\): an AI agent cannot choose the organization here/,
		],
	])(
		'in an additional target, %s from the model is refused and nothing is sent',
		async (_case, target, given, message) => {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ User: 'u1', ...given }],
				parameters: toolGrant({ additionalTargets: targets(target) }),
			});
			expect(toolError(run)).toMatch(message);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('User Data > Delete with the switch off is refused and nothing is sent', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Users: 'u1' }],
			parameters: deleteData({ userIds: "={{ $fromAI('Users', '', 'string') }}" }),
		});
		expect(toolError(run)).toMatch(/cannot delete users' data/);
		expect(emulator.requests).toEqual([]);
	});
});
