import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * Refused requests are anyone's to send, so they must not flood n8n's log (issue 23, finding
 * 14): per trigger, the first refusal in each interval is logged at warn, with how many were
 * refused since the previous warning; the others only at debug.
 */
export const REFUSAL_LOG_INTERVAL_MS = 60 * 1000;
// One entry per trigger that was refused something; far above any n8n's trigger count.
const MAX_TRIGGERS = 10_000;

const windows = new Map<string, { startedAt: number; quiet: number }>();

export function logRefusal(context: IWebhookFunctions, message: string): void {
	const key = `${context.getWorkflow().id ?? ''}\n${context.getNode().id}`;
	const now = Date.now();
	const window = windows.get(key);
	if (window !== undefined && now - window.startedAt < REFUSAL_LOG_INTERVAL_MS) {
		window.quiet++;
		context.logger.debug(message);
		return;
	}
	if (window === undefined && windows.size >= MAX_TRIGGERS) windows.clear();
	windows.set(key, { startedAt: now, quiet: 0 });
	const since =
		window !== undefined && window.quiet > 0
			? ` (and ${window.quiet} more refused since ${new Date(window.startedAt).toISOString()}, logged at debug level)`
			: '';
	context.logger.warn(`${message}${since}`);
}

/** For tests: forget every interval. */
export function resetRefusalLog(): void {
	windows.clear();
}
