/**
 * Every documented example of the nine comment endpoints of the Velt node
 * (test/fixtures/veltDocsExamples.ts, from https://docs.velt.dev), both ways, through n8n-core:
 * each example request is reproduced from node parameters (the `data` Velt receives equals the
 * documented one), and each example response and error is served verbatim to the node.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { docsExamples, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { byId, COLLABORATION_ENDPOINTS as E, runVeltNode } from './support';

const velt = cannedVeltForFile();
const dataOf = (example: VeltDocsExample) => (example.body as { data: IDataObject }).data;
const json = (value: unknown) => JSON.stringify(value);

const scope = (organizationId = 'yourOrganizationId', documentId = 'yourDocumentId') => ({
	organizationId: byId(organizationId),
	documentId: byId(documentId),
});
const thread = (operation: string) => ({ resource: 'commentThread', operation });
const comment = (operation: string) => ({ resource: 'comment', operation });
const john = { userId: byId('user_john_smith'), additionalFields: {} };
const johnDetails = { authorName: 'John Smith', authorEmail: 'john.smith@acme-corp.com' };

/** Node parameters per documented request, in the order of docsExamples(endpoint, 'request'). */
const REQUESTS: Record<string, Array<[heading: string, parameters: INodeParameters]>> = {
	[E.addCommentAnnotations]: [
		[
			'Add comment annotation by organizationId, documentId and location',
			{
				...thread('create'),
				...scope(),
				userId: byId('yourUserId'),
				commentText: 'Sample Comment',
				commentHtml: '<div>Sample Comment</div>',
				additionalFields: {
					authorName: 'yourUserName',
					authorEmail: 'yourUserEmail',
					location: json({ id: 'yourLocationId', locationName: 'yourLocationName' }),
					targetElement: json({
						elementId: 'yourElementId',
						targetText: 'Your Target Text',
						occurrence: 1,
						selectAllContent: false,
					}),
				},
			},
		],
		[
			'Add comment annotation with user tagging',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				...john,
				commentText:
					'Hey {{user_sarah_chen}}, can you review this color scheme? I think we should use a darker shade for better contrast.',
				commentHtml:
					'<p>Hey {{user_sarah_chen}}, can you review this color scheme? I think we should use a darker shade for better contrast.</p>',
				additionalFields: {
					...johnDetails,
					triggerNotification: true,
					mentions: {
						users: [
							{ userId: 'user_sarah_chen', name: 'Sarah Chen', email: 'sarah.chen@acme-corp.com' },
						],
					},
				},
			},
		],
		[
			'Add comment annotation with permission verification',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				...john,
				commentText: 'Please review this section',
				additionalFields: { ...johnDetails, verifyUserPermissions: true },
			},
		],
		[
			'Add comment annotation with activity tracking',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				userId: byId('user-1'),
				commentText: 'This needs review',
				additionalFields: {
					authorName: 'User Name',
					authorEmail: 'user@example.com',
					triggerNotification: true,
					triggerActivities: true,
				},
			},
		],
		[
			'Add comment annotation with access context',
			{
				...thread('create'),
				...scope('acme-corp', 'analytics-dashboard'),
				...john,
				commentText: 'Traffic numbers look unusual today',
				additionalFields: {
					...johnDetails,
					context: json({ access: { entityId: 'numberOfVisitors', dashboardId: 'myDashboard' } }),
				},
			},
		],
		[
			'Add an agent suggestion (finding)',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				userId: byId('spell-check'),
				commentText: "Heading has a spelling mistake: 'Welcom' should be 'Welcome'.",
				additionalFields: {
					authorName: 'Spell Check Agent',
					type: 'suggestion',
					agent: json({
						agentSource: 'velt',
						agentId: 'spell-check',
						executionId: 'exec_123',
						url: 'https://example.com/design-mockup-v2',
						reason: {
							title: 'Spelling error',
							description: "The word 'Welcom' is misspelled.",
							severity: 'low',
							findingType: 'text',
							confidence: 98,
							suggestedFix: 'Welcome',
							source: 'instructions',
						},
					}),
				},
			},
		],
		[
			'Add an agent suggestion (finding)',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				userId: byId('a11y-bot'),
				commentText: 'This button has insufficient color contrast.',
				additionalFields: {
					type: 'suggestion',
					agent: json({
						agentSource: 'external',
						agentName: 'Accessibility Bot',
						agentId: 'a11y-bot',
						reason: {
							title: 'Low color contrast',
							description: 'Contrast ratio is 2.1:1, below the 4.5:1 WCAG AA threshold.',
							severity: 'high',
							findingType: 'pin',
						},
					}),
				},
			},
		],
		[
			'Add a suggestion with a proposed-change payload',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				userId: byId('user_sarah_chen'),
				commentText: 'Bump x from 205 to 305 to match the spec.',
				additionalFields: {
					authorName: 'Sarah Chen',
					type: 'suggestion',
					suggestion: json({
						targetId: 'row.123',
						targetType: 'custom',
						oldValue: { x: 205 },
						newValue: { x: 305 },
						summary: 'row.123: 205 → 305',
						driftDetected: false,
						myCustomField: 'kept as-is',
					}),
				},
			},
		],
		[
			'Add a private (restricted) comment annotation',
			{
				...thread('create'),
				...scope('acme-corp', 'design-mockup-v2'),
				...john,
				commentText: "Internal note: don't ship this section yet.",
				additionalFields: {
					...johnDetails,
					visibility: 'restricted',
					visibilityUserIds: 'user_sarah_chen, user_john_smith',
				},
			},
		],
	],
	[E.deleteCommentAnnotations]: (() => {
		const remove = (
			heading: string,
			organization: boolean,
			extra: IDataObject,
		): [string, INodeParameters] => [
			heading,
			{
				...thread('delete'),
				...scope(),
				...(organization ? {} : { organizationId: byId('') }),
				...extra,
			},
		];
		const ids = { annotationIds: 'yourAnnotationId1, yourAnnotationId2' };
		const all = { deleteAllMatching: true };
		const loc = { locationIds: 'locationx' };
		const usr = { userIds: 'yourUserId' };
		const rows: Array<[string, INodeParameters]> = [];
		for (const organization of [true, false]) {
			const docs = docsExamples(E.deleteCommentAnnotations, 'request').map((e) => e.heading);
			const headings = organization ? docs.slice(0, 6) : docs.slice(6, 12);
			const variants: IDataObject[] = organization
				? [
						all,
						{ ...all, filters: loc },
						{ ...all, filters: { ...loc, ...usr } },
						{ ...all, filters: usr },
						ids,
						{ ...ids, filters: loc },
					]
				: [
						all,
						{ ...all, filters: loc },
						{ ...all, filters: usr },
						ids,
						{ ...all, filters: { ...loc, ...usr } },
						{ ...ids, filters: loc },
					];
			headings.forEach((heading, index) =>
				rows.push(remove(heading, organization, variants[index])),
			);
		}
		rows.push(
			remove(docsExamples(E.deleteCommentAnnotations, 'request')[12].heading, true, {
				...all,
				filters: {
					agentId: 'spell-check',
					agentSuggestions: true,
					agentUrls: 'https://example.com/pricing',
				},
			}),
		);
		return rows;
	})(),
	[E.getCommentAnnotationsCount]: [
		[
			'Example Request',
			{
				...thread('count'),
				organizationId: byId('ORG_ID'),
				documentIds: 'DOC_1, DOC_2',
				userId: byId('1.1'),
				additionalFields: { statusIds: 'OPEN, IN_PROGRESS' },
			},
		],
	],
	[E.getCommentAnnotations]: (() => {
		const paged = (filters: IDataObject): INodeParameters => ({
			...thread('getAll'),
			...scope(),
			returnAll: false,
			limit: 10,
			filters: { startCursor: '1720441573192', statusIds: 'OPEN', ...filters },
		});
		const headings = docsExamples(E.getCommentAnnotations, 'request').map((e) => e.heading);
		const params: INodeParameters[] = [
			paged({}),
			{
				...thread('getAll'),
				organizationId: byId('yourOrganizationId'),
				returnAll: true,
				filters: { documentIds: 'yourDocumentId1, yourDocumentId2', groupByDocumentId: true },
			},
			paged({ locationIds: 'locationx' }),
			paged({ locationIds: 'locationx', userIds: 'yourUserId' }),
			paged({ userIds: 'yourUserId' }),
			paged({ annotationIds: 'yourAnnotationId1, yourAnnotationId2' }),
			paged({ locationIds: 'locationx', annotationIds: 'yourAnnotationId1, yourAnnotationId2' }),
			{
				...thread('getAll'),
				organizationId: byId('myorg1'),
				returnAll: true,
				filters: { statusIds: 'OPEN', updatedAfter: 1720441573192, updatedBefore: 1720441573192 },
			},
			{
				...thread('getAll'),
				organizationId: byId('myorg1'),
				returnAll: true,
				filters: { folderId: 'folderId1' },
			},
			{ ...thread('getAll'), ...scope(), returnAll: true, filters: { agentId: 'spell-check' } },
		];
		return headings.map((heading, index) => [heading, params[index]]);
	})(),
	[E.updateCommentAnnotations]: (() => {
		const inProgress = {
			status: 'custom',
			customStatus: json({ id: 'inprogress', name: 'In Progress', type: 'ongoing' }),
		};
		const base = {
			...thread('update'),
			...scope(),
			annotationIds: 'yourAnnotationId1, yourAnnotationId2',
		};
		const headings = docsExamples(E.updateCommentAnnotations, 'request').map((e) => e.heading);
		const params: INodeParameters[] = [
			{ ...base, updateFields: inProgress },
			{ ...base, updateFields: inProgress, filters: { locationIds: 'locationx' } },
			{
				...base,
				updateFields: inProgress,
				filters: { locationIds: 'locationx', userIds: 'yourUserId' },
			},
			{ ...base, updateFields: inProgress, filters: { userIds: 'yourUserId' } },
			{ ...base, updateFields: inProgress },
			{ ...base, updateFields: inProgress, filters: { locationIds: 'locationx' } },
			{
				...base,
				updateFields: {
					updateUsers: json([
						{
							oldUser: { userId: 'oldUserId' },
							newUser: { userId: 'newUserId', name: 'newUserName', email: 'newUserEmail' },
						},
					]),
				},
			},
			{
				...base,
				annotationIds: 'yourAnnotationId1',
				updateFields: {
					context: json({
						access: { entityId: 'numberOfAccounts', dashboardId: 'salesDashboard' },
					}),
				},
			},
			{
				...base,
				annotationIds: 'yourAnnotationId1',
				updateFields: {
					status: 'RESOLVED',
					resolvedByUserId: 'yourUserId',
					statusUpdatedByUserId: 'yourUserId',
				},
			},
			{
				...base,
				annotationIds: 'yourAnnotationId1',
				updateFields: { status: 'OPEN', statusUpdatedByUserId: 'yourUserId' },
			},
		];
		return headings.map((heading, index) => [heading, params[index]]);
	})(),
	[E.addComments]: (() => {
		const base = {
			...comment('add'),
			...scope(),
			annotationId: 'yourAnnotationId',
			userId: byId('yourUserId'),
		};
		const headings = docsExamples(E.addComments, 'request').map((e) => e.heading);
		const params: INodeParameters[] = [
			{ ...base, commentText: 'Sample Comment', commentHtml: '<div>Hello</div>' },
			{
				...base,
				commentText: 'Sample Comment',
				commentHtml: '<div>Hello</div>',
				additionalFields: { verifyUserPermissions: true },
			},
			{
				...base,
				commentText: 'Please review this screenshot',
				commentHtml: '<div>Please review this screenshot</div>',
				additionalFields: {
					createOrganization: true,
					createDocument: true,
					commentId: 123,
					commentContext: '{}',
					attachments: json(
						(dataOf(docsExamples(E.addComments, 'request')[2]).commentData as IDataObject[])[0]
							.attachments,
					),
				},
			},
			{
				...base,
				userId: byId('spell-check'),
				commentText: 'I fixed the spelling. Please re-review.',
				additionalFields: {
					authorName: 'Spell Check Agent',
					agent: json({
						agentSource: 'velt',
						agentId: 'spell-check',
						executionId: 'exec_124',
						reason: {
							title: 'Spelling corrected',
							description: "Updated 'Welcom' to 'Welcome'.",
							severity: 'info',
							findingType: 'text',
						},
					}),
				},
			},
		];
		return headings.map((heading, index) => [heading, params[index]]);
	})(),
	[E.deleteComments]: [
		[
			'1. Delete all comments of a CommentAnnotation by organizationId, documentId, and annotationId',
			{
				...comment('delete'),
				...scope(),
				annotationId: 'yourAnnotationId',
				deleteAllComments: true,
			},
		],
		[
			'2. Delete specific comments of a CommentAnnotation by organizationId, documentId, annotationId and commentIds',
			{
				...comment('delete'),
				...scope(),
				annotationId: 'yourAnnotationId',
				commentIds: '153783, 607395',
			},
		],
	],
	[E.getComments]: [
		[
			'1. Get all comments with a CommentAnnotation by organizationId, documentId, and annotationId',
			{ ...comment('getAll'), ...scope(), annotationId: 'yourAnnotationId' },
		],
		[
			'2. Get specific comments of a CommentAnnotation by organizationId, documentId, annotationId and commentIds',
			{
				...comment('getAll'),
				...scope(),
				annotationId: 'yourAnnotationId',
				filters: { commentIds: '153783, 607395' },
			},
		],
	],
	[E.updateComments]: [
		[
			'1. Update comment in a CommentAnnotation by organizationId, documentId, annotationId and commentId',
			{
				...comment('update'),
				...scope(),
				annotationId: 'yourAnnotationId',
				commentIds: '153783, 607395',
				updateFields: {
					commentText: 'Sample Updated Comment',
					commentHtml: '<div>Hello Updated</div>',
				},
			},
		],
		[
			'2. Update comment with attachments',
			{
				...comment('update'),
				...scope(),
				annotationId: 'yourAnnotationId',
				commentIds: [123456],
				updateFields: {
					commentText: 'Updated comment text with new attachments',
					commentHtml: '<p>Updated comment text with <em>new attachments</em></p>',
					attachments: json(
						(dataOf(docsExamples(E.updateComments, 'request')[1]).updatedData as IDataObject)
							.attachments,
					),
				},
			},
		],
	],
};

