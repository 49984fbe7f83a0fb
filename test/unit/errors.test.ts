/** nodes/shared/errors.ts: a Velt failure as an n8n error, with its hint and no secret. */
import { describeFailure, failureToNodeApiError, hintForFailure } from '../../nodes/shared/errors';
import { redactSecrets } from '../../nodes/shared/transport';
import { unitNode as node } from '../helpers/testNode';

describe('errors', () => {
	test('hints say how to fix what Velt reported', () => {
		expect(
			hintForFailure({ kind: 'api', message: 'Invalid auth token', veltCode: 'PERMISSION_DENIED' }),
		).toContain('auth token');
		expect(
			hintForFailure({
				kind: 'api',
				message: 'Advanced queries are not enabled.',
				veltCode: 'NOT_FOUND',
			}),
		).toContain('Advanced Queries');
		expect(hintForFailure({ kind: 'api', message: 'x', veltCode: 'RESOURCE_EXHAUSTED' })).toContain(
			'Retries',
		);
	});

	test('the NodeApiError carries message, code, status, item and hint, with secrets removed', () => {
		const error = failureToNodeApiError(
			node,
			{
				kind: 'api',
				message: 'key sk-secret-123 is wrong',
				veltCode: 'PERMISSION_DENIED',
				httpStatus: 403,
			},
			7,
			['sk-secret-123'],
		);
		expect(error.message).toBe('Velt: key [redacted] is wrong [PERMISSION_DENIED] (HTTP 403)');
		expect(error.httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(7);
		expect(error.description).toContain('auth token');
		expect(JSON.stringify(error)).not.toContain('sk-secret-123');
	});

	test('describeFailure and redactSecrets', () => {
		expect(describeFailure({ kind: 'timeout', message: 'Velt did not answer within 5 ms' })).toBe(
			'Velt did not answer within 5 ms',
		);
		expect(redactSecrets('a-token and a-token', ['a-token', ''])).toBe('[redacted] and [redacted]');
	});
});
