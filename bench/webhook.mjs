#!/usr/bin/env node
// Signed deliveries per second: the Velt Trigger against n8n's own Webhook node (v2), in one
// n8n (the e2e suite's 2.x install), same machine, same run, alternating rounds so drift
// hits both. Each delivery is a POST at concurrency 20 that must answer 2xx; at the end every
// delivery must have produced exactly one execution.
//
//   npm run bench:webhook -- [--deliveries 2000] [--concurrency 20] [--rounds 4] [--env KEY=VALUE ...]
import { parseArgs } from 'node:util';
import {
	Cleanup,
	CRED,
	credentials,
	packPackage,
	rt,
	startEmulator,
	waitFor,
} from '../test/e2e/helpers.mjs';
import {
	allExecutions,
	n8nWebhookWorkflow,
	N8N_WEBHOOK_PATH,
	N8N_WEBHOOK_WORKFLOW_ID,
	postRaw,
	runConcurrently,
	sign,
	triggerUrl,
	triggerWorkflow,
	TRIGGER_WORKFLOW_ID,
} from '../test/e2e/triggerHttp.mjs';

const { values } = parseArgs({
	options: {
		deliveries: { type: 'string', default: '2000' },
		concurrency: { type: 'string', default: '20' },
		rounds: { type: 'string', default: '4' },
		version: { type: 'string', default: rt.N8N_CURRENT },
		env: { type: 'string', multiple: true, default: [] },
	},
});
const DELIVERIES = Number(values.deliveries);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const VERSION = values.version;
const EXTRA_ENV = Object.fromEntries(
	values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);

const log = (...args) =>
	console.error(`[bench:webhook ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** A comment.add payload of a realistic size (~1.5 KB), different per delivery. */
function payload(i) {
	return JSON.stringify({
		event: 'comment.add',
		actionType: 'add',
		source: 'comment',
		platform: 'sdk',
		webhookId: 'bench',
		data: {
			actionUser: {
				userId: 'user-1',
				name: 'Bench User',
				email: 'bench@example.com',
				organizationId: 'org-bench',
			},
			commentAnnotation: {
				annotationId: `anno-${i}`,
				comments: [
					{
						commentId: i,
						commentText: `Comment number ${i} `.repeat(20),
						createdAt: 1700000000000 + i,
					},
				],
				metadata: { documentId: 'doc-bench', organizationId: 'org-bench' },
			},
		},
	});
}

async function main() {
	const cleanup = new Cleanup();
	try {
		await rt.ensureN8n(VERSION);
		const tarball = await packPackage(cleanup);
		const userFolder = cleanup.userFolder(await rt.makeUserFolder('velt-bench-webhook-'));
		await rt.installCommunityPackage(userFolder, tarball);
		const emu = cleanup.track(await startEmulator({ userFolder }));
		await rt.importCredentials(VERSION, userFolder, credentials(emu.url));
		await rt.importWorkflow(VERSION, userFolder, [
			triggerWorkflow({ credential: CRED.sandbox }),
			n8nWebhookWorkflow(),
		]);
		const n8n = cleanup.track(
			await rt.startN8n({ version: VERSION, userFolder, extraEnv: EXTRA_ENV }),
		);
		const owner = await rt.setupOwnerAndApiKey(n8n.url);
		const server = { url: n8n.url, apiKey: owner.apiKey };
		for (const id of [TRIGGER_WORKFLOW_ID, N8N_WEBHOOK_WORKFLOW_ID])
			await rt.publicApi(server.url, server.apiKey, 'POST', `/workflows/${id}/activate`);
		const [endpoint] = await waitFor(async () => {
			const list = await emu.webhookEndpoints();
			return list.length ? list : null;
		});
		const targets = {
			'n8n Webhook node v2': {
				url: `${n8n.url}/webhook/${N8N_WEBHOOK_PATH}`,
				workflowId: N8N_WEBHOOK_WORKFLOW_ID,
			},
			'Velt Trigger': { url: triggerUrl(n8n.url), workflowId: TRIGGER_WORKFLOW_ID },
		};
		let sequence = 0;
		const sent = new Map();
		const deliver = async (url) => {
			const body = payload(sequence++);
			const res = await postRaw(url, {
				headers: { 'content-type': 'application/json', ...sign(endpoint.secret, body) },
				body,
			});
			if (res.status < 200 || res.status > 299)
				throw new Error(`${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
			sent.set(url, (sent.get(url) ?? 0) + 1);
			return res;
		};
		for (const target of Object.values(targets))
			await waitFor(async () => (await deliver(target.url)).status === 200, { timeoutMs: 20_000 });
		// warm-up (not measured): JIT, database, the trigger's first secret read
		for (const target of Object.values(targets))
			await runConcurrently(100, CONCURRENCY, () => deliver(target.url));

		const totals = Object.fromEntries(
			Object.keys(targets).map((name) => [name, { deliveries: 0, ms: 0 }]),
		);
		const perRound = Math.ceil(DELIVERIES / ROUNDS);
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 === 0 ? Object.keys(targets) : Object.keys(targets).reverse();
			for (const name of order) {
				const t0 = performance.now();
				await runConcurrently(perRound, CONCURRENCY, () => deliver(targets[name].url));
				const ms = performance.now() - t0;
				totals[name].deliveries += perRound;
				totals[name].ms += ms;
				log(
					`round ${round + 1}/${ROUNDS} ${name}: ${perRound} in ${(ms / 1000).toFixed(1)} s = ${((perRound * 1000) / ms).toFixed(1)}/s`,
				);
			}
		}
		// every delivery (warm-up included) must have become exactly one finished execution
		const executed = {};
		for (const [name, target] of Object.entries(targets)) {
			const expected = sent.get(target.url);
			executed[name] = await waitFor(
				async () => {
					const list = await allExecutions(rt, server, target.workflowId);
					return list.length >= expected && list.every((e) => e.finished || e.status === 'success')
						? `${list.length} of ${expected}`
						: null;
				},
				{ timeoutMs: 180_000, intervalMs: 1000 },
			).catch(() => 'timeout');
		}
		const rate = (name) => (totals[name].deliveries * 1000) / totals[name].ms;
		const base = rate('n8n Webhook node v2');
		const rows = Object.keys(targets).map((name) => ({
			target: name,
			deliveries: totals[name].deliveries,
			'executions (all sent)': executed[name],
			seconds: Number((totals[name].ms / 1000).toFixed(1)),
			'deliveries/s': Number(rate(name).toFixed(1)),
			'vs Webhook v2': `${(rate(name) / base).toFixed(2)}×`,
		}));
		console.log(
			`n8n ${VERSION}, concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds${Object.keys(EXTRA_ENV).length ? `, env ${JSON.stringify(EXTRA_ENV)}` : ''}`,
		);
		console.table(rows);
		console.log(`ratio Velt Trigger / Webhook v2: ${(rate('Velt Trigger') / base).toFixed(3)}`);
	} finally {
		const survivors = await cleanup.run();
		if (survivors.length) log(`process groups survived: ${survivors.join(', ')}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
