import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	batchedExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { entityWrite } from '../../../shared/execution/batchedWrites';
import { optionalString } from '../../../shared/parameters';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { organizationField, otherFieldsJson } from '../../descriptions';
import { readEntity, readOrganization } from '../../helpers/workspace';
import { organizationNameField } from './create.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization to update'),
	updateFieldsCollection(
		sortedByDisplayName([organizationNameField, otherFieldsJson('organization')]),
	),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildUpdateOrganizationRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const fields = (parameters.updateFields ?? {}) as IDataObject;
	return {
		organizations: [
			readEntity(
				{
					idKey: 'organizationId',
					id: readOrganization(parameters, node, itemIndex),
					idLabel: 'Organization',
				},
				{ organizationName: optionalString(fields.organizationName) },
				node,
				itemIndex,
				{ collection: 'updateFields', values: fields },
			),
		],
	};
}

/**
 * Batched: `organizations` is an array answered per organization ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/organizations/update-organizations); no
 * documented limit, so Options > Batch Size. Setting the same fields again changes nothing,
 * so a retry is harmless.
 */
export const execute = entityWrite({
	properties,
	build: buildUpdateOrganizationRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateOrganizations,
	list: 'organizations',
	idKey: 'organizationId',
	detailsAreAnswer: true,
	failure: {
		doing: 'update organization',
		hint: 'Check that the organization exists and that the ID is right.',
	},
});
