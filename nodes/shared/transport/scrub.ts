import { redactSecrets } from './failure';
import { isPlainObject } from './json';

/**
 * Makes whatever Velt sends safe to output: Velt echoes the app's API key as
 * `metadata.apiKey` (and `…Metadata.apiKey`) (notifications, notification settings, webhook payloads), and
 * no value may carry the credential's secrets. Works in place, at any depth, and
 * returns its input; it is applied where responses and payloads enter the package.
 */
export function scrubVeltData<T>(value: T, secrets: readonly string[]): T {
	if (typeof value !== 'object' || value === null) return value;
	// An explicit stack, not recursion: a payload nested tens of thousands deep must not overflow.
	const seen = new Set<object>([value]);
	const pending: object[] = [value];
	for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
		const record = container as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const entry = record[key];
			// Webhook payloads also echo it in `documentMetadata` and `organizationMetadata`.
			if ((key === 'metadata' || key.endsWith('Metadata')) && isPlainObject(entry)) {
				delete entry.apiKey;
			}
			if (typeof entry === 'string') {
				// Checked first: most strings hold no secret, and this runs over every page read.
				if (secrets.some((secret) => entry.includes(secret)))
					record[key] = redactSecrets(entry, secrets);
			} else if (typeof entry === 'object' && entry !== null && !seen.has(entry)) {
				seen.add(entry);
				pending.push(entry);
			}
		}
	}
	return value;
}
