import { createHash, createHmac } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { failureToNodeApiError } from '../shared/errors';
import type { VeltConnection, VeltEndpoint, VeltFailure } from '../shared/transport';
import {
	DEFAULT_REQUEST_POLICY,
	ENDPOINT_LIST_PAGE_SIZE,
	ENDPOINTS,
	getVeltConnection,
	isLastPage,
	PageWalk,
	sendVeltRequest,
} from '../shared/transport';
import { endpointSecrets, forgetEndpointSecrets } from './endpointSecrets';
import { ALL_EVENTS, chosenEvents, isReviewWorkflowEvent } from './events';
import { checkAdvancedWebhookConfig } from './preflight';

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
	/** Endpoints whose delete failed at deactivation: deleted on the next activation. */
	pendingDeletes?: string[];
}

/** An endpoint as endpoints/get, create and update return it. */
interface VeltWebhookEndpoint {
	id: string;
	url?: unknown;
	description?: unknown;
	filterTypes?: unknown;
	disabled?: unknown;
	rateLimit?: unknown;
}

/** What this trigger wants registered at Velt. */
interface DesiredEndpoint {
	url: string;
	/** Empty for every event: then `filterTypes` is left out. */
	filterTypes: string[];
	description: string;
	disabled: boolean;
	rateLimit?: number;
}

type TriggerContext = IHookFunctions | IWebhookFunctions;

// Far above any workspace (250 per page): a Velt that pages without end is stopped.
const LIST_LIMITS = { maxPages: 200, maxItems: 50_000, maxMs: 2 * 60 * 1000 };

/** The event types to register, or an empty list for "every event" (then `filterTypes` is left out). */
export function selectedEventTypes(this: TriggerContext): string[] {
	const chosen = chosenEvents((name, fallback) => this.getNodeParameter(name, fallback));
	return chosen.includes(ALL_EVENTS) ? [] : chosen;
}

/** `https://host/prefix/<webhookId>/webhook` → `<webhookId>/webhook`: what survives a new N8N_WEBHOOK_URL. */
function urlTail(url: unknown): string {
	if (typeof url !== 'string') return '';
	return url.split('/').slice(-2).join('/');
}

function instanceIdOf(context: TriggerContext): string {
	return String(typeof context.getInstanceId === 'function' ? context.getInstanceId() : '');
}

/**
 * The mark at the end of the description that proves an endpoint is this trigger's: an HMAC,
 * keyed with the n8n instance id (derived from n8n's encryption key), over the workflow id, the
 * node id and the webhook path. A copy of the workflow on another n8n (other encryption key)
 * computes another mark. The description is used rather than `uid` because endpoints/update can
 * change it (uid cannot be set on endpoints registered by earlier versions) and endpoints/get
 * returns it.
 */
export function ownerMark(context: TriggerContext): string {
	const digest = createHmac('sha256', `n8n-nodes-velt trigger mark\n${instanceIdOf(context)}`)
		.update(
			`${context.getWorkflow().id ?? ''}\n${context.getNode().id}\n${urlTail(context.getNodeWebhookUrl('default'))}`,
		)
		.digest('hex')
		.slice(0, MARK_HEX_LENGTH);
	return `[n8n ${digest}]`;
}

const MARK_HEX_LENGTH = 32;

/**
 * The mark versions before issue 23 wrote: workflow, node and 8 hex of the instance id's SHA-256.
 * Anyone who knows those can write it, so it counts only at the end of the description and only
 * on an endpoint that delivers to this trigger's exact URL (it then reaches this n8n anyway);
 * the first activation rewrites it as ownerMark.
 */
function earlierOwnerMark(context: TriggerContext): string {
	const instance = createHash('sha256').update(instanceIdOf(context)).digest('hex').slice(0, 8);
	return `[n8n ${context.getWorkflow().id ?? ''}/${context.getNode().id}@${instance}]`;
}

