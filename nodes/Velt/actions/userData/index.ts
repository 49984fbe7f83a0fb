import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as deleteData from './delete.operation';
import * as exportData from './export.operation';
import * as getDeletionStatus from './getDeletionStatus.operation';

export const name = 'User Data';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	export: exportData,
	delete: deleteData,
	getDeletionStatus,
} satisfies OperationModules;

export const description = resourceDescription(
	'userData',
	[
		{
			name: 'Delete',
			value: 'delete',
			description: "Delete all of users' data in Velt (a job of up to 24 hours)",
			action: 'Delete user data',
		},
		{
			name: 'Export',
			value: 'export',
			description: 'Get all the data Velt holds about a user, every page',
			action: 'Export user data',
		},
		{
			name: 'Get Deletion Status',
			value: 'getDeletionStatus',
			description: 'Get the status of a deletion job',
			action: 'Get a deletion status',
		},
	],
	'export',
	operations,
);
