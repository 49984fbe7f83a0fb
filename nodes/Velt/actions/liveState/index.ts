import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as broadcast from './broadcast.operation';

export const name = 'Live State';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { broadcast } satisfies OperationModules;

export const description = resourceDescription(
	'liveState',
	[
		{
			name: 'Broadcast',
			value: 'broadcast',
			description: 'Push data into the open sessions of a document, without a page reload',
			action: 'Broadcast live state',
		},
	],
	'broadcast',
	operations,
);
