import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class VeltApi implements ICredentialType {
	name = 'veltApi';

	displayName = 'Velt API';

	icon: Icon = {
		light: 'file:../nodes/VeltNotifications/velt.svg',
		dark: 'file:../nodes/VeltNotifications/velt.dark.svg',
	};

	documentationUrl = 'https://docs.velt.dev/security/auth-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key of your Velt app, from the Velt console (Dashboard → API Keys)',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long-lived auth token created in the Velt console (Dashboard → Auth Tokens → Generate token)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.velt.dev',
			description:
				"Where Velt's REST API is reached. Change it only for a proxy or a local Velt emulator.",
		},
		{
			displayName: 'Webhook Decryption Private Key',
			name: 'webhookPrivateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description:
				'Only if payload encryption is on for advanced webhooks: the RSA private key matching the public key set in the Velt console (base64 as Velt shows it, or a PEM block). The Velt Trigger uses it to decrypt events.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-velt-api-key': '={{$credentials.apiKey}}',
				'x-velt-auth-token': '={{$credentials.authToken}}',
			},
		},
	};

	// No `test` here: the nodes test this credential (`testedBy`, nodes/shared/credentialTest.ts),
	// which checks the Base URL like the nodes do before sending the key and token anywhere.
}