/**
 * What the docs' example shows that the node sends differently, on purpose. Get's examples send
 * `statusId` (a string), which the page's field list does not have; the node sends the
 * documented `statusIds` array (the emulator reads both, test/emulator/choices.ts STATUS_ID_ALIAS).
 */
function expectedData(endpoint: string, documented: IDataObject): IDataObject {
	if (endpoint !== E.getCommentAnnotations || documented.statusId === undefined) return documented;
	const { statusId, ...rest } = documented;
	return { ...rest, statusIds: [statusId] };
}

/** A minimal success answer per endpoint, for the request examples. */
const SUCCESS: Record<string, unknown> = {
	[E.addCommentAnnotations]: {
		a1: { success: true, annotationId: 'a1', commentIds: [1], message: 'Added Successfully' },
	},
	[E.getCommentAnnotations]: [],
	[E.getCommentAnnotationsCount]: {},
	[E.updateCommentAnnotations]: { a1: { success: true, id: 'a1', message: 'ok' } },
	[E.deleteCommentAnnotations]: {
		a1: { success: true, id: 'a1', message: 'Deleted Successfully' },
	},
	[E.addComments]: [1],
	[E.getComments]: [],
	[E.updateComments]: { 1: { success: true, id: 1, message: 'ok' } },
	[E.deleteComments]: { 1: { success: true, id: 1, message: 'ok' } },
};

