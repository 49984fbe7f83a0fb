import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { VeltFailure } from '../shared/transport';
import { signingSecretProblem } from './webhookVerification';
import {
	DEFAULT_REQUEST_POLICY,
	ENDPOINTS,
	getVeltConnection,
	sendVeltRequest,
} from '../shared/transport';

/** What verifying and decoding an advanced delivery needs, held in this process's memory only. */
export interface EndpointSecrets {
	signingSecret: string;
	privateKey?: string;
	/** Every secret to scrub from outputs: the credential's key and token, the signing secret, the private key. */
	secrets: string[];
}

export type SecretsResult =
	| { ok: true; value: EndpointSecrets }
	| { ok: false; failure: VeltFailure };

// The signing secret is never written to the workflow (its static data is readable
// by anyone who can open the workflow): each process fetches it once with the
// credential and keeps it here, refreshed after a while so a rotated secret or an
// edited credential is picked up without a restart.
const REFRESH_AFTER_MS = 10 * 60 * 1000;
// A failed load is remembered this long. Anyone can send a well-formed unsigned request, so
// retrying per delivery would turn a stranger's traffic into Velt calls with the user's
// credential; Velt itself retries a 503 later, by when the load is tried again.
export const FAILED_LOAD_RETRY_AFTER_MS = 30 * 1000;
// An endpoint Velt says it does not know cannot get deliveries from Velt any more: only
// strangers still post to it, so it is asked again no sooner than a working secret would be.
const NOT_FOUND_RETRY_AFTER_MS = REFRESH_AFTER_MS;
const cache = new Map<
	string,
	{ expiresAt: number; result: Promise<SecretsResult>; failed: boolean }
>();

type SecretsContext = IHookFunctions | IWebhookFunctions;

async function load(this: SecretsContext, endpointId: string): Promise<SecretsResult> {
	const connection = await getVeltConnection.call(this);
	const answer = await sendVeltRequest.call(
		this,
		connection,
		ENDPOINTS.readWebhookEndpointSigningInfo,
		{ endpointId },
		{ policy: DEFAULT_REQUEST_POLICY, idempotent: true },
	);
	if (!answer.ok) return { ok: false, failure: answer.failure };
	const signingSecret = (answer.data as IDataObject | undefined)?.secret;
	if (typeof signingSecret !== 'string' || signingSecret === '') {
		return {
			ok: false,
			failure: {
				kind: 'invalidResponse',
				message: 'Velt returned no signing secret for the webhook endpoint',
			},
		};
	}
	const problem = signingSecretProblem(signingSecret);
	if (problem !== undefined) {
		// The message names the problem, never the secret.
		return {
			ok: false,
			failure: {
				kind: 'invalidResponse',
				message: `Velt returned an unusable signing secret: ${problem}`,
			},
		};
	}
	const rawKey = connection.credentials.data?.webhookPrivateKey;
	const privateKey = typeof rawKey === 'string' && rawKey.trim() !== '' ? rawKey : undefined;
	const secrets = [...connection.secrets, signingSecret, ...(privateKey ? [privateKey] : [])];
	return { ok: true, value: { signingSecret, privateKey, secrets } };
}

/** A load that throws (getCredentials, an invalid Base URL) is a failure like any other. */
async function settledLoad(this: SecretsContext, endpointId: string): Promise<SecretsResult> {
	try {
		return await load.call(this, endpointId);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, failure: { kind: 'invalidResponse', message } };
	}
}

/**
 * The endpoint's secrets, loaded once per process (concurrent first requests share one load).
 * A failure is kept for FAILED_LOAD_RETRY_AFTER_MS (NOT_FOUND for 10 minutes), so at most one
 * Velt call per interval. Activation (`retryFailed`) loads again after a remembered failure.
 */
export async function endpointSecrets(
	this: SecretsContext,
	endpointId: string,
	options: { retryFailed?: boolean } = {},
): Promise<SecretsResult> {
	const key = `${this.getWorkflow().id ?? ''}\n${endpointId}`;
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && now < cached.expiresAt && !(options.retryFailed === true && cached.failed))
		return await cached.result;
	const result = settledLoad.call(this, endpointId);
	const entry = { expiresAt: now + REFRESH_AFTER_MS, result, failed: false };
	cache.set(key, entry);
	const settled = await result;
	if (!settled.ok) {
		entry.failed = true;
		const retryAfter =
			settled.failure.veltCode === 'NOT_FOUND'
				? NOT_FOUND_RETRY_AFTER_MS
				: FAILED_LOAD_RETRY_AFTER_MS;
		entry.expiresAt = Math.min(entry.expiresAt, Date.now() + retryAfter);
	}
	return settled;
}

/** Forgets an endpoint's secrets once the endpoint is deleted. */
export function forgetEndpointSecrets(workflowId: string | undefined, endpointId: string): void {
	cache.delete(`${workflowId ?? ''}\n${endpointId}`);
}
