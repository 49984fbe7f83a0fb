import { redactSecrets } from './failure';

/**
 * Makes whatever Velt sends safe to output: Velt echoes the app's API key as
 * `metadata.apiKey` (and `…Metadata.apiKey`) (notifications, notification settings, webhook payloads), and
 * no value may carry the credential's secrets. Works in place, at any depth, and
 * returns its input; it is applied where responses and payloads enter the package.
 */
export function scrubVeltData<T>(value: T, secrets: readonly string[]): T {
	scrubInPlace(value, secrets, new Set());
	return value;
}

function scrubInPlace(value: unknown, secrets: readonly string[], seen: Set<object>): void {
	if (typeof value !== 'object' || value === null || seen.has(value)) return;
	seen.add(value);
	const container = value as Record<string, unknown>;
	for (const key of Object.keys(container)) {
		const entry = container[key];
		// Webhook payloads also echo it in `documentMetadata` and `organizationMetadata`.
		if (
			(key === 'metadata' || key.endsWith('Metadata')) &&
			typeof entry === 'object' &&
			entry !== null &&
			!Array.isArray(entry)
		) {
			delete (entry as Record<string, unknown>).apiKey;
		}
		if (typeof entry === 'string') {
			// Checked first: most strings hold no secret, and this runs over every page read.
			if (secrets.some((secret) => entry.includes(secret)))
				container[key] = redactSecrets(entry, secrets);
		} else {
			scrubInPlace(entry, secrets, seen);
		}
	}
}
