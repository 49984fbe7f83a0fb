import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { simplifyActivity } from '../../../shared/activities';
import type { ItemParameters, OperationRun } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { field, requireNonEmptyString } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { ACTIVITY_ENDPOINTS } from '../../../shared/transport';
import { organizationField } from '../../descriptions';
import { oneById } from '../../helpers/oneById';
import { simplifyField } from './getAll.operation';

export const activityIdField: INodeProperties = {
	displayName: 'Activity ID',
	name: 'activityId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. activity-001',
	description: 'The activity, by its ID, as Get Many and the Velt Activity Trigger output it',
};

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the activity'),
	activityIdField,
	simplifyField,
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetActivityRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const activityId = requireNonEmptyString(
		parameters.activityId,
		field(node, itemIndex, 'Activity ID', 'activityId'),
	);
	return {
		...readScope(parameters, SCOPES.organization, node, itemIndex),
		activityIds: [activityId],
		simplify: parameters.simplify === true,
	};
}

const getActivities = sendOneCall(ACTIVITY_ENDPOINTS.getActivities);

export const execute = perItemExecutor({
	properties,
	prepare: buildGetActivityRequest,
	send: async function (this: IExecuteFunctions, sent: IDataObject, run: OperationRun) {
		const data: IDataObject = {
			organizationId: sent.organizationId,
			activityIds: sent.activityIds,
		};
		return await getActivities.call(this, data, run);
	},
	toOutcome: ({ data }, sent, itemIndex, node) => {
		const [id] = sent.activityIds as string[];
		const one = oneById(
			data,
			id,
			'id',
			{
				noun: 'activity',
				organizationId: sent.organizationId,
				hint: 'Check the ID; Get Many lists the activities of a document.',
			},
			itemIndex,
			node,
		);
		if (!('found' in one)) return one;
		return { json: sent.simplify === true ? simplifyActivity(one.found) : one.found };
	},
});
