/**
 * A workflow and a credential as n8n saved them with version 0.1.0 of this package
 * (test/fixtures/savedWorkflows/), run node by node through n8n-core's engine against the
 * emulator: every operation, with pickers saved as resource locators and, from before they were
 * pickers, as plain strings. A refactor that renames a parameter, a credential field or the
 * node's type breaks this test.
 */
import fs from 'fs';
import path from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { VeltApi } from '../../credentials/VeltApi.credentials';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import { runNode, type VeltCredentialData } from '../helpers/n8nHarness';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'savedWorkflows');

interface SavedNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
}

const workflow = JSON.parse(
	fs.readFileSync(path.join(FIXTURES, 'everyOperation.workflow.json'), 'utf8'),
) as { nodes: SavedNode[] };
const [savedCredential] = JSON.parse(
	fs.readFileSync(path.join(FIXTURES, 'veltApi.credentials.json'), 'utf8'),
) as Array<{ id: string; type: string; data: VeltCredentialData }>;

const veltNodes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-velt.veltNotifications');

function savedNode(name: string): SavedNode {
	const node = veltNodes.find((candidate) => candidate.name === name);
	if (node === undefined) throw new Error(`the fixture has no node "${name}"`);
	return node;
}

let emulator: VeltEmulator;
beforeAll(async () => {
	emulator = await startVeltEmulator({
		apiKey: savedCredential.data.apiKey,
		authToken: savedCredential.data.authToken,
	});
});
afterAll(async () => {
	await emulator.close();
});

/** Runs one saved node as n8n would: its saved type name, parameters and credential. */
async function runSaved(name: string, items: IDataObject[] = [{}]) {
	const node = savedNode(name);
	const run = await runNode({
		parameters: node.parameters,
		items,
		nodeType: new VeltNotifications(),
		nodeTypeName: node.type,
		typeVersion: node.typeVersion,
		credentials: { ...savedCredential.data, baseUrl: emulator.url },
	});
	if (run.status !== 'success') throw run.error ?? new Error(`${name}: ${run.status}`);
	return run.items.map((item) => item.json);
}

function storedIds(): string[] {
	return emulator.store
		.listNotifications({ organizationId: 'org-compat' })
		.map((notification) => notification.id)
		.sort();
}

test('the saved credential has exactly the fields of the Velt API credential, and the nodes the saved type', () => {
	expect(savedCredential.type).toBe(new VeltApi().name);
	expect(Object.keys(savedCredential.data).sort()).toEqual(
		new VeltApi().properties.map((property) => property.name).sort(),
	);
	const description = new VeltNotifications().description;
	for (const node of veltNodes) {
		expect(`n8n-nodes-velt.${description.name}`).toBe(node.type);
		// The node still offers the version the workflow was saved with (2 added Simplify and Sort defaults).
		expect([description.version].flat()).toContain(node.typeVersion);
		expect(Object.keys(node.credentials ?? {})).toEqual(['veltApi']);
	}
	const operations = new Set(
		veltNodes.map(
			(node) => `${String(node.parameters.resource)}:${String(node.parameters.operation)}`,
		),
	);
	expect([...operations].sort()).toEqual(
		[
			'notification:add',
			'notification:delete',
			'notification:getAll',
			'notification:update',
			'notificationConfig:get',
			'notificationConfig:set',
		].sort(),
	);
});

