/**
 * Every documented example of the directory endpoints behind the Organization, Document and
 * User pickers' "From List" (organizations/get, documents/get, users/get), through n8n-core's
 * LoadOptionsContext:
 * - each example request is reproduced by the list search from matching inputs (organization
 *   chosen, pagination token) where the list can send such a request; where it uses a field
 *   the list never sends, the emulator (written from the same pages) accepts it;
 * - each example response and error is served verbatim by a loopback server and turned into
 *   list entries, or into the list's error.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { LIST_PAGE_SIZE } from '../../nodes/shared/listSearch';
import { DIRECTORY_ENDPOINTS } from '../../nodes/shared/transport';
import { call } from '../emulator/apiClient';
import { VELT_DOCS_EXAMPLES } from '../fixtures/veltDocsExamples';
import { pageExample, pageKeyOf as keyOf } from '../helpers/docsExamples';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { searchList } from '../helpers/listSearchHarness';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { useEmulator } from '../helpers/useEmulator';
import pickerRequests from '../fixtures/docsExamples/pickerRequests.json';

const ORGANIZATIONS =
	'https://docs.velt.dev/api-reference/rest-apis/v2/organizations/get-organizations-v2';
const DOCUMENTS = 'https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2';
const USERS = 'https://docs.velt.dev/api-reference/rest-apis/v2/users/get-users-v2';
const PAGES = [ORGANIZATIONS, DOCUMENTS, USERS];

const covered = VELT_DOCS_EXAMPLES.filter((example) => PAGES.includes(example.page));
const docsExample = (key: string) => pageExample(key, covered);
const dataOf = (key: string) => (docsExample(key).body as { data: IDataObject }).data;

/** Which picker lists each page. */
const PICKERS: Record<string, { method: string; parameterName: string }> = {
	[ORGANIZATIONS]: { method: 'searchOrganizations', parameterName: 'organizationId' },
	[DOCUMENTS]: { method: 'searchDocuments', parameterName: 'documentId' },
	[USERS]: { method: 'searchUsers', parameterName: 'userId' },
};

/** The panel of a Get Many with an organization picked from the list. */
const panel = (organizationId?: string): INodeParameters => ({
	resource: 'notification',
	operation: 'getAll',
	organizationId: { __rl: true, mode: 'list', value: organizationId ?? '' },
});

/** The Velt node's Comment Thread > Get Many with a folder under Filters, beside its Document picker. */
const panelWithFolder = (
	organizationId: string | undefined,
	folderId: string,
): INodeParameters => ({
	...panel(organizationId),
	resource: 'commentThread',
	filters: { folderId },
});

const velt = cannedVeltForFile();

async function list(
	page: string,
	options: {
		organizationId?: string;
		folderId?: string;
		filter?: string;
		paginationToken?: string;
	} = {},
) {
	const { folderId } = options;
	return await searchList({
		nodeType: folderId === undefined ? new VeltNotifications() : new Velt(),
		...PICKERS[page],
		parameters:
			folderId === undefined
				? panel(options.organizationId)
				: panelWithFolder(options.organizationId, folderId),
		credentials: { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: velt.url },
		filter: options.filter,
		paginationToken: options.paginationToken,
	});
}

const emptyPage = { result: { status: 'success', message: 'ok', data: [] } };

// ---- requests -------------------------------------------------------------------------------

/**
 * The rows (test/fixtures/docsExamples/pickerRequests.json): `reproduced`, requests the list
 * search sends itself [key, the documented fields it never sends, its inputs]; `neverSent`,
 * documented requests with fields it never sends (explicit ids, groups) [key, fields]; a
 * folder is sent for the Document list when one is chosen beside it (Velt node);
 * `responses` [key, page, organization chosen, the list's entries] (the users page shows a
 * success body under its "Failure Response" heading, with `pageToken`).
 */
const REPRODUCED = pickerRequests.reproduced as Array<
	[string, string[], { organizationId?: string; folderId?: string }]
>;
const NEVER_SENT = pickerRequests.neverSent as Array<[string, string[]]>;

describe('documented requests the list search sends itself', () => {
	test.each(REPRODUCED)(
		"%s: reproduced from the organization (and folder) chosen and the pagination token (pageSize is the list's own; fields the list never sends: %j)",
		async (key, neverSent, inputs) => {
			velt.answer = { status: 200, body: emptyPage };
			// The documented token stands for the one the previous page of the list returned.
			const token = dataOf(key).pageToken;
			await list(docsExample(key).page, {
				...inputs,
				paginationToken: token === undefined ? undefined : String(token),
			});
			const documented: IDataObject = { ...dataOf(key), pageSize: LIST_PAGE_SIZE };
			for (const field of neverSent) delete documented[field];
			expect(velt.requests.map((request) => [request.path, request.body])).toEqual([
				[docsExample(key).endpoint, { data: documented }],
			]);
		},
	);

	test('the filter typed in the list is never sent: Velt has no text search, the page is filtered locally', async () => {
		velt.answer = { status: 200, body: emptyPage };
		await list(DOCUMENTS, { organizationId: 'yourOrganizationId', filter: 'your' });
		expect(velt.requests[0].body).toEqual({
			data: { organizationId: 'yourOrganizationId', pageSize: LIST_PAGE_SIZE },
		});
	});
});

