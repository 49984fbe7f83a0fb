/**
 * Issue 16: every operation of both action nodes (the operation table,
 * test/helpers/operationTable.ts) and both triggers against every hostile mode of the emulator
 * (test/emulator/hostile.ts). For each pair: the run ends
 * (bounded by small timeouts and caps), nothing crashes, the outcome is a correct result or a
 * clear error, and no output, error or static data holds the API key or the auth token.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { forgetEndpointSecrets } from '../../nodes/VeltTrigger/endpointSecrets';
import {
	PROTOTYPE_IDS,
	startVeltEmulator,
	type HostileConfig,
	type HostileMode,
	type VeltEmulator,
} from '../emulator';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { activatedPollingTrigger } from '../helpers/pollingHarness';
import { headlineNotification, seedNotifications } from '../node/support';
import {
	OPERATION_TABLE,
	rowName,
	runRow,
	seedOperationWorld,
	type OperationRow,
} from '../helpers/operationTable';
import { signedHeaders, triggerWorkflow } from '../triggers/webhookHarness';

const ORG = 'org-hostile';
const DOC = 'doc-hostile';
/** Node runs: no retries, few pages; the triggers run on their own defaults. */
const NODE_OPTIONS = { maxRetries: 0, maxPagesPerRead: 20 };
/**
 * The node's deadline: short where the slow drip must be cut off (its end is 8x later, so a
 * late timer on a loaded machine still fires first), else far above any event-loop stall, so a
 * row that must give a result never times out by chance (issue 29).
 */
const SLOW_DRIP_DEADLINE_MS = 250;
const DEADLINE_MS = 10_000;
/** Every row ends well within this, or it counts as a hang. */
const ROW_BOUND_MS = 15_000;

let emulator: VeltEmulator;
let other: http.Server;
let otherUrl: string;
let otherRequests: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
	emulator = await startVeltEmulator();
	// Where the redirect mode points: records what reaches it.
	other = http.createServer((req, res) => {
		otherRequests.push(req.headers);
		req.resume();
		req.on('end', () => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ result: { status: 'success', data: [] } }));
		});
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await emulator.close();
	other.closeAllConnections();
	await new Promise((resolve) => other.close(resolve));
});
beforeEach(() => {
	emulator.reset();
	otherRequests = [];
	seed(['n1', 'n2', 'n3'], 1_000);
	seedOperationWorld(emulator);
});

function seed(ids: string[], firstTimestamp: number): void {
	seedNotifications(
		emulator,
		ids.map((notificationId) => headlineNotification(ORG, DOC, notificationId)),
		firstTimestamp,
	);
}

function configFor(mode: HostileMode): HostileConfig {
	switch (mode) {
		case 'slowDrip':
			// Ends far past the node's deadline, well inside the triggers' 30 s.
			return { mode, dripIntervalMs: 20, dripMaxMs: 8 * SLOW_DRIP_DEADLINE_MS };
		case 'redirect':
			return { mode, redirectTo: otherUrl };
		default:
			return { mode };
	}
}

/** What a row produced: its output, or the error it ended with. */
interface Outcome {
	output?: unknown;
	error?: unknown;
	/** Anything else the row keeps (static data) that must hold no secret either. */
	kept?: unknown;
}

async function nodeRow(row: OperationRow, hostile: HostileConfig): Promise<Outcome> {
	emulator.setHostile(hostile);
	const run = await runRow(row, emulator, {
		parameters: {
			...row.parameters,
			options: {
				...NODE_OPTIONS,
				timeout: hostile.mode === 'slowDrip' ? SLOW_DRIP_DEADLINE_MS : DEADLINE_MS,
			},
		} as INodeParameters,
	});
	return run.status === 'success'
		? { output: run.json }
		: { error: run.thrown ?? run.error, output: run.run.data.resultData };
}

async function settle(run: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { output: await run() };
	} catch (error) {
		return { error };
	}
}

type TriggerRow =
	| 'poll: activation'
	| 'poll: later'
	| 'poll (activity): activation'
	| 'poll (activity): later'
	| 'webhook: activation'
	| 'webhook: delivery';

/** Activities in DOC, one millisecond apart from `firstTimestamp`, for the activity trigger's rows. */
function seedActivities(ids: string[], firstTimestamp: number): void {
	ids.forEach((id, index) =>
		emulator.store.activity.insertActivity(
			ORG,
			DOC,
			{ id, featureType: 'comment', actionType: 'comment.add', actionUser: { userId: 'u1' } },
			firstTimestamp + index,
		),
	);
}

