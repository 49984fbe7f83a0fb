/** Velt's answer about one id of a list it was sent. */
export interface IdAnswer {
	success: boolean;
	message: string;
}

/** What a forgiven answer says instead of Velt's "not found". */
export const DONE_BY_EARLIER_ATTEMPT =
	'Done by an earlier attempt whose answer was lost (Velt answered this retry that it is gone).';

/**
 * After a retry (the first answer lost), an id the earlier attempt already removed is answered
 * as missing: that is the removal having worked, not a failure. Used by every delete or removal
 * that answers per id.
 */
export function forgiveRetriedRemovals<T extends { success?: unknown; message?: unknown }>(
	answers: T[],
	attempts: number,
	missing: RegExp,
): T[] {
	if (attempts <= 1) return answers;
	return answers.map((answer) =>
		answer.success === false && typeof answer.message === 'string' && missing.test(answer.message)
			? { ...answer, success: true, message: DONE_BY_EARLIER_ATTEMPT }
			: answer,
	);
}
