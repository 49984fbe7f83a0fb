// End-to-end: Velt's activity feed (issue 28) in real n8n, against the emulator. On n8n 2.41.1
// (one user folder, emulator and server): every Activity, Recording and Live State operation
// with `n8n execute`; on the started n8n the Velt Activity Trigger's activation poll emits
// nothing old, two further polls each emit their new activities exactly once, oldest first
// (the first more than one page, the second with one at the cursor's timestamp), a third
// nothing, and Fetch Test Event the latest; the three examples as they are (comment.add
// activities to a Slack message, the invoice-paid webhook, the recording summary). On 1.123.81
// at the same time, a smoke: the same operations and the three examples.
//   node --test test/e2e/activity.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	Cleanup,
	CRED,
	credentials,
	exampleWorkflow,
	executionError,
	FAKE,
	findSecrets,
	listExecutions,
	nodeItems,
	note,
	packPackage,
	postWebhook,
	rt,
	secs,
	startEmulator,
	stopAllAfter,
	waitFor,
	waitForExecutions,
	chainWorkflow,
	fetchTestEvent,
	setActive,
	assertNoSecretsStored,
	onStartedN8n,
} from './helpers.mjs';

const STEP_TIMEOUT = 5 * 60_000;
const OPS_WORKFLOW_ID = 'veltActE2eOps001';
const TRIGGER_WORKFLOW_ID = 'veltActE2eTrig01';
/** The examples run here (examples/*.json). */
const EX = {
	slack: { id: 'veltExample00028', file: 'trigger-activity-comments-to-slack' },
	invoice: { id: 'veltExample00029', file: 'invoice-paid-to-activity' },
	recording: { id: 'veltExample00030', file: 'recording-summary-comment' },
};
/** The emulator's sample organization, which the two trigger examples watch. */
const ACME = 'org-acme-analytics';
const AVA = { userId: 'user-ava-thompson', name: 'Ava Thompson' };
/** Where the operations run, and what the e2e trigger watches: no sample data there. */
const OPS = { org: 'e2e-act-org', doc: 'e2e-act-doc' };
const WATCHED = { org: 'e2e-act-watched', doc: 'e2e-act-feed' };
/** More than one page of the trigger's read (200 a page). */
const BACKLOG = 205;

const byId = (value) => ({ __rl: true, mode: 'id', value });
const orgDoc = ({ org, doc }) => ({ organizationId: byId(org), documentId: byId(doc) });

/** The [name, parameters] steps of the operations workflow, each reading what the earlier did. */
const STEPS = [
	[
		'Create Activity',
		{
			resource: 'activity',
			operation: 'create',
			...orgDoc(OPS),
			featureType: 'custom',
			actionType: 'deployFinished',
			actionUserId: byId('ci-bot'),
			displayMessageTemplate: '{{user}} deployed {{version}}',
			additionalFields: {
				actionUserName: 'CI Bot',
				id: 'e2e-act-deploy',
				targetEntityId: 'deploy-1',
				displayMessageTemplateData: JSON.stringify({ version: 'v1.2.3' }),
				changes: JSON.stringify({ status: { from: 'running', to: 'passed' } }),
			},
		},
	],
	[
		'Create Activities',
		{
			resource: 'activity',
			operation: 'create',
			...orgDoc(OPS),
			inputMode: 'json',
			activities: JSON.stringify([
				{
					id: 'e2e-act-comment',
					featureType: 'comment',
					actionType: 'comment.add',
					actionUser: { userId: 'ana', name: 'Ana' },
					targetEntityId: 'thread-1',
					displayMessageTemplate: '{{user}} added a comment',
				},
				{
					id: 'e2e-act-reaction',
					featureType: 'reaction',
					actionType: 'reaction.add',
					actionUser: { userId: 'bo' },
					targetEntityId: 'thread-1',
				},
			]),
		},
	],
	[
		'Get Activity',
		{
			resource: 'activity',
			operation: 'get',
			organizationId: byId(OPS.org),
			activityId: 'e2e-act-deploy',
			simplify: true,
		},
	],
	[
		'Get Thread Activities',
		{
			resource: 'activity',
			operation: 'getAll',
			organizationId: byId(OPS.org),
			returnAll: true,
			filters: { documentId: byId(OPS.doc), targetEntityId: byId('thread-1'), order: 'asc' },
			// one activity a page: Return All follows Velt's pageToken
			options: { pageSize: 1 },
		},
	],
	[
		'Update Activity',
		{
			resource: 'activity',
			operation: 'update',
			organizationId: byId(OPS.org),
			activityId: 'e2e-act-deploy',
			updateFields: { displayMessageTemplate: '{{user}} deployed {{version}} to production' },
		},
	],
	[
		'Delete Activities',
		{
			resource: 'activity',
			operation: 'delete',
			organizationId: byId(OPS.org),
			activityIds: 'e2e-act-comment, e2e-act-reaction',
		},
	],
	[
		'Activities Left',
		{
			resource: 'activity',
			operation: 'getAll',
			organizationId: byId(OPS.org),
			returnAll: false,
			limit: 10,
			simplify: true,
		},
	],
	[
		'Get Recordings',
		{
			resource: 'recording',
			operation: 'getAll',
			organizationId: byId(OPS.org),
			returnAll: true,
			simplify: true,
			filters: { documentId: byId(OPS.doc) },
		},
	],
	[
		'Get Recording',
		{
			resource: 'recording',
			operation: 'get',
			organizationId: byId(OPS.org),
			documentId: byId(OPS.doc),
			recordingId: 'e2e-rec-2',
		},
	],
	[
		'Broadcast',
		{
			resource: 'liveState',
			operation: 'broadcast',
			...orgDoc(OPS),
			liveStateDataId: 'build-status',
			data: JSON.stringify({ status: 'running', build: 42 }),
		},
	],
	[
		'Broadcast Merge',
		{
			resource: 'liveState',
			operation: 'broadcast',
			...orgDoc(OPS),
			liveStateDataId: 'build-status',
			data: JSON.stringify({ status: 'passed' }),
			merge: true,
		},
	],
];

