/**
 * Every documented example the Velt Webhook Trigger meets (test/fixtures/veltDocsExamples.ts),
 * through n8n-core's hook and webhook contexts:
 * - the advanced-webhook endpoints create, secret/get and delete, and (issue 18) endpoints/get,
 *   endpoints/update and advancedwebhookconfig/get: each example request is reproduced by
 *   activation/deactivation, each example response and error served to it;
 * - each example payload of https://docs.velt.dev/webhooks/advanced and https://docs.velt.dev/webhooks/basic delivered to the
 *   webhook (signed, or with the basic auth token; also encoded/encrypted where the docs
 *   describe those forms) and output without Velt's apiKey echoes.
 * A loopback server plays Velt, so the documented answers are served verbatim.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { HTTP_STATUS_BY_ERROR_CODE, type VeltErrorCode } from '../../nodes/shared/transport';
import { VELT_DOCS_EXAMPLES, type VeltDocsExample } from '../fixtures/veltDocsExamples';
import { pageExample } from '../helpers/docsExamples';
import { cannedVeltForFile } from '../helpers/cannedVelt';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import {
	activationFailure,
	encryptPayload,
	signedHeaders,
	triggerWorkflow,
	webhookKeyPair,
} from './webhookHarness';

const CREATE =
	'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-create';
const SECRET_GET =
	'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-secret-get';
const DELETE =
	'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-delete';
const LIST =
	'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-get';
const UPDATE =
	'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-update';
const CONFIG =
	'https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhookconfig-get';
const ADVANCED = 'https://docs.velt.dev/webhooks/advanced';
const BASIC = 'https://docs.velt.dev/webhooks/basic';
const PAGES = [CREATE, SECRET_GET, DELETE, LIST, UPDATE, CONFIG, ADVANCED, BASIC];

/** Two payloads of https://docs.velt.dev/webhooks/advanced share a heading: the event tells them apart. */
function keyOf(example: VeltDocsExample): string {
	const body = example.body as IDataObject;
	const tag = typeof body.event === 'string' ? ` (${body.event})` : '';
	return `${example.page} | ${example.kind} | ${example.heading}${example.kind === 'payload' ? tag : ''}`;
}

const covered = VELT_DOCS_EXAMPLES.filter((example) => PAGES.includes(example.page));

const docsExample = (key: string) => pageExample(key, covered, keyOf);

const dataOf = (key: string) => (docsExample(key).body as { data: IDataObject }).data;
const bodyOf = (key: string) => docsExample(key).body as IDataObject;

const CREATE_REQUEST = `${CREATE} | request | Example Request`;
const CREATE_RESPONSE = `${CREATE} | response | Success Response`;
const SECRET_REQUEST = `${SECRET_GET} | request | Example Request`;
const SECRET_RESPONSE = `${SECRET_GET} | response | Success Response`;
const DELETE_REQUEST = `${DELETE} | request | Example Request`;
const DELETE_RESPONSE = `${DELETE} | response | Success Response`;
const LIST_REQUEST = `${LIST} | request | Example Request`;
const LIST_RESPONSE = `${LIST} | response | Success Response`;
const UPDATE_REQUEST = `${UPDATE} | request | Example Request`;
const UPDATE_RESPONSE = `${UPDATE} | response | Success Response`;
const CONFIG_REQUEST = `${CONFIG} | request | Example Request`;
const CONFIG_RESPONSE = `${CONFIG} | response | Success Response`;
const LIST_PATH = '/v2/workspace/advancedwebhook/endpoints/get';
const CONFIG_PATH = '/v2/workspace/advancedwebhookconfig/get';

const documentedResult = (key: string) =>
	(docsExample(key).body as { result: { data: IDataObject } }).result.data;
const DOCUMENTED_ENDPOINT_ID = documentedResult(CREATE_RESPONSE).id as string;
/** The signing secret secret/get's example answers. */
const DOCUMENTED_SECRET = documentedResult(SECRET_RESPONSE).secret as string;

const velt = cannedVeltForFile({
	status: 500,
	body: { error: { status: 'INTERNAL', message: 'unexpected' } },
});

