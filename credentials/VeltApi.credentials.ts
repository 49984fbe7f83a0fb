import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class VeltApi implements ICredentialType {
	name = 'veltApi';

	displayName = 'Velt API';

	icon: Icon = {
		light: 'file:../icons/velt.svg',
		dark: 'file:../icons/velt.dark.svg',
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
		// n8n offers a credential with an `authenticate` block to its HTTP Request node, which would
		// send the key and token to any URL. Declaring n8n's own two restriction fields here (same
		// names, so n8n adds no second pair) lets the default keep them to Velt's API there.
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'options',
			options: [
				{
					name: 'All',
					value: 'all',
					description: 'Allow all requests when used in the HTTP Request node',
				},
				{
					name: 'Specific Domains',
					value: 'domains',
					description: 'Restrict requests to specific domains',
				},
				{
					name: 'None',
					value: 'none',
					description: 'Block all requests when used in the HTTP Request node',
				},
			],
			default: 'domains',
			description:
				"Where n8n's HTTP Request node may send this credential. The Velt nodes always send it to the Base URL only.",
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'string',
			default: 'api.velt.dev',
			placeholder: 'api.velt.dev, proxy.example.com',
			description: 'Comma-separated list of allowed domains (supports wildcards with *)',
			displayOptions: { show: { allowedHttpRequestDomains: ['domains'] } },
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
