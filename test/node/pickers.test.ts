/**
 * Organization, Document and User are pickers (resource locators). Their "From List" is
 * searched through n8n-core's LoadOptionsContext against the emulator's organizations,
 * documents and users get endpoints; the operations read a picker's ID whether the workflow
 * saved a locator object or, from before the pickers, a plain string.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { VeltNotificationsTrigger } from '../../nodes/VeltNotificationsTrigger/VeltNotificationsTrigger.node';
import { LIST_PAGE_SIZE } from '../../nodes/shared/listSearch';
import { DIRECTORY_ENDPOINTS } from '../../nodes/shared/transport';
import { searchList } from '../helpers/listSearchHarness';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { ENDPOINTS, runVelt, sentData, VALID_ADD } from './support';
import { useEmulator } from '../helpers/useEmulator';

const ORGANIZATIONS = Array.from({ length: LIST_PAGE_SIZE + 30 }, (_, index) => ({
	id: `org-${String(index).padStart(3, '0')}`,
	organizationName: index % 10 === 3 ? `Globex ${index}` : `Acme ${index}`,
	disabled: false,
}));

const emulator = useEmulator({}, { reset: false });
beforeEach(() => {
	emulator.reset();
	const store = emulator.store;
	for (const organization of ORGANIZATIONS)
		store.upsertOrganization({
			organizationId: organization.id,
			organizationName: organization.organizationName,
		});
	store.upsertOrganization({
		organizationId: 'org-off',
		organizationName: 'Switched off',
		disabled: true,
	});
	store.upsertDocument('org-001', { documentId: 'doc-pricing', documentName: 'Q3 Pricing' });
	store.upsertDocument('org-001', {
		documentId: 'doc-onboarding',
		documentName: 'Onboarding Flow Spec',
	});
	store.upsertDocument('org-002', { documentId: 'doc-roadmap', documentName: 'Roadmap' });
	store.upsertUser('org-001', { userId: 'u-ana', name: 'Ana Lima', email: 'ana@example.com' });
	store.upsertUser('org-001', { userId: 'u-bo', email: 'bo@example.com' });
	emulator.requests.length = 0;
});

/** What the pickers asked Velt's directory endpoints, in order. */
const directoryRequests = () =>
	emulator.requests
		.filter((request) => (Object.values(DIRECTORY_ENDPOINTS) as string[]).includes(request.path))
		.map((request) => ({ path: request.path, data: (request.body as { data: IDataObject }).data }));

const credentials = () => ({
	apiKey: TEST_API_KEY,
	authToken: TEST_AUTH_TOKEN,
	baseUrl: emulator.url,
});
const locator = (value: string, mode = 'list'): IDataObject => ({ __rl: true, mode, value });

const NODE_TYPES: Array<[string, INodeType]> = [
	['action node', new VeltNotifications()],
	['polling trigger', new VeltNotificationsTrigger()],
];

describe.each(NODE_TYPES)('%s', (_name, nodeType) => {
	test('Organization "From List": pages of Velt organizations, the next page through the token, disabled ones left out', async () => {
		const first = await searchList({
			nodeType,
			method: 'searchOrganizations',
			parameterName: 'organizationId',
			parameters: {},
			credentials: credentials(),
		});
		expect(first.results).toHaveLength(LIST_PAGE_SIZE);
		expect(first.results[1]).toEqual({ name: 'Acme 1 (org-001)', value: 'org-001' });
		// the token is Velt's, handed back as it came
		expect(typeof first.paginationToken).toBe('string');
		expect(first.paginationToken).not.toBe('');
		const second = await searchList({
			nodeType,
			method: 'searchOrganizations',
			parameterName: 'organizationId',
			parameters: {},
			credentials: credentials(),
			paginationToken: first.paginationToken,
		});
		expect(second.results.map((item) => item.value)).toEqual(
			ORGANIZATIONS.slice(LIST_PAGE_SIZE).map((organization) => organization.id),
		);
		expect(second.paginationToken).toBeUndefined();
		expect(directoryRequests()).toEqual([
			{ path: DIRECTORY_ENDPOINTS.getOrganizations, data: { pageSize: LIST_PAGE_SIZE } },
			{
				path: DIRECTORY_ENDPOINTS.getOrganizations,
				data: { pageSize: LIST_PAGE_SIZE, pageToken: first.paginationToken },
			},
		]);
	});

	test('Organization search matches names and IDs, case-insensitive', async () => {
		const byName = await searchList({
			nodeType,
			method: 'searchOrganizations',
			parameterName: 'organizationId',
			parameters: {},
			credentials: credentials(),
			filter: 'GLOBEX',
		});
		expect(byName.results.map((item) => item.name)).toEqual([
			'Globex 3 (org-003)',
			'Globex 13 (org-013)',
			'Globex 23 (org-023)',
			'Globex 33 (org-033)',
			'Globex 43 (org-043)',
			'Globex 53 (org-053)',
			'Globex 63 (org-063)',
			'Globex 73 (org-073)',
			'Globex 83 (org-083)',
			'Globex 93 (org-093)',
		]);
		const byId = await searchList({
			nodeType,
			method: 'searchOrganizations',
			parameterName: 'organizationId',
			parameters: {},
			credentials: credentials(),
			filter: 'org-05',
		});
		expect(byId.results.map((item) => item.value)).toEqual([
			'org-050',
			'org-051',
			'org-052',
			'org-053',
			'org-054',
			'org-055',
			'org-056',
			'org-057',
			'org-058',
			'org-059',
		]);
	});

	test.each([
		['a picked organization', locator('org-001')],
		['an organization by ID', locator('org-001', 'id')],
		['a plain string (a workflow saved before the pickers)', 'org-001'],
	])('Document list is scoped by the chosen organization: %s', async (_case, organizationId) => {
		const result = await searchList({
			nodeType,
			method: 'searchDocuments',
			parameterName: 'documentId',
			parameters: { organizationId } as INodeParameters,
			credentials: credentials(),
		});
		expect(result.results).toEqual([
			{ name: 'Q3 Pricing (doc-pricing)', value: 'doc-pricing' },
			{ name: 'Onboarding Flow Spec (doc-onboarding)', value: 'doc-onboarding' },
		]);
		expect(directoryRequests()).toEqual([
			{
				path: DIRECTORY_ENDPOINTS.getDocuments,
				data: { organizationId: 'org-001', pageSize: LIST_PAGE_SIZE },
			},
		]);
	});

	test('User list of the organization, named when Velt knows a name, searchable', async () => {
		const parameters = { organizationId: locator('org-001') } as INodeParameters;
		const all = await searchList({
			nodeType,
			method: 'searchUsers',
			parameterName: 'userId',
			parameters,
			credentials: credentials(),
		});
		expect(all.results).toEqual([
			{ name: 'Ana Lima (u-ana)', value: 'u-ana' },
			{ name: 'bo@example.com (u-bo)', value: 'u-bo' },
		]);
		const found = await searchList({
			nodeType,
			method: 'searchUsers',
			parameterName: 'userId',
			parameters,
			credentials: credentials(),
			filter: 'lima',
		});
		expect(found.results).toEqual([{ name: 'Ana Lima (u-ana)', value: 'u-ana' }]);
		expect(directoryRequests().map((request) => request.data)).toEqual([
			{ organizationId: 'org-001', pageSize: LIST_PAGE_SIZE },
			{ organizationId: 'org-001', pageSize: LIST_PAGE_SIZE },
		]);
	});

	test('without an organization, the Document list asks for one first and Velt is not called', async () => {
		const search = searchList({
			nodeType,
			method: 'searchDocuments',
			parameterName: 'documentId',
			parameters: { organizationId: locator('') } as INodeParameters,
			credentials: credentials(),
		});
		await expect(search).rejects.toThrow(NodeOperationError);
		await expect(search).rejects.toThrow('Choose an organization first');
		expect(directoryRequests()).toEqual([]);
	});

	test("a Velt failure reaches the picker as Velt's message", async () => {
		const search = searchList({
			nodeType,
			method: 'searchOrganizations',
			parameterName: 'organizationId',
			parameters: {},
			credentials: { ...credentials(), authToken: 'wrong-token' },
		});
		await expect(search).rejects.toThrow(/^Velt: .+\[PERMISSION_DENIED\]/);
	});
});

