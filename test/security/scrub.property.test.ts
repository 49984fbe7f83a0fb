/**
 * Property (issue 16, finding 13): whatever the nesting, after scrubVeltData no string holds
 * a secret and no `metadata` / `…Metadata` object holds an `apiKey`; everything else is kept.
 */
import fc from 'fast-check';
import { scrubVeltData } from '../../nodes/shared/transport';

const SECRETS = ['prop-api-key-0001', 'prop-auth-token-0002'];

/** A string that may carry a secret somewhere inside it. */
const text = fc.oneof(
	fc.string(),
	fc
		.tuple(fc.string(), fc.constantFrom(...SECRETS), fc.string())
		.map(([before, secret, after]) => `${before}${secret}${after}`),
);

const metadataKey = fc.constantFrom('metadata', 'documentMetadata', 'organizationMetadata');

const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
	tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.integer(), tie('node')),
	node: fc.oneof(
		fc.array(tie('tree'), { maxLength: 4 }),
		fc.dictionary(fc.string({ maxLength: 6 }), tie('tree'), { maxKeys: 4 }),
		// An echoed API key next to whatever else the metadata holds.
		fc
			.tuple(metadataKey, fc.dictionary(fc.string({ maxLength: 6 }), tie('tree'), { maxKeys: 3 }))
			.map(([key, rest]) => ({ [key]: { ...rest, apiKey: SECRETS[0] } })),
	),
}));

/**
 * Wraps a value in random containers, so secrets also sit far below the top, and last in an
 * object: the scrubber works in place, as on Velt's answers, which are always objects.
 */
const deep = fc
	.tuple(
		tree,
		fc.array(fc.oneof(fc.constant('array'), fc.string({ maxLength: 4 })), { maxLength: 60 }),
	)
	.map(([value, wrappers]) => ({
		result: wrappers.reduce<unknown>(
			(inner, wrapper) => (wrapper === 'array' ? [inner] : { [wrapper]: inner }),
			value,
		),
	}));

/** Every violation left, found without recursion. */
function leftovers(value: unknown): string[] {
	const found: string[] = [];
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const current = pending.pop();
		if (typeof current === 'string') {
			if (SECRETS.some((secret) => current.includes(secret))) found.push(current);
		} else if (typeof current === 'object' && current !== null) {
			for (const [key, entry] of Object.entries(current)) {
				if (
					(key === 'metadata' || key.endsWith('Metadata')) &&
					typeof entry === 'object' &&
					entry !== null &&
					!Array.isArray(entry) &&
					'apiKey' in entry
				)
					found.push(`${key}.apiKey`);
				pending.push(entry);
			}
		}
	}
	return found;
}

test('finding 13 (property): no secret is left at any depth, over 1,500 random payloads', () => {
	fc.assert(
		fc.property(deep, (payload) => {
			const scrubbed = scrubVeltData(payload, SECRETS);
			expect(scrubbed).toBe(payload);
			expect(leftovers(scrubbed)).toEqual([]);
		}),
		{ numRuns: 1500 },
	);
});

test('finding 13 (property): a payload without secrets comes out unchanged', () => {
	const clean = fc.jsonValue().filter((value) => leftovers(value).length === 0);
	fc.assert(
		fc.property(clean, (payload) => {
			const before = JSON.stringify(payload);
			expect(JSON.stringify(scrubVeltData(payload, SECRETS))).toBe(before);
		}),
		{ numRuns: 1000 },
	);
});

/** Keys that may carry a secret, as Velt's per-id answers would (`{<id>: {...}}`). */
const key = fc.oneof(
	fc.string({ maxLength: 6 }),
	fc
		.tuple(fc.string({ maxLength: 3 }), fc.constantFrom(...SECRETS), fc.string({ maxLength: 3 }))
		.map(([before, secret, after]) => `${before}${secret}${after}`),
);

const { keyed } = fc.letrec<{ keyed: unknown }>((tie) => ({
	keyed: fc.oneof(
		{ depthSize: 'small' },
		fc.integer(),
		fc.array(tie('keyed'), { maxLength: 3 }),
		fc.dictionary(key, tie('keyed'), { maxKeys: 4 }),
	),
}));

/** Keys holding a secret, and how many entries each object has, found without recursion. */
function keyReport(value: unknown): { secretKeys: string[]; sizes: number[] } {
	const secretKeys: string[] = [];
	const sizes: number[] = [];
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const current = pending.pop();
		if (typeof current !== 'object' || current === null) continue;
		if (!Array.isArray(current)) sizes.push(Object.keys(current).length);
		for (const [name, entry] of Object.entries(current)) {
			if (SECRETS.some((secret) => name.includes(secret))) secretKeys.push(name);
			pending.push(entry);
		}
	}
	return { secretKeys, sizes: sizes.sort((a, b) => a - b) };
}

test('review 2, finding 9 (property): no object key holds a secret after scrubbing, and no entry is lost', () => {
	fc.assert(
		fc.property(keyed, (value) => {
			const payload = { result: value };
			const before = keyReport(payload).sizes;
			scrubVeltData(payload, SECRETS);
			const after = keyReport(payload);
			expect(after.secretKeys).toEqual([]);
			expect(after.sizes).toEqual(before);
		}),
		{ numRuns: 1000 },
	);
});

test('review 2, finding 9: a per-id map keyed by the API key gets a redacted key; two such keys stay apart', () => {
	const answer = {
		[SECRETS[0]]: { success: true },
		[`x${SECRETS[0]}`]: { success: false },
		'[redacted]': 'already there',
	};
	scrubVeltData(answer, SECRETS);
	expect(answer).toEqual({
		'[redacted]': 'already there',
		'[redacted]#2': { success: true },
		'x[redacted]': { success: false },
	});
});
