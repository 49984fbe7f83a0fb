import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationExecute } from '../../shared/execution/perItemExecutor';
import type { VeltNotificationsType, VeltOperation, VeltResource } from './node.type';
import * as notification from './notification';
import * as notificationConfig from './notificationConfig';

// Typed by the node's resource/operation map: an operation without an execute does not compile.
const operations: { [R in VeltResource]: Record<VeltOperation<R>, OperationExecute> } = {
	notification: {
		add: notification.add.execute,
		getAll: notification.getAll.execute,
		update: notification.update.execute,
		delete: notification.delete.execute,
	},
	notificationConfig: {
		get: notificationConfig.get.execute,
		set: notificationConfig.set.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as VeltResource;
	const operation = this.getNodeParameter('operation', 0);
	const call = { resource, operation } as VeltNotificationsType;
	const execute = (
		operations[call.resource] as Record<string, OperationExecute | undefined> | undefined
	)?.[call.operation];
	// Only reachable with a workflow saved by a newer version of the node.
	if (execute === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" of "${resource}" is not supported`,
		);
	}
	return [await execute.call(this, items)];
}
