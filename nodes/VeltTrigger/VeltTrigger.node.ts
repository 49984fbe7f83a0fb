import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { failureToNodeApiError } from '../shared/errors';
import type { VeltConnection, VeltEndpoint } from '../shared/transport';
import { DEFAULT_REQUEST_POLICY, ENDPOINTS, getVeltConnection, sendVeltRequest } from '../shared/transport';
import { decodeBasicPayload, verifyBasicToken, verifyStandardWebhook } from './webhookVerification';

/** What the trigger keeps about the endpoint it registered with Velt. */
interface EndpointState {
	endpointId?: string;
	secret?: string;
	webhookUrl?: string;
	eventTypes?: string[];
}

const EVENT_TYPES = [
	{ name: 'Comment Added', value: 'comment.add' },
	{ name: 'Comment Deleted', value: 'comment.delete' },
	{ name: 'Comment Thread Added', value: 'comment_annotation.add' },
	{ name: 'Comment Updated', value: 'comment.update' },
	{ name: 'Huddle Created', value: 'huddle.create' },
	{ name: 'Recording Done', value: 'recorder.done' },
];

function selectedEventTypes(this: IHookFunctions): string[] {
	const events = this.getNodeParameter('events', []) as string[];
	const extra = String(this.getNodeParameter('additionalEvents', '') ?? '')
		.split(/[\s,]+/)
		.filter((event) => event !== '');
	return [...new Set([...events, ...extra])].sort();
}

/** One webhook-management call; a create is not repeated, since a retry could register the URL twice. */
async function callVelt(this: IHookFunctions, connection: VeltConnection, endpoint: VeltEndpoint, data: IDataObject) {
	const result = await sendVeltRequest.call(this, connection, endpoint, data, { policy: DEFAULT_REQUEST_POLICY, idempotent: endpoint !== ENDPOINTS.createWebhookEndpoint });
	return { result, connection };
}

