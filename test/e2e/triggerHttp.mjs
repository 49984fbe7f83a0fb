// Shared by the Velt Trigger's real-n8n files (trigger.test.mjs, queue-trigger.test.mjs) and
// bench/webhook.mjs: workflows, signed deliveries with exact bytes, and execution counting.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';

export const TRIGGER_WORKFLOW_ID = 'veltE2eTrigger01';
export const TRIGGER_WEBHOOK_ID = 'b1e2e0c2-5a7d-4e3b-8d2f-6c8e9fa0b122';
export const N8N_WEBHOOK_WORKFLOW_ID = 'veltE2eN8nHook01';
export const N8N_WEBHOOK_PATH = 'velt-bench-n8n-webhook-v2';

/** An advanced Velt Trigger alone in a workflow (All Events unless told). */
export function triggerWorkflow({
	id = TRIGGER_WORKFLOW_ID,
	webhookId = TRIGGER_WEBHOOK_ID,
	credential,
	events = ['*'],
	name = 'Velt e2e: trigger',
}) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: 'e2e00000-0000-4000-8000-00000a000001',
				name: 'Velt Trigger',
				type: 'n8n-nodes-velt.veltTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { mode: 'advanced', events },
				credentials: { veltApi: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A basic-mode Velt Trigger. */
export function basicTriggerWorkflow({ id, webhookId, credential, name, parameters = {} }) {
	const wf = triggerWorkflow({ id, webhookId, credential: undefined, name });
	wf.nodes[0].parameters = { mode: 'basic', ...parameters };
	wf.nodes[0].credentials = { veltWebhookApi: credential };
	return wf;
}

/** n8n's own Webhook node, current version, answering when the execution is started. */
export function n8nWebhookWorkflow({ id = N8N_WEBHOOK_WORKFLOW_ID, path = N8N_WEBHOOK_PATH } = {}) {
	return {
		id,
		name: 'n8n Webhook v2 (comparison)',
		active: false,
		nodes: [
			{
				id: 'e2e00000-0000-4000-8000-00000b000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c2e2e0d3-6b8e-4f4c-9e30-7d9fa0b1c233',
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export const triggerUrl = (base, webhookId = TRIGGER_WEBHOOK_ID) =>
	`${base}/webhook/${webhookId}/webhook`;

/** Standard Webhooks headers over the exact bytes (independent of the node's code). */
export function sign(
	secret,
	body,
	{ id = `msg_${randomBytes(12).toString('hex')}`, timestamp = Math.floor(Date.now() / 1000) } = {},
) {
	const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
	const signature = createHmac('sha256', key)
		.update(`${id}.${timestamp}.`)
		.update(body)
		.digest('base64');
	return {
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': `v1,${signature}`,
	};
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs exact bytes with exactly the given headers (fetch would add a content-type). */
export function postRaw(url, { headers = {}, body = Buffer.alloc(0) }) {
	const target = new URL(url);
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: 'POST',
				agent,
				headers: { ...headers, 'content-length': String(bytes.length) },
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {}
					resolve({
						status: res.statusCode,
						contentType: res.headers['content-type'] ?? '',
						text,
						json,
					});
				});
			},
		);
		req.on('error', reject);
		req.end(bytes);
	});
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function runConcurrently(count, concurrency, task) {
	let next = 0;
	const results = new Array(count);
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) {
				const i = next++;
				results[i] = await task(i);
			}
		}),
	);
	return results;
}

/** Every execution of a workflow via the public API (paged), without data unless asked. */
export async function allExecutions(rt, server, workflowId, { includeData = false } = {}) {
	const out = [];
	let cursor;
	do {
		const q = new URLSearchParams({
			workflowId,
			includeData: String(includeData),
			limit: '250',
			...(cursor ? { cursor } : {}),
		});
		const page = await rt.publicApi(server.url, server.apiKey, 'GET', `/executions?${q}`);
		out.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return out;
}
