/**
 * scripts/docsLinks.mjs (a step of `npm run lint`) run on small folders: it must fail on a link
 * to a page Velt's docs do not have, and on an anchor the page does not have when a clone is given.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'docsLinks.mjs');

function folder(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velt-links-'));
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

function check(cwd: string, args: string[] = []) {
	const env = { ...process.env };
	delete env.VELT_DOCS_DIR;
	const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, env, encoding: 'utf8' });
	return { status: run.status, output: run.stdout + run.stderr };
}

const dirs: string[] = [];
const make = (files: Record<string, string>) => {
	const dir = folder(files);
	dirs.push(dir);
	return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('docs link check against the committed page list', () => {
	it('fails on a page Velt does not have, naming file and line', () => {
		const dir = make({
			'nodes/X/X.node.json': '{\n"url": "https://docs.velt.dev/webhooks/overview"\n}\n',
		});
		const { status, output } = check(dir);
		expect(status).toBe(1);
		expect(output).toContain(
			'nodes/X/X.node.json:2: https://docs.velt.dev/webhooks/overview: no such page',
		);
		expect(output).toContain('1 broken');
	});

	it('passes pages, the site root, families written in comments and trailing punctuation', () => {
		const dir = make({
			'README.md': 'See https://docs.velt.dev/webhooks/basic, or https://docs.velt.dev.\n',
			'docs/a.md': '[x](https://docs.velt.dev/webhooks/advanced#webhook-auth)\n',
			'credentials/C.credentials.ts':
				'// https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook*\n',
		});
		const { status, output } = check(dir);
		expect(output).toContain('4 links to 4 pages, 0 broken');
		expect(status).toBe(0);
	});

	it('fails on a family of pages that matches none', () => {
		const dir = make({ 'nodes/a.ts': '// https://docs.velt.dev/api-reference/nothing-here/*\n' });
		expect(check(dir).status).toBe(1);
	});
});

describe('docs link check against a clone of Velt docs (argument)', () => {
	const clone = () =>
		make({
			'docs.json': JSON.stringify({
				ignore: ['scripts/**'],
				redirects: [{ source: '/webhooks/overview', destination: '/webhooks/basic' }],
			}),
			'webhooks/basic.mdx': '---\ntitle: Basic\n---\n## Setting up a **Webhook**\n',
			'scripts/notes.md': '# not a page\n',
		});

	it('accepts a redirect source and a heading anchor', () => {
		const docs = clone();
		const dir = make({
			'README.md':
				'https://docs.velt.dev/webhooks/overview\nhttps://docs.velt.dev/webhooks/basic#setting-up-a-webhook\n',
		});
		const { status, output } = check(dir, [docs]);
		expect(output).toContain('0 broken');
		expect(status).toBe(0);
	});

	it('fails on an anchor the page does not have and on an ignored file', () => {
		const docs = clone();
		const dir = make({
			'README.md':
				'https://docs.velt.dev/webhooks/basic#nope\nhttps://docs.velt.dev/scripts/notes\n',
		});
		const { status, output } = check(dir, [docs]);
		expect(status).toBe(1);
		expect(output).toContain('README.md:1: https://docs.velt.dev/webhooks/basic#nope: no #nope');
		expect(output).toContain('README.md:2: https://docs.velt.dev/scripts/notes: no such page');
	});
});

it('every docs.velt.dev link of the package resolves', () => {
	const { status, output } = check(path.join(__dirname, '..', '..'));
	expect(output).toMatch(/, 0 broken/);
	expect(status).toBe(0);
});
