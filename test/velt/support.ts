/**
 * Helpers of the Velt node's tests: run the Velt node (type `velt`) through n8n-core's engine,
 * as test/node/support.ts runs Velt Notifications, keeping the error it threw.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeType,
} from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { COLLABORATION_ENDPOINTS } from '../../nodes/shared/transport';
import { runNode } from '../helpers/n8nHarness';
import {
	credentialsFor,
	sentData,
	type RunVeltOptions,
	type VeltRun,
	type VeltTarget,
} from '../node/support';

export { COLLABORATION_ENDPOINTS, sentData };

/** The tool type n8n registers for the Velt node (its name plus "Tool"). */
export const VELT_TOOL = 'n8n-nodes-velt.veltTool';

function capturingVelt(sink: { thrown?: unknown }): INodeType {
	const node = new Velt();
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

export async function runVeltNode(target: VeltTarget, options: RunVeltOptions): Promise<VeltRun> {
	const sink: { thrown?: unknown } = {};
	const { credentials, ...rest } = options;
	const result = await runNode({
		nodeTypeName: 'n8n-nodes-velt.velt',
		...rest,
		credentials: credentialsFor(target, credentials),
		nodeType: capturingVelt(sink),
	});
	return { ...result, thrown: sink.thrown, json: result.items.map((item) => item.json) };
}

/** A locator as the editor saves it. */
export const byId = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'id',
	value,
});

/** The message of the error a run stopped with (thrown, or the run's error). */
export function errorMessage(run: VeltRun): string {
	const thrown = run.thrown as Error | undefined;
	return String(thrown?.message ?? run.error?.message ?? '');
}
