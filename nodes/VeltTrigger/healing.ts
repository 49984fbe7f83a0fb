import type { IWebhookFunctions } from 'n8n-workflow';
import { getVeltConnection } from '../shared/transport';
import { FAILED_LOAD_RETRY_AFTER_MS } from './endpointSecrets';
import { checkAdvancedWebhookConfig } from './preflight';
import { reconcileEndpoint } from './registration';

/**
 * At most one re-registration per trigger in this interval, however many verified deliveries
 * arrive. Nothing here starts from a request that was not verified: an endpoint deleted at Velt
 * gets no deliveries, so only strangers could drive a re-registration (issue 23, findings 5, 6);
 * activation registers again instead.
 */
export const HEAL_INTERVAL_MS = FAILED_LOAD_RETRY_AFTER_MS;

const attempts = new Map<string, { at: number; running: Promise<void> }>();
/** The URL a verified delivery already moved the endpoint to, in this process. */
const followed = new Map<string, string>();

function keyOf(context: IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}\n${context.getNode().id}`;
}

/** One reconciliation per trigger and interval, shared by concurrent requests. */
async function reconcileOnce(
	context: IWebhookFunctions,
	announce: string,
	done: (endpointId: string) => string,
	reachable: string,
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
			const endpointId = await reconcileEndpoint(context, connection, reachable);
			context.logger.warn(`Velt Trigger ${done(endpointId)}`);
		} catch (error) {
			context.logger.warn(
				`Velt Trigger could not update the endpoint at Velt: ${error instanceof Error ? error.message : String(error)}; tried again after ${HEAL_INTERVAL_MS / 1000} s`,
			);
		}
	})();
	attempts.set(key, { at: now, running });
	await running;
}

/**
 * A verified delivery shows n8n's webhook URL is no longer the registered one (N8N_WEBHOOK_URL
 * changed, and n8n 2.x does not re-activate on restart): the endpoint's url is updated in place.
 * Only deliveries verified with `endpointId`'s secret lead here, so strangers cannot cause it,
 * and that endpoint's old URL evidently reaches this n8n.
 */
export async function followMovedUrl(
	context: IWebhookFunctions,
	endpointId: string,
	registered: string,
): Promise<void> {
	const current = context.getNodeWebhookUrl('default');
	if (current === undefined || current === registered) return;
	// n8n may not save static data written during a delivery that starts an execution: remember here.
	if (followed.get(keyOf(context)) === current) return;
	await reconcileOnce(
		context,
		`n8n's webhook URL is now ${current}, but Velt delivers to ${registered}; updating the endpoint`,
		(kept) => {
			followed.set(keyOf(context), current);
			return `updated webhook endpoint ${kept} to ${current}`;
		},
		endpointId,
	);
}

/** For tests: forget every re-registration attempt. */
export function resetHealing(): void {
	attempts.clear();
	followed.clear();
}
