/**
 * Drives the Velt Trigger through n8n-core's own hook and webhook contexts, as n8n's
 * server does: activation (checkExists/create/delete) and one call of webhook() per
 * request, with the request's exact bytes as `rawBody`.
 */
import {
	constants,
	createCipheriv,
	generateKeyPairSync,
	publicEncrypt,
	randomBytes,
	type KeyObject,
} from 'crypto';
import { EventEmitter } from 'events';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	NodeApiError,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { VeltTrigger } from '../../nodes/VeltTrigger/VeltTrigger.node';
import { signPayload } from '../../nodes/VeltTrigger/webhookVerification';
import type { VeltCredentialData } from '../helpers/n8nHarness';
import { buildAdditionalData, nodeTypesFor } from '../helpers/n8nHarness';

export interface Received {
	result: IWebhookResponseData;
	status: number;
	sent: unknown;
	/** Whether n8n would start an execution: only when webhook() returns workflowData. */
	executions: number;
	/** Ends the HTTP exchange with this status, as n8n does after webhook() returned. */
	finish: (status: number) => void;
}

export interface RequestShape {
	headers: Record<string, string>;
	rawBody: Buffer;
	/** What n8n's body parser left in `req.body` for this content type. */
	parsedBody?: unknown;
	/** Bytes not read yet, as n8n leaves them for a version-2 webhook node and a content type it does not parse. */
	unread?: boolean;
}

let workflowCount = 0;

/** Another n8n than the default one: what a copy of a workflow there differs in. */
export interface N8nInstance {
	/** n8n's instance id (derived from its encryption key); the default is n8n-core's. */
	instanceId?: string;
	/** Where its webhooks are reached, e.g. `http://10.0.0.2:5678`; the default is 127.0.0.1:5678. */
	origin?: string;
	/** The same workflow (an export imported there, a restored backup): its ids. */
	sameWorkflowAs?: { workflowId: string; nodeId: string; webhookId: string };
	/** The node type from another copy of the package's modules: another process's memory. */
	nodeType?: VeltTrigger;
}

