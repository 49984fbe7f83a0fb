// End-to-end: the Velt node of the packed package in real n8n 2.x and 1.x, against the emulator:
// it loads with its resources, the examples import, every comment thread, comment, user
// and user group operation runs headless (`n8n execute`), and on one started n8n the four
// examples of the node run as they are: comment.add trigger → reply with the ticket link,
// ticket closed → thread resolved + notification, user signup → user + group membership, and
// the morning count (a manual run from its Schedule Trigger).
//   node --test test/e2e/velt-node.test.mjs            (the current 2.x and the last 1.x)
//   VELT_E2E_VERSIONS=2.41.1 node --test test/e2e/velt-node.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import {
	allExampleWorkflows,
	Cleanup,
	credentials,
	CRED,
	executionError,
	FAKE,
	findSecrets,
	nodeItems,
	packPackage,
	postWebhook,
	ranNodes,
	rt,
	startEmulator,
	waitFor,
	waitForExecutions,
	stopAllAfter,
	sessionRest,
	chainWorkflow,
	onStartedN8n,
} from './helpers.mjs';

const VERSIONS = (process.env.VELT_E2E_VERSIONS ?? `${rt.N8N_CURRENT},${rt.N8N_LAST_1X}`)
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
const STEP_TIMEOUT = 10 * 60_000;
const WORKFLOW_ID = 'veltNodeE2e00001';
const USER_WORKFLOW_ID = 'veltNodeE2e00002';
const ERROR_OUTPUT_WORKFLOW_ID = 'veltNodeE2e00003';
/** The examples run here (examples/*.json ids). */
const EX = {
	supportTicket: 'veltExample00008',
	ticketClosed: 'veltExample00009',
	openThreadsCount: 'veltExample00010',
	userSignup: 'veltExample00019',
};
/** The emulator's sample workspace (test/emulator/sampleData.ts). */
const ORG = 'org-acme-analytics';
const DOC = 'doc-q3-roadmap';
const AVA = { userId: 'user-ava-thompson', name: 'Ava Thompson' };
const LIAM = { userId: 'user-liam-okafor', name: 'Liam Okafor' };

const thread = { annotationId: 'e2e-thread' };
/**
 * The [name, parameters] steps of the two workflows below (test/fixtures/e2e/veltNodeSteps.json):
 * in org e2e-org (document e2e-doc, thread e2e-thread), group e2e-team, users e2e-ana and e2e-bo.
 */
const STEPS = JSON.parse(
	fs.readFileSync(new URL('../fixtures/e2e/veltNodeSteps.json', import.meta.url), 'utf8'),
);

/** Manual Trigger, then one Velt node per step: every comment thread and comment operation. */
function commentWorkflow() {
	return chainWorkflow(WORKFLOW_ID, 'E2E: Velt comment operations', STEPS.comments);
}

const GROUP = 'e2e-team';
const ANA = 'e2e-ana';
const BO = 'e2e-bo';

/** Every User and User Group operation, each step reading back what the previous one did. */
function userWorkflow() {
	return chainWorkflow(USER_WORKFLOW_ID, 'E2E: Velt user and user group operations', STEPS.users);
}

/**
 * "Use error output" (onError: continueErrorOutput): a Get of a thread Velt does not have fails
 * its item, which goes out on the node's error output to "Handle Failure".
 */
function errorOutputWorkflow() {
	const wf = chainWorkflow(ERROR_OUTPUT_WORKFLOW_ID, 'E2E: Velt node error output', [
		[
			'Get Missing Thread',
			{
				resource: 'commentThread',
				operation: 'get',
				organizationId: { __rl: true, mode: 'id', value: ORG },
				documentId: { __rl: true, mode: 'id', value: DOC },
				annotationId: { __rl: true, mode: 'id', value: 'e2e-no-such-thread' },
			},
		],
	]);
	wf.nodes[1].onError = 'continueErrorOutput';
	wf.nodes.push({
		id: 'e-handle',
		name: 'Handle Failure',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [440, 120],
		parameters: {},
	});
	wf.connections['Get Missing Thread'] = {
		main: [[], [{ node: 'Handle Failure', type: 'main', index: 0 }]],
	};
	return wf;
}