const serveNext = (status: number, body: unknown) => velt.queue.push({ status, body });
const serveDocumented = (key: string) => serveNext(200, docsExample(key).body);
/** A documented error, with the HTTP status the package assumes for its code. */
const serveError = (key: string) => {
	const body = docsExample(key).body as { error: { status: VeltErrorCode } };
	serveNext(HTTP_STATUS_BY_ERROR_CODE[body.error.status], body);
};

const WEBHOOK_TOKEN = 'hook-token-123';

function credentials(extra: IDataObject = {}) {
	return { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: velt.url, ...extra };
}

/** An advanced trigger for the documented events, activated against the documented answers. */
async function activatedTrigger(parameters: IDataObject = {}, extra: IDataObject = {}) {
	const trigger = triggerWorkflow(
		{ events: ['comment.add', 'comment.update'], additionalEvents: '', ...parameters },
		credentials(extra),
	);
	servePreflight();
	serveDocumented(CREATE_RESPONSE);
	serveDocumented(SECRET_RESPONSE);
	expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
	return trigger;
}

/** A documented answer with fields of its `result.data` replaced. */
function documentedWith(key: string, fields: IDataObject): unknown {
	const body = structuredClone(docsExample(key).body) as { result: { data: IDataObject } };
	Object.assign(body.result.data, fields);
	return body;
}

/** Activation's reads first: the documented config (advanced webhooks on) and listing (whose one endpoint is not this trigger's). */
function servePreflight(listing: unknown = docsExample(LIST_RESPONSE).body) {
	serveDocumented(CONFIG_RESPONSE);
	serveNext(200, listing);
}

/** The documented listing with its endpoint replaced by the given fields. */
function listingWith(fields: IDataObject): unknown {
	const body = structuredClone(docsExample(LIST_RESPONSE).body) as {
		result: { data: { endpoints: IDataObject[] } };
	};
	body.result.data.endpoints = [{ ...body.result.data.endpoints[0], ...fields }];
	return body;
}

/** Deactivation lists first (issue 23: it deletes only an endpoint Velt lists as this trigger's). */
function serveOwnListing(): void {
	const created = velt.requests.find(
		(request) => request.path === '/v2/workspace/advancedwebhook/endpoints/create',
	)!.body as { data: IDataObject };
	serveNext(200, listingWith({ ...created.data, id: DOCUMENTED_ENDPOINT_ID }));
}

/** The endpoint-management calls, without the preflight reads (those have tests of their own). */
const sent = () =>
	velt.requests
		.filter((request) => request.path !== LIST_PATH && request.path !== CONFIG_PATH)
		.map((request) => [request.path, request.body]);

describe('advanced-webhook endpoints: documented requests reproduced by activation and deactivation', () => {
	test(`${CREATE_REQUEST}: events comment.add + comment.update → the documented filterTypes (url: the node's n8n webhook URL; description: names the workflow)`, async () => {
		const trigger = await activatedTrigger();
		const documented = dataOf(CREATE_REQUEST);
		expect(sent()[0]).toEqual([
			'/v2/workspace/advancedwebhook/endpoints/create',
			{
				data: {
					...documented,
					url: trigger.hook().getNodeWebhookUrl('default'),
					description: expect.stringMatching(/^n8n: Hook test \[n8n .+\]$/),
				},
			},
		]);
		expect(Object.keys((sent()[0][1] as { data: IDataObject }).data).sort()).toEqual(
			Object.keys(documented).sort(),
		);
	});

	test(`${SECRET_REQUEST}: activation asks for the secret of the endpoint Velt just created`, async () => {
		await activatedTrigger();
		expect(sent()[1]).toEqual([
			'/v2/workspace/advancedwebhook/endpoints/secret/get',
			docsExample(SECRET_REQUEST).body,
		]);
	});

	test(`${DELETE_REQUEST}: deactivation deletes the registered endpoint`, async () => {
		const trigger = await activatedTrigger();
		serveOwnListing();
		velt.requests.length = 0;
		serveDocumented(DELETE_RESPONSE);
		await trigger.methods.delete.call(trigger.hook());
		expect(sent()).toEqual([
			['/v2/workspace/advancedwebhook/endpoints/delete', docsExample(DELETE_REQUEST).body],
		]);
	});
});