/** Manual Trigger, then one Velt node per step, each after the previous one (and run once). */
const operationsWorkflow = () =>
	chainWorkflow(OPS_WORKFLOW_ID, 'E2E: Velt activity, recording and live state operations', STEPS);

/**
 * The Velt Activity Trigger on WATCHED, raw output. n8n polls at most once a minute per
 * entry of Poll Times, so four entries at fixed seconds poll every 15 s.
 */
function triggerWorkflow() {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'E2E: Velt Activity Trigger, raw',
		active: false,
		nodes: [
			{
				id: 't-trigger',
				name: 'New Activity',
				type: 'n8n-nodes-velt.veltActivityTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: { veltApi: CRED.sandbox },
				parameters: {
					pollTimes: {
						item: [0, 15, 30, 45].map((s) => ({
							mode: 'custom',
							cronExpression: `${s} * * * * *`,
						})),
					},
					organizationId: byId(WATCHED.org),
					documentId: { __rl: true, mode: 'list', value: '' },
					simplify: false,
					options: {},
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** Two recordings as the SDK's recorder leaves them (the get-recordings page's shape). */
function recording(annotationId, { org, doc }, extra = {}) {
	return {
		type: 'recorder',
		recordingType: 'screen',
		annotationId,
		displayName: `${annotationId}.mp4`,
		recordedTime: { duration: 61000, display: '00:01:01' },
		metadata: { apiKey: FAKE.apiKey, documentId: doc, organizationId: org },
		attachments: [{ url: `https://storage.example/${annotationId}.mp4`, mimeType: 'video/mp4' }],
		...extra,
	};
}

/** The `data` of a Velt API call made as the app's backend would (the emulator's answer). */
async function veltCall(emu, p, data) {
	const r = await emu.api(p, data);
	assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
	return r.body.result;
}

/** Every activity of an organization as Velt reads it back, oldest first. */
async function storedActivities(emu, organizationId) {
	const all = [];
	let pageToken;
	do {
		const page = await veltCall(emu, '/v2/activities/get', {
			organizationId,
			order: 'asc',
			...(pageToken ? { pageToken } : {}),
		});
		all.push(...page.data);
		pageToken = page.pageToken;
	} while (pageToken);
	return all;
}

/** Seeds the recordings the operations read, then runs every operation with `n8n execute`. */
async function runOperations(version, ctx) {
	for (const id of ['e2e-rec-1', 'e2e-rec-2'])
		await ctx.emu.control('POST', '/recordings', {
			organizationId: OPS.org,
			recording: recording(id, OPS, {
				transcription: { contentSummary: `Summary of ${id}` },
			}),
		});
	await ctx.emu.control('POST', '/recordings', {
		organizationId: OPS.org,
		recording: recording('e2e-rec-elsewhere', { ...OPS, doc: 'other-doc' }),
	});
	const mark = (await ctx.emu.requests()).length;
	const r = await rt.executeWorkflow(version, ctx.userFolder, OPS_WORKFLOW_ID);
	assert.ok(r.json, `no JSON in the output:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
	assert.equal(executionError(r.json), undefined, JSON.stringify(executionError(r.json)));
	const out = (name) => nodeItems(r.json, name);
	const scope = { organizationId: OPS.org, documentId: OPS.doc };

	assert.deepEqual(out('Create Activity'), [
		{
			success: true,
			message: 'Activity(s) added successfully.',
			...scope,
			addedCount: 1,
			activityIds: ['e2e-act-deploy'],
		},
	]);
	assert.deepEqual(out('Create Activities'), [
		{
			success: true,
			message: 'Activity(s) added successfully.',
			...scope,
			addedCount: 2,
			activityIds: ['e2e-act-comment', 'e2e-act-reaction'],
		},
	]);
	const [got] = out('Get Activity');
	assert.equal(got.id, 'e2e-act-deploy');
	assert.equal(got.summary, 'CI Bot deployed v1.2.3');
	assert.deepEqual(
		[got.featureType, got.actionType, got.actionUserId, got.targetEntityId],
		['custom', 'deployFinished', 'ci-bot', 'deploy-1'],
	);
	assert.deepEqual([got.organizationId, got.documentId], [OPS.org, OPS.doc]);
	// the raw activities, oldest first: added in this order by one request (at one timestamp
	// or later ones), and Velt orders a tie by id
	const thread = out('Get Thread Activities');
	assert.deepEqual(
		thread.map((a) => a.id),
		['e2e-act-comment', 'e2e-act-reaction'],
	);
	for (const a of thread) {
		assert.deepEqual(a.metadata, scope, 'the echoed API key is scrubbed from the output');
		assert.equal(a.targetEntityId, 'thread-1');
	}
	assert.deepEqual(out('Update Activity'), [
		{
			updated: true,
			organizationId: OPS.org,
			id: 'e2e-act-deploy',
			displayMessageTemplate: '{{user}} deployed {{version}} to production',
		},
	]);
	const [deleted] = out('Delete Activities');
	assert.deepEqual(deleted.deletedIds, ['e2e-act-comment', 'e2e-act-reaction']);
	assert.equal(deleted.deletedCount, 2);
	assert.deepEqual(
		out('Activities Left').map((a) => [a.id, a.summary]),
		[['e2e-act-deploy', 'CI Bot deployed v1.2.3 to production']],
	);
	assert.deepEqual(
		out('Get Recordings').map((rec) => [rec.id, rec.duration, rec.url, rec.transcript]),
		['e2e-rec-1', 'e2e-rec-2'].map((id) => [
			id,
			'00:01:01',
			`https://storage.example/${id}.mp4`,
			{ contentSummary: `Summary of ${id}` },
		]),
	);
	const [raw] = out('Get Recording');
	const { apiKey: _echoed, ...metadata } = recording('e2e-rec-2', OPS).metadata;
	assert.deepEqual(raw, {
		...recording('e2e-rec-2', OPS, { transcription: { contentSummary: 'Summary of e2e-rec-2' } }),
		metadata,
	});
	const broadcast = { success: true, ...scope, liveStateDataId: 'build-status' };
	assert.deepEqual(out('Broadcast').map(withoutMessage), [broadcast]);
	assert.deepEqual(out('Broadcast Merge').map(withoutMessage), [broadcast]);

	// what reached Velt, in order
	const requests = await ctx.emu.requestsSince(mark);
	assert.deepEqual(
		requests.map((q) => q.path),
		[
			'/v2/activities/add',
			'/v2/activities/add',
			'/v2/activities/get',
			'/v2/activities/get',
			'/v2/activities/get',
			'/v2/activities/update',
			'/v2/activities/delete',
			'/v2/activities/get',
			'/v2/recordings/get',
			'/v2/recordings/get',
			'/v2/livestate/broadcast',
			'/v2/livestate/broadcast',
		],
	);
	const body = (i) => requests[i].body.data;
	assert.deepEqual(body(0), {
		...scope,
		activities: [
			{
				featureType: 'custom',
				actionType: 'deployFinished',
				actionUser: { userId: 'ci-bot', name: 'CI Bot' },
				id: 'e2e-act-deploy',
				targetEntityId: 'deploy-1',
				displayMessageTemplate: '{{user}} deployed {{version}}',
				changes: { status: { from: 'running', to: 'passed' } },
				displayMessageTemplateData: { version: 'v1.2.3' },
			},
		],
	});
	assert.deepEqual(
		body(1).activities.map((a) => a.id),
		['e2e-act-comment', 'e2e-act-reaction'],
	);
	assert.deepEqual(body(3), {
		...scope,
		targetEntityId: 'thread-1',
		order: 'asc',
		pageSize: 1,
	});
	// the second page: the same read from the first page's pageToken
	const { pageToken, ...secondPage } = body(4);
	assert.equal(typeof pageToken, 'string');
	assert.deepEqual(secondPage, body(3));
	assert.deepEqual(body(6), {
		organizationId: OPS.org,
		activityIds: ['e2e-act-comment', 'e2e-act-reaction'],
	});
	assert.deepEqual(body(10), {
		...scope,
		liveStateDataId: 'build-status',
		data: { status: 'running', build: 42 },
		merge: false,
	});
	assert.deepEqual(body(11).merge, true);

	// what Velt holds now
	const left = await storedActivities(ctx.emu, OPS.org);
	assert.deepEqual(
		left.map((a) => [a.id, a.displayMessageTemplate, a.changes]),
		[
			[
				'e2e-act-deploy',
				'{{user}} deployed {{version}} to production',
				{ status: { from: 'running', to: 'passed' } },
			],
		],
	);
	assert.deepEqual(
		(await ctx.emu.control('GET', `/live-state?organizationId=${OPS.org}`)).liveState,
		[{ ...scope, liveStateDataId: 'build-status', data: { status: 'passed', build: 42 } }],
	);
}

const withoutMessage = ({ message: _message, ...rest }) => rest;

/** Installs the package into a fresh user folder with its own emulator; imports credentials and workflows. */
async function setUp(version, cleanup, ctx, workflows) {
	const t0 = Date.now();
	await rt.ensureN8n(version);
	ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder(`velt-activity-e2e-${version}-`));
	ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
	await rt.installCommunityPackage(ctx.userFolder, ctx.tarball);
	await rt.importCredentials(version, ctx.userFolder, credentials(ctx.emu.url));
	const r = await rt.importWorkflow(version, ctx.userFolder, workflows);
	assert.match(r.stdout, new RegExp(`Successfully imported ${workflows.length} workflows`));
	note(`${version}: installed and imported in ${secs(t0)} s`);
}