/** A user object without the fields the emulator adds (the initial it derives from the name). */
const userFields = ({ userId, name, email, accessRole }) =>
	Object.fromEntries(
		Object.entries({ userId, name, email, accessRole }).filter(([, v]) => v !== undefined),
	);

/** A thread status as Velt's add takes it (id, name, type, colors and an icon). */
const threadStatus = (id, name, type, color, lightColor) => ({
	id,
	name,
	type,
	color,
	lightColor,
	iconUrl: 'https://example.com/status.svg',
});
const STATUS = {
	OPEN: threadStatus('OPEN', 'Open', 'default', '#625DF5', '#E7E8FA'),
	IN_PROGRESS: threadStatus('IN_PROGRESS', 'In Progress', 'ongoing', '#FF7162', '#FFF0EF'),
	RESOLVED: threadStatus('RESOLVED', 'Resolved', 'terminal', '#198F65', '#DEFFEE'),
};

/** The `data` of a Velt API call made as the app's backend would (the emulator's answer). */
async function veltCall(emu, p, data) {
	const r = await emu.api(p, data);
	assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
	return r.body.result.data;
}

/** The emulator's stored threads of a document (with their comments) and its organization's user groups. */
async function stored(emu, organizationId, documentId) {
	const q = new URLSearchParams({ organizationId, ...(documentId ? { documentId } : {}) });
	return emu.control('GET', `/comment-annotations?${q}`);
}

async function storedThread(emu, annotationId, { organizationId = ORG, documentId = DOC } = {}) {
	const { annotations } = await stored(emu, organizationId, documentId);
	const found = annotations.find((a) => a.annotationId === annotationId);
	assert.ok(found, `thread ${annotationId} is not in ${organizationId}/${documentId}`);
	return found;
}

/** Seeds a thread of one comment through Velt's API, as the app would; resolves it as stored. */
async function seedThread(
	emu,
	{ organizationId = ORG, documentId = DOC, annotationId, from, text, mention, status },
) {
	const comment = { commentText: text, commentHtml: `<p>${text}</p>`, from };
	if (mention)
		comment.taggedUserContacts = [
			{ userId: mention.userId, text: `@${mention.name}`, contact: mention },
		];
	await veltCall(emu, '/v2/commentannotations/add', {
		organizationId,
		documentId,
		createDocument: true,
		commentAnnotations: [{ annotationId, commentData: [comment], ...(status ? { status } : {}) }],
	});
	return storedThread(emu, annotationId, { organizationId, documentId });
}

/**
 * A comment.add delivery as Velt's advanced webhooks send it (https://docs.velt.dev/webhooks/advanced):
 * the thread, its newest comment as targetComment, and metadata carrying the workspace API key.
 */
function commentAddPayload(thread) {
	const { readBy: _readBy, organizationId, documentId, ...commentAnnotation } = thread;
	const targetComment = commentAnnotation.comments.at(-1);
	const apiKey = FAKE.apiKey;
	return {
		actionType: 'add',
		data: {
			actionUser: { ...targetComment.from, organizationId },
			commentAnnotation,
			targetComment,
			metadata: {
				apiKey,
				document: { documentId, documentName: documentId },
				documentMetadata: { apiKey, documentId, documentName: documentId, organizationId },
				organization: { organizationId },
				organizationMetadata: { apiKey, organizationId },
			},
		},
		event: 'comment.add',
		platform: 'sdk',
		source: 'comment',
		webhookId: `-e2e-${thread.annotationId}`,
	};
}

