/**
 * Comment annotations, comments, users and user groups against their docs pages: documented
 * validation, paging, the count, a whole thread's life, and the users/groups directory. (Every
 * documented example request of these pages is also sent by emulator.test.ts.)
 */
import { VELT_DOCS_EXAMPLES } from '../fixtures/veltDocsExamples';
import { call } from './apiClient';
import { startVeltEmulator, type VeltEmulator } from './server';
import { COLLABORATION_ENDPOINTS as C, ENDPOINTS } from './veltDocs';

const ORG = 'acme-corp';
const DOC = 'design-mockup-v2';
const JOHN = { userId: 'user_john_smith', name: 'John Smith', email: 'john.smith@acme-corp.com' };
const SARAH = { userId: 'user_sarah_chen', name: 'Sarah Chen', email: 'sarah.chen@acme-corp.com' };

const requestOf = (endpoint: string, heading: RegExp): Record<string, unknown> => {
	const example = VELT_DOCS_EXAMPLES.find(
		(e) => e.endpoint === endpoint && e.kind === 'request' && heading.test(e.heading),
	);
	if (example === undefined) throw new Error(`no example ${endpoint} ${heading.source}`);
	return structuredClone((example.body as { data: Record<string, unknown> }).data);
};

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function expectError(
	endpoint: string,
	data: unknown,
	code: string,
	mentioning: string,
): Promise<void> {
	const answer = await call(emulator, endpoint, data);
	expect(answer.body.error?.status).toBe(code);
	expect(answer.body.error.message).toContain(mentioning);
}

const annotation = (text: string, from = JOHN, extra: Record<string, unknown> = {}) => ({
	commentData: [{ commentText: text, commentHtml: `<p>${text}</p>`, from }],
	...extra,
});

async function addThread(extra: Record<string, unknown> = {}, from = JOHN): Promise<string> {
	const answer = await call(emulator, C.addCommentAnnotations, {
		organizationId: ORG,
		documentId: DOC,
		commentAnnotations: [annotation('First', from, extra)],
	});
	expect(answer.status).toBe(200);
	return (Object.values(answer.body.result.data)[0] as { annotationId: string }).annotationId;
}