/** The success answer to a documented request: one entry per id it names (a per-id answer must cover them all). */
function successFor(endpoint: string, documented: IDataObject): unknown {
	const ids = (documented.annotationIds ?? documented.commentIds) as
		| Array<string | number>
		| undefined;
	if (
		ids === undefined ||
		typeof SUCCESS[endpoint] !== 'object' ||
		Array.isArray(SUCCESS[endpoint])
	)
		return SUCCESS[endpoint];
	if (endpoint === E.addCommentAnnotations || endpoint === E.getCommentAnnotationsCount)
		return SUCCESS[endpoint];
	return Object.fromEntries(ids.map((id) => [String(id), { success: true, id, message: 'ok' }]));
}

const ENDPOINTS = Object.keys(REQUESTS);

test('the table covers the nine comment endpoints and every documented request of them', () => {
	expect(ENDPOINTS.sort()).toEqual(
		Object.values(E)
			.filter((path) => path.startsWith('/v2/commentannotations'))
			.sort(),
	);
	for (const endpoint of ENDPOINTS) {
		expect(REQUESTS[endpoint].map(([heading]) => heading)).toEqual(
			docsExamples(endpoint, 'request').map((example) => example.heading),
		);
	}
});

describe.each(ENDPOINTS)('documented requests of %s', (endpoint) => {
	test.each(
		docsExamples(endpoint, 'request').map((example, index) => [example.heading, index] as const),
	)('%s', async (_heading, index) => {
		const example = docsExamples(endpoint, 'request')[index];
		velt.answer = {
			status: 200,
			body: {
				result: { status: 'success', message: 'ok', data: successFor(endpoint, dataOf(example)) },
			},
		};
		const run = await runVeltNode(velt, { parameters: REQUESTS[endpoint][index][1] });
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(velt.requests).toHaveLength(1);
		expect(velt.requests[0].path).toBe(endpoint);
		expect((velt.requests[0].body as { data: IDataObject }).data).toEqual(
			expectedData(endpoint, dataOf(example)),
		);
	});
});

