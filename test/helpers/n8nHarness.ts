/**
 * Runs a workflow through n8n-core's real engine: a source node that emits the
 * test's items, then the node under test with a `veltApi` credential.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Expression, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { VeltApi } from '../../credentials/VeltApi.credentials';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';

export const TEST_API_KEY = 'test-api-key';
export const TEST_AUTH_TOKEN = 'test-auth-token';

export interface VeltCredentialData extends ICredentialDataDecryptedObject {
	apiKey: string;
	authToken: string;
	baseUrl: string;
}

const veltApi = new VeltApi();

/** The part of n8n's server that resolves credentials and applies a generic `authenticate`. */
class TestCredentialsHelper implements Pick<ICredentialsHelper, keyof ICredentialsHelper> {
	constructor(private readonly data: VeltCredentialData) {}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (typeName !== veltApi.name) throw new Error(`unexpected credential type ${typeName}`);
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, template] of Object.entries(veltApi.authenticate.properties.headers ?? {})) {
			const text = String(template);
			// Like n8n's server: only values starting with "=" are expressions.
			headers[name] = text.startsWith('=')
				? (Expression.resolveWithoutWorkflow(text.slice(1), {
						$credentials: credentials,
					}) as string)
				: text;
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return veltApi.properties;
	}
}

/** A trigger that emits the test's items, as the Manual Trigger emits one empty item. */
export function itemSourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Test Items',
			name: 'testItems',
			group: ['trigger'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name: 'Test Items' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
			const manualTriggerFunction = async () => {
				this.emit([items.map((json) => ({ json }))]);
			};
			return { manualTriggerFunction };
		},
	};
}

export function nodeTypesFor(types: Record<string, INodeType>): INodeTypes {
	const get = (name: string) => {
		const type = types[name];
		if (!type) throw new Error(`unknown node type ${name}`);
		return type;
	};
	return {
		getByName: (name: string): INodeType | IVersionedNodeType => get(name),
		getByNameAndVersion: (name: string) => get(name),
		getKnownTypes: () => ({}),
	};
}

/** What n8n's server hands the engine for one execution, reduced to what these tests need. */
export function buildAdditionalData(
	credentials: VeltCredentialData,
	workflowData: IWorkflowBase,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		executionId,
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials: VeltCredentialData;
	continueOnFail?: boolean;
	/** n8n's "On Error" setting; `continueOnFail` is short for 'continueRegularOutput'. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	nodeType?: INodeType;
	executionId?: string;
	/** The node's type name in the workflow; one ending in "Tool" is how n8n saves a node used as an AI agent's tool. */
	nodeTypeName?: string;
	/** The node version the workflow saved (1 unless given). */
	typeVersion?: number;
}

export interface RunNodeResult {
	run: IRun;
	status: IRun['status'];
	/** The tested node's output items (first output, last run). */
	items: INodeExecutionData[];
	/** Every main output of the last run: with "Use error output", [success, error]. */
	outputs: INodeExecutionData[][];
	error?: Error & IDataObject;
}

const TESTED_NODE = 'Velt';

/** The first node of a test workflow: a `testItems` node (itemSourceNodeType) that emits the input items. */
export const SOURCE_NODE: INode = {
	id: 'source',
	name: 'Source',
	type: 'testItems',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Runs a test workflow manually from SOURCE_NODE, through n8n-core's WorkflowExecute. */
export async function runWorkflow(options: {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	nodeTypes: INodeTypes;
	credentials: VeltCredentialData;
	executionId: string;
}): Promise<IRun> {
	const { id, name, nodes, connections } = options;
	const workflow = new Workflow({
		id,
		name,
		nodes,
		connections,
		active: false,
		nodeTypes: options.nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const workflowData = {
		id,
		name,
		nodes,
		connections,
		active: false,
		settings: {},
	} as unknown as IWorkflowBase;
	const additionalData = buildAdditionalData(
		options.credentials,
		workflowData,
		options.executionId,
	);
	return await new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: workflow.getNode(SOURCE_NODE.name) ?? undefined,
	});
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeType = options.nodeType ?? new VeltNotifications();
	const nodes: INode[] = [
		SOURCE_NODE,
		{
			id: 'velt-node',
			name: TESTED_NODE,
			type: options.nodeTypeName ?? 'velt',
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { veltApi: { id: 'cred-1', name: 'Velt test' } },
			...(options.onError !== undefined
				? { onError: options.onError }
				: options.continueOnFail
					? { onError: 'continueRegularOutput' as const }
					: {}),
			...(options.retryOnFail
				? {
						retryOnFail: true,
						maxTries: options.retryOnFail.maxTries,
						waitBetweenTries: options.retryOnFail.waitBetweenTries,
					}
				: {}),
		},
	];
	const connections = {
		Source: { main: [[{ node: TESTED_NODE, type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const run = await runWorkflow({
		id: 'wf-test',
		name: 'Velt test',
		nodes,
		connections,
		nodeTypes: nodeTypesFor({
			testItems: itemSourceNodeType(options.items ?? [{}]),
			[options.nodeTypeName ?? 'velt']: nodeType,
		}),
		credentials: options.credentials,
		executionId: options.executionId ?? `exec-${Math.random().toString(36).slice(2)}`,
	});
	const taskData = run.data.resultData.runData[TESTED_NODE] ?? [];
	const last = taskData[taskData.length - 1];
	const outputs = (last?.data?.main ?? []).map((output) => output ?? []);
	const items = outputs[0] ?? [];
	const error = (run.data.resultData.error ?? last?.error) as (Error & IDataObject) | undefined;
	return { run, status: run.status, items, outputs, error };
}
