/**
 * Sorting as its own field (n8n's UX guidelines): from node version 2 Get Many's order is the
 * top-level Sort; version 1 keeps Order under Filters, so saved workflows send what they did.
 */
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { ENDPOINTS } from '../../nodes/shared/transport';
import { seedOperationWorld } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import { runVelt, sentData } from '../node/support';
import { byId, COLLABORATION_ENDPOINTS as E, errorMessage, runVeltNode } from './support';

const emulator = useEmulator({}, { seed: seedOperationWorld });

const scope = { organizationId: byId('org-table'), documentId: byId('doc-table') };
const threads = { resource: 'commentThread', operation: 'getAll', ...scope, returnAll: true };
const notifications = { resource: 'notification', operation: 'getAll', ...scope, returnAll: true };

/** The Get Many fields of `resource` that n8n shows for `version`. */
function shownFor(node: INodeType, resource: string, version: number): INodeProperties[] {
	return node.description.properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		if (!(show.resource ?? []).includes(resource) || !(show.operation ?? []).includes('getAll'))
			return false;
		const [condition] = (show['@version'] ?? [{ _cnd: { gte: 0 } }]) as Array<{
			_cnd: { gte?: number; lt?: number };
		}>;
		const { gte, lt } = condition._cnd;
		return (gte === undefined || version >= gte) && (lt === undefined || version < lt);
	});
}

test.each([
	['velt', new Velt(), 'commentThread'],
	['veltNotifications', new VeltNotifications(), 'notification'],
])(
	'%s: version 1 has Order under Filters, version 2 a Sort field instead',
	(_name, node, resource) => {
		const names = (version: number) => shownFor(node, resource, version).map((field) => field.name);
		const filterNames = (version: number) =>
			(
				shownFor(node, resource, version).find((field) => field.name === 'filters')?.options ?? []
			).map((option) => option.name);
		expect(names(1)).not.toContain('sort');
		expect(filterNames(1)).toContain('order');
		expect(names(2)).toContain('sort');
		expect(filterNames(2)).not.toContain('order');
		expect(filterNames(2)).toEqual(filterNames(1).filter((name) => name !== 'order'));
	},
);

test('Comment Thread Get Many: Order under Filters in version 1, Sort in version 2', async () => {
	await runVeltNode(emulator, { parameters: { ...threads, filters: { order: 'asc' } } });
	await runVeltNode(emulator, { parameters: threads });
	await runVeltNode(emulator, { parameters: { ...threads, sort: 'asc' }, typeVersion: 2 });
	await runVeltNode(emulator, { parameters: threads, typeVersion: 2 });
	expect(sentData(emulator, E.getCommentAnnotations).map((data) => data.order)).toEqual([
		'asc',
		undefined,
		'asc',
		'desc',
	]);
});

test('Notification Get Many: Order under Filters in version 1, Sort in version 2', async () => {
	await runVelt(emulator, { parameters: { ...notifications, filters: { order: 'asc' } } });
	const newestFirst = await runVelt(emulator, { parameters: notifications, typeVersion: 2 });
	const oldestFirst = await runVelt(emulator, {
		parameters: { ...notifications, sort: 'asc' },
		typeVersion: 2,
	});
	expect(sentData(emulator, ENDPOINTS.getNotifications).map((data) => data.order)).toEqual([
		'asc',
		'desc',
		'asc',
	]);
	expect(newestFirst.json.map((notification) => notification.id)).toEqual(['n2', 'n1']);
	expect(oldestFirst.json.map((notification) => notification.id)).toEqual(['n1', 'n2']);
});

test('a Sort from an expression that is not asc or desc is refused naming Sort', async () => {
	const run = await runVeltNode(emulator, {
		parameters: { ...threads, sort: '={{ $json.sort }}' },
		items: [{ sort: 'sideways' }],
		typeVersion: 2,
	});
	expect(errorMessage(run)).toBe('Sort: "sideways" is not one of asc, desc (item 0)');
	expect(sentData(emulator, E.getCommentAnnotations)).toHaveLength(0);
});
