/**
 * A generated sign-in token is a secret of a new kind: the point of Sign-In Token > Generate,
 * so it is that operation's output, and nowhere else. A whole workflow runs through n8n-core
 * (Generate, then operations fed its items, one of them failing) and its run data, errors and
 * logs are searched for the token.
 */
import type { IDataObject, INode, INodeParameters, Logger } from 'n8n-workflow';
import { LoggerProxy, NodeConnectionTypes } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { itemSourceNodeType, nodeTypesFor, runWorkflow, SOURCE_NODE } from '../helpers/n8nHarness';
import { seedOperationWorld, TABLE_ORG } from '../helpers/operationTable';
import { useEmulator } from '../helpers/useEmulator';
import { credentialsFor } from '../node/support';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { byId, errorMessage, runVeltNode } from '../velt/support';

const emulator = useEmulator({}, { seed: seedOperationWorld });
const velt = cannedVeltForFile();

/** Every log line n8n-core and the node write during a run, as text. */
const logged: string[] = [];
const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		logged.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
	};
beforeAll(() => {
	LoggerProxy.init({
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
		scoped: () => LoggerProxy as unknown as Logger,
	} as unknown as Logger);
});
beforeEach(() => {
	logged.length = 0;
});

const org = byId(TABLE_ORG);
const STEPS: Array<[string, INodeParameters]> = [
	[
		'Generate',
		{
			resource: 'signInToken',
			operation: 'generate',
			organizationId: org,
			userId: byId('u1'),
			name: 'User 1',
			email: 'u1@example.com',
		},
	],
	[
		'Grant',
		{
			resource: 'permission',
			operation: 'grant',
			organizationId: org,
			userId: '={{ $json.userId }}',
			resourceType: 'document',
			documentId: byId('doc-table'),
			accessRole: 'viewer',
		},
	],
	[
		'Get',
		{
			resource: 'permission',
			operation: 'get',
			organizationId: org,
			userIds: '={{ $json.userId }}',
		},
	],
	[
		'Export',
		{
			resource: 'userData',
			operation: 'export',
			organizationId: org,
			userId: '={{ $json.userId }}',
		},
	],
	// Fails (Velt knows no such job), with the token in its input items.
	[
		'Status',
		{ resource: 'userData', operation: 'getDeletionStatus', jobId: '={{ "no-such-job" }}' },
	],
];

async function runChain(extra: INodeParameters = {}) {
	const nodes: INode[] = [
		SOURCE_NODE,
		...STEPS.map(([name, parameters], index) => ({
			id: name,
			name,
			type: 'velt',
			typeVersion: 1,
			position: [200 * (index + 1), 0] as [number, number],
			parameters: { ...parameters, ...extra },
			credentials: { veltApi: { id: 'cred-1', name: 'Velt test' } },
			// The failing step's error becomes an item, so the run ends and its data can be read.
			...(name === 'Status' ? { onError: 'continueRegularOutput' as const } : {}),
		})),
	];
	const names = ['Source', ...STEPS.map(([name]) => name)];
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: NodeConnectionTypes.Main, index: 0 }]] },
			]),
	);
	return await runWorkflow({
		id: 'wf-token',
		name: 'Token',
		nodes,
		connections,
		nodeTypes: nodeTypesFor({ testItems: itemSourceNodeType([{}]), velt: new Velt() }),
		credentials: credentialsFor(emulator),
		executionId: 'exec-token',
	});
}

test('the token is in Generate’s output and nowhere else: other nodes’ data, errors, logs', async () => {
	const run = await runChain();
	const runData = run.data.resultData.runData;
	const generated = runData.Generate[0].data?.main[0]?.[0]?.json as { token: string };
	expect(generated.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
	const { token } = generated;
	// Every later step ran, and the last one failed as planned.
	expect(Object.keys(runData)).toEqual(['Source', ...STEPS.map(([name]) => name)]);
	const status = runData.Status[0].data?.main[0]?.[0]?.json as IDataObject;
	expect(String(status.error)).toMatch(/Job not found/);
	for (const [name] of STEPS.slice(1)) {
		expect(JSON.stringify(runData[name])).not.toContain(token);
	}
	expect(JSON.stringify(run.data.resultData.error ?? null)).not.toContain(token);
	expect(logged.length).toBeGreaterThan(0);
	expect(logged.join('\n')).not.toContain(token);
	// The token's payload parts are not logged either.
	for (const part of token.split('.').slice(1)) expect(logged.join('\n')).not.toContain(part);
});

test('a Generate that fails stops the run with an error and logs that hold no token', async () => {
	emulator.failNext('html');
	const run = await runChain({ options: { maxRetries: 0 } });
	expect(JSON.stringify(run.data.resultData.error ?? null)).toMatch(/instead of JSON/);
	expect(Object.keys(run.data.resultData.runData)).toEqual(['Source', 'Generate']);
	expect(logged.join('\n')).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
});

test('Velt answering a success without a token is an error, not an empty token', async () => {
	velt.answer = { status: 200, body: { result: { status: 'success', data: {} } } };
	const run = await runVeltNode(velt, { parameters: STEPS[0][1] });
	expect(errorMessage(run)).toBe('Velt answered without a sign-in token');
});
