// The single credential read: getVeltConnection decrypts the Velt API credential once per run
// and builds the two auth headers from it once. Through n8n's generic `authenticate` they would
// be two expressions resolved for every request, which in n8n 2.x's isolated expression engine
// costs more than the request itself (measured: bench/). Every request of a run gets this object.
import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { API_KEY_HEADER, AUTH_TOKEN_HEADER, DEFAULT_BASE_URL } from './contract';

export type VeltContext =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export interface VeltConnection {
	baseUrl: string;
	/** Decrypted once per run and handed to every request, so n8n does not load the credential per call. */
	credentials: ICredentialsDecrypted;
	/** The credential's secrets, so any text shown to the user can be scrubbed of them. */
	secrets: string[];
	/**
	 * The two headers the credential's `authenticate` block describes, set once per run:
	 * through n8n's authentication they are two expressions resolved for every request,
	 * which costs more than the request itself in n8n 2.x's isolated expression engine.
	 */
	headers: Record<string, string>;
}

/**
 * Literal loopback only: `localhost` itself, 127.0.0.0/8 and ::1. Names under
 * `.localhost` are left to the system resolver, which may answer with any address.
 */
function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
	return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * The credential's base URL, refusing plain http anywhere but loopback (the API
 * key and auth token travel in headers and must not cross a network unencrypted)
 * and any user name or password in the URL (they would be sent as a Basic header
 * and could end up in messages). A URL that is invalid or holds a password is
 * never repeated in the message.
 */
export function normalizeBaseUrl(raw: unknown): { baseUrl?: string; problem?: string } {
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		// Not repeated: a mistyped URL may still hold a password.
		return { problem: 'it is not a valid URL' };
	}
	if (url.username !== '' || url.password !== '') {
		return {
			problem:
				'it contains a user name or password (the part before "@"). Remove it: Velt is authenticated by the API key and auth token.',
		};
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { problem: `"${text}" must start with https://` };
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return {
			problem: `"${text}" uses http://, which would send the API key and auth token unencrypted. Use https://; plain http is only allowed for localhost / 127.0.0.1 (a local emulator).`,
		};
	}
	return { baseUrl: withoutTrailingSlashes(text) };
}

/** A loop, not a regular expression: `/\/+$/` is quadratic on a run of slashes followed by other text. */
function withoutTrailingSlashes(text: string): string {
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 47 /* "/" */) end--;
	return text.slice(0, end);
}

export async function getVeltConnection(this: VeltContext): Promise<VeltConnection> {
	const credentials = await this.getCredentials('veltApi');
	const { baseUrl, problem } = normalizeBaseUrl(credentials.baseUrl);
	if (baseUrl === undefined) {
		throw new NodeOperationError(this.getNode(), `Velt API credential, Base URL: ${problem}`, {
			description:
				'Open the "Velt API" credential and correct its Base URL (the default is https://api.velt.dev).',
		});
	}
	const secrets = [credentials.apiKey, credentials.authToken].filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	const headers = {
		[API_KEY_HEADER]: String(credentials.apiKey ?? ''),
		[AUTH_TOKEN_HEADER]: String(credentials.authToken ?? ''),
	};
	return {
		baseUrl,
		secrets,
		headers,
		credentials: { id: '', name: 'veltApi', type: 'veltApi', data: credentials },
	};
}