describe('advanced-webhook endpoints: documented responses and errors served to the trigger', () => {
	test(`${CREATE_RESPONSE}: activation keeps the endpoint id (and never the secret)`, async () => {
		const trigger = await activatedTrigger();
		expect(trigger.staticData()).toEqual({
			endpointId: DOCUMENTED_ENDPOINT_ID,
			webhookUrl: trigger.hook().getNodeWebhookUrl('default'),
			eventTypes: ['comment.add', 'comment.update'],
		});
		// checkExists asks Velt: the listing now shows this trigger's endpoint as registered
		const created = (sent()[0][1] as { data: IDataObject }).data;
		servePreflight(listingWith({ ...created, id: DOCUMENTED_ENDPOINT_ID }));
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);
	});

	test(`${SECRET_RESPONSE}: deliveries signed with the documented secret are accepted, others refused, no further Velt call`, async () => {
		const trigger = await activatedTrigger();
		const body = JSON.stringify({ event: 'comment.add', data: {} });
		const accepted = await trigger.receive(signedHeaders(DOCUMENTED_SECRET, body), body);
		expect(accepted.executions).toBe(1);
		const refused = await trigger.receive(
			signedHeaders('whsec_b3RoZXJzZWNyZXQtb3RoZXJzZWNyZXQ=', body),
			body,
		);
		expect([refused.status, refused.executions]).toEqual([401, 0]);
		expect(velt.requests).toHaveLength(4);
		expect(JSON.stringify(trigger.workflow.staticData)).not.toContain(DOCUMENTED_SECRET);
	});

	test(`${DELETE_RESPONSE}: deactivation succeeds and forgets the endpoint`, async () => {
		const trigger = await activatedTrigger();
		serveOwnListing();
		serveDocumented(DELETE_RESPONSE);
		expect(await trigger.methods.delete.call(trigger.hook())).toBe(true);
		expect(trigger.staticData()).toEqual({});
	});

	test.each([
		[
			`${CREATE} | error | Failure Response`,
			'Velt: url must be a valid http(s) URL. [INVALID_ARGUMENT] (HTTP 400)',
		],
		[
			`${CREATE} | error | Failure Response (advanced webhooks disabled)`,
			expect.stringMatching(
				/^Velt: Advanced webhooks are disabled for this workspace\..* \[FAILED_PRECONDITION\] \(HTTP 400\)$/,
			),
		],
	])(
		'%s: activation fails with a NodeApiError carrying Velt’s message; nothing else is called',
		async (key, message) => {
			const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
			servePreflight();
			serveError(key);
			const failure = await activationFailure(trigger);
			expect(failure).toBeInstanceOf(NodeApiError);
			expect((failure as NodeApiError).message).toEqual(message);
			expect(sent()).toHaveLength(1);
			expect(trigger.staticData()).toEqual({});
		},
	);

	test.each([
		[`${SECRET_GET} | error | Failure Response`, 'NOT_FOUND', /Velt does not know this webhook/],
		[
			`${SECRET_GET} | error | Failure Response (advanced webhooks disabled)`,
			'FAILED_PRECONDITION',
			/advanced webhooks are off/,
		],
	])(
		'%s: activation fails (%s) and deletes the endpoint it just created',
		async (key, code, hint) => {
			const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
			servePreflight();
			serveDocumented(CREATE_RESPONSE);
			serveError(key);
			serveDocumented(DELETE_RESPONSE);
			const failure = await activationFailure(trigger);
			expect(failure).toBeInstanceOf(NodeApiError);
			expect((failure as NodeApiError).message).toContain(`[${code}]`);
			expect((failure as NodeApiError).description).toMatch(hint);
			expect(sent().map(([path]) => path)).toEqual([
				'/v2/workspace/advancedwebhook/endpoints/create',
				'/v2/workspace/advancedwebhook/endpoints/secret/get',
				'/v2/workspace/advancedwebhook/endpoints/delete',
			]);
			expect(sent()[2][1]).toEqual(docsExample(DELETE_REQUEST).body);
			expect(trigger.staticData()).toEqual({});
		},
	);

	test(`${DELETE} | error | Failure Response: NOT_FOUND means the endpoint is gone already, deactivation succeeds`, async () => {
		const trigger = await activatedTrigger();
		serveOwnListing();
		serveError(`${DELETE} | error | Failure Response`);
		expect(await trigger.methods.delete.call(trigger.hook())).toBe(true);
		expect(trigger.staticData()).toEqual({});
	});

	test(`${DELETE} | error | Failure Response (advanced webhooks disabled): deactivation reports failure and keeps the endpoint id`, async () => {
		const trigger = await activatedTrigger();
		serveOwnListing();
		serveError(`${DELETE} | error | Failure Response (advanced webhooks disabled)`);
		expect(await trigger.methods.delete.call(trigger.hook())).toBe(false);
		// issue 18: kept as a delete to finish on the next activation
		expect(trigger.staticData().pendingDeletes).toEqual([DOCUMENTED_ENDPOINT_ID]);
		expect(trigger.staticData().endpointId).toBeUndefined();
	});
});

