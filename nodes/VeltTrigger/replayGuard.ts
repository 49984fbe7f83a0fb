import { SIGNATURE_TOLERANCE_SECONDS } from './webhookVerification';

/**
 * Remembers the `webhook-id`s of accepted deliveries for as long as their
 * signature stays valid (timestamp + tolerance), so a repeat within that window
 * is recognised. The memory lives in this n8n process: see the README for what
 * that covers when several webhook processes run.
 */
export class ReplayGuard {
	private readonly seen = new Map<string, number>();

	constructor(private readonly capacity = 200_000) {}

	/** Records the id and answers true the first time; false for a repeat still inside its window. */
	firstTime(scope: string, id: string, timestampSeconds: number, nowMs: number): boolean {
		this.forgetExpired(nowMs);
		const key = `${scope}\n${id}`;
		const known = this.seen.get(key);
		if (known !== undefined && known > nowMs) return false;
		// Valid until the signature's own window closes, measured from the later of its timestamp and now.
		const validUntilMs =
			(Math.max(timestampSeconds, Math.floor(nowMs / 1000)) + SIGNATURE_TOLERANCE_SECONDS + 1) *
			1000;
		this.seen.delete(key);
		this.seen.set(key, validUntilMs);
		if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
		return true;
	}

	/** Forgets an id, so the next delivery with it is accepted (used when n8n could not start the execution). */
	forget(scope: string, id: string): void {
		this.seen.delete(`${scope}\n${id}`);
	}

	get size(): number {
		return this.seen.size;
	}

	private forgetExpired(nowMs: number): void {
		// Insertion order is close to expiry order: stop at the first id still valid.
		for (const [key, validUntilMs] of this.seen) {
			if (validUntilMs > nowMs) break;
			this.seen.delete(key);
		}
	}
}

/** One guard per n8n process, shared by every Velt Trigger it runs. */
export const processReplayGuard = new ReplayGuard();
