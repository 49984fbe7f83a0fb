/**
 * The operation table (operationTable.ts) covers every operation of both action nodes, read
 * from the nodes' own descriptions, and each row's minimal parameters work against the emulator.
 */
import { startVeltEmulator, type VeltEmulator } from '../emulator';
import {
	describedOperations,
	nodeOf,
	OPERATION_TABLE,
	runRow,
	seedOperationWorld,
	TABLE_CASES,
	type ActionNodeName,
} from './operationTable';

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

test('the table lists the 21 operations (6 of Velt Notifications, 15 of Velt)', () => {
	expect(TABLE_CASES.map(([name]) => name)).toEqual([
		'veltNotifications notification/add',
		'veltNotifications notification/getAll',
		'veltNotifications notification/update',
		'veltNotifications notification/delete',
		'veltNotifications notificationConfig/get',
		'veltNotifications notificationConfig/set',
		'velt commentThread/create',
		'velt commentThread/getAll',
		'velt commentThread/count',
		'velt commentThread/update',
		'velt commentThread/delete',
		'velt comment/add',
		'velt comment/getAll',
		'velt comment/update',
		'velt comment/delete',
		'velt user/upsert',
		'velt user/getAll',
		'velt user/delete',
		'velt userGroup/create',
		'velt userGroup/addUsers',
		'velt userGroup/removeUsers',
	]);
});

describe('each row against the emulator', () => {
	let emulator: VeltEmulator;
	beforeAll(async () => {
		emulator = await startVeltEmulator();
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => {
		emulator.reset();
		seedOperationWorld(emulator);
	});

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
