/**
 * Shared helpers of the node behaviour tests: run the Velt node through n8n-core's engine
 * against an emulator, keep the error the node actually threw (the run data only holds a
 * plain copy), and read what the emulator received.
 */
import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import { ENDPOINTS } from '../../nodes/shared/transport';
import type { NotificationInput, VeltEmulator } from '../emulator';
import type { RunNodeOptions, RunNodeResult, VeltCredentialData } from '../helpers/n8nHarness';
import { runNode, TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';

export { ENDPOINTS };

/** A valid Add with only what Velt requires, for tests about something else. */
export const VALID_ADD: INodeParameters = {
	resource: 'notification',
	operation: 'add',
	organizationId: 'acme',
	documentId: 'd1',
	actionUser: { user: { userId: 'bo' } },
	displayHeadlineMessageTemplate: 'Hi',
	displayBodyMessage: 'Body',
	notifyUsers: { users: [{ userId: 'u1' }] },
};

/** The id the harness gives the node under test. */
export const TESTED_NODE_ID = 'velt-node';

export interface VeltRun extends RunNodeResult {
	/** The error instance the node threw (class intact), when it threw one. */
	thrown?: unknown;
	/** The json of each output item. */
	json: IDataObject[];
}

export type RunVeltOptions = Omit<RunNodeOptions, 'credentials' | 'nodeType'> & {
	credentials?: Partial<VeltCredentialData>;
};

/** Where the node sends its requests: the emulator, or any Velt-shaped server. */
export interface VeltTarget {
	url: string;
}

export function credentialsFor(
	emulator: VeltTarget,
	overrides: Partial<VeltCredentialData> = {},
): VeltCredentialData {
	return { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url, ...overrides };
}

/** Velt Notifications or Velt, as the tests construct them. */
type ActionNode = Pick<INodeType, 'description'> & {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
};

/** The real node, wrapped so the error it throws is kept as thrown. */
function capturing(node: ActionNode, sink: { thrown?: unknown }): INodeType {
	return {
		description: node.description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			try {
				return await node.execute.call(this);
			} catch (error) {
				sink.thrown = error;
				throw error;
			}
		},
	};
}

/** Runs an action node of the package through n8n-core against `emulator`, keeping what it threw. */
export async function runActionNode(
	node: ActionNode,
	emulator: VeltTarget,
	options: RunVeltOptions,
): Promise<VeltRun> {
	const sink: { thrown?: unknown } = {};
	const { credentials, ...rest } = options;
	const result = await runNode({
		...rest,
		credentials: credentialsFor(emulator, credentials),
		nodeType: capturing(node, sink),
	});
	return { ...result, thrown: sink.thrown, json: result.items.map((item) => item.json) };
}

export async function runVelt(emulator: VeltTarget, options: RunVeltOptions): Promise<VeltRun> {
	return await runActionNode(new VeltNotifications(), emulator, options);
}

/** The `data` of every request the emulator (or a canned Velt) received on `path` (all paths when omitted), in order. */
export function sentData(
	emulator: { requests: ReadonlyArray<{ path: string; body: unknown }> },
	path?: string,
): IDataObject[] {
	return emulator.requests
		.filter((request) => path === undefined || request.path === path)
		.map((request) => (request.body as IDataObject).data as IDataObject);
}

/** The notificationId the node derives for an Add without one (execution, node, run and item). */
export function expectedGeneratedId(executionId: string, itemIndex: number, runIndex = 0): string {
	return `n8n-${createHash('sha256').update(`${executionId}|${TESTED_NODE_ID}|${runIndex}|${itemIndex}`).digest('hex').slice(0, 24)}`;
}

/** A notification in one document to u1, with a headline (`Headline <id>` unless told): what most tests seed. */
export function headlineNotification(
	organizationId: string,
	documentId: string,
	notificationId: string,
	headline = `Headline ${notificationId}`,
): NotificationInput {
	return {
		organizationId,
		documentId,
		notificationId,
		notifyAll: false,
		notifyUsers: [{ userId: 'u1' }],
		displayHeadlineMessageTemplate: headline,
	};
}

/** Inserts notifications straight into the emulator's store, timestamps `firstTimestamp`, +1, +2, ... */
export function seedNotifications(
	emulator: VeltEmulator,
	inputs: NotificationInput[],
	firstTimestamp = 1_722_409_500_000,
): void {
	inputs.forEach((data, index) =>
		emulator.store.insertNotification(data, { timestamp: firstTimestamp + index }),
	);
}

export function pairedItems(run: RunNodeResult): unknown[] {
	return run.items.map((item) => item.pairedItem);
}

/** What a tool answered: a failed item becomes an error item for the model, never a thrown error. */
export function toolError(run: VeltRun): string {
	expect(run.thrown).toBeUndefined();
	expect(run.status).toBe('success');
	expect(run.json).toHaveLength(1);
	expect(Object.keys(run.json[0])).toEqual(['error']);
	return String(run.json[0].error);
}
