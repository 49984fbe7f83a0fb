/**
 * Calls a node's list-search method (a picker's "From List") the way n8n's server does:
 * through n8n-core's LoadOptionsContext, with the panel's current parameters.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import type { VeltCredentialData } from './n8nHarness';
import { buildAdditionalData, nodeTypesFor } from './n8nHarness';
import { testNode } from './testNode';

export async function searchList(options: {
	nodeType: INodeType;
	method: string;
	parameters: INodeParameters;
	credentials: VeltCredentialData;
	/** The parameter the picker belongs to, e.g. "documentId". */
	parameterName: string;
	filter?: string;
	paginationToken?: string;
}): Promise<INodeListSearchResult> {
	const node = testNode({
		id: 'picker',
		type: 'velt',
		parameters: options.parameters,
		credentials: { veltApi: { id: 'cred-1', name: 'Velt test' } },
	});
	const workflow = new Workflow({
		id: 'wf-picker',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor({ velt: options.nodeType }),
	});
	const additionalData = buildAdditionalData(
		options.credentials,
		{ id: 'wf-picker', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		'exec-picker',
	);
	additionalData.currentNodeParameters = options.parameters;
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		`parameters.${options.parameterName}`,
	);
	const method = options.nodeType.methods?.listSearch?.[options.method];
	if (method === undefined) throw new Error(`no listSearch method ${options.method}`);
	return await method.call(context, options.filter, options.paginationToken);
}
