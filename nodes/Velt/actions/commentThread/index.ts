import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as count from './count.operation';
import * as create from './create.operation';
import * as deleteThreads from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const name = 'Comment Thread';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	create,
	get,
	getAll,
	count,
	update,
	delete: deleteThreads,
} satisfies OperationModules;

export const description = resourceDescription(
	'commentThread',
	[
		{
			name: 'Count',
			value: 'count',
			description: 'Count the comment threads and unread threads of documents',
			action: 'Count comment threads',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Start a comment thread with its first comment',
			action: 'Create comment thread',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete comment threads',
			action: 'Delete comment threads',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a comment thread with its comments',
			action: 'Get comment thread',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get comment threads with their comments',
			action: 'Get many comment threads',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the status, assignee, priority or other fields of comment threads',
			action: 'Update comment threads',
		},
	],
	'create',
	operations,
);
