/**
 * The emulator's activity, recording and live-state endpoints (activityHandlers.ts) against
 * their pages (issue 28): every documented example request is accepted and answered in the
 * documented response's shape, the documented rules are enforced with the documented error
 * envelope, and what they store reads back.
 */
import { VELT_DOCS_EXAMPLES, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import { call, post, shapeProblems } from './apiClient';
import { startVeltEmulator, type VeltEmulator } from './server';
import { ACTIVITY_ENDPOINTS as E } from './veltDocs';

const ORG = 'org-123';
const DOC = 'doc-456';

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator({ maxPageSize: 1 });
});
afterAll(() => emulator.close());
beforeEach(() => {
	emulator.reset();
	seedDocsWorld();
});

/** What the pages' examples name: activities 001 and 002 on annotation-789, recordings rec-1 and rec-2. */
function seedDocsWorld(): void {
	const activity = emulator.store.activity;
	for (const [index, id] of ['activity-001', 'activity-002'].entries())
		activity.insertActivity(
			ORG,
			DOC,
			{
				id,
				featureType: 'comment',
				actionType: 'comment.add',
				actionUser: { userId: 'user-1', email: 'user@example.com', name: 'User Name' },
				targetEntityId: 'annotation-789',
				displayMessageTemplate: '{{user}} added a comment',
				displayMessageTemplateData: { user: { userId: 'user-1', name: 'User Name' } },
			},
			1722409519944 + index,
		);
	for (const annotationId of ['rec-1', 'rec-2'])
		activity.insertRecording(ORG, {
			type: 'recorder',
			recordingType: 'screen',
			mode: 'floating',
			metadata: { apiKey: emulator.apiKey, documentId: DOC, organizationId: ORG },
			recordedTime: { duration: 4204.55, display: '00:00:04' },
			displayName: `${annotationId}.mp4`,
			annotationId,
			attachments: [
				{
					attachmentId: 875113,
					url: 'https://storage.example/rec.mp4',
					mimeType: 'video/mp4',
					name: 'rec.mp4',
					type: 'mp4',
					size: 103551,
				},
			],
			latestVersion: 5,
		});
}

const ENDPOINTS = Object.values(E);
const isOurs = (example: VeltDocsExample) =>
	example.endpoint !== null && (ENDPOINTS as string[]).includes(example.endpoint);
/** Broadcast's example is shown without its `{"data": ...}` (a payload to the extractor). */
const REQUESTS = VELT_DOCS_EXAMPLES.filter(
	(example) =>
		isOurs(example) &&
		(example.kind === 'request' ||
			(example.kind === 'payload' && example.endpoint === E.broadcastLiveState)),
);
const dataOf = (example: VeltDocsExample) =>
	example.kind === 'payload' ? example.body : (example.body as { data: unknown }).data;

function documentedSuccess(endpoint: string): unknown {
	return VELT_DOCS_EXAMPLES.find(
		(example) => example.endpoint === endpoint && example.kind === 'response',
	)?.body;
}

const SHAPE = {
	// update and delete answer per id; get's data echoes what was added (template data is free).
	idKeyed: ['result.data'],
	free: ['displayMessageTemplateData', 'changes', 'actionUser', 'metadata'],
	optional: ['pageToken', 'targetEntityId', 'displayMessageTemplate', 'displayMessageTemplateData'],
};

test('every endpoint has documented requests', () => {
	expect(new Set(REQUESTS.map((example) => example.endpoint))).toEqual(new Set(ENDPOINTS));
	expect(REQUESTS).toHaveLength(18);
});

test.each(
	REQUESTS.map((example) => [`${example.endpoint} — ${example.heading}`, example] as const),
)('%s is accepted and answered in the documented shape', async (_name, example) => {
	const endpoint = example.endpoint as string;
	const answer = await call(emulator, endpoint, dataOf(example));
	expect({ status: answer.status, body: answer.body }).toMatchObject({
		status: 200,
		body: { result: { status: 'success' } },
	});
	const idKeyed = endpoint === E.updateActivities || endpoint === E.deleteActivities;
	expect(
		shapeProblems(answer.body, documentedSuccess(endpoint), {
			...SHAPE,
			idKeyed: idKeyed ? SHAPE.idKeyed : [],
		}),
	).toEqual([]);
});

