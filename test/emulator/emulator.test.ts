/**
 * The emulator against Velt's docs pages: every documented example request is accepted and
 * answered in the documented shape, and the documented error cases answer the documented
 * errors. The examples come from test/fixtures/veltDocsExamples.ts (generated from the pages).
 */
import { VELT_DOCS_EXAMPLES, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import { call, shapeProblems } from './apiClient';
import { startVeltEmulator, type VeltEmulator } from './server';
import {
	COLLABORATION_ENDPOINTS,
	DOCUMENTED_MESSAGES,
	ENDPOINTS,
	OPEN_STATUS,
	WORKSPACE_AUTH_TOKEN_HEADER,
	WORKSPACE_ID_HEADER,
} from './veltDocs';
import { WORKSPACE_ID } from './choices';

const SERVED = new Set<string>([
	...Object.values(ENDPOINTS),
	...Object.values(COLLABORATION_ENDPOINTS),
]);
const DOCS_ENDPOINT_ID = 'ep_2vK9mPzGqLxYwBnRtCdHsJfAeUo';

/** The ids the docs' examples use, so each example finds what it asks for. */
function seedDocsWorld(emulator: VeltEmulator): void {
	const store = emulator.store;
	const org = 'yourOrganizationId';
	store.upsertOrganization({ organizationId: org, organizationName: 'Your Organization Name' });
	for (const documentId of ['yourDocumentId', 'yourDocumentId1', 'yourDocumentId2']) {
		store.upsertDocument(org, { documentId, documentName: `${documentId} name` });
	}
	store.upsertDocument(org, {
		documentId: 'doc-in-folder',
		documentName: 'In a folder',
		folderId: 'yourFolderId',
	});
	for (const userId of ['yourUserId', 'yourUserId1', 'yourUserId2']) {
		store.upsertUser(org, {
			userId,
			name: `${userId} name`,
			email: `${userId}@example.com`,
			organizationUserGroupIds: userId === 'yourUserId1' ? ['yourOrganizationUserGroupId'] : [],
		});
	}
	store.insertNotification({
		organizationId: org,
		documentId: 'yourDocumentId',
		notificationId: 'yourNotificationId',
		location: { id: 'yourLocationId' },
		notificationSource: 'custom',
		notificationSourceData: {},
		actionUser: { userId: 'yourUserId', name: 'User Name', email: 'user@example.com' },
		displayHeadlineMessageTemplate: '{actionUser} did something',
		displayHeadlineMessageTemplateData: { actionUser: { userId: 'yourUserId' } },
		displayBodyMessage: 'Body',
		notifyAll: false,
		notifyUsers: [{ userId: 'yourUserId', email: 'user@example.com' }],
	});
	seedDocsThreads(emulator);
	store.createWebhookEndpoint({
		id: DOCS_ENDPOINT_ID,
		url: 'https://example.com/webhooks/velt',
		description: 'Primary endpoint',
		filterTypes: ['comment.add', 'comment.update'],
	});
}

/** The annotations, comments, users and group the comment, user and group examples name. */
function seedDocsThreads(emulator: VeltEmulator): void {
	const store = emulator.store;
	const collaboration = store.collaboration;
	const org = 'yourOrganizationId';
	const from = { userId: 'yourUserId', name: 'yourUserId name', email: 'yourUserId@example.com' };
	const thread = (annotationId: string, commentIds: number[]) =>
		collaboration.insertAnnotation({
			organizationId: org,
			documentId: 'yourDocumentId',
			annotationId,
			fields: {
				type: 'comment',
				commentType: 'manual',
				status: { ...OPEN_STATUS },
				location: { id: 'locationx', locationName: 'Location X' },
			},
			comments: commentIds.map((commentId) => ({
				commentId,
				data: { commentText: `Comment ${commentId}`, commentHtml: `<p>${commentId}</p>`, from },
			})),
		});
	thread('yourAnnotationId', [153783, 607395, 123456]);
	thread('yourAnnotationId1', [111111]);
	thread('yourAnnotationId2', [222222]);
	for (const documentId of ['yourDocumentId1', 'yourDocumentId2']) {
		collaboration.insertAnnotation({
			organizationId: org,
			documentId,
			annotationId: `${documentId}-thread`,
			fields: { type: 'comment', commentType: 'manual', status: { ...OPEN_STATUS } },
			comments: [{ commentId: 333333, data: { commentText: 'Hello', from } }],
		});
	}
	const agentFinding = {
		agentSource: 'velt',
		agentId: 'spell-check',
		reason: { title: 'Spelling', description: 'Welcom', severity: 'low' },
	};
	collaboration.insertAnnotation({
		organizationId: org,
		documentId: 'yourDocumentId',
		annotationId: 'agentAnnotationId',
		fields: {
			type: 'suggestion',
			status: { ...OPEN_STATUS },
			suggestion: { status: 'pending' },
			agent: { ...agentFinding, agentType: 'built-in', agentName: 'Spell Check' },
		},
		comments: [{ commentId: 444444, data: { commentText: 'Welcom', from, agent: agentFinding } }],
	});
	// get's examples 8 and 9: organization myorg1, the instant 1720441573192, folder folderId1.
	store.upsertDocument('myorg1', { documentId: 'myorg1-doc', folderId: 'folderId1' });
	collaboration.insertAnnotation({
		organizationId: 'myorg1',
		documentId: 'myorg1-doc',
		annotationId: 'myorg1-thread',
		fields: { type: 'comment', status: { ...OPEN_STATUS } },
		comments: [{ commentId: 555555, data: { commentText: 'Hi', from } }],
		createdAt: 1720441573192,
	});
	store.upsertUser('acme-corp', { userId: 'user_john_smith', name: 'John Smith' });
	collaboration.upsertScopedUser(
		org,
		{ level: 'document', id: 'yourDocumentId' },
		{
			userId: 'yourUserId1',
		},
	);
	collaboration.upsertScopedUser(
		org,
		{ level: 'folder', id: 'yourFolderId' },
		{
			userId: 'yourUserId1',
		},
	);
	collaboration
		.upsertGroup(org, { groupId: 'yourGroupId', groupName: 'Your Group' })
		.userIds.add('yourUserId1');
}

function endpointOf(example: VeltDocsExample): string {
	// The resolver page's minimal body is an Add.
	return (
		example.endpoint ??
		(example.page === 'https://docs.velt.dev/self-host-data/notifications'
			? ENDPOINTS.addNotification
			: '')
	);
}

function documentedResponse(endpoint: string, request: unknown): unknown {
	const responses = VELT_DOCS_EXAMPLES.filter(
		(e) => endpointOf(e) === endpoint && e.kind === 'response',
	);
	const grouped = JSON.stringify(request).includes('groupByDocumentId');
	const match =
		responses.find((e) => e.heading.includes('groupByDocumentId') === grouped) ?? responses[0];
	return match.body;
}

/** Maps keyed by ids, free-form objects, and keys present only sometimes, per endpoint. */
const SHAPE_OPTIONS = {
	idKeyed: ['result.data', 'notifyUsers', 'notifyUsersByUserId', 'apiKeyList', 'subscribedUsers'],
	// Users and locations are echoed as sent (the docs' `from` is an SDK user profile).
	free: ['displayHeadlineMessageTemplateData', 'notificationSourceData', 'from', 'location'],
	// SDK-only fields of the get examples (pageInfo, sdkVersion), the default status's svg, and
	// what an annotation or comment has only when sent (location, text, html).
	optional: [
		'pageToken',
		'nextPageToken',
		'documentId',
		'pageInfo',
		'sdkVersion',
		'svg',
		'locationId',
		'location',
		'commentText',
		'commentHtml',
	],
};
const C = COLLABORATION_ENDPOINTS;
const ID_KEYED_DATA = new Set<string>([
	ENDPOINTS.updateNotifications,
	ENDPOINTS.deleteNotifications,
	ENDPOINTS.setNotificationConfig,
	C.addCommentAnnotations,
	C.getCommentAnnotationsCount,
	C.updateCommentAnnotations,
	C.deleteCommentAnnotations,
	C.updateComments,
	C.deleteComments,
	C.addUsers,
	C.updateUsers,
	C.deleteUsers,
	C.addUserGroups,
	C.addUsersToGroup,
	C.deleteUsersFromGroup,
]);

function shapeOptionsFor(endpoint: string, request: unknown) {
	const grouped = JSON.stringify(request).includes('groupByDocumentId');
	const dataIsMap =
		ID_KEYED_DATA.has(endpoint) ||
		((endpoint === ENDPOINTS.getUsers || endpoint === C.getCommentAnnotations) && grouped);
	return {
		...SHAPE_OPTIONS,
		idKeyed: dataIsMap
			? SHAPE_OPTIONS.idKeyed
			: SHAPE_OPTIONS.idKeyed.filter((key) => key !== 'result.data'),
	};
}

const requestExamples = VELT_DOCS_EXAMPLES.filter(
	(e) => e.kind === 'request' && SERVED.has(endpointOf(e)),
);

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
	emulator.reset();
	seedDocsWorld(emulator);
});