describe('operations read the ID a picker holds, and a plain string as before', () => {
	const addParameters = (organizationId: unknown, documentId: unknown): INodeParameters =>
		({
			...VALID_ADD,
			organizationId,
			documentId,
			additionalFields: { notificationId: 'n-picker' },
		}) as INodeParameters;

	test('Add: locator objects (list and ID mode) and plain strings send the same request', async () => {
		const runs = [
			await runVelt(emulator, {
				parameters: addParameters(locator('acme'), locator('deal-1', 'id')),
			}),
			await runVelt(emulator, { parameters: addParameters('acme', 'deal-1') }),
			await runVelt(emulator, {
				items: [{ org: 'acme' }],
				parameters: addParameters(locator('={{ $json.org }}', 'id'), '=deal-{{ 1 }}'),
			}),
		];
		for (const run of runs) expect(run.status).toBe('success');
		const sent = sentData(emulator, ENDPOINTS.addNotification);
		expect(sent).toHaveLength(3);
		for (const data of sent)
			expect(data).toEqual({
				organizationId: 'acme',
				documentId: 'deal-1',
				notificationId: 'n-picker',
				actionUser: { userId: 'bo' },
				displayBodyMessage: 'Body',
				displayHeadlineMessageTemplate: 'Hi',
				notifyUsers: [{ userId: 'u1' }],
				notifyAll: false,
			});
	});

	test('Get Many: a user picker, and a plain-string document', async () => {
		await runVelt(emulator, {
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				organizationId: locator('acme'),
				userId: locator('u1', 'id'),
			} as INodeParameters,
		});
		await runVelt(emulator, {
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				organizationId: 'acme',
				documentId: 'deal-1',
			},
		});
		const sent = sentData(emulator, ENDPOINTS.getNotifications);
		expect(sent[0]).toMatchObject({ organizationId: 'acme', userId: 'u1' });
		expect(sent[0].documentId).toBeUndefined();
		expect(sent[1]).toMatchObject({ organizationId: 'acme', documentId: 'deal-1' });
		expect(sent[1].userId).toBeUndefined();
	});

	test("Update: a user picker inside Additional Fields is read as the user's ID", async () => {
		await runVelt(emulator, {
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: locator('acme'),
				id: 'n1',
				updateFields: { readByUserIds: 'u1' },
				additionalFields: { userId: locator('u1') },
			} as INodeParameters,
		});
		expect(sentData(emulator, ENDPOINTS.updateNotifications)[0]).toMatchObject({
			organizationId: 'acme',
			userId: 'u1',
		});
	});

	test('Settings Get: organization and user pickers', async () => {
		await runVelt(emulator, {
			parameters: {
				resource: 'notificationConfig',
				operation: 'get',
				organizationId: locator('acme'),
				userId: locator('u1'),
				getOrganizationConfig: true,
			} as INodeParameters,
		});
		expect(sentData(emulator, ENDPOINTS.getNotificationConfig)[0]).toMatchObject({
			organizationId: 'acme',
			userId: 'u1',
		});
	});
});
