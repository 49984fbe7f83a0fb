/**
 * The workspace examples of issue 27 through n8n-core against the emulator, their Velt nodes in
 * the order the workflow runs them, each with the items the node before it hands on:
 * examples/crm-new-customer-to-velt-workspace.json, ticket-assigned-document-access.json,
 * data-subject-request-export-delete.json and app-sign-in-token-webhook.json. The non-Velt nodes
 * (webhooks, Switch, Split Out, Respond to Webhook) run in real n8n (test/e2e/workspace.test.mjs).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ACCESS_ENDPOINTS, WORKSPACE_ENDPOINTS } from '../../nodes/shared/transport';
import { seedOperationWorld, TABLE_ORG } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import { runVeltNode } from './support';

const emulator = useEmulator({}, { seed: seedOperationWorld });

interface Workflow {
	nodes: Array<{ name: string; type: string; parameters: INodeParameters; disabled?: boolean }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: IDataObject;
}

function example(file: string): Workflow {
	return JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as Workflow;
}

function node(workflow: Workflow, name: string) {
	const found = workflow.nodes.find((entry) => entry.name === name);
	if (found === undefined) throw new Error(`no node "${name}"`);
	return found;
}

/**
 * The one-node harness has no earlier nodes to reference: `$('Name').item.json` becomes
 * `$json.__from['Name']`, and each item carries what that node output, so the rest of each
 * expression is evaluated by n8n as written.
 */
function withReferences(parameters: INodeParameters, names: string[]): INodeParameters {
	let text = JSON.stringify(parameters);
	for (const name of names)
		text = text.split(`$('${name}').item.json`).join(`$json.__from[\\"${name}\\"]`);
	return JSON.parse(text) as INodeParameters;
}

async function runNode(workflow: Workflow, name: string, items: IDataObject[], from = {}) {
	const parameters = withReferences(node(workflow, name).parameters, Object.keys(from));
	const run = await runVeltNode(emulator, {
		parameters,
		items: items.map((json) => ({ ...json, __from: from })),
	});
	expect(run.error?.message).toBeUndefined();
	expect(run.status).toBe('success');
	return run.json;
}

const sentTo = (path: string) =>
	emulator.requests
		.filter((request) => request.path === path)
		.map((request) => (request.body as IDataObject).data as IDataObject);