describe('required fields missing → INVALID_ARGUMENT naming the field', () => {
	const add = requestOf(C.addCommentAnnotations, /by organizationId, documentId and location/);
	test.each(['organizationId', 'documentId', 'commentAnnotations'])(
		'commentannotations/add without %s',
		async (field) => {
			const { [field]: _gone, ...rest } = add;
			await expectError(C.addCommentAnnotations, rest, 'INVALID_ARGUMENT', field);
			expect(emulator.store.collaboration.countAnnotations()).toBe(0);
		},
	);

	test('commentannotations/add: commentData, from.userId, location.id, enums, colon in the id', async () => {
		const entry = (add.commentAnnotations as Array<Record<string, unknown>>)[0];
		const withEntry = (patch: Record<string, unknown>) => ({
			...add,
			commentAnnotations: [{ ...entry, ...patch }],
		});
		await expectError(
			C.addCommentAnnotations,
			withEntry({ commentData: [] }),
			'INVALID_ARGUMENT',
			'commentAnnotations[0].commentData',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({ commentData: [{ commentText: 'x' }] }),
			'INVALID_ARGUMENT',
			'commentAnnotations[0].commentData[0].from',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({ location: { locationName: 'x' } }),
			'INVALID_ARGUMENT',
			'location.id',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({ status: { id: 'OPEN', name: 'Open', type: 'closed' } }),
			'INVALID_ARGUMENT',
			'status.type',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({
				status: { id: 'OPEN', name: 'Open', type: 'default', color: '#000', lightColor: '#fff' },
			}),
			'INVALID_ARGUMENT',
			'svg or iconUrl',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({ type: 'note' }),
			'INVALID_ARGUMENT',
			'type',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({ visibility: { type: 'restricted' } }),
			'INVALID_ARGUMENT',
			'visibility.userIds',
		);
		await expectError(
			C.addCommentAnnotations,
			withEntry({ annotationId: 'a:b' }),
			'INVALID_ARGUMENT',
			'annotationId',
		);
		expect(emulator.store.collaboration.countAnnotations()).toBe(0);
	});

	test('agent blocks: documented enums, external needs agentName, unknown velt agent NOT_FOUND', async () => {
		const agentAdd = requestOf(C.addCommentAnnotations, /agent suggestion/);
		const withAgent = (agent: Record<string, unknown>) => {
			const copy = structuredClone(agentAdd) as {
				commentAnnotations: Array<{ commentData: Array<Record<string, unknown>> }>;
			};
			copy.commentAnnotations[0].commentData[0].agent = agent;
			return copy;
		};
		const reason = { title: 't', description: 'd', severity: 'low' };
		await expectError(
			C.addCommentAnnotations,
			withAgent({ agentSource: 'other', agentId: 'x', reason }),
			'INVALID_ARGUMENT',
			'agentSource',
		);
		await expectError(
			C.addCommentAnnotations,
			withAgent({ agentSource: 'external', agentId: 'bot', reason }),
			'INVALID_ARGUMENT',
			'agentName',
		);
		await expectError(
			C.addCommentAnnotations,
			withAgent({
				agentSource: 'velt',
				agentId: 'spell-check',
				reason: { ...reason, severity: 'x' },
			}),
			'INVALID_ARGUMENT',
			'severity',
		);
		await expectError(
			C.addCommentAnnotations,
			withAgent({
				agentSource: 'velt',
				agentId: 'spell-check',
				reason: { ...reason, confidence: 101 },
			}),
			'INVALID_ARGUMENT',
			'confidence',
		);
		await expectError(
			C.addCommentAnnotations,
			withAgent({ agentSource: 'velt', agentId: 'no-such-agent', reason }),
			'NOT_FOUND',
			'no-such-agent',
		);
	});

	test.each([
		[C.getCommentAnnotations, { documentId: DOC }, 'organizationId'],
		[C.getCommentAnnotationsCount, { organizationId: ORG, userId: 'u' }, 'documentIds'],
		[C.getCommentAnnotationsCount, { organizationId: ORG, documentIds: [DOC] }, 'userId'],
		[C.updateCommentAnnotations, { organizationId: ORG, updatedData: {} }, 'documentId'],
		[C.updateCommentAnnotations, { organizationId: ORG, documentId: DOC }, 'updatedData'],
		[C.deleteCommentAnnotations, { organizationId: ORG }, 'documentId'],
		[C.addComments, { organizationId: ORG, documentId: DOC, commentData: [] }, 'annotationId'],
		[C.addComments, { organizationId: ORG, documentId: DOC, annotationId: 'a' }, 'commentData'],
		[C.getComments, { organizationId: ORG, documentId: DOC }, 'annotationId'],
		[
			C.updateComments,
			{ organizationId: ORG, documentId: DOC, annotationId: 'a', updatedData: {} },
			'commentIds',
		],
		[
			C.updateComments,
			{ organizationId: ORG, documentId: DOC, annotationId: 'a', commentIds: [1] },
			'updatedData',
		],
		[C.deleteComments, { organizationId: ORG, annotationId: 'a' }, 'documentId'],
		[C.addUsers, { organizationId: ORG }, 'users'],
		[C.addUsers, { users: [JOHN] }, 'organizationId'],
		[C.addUsers, { organizationId: ORG, users: [{ name: 'x' }] }, 'users[0].userId'],
		[
			C.addUsers,
			{ organizationId: ORG, users: [{ ...JOHN, accessRole: 'owner' }] },
			'users[0].accessRole',
		],
		[
			C.addUsers,
			{ organizationId: ORG, documentId: DOC, folderId: 'f', users: [JOHN] },
			'documentId or folderId',
		],
		[C.updateUsers, { organizationId: ORG }, 'users'],
		[C.deleteUsers, { organizationId: ORG }, 'userIds'],
		[C.addUserGroups, { organizationId: ORG }, 'organizationUserGroups'],
		[C.addUserGroups, { organizationId: ORG, organizationUserGroups: [{}] }, 'groupId'],
		[C.addUsersToGroup, { organizationId: ORG, userIds: ['u'] }, 'organizationUserGroupId'],
		[C.addUsersToGroup, { organizationId: ORG, organizationUserGroupId: 'g' }, 'userIds'],
		[C.deleteUsersFromGroup, { organizationId: ORG, organizationUserGroupId: 'g' }, 'deleteAll'],
	])('%s: %j → names %s', async (endpoint, data, field) => {
		await expectError(endpoint, data, 'INVALID_ARGUMENT', field);
	});

	test('the 30-id limit, one agent filter per get, documented enums of get', async () => {
		const ids = Array.from({ length: 31 }, (_, i) => `a${i}`);
		await expectError(
			C.getCommentAnnotations,
			{ organizationId: ORG, annotationIds: ids },
			'INVALID_ARGUMENT',
			'annotationIds',
		);
		await expectError(
			C.getCommentAnnotationsCount,
			{ organizationId: ORG, documentIds: ids, userId: 'u' },
			'INVALID_ARGUMENT',
			'documentIds',
		);
		await expectError(
			C.getCommentAnnotations,
			{ organizationId: ORG, agentId: 'spell-check', agentComments: true },
			'INVALID_ARGUMENT',
			'Only one agent filter',
		);
		await expectError(
			C.getCommentAnnotations,
			{ organizationId: ORG, agentType: 'robot' },
			'INVALID_ARGUMENT',
			'agentType',
		);
		await expectError(
			C.getCommentAnnotations,
			{ organizationId: ORG, order: 'newest' },
			'INVALID_ARGUMENT',
			'order',
		);
	});

	test('delete: agentUrls that name no page → INVALID_ARGUMENT; agent filters need advanced queries', async () => {
		await expectError(
			C.deleteCommentAnnotations,
			{ organizationId: ORG, documentId: DOC, agentUrls: ['#top', ' '] },
			'INVALID_ARGUMENT',
			'agentUrls',
		);
		emulator.setFeatures({ advancedQueries: false });
		await expectError(
			C.deleteCommentAnnotations,
			{ organizationId: ORG, documentId: DOC, agentId: 'spell-check' },
			'NOT_FOUND',
			'Advanced queries are not enabled',
		);
		await expectError(
			C.getCommentAnnotations,
			{ organizationId: ORG },
			'NOT_FOUND',
			'Advanced queries',
		);
		const plainDelete = await call(emulator, C.deleteCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
		});
		expect(plainDelete.status).toBe(200);
	});
});

