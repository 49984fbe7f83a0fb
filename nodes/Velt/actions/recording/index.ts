import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const name = 'Recording';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { get, getAll } satisfies OperationModules;

export const description = resourceDescription(
	'recording',
	[
		{
			name: 'Get',
			value: 'get',
			description: 'Get one recording with its media URLs and transcript',
			action: 'Get a recording',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the recordings of an organization or document',
			action: 'Get many recordings',
		},
	],
	'getAll',
	operations,
);
