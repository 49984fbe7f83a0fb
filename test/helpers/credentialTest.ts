/**
 * The credential's "Test" button as n8n runs it: `test.request` with the credential's
 * headers, failing with a rule's message when the answer matches that rule.
 */
import axios from 'axios';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { VeltApi } from '../../credentials/VeltApi.credentials';

const credentialType = new VeltApi();

function resolve(value: string, credentials: IDataObject): string {
	return value.startsWith('=')
		? String(Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: credentials }))
		: value;
}

function valueAt(body: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(current, key) =>
				current && typeof current === 'object' ? (current as IDataObject)[key] : undefined,
			body,
		);
}

/** What the credential test reports: undefined when it passes, else the matching rule's message. */
export async function runCredentialTest(credentials: IDataObject): Promise<string | undefined> {
	const request = credentialType.test.request as IHttpRequestOptions;
	const headers: Record<string, string> = {};
	for (const [name, template] of Object.entries(
		credentialType.authenticate.properties.headers ?? {},
	)) {
		headers[name] = resolve(String(template), credentials);
	}
	const response = await axios.request({
		method: request.method,
		baseURL: resolve(String(request.baseURL), credentials),
		url: request.url,
		data: request.body,
		headers,
		validateStatus: () => true,
	});
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (valueAt(response.data, rule.properties.key) === rule.properties.value)
			return rule.properties.message;
	}
	if (response.status >= 400 && valueAt(response.data, 'error.status') !== 'NOT_FOUND')
		return `HTTP ${response.status}`;
	return undefined;
}
