/**
 * Every documented example of the endpoints the action node uses (test/fixtures/
 * veltDocsExamples.ts, taken from https://docs.velt.dev), both ways, through n8n-core:
 * - each example request is reproduced by the node from matching parameters: the body Velt
 *   receives equals the documented one, apart from what the node always adds (notificationId
 *   and notifyAll on Add);
 * - each example response and error is served to the node, and its output checked.
 * A loopback server plays Velt, so the documented answers are served verbatim.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { VELT_DOCS_EXAMPLES, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import { dataOf, pageExample, pageKeyOf as keyOf } from '../helpers/docsExamples';
import notificationRequests from '../fixtures/docsExamples/notificationRequests.json';
import notificationResponses from '../fixtures/docsExamples/notificationResponses.json';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { ENDPOINTS, expectedGeneratedId, runVelt, type VeltRun } from './support';
import { useEmulator } from '../helpers/useEmulator';

const NODE_ENDPOINTS: string[] = [
	ENDPOINTS.addNotification,
	ENDPOINTS.getNotifications,
	ENDPOINTS.updateNotifications,
	ENDPOINTS.deleteNotifications,
	ENDPOINTS.getNotificationConfig,
	ENDPOINTS.setNotificationConfig,
];
/** The resolver page shows an Add request of its own (its endpoint is Add's). */
const RESOLVER_PAGE = 'https://docs.velt.dev/self-host-data/notifications';

function endpointOf(example: VeltDocsExample): string | null {
	return example.page === RESOLVER_PAGE && example.kind === 'request'
		? ENDPOINTS.addNotification
		: example.endpoint;
}

const covered = VELT_DOCS_EXAMPLES.filter((example) => {
	const endpoint = endpointOf(example);
	return endpoint !== null && NODE_ENDPOINTS.includes(endpoint) && example.kind !== 'payload';
});

const docsExample = (page: string, kind: VeltDocsExample['kind'], heading: string) =>
	pageExample(`${page} | ${kind} | ${heading}`);

const resultOf = (example: VeltDocsExample) => (example.body as { result: IDataObject }).result;

const velt = cannedVeltForFile();

function serve(status: number, body: unknown): void {
	velt.answer = { status, body };
}

/** A success answer of `endpoint` for the request examples (per-id answers keyed by the docs' placeholder id). */
function serveSuccessFor(endpoint: string): void {
	const perId = { yourNotificationId: { success: true, message: 'Done.' } };
	const data: Record<string, unknown> = {
		[ENDPOINTS.addNotification]: { success: true, message: 'Notification added successfully.' },
		[ENDPOINTS.getNotifications]: [],
		[ENDPOINTS.updateNotifications]: perId,
		[ENDPOINTS.deleteNotifications]: perId,
		[ENDPOINTS.getNotificationConfig]: [],
		[ENDPOINTS.setNotificationConfig]: {
			USER_ID1: { success: true, userId: 'USER_ID1', message: 'User config set successfully.' },
		},
	};
	serve(200, { result: { status: 'success', message: 'ok', data: data[endpoint] } });
}

const sentBodies = () => velt.requests.map((request) => request.body);

async function runOk(
	parameters: INodeParameters,
	options: { executionId?: string; continueOnFail?: boolean } = {},
): Promise<VeltRun> {
	const run = await runVelt(velt, { parameters, ...options });
	if (run.status !== 'success') throw new Error(`node failed: ${run.error?.message}`);
	return run;
}

// ---- requests -------------------------------------------------------------------------------

const getMany = { resource: 'notification', operation: 'getAll', returnAll: true };

/** How the node is configured for each documented request (keyed page | kind | heading); `pageToken` marks a follow-up page of Get; the resolver examples leave Source unpicked (the resolver implies "custom"). */
const REQUEST_PARAMETERS = notificationRequests as unknown as Record<string, INodeParameters>;

const requestExamples = covered.filter((example) => example.kind === 'request');

/** Documented responses served to the node, and what it outputs (notificationResponses.json; `why` there). */
const RESPONSES = notificationResponses.cases as unknown as Array<{
	name: string;
	served: [string, string];
	parameters?: INodeParameters;
	request?: string;
	continueOnFail?: boolean;
	items?: IDataObject[];
	requestCount?: number;
	json?: IDataObject[];
	operationError?: string;
	notInRun?: string;
}>;