function workspaceHeaders(): Record<string, string> {
	return { [WORKSPACE_ID_HEADER]: WORKSPACE_ID, [WORKSPACE_AUTH_TOKEN_HEADER]: emulator.authToken };
}

describe('every documented example request is accepted and answered in the documented shape', () => {
	test('the fixtures hold the documented requests of every served endpoint', () => {
		const covered = new Set(requestExamples.map(endpointOf));
		expect([...SERVED].filter((endpoint) => !covered.has(endpoint))).toEqual([]);
		expect(requestExamples.length).toBeGreaterThanOrEqual(120);
	});

	test.each(requestExamples.map((e) => [`${endpointOf(e)} — ${e.heading}`, e] as const))(
		'%s',
		async (_name, example) => {
			const endpoint = endpointOf(example);
			const { data } = example.body as { data: Record<string, unknown> };
			const headers = endpoint === ENDPOINTS.getWorkspace ? workspaceHeaders() : undefined;
			const answer = await call(emulator, endpoint, data, headers);
			if (endpoint === C.getCommentAnnotations && !JSON.stringify(data).includes('pageToken'))
				expect(JSON.stringify(answer.body.result.data)).not.toBe('[]');
			expect({ status: answer.status, body: answer.body }).toMatchObject({
				status: 200,
				body: { result: { status: 'success' } },
			});
			expect(
				shapeProblems(
					answer.body,
					documentedResponse(endpoint, data),
					shapeOptionsFor(endpoint, data),
				),
			).toEqual([]);

			if (
				endpoint === ENDPOINTS.updateNotifications ||
				endpoint === ENDPOINTS.deleteNotifications ||
				(endpoint === C.updateCommentAnnotations && data.annotationIds !== undefined) ||
				endpoint === C.updateComments ||
				endpoint === C.deleteComments ||
				endpoint === C.addUsers ||
				endpoint === C.updateUsers ||
				endpoint === C.deleteUsers
			) {
				expect(Object.values(answer.body.result.data)).toContainEqual(
					expect.objectContaining({ success: true }),
				);
			}
			// A paged example carries a token from an earlier call; the same request without it has items.
			if (typeof data.pageToken === 'string') {
				const { pageToken: _token, ...firstPage } = data;
				const first = await call(emulator, endpoint, firstPage);
				expect(first.status).toBe(200);
				expect(first.body.result.data.length).toBeGreaterThan(0);
				expect(first.body.result.data).not.toContain(null);
				expect(
					shapeProblems(
						first.body,
						documentedResponse(endpoint, data),
						shapeOptionsFor(endpoint, data),
					),
				).toEqual([]);
			}
		},
	);
});

