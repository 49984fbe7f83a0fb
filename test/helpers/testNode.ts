/** A workflow node for tests that build one by hand, and what the unit tests of the helpers share. */
import type { INode, NodeOperationError } from 'n8n-workflow';

/** A node of the Velt Notifications type at the origin, with whatever the test changes. */
export function testNode(overrides: Partial<INode> = {}): INode {
	return {
		id: 'n1',
		name: 'Velt',
		type: 'n8n-nodes-velt.veltNotifications',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...overrides,
	};
}

export const unitNode: INode = testNode();

/** A field of `unitNode`, item 3. */
export const unitField = (label: string) => ({ node: unitNode, itemIndex: 3, label });

export function thrown(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a throw');
}
