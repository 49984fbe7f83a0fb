import { redactSecrets } from './failure';
import { isPlainObject } from './json';

/** Moves `record[key]` to the key with the secrets redacted, never over an existing key; the new key. */
function renameKey(
	record: Record<string, unknown>,
	key: string,
	secrets: readonly string[],
): string {
	const base = redactSecrets(key, secrets);
	if (base === key) return key;
	let renamed = base;
	for (let copy = 2; Object.prototype.hasOwnProperty.call(record, renamed); copy++)
		renamed = `${base}#${copy}`;
	record[renamed] = record[key];
	delete record[key];
	return renamed;
}

/**
 * Makes whatever Velt sends safe to output: Velt echoes the app's API key as
 * `metadata.apiKey` (and `…Metadata.apiKey`) (notifications, notification settings, webhook payloads), and
 * no value or key may carry the credential's secrets. Works in place, at any depth, and
 * returns its input; it is applied where responses and payloads enter the package.
 */
export function scrubVeltData<T>(value: T, secrets: readonly string[]): T {
	if (typeof value !== 'object' || value === null) return value;
	// An explicit stack, not recursion: a payload nested tens of thousands deep must not overflow.
	const seen = new Set<object>([value]);
	const pending: object[] = [value];
	for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
		const record = container as Record<string, unknown>;
		const isList = Array.isArray(container);
		for (let key of Object.keys(record)) {
			const entry = record[key];
			// Keys too: Velt's per-id answers are maps keyed by whatever id it reports.
			if (!isList && secrets.some((secret) => key.includes(secret)))
				key = renameKey(record, key, secrets);
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
