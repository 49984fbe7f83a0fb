/**
 * Every operation of both action nodes (the operation table, test/helpers/operationTable.ts)
 * under injected faults (test/emulator/faults.ts), one item each: with retries on, transient
 * faults (an answer lost after the write included) leave the same result and the same store as
 * a run without faults, so a retried write is never applied twice; with retries off, a fault is
 * a clear error after one request; a create without its own id is never retried (a thread create
 * sends a generated one, and is). The many-item
 * runs are in faultInjection.test.ts.
 */
import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { DONE_BY_EARLIER_ATTEMPT } from '../../nodes/shared/execution/perIdAnswers';
import { type FaultKind } from '../emulator';
import {
	runRow,
	seedOperationWorld,
	TABLE_CASES,
	TABLE_ORG,
	type OperationRow,
} from '../helpers/operationTable';
import type { VeltRun } from '../node/support';
import { useEmulator } from '../helpers/useEmulator';

const TIMEOUT_MS = 200;
/** Five faults per run, each call retried up to five times. */
const RETRYING = { maxRetries: 5, retryDelay: 1, timeout: TIMEOUT_MS };
const NOT_RETRYING = { maxRetries: 0, timeout: TIMEOUT_MS };
/** Faults that still answer (or drop the socket) without applying the request. */
const NOT_APPLIED: FaultKind[] = ['internal', 'unavailable', 'rate_limit', 'html', 'drop_before'];
/** Transient kinds, rotated over the rows; each run also starts with a 'drop' (applied, answer lost). */
const TRANSIENT: FaultKind[] = [
	'internal',
	'drop_before',
	'rate_limit',
	'slow',
	'html',
	'unavailable',
];
/** The emulator's clock: timestamps equal across the runs compared. */
const NOW = 1_750_000_000_000;
const EXECUTION_ID = 'exec-every-operation';

const emulator = useEmulator({ slowMs: TIMEOUT_MS * 3 }, { reset: false });

function freshWorld(): void {
	emulator.reset();
	emulator.setClock(NOW);
	seedOperationWorld(emulator);
}

/**
 * Everything an operation of the table can change in the store. Without annotationIndex: the
 * emulator numbers every add of a thread at its location, a replayed create (same id, so the
 * thread is replaced, not doubled) included.
 */
function storeState(): unknown {
	const { store } = emulator;
	const collaboration = store.collaboration.toDebugJson({ organizationId: TABLE_ORG });
	return {
		notifications: store
			.listNotifications({ organizationId: TABLE_ORG })
			.map((notification) => store.toDebugJson(notification)),
		collaboration: {
			...collaboration,
			annotations: (collaboration.annotations as Array<Record<string, unknown>>).map(
				({ annotationIndex: _index, ...annotation }) => annotation,
			),
		},
		users: store.listUsers(TABLE_ORG),
		config: store.getStoredNotificationConfig(TABLE_ORG, 'u1', undefined),
		// A write's time is when it arrived, which a retry moves.
		activities: store.activity
			.activitiesOf(TABLE_ORG)
			.map(({ activity: { timestamp: _time, ...activity } }) => activity),
		liveState: [...store.activity.liveState],
	};
}

/** The threads and comments in the store. */
function threadCounts(): { threads: number; comments: number } {
	const annotations = emulator.store.collaboration.listAnnotations();
	return {
		threads: annotations.length,
		comments: annotations.reduce((sum, annotation) => sum + annotation.comments.length, 0),
	};
}

/** What a create without its own id adds: comments (with their threads), or activities. */
function createdCount(row: OperationRow): number {
	if (row.resource === 'activity') return emulator.store.activity.activitiesOf(TABLE_ORG).length;
	return threadCounts().comments;
}

async function run(row: OperationRow, options: INodeParameters, parameters = row.parameters) {
	return await runRow(row, emulator, {
		executionId: EXECUTION_ID,
		parameters: { ...parameters, options },
	});
}

function clearError(run: VeltRun): NodeApiError {
	expect(run.status).toBe('error');
	expect(run.thrown).toBeInstanceOf(NodeApiError);
	const error = run.thrown as NodeApiError;
	expect(error.message).toMatch(
		/^(Velt: .+ \[[A-Z_]+\] \(HTTP \d{3}\)|The connection to Velt failed before an answer arrived|Velt answered HTTP 502 with a text\/html page instead of JSON)$/,
	);
	expect(error.description).toEqual(expect.any(String));
	expect(error.context.itemIndex).toBe(0);
	return error;
}

/**
 * The clean run's output as a retried delete reports it: Velt answers "not found" for what the
 * first attempt (its answer lost) removed, and the node reports that id done with its own message.
 */
