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
	DEFAULT_MAX_RESPONSE_BYTES,
	DEFAULT_TIMEOUT_MS,
	ENDPOINTS,
	formatMiB,
	interpretResponse,
	isBodyStream,
	normalizeBaseUrl,
	readCappedBody,
	redactSecrets,
} from './transport';

/** The name the nodes give this test in `testedBy` and `methods.credentialTest`. */
export const VELT_API_CREDENTIAL_TEST = 'veltApiTest';

/** Velt's answers that mean the key or token is wrong. */
const REJECTIONS: Record<string, string> = {
	UNAUTHENTICATED:
		'Velt rejected the auth token ("Invalid auth token"). Generate a new one in the Velt console (Auth Tokens) for the same app as the API key and paste it again.',
	PERMISSION_DENIED:
		'Velt rejected the API key or auth token. Copy both again from the Velt console (API Keys and Auth Tokens).',
	INVALID_ARGUMENT:
		'Velt says the API key or auth token is missing or malformed. Fill in both fields.',
};

/**
 * The probe's bounds: the nodes' default timeout, as a deadline for the whole exchange, and
 * their default byte cap. An object so a test can lower them.
 */
export const CREDENTIAL_TEST_LIMITS = {
	timeoutMs: DEFAULT_TIMEOUT_MS,
	maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

const CHECK_BASE_URL =
	"Check the Base URL: it should point at Velt's REST API (https://api.velt.dev).";

interface ProbeResponse {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
}

/** Rejects when the signal fires: the legacy helper takes no abort signal of its own. */
function abortedBy(signal: AbortSignal): Promise<never> {
	return new Promise<never>((_resolve, reject) => {
		signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true });
	});
}

/**
 * What the probe's answer says about the credential: OK only for Velt's own answer, a 2xx with
 * `result` or a Velt error of another kind than a rejection below HTTP 500 (the credential got
 * past Velt's checks, e.g. Advanced Queries off, contract.ts CREDENTIAL_TEST_ORGANIZATION_ID).
 * A redirect, an HTML page, a 5xx or any other JSON proves nothing.
 */
function judge(
	response: ProbeResponse,
	text: string | undefined,
	url: string,
	secrets: string[],
): INodeCredentialTestResult {
	const answer = interpretResponse({ ...response, body: text }, url);
	if (answer.ok) return { status: 'OK', message: 'Connection successful!' };
	const { failure } = answer;
	if (failure.veltCode !== undefined && failure.veltCode in REJECTIONS)
		return { status: 'Error', message: REJECTIONS[failure.veltCode] };
	const status = failure.httpStatus ?? 0;
	if (failure.kind === 'api' && failure.veltCode !== undefined && status < 500)
		return { status: 'OK', message: 'Connection successful!' };
	const said = redactSecrets(failure.message, secrets);
	let message: string;
	if (status >= 300 && status < 400)
		message = `${said} (it should point at Velt's REST API, https://api.velt.dev).`;
	else if (status >= 500)
		message = `${said}. The credential could not be checked: Velt (or a proxy in front of it) had a problem. Try again later; if it persists, check the Base URL.`;
	else message = `${said}; that is not Velt's API. ${CHECK_BASE_URL}`;
	return { status: 'Error', message };
}

/**
 * The "Test" button of the Velt API credential. The Base URL passes the nodes' own rule
 * (normalizeBaseUrl) before anything is sent, so a test never sends the key and token over
 * plain http or with a password in the URL. Then one small notifications/get probe, bounded
 * like every request of the nodes: a deadline for the whole exchange and a byte cap on the
 * answer, read as a stream.
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
	const secrets = [data.apiKey, data.authToken].filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	const url = `${baseUrl}${ENDPOINTS.getNotifications}`;
	const { timeoutMs, maxResponseBytes } = CREDENTIAL_TEST_LIMITS;
	const deadline = AbortSignal.timeout(timeoutMs);
	const unreachable = (reason: string): INodeCredentialTestResult => ({
		status: 'Error',
		message: `Velt could not be reached at ${new URL(baseUrl).host} (${reason}). Check the Base URL and your network.`,
	});
	let response: ProbeResponse;
	try {
		// n8n's credential-test context offers only the legacy `request` helper (no httpRequest).
		const { helpers } = this;
		const sent = helpers.request({
			method: 'POST',
			uri: url,
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
			// The body as a stream, read under the byte cap below.
			useStream: true,
			timeout: timeoutMs,
			// A redirect could lead the headers elsewhere, e.g. to plain http.
			followRedirect: false,
			followAllRedirects: false,
		}) as Promise<ProbeResponse>;
		// A late answer's stream is dropped rather than left open.
		void sent.then(
			(late) => deadline.aborted && isBodyStream(late?.body) && late.body.destroy(),
			() => undefined,
		);
		response = await Promise.race([sent, abortedBy(deadline)]);
	} catch (error) {
		if (deadline.aborted) return unreachable(`no answer within ${timeoutMs / 1000} s`);
		const thrown = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
		const code = thrown?.cause?.code ?? thrown?.code;
		return unreachable(typeof code === 'string' ? code : 'no answer');
	}
	let text: string | undefined;
	const { body } = response ?? {};
	const status = response?.statusCode ?? 0;
	if (isBodyStream(body) && status >= 300 && status < 400) {
		// Judged by its status and Location alone.
		body.destroy();
	} else if (isBodyStream(body)) {
		try {
			const read = await readCappedBody(body, response.headers, maxResponseBytes, deadline);
			if (!read.ok) {
				return {
					status: 'Error',
					message: `The answer was larger than ${formatMiB(maxResponseBytes)}, which no Velt answer to this small probe comes near. ${CHECK_BASE_URL}`,
				};
			}
			text = read.text;
		} catch {
			return unreachable(
				deadline.aborted
					? `no complete answer within ${timeoutMs / 1000} s`
					: 'the answer broke off',
			);
		}
	} else if (typeof body === 'string') {
		text = body;
	} else if (body !== undefined) {
		// A helper that parsed the body itself.
		text = JSON.stringify(body);
	}
	return judge(response, text, url, secrets);
}
