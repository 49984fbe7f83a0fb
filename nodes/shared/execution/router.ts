import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationExecute } from './perItemExecutor';

/**
 * The execute of an action node: the operation its resource and operation parameters pick,
 * from a map each node types by its resource/operation union (so a missing one does not compile).
 */
export function operationRouter(
	operations: Record<string, Record<string, OperationExecute | undefined> | undefined>,
) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const execute = operations[resource]?.[operation];
		// Only reachable with a workflow saved by a newer version of the node.
		if (execute === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${String(operation)}" of "${resource}" is not supported`,
			);
		}
		return [await execute.call(this, this.getInputData())];
	};
}
