/** Velt's answer about one id of a list it was sent. */
export interface IdAnswer {
	success: boolean;
	message: string;
}

/**
 * After a retry (the first answer lost), an id the earlier attempt already removed is answered
 * as missing: that is the removal having worked, not a failure. Used by every delete or removal
 * that answers per id.
 */
export function forgiveRetriedRemovals<T extends IdAnswer>(
	answers: T[],
	attempts: number,
	missing: RegExp,
): T[] {
	if (attempts <= 1) return answers;
	return answers.map((answer) =>
		!answer.success && missing.test(answer.message) ? { ...answer, success: true } : answer,
	);
}
