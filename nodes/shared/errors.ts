import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { VeltFailure } from './transport/failure';
import { redactSecrets } from './transport/failure';
import { ADVANCED_QUERIES_MESSAGE_FRAGMENT } from './transport/contract';
import { isToolNode, messageForRun, toolParameterError } from './toolRun';

const CONSOLE_URL = 'https://console.velt.dev';

/** A hint that tells the user how to fix a failure, keyed on what Velt said. */
export function hintForFailure(failure: VeltFailure): string {
	// The package's own bounds (paging, the response-size cap) know their fix best.
	if (failure.hint !== undefined) return failure.hint;
	const message = failure.message.toLowerCase();
	if (failure.kind === 'network' || failure.kind === 'timeout') {
		return "Velt could not be reached or did not answer in time. Check the credential's Base URL and your network; the node retries transient failures as set under Options > Retries.";
	}
	if (failure.kind === 'invalidResponse') {
		return "Velt (or a proxy in front of it) answered with something that is not Velt's JSON. Check the credential's Base URL; if it is right, Velt may be having an outage, so try again later.";
	}
	if (message.includes(ADVANCED_QUERIES_MESSAGE_FRAGMENT)) {
		return `Get Many needs "Advanced Queries" switched on: in the Velt console (${CONSOLE_URL}) open Dashboard > Configurations and enable Advanced Queries.`;
	}
	// A 500 whose per-id codes say retrying cannot help (documents/get: a document that does not exist).
	if (failure.settledPerId === true) {
		return 'Velt answered that some of the IDs cannot be served (they do not exist, or already exist); retrying will not help. Check the IDs.';
	}
	switch (failure.veltCode) {
		// "Invalid auth token for workspace." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get) and "Invalid API key." are both a wrong credential.
		case 'PERMISSION_DENIED':
			if (isAccessDenial(failure, message)) {
				return 'Velt accepted the credential but refused the user: a user named in the request (the author, with Verify User Permissions on) has no access to the document. Give that user access to the document, its folder or the organization (User > Create or Update), or switch Verify User Permissions off. Entries Velt reports as added were created.';
			}
			return `Velt did not accept the credential. Copy the API key and the auth token again from the Velt console (${CONSOLE_URL}); the token must belong to the same app as the key.`;
		case 'UNAUTHENTICATED':
			return `Velt did not accept the credential. Copy the API key and the auth token again from the Velt console (${CONSOLE_URL}); the token must belong to the same app as the key.`;
		case 'INVALID_ARGUMENT':
			// "Auth Token not found in headers." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get)
			if (message.includes('token') || message.includes('api key') || message.includes('apikey')) {
				return 'Fill in both the API key and the auth token in the "Velt API" credential.';
			}
			// "Workspace ID not found in headers." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get): a workspace-level call, which this package does not make.
			if (message.includes('workspace id')) {
				return "Velt expected a workspace call. Check the credential's Base URL: it should point at Velt's REST API (https://api.velt.dev).";
			}
			return 'Velt rejected a field of the request: correct the field named in the message.';
		case 'NOT_FOUND':
			// "Advanced webhook provider request failed." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-delete)
			if (message.includes('webhook')) {
				return 'Velt does not know this webhook endpoint. Deactivate and activate the workflow again so the trigger registers a new endpoint.';
			}
			if (message.includes('workspace')) {
				return "Velt does not know this workspace. Check the credential's API key and auth token.";
			}
			return 'Check that the organization, the document and the IDs this item names exist in this Velt app.';
		case 'FAILED_PRECONDITION':
			// "Advanced webhooks are disabled / not configured / not available for this workspace." (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook*)
			if (message.includes('advanced webhook')) {
				return `Velt's advanced webhooks are off for this workspace (an Enterprise feature). Enable them in the Velt console (${CONSOLE_URL}) or ask Velt to, then activate the workflow again.`;
			}
			return `A Velt feature this call needs is switched off. Enable it in the Velt console (${CONSOLE_URL}): notification settings for the Settings operations, advanced webhooks for webhook triggers.`;
		case 'RESOURCE_EXHAUSTED':
			return "Velt's rate limit was reached. Raise Options > Retries or lower Options > Concurrency, or spread the work over time.";
		case 'DEADLINE_EXCEEDED':
		case 'INTERNAL':
			return 'Velt had a temporary problem. Try again; the node retries these as set under Options > Retries.';
		case 'ALREADY_EXISTS':
		case 'ABORTED':
			return 'The request conflicted with the current state in Velt. Try again, or use another ID for what this item creates.';
		default:
			return failure.httpStatus !== undefined && failure.httpStatus >= 500
				? 'Velt had a temporary problem. Try again later.'
				: 'Check the parameters of this node against the message above.';
	}
}

/**
 * A PERMISSION_DENIED about a user's access to a document, not about the credential: Velt
 * sends one with a per-id map in `details` ("User does not have access to the document.",
 * https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/add-comment-annotations),
 * while a wrong key or token is "Invalid API key." / "Invalid auth token." without one.
 */
function isAccessDenial(failure: VeltFailure, message: string): boolean {
	if (failure.perIdDetails !== undefined) return true;
	if (message.includes('api key') || message.includes('auth token')) return false;
	return message.includes('access') && (message.includes('user') || message.includes('document'));
}

export function describeFailure(failure: VeltFailure): string {
	if (
		failure.kind === 'network' ||
		failure.kind === 'timeout' ||
		failure.kind === 'invalidResponse'
	) {
		return failure.message;
	}
	const code = failure.veltCode ? ` [${failure.veltCode}]` : '';
	const status = failure.httpStatus !== undefined ? ` (HTTP ${failure.httpStatus})` : '';
	return `Velt: ${failure.message}${code}${status}`;
}

export function failureToNodeApiError(
	node: INode,
	failure: VeltFailure,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError {
	const message = redactSecrets(describeFailure(failure), secrets);
	const hint = redactSecrets(hintForFailure(failure), secrets);
	const shown = messageForRun(node, message, hint);
	const description = hint;
	// A key NodeApiError does not interpret: `status` or `code` would make it swap our message for a generic one.
	const response: JsonObject = {
		message: shown,
		veltErrorCode: failure.veltCode ?? failure.networkCode ?? failure.kind,
	};
	return new NodeApiError(node, response, {
		message: shown,
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
}

/** How a bad input is explained to an AI agent that runs the node as a tool. */
export interface ToolFacing {
	/** Where the parameter sits in the node's parameters, e.g. "notifyUserIds" or "additionalFields.notificationId". */
	parameter?: string;
	/** The fix in the model's terms, when the editor's fix names panel controls. */
	fix?: string;
}

/** A bad input: names the field and the item, and says how to fix it (a tool's: toolParameterError). */
export function invalidParameterError(
	node: INode,
	itemIndex: number,
	fieldLabel: string,
	problem: string,
	fix?: string,
	tool: ToolFacing = {},
): NodeOperationError {
	if (isToolNode(node)) return toolParameterError(node, itemIndex, fieldLabel, problem, fix, tool);
	return new NodeOperationError(node, `${fieldLabel}: ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: fix,
	});
}

/**
 * A Get whose id Velt returned nothing for (Velt answers an empty list, or null in its place):
 * the item's error names the field, the id and where it was looked for.
 */
export function notFoundError(
	node: INode,
	itemIndex: number,
	what: { label: string; parameter: string; id: string | number; where: string; fix: string },
): NodeOperationError {
	return invalidParameterError(
		node,
		itemIndex,
		what.label,
		`"${what.id}" was not found in ${what.where}`,
		what.fix,
		{ parameter: what.parameter },
	);
}