/** The bracketed token the description ends with (where the trigger puts its mark), if any. */
function trailingMark(description: unknown): string | undefined {
	if (typeof description !== 'string' || !description.endsWith(']')) return undefined;
	const start = description.lastIndexOf('[');
	return start === -1 ? undefined : description.slice(start);
}

/**
 * User text in the description cannot hold a bracket, so it can never look like a mark (a
 * workflow named with another trigger's mark gets round brackets).
 */
function neutralised(text: string): string {
	return text.replace(/\[/g, '(').replace(/\]/g, ')');
}

type MarkVerdict = 'mine' | 'earlier' | 'none' | 'other';

/** This trigger's marks, computed once for a whole list of endpoints. */
interface OwnMarks {
	mine: string;
	earlier: string;
}

function ownMarks(context: TriggerContext): OwnMarks {
	return { mine: ownerMark(context), earlier: earlierOwnerMark(context) };
}

function markVerdict(marks: OwnMarks, description: unknown): MarkVerdict {
	const mark = trailingMark(description);
	if (mark === undefined || !mark.startsWith('[n8n ')) return 'none';
	if (mark === marks.mine) return 'mine';
	if (mark === marks.earlier) return 'earlier';
	return 'other';
}

interface EndpointOptions {
	description?: string;
	paused?: boolean;
	rateLimit?: number;
}

function desiredEndpoint(context: TriggerContext): DesiredEndpoint {
	const options = context.getNodeParameter('endpointOptions', {}) as EndpointOptions;
	const text =
		typeof options.description === 'string' && options.description.trim() !== ''
			? options.description.trim()
			: `n8n: ${context.getWorkflow().name ?? context.getWorkflow().id ?? 'workflow'}`;
	const rateLimit =
		typeof options.rateLimit === 'number' &&
		Number.isInteger(options.rateLimit) &&
		options.rateLimit > 0
			? options.rateLimit
			: undefined;
	return {
		url: context.getNodeWebhookUrl('default') as string,
		filterTypes: selectedEventTypes.call(context),
		description: `${neutralised(text)} ${ownerMark(context)}`,
		disabled: options.paused === true,
		rateLimit,
	};
}

/** One webhook-management call; a create is not repeated, since a retry could register the URL twice. */
async function callVelt(
	this: TriggerContext,
	connection: VeltConnection,
	endpoint: VeltEndpoint,
	data: IDataObject,
) {
	return await sendVeltRequest.call(this, connection, endpoint, data, {
		policy: DEFAULT_REQUEST_POLICY,
		idempotent: endpoint !== ENDPOINTS.createWebhookEndpoint,
	});
}

function fail(context: TriggerContext, failure: VeltFailure, connection: VeltConnection): never {
	throw failureToNodeApiError(context.getNode(), failure, 0, connection.secrets);
}

function stateOf(context: TriggerContext): EndpointState {
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

/** Every endpoint of the workspace, page by page, within LIST_LIMITS. */
async function listEndpoints(
	context: TriggerContext,
	connection: VeltConnection,
): Promise<VeltWebhookEndpoint[]> {
	const walk = new PageWalk(LIST_LIMITS);
	const all: VeltWebhookEndpoint[] = [];
	let iterator: string | undefined;
	for (;;) {
		const answer = await callVelt.call(context, connection, ENDPOINTS.listWebhookEndpoints, {
			limit: ENDPOINT_LIST_PAGE_SIZE,
			...(iterator === undefined ? {} : { iterator }),
		});
		if (!answer.ok) fail(context, answer.failure, connection);
		const data = (answer.data ?? {}) as IDataObject;
		if (!Array.isArray(data.endpoints))
			fail(
				context,
				{
					kind: 'invalidResponse',
					message: 'Velt listed webhook endpoints without an endpoints array',
				},
				connection,
			);
		const page = (data.endpoints as unknown[]).filter(
			(item): item is VeltWebhookEndpoint =>
				typeof item === 'object' && item !== null && typeof (item as IDataObject).id === 'string',
		);
		all.push(...page);
		// The page says `done`; an iterator that is missing or null ends the walk as well.
		const next =
			data.done === true || isLastPage(data.iterator) || typeof data.iterator !== 'string'
				? undefined
				: data.iterator;
		const stop = walk.afterPage(
			(data.endpoints as unknown[]).length,
			ENDPOINT_LIST_PAGE_SIZE,
			next,
		);
		if (stop !== undefined) fail(context, stop, connection);
		if (next === undefined) return all;
		iterator = next;
	}
}

function sortedTypes(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v) => typeof v === 'string').sort() : [];
}