describe('issue 18: endpoints/get, endpoints/update and advancedwebhookconfig/get, as documented', () => {
	const dataSent = (path: string) =>
		velt.requests.filter((request) => request.path === path).map((request) => request.body);

	test(`${CONFIG_REQUEST}: activation reads the config first, with the documented body`, async () => {
		await activatedTrigger();
		expect(velt.requests[0].path).toBe(CONFIG_PATH);
		expect(velt.requests[0].body).toEqual(docsExample(CONFIG_REQUEST).body);
	});

	test(`${CONFIG_RESPONSE}: advanced webhooks on, no encryption: activation goes on`, async () => {
		const trigger = await activatedTrigger();
		expect(trigger.staticData().endpointId).toBe(DOCUMENTED_ENDPOINT_ID);
	});

	test.each([
		['isEnabled false', { isEnabled: false }, {}, /switched off/, /console\.velt\.dev.*isEnabled/s],
		[
			'encryptData true, no private key',
			{ encryptData: true },
			{},
			/Webhook Decryption Private Key/,
			/Velt API credential/,
		],
	])(
		`${CONFIG_RESPONSE} with %s: activation fails saying what to do; nothing is registered`,
		async (_label, fields, extra, message, description) => {
			serveNext(200, documentedWith(CONFIG_RESPONSE, fields));
			const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials(extra));
			const failure = await activationFailure(trigger);
			expect(failure.message).toMatch(message);
			expect(failure.description).toMatch(description);
			expect(velt.requests.map((request) => request.path)).toEqual([CONFIG_PATH]);
		},
	);

	test(`${CONFIG_RESPONSE} with encodeData and encryptData, and the private key set: activation goes on (encoding alone needs no key)`, async () => {
		for (const [fields, extra] of [
			[{ encodeData: true }, {}],
			[{ encodeData: true, encryptData: true }, { webhookPrivateKey: 'a-key' }],
		] as Array<[IDataObject, IDataObject]>) {
			velt.requests.length = 0;
			serveNext(200, documentedWith(CONFIG_RESPONSE, fields));
			serveDocumented(LIST_RESPONSE);
			serveDocumented(CREATE_RESPONSE);
			serveDocumented(SECRET_RESPONSE);
			const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials(extra));
			expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
		}
	});

	test(`${CONFIG} | error | Failure Response: activation fails saying advanced webhooks are not available`, async () => {
		serveError(`${CONFIG} | error | Failure Response`);
		const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
		const failure = await activationFailure(trigger);
		expect(failure.message).toBe(
			'Advanced webhooks are not available for this Velt workspace (Velt: Advanced webhooks are not available for this workspace.); ask Velt to enable them, or use Webhook Type: Basic',
		);
		expect(failure.description).toMatch(/Basic/);
	});

	test(`${LIST_REQUEST}: activation lists with the documented fields (limit; iterator only on later pages)`, async () => {
		await activatedTrigger();
		const [first] = dataSent(LIST_PATH) as Array<{ data: IDataObject }>;
		expect(Object.keys(first.data)).toEqual(Object.keys(dataOf(LIST_REQUEST)));
		expect(first.data.limit).toBe(250);
	});

	test(`${LIST_RESPONSE}: the documented endpoint is not this trigger's (no mark), so it is left alone and one is created`, async () => {
		await activatedTrigger();
		expect(sent().map(([path]) => path)).toEqual([
			'/v2/workspace/advancedwebhook/endpoints/create',
			'/v2/workspace/advancedwebhook/endpoints/secret/get',
		]);
	});

	test(`${LIST_RESPONSE} paged with done false: the iterator is passed on; a repeated iterator ends the walk with an error`, async () => {
		const page = (iterator: string | null, done: boolean) =>
			documentedWith(LIST_RESPONSE, { iterator, done });
		serveDocumented(CONFIG_RESPONSE);
		serveNext(200, page('it_1', false));
		serveNext(200, page('it_1', false));
		const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
		const failure = await activationFailure(trigger);
		expect(failure.message).toMatch(/page token "it_1" again/);
		expect(dataSent(LIST_PATH)).toEqual([
			{ data: { limit: 250 } },
			{ data: { limit: 250, iterator: 'it_1' } },
		]);
		expect(sent()).toEqual([]);
	});

	test.each([
		`${LIST} | error | Failure Response`,
		`${LIST} | error | Failure Response (advanced webhooks disabled)`,
	])('%s: activation fails with Velt’s message; nothing is created', async (key) => {
		serveDocumented(CONFIG_RESPONSE);
		serveError(key);
		const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
		const failure = await activationFailure(trigger);
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(failure.message).toContain('[FAILED_PRECONDITION]');
		expect(sent()).toEqual([]);
	});

	test(`${UPDATE_REQUEST}: an endpoint of this trigger whose description and disabled differ is updated in place with the documented fields`, async () => {
		const trigger = triggerWorkflow({ events: ['comment.add', 'comment.update'] }, credentials());
		const url = trigger.hook().getNodeWebhookUrl('default');
		trigger.staticData().endpointId = DOCUMENTED_ENDPOINT_ID;
		trigger.staticData().webhookUrl = url;
		// registered by an earlier version: no mark yet, and disabled by Velt after failing deliveries
		servePreflight(listingWith({ url, description: 'n8n: Hook test', disabled: true }));
		serveDocumented(UPDATE_RESPONSE);
		serveDocumented(SECRET_RESPONSE);
		expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
		const [update] = dataSent('/v2/workspace/advancedwebhook/endpoints/update') as Array<{
			data: IDataObject;
		}>;
		expect(Object.keys(update.data).sort()).toEqual(Object.keys(dataOf(UPDATE_REQUEST)).sort());
		expect(update.data).toEqual({
			endpointId: DOCUMENTED_ENDPOINT_ID,
			description: expect.stringMatching(/^n8n: Hook test \[n8n .+\]$/),
			disabled: false,
		});
		expect(sent().map(([path]) => path)).toEqual([
			'/v2/workspace/advancedwebhook/endpoints/update',
			'/v2/workspace/advancedwebhook/endpoints/secret/get',
		]);
	});

	test(`${UPDATE_RESPONSE}: the trigger keeps the updated endpoint (no create, no delete)`, async () => {
		const trigger = triggerWorkflow({ events: ['comment.add', 'comment.update'] }, credentials());
		const url = trigger.hook().getNodeWebhookUrl('default');
		Object.assign(trigger.staticData(), { endpointId: DOCUMENTED_ENDPOINT_ID, webhookUrl: url });
		servePreflight(listingWith({ url, description: 'old' }));
		serveDocumented(UPDATE_RESPONSE);
		serveDocumented(SECRET_RESPONSE);
		expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
		expect(trigger.staticData()).toEqual({
			endpointId: DOCUMENTED_ENDPOINT_ID,
			webhookUrl: url,
			eventTypes: ['comment.add', 'comment.update'],
		});
	});

	test.each([
		[`${UPDATE} | error | Failure Response`, 'INVALID_ARGUMENT'],
		[`${UPDATE} | error | Failure Response (advanced webhooks disabled)`, 'FAILED_PRECONDITION'],
	])('%s: activation fails (%s); static data is unchanged', async (key, code) => {
		const trigger = triggerWorkflow({ events: ['comment.add', 'comment.update'] }, credentials());
		const url = trigger.hook().getNodeWebhookUrl('default');
		Object.assign(trigger.staticData(), { endpointId: DOCUMENTED_ENDPOINT_ID, webhookUrl: url });
		servePreflight(listingWith({ url, description: 'old' }));
		serveError(key);
		const failure = await activationFailure(trigger);
		expect(failure.message).toContain(`[${code}]`);
		expect(trigger.staticData()).toEqual({ endpointId: DOCUMENTED_ENDPOINT_ID, webhookUrl: url });
	});
});

