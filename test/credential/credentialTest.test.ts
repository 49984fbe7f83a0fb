// The credential's "Test" button: n8n calls the node method named by `testedBy`, which sends
// one notifications/get probe with the credential's headers and fails on a rejection.
import type { IExecuteFunctions } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { VeltApi } from '../../credentials/VeltApi.credentials';
import { getVeltConnection } from '../../nodes/shared/transport';
import { startCannedVelt } from '../helpers/cannedVelt';
import { runCredentialTest } from '../helpers/credentialTest';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { useEmulator } from '../helpers/useEmulator';

const credentialType = new VeltApi();

const emulator = useEmulator({}, { reset: false });

const good = () => ({
	apiKey: TEST_API_KEY,
	authToken: TEST_AUTH_TOKEN,
	baseUrl: `${emulator.url}/`,
});

test('passes with the right key and token', async () => {
	expect(await runCredentialTest(good())).toBeUndefined();
	expect(emulator.requests.at(-1)?.path).toBe('/v2/notifications/get');
});

test('passes when the credential is right but Advanced Queries are off', async () => {
	emulator.setFeatures({ advancedQueries: false });
	try {
		expect(await runCredentialTest(good())).toBeUndefined();
	} finally {
		emulator.setFeatures({ advancedQueries: true });
	}
});

test('fails with a clear message on a wrong token or key', async () => {
	expect(await runCredentialTest({ ...good(), authToken: 'wrong-token' })).toMatch(
		/rejected the API key or auth token/,
	);
	expect(await runCredentialTest({ ...good(), apiKey: 'wrong-key' })).toMatch(
		/rejected the API key or auth token/,
	);
});

test('fails saying the auth token is wrong on UNAUTHENTICATED ("Invalid auth token for workspace.")', async () => {
	const velt = await startCannedVelt({
		status: 401,
		body: { error: { status: 'UNAUTHENTICATED', message: 'Invalid auth token for workspace.' } },
	});
	try {
		expect(await runCredentialTest({ ...good(), baseUrl: velt.url })).toBe(
			'Velt rejected the auth token ("Invalid auth token"). Generate a new one in the Velt console (Auth Tokens) for the same app as the API key and paste it again.',
		);
		expect(velt.requests.map((request) => request.path)).toEqual(['/v2/notifications/get']);
	} finally {
		await velt.close();
	}
});

test('fails with a clear message on a missing token', async () => {
	expect(await runCredentialTest({ ...good(), authToken: '' })).toMatch(/missing or malformed/);
});

test('declares every secret as a password field and sends the key and token only as headers', () => {
	const secretFields = credentialType.properties.filter(
		(property) => property.typeOptions?.password,
	);
	// the webhook decryption key is only read by the Velt Trigger, never sent
	expect(secretFields.map((property) => property.name)).toEqual([
		'apiKey',
		'authToken',
		'webhookPrivateKey',
	]);
	expect(credentialType.authenticate.properties.headers).toEqual({
		'x-velt-api-key': '={{$credentials.apiKey}}',
		'x-velt-auth-token': '={{$credentials.authToken}}',
	});
	// tested by the nodes' method (testedBy), which checks the Base URL before sending
	expect((credentialType as { test?: unknown }).test).toBeUndefined();
});

test("the node sends exactly the headers the credential's authenticate block describes", async () => {
	// The transport sets the two headers once per run instead of having n8n resolve the
	// block's expressions for every request; this keeps the two from drifting apart.
	const values = {
		apiKey: 'fake-key-for-header-check',
		authToken: 'fake-token-for-header-check',
		baseUrl: emulator.url,
	};
	const context = {
		getCredentials: async () => values,
		getNode: () => ({ name: 'Velt' }),
	} as unknown as IExecuteFunctions;
	const connection = await getVeltConnection.call(context);
	const described = Object.fromEntries(
		Object.entries(credentialType.authenticate.properties.headers ?? {}).map(([name, template]) => [
			name,
			Expression.resolveWithoutWorkflow(String(template).slice(1), { $credentials: values }),
		]),
	);
	expect(connection.headers).toEqual(described);
});