for (const version of VERSIONS) {
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

		stopAllAfter(cleanup);

		test(
			'export:nodes lists n8n-nodes-velt.velt with its resources and its tool',
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
					[
						'activity',
						'comment',
						'commentThread',
						'document',
						'folder',
						'liveState',
						'organization',
						'permission',
						'recording',
						'signInToken',
						'user',
						'userData',
						'userGroup',
					],
				);
				assert.ok(
					list.some((node) => node.name === 'n8n-nodes-velt.veltTool'),
					'no Velt tool variant',
				);
			},
		);

		test(
			'the examples and the workflows of every comment, user and user group operation import',
			{ timeout: STEP_TIMEOUT },
			async () => {
				await rt.importCredentials(version, ctx.userFolder, credentials(ctx.emu.url));
				const workflows = [
					...allExampleWorkflows(),
					commentWorkflow(),
					userWorkflow(),
					errorOutputWorkflow(),
				];
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

		test(
			'with "Use error output" the failed item goes out on the error output and the execution succeeds',
			{ timeout: STEP_TIMEOUT },
			async () => {
				const r = await rt.executeWorkflow(version, ctx.userFolder, ERROR_OUTPUT_WORKFLOW_ID);
				assert.ok(
					r.json,
					`no JSON in the output:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`,
				);
				assert.equal(executionError(r.json), undefined, JSON.stringify(executionError(r.json)));
				assert.deepEqual(nodeItems(r.json, 'Get Missing Thread', { output: 0 }), []);
				const failed = nodeItems(r.json, 'Get Missing Thread', { output: 1 });
				assert.equal(failed.length, 1);
				assert.equal(
					failed[0].error,
					`Comment Thread: "e2e-no-such-thread" was not found in document "${DOC}" of organization "${ORG}" (item 0)`,
				);
				assert.match(failed[0].message, /pick the thread from the list/);
				assert.deepEqual(nodeItems(r.json, 'Handle Failure'), failed);
			},
		);

		test(
			'every user and user group operation runs with n8n execute; the emulator holds the result',
			{ timeout: STEP_TIMEOUT },
			async () => {
				const mark = (await ctx.emu.requests()).length;
				const r = await rt.executeWorkflow(version, ctx.userFolder, USER_WORKFLOW_ID);
				assert.ok(
					r.json,
					`no JSON in the output:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`,
				);
				assert.equal(executionError(r.json), undefined, JSON.stringify(executionError(r.json)));
				const out = (name) => nodeItems(r.json, name);
				const org = 'e2e-org';

				const [group] = out('Create Group');
				assert.deepEqual(
					[group.organizationId, group.groupId, group.groupName],
					[org, GROUP, 'E2E Team'],
				);
				const [created] = out('Create Users');
				assert.deepEqual(
					created.users.map((u) => [u.userId, u.action]),
					[
						[ANA, 'created'],
						[BO, 'created'],
					],
				);
				const [updated] = out('Update User');
				assert.deepEqual(
					[updated.organizationId, updated.userId, updated.name, updated.action],
					[org, ANA, 'Ana Lima', 'updated'],
				);
				assert.deepEqual(out('Add To Group'), [
					{
						success: true,
						organizationId: org,
						organizationUserGroupId: GROUP,
						addedIds: [ANA, BO],
						addedCount: 2,
					},
				]);
				// Get Many reads what the group then holds at Velt
				assert.deepEqual(
					out('Group Members')
						.map((u) => u.userId)
						.sort(),
					[ANA, BO],
				);
				assert.deepEqual(out('Remove From Group'), [
					{
						deleted: true,
						organizationId: org,
						organizationUserGroupId: GROUP,
						deletedIds: [BO],
						deletedCount: 1,
					},
				]);
				assert.deepEqual(
					out('Members After Remove').map((u) => u.userId),
					[ANA],
				);
				assert.deepEqual(out('Empty Group'), [
					{
						deleted: true,
						organizationId: org,
						organizationUserGroupId: GROUP,
						deleteAll: true,
						deletedIds: [ANA],
						deletedCount: 1,
					},
				]);
				assert.deepEqual(
					out('Get Users')
						.map(userFields)
						.sort((a, b) => a.userId.localeCompare(b.userId)),
					[
						{ userId: ANA, name: 'Ana Lima', email: 'ana@example.com', accessRole: 'viewer' },
						{ userId: BO, name: 'Bo', accessRole: 'viewer' },
					],
				);
				assert.deepEqual(out('Delete Users'), [
					{ deleted: true, organizationId: org, deletedIds: [ANA, BO], deletedCount: 2 },
				]);

				// what reached Velt, in order: the upsert updates first and adds the users Velt lacks
				const requests = await ctx.emu.requestsSince(mark);
				assert.deepEqual(
					requests.map((q) => q.path),
					[
						'/v2/organizations/usergroups/add',
						'/v2/users/update',
						'/v2/users/add',
						'/v2/users/update',
						'/v2/organizations/usergroups/users/add',
						'/v2/users/get',
						'/v2/organizations/usergroups/users/delete',
						'/v2/users/get',
						'/v2/organizations/usergroups/users/delete',
						'/v2/users/get',
						'/v2/users/delete',
					],
				);
				assert.deepEqual(requests[2].body.data, {
					organizationId: org,
					users: [
						{ userId: ANA, name: 'Ana', email: 'ana@example.com', accessRole: 'editor' },
						{ userId: BO, name: 'Bo', accessRole: 'viewer' },
					],
				});
				assert.deepEqual(requests[3].body.data, {
					organizationId: org,
					users: [{ userId: ANA, name: 'Ana Lima', accessRole: 'viewer' }],
				});
				assert.deepEqual(requests[8].body.data, {
					organizationId: org,
					organizationUserGroupId: GROUP,
					deleteAll: true,
				});
				assert.deepEqual(requests[10].body.data, { organizationId: org, userIds: [ANA, BO] });

				// what Velt holds now: the group, empty; neither user
				assert.deepEqual(
					await veltCall(ctx.emu, '/v2/users/get', { organizationId: org, userIds: [ANA, BO] }),
					[],
				);
				const groups = (await stored(ctx.emu, org)).userGroups;
				assert.deepEqual(
					groups.filter((g) => g.groupId === GROUP),
					[{ organizationId: org, groupId: GROUP, groupName: 'E2E Team', userIds: [] }],
				);
			},
		);

		describe('the examples, as they are, on a started n8n', () => {
			const api = (method, p, body) =>
				rt.publicApi(ctx.server.url, ctx.server.apiKey, method, p, body);
			/** n8n's own REST API with the owner's session, as the editor calls it. */
			const rest = (method, p, body) => sessionRest(ctx.server)(method, p, body);
			const succeeded = (exec) =>
				assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));

			onStartedN8n(cleanup, version, ctx);

			test(
				'comment mentions @support: a signed comment.add reaches the trigger; the ticket link is replied in the thread',
				{ timeout: STEP_TIMEOUT },
				async () => {
					const workflow = allExampleWorkflows().find((w) => w.id === EX.supportTicket);
					const webhookId = workflow.nodes.find(
						(n) => n.type === 'n8n-nodes-velt.veltTrigger',
					).webhookId;
					const mark = (await ctx.emu.requests()).length;
					await api('POST', `/workflows/${EX.supportTicket}/activate`);
					// 2.x activates in the background: wait until the endpoint is created and its secret read
					const endpoint = await waitFor(
						async () => {
							const [ep] = (await ctx.emu.webhookEndpoints()).filter((e) =>
								e.url.includes(webhookId),
							);
							const read = (await ctx.emu.requestsSince(mark)).some((q) =>
								q.path.endsWith('/endpoints/secret/get'),
							);
							return ep && read ? ep : null;
						},
						{ timeoutMs: 60_000 },
					).catch((e) =>
						assert.fail(
							`no endpoint registered (${e.message}); log:\n${ctx.server.logs().slice(-4000)}`,
						),
					);
					assert.equal(endpoint.url, `${ctx.server.url}/webhook/${webhookId}/webhook`);
					assert.deepEqual(endpoint.filterTypes, ['comment.add']);

					const ask = await seedThread(ctx.emu, {
						annotationId: 'e2e-support-ask',
						from: AVA,
						text: '@Support the CSV export times out',
						mention: { userId: 'support', name: 'Support' },
					});
					const delivered = await ctx.emu.deliver(endpoint.id, commentAddPayload(ask));
					assert.equal(delivered.status, 200, JSON.stringify(delivered));
					const [exec] = await waitForExecutions(ctx.server, EX.supportTicket, 0);
					succeeded(exec);
					const ticketUrl = 'https://tickets.example.com/e2e-support-ask';
					assert.deepEqual(
						nodeItems(exec, 'Open Ticket (Ticket System)').map((t) => [
							t.ticketId,
							t.ticketUrl,
							t.summary,
						]),
						[['T-e2e-support-ask', ticketUrl, '@Support the CSV export times out']],
					);
					const [reply] = nodeItems(exec, 'Reply With Ticket Link');
					// Velt's metadata.apiKey reaches no stored execution
					assert.deepEqual(findSecrets(JSON.stringify(exec)), []);

					const thread = await storedThread(ctx.emu, 'e2e-support-ask');
					assert.equal(thread.comments.length, 2);
					const answer = thread.comments[1];
					assert.equal(answer.commentId, reply.commentId);
					assert.equal(answer.commentText, `Ticket T-e2e-support-ask is open: ${ticketUrl}`);
					assert.equal(
						answer.commentHtml,
						`<p>Ticket <a href="${ticketUrl}">T-e2e-support-ask</a> is open.</p>`,
					);
					assert.deepEqual(answer.from, { userId: 'support', name: 'Support Bot' });

					// a comment that does not mention @support: the filter stops it, nothing is replied
					const chat = await seedThread(ctx.emu, {
						annotationId: 'e2e-support-chat',
						from: LIAM,
						text: 'Looks good to me',
					});
					const again = await ctx.emu.deliver(endpoint.id, commentAddPayload(chat));
					assert.equal(again.status, 200, JSON.stringify(again));
					const [second] = await waitForExecutions(ctx.server, EX.supportTicket, 1);
					succeeded(second);
					assert.ok(ranNodes(second).includes('Mentions @support'));
					assert.ok(!ranNodes(second).includes('Reply With Ticket Link'));
					assert.equal((await storedThread(ctx.emu, 'e2e-support-chat')).comments.length, 1);
					assert.equal((await storedThread(ctx.emu, 'e2e-support-ask')).comments.length, 2);
				},
			);

			test(
				'ticket closed webhook: the thread is resolved and who opened it is notified',
				{ timeout: STEP_TIMEOUT },
				async () => {
					const annotationId = 'e2e-ticket-4711';
					await seedThread(ctx.emu, {
						annotationId,
						from: LIAM,
						text: 'The invoice total is wrong',
					});
					assert.equal((await storedThread(ctx.emu, annotationId)).status.id, 'OPEN');
					await api('POST', `/workflows/${EX.ticketClosed}/activate`);
					const res = await postWebhook(
						`${ctx.server.url}/webhook/velt-ticket-closed`,
						{
							organizationId: ORG,
							documentId: DOC,
							annotationId,
							ticketId: 'T-4711',
							openedByUserId: LIAM.userId,
						},
						{ expectStatus: 200 },
					);

					const thread = await storedThread(ctx.emu, annotationId);
					assert.deepEqual([thread.status.id, thread.status.type], ['RESOLVED', 'terminal']);
					assert.equal(thread.resolvedByUserId, 'support');
					assert.equal(thread.statusUpdatedByUserId, 'support');

					const notifications = (
						await ctx.emu.notifications({ organizationId: ORG, documentId: DOC })
					).filter((n) => n.data.displayHeadlineMessageTemplate === 'Your ticket T-4711 is closed');
					assert.equal(notifications.length, 1);
					const [n] = notifications;
					assert.deepEqual(n.notifyUsersByUserId, { [LIAM.userId]: true });
					assert.deepEqual(n.data.actionUser, { userId: 'support', name: 'Support' });
					assert.equal(n.data.displayBodyMessage, 'The comment thread was resolved.');
					assert.deepEqual(n.data.notificationSourceData, { annotationId });
					// responseMode lastNode: the answer is the notification's result
					assert.equal(res.json.success, true, res.text);
					assert.equal(res.json.notificationId, n.id);

					const [exec] = await waitForExecutions(ctx.server, EX.ticketClosed, 0);
					succeeded(exec);
					assert.deepEqual(nodeItems(exec, 'Resolve Thread')[0].updatedIds, [annotationId]);
				},
			);

			test(
				'user signup webhook: the user is in Velt and in the team group (signing up again updates them)',
				{ timeout: STEP_TIMEOUT },
				async () => {
					const team = 'team-growth';
					await veltCall(ctx.emu, '/v2/organizations/usergroups/add', {
						organizationId: ORG,
						organizationUserGroups: [{ groupId: team, groupName: 'Growth' }],
					});
					await api('POST', `/workflows/${EX.userSignup}/activate`);
					const user = { id: 'user-e2e-nia', name: 'Nia Newcomer', email: 'nia@example.com' };
					const url = `${ctx.server.url}/webhook/velt-user-signup`;
					const res = await postWebhook(
						url,
						{ organizationId: ORG, team, user },
						{ expectStatus: 200 },
					);
					assert.deepEqual(res.json, {
						success: true,
						organizationId: ORG,
						organizationUserGroupId: team,
						addedIds: [user.id],
						addedCount: 1,
					});
					const atVelt = async () =>
						(
							await veltCall(ctx.emu, '/v2/users/get', { organizationId: ORG, userIds: [user.id] })
						).map(userFields);
					assert.deepEqual(await atVelt(), [
						{ userId: user.id, name: user.name, email: user.email, accessRole: 'editor' },
					]);
					const members = async () =>
						(await stored(ctx.emu, ORG)).userGroups.find((g) => g.groupId === team).userIds;
					assert.deepEqual(await members(), [user.id]);
					assert.deepEqual(
						(
							await veltCall(ctx.emu, '/v2/users/get', {
								organizationId: ORG,
								organizationUserGroupIds: [team],
							})
						).map((u) => u.userId),
						[user.id],
					);
					const [first] = await waitForExecutions(ctx.server, EX.userSignup, 0);
					succeeded(first);
					assert.equal(nodeItems(first, 'Create or Update Velt User')[0].action, 'created');

					// the same person again, renamed: updated in place, still one member
					const renamed = { ...user, name: 'Nia N. Newcomer' };
					await postWebhook(
						url,
						{ organizationId: ORG, team, user: renamed },
						{ expectStatus: 200 },
					);
					const [second] = await waitForExecutions(ctx.server, EX.userSignup, 1);
					succeeded(second);
					assert.equal(nodeItems(second, 'Create or Update Velt User')[0].action, 'updated');
					assert.deepEqual(await atVelt(), [
						{ userId: user.id, name: renamed.name, email: user.email, accessRole: 'editor' },
					]);
					assert.deepEqual(await members(), [user.id]);
				},
			);

			test(
				'morning open threads count: a manual run from the Schedule Trigger counts the seeded threads per document',
				{ timeout: STEP_TIMEOUT },
				async () => {
					const seeds = [
						['doc-q3-forecast', 'e2e-morning-1', LIAM, STATUS.OPEN],
						['doc-q3-forecast', 'e2e-morning-2', AVA, STATUS.OPEN],
						['doc-q3-forecast', 'e2e-morning-3', LIAM, STATUS.RESOLVED],
						['doc-churn-review', 'e2e-morning-4', LIAM, STATUS.IN_PROGRESS],
					];
					for (const [documentId, annotationId, from, status] of seeds)
						await seedThread(ctx.emu, {
							documentId,
							annotationId,
							from,
							status,
							text: `Still ${status.name.toLowerCase()}?`,
						});
					// the user's "Execute workflow" in the editor
					const workflowData = (await rest('GET', `/rest/workflows/${EX.openThreadsCount}`)).data;
					const started = await rest('POST', `/rest/workflows/${EX.openThreadsCount}/run`, {
						workflowData,
						triggerToStartFrom: { name: 'Every Morning' },
					});
					const executionId = started.data?.executionId;
					assert.ok(executionId, `no executionId: ${JSON.stringify(started)}`);
					const exec = await waitFor(
						async () => {
							const e = await api('GET', `/executions/${executionId}?includeData=true`);
							// n8n 1.x can report a manual run finished a moment before its run data is readable
							const done = e.finished || e.status === 'success' || e.status === 'error';
							return done && (e.status === 'error' || e.data?.resultData?.runData) ? e : null;
						},
						{ timeoutMs: 30_000 },
					);
					succeeded(exec);
					assert.equal(exec.mode, 'manual');
					// threads by Liam are unread for Ava; her own is not; the resolved one is not counted
					const documents = [
						{ documentId: 'doc-q3-forecast', total: 2, unread: 1 },
						{ documentId: 'doc-churn-review', total: 1, unread: 1 },
						{ documentId: 'doc-pipeline', total: 0, unread: 0 },
					];
					assert.deepEqual(nodeItems(exec, 'Count Open Threads'), [
						{ organizationId: ORG, userId: AVA.userId, total: 3, unread: 2, documents },
					]);
					assert.deepEqual(nodeItems(exec, 'One Item per Document'), documents);
					// the same question asked of Velt directly
					const counts = await veltCall(ctx.emu, '/v2/commentannotations/count/get', {
						organizationId: ORG,
						documentIds: documents.map((d) => d.documentId),
						userId: AVA.userId,
						statusIds: ['OPEN', 'IN_PROGRESS'],
					});
					assert.deepEqual(
						documents.map((d) => [d.documentId, counts[d.documentId]]),
						documents.map(({ documentId, total, unread }) => [documentId, { total, unread }]),
					);
				},
			);

			test(
				"the Comment Thread picker lists the chosen document's threads, as the editor asks n8n for them",
				{ timeout: STEP_TIMEOUT },
				async () => {
					const documentId = 'e2e-picker-doc';
					await seedThread(ctx.emu, {
						documentId,
						annotationId: 'e2e-picker-1',
						from: AVA,
						text: 'Is   the\nlogo final?',
						status: STATUS.OPEN,
					});
					await seedThread(ctx.emu, {
						documentId,
						annotationId: 'e2e-picker-2',
						from: LIAM,
						text: 'Pricing looks off',
						status: STATUS.RESOLVED,
					});
					const mark = (await ctx.emu.requests()).length;
					const listed = await rest(
						'POST',
						'/rest/dynamic-node-parameters/resource-locator-results',
						{
							path: 'parameters.annotationId',
							nodeTypeAndVersion: { name: 'n8n-nodes-velt.velt', version: 1 },
							methodName: 'searchCommentThreads',
							currentNodeParameters: {
								resource: 'comment',
								operation: 'add',
								organizationId: { __rl: true, mode: 'list', value: ORG },
								documentId: { __rl: true, mode: 'id', value: documentId },
							},
							credentials: { veltApi: CRED.sandbox },
						},
					);
					assert.deepEqual(listed.data.results.map(({ name, value }) => [value, name]).sort(), [
						['e2e-picker-1', 'Is the logo final? [Open] (e2e-picker-1)'],
						['e2e-picker-2', 'Pricing looks off [Resolved] (e2e-picker-2)'],
					]);
					const asked = (await ctx.emu.requestsSince(mark)).filter(
						(q) => q.path === '/v2/commentannotations/get',
					);
					assert.deepEqual(
						asked.map((q) => q.body.data),
						[{ organizationId: ORG, documentId, pageSize: 100 }],
					);
				},
			);
		});
	});
}
