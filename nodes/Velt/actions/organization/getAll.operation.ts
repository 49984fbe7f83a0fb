import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import {
	filtersCollection,
	idListField,
	simplifyFields,
	simplifyOn,
} from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	pagedReadOptions,
	returnAllFields,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { distinctIds } from '../../../shared/parameters';
import { requireAuthorOrganization } from '../../../shared/tool';
import { DIRECTORY_ENDPOINTS, MAX_IDS_PER_ORGANIZATIONS_GET } from '../../../shared/transport';
import { pageSizeOption, readLimitOptionsFor, startCursorFilter } from '../../descriptions';
import type { DirectoryQuery } from '../../helpers/workspace';
import { pagedListOutcome, readDirectory, readPaging } from '../../helpers/workspace';
import { SIMPLE_ORGANIZATION_FIELDS, simplifyOrganization } from '../../helpers/simplify';

const properties: INodeProperties[] = [
	...returnAllFields,
	...simplifyFields(SIMPLE_ORGANIZATION_FIELDS, 2),
	filtersCollection(
		sortedByDisplayName([
			idListField(
				'Organization IDs',
				'organizationIds',
				'Only these organizations: IDs separated by commas, or an array from an expression. Any number; they are sent 30 at a time.',
				'e.g. acme-inc, globex',
			),
			startCursorFilter,
		]),
	),
	pagedReadOptions(readLimitOptionsFor('organizations'), [pageSizeOption('organizations')]),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetOrganizationsQuery(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): DirectoryQuery {
	const filters = (parameters.filters ?? {}) as IDataObject;
	requireAuthorOrganization(node, itemIndex, 'filters.organizationIds');
	const ids = distinctIds(filters.organizationIds, {
		node,
		itemIndex,
		label: 'Organization IDs',
		parameter: 'filters.organizationIds',
	});
	return {
		query: {},
		ids,
		...readPaging(parameters, node, itemIndex, context),
		simplify: simplifyOn(parameters),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetOrganizationsQuery,
	send: readDirectory(
		DIRECTORY_ENDPOINTS.getOrganizations,
		'organizationIds',
		MAX_IDS_PER_ORGANIZATIONS_GET,
	),
	// One item per organization.
	toOutcome: pagedListOutcome(simplifyOrganization),
});
