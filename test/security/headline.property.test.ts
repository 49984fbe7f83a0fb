/**
 * Property: renderHeadline never leaves a half-rendered placeholder and never throws.
 *
 * A placeholder is a `{...}` with no brace inside (/\{[^{}]+\}/). When no value or fallback
 * holds a brace (so every brace in the output came from the template), the output holds no
 * such substring at all: every placeholder of the template, nested ones included, was
 * rendered (to its value, or to its name when nothing fills it). Braces that form no
 * placeholder (`{}`, `{a`, `b}`) are kept as typed. With braces inside values too, it
 * still never throws. For templates without nested braces it renders exactly what the
 * previous one-regex version did.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { renderHeadline } from '../../nodes/shared/notifications';

const RUNS = 2000;
const PLACEHOLDER = /\{[^{}]+\}/;

const NAMES = [
	'actionUser',
	'recipientUser',
	'deal',
	'first name',
	' spaced ',
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
	'x',
];

/** Text that never holds a brace. */
const braceFree = fc.string({ maxLength: 8 }).map((text) => text.replace(/[{}]/g, ''));
const anyText = fc.string({ maxLength: 8, unit: fc.constantFrom('{', '}', 'a', ' ', 'é', '😀') });

const name = fc.oneof(fc.constantFrom(...NAMES), braceFree);

/** A value a template field may hold: text, a number, a user, or something else entirely. */
function value(text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
	return fc.oneof(
		text,
		fc.integer(),
		fc.double(),
		fc.record({ name: text, email: text, userId: text }, { requiredKeys: [] }),
		fc.constant(null),
		fc.constant(undefined),
		fc.boolean(),
		fc.array(text, { maxLength: 2 }),
	);
}

function dataOf(text: fc.Arbitrary<string>): fc.Arbitrary<IDataObject> {
	return fc
		.array(fc.tuple(name, value(text)), { maxLength: 6 })
		.map((entries) => Object.fromEntries(entries) as IDataObject);
}

/** Templates: text, names in braces, nested braces, and braces that close nothing. */
const { template } = fc.letrec<{ template: string; piece: string }>((tie) => ({
	template: fc.array(tie('piece'), { maxLength: 8 }).map((pieces) => pieces.join('')),
	piece: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		braceFree,
		name.map((text) => `{${text}}`),
		fc.constantFrom('{', '}', '{}', '}{', '{{', '}}'),
		tie('template').map((inner) => `{${inner}}`),
		anyText,
	),
}));

/** The previous renderer (one regex pass), the reference for templates without nesting. */
function previousRender(text: string, data: IDataObject, fallbacks: IDataObject): string {
	const display = (candidate: unknown): string | undefined => {
		if (typeof candidate === 'string') return candidate;
		if (typeof candidate === 'number') return String(candidate);
		if (typeof candidate !== 'object' || candidate === null) return undefined;
		for (const key of ['name', 'email', 'userId']) {
			const field = (candidate as IDataObject)[key];
			if (typeof field === 'string' && field !== '') return field;
		}
		return undefined;
	};
	const own = (source: IDataObject, key: string) =>
		Object.prototype.hasOwnProperty.call(source, key) ? display(source[key]) : undefined;
	return text.replace(/\{([^{}]+)\}/g, (_match, rawName: string) => {
		const key = rawName.trim();
		return own(data, key) ?? own(fallbacks, key) ?? key;
	});
}

test('property: with brace-free values, no placeholder is left in the rendered headline, and nothing throws', () => {
	fc.assert(
		fc.property(template, dataOf(braceFree), dataOf(braceFree), (text, data, fallbacks) => {
			const rendered = renderHeadline(text, data, fallbacks);
			expect(typeof rendered).toBe('string');
			expect(rendered).not.toMatch(PLACEHOLDER);
		}),
		{ numRuns: RUNS },
	);
});

test('property: with braces anywhere (template, values, fallbacks, data not an object), it never throws', () => {
	fc.assert(
		fc.property(
			fc.oneof(template, anyText, fc.anything()),
			fc.oneof(dataOf(anyText), fc.anything()),
			dataOf(anyText),
			(text, data, fallbacks) => {
				const rendered = renderHeadline(text, data, fallbacks);
				expect(typeof rendered).toBe('string');
				if (typeof text !== 'string') expect(rendered).toBe('');
			},
		),
		{ numRuns: RUNS },
	);
});

test('property: a template without nested braces renders as the one-regex version did', () => {
	const flat = fc
		.array(
			fc.oneof(
				braceFree,
				name.map((text) => `{${text}}`),
				fc.constantFrom('{}', '}'),
			),
			{
				maxLength: 8,
			},
		)
		.map((pieces) => pieces.join(''));
	fc.assert(
		fc.property(flat, dataOf(anyText), dataOf(anyText), (text, data, fallbacks) => {
			expect(renderHeadline(text, data, fallbacks)).toBe(previousRender(text, data, fallbacks));
		}),
		{ numRuns: RUNS },
	);
});

test('nested and unmatched braces, examples', () => {
	const data = { actionUser: { name: 'Ana' }, deal: 'ACME', constructor: 'C' };
	expect(renderHeadline('{{actionUser}}', data)).toBe('Ana');
	expect(renderHeadline('{a {deal} b}', data)).toBe('a ACME b');
	expect(renderHeadline('{} and {deal', data)).toBe('{} and {deal');
	expect(renderHeadline('{x{}y} {deal}', data)).toBe('{x{}y} ACME');
	expect(renderHeadline('}{deal}{', data)).toBe('}ACME{');
	expect(renderHeadline('{constructor} {toString} {__proto__}', data)).toBe('C toString __proto__');
	expect(renderHeadline('{actionUser}', { actionUser: { name: '{deal}' } })).toBe('{deal}');
});
