import { constants, createDecipheriv, createPrivateKey, privateDecrypt } from 'crypto';
import type { KeyObject } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { decodeJsonObject } from '../shared/transport';

export type Decoded = { ok: true; payload: IDataObject } | { ok: false; reason: string };

const BASE64 = /^[A-Z0-9+/]*={0,2}$/i;

function strictBase64(text: string): Buffer | undefined {
	const compact = text.replace(/\s+/g, '');
	if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
	return Buffer.from(compact, 'base64');
}

/** Velt's JSON object in `text` (a leading BOM dropped), or why not. */
function decodePayloadJson(text: string, what: string): Decoded {
	const decoded = decodeJsonObject(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	if (decoded.ok) return { ok: true, payload: decoded.object };
	return {
		ok: false,
		reason: decoded.notJson ? `${what} is not JSON` : `${what} is not a JSON object`,
	};
}

/** The request body exactly as received: its bytes read as UTF-8 JSON, whatever the content type said. */
export function parseRawBody(rawBody: Buffer): Decoded {
	const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
	try {
		return decodePayloadJson(text.decode(rawBody), 'the request body');
	} catch {
		return { ok: false, reason: 'the request body is not UTF-8 text' };
	}
}

/**
 * The private key as Velt's docs show it: bare base64 (PKCS#1 `RSA PRIVATE KEY`),
 * or a full PEM block of either kind.
 */
export function readPrivateKey(text: string): KeyObject {
	const trimmed = text.trim();
	if (trimmed.includes('-----BEGIN')) return createPrivateKey(trimmed.replace(/\\n/g, '\n'));
	const der = strictBase64(trimmed);
	if (der === undefined || der.length === 0)
		throw new Error('the private key is neither PEM nor base64');
	try {
		return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
	} catch {
		return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
	}
}

/**
 * Velt's encryption: the AES-256-CBC key is RSA-encrypted (OAEP, SHA-256) with
 * the workspace's public key; the data is AES-256-CBC with the given IV; all base64.
 */
function decrypt(body: IDataObject, privateKey: string | undefined): Decoded {
	if (privateKey === undefined || privateKey.trim() === '') {
		return {
			ok: false,
			reason: 'the payload is encrypted but the credential has no decryption private key',
		};
	}
	const encryptedKey = strictBase64(String(body.encryptedKey));
	const iv = strictBase64(String(body.iv));
	const data = strictBase64(String(body.encryptedData));
	if (encryptedKey === undefined || iv === undefined || data === undefined) {
		return { ok: false, reason: 'the encrypted payload has fields that are not base64' };
	}
	let key: KeyObject;
	try {
		key = readPrivateKey(privateKey);
	} catch {
		return { ok: false, reason: 'the decryption private key in the credential cannot be read' };
	}
	let plain: Buffer;
	try {
		const symmetricKey = privateDecrypt(
			{ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
			encryptedKey,
		);
		const decipher = createDecipheriv('aes-256-cbc', symmetricKey, iv);
		plain = Buffer.concat([decipher.update(data), decipher.final()]);
	} catch {
		return {
			ok: false,
			reason: 'the encrypted payload cannot be decrypted with the private key in the credential',
		};
	}
	return decodePayloadJson(plain.toString('utf8'), 'the decrypted payload');
}

function decode(encoded: unknown): Decoded {
	const bytes = typeof encoded === 'string' ? strictBase64(encoded) : undefined;
	if (bytes === undefined) return { ok: false, reason: 'encodedPayload is not base64' };
	return decodePayloadJson(bytes.toString('utf8'), 'the decoded encodedPayload');
}

/**
 * The event itself: a plain payload as is, an encoded one (`encodedPayload`,
 * base64 JSON) decoded, an encrypted one (`encryptedData`, `encryptedKey`, `iv`)
 * decrypted. A payload that claims either form but cannot be read is an error,
 * never passed on as it came.
 */
export function decodePayload(body: IDataObject, privateKey?: string): Decoded {
	if ('encodedPayload' in body) return decode(body.encodedPayload);
	if ('encryptedData' in body || 'encryptedKey' in body) {
		if (
			typeof body.encryptedData !== 'string' ||
			typeof body.encryptedKey !== 'string' ||
			typeof body.iv !== 'string'
		) {
			return { ok: false, reason: 'the encrypted payload lacks encryptedData, encryptedKey or iv' };
		}
		return decrypt(body, privateKey);
	}
	return { ok: true, payload: body };
}
