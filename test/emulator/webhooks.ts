/**
 * Webhook deliveries from the emulator to a receiver on this machine: advanced webhooks
 * (Standard Webhooks signing over the raw bytes, optional base64 encoding or RSA+AES
 * encryption, https://docs.velt.dev/webhooks/advanced) and basic v1 webhooks (`Authorization: Basic <token>`,
 * https://docs.velt.dev/webhooks/basic).
 */
import {
	constants,
	createCipheriv,
	createHmac,
	createPublicKey,
	publicEncrypt,
	randomBytes,
	timingSafeEqual,
	type KeyObject,
} from 'crypto';
import * as http from 'http';

import { ENCODED_PAYLOAD_FIELD, PUBLIC_KEY_DER_TYPES } from './choices';
import {
	WEBHOOK_DELIVERY_TIMEOUT_MS,
	WEBHOOK_ID_HEADER,
	WEBHOOK_KEY_OAEP_HASH,
	WEBHOOK_PAYLOAD_CIPHER,
	WEBHOOK_SECRET_PREFIX as SECRET_PREFIX,
	WEBHOOK_SIGNATURE_HEADER,
	WEBHOOK_TIMESTAMP_HEADER,
} from './veltDocs';

export {
	WEBHOOK_DELIVERY_TIMEOUT_MS,
	WEBHOOK_ID_HEADER,
	WEBHOOK_SIGNATURE_HEADER,
	WEBHOOK_TIMESTAMP_HEADER,
};

/** How a payload travels: as JSON, base64-encoded, or encrypted (the advanced config's options). */
export type WebhookPayloadEncoding = 'plain' | 'base64' | 'encrypted';

export interface EncryptedWebhookPayload {
	encryptedData: string;
	encryptedKey: string;
	iv: string;
}

/** `{"encodedPayload": base64(JSON)}` (the field name is a choice: choices.ts). */
export function encodeWebhookPayload(payload: unknown): Record<string, string> {
	const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
	return { [ENCODED_PAYLOAD_FIELD]: Buffer.from(json, 'utf8').toString('base64') };
}

