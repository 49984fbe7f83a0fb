import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { documentIdField, filtersCollection, idListField } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import {
	pagedReadOptions,
	returnAllFields,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { distinctIds, field } from '../../../shared/parameters';
import { readScope } from '../../../shared/scope';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import { simplifyRecording } from '../../helpers/recordings';
import type { PagedRead } from '../../helpers/workspace';
import { pagedListOutcome, readPagedList, readPaging } from '../../helpers/workspace';
import { pageSizeOption, startCursorField } from '../activity/getAll.operation';

export const recordingSimplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a compact recording: its name, type, length, media URL and any transcript, instead of the raw data',
};

const properties: INodeProperties[] = [
	organizationField('The Velt organization whose recordings to read'),
	...returnAllFields,
	recordingSimplifyField,
	filtersCollection(
		sortedByDisplayName([
			{ ...documentIdField, description: 'Only recordings of this document' },
			idListField(
				'Recording IDs',
				'recordingIds',
				'Only these recordings (their annotationId): IDs separated by commas, or an array from an expression',
				'e.g. rec-1, rec-2',
			),
			startCursorField,
		]),
	),
	pagedReadOptions(undefined, [pageSizeOption('recordings')]),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetRecordingsRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): PagedRead {
	const filters = (parameters.filters ?? {}) as IDataObject;
	const query: IDataObject = readScope(
		{ organizationId: parameters.organizationId, documentId: filters.documentId },
		{ organizationId: 'required', documentId: 'optional' },
		node,
		itemIndex,
	);
	const recordingIds = distinctIds(
		filters.recordingIds,
		field(node, itemIndex, 'Recording IDs', 'filters.recordingIds'),
	);
	if (recordingIds.length > 0) query.recordingIds = recordingIds;
	return {
		query,
		...readPaging(parameters, node, itemIndex, context),
		simplify: parameters.simplify === true,
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetRecordingsRequest,
	send: readPagedList(ACTIVITY_ENDPOINTS.getRecordings),
	toOutcome: pagedListOutcome(simplifyRecording),
});