describe('a thread from first comment to delete', () => {
	test('add with a first comment → reply → get → resolve → count → delete', async () => {
		emulator.setClock(1_000);
		const added = await call(emulator, C.addCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			commentAnnotations: [
				{
					location: { id: 'hero', locationName: 'Hero' },
					priority: { id: 'P0', name: 'P0', color: '#f00', lightColor: '#fee' },
					assignedTo: SARAH,
					context: { access: { entityId: 'chart-1' } },
					commentData: [
						{
							commentText: 'Hey {{user_sarah_chen}}, please review.',
							from: JOHN,
							taggedUserContacts: [{ userId: SARAH.userId, contact: SARAH }],
						},
					],
				},
			],
		});
		expect(added.status).toBe(200);
		const [[key, entry]] = Object.entries(added.body.result.data) as Array<
			[string, { success: boolean; annotationId: string; commentIds: number[]; message: string }]
		>;
		expect(entry).toEqual({
			success: true,
			annotationId: key,
			commentIds: [expect.any(Number)],
			message: 'Added Successfully',
		});
		expect(key).toMatch(/^-[-0-9A-Za-z_]{19}$/);
		const annotationId = entry.annotationId;
		const scope = { organizationId: ORG, documentId: DOC, annotationId };

		// Sarah has not read John's comment.
		const before = await call(emulator, C.getCommentAnnotationsCount, {
			organizationId: ORG,
			documentIds: [DOC],
			userId: SARAH.userId,
		});
		expect(before.body.result.data).toEqual({ [DOC]: { total: 1, unread: 1 } });

		emulator.setClock(2_000);
		const reply = await call(emulator, C.addComments, {
			...scope,
			commentData: [
				{
					commentText: 'Looks good',
					from: SARAH,
					taggedUserContacts: [{ text: '@John Smith', userId: JOHN.userId, contact: JOHN }],
				},
			],
		});
		expect(reply.body.result).toEqual({
			status: 'success',
			message: 'Comment(s) added successfully.',
			data: [expect.any(Number)],
		});
		const replyId = reply.body.result.data[0] as number;

		const got = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
		});
		const thread = got.body.result.data[0];
		expect(thread).toMatchObject({
			annotationId,
			annotationNumber: 1,
			type: 'comment',
			createdAt: 1_000,
			lastUpdated: 2_000,
			locationId: expect.any(Number),
			location: { id: 'hero', locationName: 'Hero' },
			context: { access: { entityId: 'chart-1' }, accessFields: ['entityId:chart-1'] },
			visibilityConfig: { type: 'public' },
			metadata: { apiKey: emulator.apiKey, organizationId: ORG, documentId: DOC },
			from: JOHN,
			status: { id: 'OPEN', type: 'default' },
			priority: { id: 'P0' },
			assignedTo: SARAH,
			sourceType: 'rest-api',
		});
		expect(thread.comments).toHaveLength(2);
		expect(thread.comments[0]).toMatchObject({
			commentText: 'Hey {{user_sarah_chen}}, please review.',
			status: 'added',
			createdAt: 1_000,
			lastUpdated: new Date(1_000).toISOString(),
			to: [SARAH],
			taggedUserContacts: [{ userId: SARAH.userId, contact: SARAH }],
			from: JOHN,
		});
		expect(thread.comments[1]).toMatchObject({ commentId: replyId, from: SARAH });

		const mentioned = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			mentionedUserIds: [SARAH.userId],
		});
		expect(mentioned.body.result.data).toHaveLength(1);

		emulator.setClock(3_000);
		const resolved = await call(emulator, C.updateCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			annotationIds: [annotationId],
			updatedData: {
				status: { id: 'RESOLVED', name: 'Resolved', type: 'terminal' },
				resolvedByUserId: SARAH.userId,
				statusUpdatedByUserId: SARAH.userId,
			},
		});
		expect(resolved.body.result).toEqual({
			status: 'success',
			message: 'Annotations updated successfully.',
			data: {
				[annotationId]: {
					success: true,
					id: annotationId,
					message: 'Annotations updated successfully',
				},
			},
		});
		const byResolver = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			resolvedBy: SARAH.userId,
		});
		expect(byResolver.body.result.data[0]).toMatchObject({
			status: { id: 'RESOLVED', type: 'terminal' },
			resolvedByUserId: SARAH.userId,
			resolvedByUser: { userId: SARAH.userId },
			statusUpdatedByUserId: SARAH.userId,
			lastUpdated: 3_000,
		});

		// John has not read Sarah's reply; Sarah's reply read the thread for her.
		const counts = async (userId: string, statusIds?: string[]) =>
			(
				await call(emulator, C.getCommentAnnotationsCount, {
					organizationId: ORG,
					documentIds: [DOC, 'other-doc'],
					userId,
					statusIds,
				})
			).body.result.data;
		expect(await counts(JOHN.userId)).toEqual({
			[DOC]: { total: 1, unread: 1 },
			'other-doc': { total: 0, unread: 0 },
		});
		expect(await counts(SARAH.userId)).toMatchObject({ [DOC]: { total: 1, unread: 0 } });
		expect(await counts(JOHN.userId, ['OPEN'])).toMatchObject({ [DOC]: { total: 0, unread: 0 } });
		expect(await counts(JOHN.userId, ['RESOLVED'])).toMatchObject({ [DOC]: { total: 1 } });

		// Reopening clears the resolver, not who changed the status.
		await call(emulator, C.updateCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			annotationIds: [annotationId],
			updatedData: {
				status: { id: 'OPEN', name: 'Open', type: 'default' },
				statusUpdatedByUserId: JOHN.userId,
			},
		});
		const reopened = (
			await call(emulator, C.getCommentAnnotations, { organizationId: ORG, documentId: DOC })
		).body.result.data[0];
		expect(reopened.resolvedByUserId).toBeUndefined();
		expect(reopened.resolvedByUser).toBeUndefined();
		expect(reopened.statusUpdatedByUserId).toBe(JOHN.userId);

		const deleted = await call(emulator, C.deleteCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			annotationIds: [annotationId, 'gone'],
		});
		expect(deleted.body.result).toEqual({
			status: 'success',
			message: 'Annotations deleted successfully.',
			data: {
				[annotationId]: { success: true, id: annotationId, message: 'Deleted Successfully' },
				gone: { success: false, id: 'gone', message: 'Annotation not found.' },
			},
		});
		expect(emulator.store.collaboration.countAnnotations()).toBe(0);
	});

	test('comments get / update / delete, by id and all', async () => {
		const annotationId = await addThread();
		const scope = { organizationId: ORG, documentId: DOC, annotationId };
		const reply = await call(emulator, C.addComments, {
			...scope,
			commentData: [{ commentId: 42, commentText: 'Second', from: SARAH }],
		});
		expect(reply.body.result.data).toEqual([42]);

		const some = await call(emulator, C.getComments, { ...scope, commentIds: [42, 7] });
		expect(some.body.result.data).toEqual([
			expect.objectContaining({ commentId: 42, commentText: 'Second' }),
			null,
		]);
		const bySarah = await call(emulator, C.getComments, { ...scope, userIds: [SARAH.userId] });
		expect(bySarah.body.result.data.map((c: { commentId: number }) => c.commentId)).toEqual([42]);

		const updated = await call(emulator, C.updateComments, {
			...scope,
			commentIds: [42, 7],
			updatedData: { commentText: 'Second, edited', commentHtml: '<p>edited</p>' },
		});
		expect(updated.body.result).toEqual({
			status: 'success',
			message: 'Comment updated successfully.',
			data: {
				'42': { success: true, id: 42, message: 'Updated successfully' },
				'7': { success: false, id: 7, message: 'Not found' },
			},
		});
		const after = await call(emulator, C.getComments, { ...scope, commentIds: [42] });
		expect(after.body.result.data[0]).toMatchObject({
			commentText: 'Second, edited',
			commentHtml: '<p>edited</p>',
			status: 'updated',
		});

		const deletedOne = await call(emulator, C.deleteComments, { ...scope, commentIds: [42, 7] });
		expect(deletedOne.body.result.data).toEqual({
			'42': { success: true, id: 42, message: 'Deleted successfully' },
			'7': { success: false, id: 7, message: 'Not found' },
		});
		const deletedAll = await call(emulator, C.deleteComments, scope);
		expect(Object.values(deletedAll.body.result.data)).toEqual([
			expect.objectContaining({ success: true }),
		]);
		expect((await call(emulator, C.getComments, scope)).body.result.data).toEqual([]);

		await expectError(
			C.addComments,
			{ ...scope, annotationId: 'missing', commentData: [{ commentText: 'x', from: JOHN }] },
			'NOT_FOUND',
			'missing',
		);
		await expectError(
			C.addComments,
			{
				...scope,
				commentData: [
					{
						commentText: 'x',
						from: JOHN,
						taggedUserContacts: [{ userId: 'u', contact: { userId: 'u' } }],
					},
				],
			},
			'INVALID_ARGUMENT',
			'taggedUserContacts[0].text',
		);
	});

	test('agent findings: stamped suggestion, annotation-level agent block, findingId echoed, agent filters', async () => {
		const add = requestOf(C.addCommentAnnotations, /agent suggestion/);
		const finding = add.commentAnnotations as Array<{
			commentData: Array<{ agent: { reason: Record<string, unknown> } }>;
		}>;
		finding[0].commentData[0].agent.reason.findingId = 'finding-7';
		const answer = await call(emulator, C.addCommentAnnotations, add);
		const entry = Object.values(answer.body.result.data)[0] as Record<string, unknown>;
		expect(entry.findingId).toBe('finding-7');

		const suggestion = await call(emulator, C.addCommentAnnotations, {
			...requestOf(C.addCommentAnnotations, /proposed-change payload/),
		});
		expect(suggestion.status).toBe(200);
		const got = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			agentId: 'spell-check',
		});
		expect(got.body.result.data).toHaveLength(1);
		expect(got.body.result.data[0]).toMatchObject({
			type: 'suggestion',
			sourceType: 'agent',
			suggestion: { status: 'pending' },
			agent: { agentId: 'spell-check', agentSource: 'velt', agentType: 'built-in' },
			comments: [{ sourceType: 'agent', agent: { agentId: 'spell-check' } }],
		});
		const all = await call(emulator, C.getCommentAnnotations, { organizationId: ORG });
		const proposed = all.body.result.data.find(
			(a: { agent?: unknown; type: string }) => a.agent === undefined && a.type === 'suggestion',
		);
		expect(proposed.suggestion).toEqual({
			targetId: 'row.123',
			targetType: 'custom',
			oldValue: { x: 205 },
			newValue: { x: 305 },
			summary: 'row.123: 205 → 305',
			driftDetected: false,
			myCustomField: 'kept as-is',
			status: 'pending',
		});
		const pending = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			agentSuggestions: true,
		});
		expect(pending.body.result.data).toHaveLength(1);

		const deleted = await call(emulator, C.deleteCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			agentId: 'spell-check',
			agentSuggestions: true,
		});
		expect(Object.keys(deleted.body.result.data)).toHaveLength(1);
		expect(emulator.store.collaboration.countAnnotations()).toBe(1);
	});

	test('restricted visibility: accessFields and the count only for its users', async () => {
		await addThread({ visibility: { type: 'restricted', userIds: [JOHN.userId] } });
		const got = await call(emulator, C.getCommentAnnotations, { organizationId: ORG });
		expect(got.body.result.data[0].visibilityConfig).toEqual({
			type: 'restricted',
			userIds: [JOHN.userId],
		});
		expect(got.body.result.data[0].context.accessFields).toEqual([
			'default:velt',
			`__velt_private_self:${JOHN.userId}`,
		]);
		const count = await call(emulator, C.getCommentAnnotationsCount, {
			organizationId: ORG,
			documentIds: [DOC],
			userId: SARAH.userId,
		});
		expect(count.body.result.data[DOC]).toEqual({ total: 0, unread: 0 });
	});

	test('verifyUserPermissions: PERMISSION_DENIED with the per-annotation map in details', async () => {
		emulator.store.upsertUser(ORG, JOHN);
		const answer = await call(emulator, C.addCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			verifyUserPermissions: true,
			commentAnnotations: [annotation('ok'), annotation('denied', SARAH)],
		});
		expect(answer.status).toBe(403);
		expect(answer.body.error.status).toBe('PERMISSION_DENIED');
		const details = answer.body.error.details as Record<string, Record<string, unknown>>;
		const created = Object.values(details).find((d) => d.success === true);
		expect(created).toMatchObject({ message: 'Added Successfully' });
		expect(details['__velt_denied:1']).toEqual({ success: false, message: expect.any(String) });
		// Entries marked success were created (documented partial write).
		expect(emulator.store.collaboration.countAnnotations()).toBe(1);
	});

	test('update: updateUsers replaces the user everywhere; filters by location and author', async () => {
		const a = await addThread({ location: { id: 'loc-a' } });
		const b = await addThread({ location: { id: 'loc-b' } }, SARAH);
		const moved = await call(emulator, C.updateCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			locationIds: ['loc-a'],
			updatedData: { priority: { id: 'P1', name: 'P1' } },
		});
		expect(Object.keys(moved.body.result.data)).toEqual([a]);
		const byAuthor = await call(emulator, C.updateCommentAnnotations, {
			organizationId: ORG,
			documentId: DOC,
			userIds: [SARAH.userId],
			updateUsers: [
				{ oldUser: { userId: SARAH.userId }, newUser: { userId: 'sarah-2', name: 'S' } },
			],
		});
		expect(Object.keys(byAuthor.body.result.data)).toEqual([b]);
		const got = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			annotationIds: [b, 'nope', a],
		});
		expect(got.body.result.data[0]).toMatchObject({
			from: { userId: 'sarah-2' },
			comments: [{ from: { userId: 'sarah-2' } }],
		});
		expect(got.body.result.data[1]).toBeNull();
		expect(got.body.result.data[2]).toMatchObject({ annotationId: a, priority: { id: 'P1' } });
	});
});