/** The activities/get requests a trigger watching `organizationId` made after `mark`. */
async function pollsOf(ctx, organizationId, mark) {
	return (await ctx.emu.requestsSince(mark)).filter(
		(q) => q.path === '/v2/activities/get' && q.body.data.organizationId === organizationId,
	);
}

/**
 * Activates the workflows and waits for each one's activation poll (one activities/get per
 * watched organization); then gives them time to finish: they must emit nothing old.
 */
async function activateAndCheckNothingOld(ctx, workflows) {
	const mark = (await ctx.emu.requests()).length;
	for (const { id } of workflows) await setActive(ctx.server, id, true);
	// the first poll asks for the newest page and only learns where "new" starts
	const expected = workflows
		.map(({ query }) => JSON.stringify({ ...query, order: 'desc', pageSize: 200 }))
		.sort();
	const reads = await waitFor(
		async () => {
			const seen = new Set(
				(await ctx.emu.requestsSince(mark))
					.filter((q) => q.path === '/v2/activities/get')
					.map((q) => JSON.stringify(q.body.data)),
			);
			return expected.every((read) => seen.has(read)) ? [...seen].sort() : null;
		},
		{ timeoutMs: 60_000 },
	).catch((e) =>
		assert.fail(`no activation polls (${e.message}); log:\n${ctx.server.logs().slice(-4000)}`),
	);
	assert.deepEqual(reads, expected);
	await new Promise((r) => setTimeout(r, 1500));
	for (const { id } of workflows)
		assert.deepEqual(
			await listExecutions(ctx.server, id),
			[],
			`${id}: the activation poll must not emit old activities`,
		);
	return mark;
}