describe('documented example requests: the body Velt receives is the documented one', () => {
	test.each(
		requestExamples
			.filter((example) => endpointOf(example) === ENDPOINTS.addNotification)
			.map((example) => [keyOf(example), example] as const),
	)(
		'%s (plus notificationId and notifyAll where the docs leave them out)',
		async (key, example) => {
			serveSuccessFor(ENDPOINTS.addNotification);
			const run = await runOk(REQUEST_PARAMETERS[key], { executionId: 'exec-docs' });
			const documented = dataOf(example);
			const notificationId =
				(documented.notificationId as string | undefined) ?? expectedGeneratedId('exec-docs', 0);
			expect(velt.requests.map((request) => request.path)).toEqual([ENDPOINTS.addNotification]);
			expect(sentBodies()).toEqual([
				{ data: { ...documented, notificationId, notifyAll: documented.notifyAll ?? false } },
			]);
			expect(run.json).toEqual([
				{
					success: true,
					notificationId,
					organizationId: documented.organizationId,
					documentId: documented.documentId,
					message: 'Notification added successfully.',
				},
			]);
		},
	);

	const getExamples = requestExamples.filter(
		(example) => example.endpoint === ENDPOINTS.getNotifications,
	);

	test.each(
		getExamples
			.filter((example) => dataOf(example).pageToken === undefined)
			.map((example) => [keyOf(example), example] as const),
	)('%s (Return All)', async (key, example) => {
		serveSuccessFor(ENDPOINTS.getNotifications);
		await runOk({ ...REQUEST_PARAMETERS[key], returnAll: true });
		expect(sentBodies()).toEqual([example.body]);
	});

	test.each(
		getExamples
			.filter((example) => dataOf(example).pageToken !== undefined)
			.map((example) => [keyOf(example), example] as const),
	)(
		'%s (the follow-up page of a Limit 40 read whose first page brought 20 and that token)',
		async (key, example) => {
			const documented = dataOf(example);
			const firstPage = Array.from({ length: 20 }, (_, index) => ({
				id: `n-${index}`,
				timestamp: 1_722_409_519_944 - index,
			}));
			velt.queue.push({
				status: 200,
				body: {
					result: {
						status: 'success',
						message: 'ok',
						data: firstPage,
						pageToken: documented.pageToken,
					},
				},
			});
			serveSuccessFor(ENDPOINTS.getNotifications);
			const run = await runOk({ ...REQUEST_PARAMETERS[key], returnAll: false, limit: 40 });
			const { pageToken: _token, ...firstRequest } = documented;
			expect(sentBodies()).toEqual([{ data: { ...firstRequest, pageSize: 40 } }, example.body]);
			expect(run.json).toHaveLength(20);
		},
	);

	test.each(
		requestExamples
			.filter(
				(example) =>
					example.endpoint !== ENDPOINTS.addNotification &&
					example.endpoint !== ENDPOINTS.getNotifications &&
					example.page !== RESOLVER_PAGE,
			)
			.map((example) => [keyOf(example), example] as const),
	)('%s', async (key, example) => {
		serveSuccessFor(example.endpoint as string);
		await runOk(REQUEST_PARAMETERS[key]);
		expect(velt.requests.map((request) => request.path)).toEqual([example.endpoint]);
		expect(sentBodies()).toEqual([example.body]);
	});
});

// ---- responses ------------------------------------------------------------------------------