/** Whether endpoints/update can turn `endpoint` into `desired`: it cannot clear filterTypes or a rate limit. */
function updatableTo(endpoint: VeltWebhookEndpoint, desired: DesiredEndpoint): boolean {
	if (desired.filterTypes.length === 0 && sortedTypes(endpoint.filterTypes).length > 0)
		return false;
	if (desired.rateLimit === undefined && typeof endpoint.rateLimit === 'number') return false;
	return true;
}

/** The fields endpoints/update must change (partial update: only what differs). */
function patchFor(endpoint: VeltWebhookEndpoint, desired: DesiredEndpoint): IDataObject {
	const patch: IDataObject = {};
	if (endpoint.url !== desired.url) patch.url = desired.url;
	if (
		desired.filterTypes.length > 0 &&
		JSON.stringify(sortedTypes(endpoint.filterTypes)) !== JSON.stringify(desired.filterTypes)
	)
		patch.filterTypes = desired.filterTypes;
	if (endpoint.description !== desired.description) patch.description = desired.description;
	if ((endpoint.disabled === true) !== desired.disabled) patch.disabled = desired.disabled;
	if (desired.rateLimit !== undefined && endpoint.rateLimit !== desired.rateLimit)
		patch.rateLimit = desired.rateLimit;
	return patch;
}

interface Plan {
	desired: DesiredEndpoint;
	/** The endpoint to keep, updated with `patch`; undefined when one is to be created. */
	keep?: VeltWebhookEndpoint;
	patch: IDataObject;
	/** This trigger's other endpoints: duplicates, unfinished deletes, an exposed secret's. */
	remove: string[];
	/** Nothing to do at Velt and nothing to write in static data. */
	upToDate: boolean;
	/** Endpoints marked as this trigger's (or named in static data) that deliver to another URL: never touched. */
	elsewhere: VeltWebhookEndpoint[];
	/** The endpoint static data names, when Velt no longer lists it (deleted in the console, say). */
	vanished?: string;
}

type Ownership = 'ours' | 'elsewhere' | 'not';

/**
 * Whether an endpoint is this trigger's: its description ends with this trigger's mark (or the
 * one earlier versions wrote), or it has no mark and static data names it (registered before
 * marks existed); and it delivers to this trigger's exact URL. An endpoint with another mark is
 * never ours, whatever static data says (a workflow exported from another n8n carries that
 * n8n's ids). One with our mark but another URL is a restored backup's, a test URL's or an
 * earlier N8N_WEBHOOK_URL's: left alone, unless a verified delivery came through it
 * (`reachable`), which proves its URL leads here.
 */
function ownershipOf(
	marks: OwnMarks,
	endpoint: VeltWebhookEndpoint,
	desired: DesiredEndpoint,
	named: ReadonlySet<string>,
	reachable?: string,
): Ownership {
	const verdict = markVerdict(marks, endpoint.description);
	// Another n8n's (or trigger's) mark: never ours; said in the log when static data names it.
	if (verdict === 'other') return named.has(endpoint.id) ? 'elsewhere' : 'not';
	if (verdict === 'none' && !named.has(endpoint.id)) return 'not';
	if (endpoint.url === desired.url) return 'ours';
	if (endpoint.id === reachable) return 'ours';
	return 'elsewhere';
}