/** A public key given as the docs ask: the base64 key string without PEM headers (or a PEM). */
export function parseWebhookPublicKey(publicKey: string): KeyObject {
	if (publicKey.includes('-----BEGIN')) return createPublicKey(publicKey);
	const der = Buffer.from(publicKey.replace(/\s+/g, ''), 'base64');
	let lastError: unknown;
	for (const type of PUBLIC_KEY_DER_TYPES) {
		try {
			return createPublicKey({ key: der, format: 'der', type });
		} catch (error) {
			lastError = error;
		}
	}
	throw new Error(
		`publicKey is not an RSA public key: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
	);
}

/**
 * The documented scheme: the JSON is encrypted with AES-256-CBC under a fresh 32-byte key and
 * 16-byte IV; the key is encrypted with RSA OAEP (SHA-256); all three are base64.
 */
export function encryptWebhookPayload(
	payload: unknown,
	publicKey: string,
): EncryptedWebhookPayload {
	const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const key = randomBytes(32);
	const iv = randomBytes(16);
	const cipher = createCipheriv(WEBHOOK_PAYLOAD_CIPHER, key, iv);
	const encryptedData = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]).toString(
		'base64',
	);
	const encryptedKey = publicEncrypt(
		{
			key: parseWebhookPublicKey(publicKey),
			padding: constants.RSA_PKCS1_OAEP_PADDING,
			oaepHash: WEBHOOK_KEY_OAEP_HASH,
		},
		key,
	).toString('base64');
	return { encryptedData, encryptedKey, iv: iv.toString('base64') };
}

/** The body object a payload becomes under an encoding. */
export function wrapWebhookPayload(
	payload: unknown,
	encoding: WebhookPayloadEncoding,
	publicKey?: string,
): unknown {
	if (encoding === 'base64') return encodeWebhookPayload(payload);
	if (encoding === 'encrypted') {
		if (publicKey === undefined || publicKey === '')
			throw new Error('Encrypted delivery needs a publicKey');
		return encryptWebhookPayload(payload, publicKey);
	}
	return payload;
}

function secretKey(secret: string): Buffer {
	return Buffer.from(
		secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
		'base64',
	);
}

/**
 * The `webhook-signature` header value for one message: `v1,<base64 HMAC-SHA256>` over
 * `"<id>.<timestampSeconds>.<body>"`, keyed with the base64-decoded part after `whsec_`.
 */
export function signStandardWebhook(
	secret: string,
	id: string,
	timestampSeconds: number,
	body: string | Buffer,
): string {
	const digest = createHmac('sha256', secretKey(secret))
		.update(`${id}.${timestampSeconds}.`)
		.update(body)
		.digest('base64');
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
	body: string | Buffer,
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

	const expected = Buffer.from(
		signStandardWebhook(secret, id, timestamp, body).slice('v1,'.length),
		'base64',
	);
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
	/** Send these exact bytes instead of JSON-encoding the payload (the signature covers them as sent). */
	rawBody?: string | Buffer;
	/** content-type header (default application/json). */
	contentType?: string;
	/** Encode or encrypt the payload (default: the workspace's advanced webhook config). */
	encoding?: WebhookPayloadEncoding;
	/** Public key for 'encrypted' (default: the workspace's config publicKey). */
	publicKey?: string;
	extraHeaders?: Record<string, string>;
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface WebhookDeliveryResult {
	status: number;
	body: string;
	headers: http.IncomingHttpHeaders;
	/** What was sent, so tests can verify it independently (body as text; bodyBytes exact). */
	sent: { url: string; headers: Record<string, string>; body: string; bodyBytes: Buffer };
}

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost']);

function bodyBytesOf(
	payload: unknown,
	options: WebhookDeliveryOptions,
	publicKey?: string,
): Buffer {
	if (options.rawBody !== undefined)
		return Buffer.isBuffer(options.rawBody)
			? options.rawBody
			: Buffer.from(options.rawBody, 'utf8');
	const wrapped = wrapWebhookPayload(
		payload,
		options.encoding ?? 'plain',
		options.publicKey ?? publicKey,
	);
	return Buffer.from(typeof wrapped === 'string' ? wrapped : JSON.stringify(wrapped), 'utf8');
}

/** POSTs a Standard-Webhooks-signed event to an advanced endpoint. Only plain http on this machine. */
export async function deliverSignedWebhook(
	endpoint: { url: string; secret: string },
	payload: unknown,
	options: WebhookDeliveryOptions = {},
): Promise<WebhookDeliveryResult> {
	const body = bodyBytesOf(payload, options);
	const id = options.webhookId ?? `msg_${randomBytes(16).toString('hex')}`;
	const timestampSeconds = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
	const signature =
		options.signature ??
		signStandardWebhook(options.secret ?? endpoint.secret, id, timestampSeconds, body);
	return await postToLoopback(endpoint.url, body, options, {
		[WEBHOOK_ID_HEADER]: id,
		[WEBHOOK_TIMESTAMP_HEADER]: String(timestampSeconds),
		[WEBHOOK_SIGNATURE_HEADER]: signature,
	});
}

export interface BasicWebhookTarget {
	url: string;
	/** Sent as `Authorization: Basic <authToken>` when set (https://docs.velt.dev/webhooks/basic). */
	authToken?: string;
}

/** POSTs a basic (v1) webhook: no signature, the optional auth token in Authorization. */
export async function deliverBasicWebhook(
	target: BasicWebhookTarget,
	payload: unknown,
	options: WebhookDeliveryOptions = {},
): Promise<WebhookDeliveryResult> {
	const body = bodyBytesOf(payload, options);
	const auth: Record<string, string> =
		target.authToken === undefined || target.authToken === ''
			? {}
			: { authorization: `Basic ${target.authToken}` };
	return await postToLoopback(target.url, body, options, auth);
}

function postToLoopback(
	url: string,
	body: Buffer,
	options: WebhookDeliveryOptions,
	protocolHeaders: Record<string, string>,
): Promise<WebhookDeliveryResult> {
	const target = new URL(url);
	if (target.protocol !== 'http:' || !LOOPBACK_HOSTNAMES.has(target.hostname)) {
		return Promise.reject(
			new Error(
				`Refusing to deliver a webhook to ${url}: the emulator only calls http://127.0.0.1`,
			),
		);
	}
	const headers: Record<string, string> = {
		'content-type': options.contentType ?? 'application/json',
		'user-agent': 'velt-emulator-webhooks',
		...protocolHeaders,
		...options.extraHeaders,
	};

	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port: target.port === '' ? 80 : Number(target.port),
				path: `${target.pathname}${target.search}`,
				method: 'POST',
				headers: { ...headers, 'content-length': String(body.length) },
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
						sent: { url, headers, body: body.toString('utf8'), bodyBytes: body },
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('timeout', () =>
			request.destroy(new Error('Webhook receiver did not answer in time')),
		);
		request.on('error', reject);
		request.end(body);
	});
}
