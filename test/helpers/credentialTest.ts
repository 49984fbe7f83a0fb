/**
 * The credential's "Test" button as n8n runs it (CredentialsTester.getCredentialTestFunction in
 * n8n's packages/cli): the credential type's own `test` when it has one, else the node method
 * named by a node's `testedBy`, called with n8n-core's CredentialTestContext, whose
 * `helpers.request` is n8n's own request helper.
 */
import axios from 'axios';
import { CredentialTestContext } from 'n8n-core';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestOptions,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { VeltApi } from '../../credentials/VeltApi.credentials';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';

const credentialType = new VeltApi();

function get(body: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(current, key) =>
				current && typeof current === 'object' ? (current as IDataObject)[key] : undefined,
			body,
		);
}

/** As n8n's CredentialsTester.getCredentialTestFunction: the credential's `test`, else the first node's `testedBy` method. */
export function nodeCredentialTest(
	nodeType: INodeType = new VeltNotifications(),
	credentialName = 'veltApi',
): ICredentialTestFunction {
	const entry = nodeType.description.credentials?.find(({ name }) => name === credentialName);
	const testedBy = entry?.testedBy;
	if (typeof testedBy !== 'string') throw new Error(`no testedBy for ${credentialName}`);
	const method = nodeType.methods?.credentialTest?.[testedBy];
	if (!method) throw new Error(`no credentialTest method ${testedBy}`);
	return method;
}

function resolve(value: string, credentials: IDataObject): string {
	return value.startsWith('=')
		? String(Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: credentials }))
		: value;
}

/** A credential-level `test` request, as n8n's routing runs it (only while the type still has one). */
async function runDeclarativeTest(
	test: ICredentialTestRequest,
	credentials: IDataObject,
): Promise<INodeCredentialTestResult> {
	const headers: Record<string, string> = {};
	for (const [name, template] of Object.entries(
		(credentialType.authenticate as IAuthenticateGeneric).properties.headers ?? {},
	)) {
		headers[name] = resolve(String(template), credentials);
	}
	const request = test.request as IHttpRequestOptions;
	try {
		const response = await axios.request({
			method: request.method,
			baseURL: resolve(String(request.baseURL), credentials),
			url: request.url,
			data: request.body,
			headers,
			validateStatus: () => true,
		});
		for (const rule of test.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			if (get(response.data, rule.properties.key) === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

/** The full result n8n shows: status OK or Error, and the message. */
export async function runCredentialTestResult(
	data: ICredentialDataDecryptedObject,
	nodeType?: INodeType,
): Promise<INodeCredentialTestResult> {
	// n8n prefers the credential type's own `test` over any node's `testedBy`.
	const own = (credentialType as { test?: ICredentialTestRequest }).test;
	if (own) return await runDeclarativeTest(own, data);
	const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
	return await nodeCredentialTest(nodeType).call(context, {
		id: 'cred-test',
		name: 'Velt test',
		type: 'veltApi',
		data,
	});
}

/** What the credential test reports: undefined when it passes, else its message. */
export async function runCredentialTest(
	data: ICredentialDataDecryptedObject,
	nodeType?: INodeType,
): Promise<string | undefined> {
	const result = await runCredentialTestResult(data, nodeType);
	return result.status === 'OK' ? undefined : result.message;
}
