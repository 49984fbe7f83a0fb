import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The token Velt's basic webhooks send as `Authorization: Basic <token>`. */
export class VeltWebhookApi implements ICredentialType {
	name = 'veltWebhookApi';

	displayName = 'Velt Webhook API';

	icon: Icon = {
		light: 'file:../icons/velt.svg',
		dark: 'file:../icons/velt.dark.svg',
	};

	documentationUrl = 'https://docs.velt.dev/webhooks/basic';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The auth token you set for webhooks in the Velt console; Velt sends it with every webhook request',
		},
		{
			displayName: 'Webhook Decryption Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description:
				'Only if payload encryption is on in the Velt console: the RSA private key matching the public key set there (base64 as Velt shows it, or a PEM block)',
		},
	];
}
