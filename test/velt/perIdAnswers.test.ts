/**
 * One policy for Velt's per-id answers {<id>: {success, message}} (issue 24), for every write
 * of both action nodes: an id Velt reports as failed, or does not report at all, fails the
 * item with an error naming it and Velt's reason; the ids that did succeed are named in the
 * error's description. With Continue On Fail the item is an error item instead.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import type { RunVeltOptions, VeltRun, VeltTarget } from '../node/support';
import { runVelt } from '../node/support';
import perIdRows from '../fixtures/perIdRows.json';
import { runVeltNode } from './support';

const velt = cannedVeltForFile();

interface Row {
	/** The node's parameters: every row asks for ids "a" and "b" (comments: 1 and 2). */
	parameters: INodeParameters;
	run: (target: VeltTarget, options: RunVeltOptions) => Promise<VeltRun>;
	/** Completes "Velt could not <doing> <id> (<reason>)". */
	doing: string;
	/** The two ids as Velt's answer keys them: the first succeeds, the second does not. */
	ids: [string, string];
}

/** Every write of both nodes that Velt answers per id (test/fixtures/perIdRows.json). */
const ROWS: Array<[string, Row]> = (
	perIdRows as Array<[string, Omit<Row, 'run'> & { node: string }]>
).map(([name, { node, ...row }]) => [
	name,
	{ ...row, run: node === 'velt' ? runVeltNode : runVelt },
]);

const ANSWERS = {
	/** Velt says the second id failed, with its reason. */
	failed: {
		reason: 'Refused by the test',
		second: { success: false, message: 'Refused by the test' },
	},
	/** Velt's answer leaves the second id out. */
	unreported: { reason: 'not reported by Velt', second: undefined },
} as const;

const CASES = ROWS.flatMap(([name, row]) =>
	(['failed', 'unreported'] as const).flatMap((answer) =>
		[false, true].map(
			(continueOnFail) =>
				[
					`${name}: ${answer === 'failed' ? 'a' : 'an'} ${answer} id, ${continueOnFail ? 'with' : 'without'} Continue On Fail`,
					row,
					answer,
					continueOnFail,
				] as const,
		),
	),
);

test.each(CASES)('%s', async (_name, row, answer, continueOnFail) => {
	const [first, second] = row.ids;
	const data: IDataObject = { [first]: { success: true, id: first, message: 'Done' } };
	const { reason, second: secondEntry } = ANSWERS[answer];
	if (secondEntry !== undefined) data[second] = { ...secondEntry, id: second };
	velt.answer = { status: 200, body: { result: { status: 'success', message: 'ok', data } } };

	const run = await row.run(velt, {
		parameters: { ...row.parameters, options: { maxRetries: 0 } },
		continueOnFail,
	});

	const message = `Velt could not ${row.doing} ${second} (${reason})`;
	// The id that succeeded is named, so a partial write is never lost.
	const description = new RegExp(`Velt did ${row.doing} ${first}\\.$`);
	expect(velt.requests).toHaveLength(1);
	if (continueOnFail) {
		expect(run.status).toBe('success');
		expect(run.json).toEqual([{ error: message, description: expect.stringMatching(description) }]);
	} else {
		expect(run.status).toBe('error');
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		const error = run.thrown as NodeOperationError;
		expect(error.message).toBe(message);
		expect(error.description).toMatch(description);
		expect(run.json).toEqual([]);
	}
});

/** Notification > Update: one id per item, items' ids batched into one request. */
test.each(
	(['failed', 'unreported'] as const).flatMap((answer) =>
		[false, true].map((continueOnFail) => [answer, continueOnFail] as const),
	),
)(
	'Notification > Update: an id Velt reports %s fails its item only (Continue On Fail: %s)',
	async (answer, continueOnFail) => {
		const data: IDataObject = { a: { success: true, message: 'Done' } };
		const { reason, second } = ANSWERS[answer];
		if (second !== undefined) data.b = second;
		velt.answer = { status: 200, body: { result: { status: 'success', message: 'ok', data } } };
		const run = await runVelt(velt, {
			items: [{ id: 'a' }, { id: 'b' }],
			parameters: {
				resource: 'notification',
				operation: 'update',
				organizationId: 'acme',
				id: '={{ $json.id }}',
				updateFields: { readByUserIds: 'u1' },
				options: { maxRetries: 0 },
			},
			continueOnFail,
		});
		expect(velt.requests).toHaveLength(1);
		const message = `Velt could not update notification b (${reason})`;
		// No id of this item succeeded, so the description is the hint alone.
		const description = expect.stringMatching(/its ID is right\.$/);
		if (continueOnFail) {
			expect(run.json).toEqual([
				{ id: 'a', success: true, message: 'Done' },
				{ error: message, description },
			]);
		} else {
			expect(run.status).toBe('error');
			expect((run.thrown as NodeOperationError).message).toBe(message);
		}
	},
);

function rowNamed(name: string): Row {
	const found = ROWS.find(([rowName]) => rowName === name);
	if (found === undefined) throw new Error(`no row ${name}`);
	return found[1];
}

test('with "Use error output" the failed item goes to the error output, the error and its description intact', async () => {
	velt.answer = {
		status: 200,
		body: { result: { status: 'success', message: 'ok', data: { a: { success: true } } } },
	};
	const run = await runVeltNode(velt, {
		parameters: { ...rowNamed('Comment Thread > Delete').parameters, options: { maxRetries: 0 } },
		onError: 'continueErrorOutput',
	});
	expect(run.status).toBe('success');
	expect(run.outputs[0]).toEqual([]);
	expect(run.outputs[1].map((item) => item.json)).toEqual([
		{
			error: 'Velt could not delete comment thread b (not reported by Velt)',
			message: expect.stringMatching(/Velt did delete comment thread a\.$/),
		},
	]);
});