// ---- payloads -------------------------------------------------------------------------------

/** Where each documented payload echoes Velt's API key; all of them are removed from the output. */
const API_KEY_PATHS: Record<string, string[][]> = {
	[`${ADVANCED} | payload | Sample Payload (comment.add)`]: [
		['data', 'commentAnnotation', 'metadata'],
		['data', 'metadata'],
		['data', 'metadata', 'documentMetadata'],
		['data', 'metadata', 'organizationMetadata'],
	],
	[`${ADVANCED} | payload | Comment Visibility (comment.add)`]: [],
	[`${ADVANCED} | payload | Sample Payload (crdt.update_data)`]: [['data', 'metadata']],
	[`${BASIC} | payload | List of Action Types`]: [['commentAnnotation', 'metadata'], ['metadata']],
	[`${BASIC} | payload | Comment Visibility`]: [],
	[`${BASIC} | payload | Huddle Created`]: [['metadata']],
	[`${BASIC} | payload | Huddle Joined`]: [['metadata']],
	[`${BASIC} | payload | Action Type`]: [
		['metadata'],
		['metadata', 'documentMetadata'],
		['metadata', 'organizationMetadata'],
	],
};

/** The documented payload with `apiKey` deleted at the listed places. */
function withoutApiKeys(key: string): IDataObject {
	const payload = structuredClone(bodyOf(key));
	for (const path of API_KEY_PATHS[key]) {
		const holder = path.reduce<IDataObject>((node, step) => node[step] as IDataObject, payload);
		expect(typeof holder.apiKey).toBe('string');
		delete holder.apiKey;
	}
	return payload;
}

