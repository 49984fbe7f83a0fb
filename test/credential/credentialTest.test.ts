// The credential's "Test" button: n8n sends `test.request` with the credential's
// headers and fails with a rule's message when the answer matches that rule.
import axios from 'axios';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { VeltApi } from '../../credentials/VeltApi.credentials';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';

const credentialType = new VeltApi();
let emulator: VeltEmulator;

beforeAll(async () => {
	emulator = await startVeltEmulator();
});
afterAll(async () => {
	await emulator.close();
});

function resolve(value: string, credentials: IDataObject): string {
	return value.startsWith('=') ? String(Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: credentials })) : value;
}

function valueAt(body: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((current, key) => (current && typeof current === 'object' ? (current as IDataObject)[key] : undefined), body);
}

/** What the credential test reports: undefined when it passes, else the matching rule's message. */
async function runCredentialTest(credentials: IDataObject): Promise<string | undefined> {
	const request = credentialType.test.request as IHttpRequestOptions;
	const headers: Record<string, string> = {};
	for (const [name, template] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
		headers[name] = resolve(String(template), credentials);
	}
	const response = await axios.request({
		method: request.method,
		baseURL: resolve(String(request.baseURL), credentials),
		url: request.url,
		data: request.body,
		headers,
		validateStatus: () => true,
	});
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (valueAt(response.data, rule.properties.key) === rule.properties.value) return rule.properties.message;
	}
	if (response.status >= 400 && valueAt(response.data, 'error.status') !== 'NOT_FOUND') return `HTTP ${response.status}`;
	return undefined;
}

const good = () => ({ apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: `${emulator.url}/` });

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
	expect(await runCredentialTest({ ...good(), authToken: 'wrong-token' })).toMatch(/rejected the API key or auth token/);
	expect(await runCredentialTest({ ...good(), apiKey: 'wrong-key' })).toMatch(/rejected the API key or auth token/);
});

test('fails with a clear message on a missing token', async () => {
	expect(await runCredentialTest({ ...good(), authToken: '' })).toMatch(/missing or malformed/);
});

test('declares every secret as a password field and sends the key and token only as headers', () => {
	const secretFields = credentialType.properties.filter((property) => property.typeOptions?.password);
	// the webhook decryption key is only read by the Velt Trigger, never sent
	expect(secretFields.map((property) => property.name)).toEqual(['apiKey', 'authToken', 'webhookPrivateKey']);
	expect(credentialType.authenticate.properties.headers).toEqual({
		'x-velt-api-key': '={{$credentials.apiKey}}',
		'x-velt-auth-token': '={{$credentials.authToken}}',
	});
	expect(JSON.stringify(credentialType.test.request.body)).not.toMatch(/credentials/);
});
