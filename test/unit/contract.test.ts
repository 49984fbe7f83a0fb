/**
 * The contract file keeps every assumption with its evidence: each comment that says ASSUMED
 * names the docs page(s) it was checked against, and every "Documented" fact names its page.
 */
import fs from 'fs';
import path from 'path';

const text = fs.readFileSync(
	path.join(__dirname, '../../nodes/shared/transport/contract.ts'),
	'utf8',
);
const comments = [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)]
	.map((match) => match[0])
	// The file's own header describes the rules; the facts follow it.
	.slice(1);

test('every comment with an ASSUMED line names the docs pages it weighed', () => {
	const assumed = comments.filter((comment) => comment.includes('ASSUMED'));
	expect(assumed.length).toBeGreaterThanOrEqual(8);
	for (const comment of assumed)
		expect({ comment, citesPage: /[\w-]+\.mdx/.test(comment) }).toEqual({
			comment,
			citesPage: true,
		});
});

test('every "Documented" fact names the page it comes from', () => {
	const documented = comments.filter((comment) => /Documented/.test(comment));
	expect(documented.length).toBeGreaterThanOrEqual(8);
	for (const comment of documented)
		expect({ comment, citesPage: /[\w-]+\.mdx/.test(comment) }).toEqual({
			comment,
			citesPage: true,
		});
});

test('an ASSUMED marker on a value sits under a comment that explains it', () => {
	for (const match of text.matchAll(/^.*\/\/ ASSUMED.*$/gm)) {
		const before = text.slice(0, match.index);
		const lastComment = before.lastIndexOf('/**');
		expect(before.slice(lastComment)).toMatch(/ASSUMED[\s\S]*\*\//);
	}
});
