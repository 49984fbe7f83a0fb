import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';
import * as setDisabled from './setDisabled.operation';
import * as update from './update.operation';

export const name = 'Organization';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	create,
	getAll,
	update,
	delete: deleteOperation,
	setDisabled,
} satisfies OperationModules;

export const description = resourceDescription(
	'organization',
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create an organization',
			action: 'Create an organization',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete organizations with all their data',
			action: 'Delete organizations',
		},
		{
			name: 'Disable / Enable',
			value: 'setDisabled',
			description: 'Take away or give back read and write access to whole organizations',
			action: 'Disable or enable organizations',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List organizations of the workspace',
			action: 'Get many organizations',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change an organization's name or other fields",
			action: 'Update an organization',
		},
	],
	'getAll',
	operations,
);
