/**
 * Issue 16: a Standard Webhooks delivery is accepted exactly when one of its `v1,` entries is
 * the HMAC of `id.timestamp.body` under the endpoint's (usable) key, for random ids,
 * timestamps, bodies, secrets and signature headers. The oracle signs with node:crypto on its own.
 */
import { createHmac } from 'crypto';
import fc from 'fast-check';
import {
	checkStandardSignature,
	MIN_SIGNING_KEY_BYTES,
	precheckStandardWebhook,
	SIGNATURE_TOLERANCE_SECONDS,
	verifyStandardWebhook,
} from '../../nodes/VeltTrigger/webhookVerification';

const NOW = 1_750_000_000;
const RUNS = 1000;

const reference = (key: Uint8Array, id: string, timestamp: string, body: Uint8Array) =>
	createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
const secretOf = (key: Uint8Array) => `whsec_${Buffer.from(key).toString('base64')}`;

const usableKey = fc.uint8Array({ minLength: MIN_SIGNING_KEY_BYTES, maxLength: 64 });
const anyKey = fc.oneof(
	{ weight: 4, arbitrary: usableKey },
	{ weight: 1, arbitrary: fc.uint8Array({ maxLength: MIN_SIGNING_KEY_BYTES - 1 }) },
);
const messageId = fc.oneof(
	{ weight: 9, arbitrary: fc.stringMatching(/^[\w-]{1,40}$/) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const offset = fc.oneof(
	{
		weight: 9,
		arbitrary: fc.integer({ min: -SIGNATURE_TOLERANCE_SECONDS, max: SIGNATURE_TOLERANCE_SECONDS }),
	},
	{ weight: 1, arbitrary: fc.integer({ min: -100_000, max: 100_000 }) },
);
/** One signature entry, given the right one: itself, a mutation of it, or noise. */
const entry = (right: string) =>
	fc.oneof(
		fc.constant(`v1,${right}`),
		fc
			.tuple(fc.nat({ max: right.length - 2 }), fc.constantFrom(...'ABCxyz019+/'))
			.map(([at, char]) => `v1,${right.slice(0, at)}${char}${right.slice(at + 1)}`),
		fc
			.uint8Array({ minLength: 32, maxLength: 32 })
			.map((b) => `v1,${Buffer.from(b).toString('base64')}`),
		fc.constant(`v2,${right}`),
		fc.constant(`v1,${right}x`),
		fc.stringMatching(/^[^ ]{0,12}$/),
	);

const delivery = fc
	.record({
		signerKey: anyKey,
		otherKey: usableKey,
		sameSecret: fc.boolean(),
		id: messageId,
		offset,
		body: fc.uint8Array({ maxLength: 300 }),
		tamper: fc.boolean(),
	})
	.chain((base) => {
		const timestamp = String(NOW + base.offset);
		const right = reference(base.signerKey, base.id, timestamp, base.body);
		return fc
			.array(entry(right), { minLength: 1, maxLength: 5 })
			.map((entries) => ({ ...base, timestamp, header: entries.join(' ') }));
	});

describe('Standard Webhooks signatures (property, issue 16)', () => {
	test(`accepted exactly when a v1 entry is the HMAC under a usable key (${RUNS} runs)`, () => {
		const seen = { accepted: 0, refused: 0 };
		fc.assert(
			fc.property(delivery, (d) => {
				const verifierKey = d.sameSecret ? d.signerKey : d.otherKey;
				const rawBody = Buffer.from(d.body);
				const receivedBody = d.tamper ? Buffer.concat([rawBody, Buffer.from(' ')]) : rawBody;
				const headers = {
					'webhook-id': d.id,
					'webhook-timestamp': d.timestamp,
					'webhook-signature': d.header,
				};
				const expected =
					verifierKey.length >= MIN_SIGNING_KEY_BYTES &&
					/^[\w-]{1,128}$/.test(d.id) &&
					Math.abs(Number(d.timestamp) - NOW) <= SIGNATURE_TOLERANCE_SECONDS &&
					d.header
						.split(' ')
						.includes(`v1,${reference(verifierKey, d.id, d.timestamp, receivedBody)}`);
				const input = {
					secret: secretOf(verifierKey),
					headers,
					rawBody: receivedBody,
					nowSeconds: NOW,
				};
				const verdict = verifyStandardWebhook(input);
				expect(verdict.ok).toBe(expected);
				if (verdict.ok)
					expect(verdict).toEqual({ ok: true, id: d.id, timestampSeconds: NOW + d.offset });
				// the split parts agree, and the precheck never needs the secret
				const signed = precheckStandardWebhook({ headers, nowSeconds: NOW });
				const split = signed.ok
					? checkStandardSignature({ secret: input.secret, signed, rawBody: receivedBody })
					: signed;
				expect(split).toEqual(verdict);
				seen[verdict.ok ? 'accepted' : 'refused']++;
			}),
			{ numRuns: RUNS },
		);
		// both outcomes were really exercised
		expect(seen.accepted).toBeGreaterThan(RUNS / 20);
		expect(seen.refused).toBeGreaterThan(RUNS / 5);
	});

	test(`a header that fails the precheck is refused whatever the secret (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-other'),
					fc.oneof(
						fc.string({ maxLength: 60 }),
						fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
					),
				),
				usableKey,
				fc.uint8Array({ maxLength: 50 }),
				(headers, key, body) => {
					const signed = precheckStandardWebhook({ headers, nowSeconds: NOW });
					const verdict = verifyStandardWebhook({
						secret: secretOf(key),
						headers,
						rawBody: Buffer.from(body),
						nowSeconds: NOW,
					});
					if (!signed.ok) expect(verdict).toEqual(signed);
					// random strings never carry a valid HMAC
					expect(verdict.ok).toBe(false);
				},
			),
			{ numRuns: RUNS },
		);
	});
});