describe('documented rules, answered with the documented error envelope', () => {
	const rejected = async (path: string, data: unknown, pattern: RegExp) => {
		const answer = await call(emulator, path, data);
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			error: { status: 'INVALID_ARGUMENT', message: expect.stringMatching(pattern) },
		});
	};
	const activity = {
		featureType: 'comment',
		actionType: 'comment.add',
		actionUser: { userId: 'user-1' },
	};

	test('add: featureType must be one of the five', async () => {
		await rejected(
			E.addActivities,
			{
				organizationId: ORG,
				documentId: DOC,
				activities: [{ ...activity, featureType: 'huddle' }],
			},
			/featureType must be one of: comment, reaction, recorder, crdt, custom/,
		);
	});

	test('add: a custom activity needs targetEntityId', async () => {
		await rejected(
			E.addActivities,
			{
				organizationId: ORG,
				documentId: DOC,
				activities: [{ ...activity, featureType: 'custom' }],
			},
			/targetEntityId is required when featureType is "custom"/,
		);
	});

	test('add: documentId and actionUser are required', async () => {
		await rejected(E.addActivities, { organizationId: ORG, activities: [activity] }, /documentId/);
		const { actionUser: _user, ...withoutUser } = activity;
		await rejected(
			E.addActivities,
			{ organizationId: ORG, documentId: DOC, activities: [withoutUser] },
			/actionUser is required/,
		);
	});

	test('get: order must be asc or desc, featureTypes from the list', async () => {
		await rejected(
			E.getActivities,
			{ organizationId: ORG, order: 'newest' },
			/order must be asc or desc/,
		);
		await rejected(E.getActivities, { organizationId: ORG, featureTypes: ['x'] }, /featureTypes/);
	});

	test('delete: at least one of documentId, targetEntityId or activityIds', async () => {
		await rejected(
			E.deleteActivities,
			{ organizationId: ORG },
			/At least one of documentId, targetEntityId, or activityIds must be provided/,
		);
	});

	test('update: each activity needs its id', async () => {
		await rejected(E.updateActivities, { organizationId: ORG, activities: [{}] }, /id is required/);
	});

	test('broadcast: liveStateDataId and data are required', async () => {
		await rejected(
			E.broadcastLiveState,
			{ organizationId: ORG, documentId: DOC, data: {} },
			/liveStateDataId/,
		);
		await rejected(
			E.broadcastLiveState,
			{ organizationId: ORG, documentId: DOC, liveStateDataId: 's' },
			/data is required/,
		);
	});

	test('a body without the {"data": ...} envelope (as broadcast\'s example is printed) is refused', async () => {
		const example = REQUESTS.find((entry) => entry.endpoint === E.broadcastLiveState);
		const answer = await post(emulator, E.broadcastLiveState, example?.body);
		expect(answer.status).toBe(400);
		expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
	});
});

describe('what the endpoints store reads back', () => {
	test('add with an existing id overwrites it (the idempotent write the page documents)', async () => {
		const activity = {
			id: 'activity-001',
			featureType: 'custom',
			actionType: 'statusChanged',
			actionUser: { userId: 'user-2' },
			targetEntityId: 'entity-456',
		};
		await call(emulator, E.addActivities, {
			organizationId: ORG,
			documentId: DOC,
			activities: [activity],
		});
		const answer = await call(emulator, E.getActivities, {
			organizationId: ORG,
			activityIds: ['activity-001'],
		});
		expect(answer.body.result.data).toEqual([
			expect.objectContaining({ id: 'activity-001', actionType: 'statusChanged' }),
		]);
	});

	test('get pages newest first by default, oldest first with asc, and every page token leads on', async () => {
		const read = async (order?: string) => {
			const ids: string[] = [];
			let pageToken: string | undefined;
			do {
				const answer = await call(emulator, E.getActivities, {
					organizationId: ORG,
					...(order === undefined ? {} : { order }),
					...(pageToken === undefined ? {} : { pageToken }),
				});
				ids.push(...answer.body.result.data.map((entry: { id: string }) => entry.id));
				pageToken = answer.body.result.pageToken;
			} while (pageToken !== undefined);
			return ids;
		};
		expect(await read()).toEqual(['activity-002', 'activity-001']);
		expect(await read('asc')).toEqual(['activity-001', 'activity-002']);
	});

	test('update and delete answer per id, "Failed to ..." for an id that is not there', async () => {
		const updated = await call(emulator, E.updateActivities, {
			organizationId: ORG,
			activities: [{ id: 'activity-001', actionIcon: 'x' }, { id: 'missing' }],
		});
		expect(updated.body.result.data).toEqual({
			'activity-001': { success: true, message: 'Activity updated.' },
			missing: { success: false, message: 'Failed to update activity.' },
		});
		const deleted = await call(emulator, E.deleteActivities, {
			organizationId: ORG,
			activityIds: ['activity-002', 'missing'],
		});
		expect(deleted.body.result.data).toEqual({
			'activity-002': { success: true, message: 'Activity deleted.' },
			missing: { success: false, message: 'Failed to delete activity.' },
		});
	});

	test('broadcast replaces, or merges with merge: true', async () => {
		const send = (data: object, merge?: boolean) =>
			call(emulator, E.broadcastLiveState, {
				organizationId: ORG,
				documentId: DOC,
				liveStateDataId: 'build',
				data,
				...(merge === undefined ? {} : { merge }),
			});
		await send({ status: 'running', step: 1 });
		await send({ status: 'passed' }, true);
		const key = JSON.stringify([ORG, DOC, 'build']);
		expect(emulator.store.activity.liveState.get(key)).toEqual({ status: 'passed', step: 1 });
		await send({ status: 'failed' });
		expect(emulator.store.activity.liveState.get(key)).toEqual({ status: 'failed' });
	});
});

test('control endpoints: a recording arranged by a test reads back through get; live state lists as broadcast', async () => {
	const control = async (method: string, path: string, body?: object) => {
		const response = await fetch(`${emulator.url}/__emulator${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const recording = { type: 'recorder', annotationId: 'rec-e2e', metadata: { documentId: DOC } };
	expect((await control('POST', '/recordings', { organizationId: ORG, recording })).status).toBe(
		200,
	);
	expect((await control('POST', '/recordings', { recording })).status).toBe(400);
	const read = await call(emulator, E.getRecordings, {
		organizationId: ORG,
		recordingIds: ['rec-e2e'],
	});
	expect(read.body.result.data).toEqual([recording]);

	await call(emulator, E.broadcastLiveState, {
		organizationId: ORG,
		documentId: DOC,
		liveStateDataId: 'build',
		data: { status: 'passed' },
	});
	expect((await control('GET', `/live-state?organizationId=${ORG}`)).body).toEqual({
		liveState: [
			{
				organizationId: ORG,
				documentId: DOC,
				liveStateDataId: 'build',
				data: { status: 'passed' },
			},
		],
	});
	expect((await control('GET', '/live-state?organizationId=other')).body).toEqual({
		liveState: [],
	});
});
