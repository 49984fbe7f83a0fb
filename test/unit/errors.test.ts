/** nodes/shared/errors.ts: a Velt failure as an n8n error, with its hint and no secret. */
import { describeFailure, failureToNodeApiError, hintForFailure } from '../../nodes/shared/errors';
import { interpretResponse, PageWalk, redactSecrets } from '../../nodes/shared/transport';
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

	test('NOT_FOUND and conflicts speak of the ids the item names, not of notifications (both nodes share the hints)', () => {
		const hints = ['NOT_FOUND', 'ALREADY_EXISTS', 'ABORTED'].map((veltCode) =>
			hintForFailure({ kind: 'api', message: 'Annotation not found.', veltCode }),
		);
		for (const hint of hints) expect(hint).not.toMatch(/notification/i);
		expect(hints[0]).toContain('IDs this item names');
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

describe('review 2, finding 16: hints that blame the right thing', () => {
	const credentialHint = /did not accept the credential/;

	test('review 2, finding 16: PERMISSION_DENIED with a per-id details map is about the user’s access, not the credential', () => {
		const [failure] = [
			interpretResponse({
				statusCode: 403,
				body: {
					error: {
						status: 'PERMISSION_DENIED',
						message: 'ERROR_MESSAGE',
						details: { 'denied-1': { success: false, message: 'ERROR_MESSAGE' } },
					},
				},
			}),
		].map((result) => (result.ok ? undefined : result.failure));
		expect(failure?.perIdDetails).toEqual({
			'denied-1': { success: false, message: 'ERROR_MESSAGE' },
		});
		const hint = hintForFailure(failure!);
		expect(hint).toMatch(/has no access to the document/);
		expect(hint).not.toMatch(credentialHint);
	});

	test('review 2, finding 16: "User does not have access to the document." is about the user, "Invalid API key." about the credential', () => {
		expect(
			hintForFailure({
				kind: 'api',
				message: 'User does not have access to the document.',
				veltCode: 'PERMISSION_DENIED',
				httpStatus: 403,
			}),
		).toMatch(/Verify User Permissions/);
		for (const message of ['Invalid API key.', 'Invalid auth token.'])
			expect(
				hintForFailure({ kind: 'api', message, veltCode: 'PERMISSION_DENIED', httpStatus: 403 }),
			).toMatch(credentialHint);
	});

	test('review 2, finding 16: a repeated page token is a paging fault, with no advice about JSON or the Base URL', () => {
		const walk = new PageWalk();
		expect(walk.afterPage(1, 10, 'same')).toBeUndefined();
		const failure = walk.afterPage(1, 10, 'same');
		expect(failure?.message).toMatch(/page token "same" again/);
		const hint = hintForFailure(failure!);
		expect(hint).not.toMatch(/JSON|Base URL/);
		expect(hint).toMatch(/paging/);
	});
});
