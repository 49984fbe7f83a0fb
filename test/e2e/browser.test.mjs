// The Velt Notifications node in n8n's editor, in a real (headless) Chromium:
//   node --test test/e2e/browser.test.mjs
// Starts the same sandbox as `npm run dev` (scripts/dev.mjs startSandbox(): the current n8n 2.x with the
// packed package installed as a community package, the emulator, the "Velt sandbox" credential,
// the examples) in a throwaway folder on free ports, logs in, opens an example, opens the node's
// panel and checks what renders. Screenshots go to <cache>/e2e-artifacts/ (~/.cache/n8n-nodes-velt);
// VELT_E2E_UPDATE_DOCS=1 also writes docs/node-panel.png, the picture the README shows.
// Needs /usr/bin/chromium (apt-get install -y chromium) or CHROMIUM_PATH.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as br from './editor.mjs';
import { CACHE_DIR } from '../../scripts/n8n/runtime.mjs';
import { startSandbox } from '../../scripts/dev.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCS_SCREENSHOT = path.join(REPO, 'docs', 'node-panel.png');
const ARTIFACTS = path.join(CACHE_DIR, 'e2e-artifacts');
const WORKFLOW_ID = 'veltExample00001'; // "deal closed in the CRM -> notify the account team"
const NODE_NAME = 'Notify Account Team'; // Velt Notifications, Notification -> Add

let sandbox;
let sandboxDir;
let browser;
const timings = {};

before(async () => {
	if (!fs.existsSync(br.CHROMIUM_PATH))
		throw new Error(`${br.CHROMIUM_PATH} missing: apt-get update && apt-get install -y chromium`);
	sandboxDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'velt-browser-e2e-'));
	const t0 = Date.now();
	sandbox = await startSandbox({
		sandboxDir,
		n8nPort: 0,
		emulatorPort: 0,
		env: {},
		log: (l) => console.log(`# [dev] ${l}`),
	});
	timings.sandboxSeconds = (Date.now() - t0) / 1000;
	await fsp.mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
	await browser?.close();
	await sandbox?.stop();
	if (sandboxDir) await fsp.rm(sandboxDir, { recursive: true, force: true });
	console.log(`# timings ${JSON.stringify(timings)}`);
});

/** Visible parameter labels of the open panel (display names). */
async function labels(page) {
	const texts = await page
		.locator(`${br.SELECTORS.ndv} ${br.SELECTORS.parameterLabel}:visible`)
		.allInnerTexts();
	return texts.map((s) => s.split('\n')[0].trim()).filter(Boolean);
}

// Options parameters are addressed by their internal name: in n8n 2.41 the first parameter row of a
// node with credentials also holds the credential selector, so a row found by its label can start
// with the credential's input.
/** The control (select input) of parameter `name` in the open panel. */
const inputByName = (page, name) =>
	page
		.locator(`${br.SELECTORS.ndv} ${br.SELECTORS.parameterInputByName(name)}`)
		.first()
		.locator('input, textarea')
		.first();

const openDropdown = () => (page) =>
	page
		.locator(br.SELECTORS.openDropdown)
		.filter({ has: page.locator(br.SELECTORS.dropdownOption) })
		.last();

/** Opens the dropdown of options parameter `name`; returns a locator of its options. */
async function openOptions(page, name) {
	await inputByName(page, name).click();
	const popper = openDropdown()(page);
	await popper.waitFor({ state: 'visible' });
	return popper.locator(br.SELECTORS.dropdownOption);
}

async function closeDropdown(page) {
	await page.keyboard.press('Escape');
	await page
		.locator(br.SELECTORS.openDropdown)
		.filter({ has: page.locator(br.SELECTORS.dropdownOption) })
		.waitFor({ state: 'detached', timeout: 5_000 })
		.catch(() => {});
}

