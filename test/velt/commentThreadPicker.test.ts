/**
 * The Comment Thread picker of the Velt node: "From List" lists the threads of the document
 * chosen above (Velt's comment annotations get), named by their first comment and status;
 * the operations read the picked ID, a By ID locator, and a plain ID saved before the picker.
 */
import type { INodeParameters } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { COLLABORATION_ENDPOINTS } from '../../nodes/shared/transport';
import { searchList } from '../helpers/listSearchHarness';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { byId, errorMessage, runVeltNode, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator({}, { reset: false });

const scope = { organizationId: byId('acme'), documentId: byId('deal-1') };
const LONG = 'The pricing table on page two still shows last quarter numbers, please refresh them';

beforeEach(async () => {
	emulator.reset();
	for (const [annotationId, commentText, documentId] of [
		['thread-pricing', LONG, 'deal-1'],
		['thread-logo', 'Logo   is\nblurry', 'deal-1'],
		['thread-elsewhere', 'Other document', 'deal-2'],
	]) {
		const run = await runVeltNode(emulator, {
			parameters: {
				resource: 'commentThread',
				operation: 'create',
				organizationId: byId('acme'),
				documentId: byId(documentId),
				userId: byId('ana'),
				commentText,
				additionalFields: { annotationId, createOrganization: true, createDocument: true },
			},
		});
		if (run.status !== 'success') throw new Error(errorMessage(run));
	}
	emulator.requests.length = 0;
});

const pick = (parameters: INodeParameters, filter?: string) =>
	searchList({
		nodeType: new Velt(),
		method: 'searchCommentThreads',
		parameterName: 'annotationId',
		parameters: { resource: 'comment', operation: 'add', ...parameters },
		credentials: { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url },
		filter,
	});

test('From List: the threads of the chosen document, named by their first comment', async () => {
	const listed = await pick(scope);
	expect(listed.results.map((item) => item.value).sort()).toEqual([
		'thread-logo',
		'thread-pricing',
	]);
	const names = Object.fromEntries(listed.results.map((item) => [item.value, item.name]));
	expect(names['thread-logo']).toMatch(/^Logo is blurry( \[[^\]]+\])? \(thread-logo\)$/);
	expect(names['thread-pricing']).toMatch(
		new RegExp(`^${LONG.slice(0, 60)}…( \\[[^\\]]+\\])? \\(thread-pricing\\)$`),
	);
	expect(sentData(emulator, COLLABORATION_ENDPOINTS.getCommentAnnotations)).toEqual([
		{ organizationId: 'acme', documentId: 'deal-1', pageSize: 100 },
	]);
});

test('the search filters the listed threads by name and ID', async () => {
	const byWords = await pick(scope, 'BLURRY');
	expect(byWords.results.map((item) => item.value)).toEqual(['thread-logo']);
	const byThreadId = await pick(scope, 'pricing');
	expect(byThreadId.results.map((item) => item.value)).toEqual(['thread-pricing']);
});

test('without an organization or a document the list asks for them, sending nothing', async () => {
	await expect(pick({ documentId: byId('deal-1') })).rejects.toThrow(
		'Choose an organization first',
	);
	await expect(pick({ organizationId: byId('acme') })).rejects.toThrow('Choose a document first');
	await expect(
		pick({ organizationId: byId('acme'), documentId: byId('={{ $json.doc }}') }),
	).rejects.toThrow('Choose a document first');
	expect(emulator.requests).toHaveLength(0);
});

test.each([
	['a picked thread', { __rl: true, mode: 'list', value: 'thread-logo' }],
	['a By ID locator', byId('thread-logo')],
	['a plain ID saved before the picker', 'thread-logo'],
])('Comment > Add reads %s', async (_what, annotationId) => {
	const run = await runVeltNode(emulator, {
		parameters: {
			resource: 'comment',
			operation: 'add',
			...scope,
			annotationId,
			userId: byId('bo'),
			commentText: 'Fixed',
		},
	});
	expect(run.status).toBe('success');
	expect(sentData(emulator, COLLABORATION_ENDPOINTS.addComments)).toEqual([
		expect.objectContaining({ annotationId: 'thread-logo' }),
	]);
});
