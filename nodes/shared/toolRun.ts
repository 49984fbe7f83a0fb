import type { IDataObject, IExecuteFunctions, INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { holdsExpression } from './expressions';

// What differs when a node runs as an AI agent's tool: how the run knows it, which saved values
// a model may have filled, and how a failure reaches the model. The author-only rules built on
// this are in tool.ts; errors.ts shapes its messages with it (a leaf: no circle).

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

/**
 * Whether a failed item becomes an error item instead of stopping the node: with
 * "Continue On Fail", and always when the node is an AI agent's tool, so the model
 * reads the error and can correct its arguments. (n8n 2.x relays a thrown error to
 * the model, but n8n 1.x fails the whole workflow on it.)
 */
export function failuresBecomeItems(context: IExecuteFunctions): boolean {
	return context.continueOnFail() || isToolNode(context.getNode());
}

/** A Velt failure's message as shown: an AI agent sees only the message, so a tool's carries the hint too. */
export function messageForRun(node: INode, message: string, hint: string): string {
	return isToolNode(node) ? `${message}. ${hint}` : message;
}

/** The json of an error item; a tool's message already carries the fix, so the model gets it alone. */
export function errorItemJson(node: INode, error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (isToolNode(node)) return json;
	if (error.description) json.description = error.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return json;
}

/**
 * A bad input explained to a model: the message names the argument it filled (its $fromAI
 * key) and carries the fix, since n8n hands an agent only the message.
 */
export function toolParameterError(
	node: INode,
	itemIndex: number,
	fieldLabel: string,
	problem: string,
	fix: string | undefined,
	tool: { parameter?: string; fix?: string },
): NodeOperationError {
	const argument = tool.parameter !== undefined ? fromAiArgument(node, tool.parameter) : undefined;
	const subject = argument !== undefined ? `Argument "${argument}" (${fieldLabel})` : fieldLabel;
	const toolFix = tool.fix ?? fix;
	return new NodeOperationError(node, `${subject}: ${problem}.${toolFix ? ` ${toolFix}` : ''}`, {
		itemIndex,
		description: toolFix,
	});
}

function rawText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return '';
}

/**
 * The parameter as the author saved it (an expression as its text), before n8n resolves it; under
 * a collection saved as one expression, that expression.
 */
export function savedParameter(node: INode, path: string): unknown {
	let value: unknown = node.parameters;
	for (const key of path.split('.')) {
		if (typeof value === 'string') return value;
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** The key of a `$fromAI('key', ...)` in the saved parameter: the name of the argument the model fills. */
export function fromAiArgument(node: INode, path: string): string | undefined {
	const match = /\$fromai\(\s*(['"`])([^'"`]+)\1/i.exec(rawText(savedParameter(node, path)));
	return match?.[2];
}

/** Whether the workflow author saved the parameter as the literal boolean true. */
export function isLiterallyTrue(node: INode, path: string): boolean {
	return savedParameter(node, path) === true;
}

function modelFills(node: INode, value: unknown): boolean {
	if (/\$fromai\(/i.test(rawText(value))) return true;
	return isToolNode(node) && holdsExpression(value);
}

/**
 * Whether a model may have chosen the parameter's value: a $fromAI in it (in any workflow,
 * since only a model fills $fromAI), or, run as a tool, any expression (a tool's input items
 * are the model's arguments). A collection saved as one expression is the model's in every
 * field, since the saved parameters cannot show what it resolves to.
 */
export function isModelGiven(node: INode, path: string): boolean {
	return modelFills(node, savedParameter(node, path));
}