describe('documented requests with fields the list search never sends: the emulator accepts them', () => {
	const emulator = useEmulator({}, { reset: false });

	test.each(NEVER_SENT)(
		'%s (never sent by the list: %j): accepted by the emulator, success answer',
		async (key, fields) => {
			emulator.reset();
			const store = emulator.store;
			store.upsertOrganization({ organizationId: 'yourOrganizationId' });
			for (const documentId of ['yourDocumentId', 'yourDocumentId1', 'yourDocumentId2'])
				store.upsertDocument('yourOrganizationId', { documentId, folderId: 'yourFolderId' });
			store.upsertUser('yourOrganizationId', {
				userId: 'yourUserId1',
				organizationUserGroupIds: ['yourOrganizationUserGroupId'],
			});
			const data = dataOf(key);
			for (const field of fields) expect(data).toHaveProperty(field);
			const answer = await call(emulator, docsExample(key).endpoint as string, data);
			expect(answer.status).toBe(200);
			expect(answer.body.result.status).toBe('success');
		},
	);
});

// ---- responses and errors -------------------------------------------------------------------

describe('documented responses served to the list search: its entries', () => {
	const cases = (
		pickerRequests.responses as Array<[string, string, string | null, IDataObject]>
	).map(
		([key, page, organizationId, expected]) =>
			[key, page, organizationId ?? undefined, expected] as const,
	);

	test.each(cases)(
		'%s: listed as Name (id), the next page through its token',
		async (key, page, organizationId, expected) => {
			velt.answer = { status: 200, body: docsExample(key).body };
			expect(await list(page, { organizationId })).toEqual(expected);
		},
	);

	test.each([
		[ORGANIZATIONS, undefined, 'organization name'],
		[DOCUMENTS, 'yourOrganizationId', 'DOCUMENTNAME'],
		[USERS, 'yourOrganizationId', 'youruser'],
	])(
		'%s | response | Success Response: the filter keeps entries whose name or id match, drops the others',
		async (page, organizationId, filter) => {
			velt.answer = {
				status: 200,
				body: docsExample(`${page} | response | Success Response`).body,
			};
			expect((await list(page, { organizationId, filter })).results).toHaveLength(1);
			expect((await list(page, { organizationId, filter: 'no such entry' })).results).toEqual([]);
		},
	);
});

describe('documented errors served to the list search: the list shows Velt’s message and a hint', () => {
	test.each([
		[
			`${ORGANIZATIONS} | error | Failure Response`,
			400,
			'Velt: ERROR_MESSAGE [INVALID_ARGUMENT] (HTTP 400)',
		],
		[
			`${DOCUMENTS} | error | Failure Response`,
			400,
			'Velt: ERROR_MESSAGE [INVALID_ARGUMENT] (HTTP 400)',
		],
		// The page's placeholder code; HTTP 400 ASSUMED.
		[
			`${USERS} | error | Failure Response`,
			400,
			'Velt: Error retrieving user(s). [ERROR_CODE] (HTTP 400)',
		],
	])('%s (HTTP %d ASSUMED): a NodeOperationError, one request', async (key, status, message) => {
		velt.answer = { status, body: docsExample(key).body };
		const page = docsExample(key).page;
		const failure = await list(page, { organizationId: 'yourOrganizationId' }).catch(
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe(message);
		expect((failure as NodeOperationError).description).toEqual(expect.any(String));
		expect(velt.requests).toHaveLength(1);
	});

	test(`${DOCUMENTS} | error | Partial Failures (HTTP 500, documented; only for explicit documentIds, which the list never sends): not retried, since its per-item code (not-found) is one Velt calls unsafe to retry; the list fails with Velt's message`, async () => {
		velt.answer = {
			status: 500,
			body: docsExample(`${DOCUMENTS} | error | Partial Failures`).body,
		};
		const failure = await list(DOCUMENTS, { organizationId: 'yourOrganizationId' }).catch(
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe(
			'Velt: Error retrieving document(s). [INTERNAL] (HTTP 500)',
		);
		expect(velt.requests).toHaveLength(1);
	});
});

test('every documented request, response and error of the three directory pages has a test above', () => {
	const tested = new Set([
		...REPRODUCED.map(([key]) => key),
		...NEVER_SENT.map(([key]) => key),
		`${ORGANIZATIONS} | response | Success Response`,
		`${DOCUMENTS} | response | Success Response`,
		`${USERS} | response | Success Response`,
		`${USERS} | response | Success Response with allDocuments and groupByDocumentId`,
		`${USERS} | response | Failure Response`,
		`${ORGANIZATIONS} | error | Failure Response`,
		`${DOCUMENTS} | error | Failure Response`,
		`${USERS} | error | Failure Response`,
		`${DOCUMENTS} | error | Partial Failures`,
	]);
	expect(covered.map(keyOf).sort()).toEqual([...tested].sort());
	expect(new Set(covered.map(keyOf)).size).toBe(covered.length);
	expect(Object.values(DIRECTORY_ENDPOINTS).sort()).toEqual(
		[...new Set(covered.map((example) => example.endpoint))].sort(),
	);
});
