import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as add from './add.operation';
import * as deleteComments from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const name = 'Comment';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	add,
	get,
	getAll,
	update,
	delete: deleteComments,
} satisfies OperationModules;

export const description = resourceDescription(
	'comment',
	[
		{
			name: 'Add',
			value: 'add',
			description: 'Reply in a comment thread',
			action: 'Add comment',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete comments of a thread',
			action: 'Delete comments',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a comment of a thread',
			action: 'Get comment',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the comments of a thread',
			action: 'Get many comments',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the text or other fields of comments',
			action: 'Update comments',
		},
	],
	'add',
	operations,
);