describe('documented responses served to the node', () => {
	test.each(RESPONSES.map((check) => [check.name, check] as const))('%s', async (_name, check) => {
		const [page, heading] = check.served;
		serve(200, docsExample(page, 'response', heading).body);
		const run = await runVelt(velt, {
			continueOnFail: check.continueOnFail,
			items: check.items,
			parameters: check.parameters ?? REQUEST_PARAMETERS[check.request!],
		});
		if (check.operationError !== undefined) {
			expect(run.status).toBe('error');
			expect(run.thrown).toBeInstanceOf(NodeOperationError);
			expect((run.thrown as Error).message).toBe(check.operationError);
			return;
		}
		expect(run.status).toBe('success');
		if (check.requestCount !== undefined) expect(velt.requests).toHaveLength(check.requestCount);
		expect(run.json).toEqual(check.json);
		if (check.notInRun !== undefined) expect(JSON.stringify(run.run)).not.toContain(check.notInRun);
	});

	const getSuccess = () =>
		docsExample(
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2',
			'response',
			'Success Response',
		);

	test('https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2 | response | Success Response (Simplify on): rendered headline, the next page asked with its pageToken', async () => {
		velt.queue.push({ status: 200, body: getSuccess().body });
		serve(200, { result: { status: 'success', message: 'ok', data: [] } });
		const run = await runOk({
			...getMany,
			organizationId: 'yourOrganizationId',
			documentId: 'yourDocumentId',
			returnAll: true,
			simplify: true,
		});
		expect(sentBodies()).toEqual([
			{ data: { organizationId: 'yourOrganizationId', documentId: 'yourDocumentId' } },
			{
				data: {
					organizationId: 'yourOrganizationId',
					documentId: 'yourDocumentId',
					pageToken: 'nextPageToken',
				},
			},
		]);
		expect(run.json).toEqual([
			{
				id: 'notificationId',
				headline:
					'This is main template, you can pass variables using curly brackets like this: User Name, Recipient Name, Variable will be replaced with this text',
				body: 'This is body message (Secondary message)',
				source: 'custom',
				actionUser: 'User Name',
				actionUserId: 'yourUserId',
				organizationId: 'yourOrganizationId',
				documentId: 'yourDocumentId',
				locationId: null,
				timestamp: 1722409519944,
				createdAt: new Date(1722409519944).toISOString(),
			},
		]);
	});

	test('https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2 | response | Success Response (Simplify off): the notification as Velt sent it, without metadata.apiKey', async () => {
		velt.queue.push({ status: 200, body: getSuccess().body });
		serve(200, { result: { status: 'success', message: 'ok', data: [] } });
		const run = await runOk({
			...getMany,
			organizationId: 'yourOrganizationId',
			documentId: 'yourDocumentId',
			returnAll: true,
			simplify: false,
		});
		const documented = structuredClone((resultOf(getSuccess()).data as IDataObject[])[0]);
		delete (documented.metadata as IDataObject).apiKey;
		expect(run.json).toEqual([documented]);
		expect(JSON.stringify(run.run)).not.toContain('yourApiKey');
	});

	/** Parameters that pass the node's own checks, per endpoint, for the failure answers. */
	const VALID_REQUEST: Record<string, string> = {
		[ENDPOINTS.addNotification]:
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/add-notifications | request | Example Request',
		[ENDPOINTS.getNotifications]:
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2 | request | 2. Get by organizationId, documentId and notificationIds',
		[ENDPOINTS.updateNotifications]:
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/update-notifications | request | 1. Update by organizationId and documentId',
		[ENDPOINTS.deleteNotifications]:
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/delete-notifications | request | 2. Delete by organizationId, documentId and notificationIds',
		[ENDPOINTS.getNotificationConfig]:
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-config | request | Org-Level Config',
		[ENDPOINTS.setNotificationConfig]:
			'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/set-config | request | Org-Level Config',
	};

	test.each(
		covered
			.filter((example) => example.kind === 'error')
			.map((example) => [keyOf(example), example] as const),
	)(
		"%s: a NodeApiError with Velt's message and code and the hint to fix the field (HTTP 400 ASSUMED)",
		async (_key, example) => {
			serve(400, example.body);
			const run = await runVelt(velt, {
				parameters: {
					...REQUEST_PARAMETERS[VALID_REQUEST[example.endpoint as string]],
					options: { retryDelay: 1 },
				},
			});
			expect(run.status).toBe('error');
			expect(run.thrown).toBeInstanceOf(NodeApiError);
			const error = run.thrown as NodeApiError;
			expect(error.message).toBe('Velt: ERROR_MESSAGE [INVALID_ARGUMENT] (HTTP 400)');
			expect(error.description).toBe(
				'Velt rejected a field of the request: correct the field named in the message.',
			);
			expect(velt.requests).toHaveLength(1);
		},
	);
});

test('every documented request, response and error of the six endpoints has a test above', () => {
	const requestKeys = requestExamples.map(keyOf);
	expect(requestKeys.filter((key) => REQUEST_PARAMETERS[key] === undefined)).toEqual([]);
	expect(Object.keys(REQUEST_PARAMETERS).sort()).toEqual([...requestKeys].sort());
	const responseTests = [
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/add-notifications | response | Success Response',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-notifications-v2 | response | Success Response',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/update-notifications | response | Success Response',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/update-notifications | response | When some notifications are not found',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/delete-notifications | response | Success Response',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/delete-notifications | response | When some notifications are not found',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/get-config | response | Success Response',
		'https://docs.velt.dev/api-reference/rest-apis/v2/notifications/set-config | response | Success Response',
	];
	expect(
		covered
			.filter((example) => example.kind === 'response')
			.map(keyOf)
			.sort(),
	).toEqual(responseTests.sort());
	expect(
		covered
			.filter((example) => example.kind === 'error')
			.map((example) => example.endpoint)
			.sort(),
	).toEqual([...NODE_ENDPOINTS].sort());
});

describe('the same documented requests against the emulator (written from the same pages): accepted, body as documented', () => {
	const emulator = useEmulator({}, { reset: false });

	/** A follow-up page needs a token the server issued; the loopback tests above cover those. */
	const reproducible = requestExamples.filter((example) => dataOf(example).pageToken === undefined);

	test.each(reproducible.map((example) => [keyOf(example), example] as const))(
		'%s',
		async (key, example) => {
			emulator.reset();
			emulator.store.insertNotification({
				organizationId: 'yourOrganizationId',
				documentId: 'yourDocumentId',
				notificationId: 'yourNotificationId',
				location: { id: 'yourLocationId' },
				notifyUsers: [{ userId: 'yourUserId' }],
				notifyAll: false,
				displayHeadlineMessageTemplate: 'Seeded',
			});
			const run = await runVelt(emulator, {
				executionId: 'exec-docs',
				parameters: REQUEST_PARAMETERS[key],
			});
			expect(run.error?.message).toBeUndefined();
			expect(run.status).toBe('success');
			const documented = dataOf(example);
			const expected =
				endpointOf(example) === ENDPOINTS.addNotification
					? {
							...documented,
							notificationId: documented.notificationId ?? expectedGeneratedId('exec-docs', 0),
							notifyAll: documented.notifyAll ?? false,
						}
					: documented;
			expect(emulator.requests.map((request) => [request.path, request.body])).toEqual([
				[endpointOf(example), { data: expected }],
			]);
		},
	);
});
