import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { scrubVeltData } from '../shared/transport';
import { endpointSecrets } from './endpointSecrets';
import { followMovedUrl } from './healing';
import { basicEventName, chosenEvents, isSelectedEvent } from './events';
import type { Decoded } from './payload';
import { decodePayload, parseRawBody } from './payload';
import type { EndpointState } from './registration';
import { logRefusal } from './refusalLog';
import { processReplayGuard } from './replayGuard';
import {
	checkStandardSignature,
	isUsableToken,
	precheckStandardWebhook,
	verifyBasicToken,
} from './webhookVerification';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
};

/** What Velt gets back for a delivery it need not send again. */
const RECEIVED = { received: true };

/** The body's bytes as they arrived; n8n reads them before parsing, whatever the content type. */
async function rawBodyOf(request: WebhookRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function')
		await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/** Answers the request directly and starts no execution. */
function refuse(context: IWebhookFunctions, status: number, reason: string): IWebhookResponseData {
	context
		.getResponseObject()
		.status(status)
		.json({
			error: status === 401 ? 'Webhook verification failed' : 'Webhook payload could not be read',
		});
	logRefusal(context, `Velt Trigger refused a request (${status}): ${reason}`);
	return { noWebhookResponse: true };
}

function accept(payload: IDataObject): IWebhookResponseData {
	return { workflowData: [[{ json: payload }]], webhookResponse: RECEIVED };
}

/**
 * The id is remembered as soon as the delivery is accepted, but n8n may still fail to
 * start the execution (its database busy, say) and answer 500. Velt then retries with
 * the same id, which must not be taken for a replay: the id is forgotten when the
 * answer that finally goes out is not a success.
 */
function forgetUnlessDelivered(context: IWebhookFunctions, scope: string, id: string): void {
	const response = context.getResponseObject() as unknown as {
		once?: (event: string, listener: () => void) => void;
		statusCode?: number;
	};
	if (typeof response.once !== 'function') return;
	response.once('finish', () => {
		if ((response.statusCode ?? 500) >= 300) processReplayGuard.forget(scope, id);
	});
}

function readPayload(rawBody: Buffer, privateKey: string | undefined): Decoded {
	const parsed = parseRawBody(rawBody);
	return parsed.ok ? decodePayload(parsed.payload, privateKey) : parsed;
}

async function receiveAdvanced(
	this: IWebhookFunctions,
	rawBody: Buffer,
): Promise<IWebhookResponseData> {
	const state = this.getWorkflowStaticData('node') as EndpointState;
	const endpointId = state.endpointId;
	if (endpointId === undefined) return refuse(this, 401, 'the trigger is not registered with Velt');
	// Headers first: a request that could never verify must not cost a Velt call for the secret.
	const signed = precheckStandardWebhook({
		headers: this.getHeaderData() as Record<string, unknown>,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
	if (!signed.ok) return refuse(this, 401, signed.reason);
	const loaded = await endpointSecrets.call(this, endpointId);
	if (!loaded.ok) {
		// 503 rather than 401: Velt retries, and the delivery arrives once the secret can be read.
		// Nothing is registered from here: this request is not verified, and an endpoint deleted
		// at Velt gets no deliveries from Velt, so only activation registers again.
		this.getResponseObject()
			.status(503)
			.json({ error: 'The signing secret could not be read from Velt' });
		logRefusal(
			this,
			loaded.failure.veltCode === 'NOT_FOUND'
				? `Velt Trigger: webhook endpoint ${endpointId} no longer exists at Velt (deleted in the Velt console?), so this trigger receives no events; deactivate and activate the workflow to register it again`
				: `Velt Trigger could not read the signing secret: ${loaded.failure.message}`,
		);
		return { noWebhookResponse: true };
	}
	const { signingSecret, privateKey, secrets } = loaded.value;
	const verdict = checkStandardSignature({ secret: signingSecret, signed, rawBody });
	if (!verdict.ok) return refuse(this, 401, verdict.reason);
	const decoded = readPayload(rawBody, privateKey);
	if (!decoded.ok) return refuse(this, 400, decoded.reason);
	const payload = scrubVeltData(decoded.payload, secrets);
	const scope = `${this.getWorkflow().id ?? ''}\n${this.getNode().id}\n${endpointId}`;
	if (!processReplayGuard.firstTime(scope, verdict.id, verdict.timestampSeconds, Date.now())) {
		this.logger.info(`Velt Trigger ignored a repeated delivery of message ${verdict.id}`);
		return { webhookResponse: { ...RECEIVED, duplicate: true } };
	}
	forgetUnlessDelivered(this, scope, verdict.id);
	if (state.webhookUrl !== undefined) await followMovedUrl(this, endpointId, state.webhookUrl);
	const selected = chosenEvents((name, fallback) => this.getNodeParameter(name, fallback));
	if (!isSelectedEvent(typeof payload.event === 'string' ? payload.event : undefined, selected))
		return { webhookResponse: { ...RECEIVED, ignored: true } };
	return accept(payload);
}

async function receiveBasic(
	this: IWebhookFunctions,
	rawBody: Buffer,
): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials('veltWebhookApi');
	if (!isUsableToken(credentials.authToken))
		return refuse(this, 401, 'the Velt Webhook API credential has no auth token');
	const verdict = verifyBasicToken(this.getHeaderData().authorization, credentials.authToken);
	if (!verdict.ok) return refuse(this, 401, verdict.reason);
	const privateKey =
		typeof credentials.privateKey === 'string' && credentials.privateKey.trim() !== ''
			? credentials.privateKey
			: undefined;
	const decoded = readPayload(rawBody, privateKey);
	if (!decoded.ok) return refuse(this, 400, decoded.reason);
	const payload = scrubVeltData(decoded.payload, [
		credentials.authToken,
		...(privateKey ? [privateKey] : []),
	]);
	// Basic payloads carry notificationSource + actionType: "comment.added" and "huddle.created" stay apart.
	const event = basicEventName(payload) ?? null;
	const selected = chosenEvents(
		(name, fallback) => this.getNodeParameter(name, fallback),
		'basicEvents',
	);
	if (!isSelectedEvent(event ?? undefined, selected))
		return { webhookResponse: { ...RECEIVED, ignored: true } };
	// The computed name wins over a payload's own `event` field (issue 23, finding 13).
	return accept(Object.assign({ event }, payload, { event }));
}

/** Verifies a delivery over its exact bytes, then outputs exactly the verified (decoded) JSON. */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf(this.getRequestObject() as WebhookRequest);
	if (rawBody === undefined)
		return refuse(this, 400, 'the request body could not be read as bytes');
	return this.getNodeParameter('mode') === 'advanced'
		? await receiveAdvanced.call(this, rawBody)
		: await receiveBasic.call(this, rawBody);
}
