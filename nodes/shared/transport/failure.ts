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
}

/** Removes every occurrence of each secret from a text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let redacted = text;
	for (const secret of secrets) {
		if (secret.length >= 4) redacted = redacted.split(secret).join('[redacted]');
	}
	return redacted;
}
