import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationExecute } from '../../shared/execution/perItemExecutor';
import type { VeltOperation, VeltResource, VeltType } from './node.type';
import * as comment from './comment';
import * as commentThread from './commentThread';
import * as user from './user';
import * as userGroup from './userGroup';

// Typed by the node's resource/operation map: an operation without an execute does not compile.
const operations: { [R in VeltResource]: Record<VeltOperation<R>, OperationExecute> } = {
	commentThread: {
		create: commentThread.create.execute,
		getAll: commentThread.getAll.execute,
		count: commentThread.count.execute,
		update: commentThread.update.execute,
		delete: commentThread.delete.execute,
	},
	comment: {
		add: comment.add.execute,
		getAll: comment.getAll.execute,
		update: comment.update.execute,
		delete: comment.delete.execute,
	},
	user: {
		upsert: user.upsert.execute,
		getAll: user.getAll.execute,
		delete: user.delete.execute,
	},
	userGroup: {
		create: userGroup.create.execute,
		addUsers: userGroup.addUsers.execute,
		removeUsers: userGroup.removeUsers.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as VeltResource;
	const operation = this.getNodeParameter('operation', 0);
	const call = { resource, operation } as VeltType;
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
