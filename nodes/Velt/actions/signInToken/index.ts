import { resourceDescription } from '../../../shared/descriptions';
import type { OperationModules } from '../../../shared/execution/router';
import * as generate from './generate.operation';

export const name = 'Sign-In Token';

/** Every operation of the resource, in the order the panel shows their fields. */
export const operations = { generate } satisfies OperationModules;

export const description = resourceDescription(
	'signInToken',
	[
		{
			name: 'Generate',
			value: 'generate',
			description: "Generate a user's token (JWT) for Velt's frontend SDK, valid 48 hours",
			action: 'Generate a sign-in token',
		},
	],
	'generate',
	operations,
);