/** The Velt Activity Trigger, activated on DOC with activities a1 to a3 (issue 28). */
function activityTrigger() {
	seedActivities(['a1', 'a2', 'a3'], 1_000);
	return activatedPollingTrigger(
		emulator.url,
		{ organizationId: ORG, documentId: DOC, simplify: false },
		{ trigger: 'activity' },
	);
}

const TRIGGER_RUNS: Record<TriggerRow, (hostile: HostileConfig) => Promise<Outcome>> = {
	'poll: activation': async (hostile) => {
		const trigger = activatedPollingTrigger(emulator.url, {
			organizationId: ORG,
			documentId: DOC,
			simplify: false,
		});
		emulator.setHostile(hostile);
		const outcome = await settle(() => trigger.poll());
		return { ...outcome, kept: trigger.staticData() };
	},
	'poll: later': async (hostile) => {
		const trigger = activatedPollingTrigger(emulator.url, {
			organizationId: ORG,
			documentId: DOC,
			simplify: false,
		});
		await trigger.poll();
		seed(['n4', 'n5'], 5_000);
		emulator.setHostile(hostile);
		const outcome = await settle(() => trigger.poll());
		return { ...outcome, kept: trigger.staticData() };
	},
	'poll (activity): activation': async (hostile) => {
		const trigger = activityTrigger();
		emulator.setHostile(hostile);
		const outcome = await settle(() => trigger.poll());
		return { ...outcome, kept: trigger.staticData() };
	},
	'poll (activity): later': async (hostile) => {
		const trigger = activityTrigger();
		await trigger.poll();
		seedActivities(['a4', 'a5'], 5_000);
		emulator.setHostile(hostile);
		const outcome = await settle(() => trigger.poll());
		return { ...outcome, kept: trigger.staticData() };
	},
	'webhook: activation': async (hostile) => {
		const trigger = triggerWorkflow(
			{},
			{ apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url },
		);
		emulator.setHostile(hostile);
		const outcome = await settle(() => trigger.methods.create.call(trigger.hook()));
		return { ...outcome, kept: trigger.workflow.staticData };
	},
	'webhook: delivery': async (hostile) => {
		const trigger = triggerWorkflow(
			{},
			{ apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url },
		);
		await trigger.methods.create.call(trigger.hook());
		const endpointId = trigger.staticData().endpointId as string;
		const secret = emulator.store.getWebhookEndpoint(endpointId)!.secret;
		// A process that never saw the secret: the delivery loads it from the hostile Velt.
		forgetEndpointSecrets(trigger.workflow.id, endpointId);
		emulator.setHostile(hostile);
		const body = JSON.stringify({
			event: 'comment.add',
			actionType: 'add',
			source: 'comment',
			platform: 'sdk',
			webhookId: 'w1',
			data: { commentId: 'c1' },
		});
		const outcome = await settle(() => trigger.receive(signedHeaders(secret, body), body));
		const received = outcome.output as {
			executions: number;
			status: number;
			sent: unknown;
			result: unknown;
		};
		if (outcome.error === undefined && received.executions !== 1) {
			return {
				error: new Error(`delivery not executed: HTTP ${received.status}`),
				output: received.sent,
				kept: trigger.workflow.staticData,
			};
		}
		return {
			output: outcome.error === undefined ? received.result : undefined,
			error: outcome.error,
			kept: trigger.workflow.staticData,
		};
	},
};

type Expected = 'ok' | RegExp | 'either';

/** A row of the matrix: an operation of the table or a trigger step. */
interface MatrixRow {
	name: string;
	run: (hostile: HostileConfig) => Promise<Outcome>;
	/** The operation, for node rows. */
	operation?: OperationRow;
}

const ROWS: MatrixRow[] = [
	...OPERATION_TABLE.map((operation) => ({
		name: rowName(operation),
		operation,
		run: (hostile: HostileConfig) => nodeRow(operation, hostile),
	})),
	...(Object.keys(TRIGGER_RUNS) as TriggerRow[]).map((name) => ({ name, run: TRIGGER_RUNS[name] })),
];

/**
 * What each mode must produce on each row. 'either': a correct result or a clear error. The
 * paging modes rewrite the paged gets (notifications, users, comment threads): only the table's
 * paged reads (Get Many with Return All) walk those pages; every other operation makes calls the
 * modes leave alone, so gives its result.
 */
