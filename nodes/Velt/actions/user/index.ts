import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as deleteUsers from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as upsert from './upsert.operation';

export const name = 'User';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { upsert, get, getAll, delete: deleteUsers } satisfies OperationModules;

export const description = resourceDescription(
	'user',
	[
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update user',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Remove users from an organization, document or folder',
			action: 'Delete users',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a user of an organization, document or folder',
			action: 'Get user',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the users of an organization, document, folder or user group',
			action: 'Get many users',
		},
	],
	'upsert',
	operations,
);
