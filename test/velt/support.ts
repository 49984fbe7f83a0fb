/**
 * Helpers of the Velt node's tests: run the Velt node (type `velt`) through n8n-core's engine,
 * as test/node/support.ts runs Velt Notifications, keeping the error it threw.
 */
import type { INodeParameterResourceLocator } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { COLLABORATION_ENDPOINTS } from '../../nodes/shared/transport';
import {
	runActionNode,
	sentData,
	type RunVeltOptions,
	type VeltRun,
	type VeltTarget,
} from '../node/support';

export { COLLABORATION_ENDPOINTS, sentData };

/** The tool type n8n registers for the Velt node (its name plus "Tool"). */
export const VELT_TOOL = 'n8n-nodes-velt.veltTool';

export async function runVeltNode(target: VeltTarget, options: RunVeltOptions): Promise<VeltRun> {
	return await runActionNode(new Velt(), target, {
		nodeTypeName: 'n8n-nodes-velt.velt',
		...options,
	});
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
