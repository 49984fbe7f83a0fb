import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import {
	API_KEY_HEADER,
	AUTH_TOKEN_HEADER,
	CREDENTIAL_TEST_ORGANIZATION_ID,
	decodeJson,
	ENDPOINTS,
	isPlainObject,
	normalizeBaseUrl,
} from './transport';

/** The name the nodes give this test in `testedBy` and `methods.credentialTest`. */
export const VELT_API_CREDENTIAL_TEST = 'veltApiTest';

/** Velt's answers that mean the key or token is wrong; any other answer proves they are accepted. */
const REJECTIONS: Record<string, string> = {
	UNAUTHENTICATED:
		'Velt rejected the auth token ("Invalid auth token"). Generate a new one in the Velt console (Auth Tokens) for the same app as the API key and paste it again.',
	PERMISSION_DENIED:
		'Velt rejected the API key or auth token. Copy both again from the Velt console (API Keys and Auth Tokens).',
	INVALID_ARGUMENT:
		'Velt says the API key or auth token is missing or malformed. Fill in both fields.',
};

function errorStatus(body: unknown): unknown {
	let parsed = body;
	if (typeof parsed === 'string') {
		const decoded = decodeJson(parsed);
		if (!decoded.ok) return undefined;
		parsed = decoded.value;
	}
	if (!isPlainObject(parsed)) return undefined;
	const error = parsed.error;
	return typeof error === 'object' && error !== null ? (error as IDataObject).status : undefined;
}

/**
 * The "Test" button of the Velt API credential. The Base URL passes the nodes' own rule
 * (normalizeBaseUrl) before anything is sent, so a test never sends the key and token over
 * plain http or with a password in the URL. Then one small notifications/get probe.
 */
export async function veltApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const { baseUrl, problem } = normalizeBaseUrl(data.baseUrl);
	if (baseUrl === undefined) {
		return { status: 'Error', message: `Base URL: ${problem ?? 'it is not valid'}` };
	}
	let response: { statusCode?: number; body?: unknown };
	try {
		// n8n's credential-test context offers only the legacy `request` helper (no httpRequest).
		const { helpers } = this;
		response = (await helpers.request({
			method: 'POST',
			uri: `${baseUrl}${ENDPOINTS.getNotifications}`,
			headers: {
				[API_KEY_HEADER]: String(data.apiKey ?? ''),
				[AUTH_TOKEN_HEADER]: String(data.authToken ?? ''),
			},
			body: {
				data: {
					organizationId: CREDENTIAL_TEST_ORGANIZATION_ID,
					userId: CREDENTIAL_TEST_ORGANIZATION_ID,
					pageSize: 1,
				},
			},
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			// A redirect could lead the headers elsewhere, e.g. to plain http.
			followRedirect: false,
			followAllRedirects: false,
		})) as { statusCode?: number; body?: unknown };
	} catch (error) {
		const thrown = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
		const code = thrown?.cause?.code ?? thrown?.code;
		const reason = typeof code === 'string' ? code : 'no answer';
		return {
			status: 'Error',
			message: `Velt could not be reached at ${new URL(baseUrl).host} (${reason}). Check the Base URL and your network.`,
		};
	}
	const status = errorStatus(response?.body);
	if (typeof status === 'string' && status in REJECTIONS) {
		return { status: 'Error', message: REJECTIONS[status] };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