export function triggerWorkflow(
	parameters: IDataObject,
	credentials: VeltCredentialData & IDataObject,
	typeVersion = 1,
	instance: N8nInstance = {},
) {
	const count = ++workflowCount;
	const workflowId = instance.sameWorkflowAs?.workflowId ?? `wf-hook-${count}`;
	const node: INode = {
		id: instance.sameWorkflowAs?.nodeId ?? `velt-trigger-${count}`,
		name: 'Velt Trigger',
		type: 'veltTrigger',
		typeVersion,
		position: [0, 0],
		webhookId: instance.sameWorkflowAs?.webhookId ?? `hook-${count}`,
		parameters: { mode: 'advanced', events: ['comment.add', 'comment.update'], ...parameters },
		credentials: {
			veltApi: { id: 'c1', name: 'Velt' },
			veltWebhookApi: { id: 'c2', name: 'Velt hooks' },
		},
	};
	const nodeType = instance.nodeType ?? new VeltTrigger();
	const staticData: IDataObject = {};
	const workflow = new Workflow({
		id: workflowId,
		name: 'Hook test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypesFor({ veltTrigger: nodeType }),
		staticData,
	});
	const additionalData = buildAdditionalData(
		credentials,
		{ id: workflowId } as unknown as IWorkflowBase,
		`exec-${workflowId}`,
	);
	if (instance.origin !== undefined)
		Object.assign(additionalData, {
			webhookBaseUrl: `${instance.origin}/webhook`,
			webhookTestBaseUrl: `${instance.origin}/webhook-test`,
		});
	/** n8n-core reads the instance id from its DI container, one per process: set per context here. */
	const onInstance = <T extends { getInstanceId: () => string }>(context: T): T => {
		if (instance.instanceId !== undefined) context.getInstanceId = () => instance.instanceId!;
		return context;
	};
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: `${node.webhookId}/webhook`,
		webhookDescription: nodeType.description.webhooks![0],
		workflowId,
		webhookId: node.webhookId,
	} as unknown as IWebhookData;
	/** n8n passes activation "update" to `delete` at deactivation and on a changed version. */
	const hook = (activation: 'activate' | 'update' | 'init' = 'activate') =>
		onInstance(new HookContext(workflow, node, additionalData, 'trigger', activation, webhookData));
	/**
	 * As n8n registers the test URL while the editor listens for a test event (Fetch Test Event):
	 * mode and activation "manual", webhook data marked as a test; n8n deletes it with "update".
	 */
	const testHook = (activation: 'manual' | 'update' = 'manual') =>
		onInstance(
			new HookContext(
				workflow,
				node,
				additionalData,
				activation === 'manual' ? 'manual' : 'internal',
				activation,
				{ ...webhookData, isTest: true } as IWebhookData,
			),
		);
	const methods = nodeType.webhookMethods.default;

	const send = async ({
		headers,
		rawBody,
		parsedBody,
		unread,
	}: RequestShape): Promise<Received> => {
		let status = 200;
		let sent: unknown;
		const response = Object.assign(new EventEmitter(), {
			statusCode: 200,
			status(code: number) {
				status = code;
				return response;
			},
			json(body: unknown) {
				sent = body;
				return response;
			},
		});
		const request: IDataObject = {
			headers,
			body: parsedBody ?? {},
			...(unread ? {} : { rawBody }),
		};
		// n8n's rawBodyReader middleware: reads the stream on demand
		if (unread) request.readRawBody = async () => void (request.rawBody = rawBody);
		const data = {
			...additionalData,
			httpRequest: request,
			httpResponse: response,
		} as typeof additionalData;
		const context = onInstance(
			new WebhookContext(workflow, node, data, 'webhook', webhookData, [], null),
		);
		const result = await nodeType.webhook.call(context);
		const finish = (code: number) => {
			response.statusCode = code;
			response.emit('finish');
		};
		return { result, status, sent, executions: result.workflowData === undefined ? 0 : 1, finish };
	};

	/** A JSON body as Velt sends it: application/json, parsed by n8n, raw bytes kept. */
	const receive = async (headers: Record<string, string>, body: string | Buffer) => {
		const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body);
		let parsedBody: unknown = {};
		try {
			parsedBody = JSON.parse(rawBody.toString('utf8'));
		} catch {
			// n8n's body parser leaves a body that is not JSON unparsed; so does this harness
		}
		return await send({
			headers: { 'content-type': 'application/json', ...headers },
			rawBody,
			parsedBody,
		});
	};

	return {
		node,
		workflow,
		hook,
		testHook,
		methods,
		send,
		receive,
		staticData: () => workflow.getStaticData('node', node) as IDataObject,
	};
}

/** Standard Webhooks headers for a body, signed with the endpoint's secret. */
export function signedHeaders(
	secret: string,
	body: string | Buffer,
	options: { id?: string; timestamp?: number } = {},
): Record<string, string> {
	const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	return {
		'webhook-id': id,
		'webhook-timestamp': timestamp,
		'webhook-signature': `v1,${signPayload(secret, id, timestamp, body)}`,
	};
}

/** An RSA key pair, with the private key as Velt's console shows keys: base64 DER of the PKCS#1 key. */
export function webhookKeyPair() {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const privateKeyBase64 = privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
	return { publicKey, privateKey, privateKeyBase64 };
}

/** Velt's documented scheme: AES-256-CBC data, its key RSA-OAEP(SHA-256) encrypted with `key`, all base64. */
export function encryptPayload(payload: IDataObject, key: KeyObject): string {
	const symmetricKey = randomBytes(32);
	const iv = randomBytes(16);
	const cipher = createCipheriv('aes-256-cbc', symmetricKey, iv);
	const encryptedData = Buffer.concat([
		cipher.update(JSON.stringify(payload), 'utf8'),
		cipher.final(),
	]).toString('base64');
	const encryptedKey = publicEncrypt(
		{ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
		symmetricKey,
	).toString('base64');
	return JSON.stringify({ encryptedData, encryptedKey, iv: iv.toString('base64') });
}

/** What activation (create) threw; a test reading its message fails if it succeeded. */
export async function activationFailure(trigger: ReturnType<typeof triggerWorkflow>) {
	return (await trigger.methods.create
		.call(trigger.hook())
		.catch((caught: unknown) => caught)) as NodeApiError & { description?: string };
}
