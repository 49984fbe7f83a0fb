/**
 * The emulator in its own process for the benchmark, driven over IPC by bench/run.ts:
 * 25 ms added latency, seeded on request, reset between measurements.
 */
import { makeNotifications, startVeltEmulator } from '../test/emulator';

type Command = { type: 'seed'; count: number; organizationId: string; documentId: string } | { type: 'reset' } | { type: 'stats' } | { type: 'stop' };

async function main() {
	const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 25);
	const emulator = await startVeltEmulator({ latencyMs });
	const send = (message: unknown) => process.send?.(message);
	process.on('message', async (command: Command) => {
		switch (command.type) {
			case 'seed': {
				const seeds = makeNotifications(command.count, { organizationId: command.organizationId, documentId: command.documentId, userIds: ['u1', 'u2', 'u3'], seed: 3 });
				// Known ids, so the update workload can address them.
				seeds.forEach((seed, index) => (seed.data.notificationId = `bench-id-${index}`));
				emulator.store.insertNotifications(seeds);
				send({ type: 'seeded', count: emulator.store.countNotifications(command.organizationId) });
				break;
			}
			case 'reset':
				emulator.reset();
				emulator.setLatency(latencyMs);
				send({ type: 'reset' });
				break;
			case 'stats':
				send({ type: 'stats', requests: emulator.requests.length, notifications: emulator.store.countNotifications() });
				break;
			case 'stop':
				await emulator.close();
				process.exit(0);
		}
	});
	send({ type: 'ready', url: emulator.url });
}

void main();
