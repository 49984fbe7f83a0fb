import type { INode } from 'n8n-workflow';

/**
 * Whether the node runs as an AI agent's tool. For a node with `usableAsTool`, n8n
 * registers a second type whose name is the node's with "Tool" appended (e.g.
 * `n8n-nodes-velt.veltNotificationsTool`), and a tool in a workflow is saved with
 * that type; n8n-workflow's own isToolType checks the same suffix.
 */
export function isToolNode(node: INode): boolean {
	const name = node.type.split('.').pop() ?? '';
	return name.endsWith('Tool');
}

function rawParameter(node: INode, path: string): unknown {
	let value: unknown = node.parameters;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function rawText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return '';
}

/** The key of a `$fromAI('key', ...)` in the saved parameter: the name of the argument the model fills. */
export function fromAiArgument(node: INode, path: string): string | undefined {
	const match = /\$fromai\(\s*(['"`])([^'"`]+)\1/i.exec(rawText(rawParameter(node, path)));
	return match?.[2];
}

/** Whether the workflow author saved the parameter as the literal boolean true. */
export function isLiterallyTrue(node: INode, path: string): boolean {
	return rawParameter(node, path) === true;
}