/** The comment activities the Slack example sees (comment.add) and does not (the others). */
async function seedCommentActivities(emu, suffix) {
	const activity = (id, extra) => ({
		id: `e2e-${id}-${suffix}`,
		featureType: 'comment',
		actionType: 'comment.add',
		actionUser: AVA,
		targetEntityId: `e2e-thread-${suffix}`,
		displayMessageTemplate: '{{user}} added a comment',
		...extra,
	});
	await veltCall(emu, '/v2/activities/add', {
		organizationId: ACME,
		documentId: 'doc-q3-roadmap',
		activities: [
			activity('comment-add'),
			activity('comment-edit', { actionType: 'comment.update' }),
			activity('reaction', { featureType: 'reaction', actionType: 'reaction.add' }),
		],
	});
	return `e2e-comment-add-${suffix}`;
}

/** The Slack example's one execution: the new comment.add activity as a one-line message. */
async function assertSlackMessage(ctx, activityId) {
	const [exec, ...more] = await waitForExecutions(ctx.server, EX.slack.id, 0, {
		timeoutMs: 150_000,
	});
	assert.equal(more.length, 0);
	assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));
	assert.equal(exec.mode, 'trigger');
	const [item, ...others] = nodeItems(exec, 'New Comments');
	assert.equal(others.length, 0, 'only the comment.add activity');
	assert.equal(item.id, activityId);
	assert.equal(item.summary, 'Ava Thompson added a comment');
	const [stored] = (
		await veltCall(ctx.emu, '/v2/activities/get', {
			organizationId: ACME,
			activityIds: [activityId],
		})
	).data;
	assert.equal(item.createdAt, new Date(stored.timestamp).toISOString());
	assert.deepEqual(nodeItems(exec, 'Slack Message'), [
		{
			channel: '#velt-comments',
			text: `Ava Thompson added a comment (document doc-q3-roadmap, ${item.createdAt})`,
		},
	]);
}

