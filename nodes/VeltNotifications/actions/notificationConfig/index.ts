import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as get from './get.operation';
import * as set from './set.operation';

export const name = 'Notification Setting';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { get, set } satisfies OperationModules;

export const description = resourceDescription(
	'notificationConfig',
	[
		{
			name: 'Get',
			value: 'get',
			description: "Get a user's notification settings",
			action: 'Get notification settings',
		},
		{
			name: 'Set',
			value: 'set',
			description: "Change users' notification settings",
			action: 'Set notification settings',
		},
	],
	'get',
	operations,
);