/** One parameter set per endpoint that reaches it, for the response and error examples. */
const firstParameters = (endpoint: string) =>
	REQUESTS[endpoint][endpoint === E.deleteComments ? 1 : 0][1];

const RESPONSE_OUTPUT: Array<
	[
		endpoint: string,
		index: number,
		expected: (json: IDataObject[]) => void,
		parameters?: INodeParameters,
	]
> = [
	[
		E.addCommentAnnotations,
		0,
		(json) =>
			expect(json).toEqual([
				{
					success: true,
					annotationId: '-O0mpUziLcBwzREvZKs6',
					commentIds: [126535],
					organizationId: 'yourOrganizationId',
					documentId: 'yourDocumentId',
					message: 'Added Successfully',
				},
			]),
	],
	[
		E.deleteCommentAnnotations,
		0,
		// One id not found: the item is an error (per-id policy) naming it, and the one deleted.
		(json) =>
			expect(json).toEqual([
				{
					error: 'Velt could not delete comment thread yourAnnotationId2 (Annotation not found.)',
					description: expect.stringMatching(/Velt did delete comment thread yourAnnotationId1\.$/),
				},
			]),
	],
	[
		E.deleteCommentAnnotations,
		1,
		(json) =>
			expect(json[0]).toMatchObject({
				deleted: true,
				deletedIds: ['yourAnnotationId'],
				deletedCount: 1,
			}),
	],
	[
		E.getCommentAnnotationsCount,
		0,
		(json) =>
			expect(json).toEqual([
				{
					organizationId: 'ORG_ID',
					userId: '1.1',
					total: 6,
					unread: 2,
					documents: [
						{ documentId: 'DOC_1', total: 4, unread: 2 },
						{ documentId: 'DOC_2', total: 2, unread: 0 },
					],
				},
			]),
	],
	[
		E.getCommentAnnotations,
		0,
		(json) => {
			expect(json).toHaveLength(1);
			expect(json[0]).toMatchObject({ annotationId: 'yourAnnotationId', annotationNumber: 2 });
		},
	],
	[
		E.getCommentAnnotations,
		1,
		(json) => {
			expect(json).toHaveLength(1);
			expect(json[0].documentId).toBe('documentId1');
			expect((json[0].annotations as IDataObject[]).map((a) => a.annotationId)).toEqual([
				'annotationId1',
				'annotationId2',
			]);
		},
		REQUESTS[E.getCommentAnnotations][1][1],
	],
	[
		E.updateCommentAnnotations,
		0,
		(json) =>
			expect(json[0]).toMatchObject({
				updated: true,
				updatedIds: ['yourAnnotationId1'],
				updatedCount: 1,
			}),
		// The example answers for yourAnnotationId1 only: asked for it alone (a request naming
		// an id Velt does not report on fails, per-id policy).
		REQUESTS[E.updateCommentAnnotations][8][1],
	],
	[
		E.addComments,
		0,
		(json) =>
			expect(json[0]).toMatchObject({
				success: true,
				commentId: 778115,
				commentIds: [778115],
				annotationId: 'yourAnnotationId',
			}),
	],
	[
		E.deleteComments,
		0,
		// One comment not found: the item is an error (per-id policy) naming it, and the one deleted.
		(json) =>
			expect(json).toEqual([
				{
					error: 'Velt could not delete comment 607395 (Not found)',
					description: expect.stringMatching(/Velt did delete comment 153783\.$/),
				},
			]),
	],
	[
		E.deleteComments,
		1,
		(json) =>
			expect(json[0]).toMatchObject({ deleted: true, deletedIds: [153783], deletedCount: 1 }),
		// The example answers for 153783 only: asked for it alone (per-id policy, as above).
		{ ...firstParameters(E.deleteComments), commentIds: '153783' },
	],
	[
		E.getComments,
		0,
		(json) => {
			expect(json).toHaveLength(1);
			expect(json[0]).toMatchObject({
				commentId: 123456,
				commentText: 'This is a sample comment text.',
			});
		},
	],
	[E.getComments, 1, (json) => expect(json[0]).toMatchObject({ commentId: 123456 })],
	[
		E.updateComments,
		0,
		(json) =>
			expect(json[0]).toMatchObject({ updated: true, updatedIds: [607395], updatedCount: 1 }),
		// The example answers for 607395 only: asked for it alone (per-id policy, as above).
		{ ...REQUESTS[E.updateComments][0][1], commentIds: '607395' },
	],
];

