import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { failureToNodeApiError } from '../shared/errors';
import type { VeltConnection, VeltEndpoint } from '../shared/transport';
import {
	DEFAULT_REQUEST_POLICY,
	ENDPOINTS,
	getVeltConnection,
	sendVeltRequest,
} from '../shared/transport';
import { endpointSecrets, forgetEndpointSecrets } from './endpointSecrets';
import { ALL_EVENTS, chosenAdvancedEvents } from './events';

/**
 * What the trigger keeps in the workflow's static data about the endpoint it
 * registered. Never the signing secret: static data is part of the workflow
 * anyone with read access can fetch.
 */
export interface EndpointState {
	endpointId?: string;
	webhookUrl?: string;
	/** The registered `filterTypes`; empty when the endpoint receives every event. */
	eventTypes?: string[];
	/** Written by earlier versions; removed on sight, and the endpoint replaced. */
	secret?: string;
	/** Set when `secret` was found: whoever read it could still sign, so a new endpoint is due. */
	secretExposed?: boolean;
}

/** The event types to register, or an empty list for "every event" (then `filterTypes` is left out). */
export function selectedEventTypes(this: IHookFunctions): string[] {
	const chosen = chosenAdvancedEvents((name, fallback) => this.getNodeParameter(name, fallback));
	return chosen.includes(ALL_EVENTS) ? [] : chosen;
}

/** One webhook-management call; a create is not repeated, since a retry could register the URL twice. */
async function callVelt(
	this: IHookFunctions,
	connection: VeltConnection,
	endpoint: VeltEndpoint,
	data: IDataObject,
) {
	return await sendVeltRequest.call(this, connection, endpoint, data, {
		policy: DEFAULT_REQUEST_POLICY,
		idempotent: endpoint !== ENDPOINTS.createWebhookEndpoint,
	});
}

function stateOf(context: IHookFunctions): EndpointState {
	const state = context.getWorkflowStaticData('node') as EndpointState;
	if (state.secret !== undefined) {
		delete state.secret;
		if (state.endpointId !== undefined) {
			state.secretExposed = true;
			context.logger.warn(
				`Velt Trigger found the signing secret of webhook endpoint ${state.endpointId} in the workflow's static data (written by an earlier version); the endpoint is replaced by a new one so that secret stops working`,
			);
		}
	}
	return state;
}

export async function endpointExists(this: IHookFunctions): Promise<boolean> {
	if (this.getNodeParameter('mode') !== 'advanced') return true;
	const state = stateOf(this);
	return (
		state.endpointId !== undefined &&
		state.secretExposed !== true &&
		state.webhookUrl === this.getNodeWebhookUrl('default') &&
		JSON.stringify(state.eventTypes ?? []) === JSON.stringify(selectedEventTypes.call(this))
	);
}

export async function registerEndpoint(this: IHookFunctions): Promise<boolean> {
	if (this.getNodeParameter('mode') !== 'advanced') return true;
	const state = stateOf(this);
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	const eventTypes = selectedEventTypes.call(this);
	const connection = await getVeltConnection.call(this);
	const created = await callVelt.call(this, connection, ENDPOINTS.createWebhookEndpoint, {
		url: webhookUrl,
		// Velt refuses an empty list; leaving it out subscribes to every event.
		...(eventTypes.length > 0 ? { filterTypes: eventTypes } : {}),
		description: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id ?? 'workflow'}`,
	});
	if (!created.ok)
		throw failureToNodeApiError(this.getNode(), created.failure, 0, connection.secrets);
	const endpointId = (created.data as IDataObject | undefined)?.id;
	if (typeof endpointId !== 'string') {
		throw failureToNodeApiError(
			this.getNode(),
			{ kind: 'invalidResponse', message: 'Velt created the webhook endpoint but returned no id' },
			0,
			connection.secrets,
		);
	}
	// Fetched now so activation fails when the secret cannot be read, and this process starts with it in memory.
	const secrets = await endpointSecrets.call(this, endpointId);
	if (!secrets.ok) {
		await callVelt.call(this, connection, ENDPOINTS.deleteWebhookEndpoint, { endpointId });
		forgetEndpointSecrets(this.getWorkflow().id, endpointId);
		throw failureToNodeApiError(this.getNode(), secrets.failure, 0, connection.secrets);
	}
	// The endpoint registered before (another URL or events, or an exposed secret) is removed
	// only now, so the trigger is never left without one.
	const previous = state.endpointId;
	if (
		previous !== undefined &&
		previous !== endpointId &&
		!(await deleteEndpoint.call(this, connection, previous)) &&
		state.secretExposed === true
	) {
		this.logger.warn(
			`Velt Trigger replaced webhook endpoint ${previous}, whose signing secret was exposed, but could not delete it: deliveries signed with that secret are refused; delete the endpoint in the Velt console`,
		);
	}
	Object.assign(state, { endpointId, webhookUrl, eventTypes });
	delete state.secretExposed;
	return true;
}

/** Deletes an endpoint at Velt; true when it is gone (also when Velt no longer knew it). */
async function deleteEndpoint(
	this: IHookFunctions,
	connection: VeltConnection,
	endpointId: string,
): Promise<boolean> {
	const deleted = await callVelt.call(this, connection, ENDPOINTS.deleteWebhookEndpoint, {
		endpointId,
	});
	if (!deleted.ok && deleted.failure.veltCode !== 'NOT_FOUND') {
		this.logger.warn(
			`Velt did not delete webhook endpoint ${endpointId}: ${deleted.failure.message}`,
		);
		return false;
	}
	forgetEndpointSecrets(this.getWorkflow().id, endpointId);
	return true;
}

export async function unregisterEndpoint(this: IHookFunctions): Promise<boolean> {
	const state = stateOf(this);
	if (state.endpointId === undefined) return true;
	const connection = await getVeltConnection.call(this);
	if (!(await deleteEndpoint.call(this, connection, state.endpointId))) return false;
	delete state.endpointId;
	delete state.webhookUrl;
	delete state.eventTypes;
	delete state.secretExposed;
	return true;
}
