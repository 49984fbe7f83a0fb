import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as add from './add.operation';
import * as deleteNotifications from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const name = 'Notification';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	add,
	get,
	getAll,
	update,
	delete: deleteNotifications,
} satisfies OperationModules;

export const description = resourceDescription(
	'notification',
	[
		{
			name: 'Add',
			value: 'add',
			description: 'Send an in-app notification to users',
			action: 'Add notification',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete notifications',
			action: 'Delete notifications',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a notification of a document or a user',
			action: 'Get notification',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get notifications of a document or a user',
			action: 'Get many notifications',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change a notification or mark it as read',
			action: 'Update notification',
		},
	],
	'add',
	operations,
);
