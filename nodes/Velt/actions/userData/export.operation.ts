import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { pagedReadOptions } from '../../../shared/execution/options.descriptions';
import { readScope } from '../../../shared/scope';
import type { VeltResult } from '../../../shared/transport';
import {
	ACCESS_ENDPOINTS,
	appendUpTo,
	isPlainObject,
	readAllPages,
} from '../../../shared/transport';
import {
	accessOrganizationField,
	accessUserField,
	requireAuthorOrganization,
	USER_IN_ORGANIZATION,
} from '../../helpers/access';

const properties: INodeProperties[] = [
	{ ...accessOrganizationField, description: 'The organization the user is part of' },
	{ ...accessUserField, description: 'The user whose data Velt holds' },
	pagedReadOptions(),
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** https://docs.velt.dev/api-reference/rest-apis/v2/gdpr/get-all-user-data-gdpr */
export function buildExportRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	// In a tool, another organization's users' data is not the model's to read.
	requireAuthorOrganization(node, itemIndex);
	return readScope(parameters, USER_IN_ORGANIZATION, node, itemIndex);
}

/** Every page's lists (comments, reactions, recordings, notifications, …) joined by feature. */
type Features = Map<string, IDataObject[]>;

/**
 * Reads every page (up to 100 entries per feature each, `nextPageToken` to the next) through
 * readAllPages, so the Options' read limits bound it like any Get Many.
 */
async function readUserData(
	this: IExecuteFunctions,
	request: IDataObject,
	run: OperationRun,
): Promise<VeltResult<Features>> {
	const features: Features = new Map();
	return await (readAllPages<Features>).call(
		this,
		run.connection,
		{
			endpoint: ACCESS_ENDPOINTS.getUserData,
			data: request,
			policy: run.options.policy,
			limits: run.options.readLimits,
			// The page size is Velt's own (100 per feature), never asked for.
			sized: false,
			limit: undefined,
		},
		{
			count: () => 0,
			take: (data) => {
				let onPage = 0;
				for (const [feature, entries] of Object.entries(isPlainObject(data) ? data : {})) {
					if (!Array.isArray(entries)) continue;
					const list = features.get(feature) ?? [];
					features.set(feature, list);
					onPage += appendUpTo(list, entries as IDataObject[]);
				}
				return onPage;
			},
			result: () => features,
		},
	);
}

/** Always present, as the page lists them, even when empty. */
const DOCUMENTED_FEATURES = ['comments', 'reactions', 'recordings', 'notifications'];

export const execute = perItemExecutor({
	properties,
	prepare: buildExportRequest,
	send: readUserData,
	// One item per user: everything Velt holds about them, each feature's entries in order.
	toOutcome: ({ data }, request) => {
		const json: IDataObject = { ...request };
		for (const feature of DOCUMENTED_FEATURES) json[feature] = [];
		for (const [feature, entries] of data) json[feature] = entries;
		return { json };
	},
});
