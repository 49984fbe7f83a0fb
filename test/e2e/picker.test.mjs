// The Organization / Document / User pickers in n8n's editor, in a real (headless) Chromium:
//   node --test test/e2e/picker.test.mjs
// Starts the `npm run dev` sandbox (the current n8n 2.x with the packed package, the Velt emulator with the
// sample workspace), opens the example polling trigger, opens the Document picker's list and checks
// that it lists the documents the emulator holds for the organization chosen above, as read
// through Velt's documents get endpoint. Screenshot: <cache>/e2e-artifacts/picker-list.png;
// VELT_E2E_UPDATE_DOCS=1 also writes docs/picker-list.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as br from './editor.mjs';
import { CACHE_DIR } from '../../scripts/n8n/runtime.mjs';
import { EMULATOR_KEYS, startSandbox } from '../../scripts/dev.mjs';
import { REPO, emulatorClient } from './helpers.mjs';

const DOCS_SCREENSHOT = path.join(REPO, 'docs', 'picker-list.png');
const ARTIFACTS = path.join(CACHE_DIR, 'e2e-artifacts');
const WORKFLOW_ID = 'veltExample00005'; // polling trigger: new notifications for Ava
const NODE_NAME = 'New Notification for Ava';
const ORG = 'org-acme-analytics';

let sandbox;
let sandboxDir;
let browser;
let emulator;

before(async () => {
	if (!fs.existsSync(br.CHROMIUM_PATH))
		throw new Error(`${br.CHROMIUM_PATH} missing: apt-get update && apt-get install -y chromium`);
	sandboxDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-picker-e2e-'));
	sandbox = await startSandbox({
		sandboxDir,
		n8nPort: 0,
		emulatorPort: 0,
		env: {},
		log: (l) => console.log(`# [dev] ${l}`),
	});
	emulator = emulatorClient(sandbox.emulatorUrl);
	await fsp.mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
	await browser?.close();
	await sandbox?.stop();
	if (sandboxDir) await fsp.rm(sandboxDir, { recursive: true, force: true });
});

test(
	"the Document picker lists the chosen organization's documents from Velt",
	{ timeout: 10 * 60_000 },
	async (t) => {
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
		await page
			.locator(`${br.SELECTORS.openDropdown} .el-select-dropdown__item`)
			.filter({ hasText: 'From List' })
			.first()
			.click();
		await documentRow.locator('[data-test-id="rlc-input"]').click();
		const items = page.locator('[data-test-id="rlc-item"]');
		try {
			await items.first().waitFor({ state: 'visible', timeout: 30_000 });
		} catch (error) {
			await page.screenshot({ path: path.join(ARTIFACTS, 'picker-list-failed.png') });
			const ids = await page.evaluate(() =>
				[
					...new Set(
						[...document.querySelectorAll('[data-test-id]')].map((e) =>
							e.getAttribute('data-test-id'),
						),
					),
				].filter((id) => /rlc|resource|locator|documentId/i.test(id)),
			);
			t.diagnostic(`no list; test ids on the page: ${ids.join(', ')}`);
			t.diagnostic(`row html: ${(await documentRow.innerHTML()).slice(0, 3000)}`);
			throw error;
		}
		const names = (await items.allInnerTexts()).map((s) => s.split('\n')[0].trim());
		t.diagnostic(`listed: ${names.join(' | ')}`);
		// what Velt (the emulator) answers for that organization, asked the way an app's backend would
		const answer = await emulator.api(
			'/v2/organizations/documents/get',
			{ organizationId: ORG },
			EMULATOR_KEYS,
		);
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		const expected = answer.body.result.data
			.filter((d) => !d.disabled)
			.map((d) =>
				d.documentName && d.documentName !== d.id ? `${d.documentName} (${d.id})` : d.id,
			);
		assert.ok(expected.length > 0, 'the emulator has no documents for the organization');
		assert.deepEqual(names, expected);
		const asked = (await emulator.requests()).filter(
			(r) => r.path === '/v2/organizations/documents/get',
		);
		assert.deepEqual(asked[0].body, { data: { organizationId: ORG, pageSize: 100 } });

		await page.mouse.move(0, 0);
		await page.waitForTimeout(500);
		const shot = path.join(ARTIFACTS, 'picker-list.png');
		await page.screenshot({ path: shot });
		t.diagnostic(`screenshot: ${shot}`);
		if (process.env.VELT_E2E_UPDATE_DOCS === '1') {
			await fsp.copyFile(shot, DOCS_SCREENSHOT);
			t.diagnostic(`updated ${path.relative(REPO, DOCS_SCREENSHOT)}`);
		}
	},
);
