/**
 * Request-and-result cases of the Velt Notifications operations, kept as data
 * (test/fixtures/requestCases/<file>.json, by describe): each case runs the node once and
 * checks what it sent and what it output. A check left out of a case is not made.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { NotificationInput, VeltEmulator } from '../emulator';
import type { CannedAnswer, CannedVelt } from '../helpers/cannedVelt';
import {
	ENDPOINTS,
	expectedGeneratedId,
	pairedItems,
	runVelt,
	seedNotifications,
	type VeltRun,
} from './support';

export interface RequestCase {
	name: string;
	why?: string;
	/** Emulator store calls before the run: [method, ...arguments]. */
	seed?: Array<[string, ...unknown[]]>;
	/** Notifications stored first, one seedNotifications call per group (timestamps restart). */
	seedNotifications?: NotificationInput[][];
	/** Emulator features switched before the run. */
	features?: Record<string, boolean>;
	/** The canned Velt's answer for this case. */
	answer?: CannedAnswer;
	/** Runs before the one checked (their requests forgotten). */
	before?: INodeParameters[];
	items?: IDataObject[];
	continueOnFail?: boolean;
	executionId?: string;
	parameters: INodeParameters;
	status?: 'success' | 'error';
	/** Every request as [ENDPOINTS key, body], in order. */
	requests?: Array<[keyof typeof ENDPOINTS, unknown]>;
	/** The `data` of every request, in order (`sortSent`: in JSON text order). */
	sentData?: IDataObject[];
	sortSent?: boolean;
	/** toMatchObject of the `data` of every request (an array's length counts). */
	sentDataMatches?: IDataObject[];
	/** One field of every request's `data`, in order: [field, values]. */
	sentField?: [string, unknown[]];
	requestCount?: number;
	itemCount?: number;
	json?: IDataObject[];
	/** toMatchObject of the output (an array's length counts). */
	jsonMatches?: IDataObject[];
	pairedItems?: unknown[];
	/** Notification settings the emulator holds after: [organization, user, document | null, config]. */
	stored?: Array<[string, string, string | null, IDataObject]>;
	/** One field of each of the organization's notifications the emulator holds after: [organization, field, values]. */
	storedList?: [string, string, unknown[]];
	storedCount?: [string, number];
	/** A field of a stored notification after (a Set read as an array): [organization, id, field path, value]. */
	storedNotification?: Array<[string, string, string, unknown]>;
	/** The error thrown (a NodeApiError unless `class` says NodeOperationError); `runError`: the run's error has its message. */
	error?: {
		class?: 'NodeOperationError';
		message: string;
		httpCode?: string;
		description: string;
		itemIndex: number;
		runError?: boolean;
	};
}

type Target = VeltEmulator | CannedVelt;

const isEmulator = (target: Target): target is VeltEmulator => 'store' in target;

/** Expected values may name the id the node generates: `{ "$generatedId": [executionId, itemIndex] }`. */
function resolve(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(resolve);
	if (value === null || typeof value !== 'object') return value;
	const generated = (value as { $generatedId?: [string, number] }).$generatedId;
	if (generated) return expectedGeneratedId(...generated);
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
}

export async function runCase(target: Target, given: RequestCase): Promise<VeltRun> {
	const check = resolve(given) as RequestCase;
	if (isEmulator(target)) {
		const store = target.store as unknown as Record<string, (...args: unknown[]) => unknown>;
		for (const [method, ...args] of check.seed ?? []) store[method](...args);
		for (const group of check.seedNotifications ?? []) seedNotifications(target, group);
		if (check.features) target.setFeatures(check.features);
	} else if (check.answer) target.answer = check.answer;
	for (const parameters of check.before ?? []) await runVelt(target, { parameters });
	target.requests.length = 0;
	const { items, continueOnFail, executionId, parameters } = check;
	const run = await runVelt(target, { items, continueOnFail, executionId, parameters });
	if (check.status) expect(run.status).toBe(check.status);
	if (check.requests)
		expect(target.requests.map((request) => [request.path, request.body])).toEqual(
			check.requests.map(([endpoint, body]) => [ENDPOINTS[endpoint], body]),
		);
	const sent = target.requests.map((request) => (request.body as IDataObject).data as IDataObject);
	if (check.sortSent) sent.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
	if (check.sentData) {
		expect(sent).toEqual(check.sentData);
	}
	if (check.sentDataMatches) expect(sent).toMatchObject(check.sentDataMatches);
	if (check.sentField) {
		const [field, values] = check.sentField;
		expect(sent.map((data) => data[field])).toEqual(values);
	}
	if (check.requestCount !== undefined) expect(target.requests).toHaveLength(check.requestCount);
	if (check.itemCount !== undefined) expect(run.items).toHaveLength(check.itemCount);
	if (check.json) expect(run.json).toEqual(check.json);
	if (check.jsonMatches) expect(run.json).toMatchObject(check.jsonMatches);
	if (check.pairedItems) expect(pairedItems(run)).toEqual(check.pairedItems);
	for (const [organizationId, userId, documentId, config] of check.stored ?? [])
		expect(
			(target as VeltEmulator).store.getStoredNotificationConfig(
				organizationId,
				userId,
				documentId ?? undefined,
			),
		).toEqual(config);
	const emulator = target as VeltEmulator;
	if (check.storedList) {
		const [organizationId, field, values] = check.storedList;
		const held = emulator.store.listNotifications({ organizationId }) as unknown as IDataObject[];
		expect(held.map((notification) => notification[field])).toEqual(values);
	}
	if (check.storedCount)
		expect(emulator.store.countNotifications(check.storedCount[0])).toBe(check.storedCount[1]);
	for (const [organizationId, id, path, value] of check.storedNotification ?? []) {
		let field: unknown = emulator.store.getNotification(organizationId, id);
		for (const key of path.split('.'))
			field = (field as Record<string, unknown> | undefined)?.[key];
		expect(field instanceof Set ? [...field] : field).toEqual(value);
	}
	if (check.error) {
		const expected = check.error;
		expect(run.thrown).toBeInstanceOf(
			expected.class === 'NodeOperationError' ? NodeOperationError : NodeApiError,
		);
		const error = run.thrown as NodeApiError | NodeOperationError;
		expect(error.message).toBe(expected.message);
		if (expected.httpCode !== undefined)
			expect((error as NodeApiError).httpCode).toBe(expected.httpCode);
		expect(error.description).toBe(expected.description);
		expect(error.context.itemIndex).toBe(expected.itemIndex);
		if (expected.runError) expect(run.error?.message).toBe(error.message);
	}
	return run;
}

/** The cases of one describe of `file`, as test names and cases. */
export function requestCases(file: string, group: string): Array<[string, RequestCase]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const cases = require(`../fixtures/requestCases/${file}.json`) as Record<string, RequestCase[]>;
	return cases[group].map((check) => [check.name, check]);
}
