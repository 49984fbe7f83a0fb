/**
 * Request-and-result cases of the Velt Notifications operations, kept as data
 * (test/fixtures/requestCases/<file>.json, by describe): each case runs the node once and
 * checks what it sent and what it output. A check left out of a case is not made.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { VeltEmulator } from '../emulator';
import type { CannedAnswer, CannedVelt } from '../helpers/cannedVelt';
import { ENDPOINTS, pairedItems, runVelt, type VeltRun } from './support';

export interface RequestCase {
	name: string;
	why?: string;
	/** Emulator store calls before the run: [method, ...arguments]. */
	seed?: Array<[string, ...unknown[]]>;
	/** Emulator features switched before the run. */
	features?: Record<string, boolean>;
	/** The canned Velt's answer for this case. */
	answer?: CannedAnswer;
	/** Runs before the one checked (their requests forgotten). */
	before?: INodeParameters[];
	items?: IDataObject[];
	parameters: INodeParameters;
	status: 'success' | 'error';
	/** Every request as [ENDPOINTS key, body], in order. */
	requests?: Array<[keyof typeof ENDPOINTS, unknown]>;
	/** The `data` of every request, in order (`sortSent`: in JSON text order). */
	sentData?: IDataObject[];
	sortSent?: boolean;
	json?: IDataObject[];
	/** toMatchObject of the output (an array's length counts). */
	jsonMatches?: IDataObject[];
	pairedItems?: unknown[];
	/** Notification settings the emulator holds after: [organization, user, document | null, config]. */
	stored?: Array<[string, string, string | null, IDataObject]>;
	/** The NodeApiError thrown. */
	error?: { message: string; httpCode: string; description: string; itemIndex: number };
}

type Target = VeltEmulator | CannedVelt;

const isEmulator = (target: Target): target is VeltEmulator => 'store' in target;

export async function runCase(target: Target, check: RequestCase): Promise<VeltRun> {
	if (isEmulator(target)) {
		const store = target.store as unknown as Record<string, (...args: unknown[]) => unknown>;
		for (const [method, ...args] of check.seed ?? []) store[method](...args);
		if (check.features) target.setFeatures(check.features);
	} else if (check.answer) target.answer = check.answer;
	for (const parameters of check.before ?? []) await runVelt(target, { parameters });
	target.requests.length = 0;
	const run = await runVelt(target, { items: check.items, parameters: check.parameters });
	expect(run.status).toBe(check.status);
	if (check.requests)
		expect(target.requests.map((request) => [request.path, request.body])).toEqual(
			check.requests.map(([endpoint, body]) => [ENDPOINTS[endpoint], body]),
		);
	if (check.sentData) {
		const sent = target.requests.map((request) => (request.body as IDataObject).data);
		if (check.sortSent) sent.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		expect(sent).toEqual(check.sentData);
	}
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
	if (check.error) {
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		const error = run.thrown as NodeApiError;
		expect(error.message).toBe(check.error.message);
		expect(error.httpCode).toBe(check.error.httpCode);
		expect(error.description).toBe(check.error.description);
		expect(error.context.itemIndex).toBe(check.error.itemIndex);
	}
	return run;
}

/** The cases of one describe of `file`, as test names and cases. */
export function requestCases(file: string, group: string): Array<[string, RequestCase]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const cases = require(`../fixtures/requestCases/${file}.json`) as Record<string, RequestCase[]>;
	return cases[group].map((check) => [check.name, check]);
}