const { publicKey, privateKeyBase64: PRIVATE_KEY_BASE64 } = webhookKeyPair();
const encrypted = (payload: IDataObject) => encryptPayload(payload, publicKey);

const encoded = (payload: IDataObject) =>
	JSON.stringify({ encodedPayload: Buffer.from(JSON.stringify(payload)).toString('base64') });

const plainPayloadKeys = (page: string) =>
	covered
		.filter((example) => example.page === page && example.kind === 'payload')
		.map(keyOf)
		.filter((key) => !key.includes('Encrypted'));

const FORMS: Array<[string, (payload: IDataObject) => string]> = [
	['plain', (payload) => JSON.stringify(payload)],
	['encoded (encodedPayload)', encoded],
	['encrypted (encryptedData, encryptedKey, iv)', encrypted],
];

describe('advanced webhook payloads: delivered signed, output without apiKey', () => {
	test.each(
		plainPayloadKeys(ADVANCED).flatMap((key) =>
			FORMS.map(([form, build]) => [key, form, build] as const),
		),
	)(
		'%s, %s: the output is the documented payload without its apiKey echoes',
		async (key, _form, build) => {
			const payload = bodyOf(key);
			const trigger = await activatedTrigger(
				{ events: [payload.event] },
				{ webhookPrivateKey: PRIVATE_KEY_BASE64 },
			);
			const body = build(payload);
			const received = await trigger.receive(signedHeaders(DOCUMENTED_SECRET, body), body);
			expect(received.status).toBe(200);
			expect(received.result.workflowData).toEqual([[{ json: withoutApiKeys(key) }]]);
			expect(JSON.stringify(received.result.workflowData)).not.toContain('apiKey');
		},
	);

	test(`${ADVANCED} | payload | Sample Encrypted Payload: encrypted for Velt's sample workspace key (not in the docs), so it is refused with 400 and starts nothing, with or without a key of ours`, async () => {
		const body = JSON.stringify(bodyOf(`${ADVANCED} | payload | Sample Encrypted Payload`));
		for (const extra of [{}, { webhookPrivateKey: PRIVATE_KEY_BASE64 }]) {
			const trigger = await activatedTrigger({ events: ['*'] }, extra);
			const received = await trigger.receive(signedHeaders(DOCUMENTED_SECRET, body), body);
			expect([received.status, received.executions]).toEqual([400, 0]);
		}
	});
});

