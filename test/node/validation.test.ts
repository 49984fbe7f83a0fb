/**
 * Bad input: refused with a NodeOperationError that names the field and the item, before any
 * request is sent (for every item, not only the bad one). Every operation of both nodes from
 * the operation table (test/helpers/operationTable.ts), then the cases of each operation.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { VeltRun } from './support';
import { pairedItems, runVelt, sentData, VALID_ADD } from './support';
import { runRow, seedOperationWorld, TABLE_CASES, TABLE_ORG } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import refusals from '../fixtures/refusals.json';

const emulator = useEmulator();

interface Refusal {
	message: string | RegExp;
	description?: string;
	itemIndex: number;
}

function expectRefused(run: VeltRun, expected: Refusal): void {
	expect(run.status).toBe('error');
	expect(run.thrown).toBeInstanceOf(NodeOperationError);
	const error = run.thrown as NodeOperationError;
	if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
	else expect(error.message).toMatch(expected.message);
	if (expected.description !== undefined) expect(error.description).toBe(expected.description);
	expect(error.context.itemIndex).toBe(expected.itemIndex);
	// What n8n keeps in the run data says the same.
	expect(run.error?.message).toBe(error.message);
	expect(run.error?.name).toBe('NodeOperationError');
	expect(emulator.requests).toEqual([]);
}

/**
 * One bad input: the items and parameters the node runs with, and how it refuses them (a
 * message given as `{ pattern }` is a regular expression's source). The cases are data, per
 * operation: test/fixtures/refusals.json.
 */
interface RefusalCase {
	name: string;
	items?: IDataObject[];
	parameters: INodeParameters;
	refused: Omit<Refusal, 'message'> & { message: string | { pattern: string } };
}

/** Each case of the operation is its own test, named by the case. */
function testRefusals(operation: keyof typeof refusals): void {
	const cases = refusals[operation] as unknown as RefusalCase[];
	test.each(cases)('$name', async ({ items, parameters, refused }) => {
		const run = await runVelt(emulator, { items, parameters });
		const { message } = refused;
		expectRefused(run, {
			...refused,
			message: typeof message === 'string' ? message : new RegExp(message.pattern),
		});
	});
}

describe('every operation of both nodes (test/helpers/operationTable.ts)', () => {
	beforeEach(() => seedOperationWorld(emulator));

	test.each(TABLE_CASES)(
		'%s: its bad variant in the second item is refused, naming the field and item 1; not even the first item is sent',
		async (_name, row) => {
			const run = await runRow(row, emulator, {
				items: row.invalid.items,
				parameters: row.invalid.parameters,
			});
			expectRefused(run, { message: row.invalid.message, itemIndex: 1 });
			expect((run.thrown as Error).message.startsWith(`${row.invalid.field}`)).toBe(true);
		},
	);

	test.each(TABLE_CASES.filter(([, row]) => row.organizationOptional !== true))(
		'%s: an empty Organization ID in the second item is refused, and not even the first item is sent',
		async (_name, row) => {
			const run = await runRow(row, emulator, {
				items: [{ org: TABLE_ORG }, { org: '  ' }],
				parameters: { ...row.parameters, organizationId: '={{ $json.org }}' },
			});
			expectRefused(run, {
				message: 'Organization: is required but is empty (item 1)',
				itemIndex: 1,
			});
		},
	);
});

describe('Add', () => {
	const { notifyUsers: _recipients, ...add } = VALID_ADD;
	testRefusals('Add');

	test('Document ID is required in the editor: n8n itself refuses to run the node while it is empty', async () => {
		await expect(
			runVelt(emulator, { parameters: { ...add, notifyAll: true, documentId: '' } }),
		).rejects.toThrow('Parameter "Document" is required.');
		expect(emulator.requests).toEqual([]);
	});
});

describe.each(['Get Many', 'Update', 'Delete', 'Notification Settings'] as const)(
	'%s',
	(operation) => testRefusals(operation),
);

describe('Continue On Fail', () => {
	test('Add: the bad item becomes an error item, paired with it; the good items are sent', async () => {
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ user: 'u1' }, {}, { user: 'u3' }],
			parameters: {
				...VALID_ADD,
				notifyUsersInputMode: 'json',
				notifyUsers: '={{ $json.user ? [$json.user] : [] }}',
			},
		});
		expect(run.status).toBe('success');
		expect(
			sentData(emulator)
				.map((data) => data.notifyUsers)
				.sort(),
		).toEqual([[{ userId: 'u1' }], [{ userId: 'u3' }]]);
		expect(run.json[1]).toEqual({
			error:
				'Recipients (JSON): no users to notify, and Notify Everyone in the Organization is off (item 1)',
			description:
				'Add at least one recipient (or map a list of users or user IDs), or switch on Notify Everyone in the Organization.',
		});
		expect([run.json[0].success, run.json[2].success]).toEqual([true, true]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Update: the bad item becomes an error item; the others are still combined into one request', async () => {
		emulator.store.insertNotification({
			organizationId: 'acme',
			notificationId: 'n-1',
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
		});
		emulator.store.insertNotification({
			organizationId: 'acme',
			notificationId: 'n-3',
			notifyAll: false,
			notifyUsers: [{ userId: 'u1' }],
		});
		const run = await runVelt(emulator, {
			continueOnFail: true,
			items: [{ id: 'n-1' }, { id: '' }, { id: 'n-3' }],
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: 'acme',
				id: '={{ $json.id }}',
				updateFields: { readByUserIds: 'u1' },
			},
		});
		expect(run.status).toBe('success');
		expect(sentData(emulator)).toEqual([
			{
				organizationId: 'acme',
				notifications: [
					{ id: 'n-1', readByUserIds: ['u1'] },
					{ id: 'n-3', readByUserIds: ['u1'] },
				],
			},
		]);
		expect(run.json).toEqual([
			{ id: 'n-1', success: true, message: 'Notification updated.' },
			{
				error: 'Notification ID: is required but is empty (item 1)',
				description: 'Enter a value for "Notification ID" or map one from a previous node.',
			},
			{ id: 'n-3', success: true, message: 'Notification updated.' },
		]);
		expect(pairedItems(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
