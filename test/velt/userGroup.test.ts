/**
 * The User Group resource of the Velt node through n8n-core against the emulator: Create
 * (organizations/usergroups/add), Add Users and Remove Users (…/users/add|delete); one
 * result per item, per-user failures as the item's error, refusals before sending, and the
 * rule that only the workflow's author can empty a group or create an organization.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { COLLABORATION_ENDPOINTS } from '../../nodes/shared/transport';
import { VELT_TOOL, byId, errorMessage, runVeltNode } from './support';
import { toolError } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';
import { groupRefusals } from './refusals';

const emulator = useEmulator();

const group = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'userGroup',
	operation,
	organizationId: byId('acme'),
	organizationUserGroupId: 'eng',
	...extra,
});
const members = () => [
	...(emulator.store.collaboration.getGroup('acme', 'eng')?.userIds ?? new Set<string>()),
];

test('create, add users, remove some, then empty the group: one result per item', async () => {
	const created = await runVeltNode(emulator, {
		items: [{ id: 'eng', name: 'Engineering' }, { id: 'ops' }],
		parameters: {
			resource: 'userGroup',
			operation: 'create',
			organizationId: byId('acme'),
			groupId: '={{ $json.id }}',
			additionalFields: { groupName: '={{ $json.name }}' },
		},
	});
	expect(created.json).toEqual([
		expect.objectContaining({ organizationId: 'acme', groupId: 'eng', groupName: 'Engineering' }),
		expect.objectContaining({ organizationId: 'acme', groupId: 'ops' }),
	]);
	expect(created.json[1]).not.toHaveProperty('groupName');

	const added = await runVeltNode(emulator, {
		items: [{ ids: 'u1, u2' }, { ids: ['u3'] }],
		parameters: group('addUsers', { userIds: '={{ $json.ids }}' }),
	});
	expect(added.json.map((json) => json.addedIds)).toEqual([['u1', 'u2'], ['u3']]);
	expect(members().sort()).toEqual(['u1', 'u2', 'u3']);

	const removed = await runVeltNode(emulator, {
		parameters: group('removeUsers', { userIds: 'u1' }),
	});
	expect(removed.json).toEqual([
		{
			deleted: true,
			organizationId: 'acme',
			organizationUserGroupId: 'eng',
			deletedIds: ['u1'],
			deletedCount: 1,
		},
	]);

	const emptied = await runVeltNode(emulator, {
		parameters: group('removeUsers', { deleteAll: true }),
	});
	expect(emptied.json[0]).toMatchObject({ deleteAll: true, deletedCount: 2 });
	expect(members()).toEqual([]);
	const sent = emulator.requests.map((request) => request.body as { data: unknown });
	expect(sent[sent.length - 1].data).toEqual({
		organizationId: 'acme',
		organizationUserGroupId: 'eng',
		deleteAll: true,
	});
});

test("a user not in the group is the item's error; with Continue On Fail the other item succeeds", async () => {
	emulator.store.collaboration.upsertGroup('acme', { groupId: 'eng' }).userIds.add('u1');
	const run = await runVeltNode(emulator, {
		continueOnFail: true,
		items: [{ ids: 'u1' }, { ids: 'ghost' }],
		parameters: group('removeUsers', { userIds: '={{ $json.ids }}' }),
	});
	expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['u1'] });
	expect(run.json[1].error).toBe(
		'Velt could not remove from the user group user ghost (User is not in organization user group.)',
	);
});

test("a group Velt does not know: Velt's NOT_FOUND is the item's error", async () => {
	const run = await runVeltNode(emulator, { parameters: group('addUsers', { userIds: 'u1' }) });
	expect(errorMessage(run)).toMatch(
		/^Velt: Organization user group not found\. \(eng\) \[NOT_FOUND\]/,
	);
});

test.each(groupRefusals())(
	'%s refuses bad input before anything is sent',
	async (_label, operation, extra, message) => {
		const run = await runVeltNode(emulator, { parameters: group(operation, extra) });
		expect(errorMessage(run)).toBe(message);
		expect(emulator.requests).toEqual([]);
	},
);

describe('the author-only rules', () => {
	test.each([
		['an expression in a tool', VELT_TOOL, '={{ true }}'],
		['a $fromAI value in a tool', VELT_TOOL, "={{ $fromAI('All', '', 'boolean') }}"],
	])(
		'Remove All Users from %s is refused; nothing is sent',
		async (_case, nodeTypeName, deleteAll) => {
			const run = await runVeltNode(emulator, {
				nodeTypeName,
				items: [{ All: true }],
				parameters: group('removeUsers', { deleteAll, userIds: 'u1' }),
			});
			expect(toolError(run)).toMatch(
				/an AI agent cannot empty a user group\. Set it to false and give the IDs/,
			);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('Remove All Users from $fromAI outside a tool stops the node', async () => {
		const run = await runVeltNode(emulator, {
			items: [{ All: true }],
			parameters: group('removeUsers', {
				deleteAll: "={{ $fromAI('All', '', 'boolean') }}",
				userIds: 'u1',
			}),
		});
		expect(run.status).toBe('error');
		expect(errorMessage(run)).toMatch(
			/^Remove All Users: an AI agent cannot empty a user group \(item 0\)$/,
		);
		expect(emulator.requests).toEqual([]);
	});

	test('a literal Remove All Users set by the author works in a tool; model-given IDs are plain IDs', async () => {
		emulator.store.collaboration.upsertGroup('acme', { groupId: 'eng' }).userIds.add('u1');
		const emptied = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			parameters: group('removeUsers', { deleteAll: true }),
		});
		expect(emptied.json[0]).toMatchObject({ deleted: true, deletedIds: ['u1'] });
		const refused = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Ids: '[{"userId": "u2", "name": "Eve"}]' }],
			parameters: group('addUsers', {
				userIds: "={{ $fromAI('Ids', '', 'string') }}",
				allowToolAddUsers: true,
			}),
		});
		expect(toolError(refused)).toMatch(/^Argument "Ids" \(User IDs\): must list ids as text/);
		const added = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Ids: 'u2, u3' }],
			parameters: group('addUsers', {
				userIds: "={{ $fromAI('Ids', '', 'string') }}",
				allowToolAddUsers: true,
			}),
		});
		expect(added.json[0]).toMatchObject({ addedIds: ['u2', 'u3'] });
	});

	test('Create Organization on Create: from a tool expression refused, literal allowed', async () => {
		const create = (createOrganization: unknown): INodeParameters => ({
			resource: 'userGroup',
			operation: 'create',
			organizationId: byId('new-org'),
			groupId: 'eng',
			additionalFields: { createOrganization } as INodeParameters,
		});
		const refused = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			parameters: create('={{ true }}'),
		});
		expect(toolError(refused)).toMatch(
			/^Create Organization: an AI agent cannot create organizations\./,
		);
		expect(emulator.requests).toEqual([]);
		const allowed = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			parameters: create(true),
		});
		expect(allowed.json[0]).toMatchObject({ organizationId: 'new-org', groupId: 'eng' });
		expect((emulator.requests[0].body as { data: unknown }).data).toEqual({
			organizationId: 'new-org',
			createOrganization: true,
			organizationUserGroups: [{ groupId: 'eng' }],
		});
	});
});

test('the paths are the documented ones', () => {
	expect(COLLABORATION_ENDPOINTS.addUserGroups).toBe('/v2/organizations/usergroups/add');
	expect(COLLABORATION_ENDPOINTS.addUsersToGroup).toBe('/v2/organizations/usergroups/users/add');
	expect(COLLABORATION_ENDPOINTS.deleteUsersFromGroup).toBe(
		'/v2/organizations/usergroups/users/delete',
	);
});

test("examples/user-signup-to-velt-group.json: the signup becomes a Velt user in their team's group", async () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/user-signup-to-velt-group.json'), 'utf8'),
	) as { nodes: Array<{ name: string; type: string; parameters: INodeParameters }> };
	const [upsertNode, groupNode] = workflow.nodes.filter(
		(node) => node.type === 'n8n-nodes-velt.velt',
	);
	emulator.store.collaboration.upsertGroup('acme', { groupId: 'sales' });
	const body = {
		organizationId: 'acme',
		team: 'sales',
		user: { id: 'crm-42', name: 'Ana Lima', email: 'ana@example.com' },
	};
	const upserted = await runVeltNode(emulator, {
		items: [{ body }],
		parameters: upsertNode.parameters,
	});
	expect(upserted.json).toEqual([
		expect.objectContaining({
			organizationId: 'acme',
			userId: 'crm-42',
			name: 'Ana Lima',
			email: 'ana@example.com',
			accessRole: 'editor',
			action: 'created',
		}),
	]);
	// The one-node harness has no "Signup Webhook" to reference: the team is put in directly.
	expect(groupNode.parameters.organizationUserGroupId).toBe(
		"={{ $('Signup Webhook').item.json.body.team }}",
	);
	const grouped = await runVeltNode(emulator, {
		items: upserted.json,
		parameters: { ...groupNode.parameters, organizationUserGroupId: body.team },
	});
	expect(grouped.json).toEqual([
		expect.objectContaining({ organizationUserGroupId: 'sales', addedIds: ['crm-42'] }),
	]);
	expect([...(emulator.store.collaboration.getGroup('acme', 'sales')?.userIds ?? [])]).toEqual([
		'crm-42',
	]);
});
