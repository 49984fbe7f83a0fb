import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import {
	actionTypeFields,
	featureTypesField,
	readActivityFilters,
	simplifyActivity,
	targetEntityField,
} from '../../../shared/activities';
import {
	documentIdField,
	filtersCollection,
	idListField,
	userIdField,
} from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import {
	pagedReadOptions,
	returnAllFields,
	sortedByDisplayName,
} from '../../../shared/execution/options.descriptions';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import type { PagedRead } from '../../helpers/workspace';
import { pagedListOutcome, readPagedList, readPaging } from '../../helpers/workspace';

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a compact activity: a one-line summary as the feed shows it, plus its IDs, instead of the raw data',
};

/** Velt's pageToken of an earlier read, where this read starts. */
export const startCursorField: INodeProperties = {
	displayName: 'Start Cursor',
	name: 'startCursor',
	type: 'string',
	default: '',
	description: "Continue a read where an earlier one stopped: Velt's pageToken",
};

export const pageSizeOption = (what: string): INodeProperties => ({
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1000,
	description: `How many ${what} one request to Velt asks for. Sent whenever set here.`,
});

const properties: INodeProperties[] = [
	organizationField('The Velt organization whose activities to read'),
	...returnAllFields,
	simplifyField,
	filtersCollection(
		sortedByDisplayName([
			{ ...documentIdField, description: 'Only activities of this document' },
			{
				...userIdField,
				displayName: 'Action User',
				description: 'Only activities by this user',
			},
			featureTypesField,
			...actionTypeFields,
			targetEntityField,
			idListField(
				'Activity IDs',
				'activityIds',
				'Only these activities: IDs separated by commas, or an array from an expression',
				'e.g. activity-001, activity-002',
			),
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
				description: "Order by timestamp (Velt's default is newest first)",
			},
			startCursorField,
		]),
	),
	pagedReadOptions(undefined, [pageSizeOption('activities')]),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetActivitiesRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	context: IExecuteFunctions,
): PagedRead {
	const filters = (parameters.filters ?? {}) as IDataObject;
	return {
		query: readActivityFilters(
			{ ...filters, organizationId: parameters.organizationId as IDataObject[string] },
			node,
			itemIndex,
			'filters.',
		),
		...readPaging(parameters, node, itemIndex, context),
		simplify: parameters.simplify === true,
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetActivitiesRequest,
	send: readPagedList(ACTIVITY_ENDPOINTS.getActivities),
	toOutcome: pagedListOutcome(simplifyActivity),
});
