/**
 * Notification Setting > Get and Set (config/get, config/set): the request-and-result cases are
 * in test/fixtures/requestCases/notificationConfig.json.
 */
import { cannedVeltForFile, startCannedVelt } from '../helpers/cannedVelt';
import { TEST_API_KEY } from '../helpers/n8nHarness';
import { runVelt, sentData } from './support';
import { useEmulator } from '../helpers/useEmulator';
import { requestCases, runCase } from './requestCases';

const emulator = useEmulator();

const getSettings = { resource: 'notificationConfig', operation: 'get' };
const cases = (group: string) => requestCases('notificationConfig', group);

describe('Set', () => {
	test.each(cases('Set'))('%s', async (_name, check) => {
		await runCase(emulator, check);
	});
});

describe('Get', () => {
	test.each(cases('Get'))('%s', async (_name, check) => {
		await runCase(emulator, check);
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

test.each(cases('file'))('%s', async (_name, check) => {
	await runCase(emulator, check);
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

	test.each(cases('ownChannels'))('%s', async (_name, check) => {
		await runCase(velt, check);
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
