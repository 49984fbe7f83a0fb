import { createHmac, timingSafeEqual } from 'crypto';

/** Velt's advanced webhooks follow Standard Webhooks: 5 minutes either way is accepted. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type VerificationResult = { ok: true } | { ok: false; reason: string };

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first !== '' ? first : undefined;
}

function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** The key of a `whsec_...` secret: the base64 part after the prefix. */
export function signingKeyOf(secret: string): Buffer {
	return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function signPayload(secret: string, id: string, timestampSeconds: string, rawBody: string): string {
	return createHmac('sha256', signingKeyOf(secret)).update(`${id}.${timestampSeconds}.${rawBody}`).digest('base64');
}

/**
 * Checks a Standard Webhooks request: HMAC-SHA256 over "id.timestamp.body",
 * any of the space-separated `v1,<signature>` entries may match, compared in
 * constant time, and the timestamp must be recent (against replays).
 */
export function verifyStandardWebhook(input: { secret: string; headers: Record<string, unknown>; rawBody: string; nowSeconds: number }): VerificationResult {
	const id = header(input.headers, 'webhook-id');
	const timestamp = header(input.headers, 'webhook-timestamp');
	const signatures = header(input.headers, 'webhook-signature');
	if (id === undefined || timestamp === undefined || signatures === undefined) {
		return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
	}
	const sentAt = Number(timestamp);
	if (!Number.isInteger(sentAt)) return { ok: false, reason: 'webhook-timestamp is not a number' };
	if (Math.abs(input.nowSeconds - sentAt) > SIGNATURE_TOLERANCE_SECONDS) {
		return { ok: false, reason: 'webhook-timestamp is too old or in the future' };
	}
	const expected = signPayload(input.secret, id, timestamp, input.rawBody);
	const matches = signatures
		.split(' ')
		.map((entry) => entry.split(','))
		.some(([version, signature]) => version === 'v1' && signature !== undefined && safeEqual(signature, expected));
	return matches ? { ok: true } : { ok: false, reason: 'no signature matches' };
}

/** Velt's basic webhooks send `Authorization: Basic <token>` with the token set in the console. */
export function verifyBasicToken(authorization: unknown, token: string): VerificationResult {
	const value = Array.isArray(authorization) ? authorization[0] : authorization;
	if (typeof value !== 'string' || !value.startsWith('Basic ')) return { ok: false, reason: 'missing Authorization: Basic header' };
	return safeEqual(value.slice('Basic '.length).trim(), token) ? { ok: true } : { ok: false, reason: 'wrong token' };
}

/** Basic webhooks may wrap the event as base64 JSON in `encodedPayload`. */
export function decodeBasicPayload(body: unknown): unknown {
	if (typeof body !== 'object' || body === null) return body;
	const encoded = (body as Record<string, unknown>).encodedPayload;
	if (typeof encoded !== 'string') return body;
	try {
		return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
	} catch {
		return body;
	}
}
