import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { filtersCollection, simplifyFields, simplifyOn } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import {
	perItemExecutionOptions,
	returnAllFields,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { optionalString, readReturnLimit, requireWholeNumber } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField } from '../../descriptions';
import { readOrganization } from '../../helpers/workspace';
import { SIMPLE_FOLDER_FIELDS, simplifyFolder } from '../../helpers/simplify';

const properties: INodeProperties[] = [
	organizationField('The Velt organization whose folders are listed'),
	...returnAllFields,
	...simplifyFields(SIMPLE_FOLDER_FIELDS, 2),
	filtersCollection(
		sortedByDisplayName([
			folderField('Only this folder, with its subfolders under subFolders', false),
			{
				displayName: 'Max Depth',
				name: 'maxDepth',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description:
					'How many levels of subfolders to include (Velt includes only the immediate ones when not set)',
			},
		]),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export interface FoldersQuery {
	query: IDataObject;
	limit: number | undefined;
	simplify: boolean;
}

export function buildGetFoldersQuery(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): FoldersQuery {
	const filters = (parameters.filters ?? {}) as IDataObject;
	const query: IDataObject = { organizationId: readOrganization(parameters, node, itemIndex) };
	const folderId = optionalString(locatorValue(filters.folderId));
	if (folderId !== undefined) query.folderId = folderId;
	if (filters.maxDepth !== undefined && filters.maxDepth !== '')
		query.maxDepth = requireWholeNumber(filters.maxDepth, {
			node,
			itemIndex,
			label: 'Max Depth',
			parameter: 'filters.maxDepth',
		});
	return {
		query,
		limit: readReturnLimit(parameters, node, itemIndex),
		simplify: simplifyOn(parameters),
	};
}

const sendQuery = sendOneCall(WORKSPACE_ENDPOINTS.getFolders);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetFoldersQuery,
	// folders/get has no pages (https://docs.velt.dev/api-reference/rest-apis/v2/folders/get-folders): one
	// call, and Limit applies to the folders it answers.
	send: async function (request: FoldersQuery, run) {
		return await sendQuery.call(this, request.query, run);
	},
	// One item per folder; subfolders stay nested as Velt answers them.
	toOutcome: ({ data }, request) => {
		const folders = (Array.isArray(data) ? data : []).filter(
			(entry): entry is IDataObject => typeof entry === 'object' && entry !== null,
		);
		const kept = request.limit === undefined ? folders : folders.slice(0, request.limit);
		return { json: request.simplify ? kept.map(simplifyFolder) : kept };
	},
});
