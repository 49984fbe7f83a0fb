import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { failureToNodeApiError } from '../shared/errors';
import type { VeltConnection } from '../shared/transport';
import {
	DEFAULT_REQUEST_POLICY,
	ENDPOINTS,
	getVeltConnection,
	sendVeltRequest,
} from '../shared/transport';

const CONSOLE_URL = 'https://console.velt.dev/dashboard/config/webhook';

/**
 * Reads the workspace's advanced webhook config
 * (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhookconfig-get) and
 * refuses activation when nothing could arrive: advanced webhooks off, or payload encryption
 * on with no private key to decrypt (every delivery would be answered 400). Encoding alone is
 * Base64 (https://docs.velt.dev/webhooks/advanced, "Payload Encoding") and needs no key.
 * Nothing of the workspace is changed.
 */
export async function checkAdvancedWebhookConfig(
	this: IHookFunctions | IWebhookFunctions,
	connection: VeltConnection,
): Promise<void> {
	const answer = await sendVeltRequest.call(
		this,
		connection,
		ENDPOINTS.getAdvancedWebhookConfig,
		{},
		{ policy: DEFAULT_REQUEST_POLICY, idempotent: true },
	);
	if (!answer.ok) {
		if (answer.failure.veltCode === 'FAILED_PRECONDITION')
			throw new NodeOperationError(
				this.getNode(),
				`Advanced webhooks are not available for this Velt workspace (Velt: ${answer.failure.message}); ask Velt to enable them, or use Webhook Type: Basic`,
				{
					description:
						'Ask Velt to make advanced webhooks available for the workspace, or set Webhook Type to Basic.',
				},
			);
		throw failureToNodeApiError(this.getNode(), answer.failure, 0, connection.secrets);
	}
	const config = (answer.data ?? {}) as IDataObject;
	if (config.isEnabled !== true)
		throw new NodeOperationError(
			this.getNode(),
			`Advanced webhooks are switched off for this Velt workspace, so no event could reach this trigger: switch them on in the Velt console (${CONSOLE_URL}), then activate again`,
			{
				description: `Switch advanced webhooks on in the Velt console (${CONSOLE_URL}), or call POST /v2/workspace/advancedwebhookconfig/update with { "isEnabled": true }, then activate the workflow again. The trigger does not change workspace settings itself.`,
			},
		);
	const key = connection.credentials.data?.webhookPrivateKey;
	if (config.encryptData === true && (typeof key !== 'string' || key.trim() === ''))
		throw new NodeOperationError(
			this.getNode(),
			'Payload encryption is on for this Velt workspace\'s advanced webhooks, but the Velt API credential has no "Webhook Decryption Private Key": every event would be refused',
			{
				description: `Open the Velt API credential and enter, in "Webhook Decryption Private Key", the RSA private key matching the public key set in Velt (base64 as Velt shows it, or a PEM block); or switch payload encryption off (${CONSOLE_URL}).`,
			},
		);
}

/** Normalized for comparison: no trailing slash, case-insensitive scheme and host. */
function sameUrl(a: string, b: string): boolean {
	try {
		const left = new URL(a);
		const right = new URL(b);
		const path = (url: URL) => url.pathname.replace(/\/$/, '');
		return (
			left.origin === right.origin && path(left) === path(right) && left.search === right.search
		);
	} catch {
		return a === b;
	}
}

/**
 * Basic mode, when the user opted in: reads the workspace's basic webhook config
 * (https://docs.velt.dev/api-reference/rest-apis/v2/workspace/webhookconfig-get) and logs when
 * Velt sends basic webhooks elsewhere. A workspace-wide setting: never written here.
 * Returns the warning, or undefined when Velt's URL is this trigger's.
 */
export async function checkBasicWebhookConfig(this: IHookFunctions): Promise<string | undefined> {
	if (this.getNodeParameter('checkVeltSettings', false) !== true) return undefined;
	const connection = await getVeltConnection.call(this);
	const answer = await sendVeltRequest.call(
		this,
		connection,
		ENDPOINTS.getWebhookConfig,
		{},
		{ policy: DEFAULT_REQUEST_POLICY, idempotent: true },
	);
	const url = this.getNodeWebhookUrl('default') as string;
	let warning: string | undefined;
	if (!answer.ok) {
		warning = `could not read Velt's webhook settings (${answer.failure.message}); check in the Velt console that the webhook URL is ${url}`;
	} else {
		const data = (answer.data ?? {}) as IDataObject;
		const service = (data.webhookServiceConfig ?? {}) as IDataObject;
		const urls = [service.rawNotificationUrl, service.processedNotificationUrl].filter(
			(value): value is string => typeof value === 'string' && value !== '',
		);
		if (data.useWebhookService !== true)
			warning = `basic webhooks are switched off in Velt's webhook settings; switch them on and set the URL to ${url} (${CONSOLE_URL})`;
		else if (!urls.some((configured) => sameUrl(configured, url)))
			warning = `Velt sends basic webhooks to ${urls.length === 0 ? 'no URL' : urls.join(' and ')}, not to this trigger's URL ${url}; set it in the Velt console (${CONSOLE_URL})`;
	}
	if (warning !== undefined) this.logger.warn(`Velt Trigger (basic webhooks): ${warning}`);
	return warning;
}
