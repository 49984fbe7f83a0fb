#!/usr/bin/env node
/**
 * Every docs.velt.dev link a user can meet (node JSON, node and credential sources, README.md,
 * docs/) must name a page of Velt's public docs source (https://github.com/velt-js/docs): a page
 * file or a `docs.json` redirect. Given a clone (argument or VELT_DOCS_DIR, the convention of
 * test/fixtures/extractVeltDocsExamples.mjs), links and their #anchors are checked against it;
 * without one, the pages are checked against scripts/velt-docs-pages.txt, the page list taken
 * from a clone with --update. Part of `npm run lint`; run alone, it checks the current folder and
 * exits 1 on a broken link.
 *
 *   git clone --depth 1 https://github.com/velt-js/docs /tmp/velt-docs
 *   node scripts/docsLinks.mjs [/tmp/velt-docs]            # check (or VELT_DOCS_DIR=/tmp/velt-docs)
 *   node scripts/docsLinks.mjs --update /tmp/velt-docs     # rewrite the committed page list
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PAGE_LIST = path.join(REPO_ROOT, 'scripts', 'velt-docs-pages.txt');
const LINK = /https?:\/\/docs\.velt\.dev(?:\/[^\s)"'`<>\]]*)?/g;

/** The files whose links users read, relative to the repository. */
function linkedFiles(root) {
	const walk = (dir, keep) =>
		fs.existsSync(path.join(root, dir))
			? fs
					.readdirSync(path.join(root, dir), { recursive: true })
					.map((f) => path.join(dir, f))
					.filter(keep)
			: [];
	return [
		...(fs.existsSync(path.join(root, 'README.md')) ? ['README.md'] : []),
		...walk('nodes', (f) => f.endsWith('.ts') || f.endsWith('.json')),
		...walk('credentials', (f) => f.endsWith('.ts')),
		...walk('docs', (f) => f.endsWith('.md')),
	].sort();
}

/** Every docs.velt.dev link: page path (no leading slash), #anchor, where it is. */
export function collectLinks(root) {
	const links = [];
	for (const file of linkedFiles(root)) {
		const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
		lines.forEach((text, i) => {
			for (const [match] of text.matchAll(LINK)) {
				// Sentence punctuation after a URL is not part of it.
				const url = match.replace(/[.,;:!?]+$/, '');
				const { pathname, hash } = new URL(url);
				const page = decodeURIComponent(pathname).replace(/^\/+/, '');
				links.push({ file, line: i + 1, url, page, anchor: hash.slice(1) });
			}
		});
	}
	return links;
}