test('every documented response of the nine endpoints has an output check', () => {
	for (const endpoint of ENDPOINTS) {
		const checked = RESPONSE_OUTPUT.filter(([path]) => path === endpoint).map(([, index]) => index);
		expect(checked.sort()).toEqual(docsExamples(endpoint, 'response').map((_, index) => index));
	}
});

// Every row has all four values: a missing last one would make jest pass its `done` callback.
test.each(
	RESPONSE_OUTPUT.map(
		(row) => [`${row[0]} #${row[1] + 1}`, row[0], row[1], row[2], row[3] ?? null] as const,
	),
)(
	'documented response %s becomes the output',
	async (_name, endpoint, index, expected, parameters) => {
		const example = docsExamples(endpoint, 'response')[index];
		velt.answer = { status: 200, body: example.body };
		// A page with nextPageToken is followed by an empty last one.
		if ((example.body as { result: IDataObject }).result.nextPageToken !== undefined) {
			velt.queue.push({ status: 200, body: example.body });
			velt.answer = {
				status: 200,
				body: { result: { status: 'success', message: 'ok', data: {} } },
			};
		}
		// Continue On Fail, so an example that is an item error (per-id policy) is output as one.
		const run = await runVeltNode(velt, {
			parameters: parameters ?? firstParameters(endpoint),
			continueOnFail: true,
		});
		expect(run.error?.message).toBeUndefined();
		expected(run.json);
	},
);

describe.each(ENDPOINTS.filter((endpoint) => docsExamples(endpoint, 'error').length > 0))(
	'documented errors of %s',
	(endpoint) => {
		test.each(docsExamples(endpoint, 'error').map((example, index) => [index, example] as const))(
			'error #%s stops the node with a NodeApiError, or is an error item with Continue On Fail',
			async (_index, example) => {
				const status =
					(example.body as { error: IDataObject }).error.status === 'PERMISSION_DENIED' ? 403 : 400;
				velt.answer = { status, body: example.body };
				const stopped = await runVeltNode(velt, { parameters: firstParameters(endpoint) });
				expect(stopped.status).toBe('error');
				expect(stopped.thrown).toBeInstanceOf(NodeApiError);
				expect(String((stopped.thrown as Error).message)).toContain('ERROR_MESSAGE');
				const continued = await runVeltNode(velt, {
					parameters: firstParameters(endpoint),
					continueOnFail: true,
				});
				expect(continued.status).toBe('success');
				expect(String(continued.json[0].error)).toContain('ERROR_MESSAGE');
			},
		);
	},
);
