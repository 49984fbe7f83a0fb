#!/usr/bin/env node
// `node scripts/n8n/install.mjs [version ...]`: installs the n8n versions the e2e suite runs
// (default: both) into the cache, side by side, and exits (0 when all are there). Does nothing
// but check the markers when they are cached. scripts/test.mjs starts it in the background at its
// beginning so the cold installs overlap build, lint and jest instead of running inside e2e.
import { CACHE_DIR, ensureN8n, N8N_CURRENT, N8N_LAST_1X } from './runtime.mjs';

// a stopped run exits through 'exit', where the runtime kills the npm process groups it started
for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
])
	process.once(signal, () => process.exit(code));

const versions = process.argv.slice(2).length ? process.argv.slice(2) : [N8N_CURRENT, N8N_LAST_1X];
const t0 = Date.now();
const results = await Promise.allSettled(
	versions.map(async (version) => {
		const inst = await ensureN8n(version);
		const how = inst.cached ? 'cached' : `installed in ${inst.timings.totalSeconds.toFixed(0)} s`;
		console.log(`n8n@${version}: ${how} (${JSON.stringify(inst.timings)})`);
	}),
);
for (const r of results) if (r.status === 'rejected') console.log(`FAILED: ${r.reason?.stack}`);
const seconds = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`n8n installs in ${CACHE_DIR}: ${seconds} s`);
process.exit(results.every((r) => r.status === 'fulfilled') ? 0 : 1);