/** A finished recording of the standup with its transcript, and the recorder activity about it. */
async function seedStandupRecording(emu) {
	await emu.control('POST', '/recordings', {
		organizationId: ACME,
		recording: recording(
			'e2e-rec-standup',
			{ org: ACME, doc: 'doc-standup' },
			{
				displayName: 'Standup.mp4',
				transcription: { contentSummary: 'Ship on Friday.' },
			},
		),
	});
	await veltCall(emu, '/v2/activities/add', {
		organizationId: ACME,
		documentId: 'doc-standup',
		activities: [
			{
				id: 'e2e-recorded',
				featureType: 'recorder',
				actionType: 'recorder.add',
				actionUser: AVA,
				targetEntityId: 'e2e-rec-standup',
			},
		],
	});
}

/** The recording example's one execution: the recording with its transcript, its summary posted as a comment thread. */
async function assertRecordingSummary(ctx) {
	const [exec, ...more] = await waitForExecutions(ctx.server, EX.recording.id, 0, {
		timeoutMs: 150_000,
	});
	assert.equal(more.length, 0);
	assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));
	assert.deepEqual(
		nodeItems(exec, 'New Recordings').map((a) => [a.id, a.targetEntityId, a.documentId]),
		[['e2e-recorded', 'e2e-rec-standup', 'doc-standup']],
	);
	const [rec] = nodeItems(exec, 'Get Recording');
	assert.deepEqual(
		[rec.id, rec.name, rec.duration, rec.url, rec.transcript],
		[
			'e2e-rec-standup',
			'Standup.mp4',
			'00:01:01',
			'https://storage.example/e2e-rec-standup.mp4',
			{ contentSummary: 'Ship on Friday.' },
		],
	);
	const { annotations } = await ctx.emu.control(
		'GET',
		`/comment-annotations?organizationId=${ACME}&documentId=doc-standup`,
	);
	const summary = annotations.filter((a) => a.annotationId === 'recording-summary-e2e-rec-standup');
	assert.equal(summary.length, 1);
	assert.equal(summary[0].comments.length, 1);
	assert.equal(
		summary[0].comments[0].commentText,
		'Summary of Standup.mp4 (00:01:01): Ship on Friday. https://storage.example/e2e-rec-standup.mp4',
	);
	assert.deepEqual(summary[0].comments[0].from, {
		userId: 'recording-bot',
		name: 'Recording Bot',
	});
	assert.equal(
		nodeItems(exec, 'Post Summary')[0].annotationId,
		'recording-summary-e2e-rec-standup',
	);
}

