// The Organization / Document / User pickers in n8n's editor, in a real (headless) Chromium:
//   node --test test/e2e/picker.test.mjs
// Starts the `npm run dev` sandbox (n8n 2.41.1 with the packed package) with its Velt credential
// pointed at a small loopback server that answers Velt's organizations, documents and users get
// endpoints from the sandbox's sample data, in the shapes of Velt's docs pages (until the emulator
// serves these itself). Opens the example polling trigger, opens the Document picker's list and
// checks that it lists the documents of the organization chosen above. Screenshot:
// <cache>/e2e-artifacts/picker-list.png; VELT_E2E_UPDATE_DOCS=1 also writes docs/picker-list.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as br from '../../scripts/n8n/browser.mjs';
import { CACHE_DIR } from '../../scripts/n8n/runtime.mjs';
import { startSandbox } from '../../scripts/dev.mjs';
import { REPO, ensureEmulatorBuilt } from './helpers.mjs';

const DOCS_SCREENSHOT = path.join(REPO, 'docs', 'picker-list.png');
const ARTIFACTS = path.join(CACHE_DIR, 'e2e-artifacts');
const WORKFLOW_ID = 'veltExample00005'; // polling trigger: new notifications for Ava
const NODE_NAME = 'New Notification for Ava';
const ORG = 'org-acme-analytics';

/** Velt's directory reads over the sample data, paged as the docs show (pageToken / nextPageToken). */
async function startDirectory() {
	const emulator = await import(pathToFileURL(path.join(path.dirname(ensureEmulatorBuilt()), 'index.js')).href);
	const store = new emulator.EmulatorStore();
	const summary = emulator.seedSampleData(store, { seed: 1, notificationsPerOrganization: 1 });
	const requests = [];
	const page = (list, data) => {
		const size = data.pageSize ?? 1000;
		const start = Number(data.pageToken ?? 0);
		return { slice: list.slice(start, start + size), next: start + size < list.length ? String(start + size) : undefined };
	};
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			const data = JSON.parse(body || '{}').data ?? {};
			requests.push({ path: req.url, data });
			const ok = (list, tokenKey, message, next) =>
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { status: 'success', message, data: list, ...(next ? { [tokenKey]: next } : {}) } }));
			if (req.url === '/v2/organizations/get') {
				const { slice, next } = page(summary.organizations.map((o) => ({ id: o.organizationId, organizationName: o.name, disabled: false })), data);
				return ok(slice, 'nextPageToken', 'Organization(s) retrieved successfully.', next);
			}
			if (req.url === '/v2/organizations/documents/get') {
				const docs = store.listDocuments(data.organizationId).map((d) => ({ documentName: d.documentName, disabled: false, accessType: 'public', id: d.documentId }));
				const { slice, next } = page(docs, data);
				return ok(slice, 'pageToken', 'Document(s) retrieved successfully.', next);
			}
			if (req.url === '/v2/users/get') {
				const users = store.listUsers(data.organizationId).map((u) => ({ email: u.email, name: u.name, userId: u.userId }));
				const { slice, next } = page(users, data);
				return ok(slice, 'nextPageToken', 'User(s) retrieved successfully.', next);
			}
			res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `not served here: ${req.url}`, status: 'NOT_FOUND' } }));
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${server.address().port}`, requests, store, close: () => new Promise((r) => server.close(r)) };
}

let sandbox;
let sandboxDir;
let browser;
let directory;

before(async () => {
	if (!fs.existsSync(br.CHROMIUM_PATH)) throw new Error(`${br.CHROMIUM_PATH} missing: apt-get update && apt-get install -y chromium`);
	directory = await startDirectory();
	sandboxDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-picker-e2e-'));
	sandbox = await startSandbox({
		sandboxDir,
		n8nPort: 0,
		emulatorPort: 0,
		// the sandbox's "Velt sandbox" credential, pointed at the directory server (fake keys)
		env: { VELT_API_KEY: 'picker-e2e-fake-key', VELT_AUTH_TOKEN: 'picker-e2e-fake-token', VELT_BASE_URL: directory.url },
		log: (l) => console.log(`# [dev] ${l}`),
	});
	await fsp.mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
	await browser?.close();
	await sandbox?.stop();
	await directory?.close();
	if (sandboxDir) await fsp.rm(sandboxDir, { recursive: true, force: true });
});

test("the Document picker lists the chosen organization's documents from Velt", { timeout: 10 * 60_000 }, async (t) => {
	browser = await br.launchBrowser({ viewport: { width: 1280, height: 900 } });
	const { page } = browser;
	page.setDefaultTimeout(30_000);
	await br.loginInPage(page, sandbox.url, sandbox.login.email, sandbox.login.password);
	await page.goto(`${sandbox.url}/workflow/${WORKFLOW_ID}`);
	const node = br.canvasNode(page, NODE_NAME);
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await br.takeOverEditing(page);
	await node.dblclick();
	const ndv = page.locator(br.SELECTORS.ndv);
	await ndv.waitFor({ state: 'visible' });

	// the Document picker: its row, then its input opens "From List"
	const documentRow = ndv.locator(br.SELECTORS.parameterInputByName('documentId')).first();
	await documentRow.waitFor({ state: 'visible' });
	// the example was saved with a plain string (before the pickers): switch the field to "From List"
	await documentRow.locator('[data-test-id="rlc-mode-selector"] input').click();
	await page.locator(`${br.SELECTORS.openDropdown} .el-select-dropdown__item`).filter({ hasText: 'From List' }).first().click();
	await documentRow.locator('[data-test-id="rlc-input"]').click();
	const items = page.locator('[data-test-id="rlc-item"]');
	try {
		await items.first().waitFor({ state: 'visible', timeout: 30_000 });
	} catch (error) {
		await page.screenshot({ path: path.join(ARTIFACTS, 'picker-list-failed.png') });
		const ids = await page.evaluate(() => [...new Set([...document.querySelectorAll('[data-test-id]')].map((e) => e.getAttribute('data-test-id')))].filter((id) => /rlc|resource|locator|documentId/i.test(id)));
		t.diagnostic(`no list; test ids on the page: ${ids.join(', ')}; directory requests: ${JSON.stringify(directory.requests)}`);
		t.diagnostic(`row html: ${(await documentRow.innerHTML()).slice(0, 3000)}`);
		throw error;
	}
	const names = (await items.allInnerTexts()).map((s) => s.split('\n')[0].trim());
	const expected = directory.store.listDocuments(ORG).map((d) => `${d.documentName} (${d.documentId})`);
	t.diagnostic(`listed: ${names.join(' | ')}`);
	assert.deepEqual(names, expected);
	assert.deepEqual(
		directory.requests.filter((r) => r.path === '/v2/organizations/documents/get').map((r) => r.data),
		[{ organizationId: ORG, pageSize: 100 }],
	);

	await page.mouse.move(0, 0);
	await page.waitForTimeout(500);
	const shot = path.join(ARTIFACTS, 'picker-list.png');
	await page.screenshot({ path: shot });
	t.diagnostic(`screenshot: ${shot}`);
	if (process.env.VELT_E2E_UPDATE_DOCS === '1') {
		await fsp.copyFile(shot, DOCS_SCREENSHOT);
		t.diagnostic(`updated ${path.relative(REPO, DOCS_SCREENSHOT)}`);
	}
});