describe('documented success values', () => {
	test('add answers exactly the documented response', async () => {
		const [example] = VELT_DOCS_EXAMPLES.filter(
			(e) => e.endpoint === ENDPOINTS.addNotification && e.kind === 'request',
		);
		const answer = await call(
			emulator,
			ENDPOINTS.addNotification,
			(example.body as { data: unknown }).data,
		);
		expect(answer.body).toEqual(documentedResponse(ENDPOINTS.addNotification, {}));
	});

	test('get notifications echoes metadata.apiKey, as documented', async () => {
		const answer = await call(emulator, ENDPOINTS.getNotifications, {
			organizationId: 'yourOrganizationId',
			documentId: 'yourDocumentId',
		});
		expect(answer.body.result.data[0].metadata).toEqual({
			apiKey: emulator.apiKey,
			organizationId: 'yourOrganizationId',
			documentId: 'yourDocumentId',
			locationId: 'yourLocationId',
		});
	});

	test('config/get echoes metadata.apiKey in every entry', async () => {
		const answer = await call(emulator, ENDPOINTS.getNotificationConfig, {
			organizationId: 'org1',
			documentIds: ['doc1', 'doc2'],
			userId: 'USER_ID1',
			getOrganizationConfig: true,
		});
		expect(answer.body.result.data).toHaveLength(3);
		for (const entry of answer.body.result.data)
			expect(entry.metadata.apiKey).toBe(emulator.apiKey);
	});

	test('endpoint create returns the whole endpoint object, delete {endpointId, deleted: true}', async () => {
		const created = await call(emulator, ENDPOINTS.createWebhookEndpoint, {
			url: 'https://example.com/webhooks/velt',
			description: 'Primary endpoint',
			filterTypes: ['comment.add', 'comment.update'],
		});
		const endpoint = created.body.result.data;
		expect(endpoint).toEqual({
			id: expect.stringMatching(/^ep_[0-9A-Za-z]{27}$/),
			url: 'https://example.com/webhooks/velt',
			description: 'Primary endpoint',
			filterTypes: ['comment.add', 'comment.update'],
			channels: null,
			disabled: false,
			rateLimit: null,
			uid: null,
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			updatedAt: endpoint.createdAt,
		});
		const secret = await call(emulator, ENDPOINTS.getWebhookEndpointSigning, {
			endpointId: endpoint.id,
		});
		expect(secret.body.result.data).toEqual({
			endpointId: endpoint.id,
			secret: expect.stringMatching(/^whsec_/),
		});
		const deleted = await call(emulator, ENDPOINTS.deleteWebhookEndpoint, {
			endpointId: endpoint.id,
		});
		expect(deleted.body.result.data).toEqual({ endpointId: endpoint.id, deleted: true });
		expect(emulator.store.getWebhookEndpoint(endpoint.id)).toBeUndefined();
	});

	test('endpoint update is partial and echoes the post-write state', async () => {
		const answer = await call(emulator, ENDPOINTS.updateWebhookEndpoint, {
			endpointId: DOCS_ENDPOINT_ID,
			description: 'Updated endpoint description',
		});
		expect(answer.body.result.data).toMatchObject({
			id: DOCS_ENDPOINT_ID,
			url: 'https://example.com/webhooks/velt',
			description: 'Updated endpoint description',
			filterTypes: ['comment.add', 'comment.update'],
		});
	});
});

