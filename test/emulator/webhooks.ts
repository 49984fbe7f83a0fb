/**
 * Standard Webhooks signing (the scheme Velt's advanced webhooks use) and delivery of
 * signed events to a receiver on this machine.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import * as http from 'http';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/** Velt expects receivers to answer within 15 s. */
export const WEBHOOK_DELIVERY_TIMEOUT_MS = 15_000;

const SECRET_PREFIX = 'whsec_';

function secretKey(secret: string): Buffer {
	return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/**
 * The `webhook-signature` header value for one message: `v1,<base64 HMAC-SHA256>` over
 * `"<id>.<timestampSeconds>.<body>"`, keyed with the base64-decoded part after `whsec_`.
 */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
	const digest = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
	return `v1,${digest}`;
}

/** Lower-case header names, as node's IncomingHttpHeaders has them. */
export type StandardWebhookHeaders = Record<string, string | string[] | undefined>;

function singleHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies a delivery the way a receiver should: any of the space-separated `v1,` entries
 * matches, and the timestamp is within the tolerance (default 5 minutes).
 */
export function verifyStandardWebhook(
	secret: string,
	headers: StandardWebhookHeaders,
	body: string,
	options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
	const id = singleHeader(headers[WEBHOOK_ID_HEADER]);
	const timestampText = singleHeader(headers[WEBHOOK_TIMESTAMP_HEADER]);
	const signatures = singleHeader(headers[WEBHOOK_SIGNATURE_HEADER]);
	if (id === undefined || timestampText === undefined || signatures === undefined) return false;
	if (!/^\d+$/.test(timestampText)) return false;
	const timestamp = Number(timestampText);
	const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;

	const expected = Buffer.from(signStandardWebhook(secret, id, timestamp, body).slice('v1,'.length), 'base64');
	return signatures.split(' ').some((entry) => {
		const [version, value] = entry.split(',', 2);
		if (version !== 'v1' || value === undefined) return false;
		const candidate = Buffer.from(value, 'base64');
		return candidate.length === expected.length && timingSafeEqual(candidate, expected);
	});
}

export interface WebhookDeliveryOptions {
	/** webhook-id header; a fresh `msg_...` by default. */
	webhookId?: string;
	/** webhook-timestamp header (seconds); now by default. Set it old to test replay protection. */
	timestampSeconds?: number;
	/** Sign with this secret instead of the endpoint's (to test a wrong secret). */
	secret?: string;
	/** Send this webhook-signature verbatim instead of computing it. */
	signature?: string;
	/** Send this body verbatim instead of JSON-encoding the payload (signature still covers it). */
	rawBody?: string;
	extraHeaders?: Record<string, string>;
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface WebhookDeliveryResult {
	status: number;
	body: string;
	headers: http.IncomingHttpHeaders;
	/** What was sent, so tests can verify it independently. */
	sent: { url: string; headers: Record<string, string>; body: string };
}

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost']);

/** POSTs a signed event to a receiver. Only plain http on this machine is allowed. */
export function deliverSignedWebhook(
	endpoint: { url: string; secret: string },
	payload: unknown,
	options: WebhookDeliveryOptions = {},
): Promise<WebhookDeliveryResult> {
	const target = new URL(endpoint.url);
	if (target.protocol !== 'http:' || !LOOPBACK_HOSTNAMES.has(target.hostname)) {
		return Promise.reject(
			new Error(`Refusing to deliver a webhook to ${endpoint.url}: the emulator only calls http://127.0.0.1`),
		);
	}
	const body = options.rawBody ?? (typeof payload === 'string' ? payload : JSON.stringify(payload));
	const id = options.webhookId ?? `msg_${randomBytes(16).toString('hex')}`;
	const timestampSeconds = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
	const signature =
		options.signature ?? signStandardWebhook(options.secret ?? endpoint.secret, id, timestampSeconds, body);
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'user-agent': 'velt-emulator-webhooks',
		[WEBHOOK_ID_HEADER]: id,
		[WEBHOOK_TIMESTAMP_HEADER]: String(timestampSeconds),
		[WEBHOOK_SIGNATURE_HEADER]: signature,
		...options.extraHeaders,
	};

	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port: target.port === '' ? 80 : Number(target.port),
				path: `${target.pathname}${target.search}`,
				method: 'POST',
				headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
				agent: false, // no pooled keep-alive socket may outlive the delivery
				timeout: options.timeoutMs ?? WEBHOOK_DELIVERY_TIMEOUT_MS,
				signal: options.signal,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						headers: response.headers,
						sent: { url: endpoint.url, headers, body },
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error('Webhook receiver did not answer in time')));
		request.on('error', reject);
		request.end(body);
	});
}
