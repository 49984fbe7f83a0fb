import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { entityWrite } from '../../../shared/execution/batchedWrites';
import { additionalFieldsOf, optionalString } from '../../../shared/parameters';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { otherFieldsJson } from '../../descriptions';
import { ALREADY_EXISTS, readEntity, readOrganization } from '../../helpers/workspace';

export const organizationNameField: INodeProperties = {
	displayName: 'Organization Name',
	name: 'organizationName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Acme Inc.',
	description: 'The name Velt shows for the organization',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Organization ID',
		name: 'organizationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. acme-inc',
		description: 'Your ID for the new organization',
	},
	additionalFieldsCollection(
		sortedByDisplayName([organizationNameField, otherFieldsJson('organization')]),
	),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildCreateOrganizationRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = additionalFieldsOf(parameters);
	const organizationId = readOrganization(parameters, node, itemIndex);
	return {
		organizations: [
			readEntity(
				{ idKey: 'organizationId', id: organizationId, idLabel: 'Organization ID' },
				{ organizationName: optionalString(extra.organizationName) },
				node,
				itemIndex,
				{ collection: 'additionalFields', values: extra },
			),
		],
	};
}

/**
 * Batched: `organizations` is an array and Velt answers per organization ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/organizations/add-organizations). ASSUMED:
 * the page gives no limit; Options > Batch Size (default 50) keeps one request modest.
 */
export const execute = entityWrite({
	properties,
	build: buildCreateOrganizationRequest,
	endpoint: WORKSPACE_ENDPOINTS.addOrganizations,
	list: 'organizations',
	idKey: 'organizationId',
	detailsAreAnswer: true,
	// The organization carries its own id: a retry after a lost answer finds it there (forgiven).
	created: ALREADY_EXISTS,
	failure: {
		doing: 'create organization',
		hint: 'Check the organization ID; an organization with this ID may exist already (use Update).',
	},
});
