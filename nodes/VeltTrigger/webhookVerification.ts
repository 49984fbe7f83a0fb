import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Velt's advanced webhooks follow Standard Webhooks: 5 minutes either way is accepted. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type VerificationResult = { ok: true } | { ok: false; reason: string };

export type SignedRequest =
	| { ok: true; id: string; timestampSeconds: number }
	| { ok: false; reason: string };

// Message ids are opaque tokens (Svix sends `msg_<base62>`). Dots, spaces and anything
// else that could move the `id.timestamp.body` boundaries are refused.
const MESSAGE_ID = /^[\w-]{1,128}$/;
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE_ENTRY = /^v1,([A-Za-z0-9+/]{43}=)$/;

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first !== '' ? first : undefined;
}

/** Constant-time for any two strings: compares fixed-size digests, so lengths leak nothing. */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
	const left = createHash('sha256').update(a).digest();
	const right = createHash('sha256').update(b).digest();
	return timingSafeEqual(left, right);
}

/** The key of a `whsec_...` secret: the base64 part after the prefix. */
export function signingKeyOf(secret: string): Buffer {
	return Buffer.from(
		secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret,
		'base64',
	);
}

/** HMAC-SHA256 over `id.timestamp.` followed by the body's exact bytes, in base64. */
export function signPayload(
	secret: string,
	id: string,
	timestampSeconds: string,
	rawBody: Buffer | string,
): string {
	return createHmac('sha256', signingKeyOf(secret))
		.update(`${id}.${timestampSeconds}.`)
		.update(rawBody)
		.digest('base64');
}

/**
 * Checks a Standard Webhooks request: a well-formed id, a digits-only timestamp
 * within the tolerance, and at least one exact `v1,<base64>` entry matching the
 * HMAC of the raw body bytes, compared in constant time.
 */
export function verifyStandardWebhook(input: {
	secret: string;
	headers: Record<string, unknown>;
	rawBody: Buffer;
	nowSeconds: number;
}): SignedRequest {
	const id = header(input.headers, 'webhook-id');
	const timestamp = header(input.headers, 'webhook-timestamp');
	const signatures = header(input.headers, 'webhook-signature');
	if (id === undefined || timestamp === undefined || signatures === undefined) {
		return {
			ok: false,
			reason: 'missing webhook-id, webhook-timestamp or webhook-signature header',
		};
	}
	if (!MESSAGE_ID.test(id)) return { ok: false, reason: 'webhook-id is not a valid message id' };
	if (!TIMESTAMP.test(timestamp))
		return { ok: false, reason: 'webhook-timestamp is not a whole number of seconds' };
	const sentAt = Number(timestamp);
	if (Math.abs(input.nowSeconds - sentAt) > SIGNATURE_TOLERANCE_SECONDS) {
		return { ok: false, reason: 'webhook-timestamp is too old or in the future' };
	}
	const expected = signPayload(input.secret, id, timestamp, input.rawBody);
	let matched = false;
	for (const entry of signatures.split(' ')) {
		const signature = SIGNATURE_ENTRY.exec(entry)?.[1];
		// Every entry is compared, so the time taken does not tell which one matched.
		if (signature !== undefined && constantTimeEqual(signature, expected)) matched = true;
	}
	return matched
		? { ok: true, id, timestampSeconds: sentAt }
		: { ok: false, reason: 'no signature matches' };
}

/** Whether a configured basic-webhook token can be used at all. */
export function isUsableToken(token: unknown): token is string {
	return typeof token === 'string' && token.trim() !== '';
}

/**
 * Velt's basic webhooks send `Authorization: Basic <token>` with the token set in
 * the console. An empty or whitespace-only token (configured or sent) never matches.
 */
export function verifyBasicToken(authorization: unknown, token: unknown): VerificationResult {
	if (!isUsableToken(token))
		return { ok: false, reason: 'the credential has no webhook auth token' };
	const value = Array.isArray(authorization) ? authorization[0] : authorization;
	if (typeof value !== 'string' || !value.startsWith('Basic '))
		return { ok: false, reason: 'missing Authorization: Basic header' };
	const sent = value.slice('Basic '.length).replace(/^[ \t]+|[ \t]+$/g, '');
	if (!isUsableToken(sent)) return { ok: false, reason: 'empty token' };
	return constantTimeEqual(sent, token.trim())
		? { ok: true }
		: { ok: false, reason: 'wrong token' };
}