// One story, in the workflow's order: each step reads what the ones before it wrote.
describe('every saved node runs unchanged, in the order of the workflow', () => {
	test('Add, saved today (resource locators)', async () => {
		expect(await runSaved('Add (saved today)')).toEqual([
			{
				success: true,
				notificationId: 'compat-new-1',
				organizationId: 'org-compat',
				documentId: 'doc-compat',
				message: expect.any(String),
			},
		]);
		const [sent] = emulator.requests.slice(-1).map((request) => (request.body as IDataObject).data);
		expect(sent).toEqual({
			organizationId: 'org-compat',
			documentId: 'doc-compat',
			actionUser: { userId: 'u-bo', name: 'Bo', email: 'bo@example.com' },
			displayHeadlineMessageTemplate: '{actionUser} closed {dealName}',
			displayBodyMessage: 'Worth 5000 EUR',
			displayHeadlineMessageTemplateData: { dealName: 'Acme renewal' },
			metadata: { dealId: 4711 },
			notificationSource: 'custom',
			verifyUserPermissions: false,
			notificationId: 'compat-new-1',
			notifyUsers: [{ userId: 'u-ana', name: 'Ana', email: 'ana@example.com' }],
			notifyAll: false,
		});
	});

	test('Add, pickers saved as plain strings', async () => {
		expect(await runSaved('Add (plain-string pickers)')).toEqual([
			{
				success: true,
				notificationId: 'compat-old-1',
				organizationId: 'org-compat',
				documentId: 'doc-compat',
				message: expect.any(String),
			},
		]);
	});

	test('Add, with a locator holding an expression and recipient IDs mapped from the items', async () => {
		const items = [
			{
				org: 'org-compat',
				doc: 'doc-compat',
				deal: 'A',
				recipients: 'u-ana, u-bo',
				id: 'compat-x-1',
			},
			{ org: 'org-compat', doc: 'doc-other', deal: 'B', recipients: ['u-bo'], id: 'compat-x-2' },
		];
		expect(await runSaved('Add (recipient IDs from items)', items)).toEqual([
			expect.objectContaining({ notificationId: 'compat-x-1', documentId: 'doc-compat' }),
			expect.objectContaining({ notificationId: 'compat-x-2', documentId: 'doc-other' }),
		]);
		const sent = emulator.requests.slice(-2).map((request) => (request.body as IDataObject).data);
		expect(sent).toEqual([
			expect.objectContaining({
				displayHeadlineMessageTemplate: 'Deal A closed',
				notifyUsers: [{ userId: 'u-ana' }, { userId: 'u-bo' }],
			}),
			expect.objectContaining({
				displayHeadlineMessageTemplate: 'Deal B closed',
				notifyUsers: [{ userId: 'u-bo' }],
			}),
		]);
		expect(storedIds()).toEqual(['compat-new-1', 'compat-old-1', 'compat-x-1', 'compat-x-2']);
	});

	test('Get Many, saved today: every notification of the document, simplified, oldest first', async () => {
		const json = await runSaved('Get Many (saved today)');
		expect(json.map((notification) => [notification.id, notification.headline])).toEqual([
			// {actionUser} is filled from Headline Template Data only.
			['compat-new-1', 'actionUser closed Acme renewal'],
			['compat-old-1', 'Old-style add'],
			['compat-x-1', 'Deal A closed'],
		]);
		expect(json[0]).toEqual(
			expect.objectContaining({
				body: 'Worth 5000 EUR',
				organizationId: 'org-compat',
				documentId: 'doc-compat',
				actionUserId: 'u-bo',
			}),
		);
	});

	test('Get Many, pickers saved as plain strings: raw notifications of a user, by ID', async () => {
		const json = await runSaved('Get Many (plain-string pickers)');
		expect(json).toHaveLength(1);
		expect(json[0]).toEqual(
			expect.objectContaining({
				id: 'compat-old-1',
				displayHeadlineMessageTemplate: 'Old-style add',
				displayBodyMessage: 'Saved before the pickers',
			}),
		);
	});

	test('Update, saved today: marks a notification read for a user', async () => {
		expect(await runSaved('Update (saved today)')).toEqual([
			{ id: 'compat-new-1', success: true, message: expect.any(String) },
		]);
		expect(emulator.requests.slice(-1)[0].body).toEqual({
			data: {
				organizationId: 'org-compat',
				documentId: 'doc-compat',
				verifyUserPermissions: false,
				notifications: [
					{ id: 'compat-new-1', readByUserIds: ['u-ana'], persistReadForUsers: true },
				],
			},
		});
	});

	test('Update, pickers saved as plain strings (the user filter too)', async () => {
		expect(await runSaved('Update (plain-string pickers)')).toEqual([
			{ id: 'compat-old-1', success: true, message: expect.any(String) },
		]);
		expect(emulator.requests.slice(-1)[0].body).toEqual({
			data: {
				organizationId: 'org-compat',
				documentId: 'doc-compat',
				userId: 'u-ana',
				notifications: [{ id: 'compat-old-1', displayBodyMessage: 'Edited' }],
			},
		});
	});

	test('Set Settings, saved today: known and other channels for two users of a document', async () => {
		const [json] = await runSaved('Set Settings (saved today)');
		expect(json).toEqual(
			expect.objectContaining({
				success: true,
				organizationId: 'org-compat',
				config: { email: 'NONE', inbox: 'MINE', linear: 'ALL' },
			}),
		);
		expect((json.users as IDataObject[]).map((user) => user.userId)).toEqual(['u-ana', 'u-bo']);
	});

	test('Set Settings, pickers saved as plain strings: an organization-level default', async () => {
		const [json] = await runSaved('Set Settings (plain-string pickers)');
		expect(json).toEqual(
			expect.objectContaining({
				success: true,
				organizationId: 'org-compat',
				config: { slack: 'NONE' },
			}),
		);
	});

	test('Get Settings, saved today: reads back what Set wrote for the document', async () => {
		const [json] = await runSaved('Get Settings (saved today)');
		expect(json).toEqual(
			expect.objectContaining({ organizationId: 'org-compat', userId: 'u-ana' }),
		);
		// The organization-level slack setting applies to the document too.
		expect(json.settings).toEqual([
			{
				config: { email: 'NONE', inbox: 'MINE', linear: 'ALL', slack: 'NONE' },
				metadata: { organizationId: 'org-compat', documentId: 'doc-compat', userId: 'u-ana' },
			},
		]);
	});

	test('Get Settings, pickers saved as plain strings: the organization level', async () => {
		const [json] = await runSaved('Get Settings (plain-string pickers)');
		expect(json.settings).toEqual([
			{
				config: { email: 'ALL', inbox: 'ALL', slack: 'NONE' },
				metadata: { organizationId: 'org-compat', userId: 'u-ana' },
			},
		]);
	});

	test('Delete, saved today: by ID', async () => {
		expect(await runSaved('Delete (saved today)')).toEqual([
			{ deleted: true, deletedIds: ['compat-new-1'], deletedCount: 1 },
		]);
		expect(storedIds()).toEqual(['compat-old-1', 'compat-x-1', 'compat-x-2']);
	});

	test('Delete, pickers saved as plain strings: everything of a user in a document', async () => {
		const [json] = await runSaved('Delete (plain-string pickers)');
		expect(json).toEqual(expect.objectContaining({ deleted: true }));
		expect(storedIds()).toEqual(['compat-x-2']);
	});
});