describe('paging of commentannotations/get', () => {
	test('pageSize pages by lastUpdated (desc by default, asc on request), nextPageToken until the last page', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 7; i++) {
			emulator.setClock(10_000 + i);
			ids.push(await addThread());
		}
		for (const order of ['desc', 'asc'] as const) {
			const seen: string[] = [];
			let pageToken: string | undefined;
			let pages = 0;
			do {
				const answer = await call(emulator, C.getCommentAnnotations, {
					organizationId: ORG,
					documentId: DOC,
					pageSize: 3,
					order,
					pageToken,
				});
				seen.push(...answer.body.result.data.map((a: { annotationId: string }) => a.annotationId));
				pageToken = answer.body.result.nextPageToken;
				pages++;
			} while (pageToken !== undefined);
			expect(pages).toBe(3);
			expect(seen).toEqual(order === 'asc' ? ids : [...ids].reverse());
		}
		const grouped = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			documentIds: [DOC],
			groupByDocumentId: true,
			pageSize: 5,
		});
		expect(grouped.body.result.message).toBe('Annotations fetched successfully.');
		expect(grouped.body.result.data[DOC]).toHaveLength(5);
		expect(typeof grouped.body.result.nextPageToken).toBe('string');
		const foreign = await call(emulator, C.getCommentAnnotations, {
			organizationId: ORG,
			pageToken: '1720441573192',
		});
		expect(foreign.body.result.data).toEqual([]);
	});

	test('time and status filters', async () => {
		emulator.setClock(5_000);
		await addThread();
		emulator.setClock(6_000);
		const later = await addThread({
			status: {
				id: 'IN_PROGRESS',
				name: 'In Progress',
				type: 'ongoing',
				color: '#f80',
				lightColor: '#fed',
				iconUrl: 'https://example.com/i.svg',
			},
		});
		const q = async (extra: Record<string, unknown>) =>
			(
				await call(emulator, C.getCommentAnnotations, { organizationId: ORG, ...extra })
			).body.result.data.map((a: { annotationId: string }) => a.annotationId);
		expect(await q({ createdAfter: 5_500 })).toEqual([later]);
		expect(await q({ updatedBefore: 5_000 })).toHaveLength(1);
		expect(await q({ statusIds: ['IN_PROGRESS'] })).toEqual([later]);
		expect(await q({ statusId: 'IN_PROGRESS' })).toEqual([later]);
	});
});