function expected(mode: HostileMode, row: MatrixRow): Expected {
	const poll = row.name.startsWith('poll');
	const pagedRead = row.operation?.pagedRead === true;
	if (row.operation?.notFoundWhen?.includes(mode) === true) return /" was not found in /;
	switch (mode) {
		case 'repeatedPageToken':
			if (pagedRead) return /page token "hostile-repeated-token" again/;
			// A poll reaches what it needs on the first page (test/security/pollingTrigger.test.ts
			// pages a repeating Velt far enough to catch it): a correct result.
			return 'ok';
		case 'endlessPageTokens':
			if (pagedRead) return /still had more pages after 20/;
			// A poll stops at Max Pages per Poll and goes on at the next one: a result, no error.
			return 'ok';
		case 'hugePage':
			if (pagedRead) return /items on a page of at most 1000/;
			if (row.operation?.oneOfPagedList === true)
				return /Velt answered \d+ other .* for the one ID asked/;
			return poll ? /items on a page of at most 200/ : 'ok';
		case 'slowDrip':
			return row.operation !== undefined
				? new RegExp(`did not answer within ${SLOW_DRIP_DEADLINE_MS} ms`)
				: 'ok';
		case 'redirect':
			return row.name === 'webhook: delivery' ? 'either' : /HTTP 307 redirecting to http:\/\/127/;
		case 'outOfRangeTimestamps':
		case 'deepNesting':
		case 'prototypeIds':
		case 'echoSecrets':
			return 'ok';
	}
}

/**
 * Every string in an outcome (keys too, and an error's message, description, stack and cause),
 * walked with an explicit stack: the deep-nesting mode's output would overflow JSON.stringify.
 */
function textOf(value: unknown): string {
	const strings: string[] = [];
	const seen = new WeakSet<object>();
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const current = pending.pop();
		if (typeof current === 'string') strings.push(current);
		else if (typeof current === 'object' && current !== null && !seen.has(current)) {
			seen.add(current);
			// Own names, so an Error's non-enumerable message and stack are read too.
			for (const name of Object.getOwnPropertyNames(current)) {
				strings.push(name);
				pending.push((current as Record<string, unknown>)[name]);
			}
		}
	}
	return strings.join('\n');
}

function messageOf(error: unknown): string {
	const described = error as { message?: unknown; description?: unknown };
	return `${String(described.message)} ${String(described.description ?? '')}`;
}

async function bounded(run: Promise<Outcome>): Promise<Outcome | 'hung'> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			run,
			new Promise<'hung'>((resolve) => {
				timer = setTimeout(() => resolve('hung'), ROW_BOUND_MS);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

const MODES: HostileMode[] = [
	'repeatedPageToken',
	'endlessPageTokens',
	'hugePage',
	'slowDrip',
	'redirect',
	'deepNesting',
	'outOfRangeTimestamps',
	'prototypeIds',
	'echoSecrets',
];

const MATRIX = MODES.flatMap((mode) =>
	ROWS.map((row) => [mode, row.name, row] as [HostileMode, string, MatrixRow]),
);

test.each(MATRIX)(
	'%s × %s: ends, no crash, a correct result or a clear error, no secret',
	async (mode, _name, row) => {
		const outcome = await bounded(row.run(configFor(mode)));
		expect(outcome).not.toBe('hung');
		if (outcome === 'hung') return;
		const want = expected(mode, row);
		if (outcome.error !== undefined) {
			const message = messageOf(outcome.error);
			// A crash, not a described failure.
			expect(outcome.error).not.toBeInstanceOf(RangeError);
			expect(outcome.error).not.toBeInstanceOf(TypeError);
			expect(message).not.toMatch(
				/Maximum call stack|Invalid time value|Cannot (read|set|convert)|is not a function|is not iterable|\bundefined\b.*\bundefined\b/,
			);
			if (want === 'ok') throw new Error(`expected a result, got: ${message}`);
			if (want instanceof RegExp) expect(message).toMatch(want);
		} else if (want instanceof RegExp) {
			throw new Error(`expected an error matching ${String(want)}, got a result`);
		} else if (mode === 'echoSecrets' && row.operation !== undefined) {
			// Only Velt's message changed: the operation's own result is intact.
			expect((outcome.output as IDataObject[])[0]).toMatchObject(row.operation.result);
		}
		const text = textOf(outcome);
		expect(text).not.toContain(TEST_API_KEY);
		expect(text).not.toContain(TEST_AUTH_TOKEN);
		if (mode === 'redirect')
			expect(
				otherRequests.filter((headers) =>
					Object.keys(headers).some((name) => name.startsWith('x-velt-')),
				),
			).toEqual([]);
		if (
			mode === 'prototypeIds' &&
			row.operation?.pagedRead &&
			row.operation.node === 'veltNotifications' &&
			row.operation.notFoundWhen?.includes(mode) !== true
		)
			expect(text.split('\n')).toEqual(expect.arrayContaining([...PROTOTYPE_IDS]));
	},
	ROW_BOUND_MS + 5_000,
);
