/**
 * `npm run bench`: the node against the emulator (own process, 25 ms latency per request),
 * side by side with a raw axios loop at the same concurrency (the transport limit) and
 * one request per item in sequence (what the HTTP Request node does by default).
 * Prints a table of items/s, requests, peak RSS growth and ratios.
 */
import { fork, spawn } from 'child_process';
import { join } from 'path';
import { DEFAULT_CONCURRENCY } from '../nodes/VeltNotifications/helpers/execution';
import { DEFAULT_UPDATE_DELETE_BATCH_SIZE } from '../nodes/shared/transport';

interface Measurement {
	workload: string;
	variant: string;
	items: number;
	seconds: number;
	itemsPerSecond: number;
	returned: number;
	jsonBytes: number;
	peakRssGrowth: number;
	requests: number;
}

const quick = process.argv.includes('--quick');
const WORKLOADS = [
	{ workload: 'add', count: quick ? 400 : 2000, label: 'Add' },
	{ workload: 'update', count: quick ? 1000 : 5000, label: 'Update (mark as read)' },
	{ workload: 'getAll', count: quick ? 10_000 : 50_000, label: 'Get Many, Return All' },
] as const;
const VARIANTS = ['node', 'axios', 'sequential'] as const;

const emulator = fork(join(__dirname, 'emulatorProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

function ask<T>(message: object, replyType: string): Promise<T> {
	return new Promise((resolve) => {
		const listener = (reply: { type: string }) => {
			if (reply.type !== replyType) return;
			emulator.off('message', listener);
			resolve(reply as T);
		};
		emulator.on('message', listener);
		if (Object.keys(message).length > 0) emulator.send(message);
	});
}

function measure(workload: string, variant: string, url: string, count: number): Promise<Omit<Measurement, 'requests'>> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'workload.js'), workload, variant, url, String(count), String(DEFAULT_CONCURRENCY), String(DEFAULT_UPDATE_DELETE_BATCH_SIZE)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('exit', (code) => {
			const line = output.split('\n').find((text) => text.startsWith('{'));
			if (code !== 0 || line === undefined) reject(new Error(`${workload}/${variant} failed (exit ${code})`));
			else resolve(JSON.parse(line) as Omit<Measurement, 'requests'>);
		});
	});
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
	const { url } = await ask<{ url: string }>({}, 'ready');
	console.log(`Velt emulator at ${url}, 25 ms latency per request; concurrency ${DEFAULT_CONCURRENCY}, batch size ${DEFAULT_UPDATE_DELETE_BATCH_SIZE}${quick ? ' (quick run: smaller workloads)' : ''}\n`);
	const results: Measurement[] = [];
	for (const { workload, count } of WORKLOADS) {
		for (const variant of VARIANTS) {
			await ask({ type: 'reset' }, 'reset');
			if (workload === 'update' || workload === 'getAll') {
				const organizationId = 'bench-org';
				await ask({ type: 'seed', count, organizationId, documentId: 'bench-document' }, 'seeded');
			}
			const result = await measure(workload, variant, url, count);
			const stats = await ask<{ requests: number }>({ type: 'stats' }, 'stats');
			results.push({ ...result, requests: stats.requests });
			console.log(`  ${workload.padEnd(7)} ${variant.padEnd(10)} ${result.itemsPerSecond.toFixed(0).padStart(8)} items/s  ${String(stats.requests).padStart(5)} requests  ${result.seconds.toFixed(2)} s`);
		}
	}
	emulator.send({ type: 'stop' });

	console.log('\n| Workload | Items | Variant | Items/s | Requests | Peak RSS growth | vs raw axios | vs sequential |');
	console.log('|---|---:|---|---:|---:|---:|---:|---:|');
	for (const { workload, label } of WORKLOADS) {
		const rows = results.filter((row) => row.workload === workload);
		const axiosRow = rows.find((row) => row.variant === 'axios') as Measurement;
		const sequentialRow = rows.find((row) => row.variant === 'sequential') as Measurement;
		for (const row of rows) {
			const name = row.variant === 'node' ? 'Velt node (n8n-core)' : row.variant === 'axios' ? `raw axios, concurrency ${DEFAULT_CONCURRENCY}` : 'one request per item, sequential';
			console.log(
				`| ${label} | ${row.items} | ${name} | ${row.itemsPerSecond.toFixed(0)} | ${row.requests} | ${megabytes(row.peakRssGrowth)} | ${(row.itemsPerSecond / axiosRow.itemsPerSecond).toFixed(2)}× | ${(row.itemsPerSecond / sequentialRow.itemsPerSecond).toFixed(1)}× |`,
			);
		}
	}
	const getAllNode = results.find((row) => row.workload === 'getAll' && row.variant === 'node') as Measurement;
	console.log(
		`\nReturn All: ${getAllNode.returned} notifications, ${megabytes(getAllNode.jsonBytes)} as JSON; node peak RSS growth ${megabytes(getAllNode.peakRssGrowth)} = ${(getAllNode.peakRssGrowth / getAllNode.jsonBytes).toFixed(2)}× the JSON size.`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	emulator.kill();
	process.exitCode = 1;
});