describe('users and user groups', () => {
	test('add at organization, document and folder level; users/get sees each at its level', async () => {
		emulator.store.upsertDocument('org', { documentId: 'doc-f', folderId: 'folder-1' });
		const add = (extra: Record<string, unknown>, user: Record<string, unknown>) =>
			call(emulator, C.addUsers, { organizationId: 'org', users: [user], ...extra });
		const orgAdd = await add({}, { userId: 'u-org', name: 'ada lovelace', accessRole: 'editor' });
		expect(orgAdd.body.result).toEqual({
			status: 'success',
			message: 'User(s) processed successfully.',
			data: {
				'u-org': {
					success: true,
					id: expect.stringMatching(/^[0-9a-f]{32}$/),
					message: 'User added.',
				},
			},
		});
		await add({ documentId: 'doc-d' }, { userId: 'u-doc', accessRole: 'viewer' });
		await add({ folderId: 'folder-1' }, { userId: 'u-folder' });

		const users = async (extra: Record<string, unknown>) =>
			(
				await call(emulator, ENDPOINTS.getUsers, { organizationId: 'org', ...extra })
			).body.result.data.map((u: { userId: string }) => u.userId);
		expect(await users({})).toEqual(['u-org']);
		// Organization users see every document (choices.ts ORGANIZATION_USERS_SEE_ALL_DOCUMENTS).
		expect(await users({ documentId: 'doc-d' })).toEqual(['u-org', 'u-doc']);
		expect(await users({ documentId: 'doc-f' })).toEqual(['u-org', 'u-folder']);
		expect(await users({ folderId: 'folder-1' })).toEqual(['u-org', 'u-folder']);
		expect(emulator.store.getUser('org', 'u-org')?.initial).toBe('A');

		const updated = await call(emulator, C.updateUsers, {
			organizationId: 'org',
			documentId: 'doc-d',
			users: [{ userId: 'u-doc', name: 'Doc User' }, { userId: 'u-org' }],
		});
		expect(updated.body.result.data).toEqual({
			'u-doc': { success: true, id: expect.any(String), message: 'User updated.' },
			'u-org': { success: false, id: expect.any(String), message: 'User does not exist.' },
		});
		const deleted = await call(emulator, C.deleteUsers, {
			organizationId: 'org',
			userIds: ['u-org', 'nobody'],
		});
		expect(deleted.body.result).toEqual({
			status: 'success',
			message: 'User(s) deleted successfully.',
			data: {
				'u-org': { success: true, message: 'User removed.' },
				nobody: { success: false, message: 'User does not exist.' },
			},
		});
		expect(await users({})).toEqual([]);
	});

	test('groups: add, add users, users/get by group, delete some and all', async () => {
		emulator.store.upsertUser('org', { userId: 'u1' });
		emulator.store.upsertUser('org', { userId: 'u2' });
		const added = await call(emulator, C.addUserGroups, {
			organizationId: 'org',
			organizationUserGroups: [{ groupId: 'engineering', groupName: 'Engineering' }],
		});
		expect(added.body.result).toEqual({
			status: 'success',
			message: 'Organization User Groups added successfully.',
			data: {
				engineering: {
					success: true,
					id: expect.stringMatching(/^[0-9a-f]{32}$/),
					message: 'Organization user group added.',
				},
			},
		});
		const scope = { organizationId: 'org', organizationUserGroupId: 'engineering' };
		const joined = await call(emulator, C.addUsersToGroup, { ...scope, userIds: ['u1', 'u2'] });
		expect(joined.body.result.data.u1).toEqual({
			success: true,
			organizationUserGroupId: 'engineering',
			message: 'User added to organization user group.',
		});
		const inGroup = async () =>
			(
				await call(emulator, ENDPOINTS.getUsers, {
					organizationId: 'org',
					organizationUserGroupIds: ['engineering'],
				})
			).body.result.data.map((u: { userId: string }) => u.userId);
		expect(await inGroup()).toEqual(['u1', 'u2']);

		const left = await call(emulator, C.deleteUsersFromGroup, { ...scope, userIds: ['u1', 'u9'] });
		expect(left.body.result).toEqual({
			status: 'success',
			message: 'Deleted users from group successfully.',
			data: {
				u1: {
					success: true,
					organizationUserGroupId: 'engineering',
					message: 'User deleted from organization user group.',
				},
				u9: { success: false, organizationUserGroupId: 'engineering', message: expect.any(String) },
			},
		});
		expect(await inGroup()).toEqual(['u2']);
		const all = await call(emulator, C.deleteUsersFromGroup, { ...scope, deleteAll: true });
		expect(Object.keys(all.body.result.data)).toEqual(['u2']);
		expect(await inGroup()).toEqual([]);

		await expectError(
			C.addUsersToGroup,
			{ organizationId: 'org', organizationUserGroupId: 'nope', userIds: ['u1'] },
			'NOT_FOUND',
			'nope',
		);
	});
});

test('the control endpoint lists stored threads', async () => {
	await addThread();
	const response = await fetch(
		`${emulator.url}/__emulator/comment-annotations?organizationId=${ORG}`,
	);
	const body = (await response.json()) as { annotations: unknown[]; userGroups: unknown[] };
	expect(body.annotations).toHaveLength(1);
	expect(body.annotations[0]).toMatchObject({
		organizationId: ORG,
		documentId: DOC,
		readBy: { [JOHN.userId]: expect.any(Number) },
	});
});