/** What Velt answers to permissions/get for one user (through its API, as an app would ask). */
async function permissionsOf(organizationId: string, userId: string, extra: IDataObject = {}) {
	const response = await fetch(`${emulator.url}${ACCESS_ENDPOINTS.getPermissions}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-velt-api-key': 'test-api-key',
			'x-velt-auth-token': 'test-auth-token',
		},
		body: JSON.stringify({ data: { organizationId, userIds: [userId], ...extra } }),
	});
	const body = (await response.json()) as { result: { data: Record<string, IDataObject> } };
	return body.result.data[userId];
}

test('crm-new-customer-to-velt-workspace.json: the organization, its folder, the documents in it, the team as editors', async () => {
	const workflow = example('crm-new-customer-to-velt-workspace.json');
	const body = {
		customer: { id: 'cust-northwind', name: 'Northwind Traders' },
		documents: [
			{ id: 'northwind-contract', name: 'Contract' },
			{ id: 'northwind-onboarding', name: 'Onboarding plan' },
		],
		accountTeam: [{ userId: 'user-ava' }, { userId: 'user-liam' }],
	};
	const hook = { 'New Customer Webhook': { body } };
	expect(await runNode(workflow, 'Create Organization', [{ body }])).toEqual([
		expect.objectContaining({
			organizationId: 'cust-northwind',
			organizationName: 'Northwind Traders',
		}),
	]);
	expect(await runNode(workflow, 'Create Folder', [{}], hook)).toEqual([
		expect.objectContaining({ folderId: 'cust-northwind-workspace' }),
	]);
	// Split Out hands on one item per document and per team member.
	const documents = await runNode(workflow, 'Create Document in Folder', body.documents, hook);
	expect(documents.map((json) => json.documentId)).toEqual([
		'northwind-contract',
		'northwind-onboarding',
	]);
	const grants = await runNode(workflow, 'Grant Editor Access', body.accountTeam, hook);
	expect(grants).toEqual(
		body.accountTeam.map(({ userId }) =>
			expect.objectContaining({
				success: true,
				userId,
				type: 'folder',
				id: 'cust-northwind-workspace',
				organizationId: 'cust-northwind',
				accessRole: 'editor',
			}),
		),
	);
	expect(emulator.store.workspace.getFolder('cust-northwind', 'cust-northwind-workspace')).toEqual(
		expect.objectContaining({ folderName: 'Northwind Traders workspace' }),
	);
	// Both documents share one documents/add (Document Create batches across items).
	expect(
		sentTo(WORKSPACE_ENDPOINTS.addDocuments).map((data) => [
			data.folderId,
			(data.documents as IDataObject[]).map((document) => document.documentName),
		]),
	).toEqual([['cust-northwind-workspace', ['Contract', 'Onboarding plan']]]);
	expect(
		(
			await permissionsOf('cust-northwind', 'user-liam', {
				folderIds: ['cust-northwind-workspace'],
			})
		).folders,
	).toEqual({ 'cust-northwind-workspace': expect.objectContaining({ accessRole: 'editor' }) });
});

test('ticket-assigned-document-access.json: assigned → viewer for 7 days; closed → revoked', async () => {
	const workflow = example('ticket-assigned-document-access.json');
	const ticket = {
		ticketId: 'T-1001',
		assigneeUserId: 'user-liam',
		organizationId: TABLE_ORG,
		documentId: 'doc-table',
	};
	const before = Math.floor(Date.now() / 1000);
	const [granted] = await runNode(workflow, 'Grant Viewer Access for 7 Days', [
		{ body: { event: 'ticket.assigned', ...ticket } },
	]);
	const after = Math.floor(Date.now() / 1000);
	const week = 7 * 24 * 60 * 60;
	expect(granted).toMatchObject({ userId: 'user-liam', type: 'document', accessRole: 'viewer' });
	expect(granted.expiresAt).toBeGreaterThanOrEqual(before + week);
	expect(granted.expiresAt).toBeLessThanOrEqual(after + week);
	const documents = { documentIds: ['doc-table'] };
	expect((await permissionsOf(TABLE_ORG, 'user-liam', documents)).documents).toEqual({
		'doc-table': expect.objectContaining({ accessRole: 'viewer', expiresAt: granted.expiresAt }),
	});

	expect(
		await runNode(workflow, 'Revoke Access', [{ body: { event: 'ticket.closed', ...ticket } }]),
	).toEqual([
		expect.objectContaining({
			userId: 'user-liam',
			revoked: [{ type: 'document', id: 'doc-table', organizationId: TABLE_ORG }],
		}),
	]);
	expect((await permissionsOf(TABLE_ORG, 'user-liam', documents)).documents).toEqual({
		'doc-table': expect.objectContaining({ errorCode: 'permission_denied' }),
	});
});

test("data-subject-request-export-delete.json: the user's data exported, then deleted, waiting for Velt's job", async () => {
	const workflow = example('data-subject-request-export-delete.json');
	const body = { userId: 'u1', organizationId: TABLE_ORG, email: 'u1@example.com' };
	const [exported] = await runNode(workflow, 'Export User Data', [{ body }]);
	expect((exported.notifications as IDataObject[]).map((entry) => entry.id)).toHaveLength(2);
	// The email step ships disabled, so the workflow runs without a mail server.
	expect(node(workflow, 'Send Email').disabled).toBe(true);
	const remove = node(workflow, 'Delete User Data').parameters;
	expect([remove.waitForCompletion, remove.pollInterval, remove.maxWait]).toEqual([true, 5, 3600]);
	// Real seconds are the e2e's; here the emulator finishes the job at the first status request.
	const quick = { ...workflow, nodes: [] } as unknown as Workflow;
	quick.nodes = [
		{ ...node(workflow, 'Delete User Data'), parameters: { ...remove, pollInterval: 0.001 } },
	];
	const [deleted] = await runNode(quick, 'Delete User Data', [{}], {
		'Data-Subject Request': { body },
	});
	expect(deleted).toMatchObject({
		userIds: ['u1'],
		organizationIds: [TABLE_ORG],
		isDeleteCompleted: true,
		statusPolls: 1,
	});
	expect(sentTo(ACCESS_ENDPOINTS.deleteUserData)).toEqual([
		{ userIds: ['u1'], organizationIds: [TABLE_ORG] },
	]);
	expect(emulator.store.getUser(TABLE_ORG, 'u1')).toBeUndefined();
	// "Deletion Done?" routes on the field the node outputs.
	expect(JSON.stringify(node(workflow, 'Deletion Done?').parameters)).toContain(
		'$json.isDeleteCompleted',
	);
});

test('app-sign-in-token-webhook.json: the token for the user, answered to the webhook, no execution data saved', async () => {
	const workflow = example('app-sign-in-token-webhook.json');
	const body = {
		userId: 'user-ava',
		name: 'Ava',
		email: 'ava@example.com',
		organizationId: TABLE_ORG,
	};
	const [output] = await runNode(workflow, 'Generate Sign-In Token', [{ body }]);
	expect(Object.keys(output).sort()).toEqual(['token', 'userId']);
	expect(output.userId).toBe('user-ava');
	const [, payload] = String(output.token).split('.');
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IDataObject;
	expect(JSON.stringify(claims)).toContain('"editor"');
	expect(sentTo(ACCESS_ENDPOINTS.signIn)).toEqual([
		{
			userId: 'user-ava',
			userProperties: { name: 'Ava', email: 'ava@example.com' },
			permissions: {
				resources: [{ type: 'organization', id: TABLE_ORG, accessRole: 'editor' }],
			},
		},
	]);
	expect(node(workflow, 'Respond With Token').parameters.responseBody).toContain('$json.token');
	expect(workflow.settings).toMatchObject({
		saveDataSuccessExecution: 'none',
		saveDataErrorExecution: 'none',
		saveManualExecutions: false,
	});
	expect(workflow.connections['Token Request'].main[0][0].node).toBe('Generate Sign-In Token');
});