/** The slugs Mintlify gives a page's headings, plus explicit id="..." anchors. */
function anchorsOf(text) {
	const anchors = new Set();
	for (const [, heading] of text.matchAll(/^#{1,6}[ \t]+(.+)$/gm)) {
		const plain = heading
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/[*_`]/g, '')
			.trim()
			.toLowerCase();
		anchors.add(plain.replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-'));
	}
	for (const [, id] of text.matchAll(/\bid=["']([^"']+)["']/g)) anchors.add(id);
	return anchors;
}

/**
 * Velt's docs from a clone: every .md/.mdx outside docs.json's `ignore` globs, snippets/ and
 * hidden folders (Mintlify renders none as a page), and the redirects whose destination is a page.
 */
export function readClone(dir) {
	const config = JSON.parse(fs.readFileSync(path.join(dir, 'docs.json'), 'utf8'));
	const ignored = [...(config.ignore ?? []), 'snippets/**'].map((g) => g.replace(/\/\*\*$/, '/'));
	const files = new Map();
	for (const f of fs.readdirSync(dir, { recursive: true })) {
		const rel = f.split(path.sep).join('/');
		if (!/\.mdx?$/.test(rel) || /(^|\/)\./.test(rel)) continue;
		if (ignored.some((prefix) => rel.startsWith(prefix))) continue;
		const page = rel.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
		files.set(page, path.join(dir, f));
	}
	const redirects = new Map();
	for (const { source, destination } of config.redirects ?? []) {
		const from = source.replace(/^\/+/, '');
		const to = destination.replace(/^\/+/, '');
		if (files.has(to.split('#')[0])) redirects.set(from, to);
	}
	return { files, redirects };
}

function readPageList() {
	const pages = new Set();
	for (const line of fs.readFileSync(PAGE_LIST, 'utf8').split('\n')) {
		if (!line.trim() || line.startsWith('#')) continue;
		pages.add(line.split(' -> ')[0].trim());
	}
	return pages;
}

/**
 * Checks every link; returns the broken ones with why. A path ending in `/` or holding `*` is a
 * family of pages written in a comment (…/v2/workspace/*): at least one page must match it.
 */
export function checkLinks({ root = process.cwd(), docsDir = process.env.VELT_DOCS_DIR } = {}) {
	const clone = docsDir ? readClone(docsDir) : null;
	const pages = clone
		? new Set([...clone.files.keys(), ...clone.redirects.keys()])
		: readPageList();
	const links = collectLinks(root);
	const broken = [];
	for (const link of links) {
		const page = link.page.replace(/\/+$/, '');
		let ok;
		if (link.page.includes('*') || (link.page.endsWith('/') && page)) {
			const escaped = link.page.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
			const family = new RegExp(`^${escaped.replaceAll('*', '.*')}`);
			ok = [...pages].some((p) => family.test(p));
		} else ok = page === '' || pages.has(page);
		if (!ok) {
			broken.push({ ...link, why: 'no such page' });
			continue;
		}
		if (clone && link.anchor && page) {
			const target = clone.redirects.get(page)?.split('#')[0] ?? page;
			const text = fs.readFileSync(clone.files.get(target), 'utf8');
			if (!anchorsOf(text).has(link.anchor))
				broken.push({ ...link, why: `no #${link.anchor} on the page` });
		}
	}
	return {
		links,
		broken,
		pages: new Set(links.map((l) => l.page)).size,
		against: clone ? `the clone ${docsDir}` : path.relative(REPO_ROOT, PAGE_LIST),
	};
}

function writePageList(docsDir) {
	const { files, redirects } = readClone(docsDir);
	let commit = 'unknown commit';
	try {
		commit = execFileSync('git', ['-C', docsDir, 'rev-parse', 'HEAD'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		// a copy without .git: the list just does not name its commit
	}
	const lines = [
		"# Pages of Velt's docs (https://github.com/velt-js/docs at " + commit + '),',
		'# then the redirects of its docs.json whose destination is a page. Written by',
		'# `node scripts/docsLinks.mjs --update <clone>`; read by scripts/docsLinks.mjs.',
		...[...files.keys()].filter(Boolean).sort(),
		...[...redirects].sort().map(([from, to]) => `${from} -> ${to}`),
	];
	fs.writeFileSync(PAGE_LIST, lines.join('\n') + '\n');
	console.log(`${PAGE_LIST}: ${files.size} pages, ${redirects.size} redirects`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	if (args[0] === '--update') {
		const dir = args[1] ?? process.env.VELT_DOCS_DIR;
		if (!dir || !fs.existsSync(path.join(dir, 'docs.json'))) {
			console.error('Give the folder of a clone of https://github.com/velt-js/docs.');
			process.exit(1);
		}
		writePageList(dir);
	} else {
		const result = checkLinks({ docsDir: args[0] ?? process.env.VELT_DOCS_DIR });
		for (const b of result.broken) console.error(`${b.file}:${b.line}: ${b.url}: ${b.why}`);
		console.log(
			`Velt docs links: ${result.links.length} links to ${result.pages} pages, ${result.broken.length} broken (against ${result.against})`,
		);
		process.exitCode = result.broken.length ? 1 : 0;
	}
}
