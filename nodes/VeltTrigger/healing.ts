import type { IWebhookFunctions } from 'n8n-workflow';
import { getVeltConnection } from '../shared/transport';
import { FAILED_LOAD_RETRY_AFTER_MS } from './endpointSecrets';
import { checkAdvancedWebhookConfig } from './preflight';
import type { EndpointState } from './registration';
import { reconcileEndpoint } from './registration';

/** At most one re-registration per trigger in this interval, however many requests arrive. */
export const HEAL_INTERVAL_MS = FAILED_LOAD_RETRY_AFTER_MS;

const attempts = new Map<string, { at: number; running: Promise<void> }>();
// What a re-registration put in place of a vanished endpoint, in case n8n did not save the
// static data (it does after a webhook request; this covers a process that read it before).
const replaced = new Map<string, { from: string; to: string }>();
/** The URL a verified delivery already moved the endpoint to, in this process. */
const followed = new Map<string, string>();

function keyOf(context: IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}\n${context.getNode().id}`;
}

/** The endpoint deliveries are verified against: static data's, or what replaced it here. */
export function currentEndpointId(
	context: IWebhookFunctions,
	state: EndpointState,
): string | undefined {
	const swap = replaced.get(keyOf(context));
	return swap !== undefined && swap.from === state.endpointId ? swap.to : state.endpointId;
}

/** One reconciliation per trigger and interval, shared by concurrent requests. */
async function reconcileOnce(
	context: IWebhookFunctions,
	announce: string,
	done: (endpointId: string) => string,
	replacing?: string,
): Promise<void> {
	const key = keyOf(context);
	const now = Date.now();
	const previous = attempts.get(key);
	if (previous !== undefined && now - previous.at < HEAL_INTERVAL_MS) return await previous.running;
	const running = (async () => {
		context.logger.warn(`Velt Trigger: ${announce}`);
		try {
			const connection = await getVeltConnection.call(context);
			await checkAdvancedWebhookConfig.call(context, connection);
			const endpointId = await reconcileEndpoint(context, connection);
			if (replacing !== undefined && replacing !== endpointId)
				replaced.set(key, { from: replacing, to: endpointId });
			context.logger.warn(`Velt Trigger ${done(endpointId)}`);
		} catch (error) {
			context.logger.warn(
				`Velt Trigger could not re-register with Velt: ${error instanceof Error ? error.message : String(error)}; tried again after ${HEAL_INTERVAL_MS / 1000} s`,
			);
		}
	})();
	attempts.set(key, { at: now, running });
	await running;
}

/**
 * Re-registers the trigger after Velt answered NOT_FOUND for its endpoint: the same
 * reconciliation as activation (reuses an endpoint of this trigger if one exists, else
 * creates one), so repeated calls never pile up endpoints.
 */
export async function healEndpoint(context: IWebhookFunctions, goneId: string): Promise<void> {
	await reconcileOnce(
		context,
		`webhook endpoint ${goneId} no longer exists at Velt (deleted there?); registering the trigger again`,
		(endpointId) =>
			`re-registered with Velt: webhook endpoint ${endpointId} replaces ${goneId}; new events are delivered there`,
		goneId,
	);
}

/**
 * A verified delivery shows n8n's webhook URL is no longer the registered one (N8N_WEBHOOK_URL
 * changed, and n8n 2.x does not re-activate on restart): the endpoint's url is updated in place.
 * Only verified deliveries lead here, so strangers cannot cause it.
 */
export async function followMovedUrl(
	context: IWebhookFunctions,
	registered: string,
): Promise<void> {
	const current = context.getNodeWebhookUrl('default');
	if (current === undefined || current === registered) return;
	// n8n may not save static data written during a delivery that starts an execution: remember here.
	if (followed.get(keyOf(context)) === current) return;
	await reconcileOnce(
		context,
		`n8n's webhook URL is now ${current}, but Velt delivers to ${registered}; updating the endpoint`,
		(endpointId) => {
			followed.set(keyOf(context), current);
			return `updated webhook endpoint ${endpointId} to ${current}`;
		},
	);
}

/** For tests: forget every re-registration attempt. */
export function resetHealing(): void {
	attempts.clear();
	replaced.clear();
	followed.clear();
}
