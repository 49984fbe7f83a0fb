/**
 * One measurement in a fresh process (so peak RSS is its own): a workload run by the
 * node through n8n-core's engine, by a raw axios loop at the same concurrency, or
 * one request per item in sequence. Prints one JSON line.
 */
import '../test/setup/instanceSettings';
import axios from 'axios';
import http from 'http';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode, TEST_API_KEY, TEST_AUTH_TOKEN } from '../test/helpers/n8nHarness';

export type Workload = 'add' | 'update' | 'getAll';
export type Variant = 'node' | 'axios' | 'sequential';

const [workload, variant, url, countText, concurrencyText, batchSizeText] = process.argv.slice(
	2,
) as [Workload, Variant, string, string, string, string];
const count = Number(countText);
const concurrency = Number(concurrencyText);
const batchSize = Number(batchSizeText);
const ORG = 'bench-org';
const DOC = 'bench-document';

const client = axios.create({
	baseURL: url,
	headers: { 'x-velt-api-key': TEST_API_KEY, 'x-velt-auth-token': TEST_AUTH_TOKEN },
	httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
});

async function post(path: string, data: IDataObject): Promise<IDataObject> {
	const response = await client.post(path, { data });
	return response.data.result as IDataObject;
}

async function pool(total: number, limit: number, work: (index: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, total) }, async () => {
			while (next < total) await work(next++);
		}),
	);
}

const addData = (index: number) => ({
	organizationId: ORG,
	documentId: DOC,
	actionUser: { userId: 'bench-bot' },
	notificationId: `bench-${variant}-${index}`,
	displayHeadlineMessageTemplate: `Bench item ${index}`,
	displayBodyMessage: 'Bench body',
	notifyUsers: [{ userId: `u${index % 3}` }],
	notifyAll: false,
});
const updateEntry = (index: number) => ({ id: `bench-id-${index}`, readByUserIds: ['u1'] });

async function runRaw(
	limit: number,
	batched: boolean,
): Promise<{ returned: number; jsonBytes: () => number }> {
	if (workload === 'add') {
		await pool(count, limit, async (index) => {
			await post('/v2/notifications/add', addData(index));
		});
		return { returned: count, jsonBytes: () => 0 };
	}
	if (workload === 'update') {
		const size = batched ? batchSize : 1;
		const batches = Math.ceil(count / size);
		await pool(batches, limit, async (batch) => {
			const entries = Array.from({ length: Math.min(size, count - batch * size) }, (_, offset) =>
				updateEntry(batch * size + offset),
			);
			await post('/v2/notifications/update', {
				organizationId: ORG,
				documentId: DOC,
				notifications: entries,
			});
		});
		return { returned: count, jsonBytes: () => 0 };
	}
	const notifications: IDataObject[] = [];
	let pageToken: unknown;
	do {
		const result = await post('/v2/notifications/get', {
			organizationId: ORG,
			documentId: DOC,
			pageSize: 1000,
			...(pageToken ? { pageToken } : {}),
		});
		notifications.push(...(result.data as IDataObject[]));
		pageToken = result.pageToken;
	} while (pageToken);
	return {
		returned: notifications.length,
		jsonBytes: () => Buffer.byteLength(JSON.stringify(notifications)),
	};
}

async function runWithNode(): Promise<{ returned: number; jsonBytes: () => number }> {
	const credentials = { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: url };
	const options = { concurrency, batchSize };
	let parameters: IDataObject;
	let items: IDataObject[] = [{}];
	if (workload === 'add') {
		items = Array.from({ length: count }, (_, index) => ({ index, user: `u${index % 3}` }));
		parameters = {
			resource: 'notification',
			operation: 'add',
			organizationId: ORG,
			documentId: DOC,
			actionUser: { user: { userId: 'bench-bot' } },
			displayHeadlineMessageTemplate: '=Bench item {{ $json.index }}',
			displayBodyMessage: 'Bench body',
			notifyUsers: { users: [{ userId: '={{ $json.user }}' }] },
			additionalFields: { notificationId: '=bench-node-{{ $json.index }}' },
			options,
		};
	} else if (workload === 'update') {
		items = Array.from({ length: count }, (_, index) => ({ id: `bench-id-${index}` }));
		parameters = {
			resource: 'notification',
			operation: 'update',
			organizationId: ORG,
			documentId: DOC,
			id: '={{ $json.id }}',
			updateFields: { readByUserIds: 'u1' },
			options,
		};
	} else {
		parameters = {
			resource: 'notification',
			operation: 'getAll',
			organizationId: ORG,
			documentId: DOC,
			returnAll: true,
			simplify: false,
			options,
		};
	}
	const run = await runNode({ parameters: parameters as INodeParameters, items, credentials });
	if (run.status !== 'success') throw new Error(`node run failed: ${run.error?.message}`);
	return {
		returned: run.items.length,
		jsonBytes: () =>
			workload === 'getAll'
				? Buffer.byteLength(JSON.stringify(run.items.map((item) => item.json)))
				: 0,
	};
}

async function main() {
	global.gc?.();
	const rssBefore = process.memoryUsage.rss();
	// Sampled rather than maxRSS, which also holds the peak of loading n8n before the workload.
	let peakRss = rssBefore;
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, 5);
	const started = process.hrtime.bigint();
	const result =
		variant === 'node'
			? await runWithNode()
			: await runRaw(variant === 'axios' ? concurrency : 1, variant === 'axios');
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage.rss());
	// Measured after the window: serialising 50,000 notifications is not part of the workload.
	const jsonBytes = result.jsonBytes();
	process.stdout.write(
		`${JSON.stringify({ workload, variant, items: count, seconds, itemsPerSecond: count / seconds, returned: result.returned, jsonBytes, rssBefore, peakRss, peakRssGrowth: peakRss - rssBefore })}\n`,
	);
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
	process.exit(1);
});