function namedIn(state: EndpointState): Set<string> {
	return new Set([
		...(state.endpointId === undefined ? [] : [state.endpointId]),
		...(state.pendingDeletes ?? []),
	]);
}

function isManualRun(context: TriggerContext): boolean {
	return context.getMode() === 'manual';
}

/**
 * Listening for a test event (n8n registers the test URL): a production endpoint of this trigger
 * that Velt lists disabled is said here, where the user looks, since nothing else shows it (Velt
 * sends nothing, and a restart calls no hook). A deleted one cannot be told apart from a workflow
 * never activated: n8n gives a test listen `active: false` and empty static data.
 */
function reportDisabledProductionEndpoint(
	context: TriggerContext,
	elsewhere: VeltWebhookEndpoint[],
	desired: DesiredEndpoint,
): void {
	const disabled = elsewhere.find((endpoint) => endpoint.disabled === true);
	if (disabled === undefined || desired.disabled) return;
	throw new NodeOperationError(
		context.getNode(),
		`Velt has this trigger's webhook endpoint ${disabled.id} disabled: the active workflow receives no events`,
		{
			description:
				'Velt disables an endpoint after 5 days of failed deliveries, or someone disabled it in the Velt console. Deactivate and activate the workflow (or publish it again) to enable it, then listen for a test event again.',
		},
	);
}

/** Compares what Velt lists with what this trigger wants. */
async function planEndpoint(
	context: TriggerContext,
	connection: VeltConnection,
	reachable?: string,
): Promise<Plan> {
	const state = stateOf(context);
	const desired = desiredEndpoint(context);
	const listed = await listEndpoints(context, connection);
	const pending = new Set(state.pendingDeletes ?? []);
	const named = namedIn(state);
	const marks = ownMarks(context);
	const owned: VeltWebhookEndpoint[] = [];
	const elsewhere: VeltWebhookEndpoint[] = [];
	for (const endpoint of listed) {
		const ownership = ownershipOf(marks, endpoint, desired, named, reachable);
		if (ownership === 'ours') owned.push(endpoint);
		else if (ownership === 'elsewhere') elsewhere.push(endpoint);
	}
	if (isManualRun(context)) reportDisabledProductionEndpoint(context, elsewhere, desired);
	const candidates = owned.filter(
		(endpoint) =>
			!pending.has(endpoint.id) &&
			!(state.secretExposed === true && endpoint.id === state.endpointId) &&
			updatableTo(endpoint, desired),
	);
	const keep =
		candidates.find((endpoint) => endpoint.id === state.endpointId) ??
		candidates.find((endpoint) => endpoint.url === desired.url) ??
		candidates[0];
	const patch = keep === undefined ? {} : patchFor(keep, desired);
	const remove = owned.filter((endpoint) => endpoint !== keep).map((endpoint) => endpoint.id);
	const upToDate =
		keep !== undefined &&
		Object.keys(patch).length === 0 &&
		remove.length === 0 &&
		pending.size === 0 &&
		state.secretExposed !== true &&
		state.endpointId === keep.id &&
		state.webhookUrl === desired.url &&
		JSON.stringify(state.eventTypes ?? []) === JSON.stringify(desired.filterTypes);
	const vanished =
		state.endpointId !== undefined && !listed.some((endpoint) => endpoint.id === state.endpointId)
			? state.endpointId
			: undefined;
	return { desired, keep, patch, remove, upToDate, elsewhere, vanished };
}

/** Review-workflow events saved before they left the list: kept, with a plain word in the log. */
function warnAboutReviewEvents(context: TriggerContext, filterTypes: string[]): void {
	const review = filterTypes.filter(isReviewWorkflowEvent);
	if (review.length === 0) return;
	context.logger.warn(
		`Velt Trigger: ${review.join(', ')} ${review.length === 1 ? 'is a review-workflow event' : 'are review-workflow events'}, which Velt delivers to the receiver set on the review workflow (webhookConfig, or webhookUrl at dispatch), not to this endpoint; see https://docs.velt.dev/ai/approval-engine/customize-behavior#webhook-delivery`,
	);
}

