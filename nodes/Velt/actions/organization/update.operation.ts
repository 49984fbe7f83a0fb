import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendPerIdCall } from '../../../shared/execution/perItemExecutor';
import { optionalString } from '../../../shared/parameters';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { organizationField, otherFieldsJson } from '../../descriptions';
import { oneEntityOutcome, readEntity, readOrganization } from '../../helpers/workspace';
import { organizationNameField } from './create.operation';

const properties: INodeProperties[] = [
	organizationField('The Velt organization to update'),
	updateFieldsCollection(
		sortedByDisplayName([organizationNameField, otherFieldsJson('organization')]),
	),
	perItemExecutionOptions,
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

export const execute = perItemExecutor({
	properties,
	prepare: buildUpdateOrganizationRequest,
	// Setting the same fields again changes nothing, so a retry is harmless.
	send: sendPerIdCall(WORKSPACE_ENDPOINTS.updateOrganizations),
	toOutcome: oneEntityOutcome('organizations', 'organizationId', {
		doing: 'update organization',
		hint: 'Check that the organization exists and that the ID is right.',
	}),
});
