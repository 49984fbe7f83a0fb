/**
 * Every error code and message Velt's current pages document (https://docs.velt.dev), and
 * the hint the node gives for it: a wrong credential is one hint whichever code says it.
 */
import { hintForFailure } from '../../nodes/shared/errors';
import type { VeltFailure } from '../../nodes/shared/transport';
import documentedErrors from '../fixtures/documentedErrors.json';

const apiFailure = (veltCode: string, message: string): VeltFailure => ({
	kind: 'api',
	veltCode,
	message,
});

/** [page, code, message, the hint's pattern]: test/fixtures/documentedErrors.json. */
const DOCUMENTED = (documentedErrors as Array<[string, string, string, string]>).map(
	([page, code, message, hint]) => [page, code, message, new RegExp(hint)] as const,
);

test.each(DOCUMENTED)('%s: %s "%s" gets its hint', (_page, code, message, hint) => {
	expect(hintForFailure(apiFailure(code, message))).toMatch(hint);
});

test('UNAUTHENTICATED and PERMISSION_DENIED give the very same hint', () => {
	expect(hintForFailure(apiFailure('UNAUTHENTICATED', 'Invalid auth token for workspace.'))).toBe(
		hintForFailure(apiFailure('PERMISSION_DENIED', 'Invalid API key.')),
	);
});
