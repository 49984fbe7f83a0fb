import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as get from './get.operation';
import * as grant from './grant.operation';
import * as revoke from './revoke.operation';

export const name = 'Permission';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { grant, get, revoke } satisfies OperationModules;

export const description = resourceDescription(
	'permission',
	[
		{
			name: 'Get',
			value: 'get',
			description: "Get users' access to the organization and to documents and folders",
			action: 'Get permissions',
		},
		{
			name: 'Grant',
			value: 'grant',
			description: 'Give a user viewer or editor access to an organization, folder or document',
			action: 'Grant a permission',
		},
		{
			name: 'Revoke',
			value: 'revoke',
			description: "Take a user's access to an organization, folder or document away",
			action: 'Revoke a permission',
		},
	],
	'grant',
	operations,
);
