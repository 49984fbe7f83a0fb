import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	perItemExecutionOptions,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendPerIdCall } from '../../../shared/execution/perItemExecutor';
import { additionalFieldsOf, optionalString } from '../../../shared/parameters';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { otherFieldsJson } from '../../descriptions';
import {
	ALREADY_EXISTS,
	oneEntityOutcome,
	readEntity,
	readOrganization,
} from '../../helpers/workspace';

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
	perItemExecutionOptions,
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

export const execute = perItemExecutor({
	properties,
	prepare: buildCreateOrganizationRequest,
	// The organization carries its own id: a retry after a lost answer finds it there (forgiven below).
	send: sendPerIdCall(WORKSPACE_ENDPOINTS.addOrganizations),
	toOutcome: oneEntityOutcome(
		'organizations',
		'organizationId',
		{
			doing: 'create organization',
			hint: 'Check the organization ID; an organization with this ID may exist already (use Update).',
		},
		ALREADY_EXISTS,
	),
});