describe('basic webhook payloads: delivered with the auth token, routed on notificationSource + actionType', () => {
	const basicTrigger = (extra: IDataObject = {}) =>
		triggerWorkflow({ mode: 'basic' }, { ...credentials(extra), authToken: WEBHOOK_TOKEN });

	test.each(
		plainPayloadKeys(BASIC).flatMap((key) =>
			FORMS.filter(([form]) => !form.startsWith('encoded')).map(
				([form, build]) => [key, form, build] as const,
			),
		),
	)(
		'%s, %s: the output is the documented payload without its apiKey echoes, plus event',
		async (key, _form, build) => {
			const payload = bodyOf(key);
			const trigger = basicTrigger({ privateKey: PRIVATE_KEY_BASE64 });
			const body = build(payload);
			const received = await trigger.receive({ authorization: `Basic ${WEBHOOK_TOKEN}` }, body);
			expect(received.status).toBe(200);
			expect(received.result.workflowData).toEqual([
				[
					{
						json: {
							event: `${String(payload.notificationSource)}.${String(payload.actionType)}`,
							...withoutApiKeys(key),
						},
					},
				],
			]);
			expect(JSON.stringify(received.result.workflowData)).not.toContain('apiKey');
			expect(velt.requests).toHaveLength(0);
		},
	);

	test(`${BASIC} | payload | Sample Encrypted Payload: encrypted for Velt's sample workspace key (not in the docs), so it is refused with 400 and starts nothing, with or without a key of ours`, async () => {
		const body = JSON.stringify(bodyOf(`${BASIC} | payload | Sample Encrypted Payload`));
		for (const extra of [{}, { privateKey: PRIVATE_KEY_BASE64 }]) {
			const received = await basicTrigger(extra).receive(
				{ authorization: `Basic ${WEBHOOK_TOKEN}` },
				body,
			);
			expect([received.status, received.executions]).toEqual([400, 0]);
		}
	});
});

test('every documented request, response, error and payload of these pages has a test above', () => {
	const tested = [
		CREATE_REQUEST,
		SECRET_REQUEST,
		DELETE_REQUEST,
		CREATE_RESPONSE,
		SECRET_RESPONSE,
		DELETE_RESPONSE,
		`${CREATE} | error | Failure Response`,
		`${CREATE} | error | Failure Response (advanced webhooks disabled)`,
		`${SECRET_GET} | error | Failure Response`,
		`${SECRET_GET} | error | Failure Response (advanced webhooks disabled)`,
		`${DELETE} | error | Failure Response`,
		`${DELETE} | error | Failure Response (advanced webhooks disabled)`,
		LIST_REQUEST,
		LIST_RESPONSE,
		`${LIST} | error | Failure Response`,
		`${LIST} | error | Failure Response (advanced webhooks disabled)`,
		UPDATE_REQUEST,
		UPDATE_RESPONSE,
		`${UPDATE} | error | Failure Response`,
		`${UPDATE} | error | Failure Response (advanced webhooks disabled)`,
		CONFIG_REQUEST,
		CONFIG_RESPONSE,
		`${CONFIG} | error | Failure Response`,
		...Object.keys(API_KEY_PATHS),
		`${ADVANCED} | payload | Sample Encrypted Payload`,
		`${BASIC} | payload | Sample Encrypted Payload`,
	];
	expect(covered.map(keyOf).sort()).toEqual([...tested].sort());
	expect(new Set(covered.map(keyOf)).size).toBe(covered.length);
});
