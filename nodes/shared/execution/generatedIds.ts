import { createHash, randomBytes } from 'crypto';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

/**
 * The id of what an item creates when the user gave none (a notification's notificationId, a
 * comment thread's annotationId): "n8n-" and 24 hex digits, so never a ":" (which Velt refuses
 * in an annotation id). Derived from the execution, node, run and item when n8n provides an
 * execution id, so n8n's own "Retry On Fail" re-sends the same id (Velt then replaces instead of
 * duplicating); else random.
 */
export function generateItemId(parts?: {
	executionId?: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
}): string {
	if (parts?.executionId) {
		const digest = createHash('sha256')
			.update(`${parts.executionId}|${parts.nodeId}|${parts.runIndex}|${parts.itemIndex}`)
			.digest('hex');
		return `n8n-${digest.slice(0, 24)}`;
	}
	return `n8n-${randomBytes(12).toString('hex')}`;
}

/** The generated id of one item of this run of the node. */
export function generatedIdOf(context: IExecuteFunctions, node: INode, itemIndex: number): string {
	const executionId = context.getExecutionId();
	const runIndex = (context as IExecuteFunctions & { runIndex?: number }).runIndex ?? 0;
	return generateItemId(
		executionId ? { executionId, nodeId: node.id, runIndex, itemIndex } : undefined,
	);
}
