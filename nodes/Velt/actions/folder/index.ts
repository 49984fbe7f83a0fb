import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';
import * as setAccess from './setAccess.operation';
import * as update from './update.operation';

export const name = 'Folder';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = {
	create,
	getAll,
	update,
	delete: deleteOperation,
	setAccess,
} satisfies OperationModules;

export const description = resourceDescription(
	'folder',
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a folder in an organization, optionally inside another folder',
			action: 'Create a folder',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a folder',
			action: 'Delete a folder',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the folders of an organization, or one folder with its subfolders',
			action: 'Get many folders',
		},
		{
			name: 'Set Access Type',
			value: 'setAccess',
			description: 'Make folders public, private to the organization, restricted, or inherit',
			action: 'Set the access type of folders',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a folder's name or parent folder",
			action: 'Update a folder',
		},
	],
	'getAll',
	operations,
);
