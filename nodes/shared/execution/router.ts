import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationExecute } from './perItemExecutor';

/** What every `<operation>.operation.ts` exports. */
export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

export type OperationModules = Record<string, OperationModule>;

/** What every resource folder's index.ts exports: its panel name, operations and fields. */
export interface ResourceModule {
	name: string;
	operations: OperationModules;
	description: INodeProperties[];
}

/**
 * The execute of an action node: the operation its resource and operation parameters pick from
 * the node's resources (`T`, the node's AllEntities type, names what may be picked).
 */
export function operationRouter<T extends { resource: string; operation: string }>(
	resources: Record<T['resource'], ResourceModule>,
) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as T['resource'];
		const operation = this.getNodeParameter('operation', 0) as T['operation'];
		const operations = hasOwn(resources, resource)
			? (resources[resource] as ResourceModule).operations
			: {};
		// Only reachable with a workflow saved by a newer version of the node.
		if (!hasOwn(operations, operation)) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${String(operation)}" of "${resource}" is not supported`,
			);
		}
		return [await operations[operation].execute.call(this, this.getInputData())];
	};
}

function hasOwn(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}
