// End-to-end: the Velt node (comment threads and comments) of the packed package in real n8n
// 2.x and 1.x: it loads with its four resources, the examples import, and every comment
// operation runs headless (`n8n execute`) against the emulator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	allExampleWorkflows,
	Cleanup,
	credentials,
	CRED,
	nodeItems,
	packPackage,
	rt,
	startEmulator,
} from './helpers.mjs';

const STEP_TIMEOUT = 10 * 60_000;
const WORKFLOW_ID = 'veltNodeE2e00001';

const locator = (value) => ({ __rl: true, mode: 'id', value });
const scope = { organizationId: locator('e2e-org'), documentId: locator('e2e-doc') };
const thread = { annotationId: 'e2e-thread' };

/** Manual Trigger, then one Velt node per step, each after the previous one. */
function commentWorkflow() {
	const steps = [
		[
			'Create Thread',
			{
				resource: 'commentThread',
				operation: 'create',
				...scope,
				userId: locator('ana'),
				commentText: 'Please check',
				additionalFields: {
					authorName: 'Ana',
					annotationId: thread.annotationId,
					createOrganization: true,
					createDocument: true,
				},
			},
		],
		[
			'Add Comment',
			{
				resource: 'comment',
				operation: 'add',
				...scope,
				...thread,
				userId: locator('bo'),
				commentText: 'On it',
			},
		],
		['Get Comments', { resource: 'comment', operation: 'getAll', ...scope, ...thread }],
		[
			'Update Comment',
			{
				resource: 'comment',
				operation: 'update',
				...scope,
				...thread,
				commentIds: "={{ $('Add Comment').first().json.commentId }}",
				updateFields: { commentText: 'Done' },
			},
		],
		['Get Threads', { resource: 'commentThread', operation: 'getAll', ...scope, returnAll: true }],
		[
			'Count Threads',
			{
				resource: 'commentThread',
				operation: 'count',
				organizationId: locator('e2e-org'),
				documentIds: 'e2e-doc',
				userId: locator('ana'),
			},
		],
		[
			'Resolve Thread',
			{
				resource: 'commentThread',
				operation: 'update',
				...scope,
				annotationIds: thread.annotationId,
				updateFields: { status: 'RESOLVED', resolvedByUserId: 'bo' },
			},
		],
		[
			'Delete Comment',
			{
				resource: 'comment',
				operation: 'delete',
				...scope,
				...thread,
				commentIds: "={{ $('Add Comment').first().json.commentId }}",
			},
		],
		[
			'Delete Thread',
			{
				resource: 'commentThread',
				operation: 'delete',
				...scope,
				annotationIds: thread.annotationId,
			},
		],
	];
	const nodes = [
		{
			id: 'e-start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...steps.map(([name, parameters], index) => ({
			id: `e-${index}`,
			name,
			type: 'n8n-nodes-velt.velt',
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			credentials: { veltApi: CRED.sandbox },
			// Each step runs once, whatever the previous one output.
			executeOnce: true,
			parameters,
		})),
	];
	const names = ['Start', ...steps.map(([name]) => name)];
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);
	return {
		id: WORKFLOW_ID,
		name: 'E2E: Velt comment operations',
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

for (const version of [rt.N8N_CURRENT, rt.N8N_LAST_1X]) {
	describe(`Velt node in n8n ${version}`, () => {
		const cleanup = new Cleanup();
		const ctx = {};

		before(
			async () => {
				await rt.ensureN8n(version);
				ctx.tarball = await packPackage(cleanup);
				ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder(`velt-node-e2e-${version}-`));
				ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
				await rt.installCommunityPackage(ctx.userFolder, ctx.tarball);
			},
			{ timeout: 60 * 60_000 },
		);

		after(
			async () => {
				const survivors = await cleanup.run();
				assert.deepEqual(survivors, [], 'process groups survived their stop()');
			},
			{ timeout: 2 * 60_000 },
		);

		test(
			'export:nodes lists n8n-nodes-velt.velt with its four resources and its tool',
			{ timeout: STEP_TIMEOUT },
			async () => {
				const list = await rt.exportNodes(version, ctx.userFolder);
				const velt = list.find((node) => node.name === 'n8n-nodes-velt.velt');
				assert.ok(velt, 'n8n-nodes-velt.velt did not load');
				assert.equal(velt.displayName, 'Velt');
				assert.deepEqual(
					velt.credentials.map((c) => c.name),
					['veltApi'],
				);
				const resource = velt.properties.find((p) => p.name === 'resource');
				assert.deepEqual(
					resource.options
						// n8n adds its Custom API Call entry to nodes with credentials.
						.map((o) => o.value)
						.filter((value) => value !== '__CUSTOM_API_CALL__')
						.sort(),
					['comment', 'commentThread', 'user', 'userGroup'],
				);
				assert.ok(
					list.some((node) => node.name === 'n8n-nodes-velt.veltTool'),
					'no Velt tool variant',
				);
			},
		);

		test(
			'the examples and a workflow of every comment operation import',
			{ timeout: STEP_TIMEOUT },
			async () => {
				await rt.importCredentials(version, ctx.userFolder, credentials(ctx.emu.url));
				const workflows = [...allExampleWorkflows(), commentWorkflow()];
				const r = await rt.importWorkflow(version, ctx.userFolder, workflows);
				assert.match(r.stdout, new RegExp(`Successfully imported ${workflows.length} workflows`));
			},
		);

		test('every comment operation runs with n8n execute', { timeout: STEP_TIMEOUT }, async () => {
			const r = await rt.executeWorkflow(version, ctx.userFolder, WORKFLOW_ID);
			assert.ok(
				r.json,
				`no JSON in the output:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`,
			);
			const one = (name) => {
				const items = nodeItems(r.json, name);
				assert.equal(items.length >= 1, true, `${name} output nothing`);
				return items;
			};
			assert.equal(one('Create Thread')[0].annotationId, thread.annotationId);
			const added = one('Add Comment')[0];
			assert.equal(typeof added.commentId, 'number');
			assert.equal(one('Get Comments').length, 2);
			assert.equal(one('Update Comment')[0].updated, true);
			assert.deepEqual(
				one('Get Threads').map((t) => t.annotationId),
				[thread.annotationId],
			);
			assert.equal(one('Count Threads')[0].total, 1);
			assert.deepEqual(one('Resolve Thread')[0].updatedIds, [thread.annotationId]);
			assert.deepEqual(one('Delete Comment')[0].deletedIds, [added.commentId]);
			assert.deepEqual(one('Delete Thread')[0].deletedIds, [thread.annotationId]);
		});
	});
}
