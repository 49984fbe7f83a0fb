import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { distinctIds } from '../../../shared/parameters';
import { ENDPOINTS, MAX_DOCUMENT_IDS_PER_CONFIG_GET } from '../../../shared/transport';
import { readScope } from '../../../shared/scope';
import { organizationIdField, userIdField } from '../../../shared/descriptions';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';

const properties: INodeProperties[] = [
	organizationIdField,
	{ ...userIdField, required: true, description: 'The user whose notification settings to read' },
	{
		displayName: 'Read Organization-Level Settings',
		name: 'getOrganizationConfig',
		type: 'boolean',
		default: false,
		description:
			"Whether to read the user's organization-level settings (then Document IDs may be left empty)",
	},
	{
		displayName: 'Document IDs',
		name: 'documentIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. doc-1, doc-2',
		description: `The documents whose settings to read, at most ${MAX_DOCUMENT_IDS_PER_CONFIG_GET}: IDs separated by commas, or an array from an expression`,
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetSettingsRequestBody(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const data = readScope(
		parameters,
		{ organizationId: 'required', userId: 'required' },
		node,
		itemIndex,
	);
	const documentIds = distinctIds(parameters.documentIds, {
		node,
		itemIndex,
		label: 'Document IDs',
	});
	const organizationLevel = parameters.getOrganizationConfig === true;
	if (documentIds.length > MAX_DOCUMENT_IDS_PER_CONFIG_GET) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Document IDs',
			`has ${documentIds.length} IDs; Velt accepts at most ${MAX_DOCUMENT_IDS_PER_CONFIG_GET}`,
			`Split the documents over several items of at most ${MAX_DOCUMENT_IDS_PER_CONFIG_GET} IDs each.`,
		);
	}
	if (documentIds.length === 0 && !organizationLevel) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Document IDs',
			'is empty',
			'Give the documents whose settings to read, or switch on Read Organization-Level Settings.',
		);
	}
	if (documentIds.length > 0) data.documentIds = documentIds;
	if (organizationLevel) data.getOrganizationConfig = true;
	return data;
}

export const execute = perItemExecutor({
	properties,
	send: sendOneCall(ENDPOINTS.getNotificationConfig),
	prepare: buildGetSettingsRequestBody,
	toOutcome: ({ data: settings }, sent) => ({
		json: {
			organizationId: sent.organizationId,
			userId: sent.userId,
			settings: (Array.isArray(settings) ? settings : []) as IDataObject[],
		},
	}),
});