/**
 * Whether Velt already has exactly this trigger's endpoint (n8n then skips `create`). Asks
 * Velt rather than trusting static data: an endpoint deleted in the console, a changed
 * N8N_WEBHOOK_URL or a duplicate all lead to `create`, which puts things right.
 */
export async function endpointExists(this: IHookFunctions): Promise<boolean> {
	if (this.getNodeParameter('mode') !== 'advanced') return true;
	const connection = await getVeltConnection.call(this);
	await checkAdvancedWebhookConfig.call(this, connection);
	reclaimDeferredDelete(this);
	return (await planEndpoint(this, connection)).upToDate;
}

/** Deletes an endpoint at Velt; true when it is gone (also when Velt no longer knew it). */
async function deleteEndpoint(
	context: TriggerContext,
	connection: VeltConnection,
	endpointId: string,
): Promise<boolean> {
	const deleted = await callVelt.call(context, connection, ENDPOINTS.deleteWebhookEndpoint, {
		endpointId,
	});
	if (!deleted.ok && deleted.failure.veltCode !== 'NOT_FOUND') {
		context.logger.warn(
			`Velt did not delete webhook endpoint ${endpointId}: ${deleted.failure.message}`,
		);
		return false;
	}
	forgetEndpointSecrets(context.getWorkflow().id, endpointId);
	return true;
}

/**
 * Makes Velt hold exactly one endpoint for this trigger: reuses the one it finds (updated in
 * place where url, events or options changed), creates one only when none can be reused,
 * then deletes this trigger's other endpoints. Returns the endpoint id.
 */
export async function reconcileEndpoint(
	context: TriggerContext,
	connection: VeltConnection,
	reachable?: string,
): Promise<string> {
	const state = stateOf(context);
	const plan = await planEndpoint(context, connection, reachable);
	const { desired } = plan;
	warnAboutReviewEvents(context, desired.filterTypes);
	if (plan.vanished !== undefined)
		context.logger.warn(
			`Velt Trigger: webhook endpoint ${plan.vanished} no longer exists at Velt (deleted in the Velt console?); the trigger registers again`,
		);
	let endpointId: string;
	if (plan.keep !== undefined) {
		endpointId = plan.keep.id;
		if (plan.keep.disabled === true && !desired.disabled)
			context.logger.warn(
				`Velt Trigger: webhook endpoint ${endpointId} was disabled at Velt (in the Velt console, or by Velt after 5 days of failed deliveries); enabled again`,
			);
		if (Object.keys(plan.patch).length > 0) {
			const updated = await callVelt.call(context, connection, ENDPOINTS.updateWebhookEndpoint, {
				endpointId,
				...plan.patch,
			});
			if (!updated.ok) fail(context, updated.failure, connection);
			context.logger.info(
				`Velt Trigger updated webhook endpoint ${endpointId} in place (${Object.keys(plan.patch).join(', ')})`,
			);
		}
	} else {
		const created = await callVelt.call(context, connection, ENDPOINTS.createWebhookEndpoint, {
			url: desired.url,
			// Velt refuses an empty list; leaving it out subscribes to every event.
			...(desired.filterTypes.length > 0 ? { filterTypes: desired.filterTypes } : {}),
			description: desired.description,
			...(desired.disabled ? { disabled: true } : {}),
			...(desired.rateLimit !== undefined ? { rateLimit: desired.rateLimit } : {}),
		});
		if (!created.ok) fail(context, created.failure, connection);
		const id = (created.data as IDataObject | undefined)?.id;
		if (typeof id !== 'string')
			fail(
				context,
				{
					kind: 'invalidResponse',
					message: 'Velt created the webhook endpoint but returned no id',
				},
				connection,
			);
		endpointId = id as string;
		context.logger.info(
			`Velt Trigger registered webhook endpoint ${endpointId} for ${desired.url}`,
		);
	}
	if (!isManualRun(context))
		for (const other of plan.elsewhere)
			context.logger.warn(
				`Velt Trigger: endpoint ${other.id} belongs to another n8n (url ${String(other.url)}) – ${plan.keep === undefined ? 'registered a new one' : `left untouched; this n8n uses ${endpointId}`}. If it is a leftover of this n8n (N8N_WEBHOOK_URL changed), delete it in the Velt console`,
			);
	// Fetched now so activation fails when the secret cannot be read, and this process starts with it in memory.
	const secrets = await endpointSecrets.call(context, endpointId, { retryFailed: true });
	if (!secrets.ok) {
		if (plan.keep === undefined) {
			await deleteEndpoint(context, connection, endpointId);
		}
		forgetEndpointSecrets(context.getWorkflow().id, endpointId);
		fail(context, secrets.failure, connection);
	}
	// The others go only now, so the trigger is never left without an endpoint.
	const stillPending: string[] = [];
	for (const id of plan.remove) {
		if (await deleteEndpoint(context, connection, id)) {
			context.logger.info(`Velt Trigger deleted its extra webhook endpoint ${id}`);
		} else {
			stillPending.push(id);
			if (state.secretExposed === true && id === state.endpointId)
				context.logger.warn(
					`Velt Trigger replaced webhook endpoint ${id}, whose signing secret was exposed, but could not delete it: deliveries signed with that secret are refused; delete the endpoint in the Velt console`,
				);
		}
	}
	Object.assign(state, {
		endpointId,
		webhookUrl: desired.url,
		eventTypes: desired.filterTypes,
	});
	if (stillPending.length > 0) state.pendingDeletes = stillPending;
	else delete state.pendingDeletes;
	delete state.secretExposed;
	return endpointId;
}

