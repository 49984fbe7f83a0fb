/**
 * Every operation of both action nodes run as an AI agent's tool (the operation table,
 * test/helpers/operationTable.ts): with the model's arguments it succeeds, or, where the table
 * marks the whole operation author-only, answers an error item the model can act on and sends
 * nothing; an author-only parameter the model fills is refused before anything is sent; and a
 * user object with contact details given where the model gives user IDs never reaches Velt.
 */
import {
	runRow,
	seedOperationWorld,
	TABLE_CASES,
	TOOL_TYPE,
	withParameter,
	type OperationRow,
} from '../helpers/operationTable';
import { toolError } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator({}, { seed: seedOperationWorld });

/** The key of the $fromAI a test puts into an author-only parameter. */
const MODEL_VALUE = 'Model_Value';
const ATTACKER = 'attacker@evil.example';

function sentText(): string {
	return JSON.stringify(emulator.requests.map((request) => request.body));
}

const MODEL_RUNS = TABLE_CASES.filter(([, row]) => row.tool.authorOnly !== true);
const AUTHOR_ONLY_RUNS = TABLE_CASES.filter(([, row]) => row.tool.authorOnly === true);

test.each(MODEL_RUNS)("%s as a tool with the model's arguments succeeds", async (_name, row) => {
	const run = await runRow(row, emulator, {
		nodeTypeName: TOOL_TYPE[row.node],
		items: [row.tool.arguments],
		parameters: row.tool.parameters,
	});
	expect(run.thrown).toBeUndefined();
	expect(run.status).toBe('success');
	expect(run.json.length).toBeGreaterThan(0);
	expect(run.json[0].error).toBeUndefined();
	expect(emulator.requests.length).toBeGreaterThan(0);
});

test.each(AUTHOR_ONLY_RUNS)(
	"%s widens access, so as a tool the model's call is refused with an error item and nothing is sent",
	async (_name, row) => {
		const run = await runRow(row, emulator, {
			nodeTypeName: TOOL_TYPE[row.node],
			items: [row.tool.arguments],
			parameters: row.tool.parameters,
		});
		expect(toolError(run)).toMatch(/AI agent/);
		expect(emulator.requests).toEqual([]);
	},
);

const AUTHOR_ONLY_PARAMETERS = TABLE_CASES.flatMap(([name, row]) =>
	(row.tool.authorOnlyParameters ?? []).map(
		(entry) => [name, entry.parameter, row, entry] as const,
	),
);

test.each(AUTHOR_ONLY_PARAMETERS)(
	'%s as a tool: %s from the model is refused with an error item it can act on; nothing is sent',
	async (_name, _parameter, row: OperationRow, entry) => {
		const parameters = withParameter(
			{ ...row.tool.parameters, ...entry.authorSets },
			entry.parameter,
			`={{ $fromAI('${MODEL_VALUE}', '', '${entry.type}') }}`,
		);
		const run = await runRow(row, emulator, {
			nodeTypeName: TOOL_TYPE[row.node],
			items: [{ ...row.tool.arguments, [MODEL_VALUE]: entry.given }],
			parameters,
		});
		expect(toolError(run)).toMatch(/AI agent/);
		expect(emulator.requests).toEqual([]);
	},
);

const USER_ID_ARGUMENTS = TABLE_CASES.flatMap(([name, row]) =>
	(row.tool.userIdArguments ?? []).map((entry) => [name, entry.argument, row, entry] as const),
);

test.each(USER_ID_ARGUMENTS)(
	'%s as a tool: a user object with an email in "%s" is refused; no contact from the model reaches Velt',
	async (_name, _argument, row: OperationRow, entry) => {
		const run = await runRow(row, emulator, {
			nodeTypeName: TOOL_TYPE[row.node],
			items: [{ ...row.tool.arguments, [entry.argument]: entry.given }],
			parameters: row.tool.parameters,
		});
		expect(sentText()).not.toContain(ATTACKER);
		expect(toolError(run)).toMatch(new RegExp(`Argument "${entry.argument}"`));
		expect(emulator.requests).toEqual([]);
	},
);

test('the table gives the tool rules something to check on both nodes', () => {
	expect(AUTHOR_ONLY_RUNS.map(([name]) => name)).toEqual([
		'velt user/upsert',
		'velt userGroup/addUsers',
	]);
	const nodes = (list: ReadonlyArray<readonly [string, ...unknown[]]>) =>
		new Set(list.map(([name]) => name.split(' ')[0]));
	expect(nodes(AUTHOR_ONLY_PARAMETERS)).toEqual(new Set(['veltNotifications', 'velt']));
	expect(nodes(USER_ID_ARGUMENTS)).toEqual(new Set(['veltNotifications', 'velt']));
});