/** The invoice-paid example: its webhook, sent twice, adds one activity to the customer document feed. */
async function checkInvoiceExample(ctx) {
	await setActive(ctx.server, EX.invoice.id, true);
	const body = {
		type: 'invoice.paid',
		data: {
			object: {
				id: 'in_e2e42',
				number: 'INV-0042',
				amount_paid: 12900,
				currency: 'eur',
				metadata: { velt_organization_id: 'e2e-billing', velt_document_id: 'account-e2e' },
			},
		},
	};
	const url = `${ctx.server.url}/webhook/velt-invoice-paid`;
	const answer = {
		success: true,
		message: 'Activity(s) added successfully.',
		organizationId: 'e2e-billing',
		documentId: 'account-e2e',
		addedCount: 1,
		activityIds: ['stripe-in_e2e42'],
	};
	// responseMode lastNode: the answer is Add Activity's output
	assert.deepEqual((await postWebhook(url, body, { expectStatus: 200 })).json, answer);
	assert.deepEqual((await postWebhook(url, body, { expectStatus: 200 })).json, answer);
	const stored = await storedActivities(ctx.emu, 'e2e-billing');
	assert.equal(stored.length, 1);
	const { timestamp, ...activity } = stored[0];
	assert.equal(typeof timestamp, 'number');
	assert.deepEqual(activity, {
		id: 'stripe-in_e2e42',
		featureType: 'custom',
		actionType: 'invoicePaid',
		actionUser: { userId: 'billing', name: 'Billing' },
		targetEntityId: 'in_e2e42',
		displayMessageTemplate: '{{user}} received payment for invoice {{invoice}}: {{amount}}',
		displayMessageTemplateData: { invoice: 'INV-0042', amount: '129.00 EUR' },
		changes: { status: { from: 'open', to: 'paid' } },
		metadata: {
			apiKey: FAKE.apiKey,
			documentId: 'account-e2e',
			organizationId: 'e2e-billing',
		},
	});
	const execs = await waitForExecutions(ctx.server, EX.invoice.id, 1);
	for (const exec of execs) assert.equal(exec.status, 'success');
	await setActive(ctx.server, EX.invoice.id, false);
}

const slackQuery = {
	organizationId: ACME,
	featureTypes: ['comment'],
	actionTypes: ['comment.add'],
};
const recordingQuery = { organizationId: ACME, featureTypes: ['recorder'] };
const watchedQuery = { organizationId: WATCHED.org };

