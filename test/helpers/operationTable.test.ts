/**
 * The operation table (operationTable.ts) covers every operation of both action nodes, read
 * from the nodes' own descriptions, and each row's minimal parameters work against the emulator.
 */
import {
	describedOperations,
	nodeOf,
	OPERATION_TABLE,
	runRow,
	seedOperationWorld,
	TABLE_CASES,
	type ActionNodeName,
} from './operationTable';
import { useEmulator } from './useEmulator';

const NODES: ActionNodeName[] = ['veltNotifications', 'velt'];

test.each(NODES)(
	'every operation of %s has exactly one row, and every row an operation',
	(name) => {
		const described = describedOperations(nodeOf(name)).sort();
		const rows = OPERATION_TABLE.filter((row) => row.node === name)
			.map((row) => `${row.resource}/${row.operation}`)
			.sort();
		expect(described.length).toBeGreaterThan(0);
		expect(rows).toEqual(described);
	},
);

/** The node's subtitle for a resource and operation, evaluated as the editor does (a JS expression). */
function subtitleOf(name: ActionNodeName, resource: string, operation: string): unknown {
	const subtitle = String(nodeOf(name).description.subtitle);
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle)?.[1];
	if (body === undefined) throw new Error(`not an expression: ${subtitle}`);
	return new Function('$parameter', `return (${body});`)({ resource, operation });
}

test.each(NODES)(
	"%s: every operation's subtitle is its panel label and its resource's, from the description itself",
	(name) => {
		const properties = nodeOf(name).description.properties;
		const labelOf = (parameter: string, value: string, resource?: string) =>
			properties
				.filter(
					(property) =>
						property.name === parameter &&
						(resource === undefined ||
							(property.displayOptions?.show?.resource as unknown[] | undefined)?.includes(
								resource,
							)),
				)
				.flatMap((property) => (property.options ?? []) as Array<{ name: string; value: string }>)
				.find((option) => option.value === value)?.name;
		for (const described of describedOperations(nodeOf(name))) {
			const [resource, operation] = described.split('/');
			const expected = `${labelOf('operation', operation, resource)}: ${labelOf('resource', resource)}`;
			expect(expected).not.toMatch(/undefined/);
			expect([described, subtitleOf(name, resource, operation)]).toEqual([described, expected]);
		}
		expect(subtitleOf('velt', 'user', 'upsert')).toBe('Create or Update: User');
		expect(subtitleOf('veltNotifications', 'notificationConfig', 'get')).toBe(
			'Get: Notification Setting',
		);
	},
);

test('the table lists the 57 operations (7 of Velt Notifications, 50 of Velt)', () => {
	expect(TABLE_CASES.map(([name]) => name)).toEqual([
		'veltNotifications notification/add',
		'veltNotifications notification/get',
		'veltNotifications notification/getAll',
		'veltNotifications notification/update',
		'veltNotifications notification/delete',
		'veltNotifications notificationConfig/get',
		'veltNotifications notificationConfig/set',
		'velt commentThread/create',
		'velt commentThread/get',
		'velt commentThread/getAll',
		'velt commentThread/count',
		'velt commentThread/update',
		'velt commentThread/delete',
		'velt comment/add',
		'velt comment/get',
		'velt comment/getAll',
		'velt comment/update',
		'velt comment/delete',
		'velt user/upsert',
		'velt user/get',
		'velt user/getAll',
		'velt user/delete',
		'velt userGroup/create',
		'velt userGroup/addUsers',
		'velt userGroup/removeUsers',
		'velt permission/grant',
		'velt permission/get',
		'velt permission/revoke',
		'velt signInToken/generate',
		'velt userData/export',
		'velt userData/delete',
		'velt userData/getDeletionStatus',
		'velt organization/create',
		'velt organization/getAll',
		'velt organization/update',
		'velt organization/delete',
		'velt organization/setDisabled',
		'velt document/create',
		'velt document/getAll',
		'velt document/update',
		'velt document/delete',
		'velt document/move',
		'velt document/setAccess',
		'velt document/setDisabled',
		'velt folder/create',
		'velt folder/getAll',
		'velt folder/update',
		'velt folder/delete',
		'velt folder/setAccess',
		'velt activity/create',
		'velt activity/get',
		'velt activity/getAll',
		'velt activity/update',
		'velt activity/delete',
		'velt recording/getAll',
		'velt recording/get',
		'velt liveState/broadcast',
	]);
});

describe('each row against the emulator', () => {
	const emulator = useEmulator({}, { seed: seedOperationWorld });

	test.each(TABLE_CASES)(
		'%s: the minimal parameters give the expected result',
		async (_name, row) => {
			const run = await runRow(row, emulator, { parameters: row.parameters });
			expect(run.error?.message).toBeUndefined();
			expect(run.status).toBe('success');
			expect(run.json).toHaveLength(row.outputItems);
			expect(run.json[0]).toMatchObject(row.result);
		},
	);
});