export class VeltTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velt Webhook Trigger',
		name: 'veltTrigger',
		icon: { light: 'file:../VeltNotifications/velt.svg', dark: 'file:../VeltNotifications/velt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "advanced" ? "Advanced webhooks" : "Basic webhooks"}}',
		description: 'Starts the workflow the moment something happens in your Velt app: a comment, a huddle, a recording and more',
		defaults: { name: 'Velt Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'veltApi', required: true, displayOptions: { show: { mode: ['advanced'] } } },
			{ name: 'veltWebhookApi', required: true, testedBy: 'veltWebhookTokenTest', displayOptions: { show: { mode: ['basic'] } } },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Webhook Type',
				name: 'mode',
				type: 'options',
				options: [
					{
						name: 'Advanced (Signed, Registered Automatically)',
						value: 'advanced',
						description: 'Velt advanced webhooks: the node registers its URL with Velt and checks every signature',
					},
					{
						name: 'Basic (Auth Token)',
						value: 'basic',
						description: 'Velt basic webhooks: you enter this URL in the Velt console; the node checks the auth token',
					},
				],
				default: 'advanced',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_TYPES,
				default: ['comment.add'],
				description: 'The Velt events that start the workflow',
				displayOptions: { show: { mode: ['advanced'] } },
			},
			{
				displayName: 'Other Event Types',
				name: 'additionalEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. comment.reaction_add',
				description: 'More Velt event types, separated by commas, for events not in the list',
				displayOptions: { show: { mode: ['advanced'] } },
			},
			{
				displayName: 'In the Velt console, set the webhook URL shown above and the same auth token as in the credential',
				name: 'basicNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['basic'] } },
			},
		],
	};

	methods = {
		credentialTest: {
			async veltWebhookTokenTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const token = credential.data?.authToken;
				if (typeof token !== 'string' || token.trim() === '') return { status: 'Error', message: 'Enter the webhook auth token you set in the Velt console' };
				if (/\s/.test(token)) return { status: 'Error', message: 'The token contains spaces; copy it again from the Velt console' };
				return { status: 'OK', message: 'Token is set. Velt checks it when it sends a webhook.' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('mode') !== 'advanced') return true;
				const state = this.getWorkflowStaticData('node') as EndpointState;
				return (
					state.endpointId !== undefined &&
					state.secret !== undefined &&
					state.webhookUrl === this.getNodeWebhookUrl('default') &&
					JSON.stringify(state.eventTypes) === JSON.stringify(selectedEventTypes.call(this))
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('mode') !== 'advanced') return true;
				const state = this.getWorkflowStaticData('node') as EndpointState;
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const eventTypes = selectedEventTypes.call(this);
				const connection = await getVeltConnection.call(this);
				const created = await callVelt.call(this, connection, ENDPOINTS.createWebhookEndpoint, {
					url: webhookUrl,
					filterTypes: eventTypes,
					description: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id ?? 'workflow'}`,
				});
				if (!created.result.ok) throw failureToNodeApiError(this.getNode(), created.result.failure, 0, created.connection.secrets);
				const endpointId = (created.result.data as IDataObject | undefined)?.id;
				if (typeof endpointId !== 'string') {
					throw failureToNodeApiError(this.getNode(), { kind: 'invalidResponse', message: 'Velt created the webhook endpoint but returned no id' }, 0, created.connection.secrets);
				}
				const secretAnswer = await callVelt.call(this, connection, ENDPOINTS.readWebhookEndpointSigningInfo, { endpointId });
				if (!secretAnswer.result.ok) throw failureToNodeApiError(this.getNode(), secretAnswer.result.failure, 0, secretAnswer.connection.secrets);
				const secret = (secretAnswer.result.data as IDataObject | undefined)?.secret;
				if (typeof secret !== 'string') {
					throw failureToNodeApiError(this.getNode(), { kind: 'invalidResponse', message: "Velt returned no signing secret for the webhook endpoint" }, 0, secretAnswer.connection.secrets);
				}
				Object.assign(state, { endpointId, secret, webhookUrl, eventTypes });
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as EndpointState;
				if (state.endpointId === undefined) return true;
				const deleted = await callVelt.call(this, await getVeltConnection.call(this), ENDPOINTS.deleteWebhookEndpoint, { endpointId: state.endpointId });
				if (!deleted.result.ok && deleted.result.failure.veltCode !== 'NOT_FOUND') {
					this.logger.warn(`Velt did not delete webhook endpoint ${state.endpointId}: ${deleted.result.failure.message}`);
					return false;
				}
				delete state.endpointId;
				delete state.secret;
				delete state.webhookUrl;
				delete state.eventTypes;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };
		const headers = this.getHeaderData() as Record<string, unknown>;
		const body = this.getBodyData();
		const mode = this.getNodeParameter('mode') as string;
		let verdict;
		let payload: unknown = body;
		if (mode === 'advanced') {
			const state = this.getWorkflowStaticData('node') as EndpointState;
			const rawBody = request.rawBody !== undefined ? request.rawBody.toString('utf8') : JSON.stringify(body);
			verdict = state.secret === undefined ? { ok: false as const, reason: 'the trigger is not registered with Velt' } : verifyStandardWebhook({ secret: state.secret, headers, rawBody, nowSeconds: Math.floor(Date.now() / 1000) });
		} else {
			const credentials = await this.getCredentials('veltWebhookApi');
			verdict = verifyBasicToken(headers.authorization, String(credentials.authToken ?? ''));
			payload = decodeBasicPayload(body);
		}
		if (!verdict.ok) {
			this.getResponseObject().status(401).json({ error: 'Webhook verification failed' });
			this.logger.warn(`Velt Trigger refused a request: ${verdict.reason}`);
			return { noWebhookResponse: true };
		}
		const event = (typeof payload === 'object' && payload !== null ? payload : { payload }) as IDataObject;
		const json: IDataObject = { event: event.event ?? event.actionType ?? null, ...event };
		return { workflowData: [[{ json }]] };
	}
}
