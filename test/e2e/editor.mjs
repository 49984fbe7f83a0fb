// Headless Chromium (Debian `chromium` package) driven by playwright-core from <cache>/tools, for
// looking at n8n's editor in browser.test.mjs. Selectors verified on n8n 2.41.1 (see SELECTORS; 1.123.81 noted there).
//   apt-get install -y chromium      (gives /usr/bin/chromium)
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CACHE_DIR } from '../../scripts/n8n/runtime.mjs';

export const PLAYWRIGHT_VERSION = '1.65.1';
export const TOOLS_DIR = path.join(CACHE_DIR, 'tools');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** CSS selectors that work in n8n 2.41.1's editor (canvas v2). */
export const SELECTORS = {
	/** a node on the canvas; narrow by name with [data-node-name="..."] (also [data-node-type="pkg.node"]) */
	canvasNode: '[data-test-id="canvas-node"]',
	/** the node details view (panel opened by double-click) */
	ndv: '[data-test-id="ndv"]',
	/** one parameter row in the NDV; its label is label.n8n-input-label (for="<parameter name>") */
	parameterItem: '[data-test-id="parameter-item"]',
	parameterLabel: 'label.n8n-input-label',
	/** value container of parameter <name> (internal name): [data-test-id="parameter-input-<name>"] */
	parameterInputByName: (name) => `[data-test-id="parameter-input-${name}"]`,
	/** text input/textarea inside a parameter row */
	parameterTextField: '[data-test-id="parameter-input-field"]',
	/** the open options dropdown (element-plus select popper, teleported to <body>) and its options */
	openDropdown: '.el-select__popper:visible',
	dropdownOption: '[data-test-id="parameter-input-item"]',
	ndvClose: '[data-test-id="ndv-close-button"]',
};

/** Installs playwright-core into .cache/tools (once) and imports it. */
export async function ensurePlaywright() {
	const entry = path.join(TOOLS_DIR, 'node_modules', 'playwright-core', 'index.mjs');
	if (!fs.existsSync(entry)) {
		await fsp.mkdir(TOOLS_DIR, { recursive: true });
		const pkg = path.join(TOOLS_DIR, 'package.json');
		if (!fs.existsSync(pkg))
			await fsp.writeFile(pkg, JSON.stringify({ name: 'e2e-tools', private: true }, null, 2));
		const r = spawnSync(
			'npm',
			[
				'install',
				`playwright-core@${PLAYWRIGHT_VERSION}`,
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
			],
			{
				cwd: TOOLS_DIR,
				encoding: 'utf8',
			},
		);
		if (r.status !== 0) throw new Error(`installing playwright-core failed:\n${r.stderr}`);
	}
	return import(entry);
}

/** Launches headless Chromium with a fresh profile. Returns {context, page, close()}. */
export async function launchBrowser({ viewport = { width: 1440, height: 900 } } = {}) {
	if (!fs.existsSync(CHROMIUM_PATH))
		throw new Error(`${CHROMIUM_PATH} missing: apt-get update && apt-get install -y chromium`);
	const { chromium } = await ensurePlaywright();
	const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'chromium-e2e-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => {});
			await fsp.rm(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Logs in by calling /rest/login from the page (same origin, so the auth cookie lands in the browser). */
export async function loginInPage(page, url, email, password) {
	await page.goto(`${url}/signin`);
	const status = await page.evaluate(
		async ({ email, password }) => {
			const browserId = localStorage.getItem('n8n-browserId');
			const res = await fetch('/rest/login', {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(browserId ? { 'browser-id': browserId } : {}),
				},
				body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
			});
			return res.status;
		},
		{ email, password },
	);
	if (status !== 200) throw new Error(`/rest/login from the page answered ${status}`);
}

/**
 * If another (possibly already closed) tab still holds the workflow's write lock, 2.x shows a pill
 * "Editing in another tab [Edit here]" over the canvas that intercepts clicks: take over.
 */
export async function takeOverEditing(page, { waitMs = 1500 } = {}) {
	const editHere = page.getByRole('button', { name: 'Edit here', exact: true });
	try {
		await editHere.waitFor({ state: 'visible', timeout: waitMs });
	} catch {
		return false;
	}
	await editHere.click();
	await editHere.waitFor({ state: 'hidden', timeout: 10_000 });
	return true;
}

/** Locator of the canvas node named `name`. */
export const canvasNode = (page, name) =>
	page.locator(`${SELECTORS.canvasNode}[data-node-name="${name.replace(/"/g, '\\"')}"]`);