export async function registerEndpoint(this: IHookFunctions): Promise<boolean> {
	if (this.getNodeParameter('mode') !== 'advanced') return true;
	const connection = await getVeltConnection.call(this);
	await checkAdvancedWebhookConfig.call(this, connection);
	reclaimDeferredDelete(this);
	await reconcileEndpoint(this, connection);
	return true;
}

/**
 * n8n calls `delete` with activation "update" both when the workflow is deactivated and when
 * a changed version replaces it (delete, then checkExists/create, in the same process within
 * milliseconds). That delete waits this long, so the activation right after reuses and updates
 * the endpoint in place instead of deleting and creating one.
 */
export const DEFERRED_DELETE_MS = 10 * 1000;

interface DeferredDelete {
	ids: string[];
	cancelled: boolean;
	run: () => Promise<void>;
	signal?: AbortSignal;
}

const deferredDeletes = new Map<string, DeferredDelete>();

// The URL too: a test run's endpoint (n8n's test URL) is deleted apart from the production one.
const triggerKey = (context: TriggerContext) =>
	`${context.getWorkflow().id ?? ''}\n${context.getNode().id}\n${context.getNodeWebhookUrl('default') ?? ''}`;

/** An activation right after a deferred delete keeps the endpoint: it is this trigger's again. */
function reclaimDeferredDelete(context: TriggerContext): void {
	const deferred = deferredDeletes.get(triggerKey(context));
	if (deferred === undefined) return;
	deferred.cancelled = true;
	deferredDeletes.delete(triggerKey(context));
	const state = stateOf(context);
	const [endpointId] = deferred.ids;
	const pending = (state.pendingDeletes ?? []).filter((id) => !deferred.ids.includes(id));
	if (pending.length > 0) state.pendingDeletes = pending;
	else delete state.pendingDeletes;
	if (state.endpointId === undefined && endpointId !== undefined) state.endpointId = endpointId;
}

