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
import { distinctIds, optionalString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { DIRECTORY_ENDPOINTS, MAX_IDS_PER_DOCUMENTS_GET } from '../../../shared/transport';
import {
	folderField,
	organizationField,
	pageSizeOption,
	readLimitOptionsFor,
	startCursorFilter,
} from '../../descriptions';
import type { DirectoryQuery } from '../../helpers/workspace';
import {
	pagedListOutcome,
	readDirectory,
	readOrganization,
	readPaging,
} from '../../helpers/workspace';
import { SIMPLE_DOCUMENT_FIELDS, simplifyDocument } from '../../helpers/simplify';

const properties: INodeProperties[] = [
	organizationField('The Velt organization whose documents are listed'),
	...returnAllFields,
	...simplifyFields(SIMPLE_DOCUMENT_FIELDS, 2),
	filtersCollection(
		sortedByDisplayName([
			idListField(
				'Document IDs',
				'documentIds',
				'Only these documents: IDs separated by commas, or an array from an expression. Any number; they are sent 30 at a time.',
				'e.g. deal-4711, deal-4712',
			),
			folderField('Only documents in this folder', false),
			startCursorFilter,
		]),
	),
	pagedReadOptions(readLimitOptionsFor('documents'), [pageSizeOption('documents')]),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetDocumentsQuery(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): DirectoryQuery {
	const filters = (parameters.filters ?? {}) as IDataObject;
	const query: IDataObject = { organizationId: readOrganization(parameters, node, itemIndex) };
	const folderId = optionalString(locatorValue(filters.folderId));
	if (folderId !== undefined) query.folderId = folderId;
	const ids = distinctIds(filters.documentIds, {
		node,
		itemIndex,
		label: 'Document IDs',
		parameter: 'filters.documentIds',
	});
	return {
		query,
		ids,
		...readPaging(parameters, node, itemIndex, context),
		simplify: simplifyOn(parameters),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetDocumentsQuery,
	send: readDirectory(DIRECTORY_ENDPOINTS.getDocuments, 'documentIds', MAX_IDS_PER_DOCUMENTS_GET),
	// One item per document.
	toOutcome: pagedListOutcome(simplifyDocument),
});
