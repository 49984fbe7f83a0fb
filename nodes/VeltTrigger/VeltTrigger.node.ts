import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { veltApiTest } from '../shared/credentialTest';
import { receiveDelivery } from './delivery';
import { ADVANCED_EVENT_OPTIONS, ALL_EVENTS, BASIC_EVENT_OPTIONS } from './events';
import { checkBasicWebhookConfig } from './preflight';
import { endpointExists, registerEndpoint, unregisterEndpoint } from './registration';

export class VeltTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velt Webhook Trigger',
		name: 'veltTrigger',
		icon: {
			light: 'file:../../icons/velt.svg',
			dark: 'file:../../icons/velt.dark.svg',
		},
		group: ['trigger'],
		// Version 2 behaves exactly as 1. It exists because n8n evaluates an expression (the
		// old Webhook node's binaryData option) on every request to a version-1 webhook node,
		// which in n8n 2.x's isolated expression engine costs more than verifying the delivery.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["mode"] === "advanced" ? "Advanced webhooks" : "Basic webhooks"}}',
		description:
			'Starts the workflow the moment something happens in your Velt app: a comment, a huddle, a recording and more',
		defaults: { name: 'Velt Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'veltApi',
				required: true,
				testedBy: 'veltApiTest',
				// Advanced mode always (checkVeltSettings is a hidden true there); basic mode only
				// when the user asks activation to read Velt's basic webhook settings.
				displayOptions: { show: { checkVeltSettings: [true] } },
			},
			{
				name: 'veltWebhookApi',
				required: true,
				testedBy: 'veltWebhookTokenTest',
				displayOptions: { show: { mode: ['basic'] } },
			},
		],
		// An empty responseData lets n8n answer with the node's small JSON acknowledgement
		// once the execution is queued, instead of the text "firstEntryJson".
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Webhook Type',
				name: 'mode',
				type: 'options',
				options: [
					{
						name: 'Advanced (Signed, Registered Automatically)',
						value: 'advanced',
						description:
							'Velt advanced webhooks: the node registers its URL with Velt and checks every signature',
					},
					{
						name: 'Basic (Auth Token)',
						value: 'basic',
						description:
							'Velt basic webhooks: you enter this URL in the Velt console; the node checks the auth token',
					},
				],
				default: 'advanced',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: ADVANCED_EVENT_OPTIONS,
				default: ['comment.add'],
				description:
					'The Velt events that start the workflow. Choose All Events (or none) to receive every event.',
				displayOptions: { show: { mode: ['advanced'] } },
			},
			{
				displayName:
					'Review-workflow events (execution.*, step.*, group.*, loop.*) are not sent here: Velt delivers them to the webhook set on the review workflow or at dispatch, see <a href="https://docs.velt.dev/ai/approval-engine/customize-behavior#webhook-delivery" target="_blank">Webhook delivery</a>',
				name: 'reviewEventsNotice',
				type: 'notice',
				default: '',
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
				displayName: 'Endpoint Options',
				name: 'endpointOptions',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				description: 'Settings of the endpoint the trigger registers with Velt',
				displayOptions: { show: { mode: ['advanced'] } },
				options: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description:
							'Shown for the endpoint in the Velt console (default: n8n and the workflow name). The trigger appends its own mark in square brackets to recognise the endpoint; square brackets in this text are shown as round ones.',
					},
					{
						displayName: 'Pause Deliveries',
						name: 'paused',
						type: 'boolean',
						default: false,
						description:
							'Whether the endpoint is registered disabled: Velt sends nothing until this is off again (and the workflow re-activated)',
					},
					{
						displayName: 'Rate Limit',
						name: 'rateLimit',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 0 },
						default: 0,
						description:
							'Maximum deliveries per second Velt sends to this endpoint; 0 for no limit',
					},
				],
			},
			{
				displayName: 'Check Velt Settings',
				name: 'checkVeltSettings',
				type: 'hidden',
				default: true,
				displayOptions: { show: { mode: ['advanced'] } },
			},
			{
				displayName: "Check Velt's Webhook URL",
				name: 'checkVeltSettings',
				type: 'boolean',
				default: false,
				description:
					"Whether activation reads Velt's basic webhook settings with a Velt API credential and logs a warning when Velt sends basic webhooks to another URL. Nothing is changed at Velt.",
				displayOptions: { show: { mode: ['basic'] } },
			},
			{
				displayName: 'Events',
				name: 'basicEvents',
				type: 'multiOptions',
				options: BASIC_EVENT_OPTIONS,
				default: [ALL_EVENTS],
				description:
					'The Velt events that start the workflow. Velt sends every basic webhook to this URL; others are acknowledged and ignored. In the output, "event" is the notification source and action type, e.g. comment.added or huddle.created.',
				displayOptions: { show: { mode: ['basic'] } },
			},
			{
				displayName: 'Other Event Types',
				name: 'additionalEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. comment.reactionAdded',
				description:
					'More basic event names (notification source and action type), separated by commas, for events Velt adds later',
				displayOptions: { show: { mode: ['basic'] } },
			},
			{
				displayName:
					"In the Velt console, set the webhook URL shown above and the same auth token as in the credential. The trigger never changes that workspace-wide setting; with Check Velt's Webhook URL on, activation logs a warning when Velt's URL is not this one.",
				name: 'basicNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['basic'] } },
			},
		],
	};

	methods = {
		credentialTest: {
			veltApiTest,
			async veltWebhookTokenTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const token = credential.data?.authToken;
				if (typeof token !== 'string' || token.trim() === '')
					return {
						status: 'Error',
						message: 'Enter the webhook auth token you set in the Velt console',
					};
				if (/\s/.test(token))
					return {
						status: 'Error',
						message: 'The token contains spaces; copy it again from the Velt console',
					};
				return { status: 'OK', message: 'Token is set. Velt checks it when it sends a webhook.' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('mode') !== 'advanced') {
					await checkBasicWebhookConfig.call(this);
					return true;
				}
				return await endpointExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerEndpoint.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregisterEndpoint.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
