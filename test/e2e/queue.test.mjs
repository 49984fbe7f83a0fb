// End-to-end in queue mode: redis-server on loopback, `n8n start` with EXECUTIONS_MODE=queue and
// one `n8n worker`; the deal-closed webhook example runs on the worker and answers through main.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
	Cleanup,
	FAKE,
	credentials,
	exampleWorkflow,
	findSecrets,
	listExecutions,
	nodeItems,
	note,
	packPackage,
	postWebhook,
	rt,
	secs,
	startEmulator,
	waitFor,
} from './helpers.mjs';

const ORG = 'org-acme-analytics';
const DEAL_WORKFLOW = 'veltExample00001';

for (const version of [rt.N8N_CURRENT, rt.N8N_LAST_1X]) {
	describe(`n8n ${version} in queue mode`, () => {
		const cleanup = new Cleanup();
		const ctx = {};
		const timings = {};

		before(
			async () => {
				await rt.ensureN8n(version);
				const tarball = await packPackage(cleanup);
				ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder(`velt-e2e-queue-${version}-`));
				await rt.installCommunityPackage(ctx.userFolder, tarball);
				ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
				ctx.redis = cleanup.track(await rt.startRedis());
				const qenv = rt.queueEnv(ctx.redis.port);
				await rt.importCredentials(version, ctx.userFolder, credentials(ctx.emu.url), {
					env: qenv,
				});
				await rt.importWorkflow(
					version,
					ctx.userFolder,
					[exampleWorkflow('deal-closed-webhook-to-notification')],
					{ env: qenv },
				);
				let t0 = Date.now();
				ctx.main = cleanup.track(
					await rt.startN8n({ version, userFolder: ctx.userFolder, extraEnv: qenv }),
				);
				timings.mainStart = secs(t0);
				t0 = Date.now();
				ctx.worker = cleanup.track(
					await rt.startN8nWorker({ version, userFolder: ctx.userFolder, extraEnv: qenv }),
				);
				timings.workerStart = secs(t0);
				const owner = await rt.setupOwnerAndApiKey(ctx.main.url);
				ctx.server = { url: ctx.main.url, apiKey: owner.apiKey };
			},
			{ timeout: 60 * 60_000 },
		);

		after(
			async () => {
				const survivors = await cleanup.run();
				note(`queue ${version}: timings ${JSON.stringify(timings)}`);
				assert.deepEqual(survivors, [], 'process groups survived their stop()');
			},
			{ timeout: 2 * 60_000 },
		);

		test(
			'the deal-closed webhook answers with the node result; the worker ran the execution',
			{ timeout: 5 * 60_000 },
			async () => {
				await rt.publicApi(
					ctx.server.url,
					ctx.server.apiKey,
					'POST',
					`/workflows/${DEAL_WORKFLOW}/activate`,
				);
				const deal = {
					organizationId: ORG,
					dealId: 'deal-queue-1',
					dealName: 'Globex expansion',
					amount: '$12,500',
					owner: { userId: 'user-maya-patel', name: 'Maya Patel' },
					team: ['user-noah-kim', { userId: 'user-zoe-lindqvist', name: 'Zoe Lindqvist' }],
				};
				const t0 = Date.now();
				const res = await postWebhook(`${ctx.server.url}/webhook/velt-deal-closed`, deal, {
					expectStatus: 200,
				});
				timings.webhookSeconds = secs(t0);
				assert.match(res.json.notificationId, /^n8n-[0-9a-f]{24}$/);
				assert.deepEqual(res.json, {
					success: true,
					notificationId: res.json.notificationId,
					organizationId: ORG,
					documentId: 'deal-queue-1',
					message: 'Notification added successfully.',
				});
				const stored = await ctx.emu.notifications({
					organizationId: ORG,
					documentId: 'deal-queue-1',
				});
				assert.deepEqual(
					stored.map((n) => [
						n.id,
						n.notifyUsersByUserId,
						n.data.displayHeadlineMessageTemplateData,
					]),
					[
						[
							res.json.notificationId,
							{ 'user-noah-kim': true, 'user-zoe-lindqvist': true },
							{
								actionUser: { userId: 'user-maya-patel', name: 'Maya Patel' },
								dealName: 'Globex expansion',
							},
						],
					],
				);
				const [exec] = await waitFor(async () => {
					const list = await listExecutions(ctx.server, DEAL_WORKFLOW);
					return list.length && list[0].status === 'success' ? list : null;
				});
				assert.deepEqual(nodeItems(exec, 'Notify Account Team'), [res.json]);
				// the worker, not main, ran it
				const id = String(exec.id);
				const ran = new RegExp(`(started|finished) execution ${id}\\b`, 'i');
				await waitFor(() => ran.test(ctx.worker.logs()), { timeoutMs: 15_000 }).catch(() =>
					assert.fail(
						`the worker log does not mention execution ${id}:\n${ctx.worker.logs().slice(-3000)}`,
					),
				);
				const workerLines = ctx.worker
					.logs()
					.split('\n')
					.filter((l) => new RegExp(`execution ${id}\\b`, 'i').test(l));
				note(`queue ${version}: worker log: ${workerLines.join(' | ')}`);
				assert.ok(workerLines.some((l) => /started/i.test(l)));
				assert.ok(workerLines.some((l) => /finished/i.test(l)));
				assert.ok(!ran.test(ctx.main.logs()), 'main must enqueue, not run, the execution');
			},
		);

		test(
			'no secret in the executions or the main and worker logs',
			{ timeout: 60_000 },
			async () => {
				const all = await listExecutions(ctx.server, DEAL_WORKFLOW);
				assert.ok(all.length >= 1);
				assert.deepEqual(findSecrets(JSON.stringify(all)), []);
				assert.deepEqual(findSecrets(ctx.main.logs() + ctx.worker.logs()), []);
				assert.deepEqual(findSecrets(fs.readFileSync(ctx.worker.logFile, 'utf8')), []);
				assert.ok(FAKE.apiKey.length > 10);
			},
		);
	});
}
