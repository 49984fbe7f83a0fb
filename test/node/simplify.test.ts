/**
 * Simplify renders every placeholder of the dev sandbox's sample headlines: `{recipientUser}`
 * from the template data, else the user the notifications were read for (named as the
 * notification names them, else by ID); nothing is left as a raw `{...}`.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	seedSampleData,
	startVeltEmulator,
	type SampleDataSummary,
	type VeltEmulator,
} from '../emulator';
import { runVelt } from './support';

let emulator: VeltEmulator;
let summary: SampleDataSummary;
beforeAll(async () => {
	emulator = await startVeltEmulator();
	summary = seedSampleData(emulator.store, {
		seed: 1,
		now: 1_760_000_000_000,
		notificationsPerOrganization: 100,
	});
});
afterAll(async () => {
	await emulator.close();
});

const getMany = { resource: 'notification', operation: 'getAll', returnAll: true, simplify: true };

async function readRaw(parameters: IDataObject): Promise<IDataObject[]> {
	const run = await runVelt(emulator, {
		parameters: { ...getMany, ...parameters, simplify: false },
	});
	expect(run.status).toBe('success');
	return run.json;
}

test("a user's notifications: every headline is fully rendered, {recipientUser} falls back to that user", async () => {
	const organization = summary.organizations[0];
	let fallbacksSeen = 0;
	for (const userId of organization.userIds.slice(0, 4)) {
		const parameters = { organizationId: organization.organizationId, userId };
		const raw = await readRaw(parameters);
		const run = await runVelt(emulator, { parameters: { ...getMany, ...parameters } });
		expect(run.status).toBe('success');
		expect(run.json.length).toBe(raw.length);
		expect(raw.length).toBeGreaterThan(0);
		for (const [index, simplified] of run.json.entries()) {
			const notification = raw[index];
			expect(simplified.id).toBe(notification.id);
			const headline = String(simplified.headline);
			expect(headline).not.toMatch(/[{}]/);
			const template = String(notification.displayHeadlineMessageTemplate ?? '');
			const data = (notification.displayHeadlineMessageTemplateData ?? {}) as IDataObject;
			if (template.includes('{recipientUser}')) {
				const given = data.recipientUser as IDataObject | undefined;
				if (given !== undefined) {
					expect(headline).toContain(String(given.name));
				} else {
					fallbacksSeen++;
					// The sample users carry names only where the notification names them (e.g. as action user).
					const named = [notification.actionUser, ...Object.values(data)].find(
						(user) => (user as IDataObject | undefined)?.userId === userId,
					) as IDataObject | undefined;
					expect(headline).toContain(named?.name !== undefined ? String(named.name) : userId);
				}
			}
		}
	}
	// The sample data has notify-everyone notifications with {recipientUser} and no recipient in the template data.
	expect(fallbacksSeen).toBeGreaterThan(0);
});

test("a document's notifications: a {recipientUser} nobody fills is shown as its name, never half-rendered", async () => {
	const organization = summary.organizations[0];
	let unfilledSeen = 0;
	for (const documentId of organization.documentIds) {
		const parameters = { organizationId: organization.organizationId, documentId };
		const raw = await readRaw(parameters);
		const run = await runVelt(emulator, { parameters: { ...getMany, ...parameters } });
		expect(run.json.length).toBe(raw.length);
		raw.forEach((notification, index) => {
			const headline = String(run.json[index].headline);
			expect(headline).not.toMatch(/[{}]/);
			const data = (notification.displayHeadlineMessageTemplateData ?? {}) as IDataObject;
			if (
				String(notification.displayHeadlineMessageTemplate ?? '').includes('{recipientUser}') &&
				data.recipientUser === undefined
			) {
				unfilledSeen++;
				expect(headline).toMatch(/ recipientUser( |$)/);
			}
		});
	}
	expect(unfilledSeen).toBeGreaterThan(0);
});
