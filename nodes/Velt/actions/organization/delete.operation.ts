import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { idListField } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { batchedExecutionOptions } from '../../../shared/execution/options.descriptions';
import { writeSummary } from '../../../shared/execution/perIdAnswers';
import { idsWrite } from '../../../shared/execution/batchedWrites';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import {
	ALLOW_TOOL_DELETE,
	readOrganizationIds,
	requireToolSwitch,
	toolSwitchField,
} from '../../helpers/workspace';

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/organizations/delete-organizations): "Organization does not exist". */
export const ORGANIZATION_MISSING = /does not exist/i;

export const organizationIdsField = (description: string): INodeProperties => ({
	...idListField('Organization IDs', 'organizationIds', description, 'e.g. acme-inc, globex'),
	required: true,
});

const TOOL_DELETE = { ...ALLOW_TOOL_DELETE, what: 'delete organizations' };

const properties: INodeProperties[] = [
	organizationIdsField(
		'The organizations to delete with all their data: IDs separated by commas, or an array from an expression',
	),
	toolSwitchField(TOOL_DELETE),
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDeleteOrganizationsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireToolSwitch(node, itemIndex, TOOL_DELETE);
	return { organizationIds: readOrganizationIds(parameters, node, itemIndex) };
}

/**
 * Batched: `organizationIds` is an array answered per ID (page above); no documented limit,
 * so Options > Batch Size. Deleting what is gone changes nothing, so a retry is harmless.
 */
export const execute = idsWrite({
	properties,
	build: buildDeleteOrganizationsRequest,
	endpoint: WORKSPACE_ENDPOINTS.deleteOrganizations,
	ids: 'organizationIds',
	detailsAreAnswer: true,
	missingAfterRetry: ORGANIZATION_MISSING,
	failure: {
		doing: 'delete organization',
		hint: 'Check that the organization exists and that the ID is right.',
	},
	summary: (matched) => writeSummary(matched, 'deleted'),
});
