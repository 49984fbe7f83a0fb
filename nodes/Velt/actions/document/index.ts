import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';
import * as move from './move.operation';
import * as setAccess from './setAccess.operation';
import * as setDisabled from './setDisabled.operation';
import * as update from './update.operation';

export const name = 'Document';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	create,
	getAll,
	update,
	delete: deleteOperation,
	move,
	setAccess,
	setDisabled,
} satisfies OperationModules;

export const description = resourceDescription(
	'document',
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a document in an organization, optionally in a folder',
			action: 'Create a document',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete documents with their comments and other data',
			action: 'Delete documents',
		},
		{
			name: 'Disable / Enable',
			value: 'setDisabled',
			description: 'Take away or give back read and write access to documents',
			action: 'Disable or enable documents',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List documents of an organization or a folder',
			action: 'Get many documents',
		},
		{
			name: 'Move to Folder',
			value: 'move',
			description: 'Move documents into a folder',
			action: 'Move documents to a folder',
		},
		{
			name: 'Set Access Type',
			value: 'setAccess',
			description: 'Make documents public, private to the organization, or restricted',
			action: 'Set the access type of documents',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a document's name or other fields",
			action: 'Update a document',
		},
	],
	'getAll',
	operations,
);
