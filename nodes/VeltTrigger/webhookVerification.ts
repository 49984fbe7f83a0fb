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

/**
 * The most `webhook-signature` entries looked at. Velt's docs (https://docs.velt.dev/webhooks/advanced)
 * say the list is most commonly of length one and show three; Standard Webhooks sends two while
 * a secret rotates. Only the first entries count, so a forged request costs at most this many
 * comparisons whatever its length (issue 23, finding 14).
 */
export const MAX_SIGNATURE_ENTRIES = 5;

/** The first MAX_SIGNATURE_ENTRIES space-separated entries, without splitting the rest. */
function firstEntries(list: string): string[] {
	const entries: string[] = [];
	let start = 0;
	while (entries.length < MAX_SIGNATURE_ENTRIES && start < list.length) {
		const end = list.indexOf(' ', start);
		const stop = end === -1 ? list.length : end;
		if (stop > start) entries.push(list.slice(start, stop));
		start = stop + 1;
	}
	return entries;
}

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

/**
 * The shortest HMAC key accepted. Standard Webhooks asks for 24 to 64 bytes, but the example
 * secret on Velt's docs (https://docs.velt.dev/webhooks/advanced) decodes to 18; 16 bytes
 * (128 bits) still cannot be guessed, while an empty or few-byte key would let anyone sign.
 */
export const MIN_SIGNING_KEY_BYTES = 16;
/** Far above any real secret (64 bytes = 88 base64 characters); keeps decoding cheap. */
const MAX_SIGNING_SECRET_LENGTH = 1024;

/**
 * The key of a `whsec_...` secret: the base64 part after the prefix. Throws unless that part
 * is canonical base64 (padding optional) of at least MIN_SIGNING_KEY_BYTES bytes:
 * Buffer.from skips characters it does not know, so a garbled secret would give a short or
 * empty key that anyone could sign with.
 */
export function signingKeyOf(secret: string): Buffer {
	const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
	if (encoded.length > MAX_SIGNING_SECRET_LENGTH)
		throw new Error('the webhook signing secret is too long');
	const key = Buffer.from(encoded, 'base64');
	if (unpadded(key.toString('base64')) !== unpadded(encoded))
		throw new Error('the webhook signing secret is not valid base64 after "whsec_"');
	if (key.length < MIN_SIGNING_KEY_BYTES)
		throw new Error(
			`the webhook signing secret has ${key.length} key bytes; at least ${MIN_SIGNING_KEY_BYTES} are needed`,
		);
	return key;
}

/** Why a signing secret cannot be used, or undefined when it can. */
export function signingSecretProblem(secret: string): string | undefined {
	try {
		signingKeyOf(secret);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** Without trailing `=` (padding is optional in the secret). */
function unpadded(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '=') end--;
	return text.slice(0, end);
}

function hmacOf(key: Buffer, id: string, timestamp: string, rawBody: Buffer | string): string {
	return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest('base64');
}

/** HMAC-SHA256 over `id.timestamp.` followed by the body's exact bytes, in base64. */
export function signPayload(
	secret: string,
	id: string,
	timestampSeconds: string,
	rawBody: Buffer | string,
): string {
	return hmacOf(signingKeyOf(secret), id, timestampSeconds, rawBody);
}

/** The headers of a Standard Webhooks request that passed the checks needing no secret. */
export interface SignedHeaders {
	ok: true;
	id: string;
	timestamp: string;
	timestampSeconds: number;
	signatures: string[];
}

/**
 * Everything that can be checked without the signing secret: the three headers present, a
 * well-formed id, a digits-only timestamp within the tolerance. Done first, so a request
 * that could never verify costs no call to Velt for the secret.
 */
export function precheckStandardWebhook(input: {
	headers: Record<string, unknown>;
	nowSeconds: number;
}): SignedHeaders | { ok: false; reason: string } {
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
	const entries = firstEntries(signatures).filter((entry) => SIGNATURE_ENTRY.test(entry));
	if (entries.length === 0) return { ok: false, reason: 'no v1 signature in webhook-signature' };
	return { ok: true, id, timestamp, timestampSeconds: sentAt, signatures: entries };
}

/** The HMAC check of prechecked headers, compared in constant time. */
export function checkStandardSignature(input: {
	secret: string;
	signed: SignedHeaders;
	rawBody: Buffer;
}): SignedRequest {
	const { signed } = input;
	let key: Buffer;
	try {
		key = signingKeyOf(input.secret);
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
	const expected = hmacOf(key, signed.id, signed.timestamp, input.rawBody);
	let matched = false;
	for (const entry of signed.signatures) {
		const signature = SIGNATURE_ENTRY.exec(entry)?.[1];
		// Every entry is compared, so the time taken does not tell which one matched.
		if (signature !== undefined && constantTimeEqual(signature, expected)) matched = true;
	}
	return matched
		? { ok: true, id: signed.id, timestampSeconds: signed.timestampSeconds }
		: { ok: false, reason: 'no signature matches' };
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
	const signed = precheckStandardWebhook(input);
	return signed.ok
		? checkStandardSignature({ secret: input.secret, signed, rawBody: input.rawBody })
		: signed;
}

/** Whether a configured basic-webhook token can be used at all. */
export function isUsableToken(token: unknown): token is string {
	return typeof token === 'string' && token.trim() !== '';
}

/** Far above any real `Basic <token>` header; a longer one is refused before any work on it. */
export const MAX_AUTHORIZATION_LENGTH = 4096;

/** Trims spaces and tabs in one pass (a regex alternation here is quadratic on long runs). */
function trimSpacesAndTabs(text: string): string {
	const blank = (index: number) => text[index] === ' ' || text[index] === '\t';
	let start = 0;
	let end = text.length;
	while (start < end && blank(start)) start++;
	while (end > start && blank(end - 1)) end--;
	return text.slice(start, end);
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
	if (value.length > MAX_AUTHORIZATION_LENGTH)
		return { ok: false, reason: 'Authorization header too long' };
	const sent = trimSpacesAndTabs(value.slice('Basic '.length));
	if (!isUsableToken(sent)) return { ok: false, reason: 'empty token' };
	return constantTimeEqual(sent, token.trim())
		? { ok: true }
		: { ok: false, reason: 'wrong token' };
}
