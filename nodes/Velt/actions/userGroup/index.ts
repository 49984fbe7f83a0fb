import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as addUsers from './addUsers.operation';
import * as create from './create.operation';
import * as removeUsers from './removeUsers.operation';

export const name = 'User Group';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { create, addUsers, removeUsers } satisfies OperationModules;

export const description = resourceDescription(
	'userGroup',
	[
		{
			name: 'Add Users',
			value: 'addUsers',
			description: 'Add users to a user group',
			action: 'Add users to user group',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a user group in an organization, or rename one',
			action: 'Create user group',
		},
		{
			name: 'Remove Users',
			value: 'removeUsers',
			description: 'Remove users from a user group',
			action: 'Remove users from user group',
		},
	],
	'addUsers',
	operations,
);
