import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as create from './create.operation';
import * as deleteActivities from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const name = 'Activity';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	create,
	get,
	getAll,
	update,
	delete: deleteActivities,
} satisfies OperationModules;

export const description = resourceDescription(
	'activity',
	[
		{
			name: 'Create',
			value: 'create',
			description: "Add activities to a document's activity feed, e.g. from another system",
			action: 'Create activities',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete activities by ID, or all of a document or target entity',
			action: 'Delete activities',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one activity by its ID',
			action: 'Get an activity',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the activities of an organization or document',
			action: 'Get many activities',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change an activity's message, data or icon",
			action: 'Update an activity',
		},
	],
	'create',
	operations,
);
