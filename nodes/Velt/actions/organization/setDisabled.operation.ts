import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import {
	ALLOW_TOOL_DISABLE,
	disabledField,
	echoedSummary,
	readDisabledState,
	readOrganizationIds,
	toolSwitchField,
} from '../../helpers/workspace';
import { organizationIdsField } from './delete.operation';

const TOOL_DISABLE = { ...ALLOW_TOOL_DISABLE, what: 'disable organizations' };

const properties: INodeProperties[] = [
	organizationIdsField(
		'The organizations to disable or enable: IDs separated by commas, or an array from an expression. Velt creates an organization that does not exist.',
	),
	disabledField('organizations', 'all their documents for all users'),
	toolSwitchField(TOOL_DISABLE),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDisableOrganizationsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const disabled = readDisabledState(parameters, node, itemIndex, TOOL_DISABLE);
	return { organizationIds: readOrganizationIds(parameters, node, itemIndex), disabled };
}

/**
 * Batched: `organizationIds` is an array answered per ID
 * (https://docs.velt.dev/api-reference/rest-apis/v2/organizations/update-organization-disable-state);
 * items with the same Disabled share requests, no documented limit, so Options > Batch Size.
 * Setting the same state again changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildDisableOrganizationsRequest,
	endpoint: WORKSPACE_ENDPOINTS.updateOrganizationDisableState,
	ids: 'organizationIds',
	detailsAreAnswer: true,
	failure: {
		doing: 'set the disabled state of organization',
		hint: 'Check that the organization exists and that the ID is right.',
	},
	summary: echoedSummary('updated', ['disabled']),
});