describe('Velt activity feed in real n8n', { concurrency: true }, () => {
	const shared = {};
	before(
		async () => {
			shared.cleanup = new Cleanup();
			shared.tarball = await packPackage(shared.cleanup);
		},
		{ timeout: 10 * 60_000 },
	);
	after(async () => shared.cleanup.run(), { timeout: 60_000 });

	// the two versions side by side; within each, one step after the other
	describe(`n8n ${rt.N8N_CURRENT}`, { concurrency: 1 }, () => {
		const version = rt.N8N_CURRENT;
		const cleanup = new Cleanup();
		const ctx = {};
		const ids = {};

		before(
			async () => {
				ctx.tarball = shared.tarball;
				await setUp(version, cleanup, ctx, [
					operationsWorkflow(),
					triggerWorkflow(),
					...Object.values(EX).map(({ file }) => exampleWorkflow(file)),
				]);
			},
			{ timeout: 60 * 60_000 },
		);
		stopAllAfter(cleanup);

		test(
			'every Activity, Recording and Live State operation runs with n8n execute; Velt received and holds the result',
			{ timeout: STEP_TIMEOUT },
			async () => runOperations(version, ctx),
		);

		describe('on a started n8n', () => {
			onStartedN8n(cleanup, version, ctx);

			test(
				'activation: the Velt Activity Trigger (e2e workflow and both trigger examples) emits nothing old',
				{ timeout: STEP_TIMEOUT },
				async () => {
					// something old everywhere the triggers look
					await seedCommentActivities(ctx.emu, 'old');
					await veltCall(ctx.emu, '/v2/activities/add', {
						...{ organizationId: WATCHED.org, documentId: WATCHED.doc },
						activities: [
							{
								id: 'e2e-old',
								featureType: 'custom',
								actionType: 'seeded',
								actionUser: AVA,
								targetEntityId: 'x',
							},
						],
					});
					ctx.t0 = Date.now();
					ctx.pollMark = await activateAndCheckNothingOld(ctx, [
						{ id: TRIGGER_WORKFLOW_ID, query: watchedQuery },
						{ id: EX.slack.id, query: slackQuery },
						{ id: EX.recording.id, query: recordingQuery },
					]);

					// new for the next polls: more than a page for the e2e trigger, one comment.add for
					// the Slack example, a finished recording and its activity for the summary example
					ids.backlog = Array.from(
						{ length: BACKLOG },
						(_, i) => `e2e-a-${String(i).padStart(3, '0')}`,
					);
					await veltCall(ctx.emu, '/v2/activities/add', {
						organizationId: WATCHED.org,
						documentId: WATCHED.doc,
						activities: ids.backlog.map((id) => ({
							id,
							featureType: 'custom',
							actionType: 'deployFinished',
							actionUser: { userId: 'ci-bot', name: 'CI Bot' },
							targetEntityId: id,
							displayMessageTemplate: '{{user}} finished a deployment',
						})),
					});
					ids.slack = await seedCommentActivities(ctx.emu, 'new');
					await seedStandupRecording(ctx.emu);
				},
			);

			test(
				'invoice-paid example: the webhook adds one activity to the customer document feed (sent twice, still one)',
				{ timeout: STEP_TIMEOUT },
				async () => checkInvoiceExample(ctx),
			);

			test(
				`the next poll emits the ${BACKLOG} new activities (two pages) exactly once, oldest first`,
				{ timeout: STEP_TIMEOUT },
				async () => {
					const [exec] = await waitForExecutions(ctx.server, TRIGGER_WORKFLOW_ID, 0, {
						timeoutMs: 120_000,
					});
					assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));
					assert.equal(exec.mode, 'trigger');
					const items = nodeItems(exec, 'New Activity');
					const stored = (await storedActivities(ctx.emu, WATCHED.org)).filter(
						(a) => a.id !== 'e2e-old',
					);
					// oldest first is Velt's order: by timestamp, then id
					assert.deepEqual(
						stored.map((a) => a.id),
						ids.backlog,
					);
					assert.deepEqual(
						items.map((a) => a.id),
						ids.backlog,
					);
					const { apiKey: _key, ...metadata } = stored[0].metadata;
					assert.deepEqual(items[0], { ...stored[0], metadata });
					assert.deepEqual(findSecrets(JSON.stringify(exec)), []);
					// that poll read two pages: the second from the first's pageToken
					const reads = await pollsOf(ctx, WATCHED.org, ctx.pollMark);
					assert.ok(
						reads.some((q) => q.body.data.pageToken !== undefined),
						'no second page was read',
					);
					ctx.firstEmitted = items.map((a) => a.id);

					// new for the next emitting poll: one at the very timestamp the cursor holds (a
					// tie Velt can give), then two later ones
					const newest = stored.at(-1).timestamp;
					ids.second = ['e2e-b-000', 'e2e-b-001', 'e2e-b-002'];
					const add = (id) =>
						veltCall(ctx.emu, '/v2/activities/add', {
							organizationId: WATCHED.org,
							documentId: WATCHED.doc,
							activities: [
								{
									id,
									featureType: 'custom',
									actionType: 'deployFinished',
									actionUser: { userId: 'ci-bot' },
									targetEntityId: id,
								},
							],
						});
					await ctx.emu.control('POST', '/clock', { now: newest });
					try {
						await add(ids.second[0]);
					} finally {
						await ctx.emu.control('POST', '/clock', { now: null });
					}
					await add(ids.second[1]);
					await add(ids.second[2]);
				},
			);

			test(
				'the next emitting poll emits exactly the three newer ones, oldest first; no activity twice; a further poll emits nothing',
				{ timeout: STEP_TIMEOUT },
				async () => {
					// one poll normally; two if a poll fell between the three adds
					const { later, emitted } = await waitFor(
						async () => {
							const [, ...after] = (await listExecutions(ctx.server, TRIGGER_WORKFLOW_ID))
								.filter((e) => e.finished || !['new', 'running', 'waiting'].includes(e.status))
								.reverse();
							const got = after.flatMap((e) => nodeItems(e, 'New Activity').map((a) => a.id));
							return got.length >= ids.second.length ? { later: after, emitted: got } : null;
						},
						{ timeoutMs: 120_000, intervalMs: 500 },
					);
					for (const exec of later)
						assert.equal(exec.status, 'success', JSON.stringify(executionError(exec)));
					// each exactly once, oldest first (the one at the cursor's timestamp first)
					assert.deepEqual(emitted, ids.second);
					const all = [...ctx.firstEmitted, ...emitted];
					assert.equal(new Set(all).size, all.length, 'an activity was emitted twice');
					assert.deepEqual(
						[...all].sort(),
						(await storedActivities(ctx.emu, WATCHED.org))
							.map((a) => a.id)
							.filter((id) => id !== 'e2e-old')
							.sort(),
					);
					// one more poll, after the second execution: nothing new, so no execution
					const mark = (await ctx.emu.requests()).length;
					await waitFor(async () => (await pollsOf(ctx, WATCHED.org, mark)).length > 0, {
						timeoutMs: 60_000,
					});
					await new Promise((r) => setTimeout(r, 1500));
					assert.equal(
						(await listExecutions(ctx.server, TRIGGER_WORKFLOW_ID)).length,
						1 + later.length,
					);
					note(`${version}: ${1 + later.length} emitting polls ${secs(ctx.t0)} s after activation`);
				},
			);

			test(
				'comments-to-Slack example: its next poll emits the new comment.add activity once, as the message',
				{ timeout: STEP_TIMEOUT },
				async () => assertSlackMessage(ctx, ids.slack),
			);

			test(
				'recording summary example: the recorder activity leads to the recording, its summary posted as a comment thread',
				{ timeout: STEP_TIMEOUT },
				async () => assertRecordingSummary(ctx),
			);

			test(
				'"Fetch Test Event" (manual run) returns the latest activity (e2e trigger and the Slack example)',
				{ timeout: STEP_TIMEOUT },
				async () => {
					for (const id of [TRIGGER_WORKFLOW_ID, EX.slack.id, EX.recording.id])
						await setActive(ctx.server, id, false);
					const latest = async (query) =>
						(
							await veltCall(ctx.emu, '/v2/activities/get', {
								...query,
								order: 'desc',
								pageSize: 1,
							})
						).data[0];
					const raw = await fetchTestEvent(ctx.server, TRIGGER_WORKFLOW_ID, 'New Activity');
					assert.deepEqual(
						raw.map((a) => a.id),
						[(await latest(watchedQuery)).id],
					);
					assert.equal(raw[0].id, 'e2e-b-002');
					const slack = await fetchTestEvent(ctx.server, EX.slack.id, 'New Comments');
					assert.deepEqual(
						slack.map((a) => [a.id, a.summary]),
						[[(await latest(slackQuery)).id, 'Ava Thompson added a comment']],
					);
					assert.equal(slack[0].id, ids.slack);
				},
			);

			test(
				'no secret (API key, auth tokens) in any stored execution, the n8n logs or the database',
				{ timeout: STEP_TIMEOUT },
				async () => {
					await assertNoSecretsStored(ctx.server, ctx.userFolder, { minExecutions: 7 });
				},
			);
		});
	});

	describe(`n8n ${rt.N8N_LAST_1X} (smoke)`, { concurrency: 1 }, () => {
		const version = rt.N8N_LAST_1X;
		const cleanup = new Cleanup();
		const ctx = {};

		before(
			async () => {
				ctx.tarball = shared.tarball;
				await setUp(version, cleanup, ctx, [
					operationsWorkflow(),
					...Object.values(EX).map(({ file }) => exampleWorkflow(file)),
				]);
			},
			{ timeout: 60 * 60_000 },
		);
		stopAllAfter(cleanup);

		test(
			'every Activity, Recording and Live State operation runs with n8n execute',
			{ timeout: STEP_TIMEOUT },
			async () => runOperations(version, ctx),
		);

		describe('on a started n8n', () => {
			onStartedN8n(cleanup, version, ctx);

			test(
				'both trigger examples: activation emits nothing old; the next polls the new comment.add activity to Slack once, the recording summary once',
				{ timeout: STEP_TIMEOUT },
				async () => {
					await seedCommentActivities(ctx.emu, 'old');
					await activateAndCheckNothingOld(ctx, [
						{ id: EX.slack.id, query: slackQuery },
						{ id: EX.recording.id, query: recordingQuery },
					]);
					const commentAdd = await seedCommentActivities(ctx.emu, 'new');
					await seedStandupRecording(ctx.emu);
					await assertSlackMessage(ctx, commentAdd);
					await assertRecordingSummary(ctx);
				},
			);

			test(
				'invoice-paid example: the webhook adds one activity to the customer document feed (sent twice, still one)',
				{ timeout: STEP_TIMEOUT },
				async () => checkInvoiceExample(ctx),
			);
		});
	});
});