function asRetried(clean: IDataObject[], faulted: IDataObject[]): IDataObject[] {
	return clean.map((item, i) => {
		// A write of one entity (a create, a folder delete) the retry found done says so, without Velt's own id.
		if (String(faulted[i]?.message).startsWith('Done by an earlier attempt')) {
			const { id: _id, ...rest } = item;
			return {
				...rest,
				...(faulted[i].id !== undefined ? { id: item.id } : {}),
				message: faulted[i].message,
			};
		}
		const retried = faulted[i]?.results;
		if (!Array.isArray(item.results) || !Array.isArray(retried)) return item;
		const results = (item.results as IDataObject[]).map((entry, j) =>
			(retried[j] as IDataObject | undefined)?.message === DONE_BY_EARLIER_ATTEMPT
				? { ...entry, message: DONE_BY_EARLIER_ATTEMPT }
				: entry,
		);
		return { ...item, results };
	});
}

const ROWS = TABLE_CASES.map(([name, row], index) => [name, row, index] as const);

test.each(ROWS)(
	'%s with retries on: transient faults leave the result and the store as without faults',
	async (_name, row, index) => {
		freshWorld();
		const clean = await run(row, RETRYING);
		expect(clean.status).toBe('success');
		const cleanState = storeState();

		freshWorld();
		const faults: FaultKind[] = [
			'drop',
			...[0, 1, 2, 3].map((offset) => TRANSIENT[(index + offset) % TRANSIENT.length]),
		];
		for (const kind of faults) emulator.failNext(kind, 1);
		const faulted = await run(row, RETRYING);
		expect(faulted.error?.message).toBeUndefined();
		expect(faulted.status).toBe('success');
		expect(emulator.requests.map((request) => request.fault).filter(Boolean)).toEqual(faults);
		expect(faulted.json).toEqual(asRetried(clean.json, faulted.json));
		expect(faulted.json[0]).toMatchObject(row.result);
		expect(storeState()).toEqual(cleanState);
	},
);

test.each(ROWS)(
	'%s with retries off: a fault is a clear error after one request, and the store is unchanged',
	async (_name, row, index) => {
		freshWorld();
		const before = storeState();
		emulator.failNext(NOT_APPLIED[index % NOT_APPLIED.length], 1);
		const faulted = await run(row, NOT_RETRYING);
		clearError(faulted);
		expect(emulator.requests).toHaveLength(1);
		expect(storeState()).toEqual(before);
	},
);

const WITHOUT_OWN_ID = TABLE_CASES.filter(([, row]) => row.withoutOwnId !== undefined);
/** A thread create without its own id sends one the node generates (issue 25), so it may be retried. */
const GENERATES_ID = ['velt commentThread/create'];

test.each(WITHOUT_OWN_ID.filter(([name]) => !GENERATES_ID.includes(name)))(
	'%s without its own id is not retried even with retries on: an answer lost after the write is an error, and the write happened once',
	async (_name, row) => {
		freshWorld();
		const threadsBefore = threadCounts().threads;
		const createdBefore = createdCount(row);
		emulator.failNext('drop', 1);
		const faulted = await run(row, RETRYING, row.withoutOwnId);
		expect(clearError(faulted).message).toBe(
			'The connection to Velt failed before an answer arrived',
		);
		expect(emulator.requests).toHaveLength(1);
		expect(createdCount(row)).toBe(createdBefore + 1);
		expect(threadCounts().threads - threadsBefore).toBe(row.resource === 'commentThread' ? 1 : 0);
	},
);

test.each(WITHOUT_OWN_ID.filter(([name]) => GENERATES_ID.includes(name)))(
	'%s without its own id sends a generated one, so an answer lost after the write is retried and the thread is written once',
	async (_name, row) => {
		freshWorld();
		const before = threadCounts();
		emulator.failNext('drop', 1);
		const faulted = await run(row, RETRYING, row.withoutOwnId);
		expect(faulted.status).toBe('success');
		expect(emulator.requests).toHaveLength(2);
		const sent = emulator.requests.map(
			(request) =>
				((request.body as IDataObject).data as { commentAnnotations: IDataObject[] })
					.commentAnnotations[0].annotationId,
		);
		expect(sent[0]).toMatch(/^n8n-[0-9a-f]{24}$/);
		expect(sent[1]).toBe(sent[0]);
		expect(faulted.json[0]).toMatchObject({ success: true, annotationId: sent[0] });
		expect(threadCounts()).toEqual({
			threads: before.threads + 1,
			comments: before.comments + 1,
		});
	},
);

test('the table has creates without their own id to check', () => {
	expect(WITHOUT_OWN_ID.map(([name]) => name)).toEqual([
		'velt commentThread/create',
		'velt comment/add',
		'velt activity/create',
	]);
});
