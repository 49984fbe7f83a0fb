/**
 * Profiles a 2,000-item Add (or `update`: mark as read) through n8n-core (no added latency) to see what the node
 * spends beyond n8n's request helper:
 *   npm run build:tools && node --cpu-prof --cpu-prof-dir=/tmp/velt-prof build/bench/profileAdd.js
 *   node bench/summarizeProfile.mjs /tmp/velt-prof/<file>.cpuprofile
 */
import '../test/setup/instanceSettings';
import type { INodeParameters } from 'n8n-workflow';
import { makeNotifications, startVeltEmulator } from '../test/emulator';
import { runNode, TEST_API_KEY, TEST_AUTH_TOKEN } from '../test/helpers/n8nHarness';

const COUNT = Number(process.argv[2] ?? 2000);
/** 'add' (default) or 'update' (mark as read, batched). */
const OPERATION = process.argv[3] ?? 'add';

async function main() {
	const emulator = await startVeltEmulator({
		latencyMs: 0,
		apiKey: TEST_API_KEY,
		authToken: TEST_AUTH_TOKEN,
	});
	const update: INodeParameters = {
		resource: 'notification',
		operation: 'update',
		organizationId: 'profile-org',
		documentId: 'profile-document',
		id: '={{ $json.id }}',
		updateFields: { readByUserIds: 'u1' },
	};
	if (OPERATION === 'update') {
		const seeds = makeNotifications(COUNT, {
			organizationId: 'profile-org',
			documentId: 'profile-document',
			userIds: ['u1', 'u2'],
			seed: 1,
		});
		seeds.forEach((seed, index) => (seed.data.notificationId = `profile-${index}`));
		emulator.store.insertNotifications(seeds);
	}
	const add: INodeParameters = {
		resource: 'notification',
		operation: 'add',
		organizationId: 'profile-org',
		documentId: 'profile-document',
		actionUser: { user: { userId: 'profile-bot' } },
		displayHeadlineMessageTemplate: '=Item {{ $json.index }}',
		displayBodyMessage: 'Body',
		notifyUsers: { users: [{ userId: '={{ $json.user }}' }] },
		additionalFields: { notificationId: '=profile-{{ $json.index }}' },
	};
	const parameters = OPERATION === 'update' ? update : add;
	const items = Array.from({ length: COUNT }, (_, index) => ({
		index,
		user: `u${index % 3}`,
		id: `profile-${index}`,
	}));
	const credentials = { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url };
	// One warm-up run so the profile shows the steady state, not module loading.
	await runNode({ parameters, items: items.slice(0, 50), credentials });
	const started = process.hrtime.bigint();
	const run = await runNode({ parameters, items, credentials });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	process.stdout.write(
		`${run.status}: ${run.items.length} items in ${seconds.toFixed(2)} s (${(COUNT / seconds).toFixed(0)} items/s), ${emulator.requests.length} requests\n`,
	);
	await emulator.close();
}

void main();