/** For tests and shutdown: runs every deferred delete now. */
export async function runDeferredDeletes(): Promise<void> {
	const all = [...deferredDeletes.values()];
	deferredDeletes.clear();
	for (const deferred of all) {
		deferred.cancelled = true;
		await deferred.run();
	}
}

/**
 * Deletes those of `ids` (static data's) that Velt lists as this trigger's (ownershipOf): an
 * endpoint of another n8n that static data names (an imported workflow, a restored backup) is
 * left as it is. Returns the ids still to delete.
 */
async function deleteAll(
	context: TriggerContext,
	connection: VeltConnection,
	ids: string[],
): Promise<string[]> {
	let listed: VeltWebhookEndpoint[];
	try {
		listed = await listEndpoints(context, connection);
	} catch (error) {
		context.logger.warn(
			`Velt Trigger could not list webhook endpoints to delete ${ids.join(', ')}: ${(error as Error).message}; they are deleted on the next activation`,
		);
		return ids;
	}
	const desired = desiredEndpoint(context);
	const marks = ownMarks(context);
	const named = new Set(ids);
	const failed: string[] = [];
	for (const id of ids) {
		const endpoint = listed.find((item) => item.id === id);
		if (endpoint === undefined) {
			forgetEndpointSecrets(context.getWorkflow().id, id);
			continue;
		}
		if (ownershipOf(marks, endpoint, desired, named) !== 'ours') {
			context.logger.warn(
				`Velt Trigger left webhook endpoint ${id} at Velt: it belongs to another n8n or trigger (url ${String(endpoint.url)})`,
			);
			continue;
		}
		if (!(await deleteEndpoint(context, connection, id))) failed.push(id);
	}
	if (failed.length > 0)
		context.logger.warn(
			`Velt Trigger keeps webhook endpoint ${failed.join(', ')} to delete on the next activation`,
		);
	return failed;
}

/**
 * Deletes the endpoint at deactivation. The ids are first written to static data as
 * `pendingDeletes` (n8n saves it after deactivation), so a delete Velt did not do, or one a
 * stopped process never got to, is finished on the next activation; deactivation itself goes
 * on, since a trigger n8n no longer serves must not block the user.
 */
export async function unregisterEndpoint(this: IHookFunctions): Promise<boolean> {
	const state = stateOf(this);
	const ids = [
		...new Set([
			...(state.endpointId === undefined ? [] : [state.endpointId]),
			...(state.pendingDeletes ?? []),
		]),
	];
	if (ids.length === 0) return true;
	state.pendingDeletes = ids;
	delete state.endpointId;
	delete state.webhookUrl;
	delete state.eventTypes;
	delete state.secretExposed;
	let connection: VeltConnection;
	try {
		connection = await getVeltConnection.call(this);
	} catch (error) {
		this.logger.warn(
			`Velt Trigger could not delete webhook endpoint ${ids.join(', ')}: ${(error as Error).message}; it is deleted on the next activation`,
		);
		return false;
	}
	if (this.getActivationMode() === 'update') {
		const key = triggerKey(this);
		const run = async () => {
			deferredDeletes.delete(key);
			await deleteAll(this, connection, ids);
		};
		const deferred: DeferredDelete = { ids, cancelled: false, run };
		deferredDeletes.set(key, deferred);
		// AbortSignal.timeout's timer does not keep a stopping process alive (static data says what is left).
		// Held by the map entry, so the signal (and its timer) cannot be collected before it fires.
		deferred.signal = AbortSignal.timeout(DEFERRED_DELETE_MS);
		deferred.signal.addEventListener(
			'abort',
			() => {
				if (!deferred.cancelled) void run();
			},
			{ once: true },
		);
		return true;
	}
	const failed = await deleteAll(this, connection, ids);
	if (failed.length > 0) {
		state.pendingDeletes = failed;
		return false;
	}
	delete state.pendingDeletes;
	return true;
}
