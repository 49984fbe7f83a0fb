/**
 * Notification Setting > Get and Set (config/get, config/set).
 */
import { NodeApiError } from 'n8n-workflow';
import { cannedVeltForFile, startCannedVelt } from '../helpers/cannedVelt';
import { TEST_API_KEY } from '../helpers/n8nHarness';
import { ENDPOINTS, pairedItems, runVelt, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const getSettings = { resource: 'notificationConfig', operation: 'get' };
const setSettings = { resource: 'notificationConfig', operation: 'set' };

describe('Set', () => {
	test("sends the users, documents and chosen channels, and returns Velt's answer per user", async () => {
		const run = await runVelt(emulator, {
			parameters: {
				...setSettings,
				organizationId: 'acme',
				userIds: 'u1, u2',
				documentIds: 'doc-1',
				config: { inbox: 'MINE', email: 'NONE' },
			},
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => [request.path, request.body])).toEqual([
			[
				ENDPOINTS.setNotificationConfig,
				{
					data: {
						organizationId: 'acme',
						userIds: ['u1', 'u2'],
						documentIds: ['doc-1'],
						config: { inbox: 'MINE', email: 'NONE' },
					},
				},
			],
		]);
		expect(run.json).toEqual([
			{
				success: true,
				organizationId: 'acme',
				config: { inbox: 'MINE', email: 'NONE' },
				users: [
					{
						success: true,
						userId: 'u1',
						documentId: 'doc-1',
						message: 'User config set successfully.',
					},
					{
						success: true,
						userId: 'u2',
						documentId: 'doc-1',
						message: 'User config set successfully.',
					},
				],
			},
		]);
		expect(emulator.store.getStoredNotificationConfig('acme', 'u2', 'doc-1')).toEqual({
			inbox: 'MINE',
			email: 'NONE',
		});
	});

	test('without Document IDs it sets the organization-level default (documentIds left out)', async () => {
		const run = await runVelt(emulator, {
			items: [{ users: ['u1'] }, { users: ['u2', 'u3'] }],
			parameters: {
				...setSettings,
				organizationId: 'acme',
				userIds: '={{ $json.users }}',
				config: { slack: 'ALL' },
			},
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual([
			{ organizationId: 'acme', userIds: ['u1'], config: { slack: 'ALL' } },
			{ organizationId: 'acme', userIds: ['u2', 'u3'], config: { slack: 'ALL' } },
		]);
		expect(
			run.json.map((json) => (json.users as Array<{ userId: string }>).map((user) => user.userId)),
		).toEqual([['u1'], ['u2', 'u3']]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(emulator.store.getStoredNotificationConfig('acme', 'u3', undefined)).toEqual({
			slack: 'ALL',
		});
	});
});

describe('Get', () => {
	test("reads a user's settings for the given documents", async () => {
		emulator.store.setNotificationConfig('acme', 'u1', 'doc-1', { email: 'NONE' });
		const run = await runVelt(emulator, {
			parameters: {
				...getSettings,
				organizationId: 'acme',
				userId: 'u1',
				documentIds: 'doc-1, doc-2',
			},
		});
		expect(run.status).toBe('success');
		expect(emulator.requests.map((request) => [request.path, request.body])).toEqual([
			[
				ENDPOINTS.getNotificationConfig,
				{ data: { organizationId: 'acme', userId: 'u1', documentIds: ['doc-1', 'doc-2'] } },
			],
		]);
		expect(run.json).toEqual([
			{
				organizationId: 'acme',
				userId: 'u1',
				settings: [
					{
						config: { inbox: 'ALL', email: 'NONE' },
						metadata: { organizationId: 'acme', documentId: 'doc-1', userId: 'u1' },
					},
					{
						config: { inbox: 'ALL', email: 'ALL' },
						metadata: { organizationId: 'acme', documentId: 'doc-2', userId: 'u1' },
					},
				],
			},
		]);
	});

	test('Get Organization Config without documents; what Set stored is read back', async () => {
		await runVelt(emulator, {
			parameters: {
				...setSettings,
				organizationId: 'acme',
				userIds: 'u1',
				config: { inbox: 'NONE' },
			},
		});
		emulator.requests.length = 0;
		const run = await runVelt(emulator, {
			parameters: {
				...getSettings,
				organizationId: 'acme',
				userId: 'u1',
				getOrganizationConfig: true,
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)).toEqual([
			{ organizationId: 'acme', userId: 'u1', getOrganizationConfig: true },
		]);
		expect(run.json).toEqual([
			{
				organizationId: 'acme',
				userId: 'u1',
				settings: [
					{
						config: { inbox: 'NONE', email: 'ALL' },
						metadata: { organizationId: 'acme', userId: 'u1' },
					},
				],
			},
		]);
	});

	test('exactly 30 documents are accepted', async () => {
		const documentIds = Array.from({ length: 30 }, (_, index) => `doc-${index}`);
		const run = await runVelt(emulator, {
			parameters: {
				...getSettings,
				organizationId: 'acme',
				userId: 'u1',
				documentIds: documentIds.join(','),
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)[0].documentIds).toEqual(documentIds);
		expect((run.json[0].settings as unknown[]).length).toBe(30);
	});
});

test('with notification settings switched off in the console, the error says where to switch them on', async () => {
	emulator.setFeatures({ notificationSettings: false });
	const run = await runVelt(emulator, {
		parameters: {
			...setSettings,
			organizationId: 'acme',
			userIds: 'u1',
			config: { inbox: 'NONE' },
		},
	});
	expect(run.status).toBe('error');
	expect(run.thrown).toBeInstanceOf(NodeApiError);
	const error = run.thrown as NodeApiError;
	expect(error.message).toBe(
		'Velt: Notification settings are not enabled. Enable them in the Velt console. [FAILED_PRECONDITION] (HTTP 400)',
	);
	expect(error.httpCode).toBe('400');
	expect(error.description).toBe(
		'A Velt feature this call needs is switched off. Enable it in the Velt console (https://console.velt.dev): notification settings for the Settings operations, advanced webhooks for webhook triggers.',
	);
	expect(error.context.itemIndex).toBe(0);
});

describe('channels and values of your own (customize-behavior page: settings are extensible)', () => {
	const velt = cannedVeltForFile({
		status: 200,
		body: {
			result: {
				status: 'success',
				message: 'User config set successfully.',
				data: { u1: { success: true, userId: 'u1', message: 'User config set successfully.' } },
			},
		},
	});

	test('Other Channels and a value of your own are sent as given, next to the known channels', async () => {
		const run = await runVelt(velt, {
			items: [{ level: 'MENTIONS_ONLY' }],
			parameters: {
				...setSettings,
				organizationId: 'acme',
				userIds: 'u1',
				config: {
					inbox: 'MINE',
					slack: '={{ $json.level }}',
					otherChannels: {
						channels: [
							{ channel: 'linear', value: 'ALL' },
							{ channel: 'jira', value: '={{ $json.level }}' },
						],
					},
				},
			},
		});
		expect(run.status).toBe('success');
		expect(velt.requests.map((request) => [request.path, request.body])).toEqual([
			[
				ENDPOINTS.setNotificationConfig,
				{
					data: {
						organizationId: 'acme',
						userIds: ['u1'],
						config: { inbox: 'MINE', slack: 'MENTIONS_ONLY', linear: 'ALL', jira: 'MENTIONS_ONLY' },
					},
				},
			],
		]);
		expect(run.json).toEqual([
			{
				success: true,
				organizationId: 'acme',
				config: { inbox: 'MINE', slack: 'MENTIONS_ONLY', linear: 'ALL', jira: 'MENTIONS_ONLY' },
				users: [{ success: true, userId: 'u1', message: 'User config set successfully.' }],
			},
		]);
	});

	test('Get passes channels and values of your own through', async () => {
		velt.answer = {
			status: 200,
			body: {
				result: {
					status: 'success',
					message: 'User config fetched successfully.',
					data: [
						{
							config: { inbox: 'ALL', linear: 'MENTIONS_ONLY' },
							metadata: { organizationId: 'acme', documentId: 'doc-1', userId: 'u1' },
						},
					],
				},
			},
		};
		const run = await runVelt(velt, {
			parameters: { ...getSettings, organizationId: 'acme', userId: 'u1', documentIds: 'doc-1' },
		});
		expect(run.status).toBe('success');
		expect(run.json).toEqual([
			{
				organizationId: 'acme',
				userId: 'u1',
				settings: [
					{
						config: { inbox: 'ALL', linear: 'MENTIONS_ONLY' },
						metadata: { organizationId: 'acme', documentId: 'doc-1', userId: 'u1' },
					},
				],
			},
		]);
	});
});

describe('the API key Velt echoes in config/get (https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-config: metadata.apiKey in every entry)', () => {
	test('Get never outputs metadata.apiKey, whatever its value; the rest of the metadata stays', async () => {
		const echoed = 'velt-echoed-key-not-the-credential';
		const velt = await startCannedVelt({
			status: 200,
			body: {
				result: {
					status: 'success',
					message: 'User config fetched successfully.',
					data: [
						{
							config: { inbox: 'ALL', email: 'ALL' },
							metadata: {
								organizationId: 'org1',
								apiKey: echoed,
								documentId: 'doc1',
								userId: 'USER_ID1',
							},
						},
						{
							config: { inbox: 'NONE' },
							metadata: { organizationId: 'org1', apiKey: TEST_API_KEY, userId: 'USER_ID1' },
						},
					],
				},
			},
		});
		try {
			const run = await runVelt(velt, {
				parameters: {
					...getSettings,
					organizationId: 'org1',
					userId: 'USER_ID1',
					documentIds: 'doc1',
					getOrganizationConfig: true,
				},
			});
			expect(run.status).toBe('success');
			expect(run.json).toEqual([
				{
					organizationId: 'org1',
					userId: 'USER_ID1',
					settings: [
						{
							config: { inbox: 'ALL', email: 'ALL' },
							metadata: { organizationId: 'org1', documentId: 'doc1', userId: 'USER_ID1' },
						},
						{ config: { inbox: 'NONE' }, metadata: { organizationId: 'org1', userId: 'USER_ID1' } },
					],
				},
			]);
			const everything = JSON.stringify(run.run);
			expect(everything).not.toContain(echoed);
			expect(everything).not.toContain(TEST_API_KEY);
			expect(velt.requests[0].headers['x-velt-api-key']).toBe(TEST_API_KEY);
		} finally {
			await velt.close();
		}
	});
});
