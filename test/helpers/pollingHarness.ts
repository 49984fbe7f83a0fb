/**
 * The polling trigger as n8n runs it: one activated workflow (so one static data across
 * polls) and n8n-core's PollContext for each poll, against a Velt base URL.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { VeltActivityTrigger } from '../../nodes/VeltActivityTrigger/VeltActivityTrigger.node';
import { VeltNotificationsTrigger } from '../../nodes/VeltNotificationsTrigger/VeltNotificationsTrigger.node';
import { buildAdditionalData, nodeTypesFor, TEST_API_KEY, TEST_AUTH_TOKEN } from './n8nHarness';
import { testNode } from './testNode';

/** The two polling triggers, which share one cursor (nodes/shared/newestFirstPoll.ts). */
export const POLLING_TRIGGERS = {
	notifications: { name: 'Velt Notifications Trigger', type: 'veltNotificationsTrigger' },
	activity: { name: 'Velt Activity Trigger', type: 'veltActivityTrigger' },
} as const;

export type PollingTriggerKind = keyof typeof POLLING_TRIGGERS;

/**
 * `staticData`: what n8n saved of an earlier activation (a restart reads it back); `trigger`:
 * which polling trigger (the notifications one by default).
 */
export function activatedPollingTrigger(
	baseUrl: string,
	parameters: IDataObject,
	{
		budgetMs,
		trigger = 'notifications',
		staticData = {},
	}: { budgetMs?: number; trigger?: PollingTriggerKind; staticData?: IDataObject } = {},
) {
	const { name, type } = POLLING_TRIGGERS[trigger];
	const node = testNode({
		id: 'trigger',
		name,
		type,
		parameters: parameters as INode['parameters'],
		credentials: { veltApi: { id: 'c1', name: 'Velt' } },
	});
	const nodeType =
		trigger === 'activity' ? new VeltActivityTrigger() : new VeltNotificationsTrigger();
	const workflow = new Workflow({
		id: 'wf-poll',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypesFor({ [type]: nodeType }),
		staticData: { [`node:${name}`]: JSON.parse(JSON.stringify(staticData)) as IDataObject },
	});
	const additionalData = buildAdditionalData(
		{ apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl },
		{ id: 'wf-poll', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		'exec-poll',
	);
	/** One poll: 'trigger' as n8n's schedule runs it, 'manual' as "Fetch Test Event" does. */
	const poll = async (
		mode: 'trigger' | 'manual' = 'trigger',
	): Promise<INodeExecutionData[][] | null> => {
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			budgetMs === undefined ? undefined : () => budgetMs,
		);
		return await nodeType.poll.call(context);
	};
	return { poll, workflow, node, staticData: () => workflow.getStaticData('node', node) };
}
