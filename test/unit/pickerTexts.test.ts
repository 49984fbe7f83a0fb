/**
 * What the editor shows before the node runs: the subtitle under the node (resolved by
 * n8n-workflow's expression engine, as the canvas does), and the pickers' modes.
 */
import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { VeltNotificationsTrigger } from '../../nodes/VeltNotificationsTrigger/VeltNotificationsTrigger.node';
import { nodeTypesFor } from '../helpers/n8nHarness';
import { testNode } from '../helpers/testNode';

function subtitleOf(
	nodeType: VeltNotifications | VeltNotificationsTrigger,
	parameters: INode['parameters'],
): unknown {
	const node = testNode({ id: 'n', type: 'velt', parameters });
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor({ velt: nodeType }),
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle as string,
		'internal',
		{},
	);
}

test.each([
	['notification', 'add', 'Add: Notification'],
	['notification', 'getAll', 'Get Many: Notification'],
	['notification', 'update', 'Update: Notification'],
	['notification', 'delete', 'Delete: Notification'],
	['notificationConfig', 'get', 'Get: Notification Setting'],
	['notificationConfig', 'set', 'Set: Notification Setting'],
])('action node subtitle for %s / %s reads "%s"', (resource, operation, expected) => {
	expect(subtitleOf(new VeltNotifications(), { resource, operation })).toBe(expected);
});

// n8n's $parameter hands an expression a picker's value, so one subtitle serves pickers and plain IDs.
test("the polling trigger names the organization's ID, picked or typed", () => {
	const trigger = new VeltNotificationsTrigger();
	expect(
		subtitleOf(trigger, {
			organizationId: {
				__rl: true,
				mode: 'list',
				value: 'acme',
				cachedResultName: 'Acme Inc (acme)',
			},
		}),
	).toBe('New notifications in acme');
	expect(subtitleOf(trigger, { organizationId: { __rl: true, mode: 'id', value: 'acme' } })).toBe(
		'New notifications in acme',
	);
	expect(subtitleOf(trigger, { organizationId: 'acme' })).toBe('New notifications in acme');
});

test('Organization, Document and User are pickers with a searchable list and an ID mode, in both nodes', () => {
	for (const nodeType of [new VeltNotifications(), new VeltNotificationsTrigger()]) {
		const pickers = nodeType.description.properties.filter(
			(property) => property.type === 'resourceLocator',
		);
		const byName = new Map(pickers.map((property) => [property.name, property]));
		for (const [name, method] of [
			['organizationId', 'searchOrganizations'],
			['documentId', 'searchDocuments'],
			['userId', 'searchUsers'],
		]) {
			const picker = byName.get(name);
			expect(
				picker?.modes?.map((mode) => [
					mode.name,
					mode.typeOptions?.searchListMethod,
					mode.typeOptions?.searchable,
				]),
			).toEqual([
				['list', method, true],
				['id', undefined, undefined],
			]);
			expect(typeof nodeType.methods?.listSearch?.[method]).toBe('function');
		}
	}
});