/** Option names of an options parameter's dropdown (first line of each entry); closes it again. */
async function optionNames(page, name) {
	const options = await openOptions(page, name);
	const names = (await options.allInnerTexts()).map((s) => s.split('\n')[0].trim());
	await closeDropdown(page);
	return names;
}

/** Picks the option named `optionText` of options parameter `name` and waits for the value. */
async function choose(page, name, optionText) {
	const options = await openOptions(page, name);
	await options
		.filter({ has: page.getByText(optionText, { exact: true }) })
		.first()
		.click();
	await closeDropdown(page);
	await page.waitForFunction(
		({ sel, want }) => document.querySelector(sel)?.value === want,
		{
			sel: `${br.SELECTORS.ndv} ${br.SELECTORS.parameterInputByName(name)} input`,
			want: optionText,
		},
		{ timeout: 10_000 },
	);
}

async function waitForLabels(page, wanted, { timeoutMs = 15_000 } = {}) {
	const t0 = Date.now();
	let seen = [];
	while (Date.now() - t0 < timeoutMs) {
		seen = await labels(page);
		if (wanted.every((w) => seen.includes(w))) return seen;
		await page.waitForTimeout(200);
	}
	assert.fail(`labels ${JSON.stringify(wanted)} not all visible; visible: ${JSON.stringify(seen)}`);
}

