/** Why a Velt call failed, independent of which items it served. */
export interface VeltFailure {
	kind: 'api' | 'network' | 'timeout' | 'invalidResponse';
	message: string;
	/** Velt's error code (INVALID_ARGUMENT, PERMISSION_DENIED, ...) when it sent one. */
	veltCode?: string;
	httpStatus?: number;
	/** Network error code (ECONNRESET, ...) when the request never got an answer. */
	networkCode?: string;
	retryAfterMs?: number;
	attempts?: number;
	/**
	 * The fix, when the package itself knows it better than a hint keyed on Velt's code
	 * (a paging bound, the response-size cap): errors.ts hintForFailure shows it as is.
	 */
	hint?: string;
	/**
	 * The per-id map Velt's error carried in `details` (a partial write, e.g. Comment Thread >
	 * Create with Verify User Permissions: entries with success true were written): the failure
	 * is about those entries, not the credential. Bounded, as the body it came in.
	 */
	perIdDetails?: Record<string, unknown>;
	/**
	 * Every failed entry of `details` carries a code Velt calls unsafe to retry (`not-found`,
	 * `already-exists`): a retry would fail the same way (contract.ts RETRYABLE_PER_ID_CODE).
	 */
	settledPerId?: boolean;
}

/** Removes every occurrence of each secret from a text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let redacted = text;
	for (const secret of secrets) {
		if (secret.length >= 4) redacted = redacted.split(secret).join('[redacted]');
	}
	return redacted;
}