describe('documented error responses', () => {
	const documentedError = (endpoint: string, heading: RegExp): unknown =>
		VELT_DOCS_EXAMPLES.find(
			(e) => e.endpoint === endpoint && e.kind === 'error' && heading.test(e.heading),
		)?.body;

	test.each([
		ENDPOINTS.createWebhookEndpoint,
		ENDPOINTS.updateWebhookEndpoint,
		ENDPOINTS.deleteWebhookEndpoint,
		ENDPOINTS.getWebhookEndpointSigning,
		ENDPOINTS.getWebhookEndpoints,
	])('%s with advanced webhooks disabled: FAILED_PRECONDITION as documented', async (endpoint) => {
		await call(emulator, ENDPOINTS.updateAdvancedWebhookConfig, { isEnabled: false });
		const example = VELT_DOCS_EXAMPLES.find((e) => e.endpoint === endpoint && e.kind === 'request');
		const answer = await call(emulator, endpoint, (example?.body as { data: unknown }).data);
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(documentedError(endpoint, /disabled/));
	});

	test('a never-configured workspace: endpoints/get says "not configured", config/get shows the defaults', async () => {
		const fresh = await startVeltEmulator({ advancedWebhooksEnabled: false });
		try {
			const list = await call(fresh, ENDPOINTS.getWebhookEndpoints, { limit: 50 });
			expect(list.body).toEqual(
				VELT_DOCS_EXAMPLES.find(
					(e) =>
						e.endpoint === ENDPOINTS.getWebhookEndpoints &&
						e.kind === 'error' &&
						e.heading === 'Failure Response',
				)?.body,
			);
			const config = await call(fresh, ENDPOINTS.getAdvancedWebhookConfig, {});
			expect(config.body.result.data).toEqual({
				isEnabled: false,
				encryptData: false,
				encodeData: false,
				publicKey: '',
				enableDataProtection: false,
			});
			const onlyEncode = await call(fresh, ENDPOINTS.updateAdvancedWebhookConfig, {
				encodeData: true,
			});
			expect(onlyEncode.body.error.status).toBe('FAILED_PRECONDITION');
			const enable = await call(fresh, ENDPOINTS.updateAdvancedWebhookConfig, { isEnabled: true });
			expect(enable.body.result.data.isEnabled).toBe(true);
		} finally {
			await fresh.close();
		}
	});

	test('unknown endpoint id: NOT_FOUND "Advanced webhook provider request failed."', async () => {
		const answer = await call(emulator, ENDPOINTS.deleteWebhookEndpoint, {
			endpointId: 'ep_missing',
		});
		expect(answer.status).toBe(404);
		expect(answer.body).toEqual(
			documentedError(ENDPOINTS.deleteWebhookEndpoint, /^Failure Response$/),
		);
	});

	test('create with a non-http url: the documented INVALID_ARGUMENT', async () => {
		const answer = await call(emulator, ENDPOINTS.createWebhookEndpoint, {
			url: 'ftp://example.com/hook',
		});
		expect(answer.body).toEqual(
			documentedError(ENDPOINTS.createWebhookEndpoint, /^Failure Response$/),
		);
	});

	test('advancedwebhookconfig/update with nothing to update: the documented INVALID_ARGUMENT', async () => {
		const answer = await call(emulator, ENDPOINTS.updateAdvancedWebhookConfig, {});
		expect(answer.body).toEqual(documentedError(ENDPOINTS.updateAdvancedWebhookConfig, /Failure/));
	});

	test('documents/get with a missing id: HTTP 500 INTERNAL with the per-item breakdown', async () => {
		const answer = await call(emulator, ENDPOINTS.getDocuments, {
			organizationId: 'yourOrganizationId',
			documentIds: ['yourDocumentId1', 'yourDocumentId-gone'],
		});
		expect(answer.status).toBe(500);
		expect(answer.body.error).toMatchObject({
			status: 'INTERNAL',
			message: DOCUMENTED_MESSAGES.documentsRetrieveError,
		});
		expect(answer.body.error.details).toEqual([
			{
				documentName: 'yourDocumentId1 name',
				disabled: false,
				accessType: 'public',
				id: 'yourDocumentId1',
			},
			{
				id: 'yourDocumentId-gone',
				success: false,
				message: 'Document does not exist',
				code: 'not-found',
			},
		]);
	});

	test('workspace/get: the documented workspace-auth errors, UNAUTHENTICATED for a wrong token', async () => {
		const errors = VELT_DOCS_EXAMPLES.filter(
			(e) => e.endpoint === ENDPOINTS.getWorkspace && e.kind === 'error',
		);
		const byHeading = (text: string) => errors.find((e) => e.heading.includes(text))?.body;
		const good = workspaceHeaders();
		expect(
			(
				await call(
					emulator,
					ENDPOINTS.getWorkspace,
					{},
					{ [WORKSPACE_AUTH_TOKEN_HEADER]: good[WORKSPACE_AUTH_TOKEN_HEADER] },
				)
			).body,
		).toEqual(byHeading('workspace ID header is missing'));
		expect(
			(await call(emulator, ENDPOINTS.getWorkspace, {}, { [WORKSPACE_ID_HEADER]: WORKSPACE_ID }))
				.body,
		).toEqual(byHeading('auth token header is missing'));
		const wrong = await call(
			emulator,
			ENDPOINTS.getWorkspace,
			{},
			{ ...good, [WORKSPACE_AUTH_TOKEN_HEADER]: 'wrong' },
		);
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual(byHeading('auth token is invalid'));
		expect(
			(
				await call(
					emulator,
					ENDPOINTS.getWorkspace,
					{},
					{ ...good, [WORKSPACE_ID_HEADER]: 'other' },
				)
			).body,
		).toEqual(byHeading('workspace not found'));
	});
});
