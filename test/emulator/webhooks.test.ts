/**
 * Webhook deliveries from the emulator, checked with node:crypto exactly as the docs tell a
 * receiver to: Standard Webhooks signatures over the raw bytes, base64-encoded payloads,
 * RSA-OAEP(SHA-256) + AES-256-CBC encrypted payloads, and basic (v1) webhooks.
 */
import {
	constants,
	createDecipheriv,
	createHmac,
	generateKeyPairSync,
	privateDecrypt,
	timingSafeEqual,
} from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { call } from './apiClient';
import { startVeltEmulator, type VeltEmulator } from './server';
import {
	ADVANCED_WEBHOOK_EVENT_GROUPS,
	ADVANCED_WEBHOOK_EVENT_TYPES,
	BASIC_WEBHOOK_ACTION_TYPES,
	ENDPOINTS,
} from './veltDocs';
import { makeAdvancedWebhookPayload, makeBasicWebhookPayload } from './webhookPayloads';
import { signStandardWebhook } from './webhooks';

interface Received {
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

let emulator: VeltEmulator;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
	emulator = await startVeltEmulator();
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await emulator.close();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
	emulator.reset();
	received.length = 0;
});

/** The docs' verification, independently of the emulator's code. */
function verify(secret: string, headers: http.IncomingHttpHeaders, body: Buffer): boolean {
	const key = Buffer.from(secret.split('_')[1], 'base64');
	const expected = createHmac('sha256', key)
		.update(
			Buffer.concat([
				Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.`),
				body,
			]),
		)
		.digest();
	return String(headers['webhook-signature'])
		.split(' ')
		.some((entry) => {
			const [version, value] = entry.split(',');
			const candidate = Buffer.from(value ?? '', 'base64');
			return (
				version === 'v1' &&
				candidate.length === expected.length &&
				timingSafeEqual(candidate, expected)
			);
		});
}

async function createEndpoint(
	data: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
	const created = await call(emulator, ENDPOINTS.createWebhookEndpoint, {
		url: receiverUrl,
		...data,
	});
	const id = created.body.result.data.id as string;
	const secret = (await call(emulator, ENDPOINTS.getWebhookEndpointSigning, { endpointId: id }))
		.body.result.data.secret as string;
	return { id, secret };
}

const context = { organizationId: 'org1', documentId: 'doc1' };

test('the documented list of event types (https://docs.velt.dev/webhooks/advanced)', () => {
	expect(ADVANCED_WEBHOOK_EVENT_TYPES).toHaveLength(34);
	expect(new Set(ADVANCED_WEBHOOK_EVENT_TYPES).size).toBe(34);
	expect(ADVANCED_WEBHOOK_EVENT_GROUPS.commentAnnotations).toHaveLength(12);
	expect(ADVANCED_WEBHOOK_EVENT_GROUPS.reviewWorkflow).toHaveLength(12);
	expect(BASIC_WEBHOOK_ACTION_TYPES.comment).toHaveLength(17);
});

test('the documented example signature', () => {
	const signature = signStandardWebhook(
		'whsec_plJ3nmyCDGBKInavdOK15jsl',
		'msg_loFOjxBNrRLzqYUf',
		1731705121,
		'{"event_type":"ping","data":{"success":true}}',
	);
	expect(signature).toBe('v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=');
});

test('advanced delivery: signed over the raw bytes, payload with metadata.apiKey', async () => {
	const { id, secret } = await createEndpoint();
	const payload = makeAdvancedWebhookPayload('comment.add', {
		...context,
		apiKey: emulator.apiKey,
	});
	const before = Math.floor(Date.now() / 1000);
	const result = await emulator.deliverWebhookEvent(id, payload);
	const after = Math.floor(Date.now() / 1000);
	expect(result.status).toBe(204);
	const [delivery] = received;
	expect(verify(secret, delivery.headers, delivery.body)).toBe(true);
	expect(delivery.headers['webhook-id']).toMatch(/^msg_/);
	// Stamped while it was sent: between the second before and the second after, however long that took.
	const stamped = Number(delivery.headers['webhook-timestamp']);
	expect(stamped >= before && stamped <= after).toBe(true);
	const body = JSON.parse(delivery.body.toString('utf8'));
	expect(body).toMatchObject({
		event: 'comment.add',
		actionType: 'add',
		source: 'comment',
		platform: 'sdk',
	});
	expect(body.data.metadata.apiKey).toBe(emulator.apiKey);
	expect(body.data.metadata.organizationMetadata.apiKey).toBe(emulator.apiKey);
	expect(
		verify(
			'whsec_' + Buffer.from('another secret').toString('base64'),
			delivery.headers,
			delivery.body,
		),
	).toBe(false);
});

test('exact bytes and content-type chosen by the test are sent and signed as sent', async () => {
	const { id, secret } = await createEndpoint();
	const bytes = Buffer.from('{"event":"comment.add" , "x":"caf\u00e9"}\n', 'utf8');
	await emulator.deliverWebhookEvent(id, null, {
		rawBody: bytes,
		contentType: 'text/plain; charset=utf-8',
	});
	const [delivery] = received;
	expect(delivery.body.equals(bytes)).toBe(true);
	expect(delivery.headers['content-type']).toBe('text/plain; charset=utf-8');
	expect(verify(secret, delivery.headers, delivery.body)).toBe(true);
});

test('encodeData: {"encodedPayload": base64(JSON)}, signed over the encoded body', async () => {
	const { id, secret } = await createEndpoint();
	await call(emulator, ENDPOINTS.updateAdvancedWebhookConfig, { encodeData: true });
	const payload = makeAdvancedWebhookPayload('huddle.create', {
		...context,
		apiKey: emulator.apiKey,
	});
	await emulator.deliverWebhookEvent(id, payload);
	const [delivery] = received;
	expect(verify(secret, delivery.headers, delivery.body)).toBe(true);
	const body = JSON.parse(delivery.body.toString('utf8'));
	expect(Object.keys(body)).toEqual(['encodedPayload']);
	expect(JSON.parse(Buffer.from(body.encodedPayload, 'base64').toString('utf8'))).toEqual(payload);
});

test('encryptData: decrypts with the documented Node.js scheme and a test key pair', async () => {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	// The docs: the public key as a base64 string without PEM headers; the sample decrypts a PKCS#1 private key.
	const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
	const privateKeyBody = (privateKey.export({ type: 'pkcs1', format: 'pem' }) as string)
		.replace(/-----(BEGIN|END) RSA PRIVATE KEY-----/g, '')
		.trim();
	const { id, secret } = await createEndpoint();
	const config = await call(emulator, ENDPOINTS.updateAdvancedWebhookConfig, {
		encryptData: true,
		publicKey: publicKeyBase64,
	});
	expect(config.body.result.data).toMatchObject({ encryptData: true, publicKey: publicKeyBase64 });
	const payload = makeAdvancedWebhookPayload('comment_annotation.status_change', {
		...context,
		apiKey: emulator.apiKey,
	});
	await emulator.deliverWebhookEvent(id, payload);
	const [delivery] = received;
	expect(verify(secret, delivery.headers, delivery.body)).toBe(true);
	const { encryptedData, encryptedKey, iv } = JSON.parse(delivery.body.toString('utf8'));
	const symmetricKey = privateDecrypt(
		{
			key: `-----BEGIN RSA PRIVATE KEY-----\n${privateKeyBody}\n-----END RSA PRIVATE KEY-----`,
			padding: constants.RSA_PKCS1_OAEP_PADDING,
			oaepHash: 'sha256',
		},
		Buffer.from(encryptedKey, 'base64'),
	);
	const decipher = createDecipheriv('aes-256-cbc', symmetricKey, Buffer.from(iv, 'base64'));
	const decrypted = decipher.update(encryptedData, 'base64', 'utf8') + decipher.final('utf8');
	expect(JSON.parse(decrypted)).toEqual(payload);
});

test('publish: only enabled endpoints whose filterTypes include the event (no filter = all events)', async () => {
	const comments = await createEndpoint({ filterTypes: ['comment.add'] });
	const all = await createEndpoint();
	const disabled = await createEndpoint({ disabled: true });
	const results = await emulator.publishWebhookEvent(
		makeAdvancedWebhookPayload('huddle.join', { ...context, apiKey: emulator.apiKey }),
	);
	expect(results.map((r) => r.endpointId)).toEqual([all.id]);
	const again = await emulator.publishWebhookEvent(
		makeAdvancedWebhookPayload('comment.add', { ...context, apiKey: emulator.apiKey }),
	);
	expect(again.map((r) => r.endpointId).sort()).toEqual([comments.id, all.id].sort());
	expect(again.map((r) => r.endpointId)).not.toContain(disabled.id);
});

test('basic (v1) webhooks: Authorization Basic <token>, actionType + notificationSource, encodedPayload', async () => {
	await call(emulator, ENDPOINTS.updateWebhookConfig, {
		useWebhookService: true,
		webhookServiceConfig: { authToken: 'webhook_auth_token_here', rawNotificationUrl: receiverUrl },
	});
	const payload = makeBasicWebhookPayload('added', 'comment', {
		...context,
		apiKey: emulator.apiKey,
	});
	await emulator.deliverBasicWebhookEvent(payload);
	await call(emulator, ENDPOINTS.updateWebhookConfig, {
		webhookServiceConfig: { encodeData: true },
	});
	await emulator.deliverBasicWebhookEvent(
		makeBasicWebhookPayload('created', 'huddle', { ...context, apiKey: emulator.apiKey }),
	);
	const [plain, encoded] = received;
	expect(plain.headers.authorization).toBe('Basic webhook_auth_token_here');
	expect(plain.headers['webhook-signature']).toBeUndefined();
	const body = JSON.parse(plain.body.toString('utf8'));
	expect(body).toMatchObject({
		actionType: 'added',
		notificationSource: 'comment',
		metadata: { apiKey: emulator.apiKey },
	});
	expect(body).not.toHaveProperty('event');
	const decoded = JSON.parse(
		Buffer.from(JSON.parse(encoded.body.toString('utf8')).encodedPayload, 'base64').toString(
			'utf8',
		),
	);
	expect(decoded).toMatchObject({ actionType: 'created', notificationSource: 'huddle' });
});

test('deliveries over the control endpoint (as the e2e suite drives them)', async () => {
	const { id, secret } = await createEndpoint();
	const answer = await fetch(`${emulator.url}/__emulator/webhooks/deliver`, {
		method: 'POST',
		body: JSON.stringify({
			endpointId: id,
			payload: { event: 'comment.add' },
			options: { encoding: 'base64' },
		}),
	});
	expect(answer.status).toBe(200);
	expect(verify(secret, received[0].headers, received[0].body)).toBe(true);
	expect(JSON.parse(received[0].body.toString('utf8'))).toHaveProperty('encodedPayload');
});
