/**
 * A short round trip against a real Velt app, through n8n-core's engine: the credential test,
 * then one notification added to the test document, read back, marked read, the user's
 * settings read, and the notification deleted. `npm run test:live` (see the README);
 * `npm test` runs it against the emulator so it cannot rot.
 */
import { randomBytes } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';
import { runCredentialTest } from '../helpers/credentialTest';
import type { VeltRun } from '../node/support';
import { runVelt } from '../node/support';
import { readLiveSettings } from './settings';

const live = readLiveSettings(process.env);
const target = { url: live.baseUrl };
const credentials = { apiKey: live.apiKey, authToken: live.authToken };
const notificationId = `n8n-live-${Date.now()}-${randomBytes(4).toString('hex')}`;
const scope = { organizationId: live.organizationId, documentId: live.documentId };
let added = false;
let deleted = false;

async function run(parameters: INodeParameters): Promise<VeltRun> {
	const result = await runVelt(target, { credentials, parameters });
	// Whatever Velt answers, neither secret reaches the output or the stored run.
	const everything = JSON.stringify(result.run);
	expect(everything.includes(live.apiKey)).toBe(false);
	expect(everything.includes(live.authToken)).toBe(false);
	if (result.status !== 'success')
		throw new Error(
			`The node failed: ${result.error?.message ?? 'unknown'} ${String(result.error?.description ?? '')}`,
		);
	return result;
}

/** Get Many for the test notification only (Velt may index a new notification with a short delay). */
async function findTestNotification(expectFound: boolean): Promise<VeltRun> {
	let result: VeltRun | undefined;
	for (let attempt = 0; attempt < 5; attempt++) {
		result = await run({
			resource: 'notification',
			operation: 'getAll',
			...scope,
			returnAll: true,
			simplify: true,
			filters: { notificationIds: notificationId },
		});
		if (result.json.length > 0 === expectFound) return result;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	return result as VeltRun;
}

afterAll(async () => {
	// Leave the test document as it was, even when a step in between failed.
	if (added && !deleted) {
		await runVelt(target, {
			credentials,
			parameters: {
				resource: 'notification',
				operation: 'delete',
				...scope,
				notificationIds: notificationId,
			},
		});
	}
});

test('the credential test accepts the API key and auth token', async () => {
	expect(await runCredentialTest({ ...credentials, baseUrl: live.baseUrl })).toBeUndefined();
});

test('Add: one notification in the test document', async () => {
	const result = await run({
		resource: 'notification',
		operation: 'add',
		...scope,
		actionUser: { user: { userId: live.userId, name: 'n8n live test' } },
		displayHeadlineMessageTemplate: 'n8n-nodes-velt live test {runId}',
		displayBodyMessage: 'Added by npm run test:live and deleted again at its end.',
		notifyUsers: { users: [{ userId: live.userId }] },
		additionalFields: {
			notificationId,
			displayHeadlineMessageTemplateData: { values: [{ key: 'runId', value: notificationId }] },
		},
	});
	added = true;
	expect(result.json).toEqual([
		{ success: true, notificationId, ...scope, message: expect.any(String) },
	]);
});

test('Get Many: the notification comes back, rendered, without the API key Velt echoes', async () => {
	const result = await findTestNotification(true);
	expect(result.json).toHaveLength(1);
	expect(result.json[0]).toMatchObject({
		id: notificationId,
		headline: `n8n-nodes-velt live test ${notificationId}`,
		documentId: live.documentId,
	});
});

test('Update: the notification is marked read for the notified user', async () => {
	const result = await run({
		resource: 'notification',
		operation: 'update',
		...scope,
		id: notificationId,
		updateFields: { readByUserIds: live.userId },
	});
	expect(result.json).toHaveLength(1);
	expect(result.json[0]).toMatchObject({ success: true });
	// Read back for that user: where Velt reports the read state (the docs do not promise it), it is read.
	const forUser = await run({
		resource: 'notification',
		operation: 'getAll',
		organizationId: live.organizationId,
		userId: live.userId,
		returnAll: true,
		filters: { notificationIds: notificationId },
	});
	for (const notification of forUser.json)
		if ('isUnread' in notification) expect(notification.isUnread).toBe(false);
});

test("Notification Setting → Get: the user's settings for the test document", async () => {
	const result = await run({
		resource: 'notificationConfig',
		operation: 'get',
		organizationId: live.organizationId,
		userId: live.userId,
		documentIds: live.documentId,
	});
	expect(result.json).toHaveLength(1);
	expect(result.json[0]).toMatchObject({
		organizationId: live.organizationId,
		userId: live.userId,
	});
	expect(Array.isArray(result.json[0].settings)).toBe(true);
	expect(JSON.stringify(result.json[0].settings)).not.toContain('"apiKey"');
});

test('Delete: what the suite added is gone', async () => {
	const result = await run({
		resource: 'notification',
		operation: 'delete',
		...scope,
		notificationIds: notificationId,
	});
	deleted = true;
	expect(result.json).toEqual([{ deleted: true, deletedIds: [notificationId], deletedCount: 1 }]);
	expect((await findTestNotification(false)).json).toEqual([]);
});