test(
	'the Velt Notifications panel renders its resources, operations and fields',
	{ timeout: 10 * 60_000 },
	async (t) => {
		t.diagnostic(`sandbox started in ${timings.sandboxSeconds.toFixed(1)} s at ${sandbox.url}`);
		const t0 = Date.now();
		browser = await br.launchBrowser({ viewport: { width: 1280, height: 1000 } });
		const { page } = browser;
		const origin = new URL(sandbox.url).origin;
		const external = [];
		const failed = [];
		const pageErrors = [];
		page.on('request', (r) => {
			const u = r.url();
			if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
				external.push(u);
		});
		page.on('response', (r) => {
			if (r.url().startsWith(origin) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
		});
		page.on('pageerror', (e) => pageErrors.push(String(e)));
		page.setDefaultTimeout(30_000);

		await br.loginInPage(page, sandbox.url, sandbox.login.email, sandbox.login.password);
		await page.goto(`${sandbox.url}/workflow/${WORKFLOW_ID}`);
		const node = br.canvasNode(page, NODE_NAME);
		await node.waitFor({ state: 'visible', timeout: 60_000 });
		assert.equal(await node.getAttribute('data-node-type'), 'n8n-nodes-velt.veltNotifications');
		await br.takeOverEditing(page);
		await node.dblclick();
		await page.locator(br.SELECTORS.ndv).waitFor({ state: 'visible' });

		// --- Notification -> Add
		const addLabels = await waitForLabels(page, [
			'Resource',
			'Operation',
			'Organization',
			'Document',
			'Headline',
			'Specify Recipients',
			'Recipients (JSON)',
		]);
		t.diagnostic(`Add fields: ${addLabels.join(', ')}`);
		assert.equal(await inputByName(page, 'resource').inputValue(), 'Notification');
		assert.equal(await inputByName(page, 'operation').inputValue(), 'Add');
		// the example's credential is selected in the panel
		assert.equal(
			await page
				.locator(`${br.SELECTORS.ndv} [data-test-id="node-credentials-select"] input`)
				.first()
				.inputValue(),
			'Velt sandbox',
		);
		// the example's values are there (Headline is a fixed string in this example)
		assert.equal(
			await inputByName(page, 'displayHeadlineMessageTemplate').inputValue(),
			'{actionUser} closed {dealName}',
		);
		assert.ok(
			addLabels.includes('Notify Everyone in the Organization'),
			'the safety switch is not shown',
		);

		// n8n itself appends "Custom API Call" to nodes whose credential has generic authentication
		const own = (names) => names.filter((n) => n !== 'Custom API Call');
		const resources = await optionNames(page, 'resource');
		assert.deepEqual(own(resources), ['Notification', 'Notification Setting']);
		const operations = await optionNames(page, 'operation');
		assert.deepEqual(
			[...own(operations)].sort(),
			['Add', 'Delete', 'Get', 'Get Many', 'Update'],
			`operations: ${operations}`,
		);
		t.diagnostic(
			`Resource options: ${resources.join(', ')}; Operation options: ${operations.join(', ')}`,
		);

		// the node icon is served (community package icon route)
		const icons = await page
			.locator(`${br.SELECTORS.ndv} img[src*="velt"]`)
			.evaluateAll((imgs) =>
				imgs.map((i) => ({ src: i.src, ok: i.complete && i.naturalWidth > 0 })),
			);
		assert.ok(
			icons.length > 0 && icons.every((i) => i.ok),
			`Velt icon not shown in the panel: ${JSON.stringify(icons)}`,
		);

		// no focus ring or hover tooltip in the picture
		await page.evaluate(
			() => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
		);
		await page.mouse.move(0, 0);
		await page.waitForTimeout(500);
		const shot = path.join(ARTIFACTS, 'node-panel.png');
		await page.screenshot({ path: shot });
		t.diagnostic(`screenshot: ${shot}`);
		if (process.env.VELT_E2E_UPDATE_DOCS === '1') {
			await fsp.mkdir(path.dirname(DOCS_SCREENSHOT), { recursive: true });
			await fsp.copyFile(shot, DOCS_SCREENSHOT);
			t.diagnostic(`updated ${path.relative(REPO, DOCS_SCREENSHOT)}`);
		}

		// --- switch to Get Many: its own fields replace Add's
		await choose(page, 'operation', 'Get Many');
		const getLabels = await waitForLabels(page, [
			'Organization',
			'Document',
			'User',
			'Return All',
			'Limit',
			'Simplify',
			'Filters',
		]);
		t.diagnostic(`Get Many fields: ${getLabels.join(', ')}`);
		for (const gone of [
			'Headline',
			'Specify Recipients',
			'Recipients (JSON)',
			'Notify Everyone in the Organization',
		])
			assert.ok(!getLabels.includes(gone), `${gone} still shown for Get Many`);
		// Return All on hides Limit
		await page
			.locator(`${br.SELECTORS.ndv} ${br.SELECTORS.parameterInputByName('returnAll')} .el-switch`)
			.click();
		await page.waitForFunction(
			(sel) =>
				![...document.querySelectorAll(sel)].some(
					(l) => l.offsetParent !== null && l.innerText.split('\n')[0].trim() === 'Limit',
				),
			`${br.SELECTORS.ndv} ${br.SELECTORS.parameterLabel}`,
			{ timeout: 10_000 },
		);
		assert.ok(!(await labels(page)).includes('Limit'), 'Limit still shown with Return All on');
		await page.screenshot({ path: path.join(ARTIFACTS, 'node-panel-get-many.png') });

		// --- Notification Setting: operations Get / Set
		await choose(page, 'resource', 'Notification Setting');
		const settingOps = await optionNames(page, 'operation');
		assert.deepEqual([...own(settingOps)].sort(), ['Get', 'Set']);
		await page.screenshot({ path: path.join(ARTIFACTS, 'node-panel-settings.png') });

		timings.browserSeconds = (Date.now() - t0) / 1000;
		assert.deepEqual(external, [], 'the editor made requests leaving the machine');
		const veltFailures = failed.filter((f) => /velt/i.test(f));
		assert.deepEqual(veltFailures, [], 'requests for the Velt node failed');
		if (pageErrors.length)
			t.diagnostic(`page errors (n8n's own): ${pageErrors.slice(0, 3).join(' | ')}`);
		if (failed.length)
			t.diagnostic(`failed requests (n8n's own): ${failed.slice(0, 5).join(' | ')}`);
	},
);
