import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { VeltFailure } from '../shared/transport';
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
const cache = new Map<string, { loadedAt: number; result: Promise<SecretsResult> }>();

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
	const rawKey = connection.credentials.data?.webhookPrivateKey;
	const privateKey = typeof rawKey === 'string' && rawKey.trim() !== '' ? rawKey : undefined;
	const secrets = [...connection.secrets, signingSecret, ...(privateKey ? [privateKey] : [])];
	return { ok: true, value: { signingSecret, privateKey, secrets } };
}

/** The endpoint's secrets, loaded once per process (concurrent first requests share one load). */
export async function endpointSecrets(
	this: SecretsContext,
	endpointId: string,
): Promise<SecretsResult> {
	const key = `${this.getWorkflow().id ?? ''}\n${endpointId}`;
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && now - cached.loadedAt < REFRESH_AFTER_MS) return await cached.result;
	const result = load.call(this, endpointId);
	cache.set(key, { loadedAt: now, result });
	const settled = await result;
	// A failed load is not kept: the next delivery tries again.
	if (!settled.ok && cache.get(key)?.result === result) cache.delete(key);
	return settled;
}

/** Forgets an endpoint's secrets once the endpoint is deleted. */
export function forgetEndpointSecrets(workflowId: string | undefined, endpointId: string): void {
	cache.delete(`${workflowId ?? ''}\n${endpointId}`);
}
