/**
 * Every error code and message Velt's current pages document (https://docs.velt.dev), and
 * the hint the node gives for it: a wrong credential is one hint whichever code says it.
 */
import { hintForFailure } from '../../nodes/shared/errors';
import type { VeltFailure } from '../../nodes/shared/transport';

const apiFailure = (veltCode: string, message: string): VeltFailure => ({
	kind: 'api',
	veltCode,
	message,
});

const WRONG_CREDENTIAL =
	/^Velt did not accept the credential\. Copy the API key and the auth token again/;
const MISSING_CREDENTIAL = /^Fill in both the API key and the auth token/;

const DOCUMENTED: Array<[page: string, code: string, message: string, hint: RegExp]> = [
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get',
		'UNAUTHENTICATED',
		'Invalid auth token for workspace.',
		WRONG_CREDENTIAL,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/notificationconfig-get',
		'PERMISSION_DENIED',
		'Invalid API key.',
		WRONG_CREDENTIAL,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get',
		'INVALID_ARGUMENT',
		'Auth Token not found in headers.',
		MISSING_CREDENTIAL,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get',
		'INVALID_ARGUMENT',
		'Workspace ID not found in headers.',
		/^Velt expected a workspace call\. Check the credential's Base URL/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get',
		'NOT_FOUND',
		'Workspace not found.',
		/^Velt does not know this workspace/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/get',
		'RESOURCE_EXHAUSTED',
		'Rate limit exceeded. Try again after 1 minute.',
		/^Velt's rate limit was reached/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/add-notifications (and every notification page)',
		'INVALID_ARGUMENT',
		'ERROR_MESSAGE',
		/^Velt rejected a field of the request/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-create',
		'INVALID_ARGUMENT',
		'url must be a valid http(s) URL.',
		/^Velt rejected a field of the request/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-create',
		'FAILED_PRECONDITION',
		'Advanced webhooks are disabled for this workspace. Enable them via POST /v2/workspace/advancedwebhookconfig/update with { "isEnabled": true }.',
		/^Velt's advanced webhooks are off for this workspace/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-get',
		'FAILED_PRECONDITION',
		'Advanced webhooks are not configured for this workspace. Enable them first via POST /v2/workspace/advancedwebhookconfig/update with { "isEnabled": true }.',
		/^Velt's advanced webhooks are off for this workspace/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-delete',
		'NOT_FOUND',
		'Advanced webhook provider request failed.',
		/^Velt does not know this webhook endpoint/,
	],
	[
		'https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2',
		'INTERNAL',
		'Error retrieving document(s).',
		/^Velt had a temporary problem/,
	],
];

test.each(DOCUMENTED)('%s: %s "%s" gets its hint', (_page, code, message, hint) => {
	expect(hintForFailure(apiFailure(code, message))).toMatch(hint);
});

test('UNAUTHENTICATED and PERMISSION_DENIED give the very same hint', () => {
	expect(hintForFailure(apiFailure('UNAUTHENTICATED', 'Invalid auth token for workspace.'))).toBe(
		hintForFailure(apiFailure('PERMISSION_DENIED', 'Invalid API key.')),
	);
});
