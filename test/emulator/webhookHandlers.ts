/**
 * Workspace endpoints: advanced webhook endpoints and config, basic webhook config, and
 * workspace/get, as the https://docs.velt.dev/api-reference/rest-apis/v2/workspace/* pages describe them.
 */
import { DEFAULT_WEBHOOK_ENDPOINTS_LIMIT, WORKSPACE_NAME } from './choices';
import type { HandlerContext } from './handlers';
import type { JsonObject, WebhookEndpoint, WebhookEndpointInput } from './store';
import {
	decodeToken,
	encodeToken,
	hasToken,
	invalid,
	isJsonObject,
	optionalBoolean,
	optionalNonEmptyStringArray,
	optionalObject,
	optionalPositiveInteger,
	optionalString,
	requireString,
	success,
	VeltApiError,
	type HandlerResult,
} from './validation';
import {
	DOCUMENTED_MESSAGES,
	ENDPOINTS,
	HUDDLE_TRIGGERS,
	NOTIFICATION_SERVICE_NOTHING_TO_UPDATE,
	NOTIFICATION_SERVICE_RANGES,
	STANDARD_COMMENT_TRIGGERS,
	SUCCESS_MESSAGES,
	WEBHOOK_ENDPOINTS_LIMIT_RANGE,
} from './veltDocs';

/** The endpoint object of the create/get/update pages: unset optional fields are explicit nulls. */
export function webhookEndpointView(endpoint: WebhookEndpoint): JsonObject {
	return {
		id: endpoint.id,
		url: endpoint.url,
		description: endpoint.description ?? null,
		filterTypes: endpoint.filterTypes.length > 0 ? endpoint.filterTypes : null,
		channels: endpoint.channels ?? null,
		disabled: endpoint.disabled ?? false,
		rateLimit: endpoint.rateLimit ?? null,
		uid: endpoint.uid ?? null,
		createdAt: new Date(endpoint.createdAt).toISOString(),
		updatedAt: new Date(endpoint.updatedAt).toISOString(),
	};
}

/** Every endpoint-management call needs advanced webhooks enabled (isEnabled) first. */
function requireAdvancedWebhooksEnabled(context: HandlerContext): void {
	const config = context.store.advancedWebhookConfig;
	if (!config.configured)
		throw new VeltApiError(
			'FAILED_PRECONDITION',
			DOCUMENTED_MESSAGES.advancedWebhooksNotConfigured,
		);
	if (!config.isEnabled)
		throw new VeltApiError('FAILED_PRECONDITION', DOCUMENTED_MESSAGES.advancedWebhooksDisabled);
}

function validUrl(value: string): string {
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw invalid(DOCUMENTED_MESSAGES.invalidUrl);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		throw invalid(DOCUMENTED_MESSAGES.invalidUrl);
	return value;
}

function stringMap(data: JsonObject, field: string): Record<string, string> | undefined {
	const value = optionalObject(data, field);
	if (value === undefined) return undefined;
	for (const [key, item] of Object.entries(value)) {
		if (typeof item !== 'string') throw invalid(`${field}.${key} must be a string.`);
	}
	return value as Record<string, string>;
}

/** The optional fields shared by create and update. */
function endpointFields(data: JsonObject): Partial<WebhookEndpointInput> {
	const url = optionalString(data, 'url');
	return {
		url: url === undefined ? undefined : validUrl(url),
		description:
			data.description === undefined
				? undefined
				: (requireTypedString(data, 'description') as string),
		filterTypes: optionalNonEmptyStringArray(data, 'filterTypes'),
		channels: optionalNonEmptyStringArray(data, 'channels'),
		disabled: optionalBoolean(data, 'disabled'),
		rateLimit: optionalPositiveInteger(data, 'rateLimit'),
		metadata: stringMap(data, 'metadata'),
	};
}

function requireTypedString(data: JsonObject, field: string): string {
	if (typeof data[field] !== 'string') throw invalid(`${field} must be a string.`);
	return data[field] as string;
}

export function handleCreateWebhookEndpoint(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const url = validUrl(requireString(data, 'url'));
	const fields = endpointFields(data);
	const uid = optionalString(data, 'uid');
	requireAdvancedWebhooksEnabled(context);
	const input: WebhookEndpointInput = { url };
	for (const [key, value] of Object.entries({ ...fields, uid })) {
		if (value !== undefined) (input as JsonObject)[key] = value;
	}
	const endpoint = context.store.createWebhookEndpoint(input);
	return success(SUCCESS_MESSAGES[ENDPOINTS.createWebhookEndpoint], webhookEndpointView(endpoint));
}

export function handleGetWebhookEndpoints(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const limit = data.limit ?? DEFAULT_WEBHOOK_ENDPOINTS_LIMIT;
	const { min, max } = WEBHOOK_ENDPOINTS_LIMIT_RANGE;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < min || limit > max) {
		throw invalid(`limit must be an integer between ${min} and ${max}.`);
	}
	requireAdvancedWebhooksEnabled(context);
	let offset = 0;
	if (hasToken(data.iterator)) {
		const cursor = decodeToken(data.iterator, 'iterator');
		offset = typeof cursor?.offset === 'number' ? cursor.offset : Number.MAX_SAFE_INTEGER;
	}
	const all = context.store.listWebhookEndpoints();
	const endpoints = all.slice(offset, offset + limit).map(webhookEndpointView);
	const done = offset + limit >= all.length;
	return success(SUCCESS_MESSAGES[ENDPOINTS.getWebhookEndpoints], {
		endpoints,
		iterator: done ? null : encodeToken({ offset: offset + limit }),
		prevIterator:
			offset > 0 && offset < Number.MAX_SAFE_INTEGER
				? encodeToken({ offset: Math.max(0, offset - limit) })
				: null,
		done,
	});
}

function existingEndpoint(context: HandlerContext, data: JsonObject): WebhookEndpoint {
	const endpointId = requireString(data, 'endpointId');
	requireAdvancedWebhooksEnabled(context);
	const endpoint = context.store.getWebhookEndpoint(endpointId);
	if (endpoint === undefined)
		throw new VeltApiError('NOT_FOUND', DOCUMENTED_MESSAGES.webhookProviderFailed);
	return endpoint;
}

export function handleUpdateWebhookEndpoint(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	requireString(data, 'endpointId');
	const fields = endpointFields(data);
	if (Object.values(fields).every((value) => value === undefined)) {
		throw invalid('At least one field besides endpointId must be provided.');
	}
	const endpoint = existingEndpoint(context, data);
	const updated = context.store.updateWebhookEndpoint(endpoint.id, fields) as WebhookEndpoint;
	return success(SUCCESS_MESSAGES[ENDPOINTS.updateWebhookEndpoint], webhookEndpointView(updated));
}

export function handleDeleteWebhookEndpoint(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const endpoint = existingEndpoint(context, data);
	context.store.deleteWebhookEndpoint(endpoint.id);
	return success(SUCCESS_MESSAGES[ENDPOINTS.deleteWebhookEndpoint], {
		endpointId: endpoint.id,
		deleted: true,
	});
}

export function handleGetWebhookEndpointSecret(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const endpoint = existingEndpoint(context, data);
	return success(SUCCESS_MESSAGES[ENDPOINTS.getWebhookEndpointSigning], {
		endpointId: endpoint.id,
		secret: endpoint.secret,
	});
}

function advancedConfigView(context: HandlerContext): JsonObject {
	const { configured: _configured, ...view } = context.store.advancedWebhookConfig;
	return view;
}

export function handleGetAdvancedWebhookConfig(context: HandlerContext): HandlerResult {
	return success(SUCCESS_MESSAGES[ENDPOINTS.getAdvancedWebhookConfig], advancedConfigView(context));
}

export function handleUpdateAdvancedWebhookConfig(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const update = {
		isEnabled: optionalBoolean(data, 'isEnabled'),
		encryptData: optionalBoolean(data, 'encryptData'),
		encodeData: optionalBoolean(data, 'encodeData'),
		publicKey: data.publicKey === undefined ? undefined : requireTypedString(data, 'publicKey'),
		enableDataProtection: optionalBoolean(data, 'enableDataProtection'),
	};
	if (Object.values(update).every((value) => value === undefined)) {
		throw invalid(DOCUMENTED_MESSAGES.advancedConfigNothingToUpdate);
	}
	const config = context.store.advancedWebhookConfig;
	if (!config.configured && update.isEnabled !== true) {
		throw new VeltApiError(
			'FAILED_PRECONDITION',
			DOCUMENTED_MESSAGES.advancedWebhooksNotConfigured,
		);
	}
	for (const [key, value] of Object.entries(update)) {
		if (value !== undefined) (config as unknown as JsonObject)[key] = value;
	}
	config.configured = true;
	return success(
		SUCCESS_MESSAGES[ENDPOINTS.updateAdvancedWebhookConfig],
		advancedConfigView(context),
	);
}

export function handleGetWebhookConfig(context: HandlerContext): HandlerResult {
	return success(
		SUCCESS_MESSAGES[ENDPOINTS.getWebhookConfig],
		structuredClone(context.store.webhookConfig),
	);
}

const WEBHOOK_SERVICE_STRING_FIELDS = [
	'authToken',
	'rawNotificationUrl',
	'processedNotificationUrl',
	'publicKey',
];
const WEBHOOK_SERVICE_BOOLEAN_FIELDS = ['encodeData', 'encryptData'];

export function handleUpdateWebhookConfig(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const useWebhookService = optionalBoolean(data, 'useWebhookService');
	const serviceConfig = data.webhookServiceConfig;
	if (useWebhookService === undefined && serviceConfig === undefined) {
		throw invalid('At least one of useWebhookService or webhookServiceConfig must be provided.');
	}
	if (serviceConfig !== undefined) {
		if (!isJsonObject(serviceConfig))
			throw invalid(DOCUMENTED_MESSAGES.invalidWebhookServiceConfig);
		for (const [key, value] of Object.entries(serviceConfig)) {
			const wrong =
				(WEBHOOK_SERVICE_STRING_FIELDS.includes(key) && typeof value !== 'string') ||
				(WEBHOOK_SERVICE_BOOLEAN_FIELDS.includes(key) && typeof value !== 'boolean') ||
				(key === 'triggers' && !isJsonObject(value));
			if (wrong) throw invalid(DOCUMENTED_MESSAGES.invalidWebhookServiceConfig);
		}
	}
	const stored = context.store.webhookConfig;
	if (useWebhookService !== undefined) stored.useWebhookService = useWebhookService;
	if (isJsonObject(serviceConfig)) {
		const triggers = isJsonObject(serviceConfig.triggers)
			? {
					...(stored.webhookServiceConfig.triggers as JsonObject | undefined),
					...serviceConfig.triggers,
				}
			: stored.webhookServiceConfig.triggers;
		stored.webhookServiceConfig = { ...stored.webhookServiceConfig, ...serviceConfig };
		if (triggers !== undefined) stored.webhookServiceConfig.triggers = triggers;
	}
	return success(SUCCESS_MESSAGES[ENDPOINTS.updateWebhookConfig], structuredClone(stored));
}

export function handleGetWorkspace(context: HandlerContext): HandlerResult {
	const { id, authToken, apiKey } = context.workspace;
	return success(SUCCESS_MESSAGES[ENDPOINTS.getWorkspace], {
		id,
		name: WORKSPACE_NAME,
		owner: { email: 'owner@example.com', id: 'owner_emulator', name: 'Emulator Owner', avatar: '' },
		authToken,
		apiKeyList: { [apiKey]: { apiKeyName: 'Emulator API Key', id: apiKey, type: 'testing' } },
	});
}

// ---- in-app notification service config (workspace/notificationconfig) ------------------------

function checkRange(value: unknown, field: string, range: { min: number; max: number }): void {
	if (value === undefined) return;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < range.min ||
		value > range.max
	) {
		throw invalid(`${field} must be an integer between ${range.min} and ${range.max}.`);
	}
}

function validateNotificationServiceConfig(config: JsonObject): void {
	const delay = optionalObject(config, 'delayConfig');
	if (delay !== undefined) {
		optionalBoolean(delay, 'isEnabled');
		checkRange(
			delay.delaySeconds,
			'delayConfig.delaySeconds',
			NOTIFICATION_SERVICE_RANGES.delaySeconds,
		);
	}
	const batch = optionalObject(config, 'batchConfig');
	for (const level of ['document', 'user']) {
		const entry = batch === undefined ? undefined : optionalObject(batch, level);
		if (entry === undefined) continue;
		optionalBoolean(entry, 'isEnabled');
		checkRange(
			entry.batchWindowSeconds,
			`batchConfig.${level}.batchWindowSeconds`,
			NOTIFICATION_SERVICE_RANGES.batchWindowSeconds,
		);
		checkRange(
			entry.maxActivities,
			`batchConfig.${level}.maxActivities`,
			NOTIFICATION_SERVICE_RANGES.maxActivities,
		);
	}
	const triggers = optionalObject(config, 'triggers');
	for (const [group, events] of Object.entries(triggers ?? {})) {
		if (
			!isJsonObject(events) ||
			Object.values(events).some((enabled) => typeof enabled !== 'boolean')
		) {
			throw invalid(`triggers.${group} must map event types to booleans.`);
		}
	}
}

function deepMerge(target: JsonObject, source: JsonObject): JsonObject {
	const merged: JsonObject = { ...target };
	for (const [key, value] of Object.entries(source)) {
		merged[key] =
			isJsonObject(value) && isJsonObject(merged[key])
				? deepMerge(merged[key] as JsonObject, value)
				: value;
	}
	return merged;
}

export function handleGetNotificationServiceConfig(context: HandlerContext): HandlerResult {
	return success(
		SUCCESS_MESSAGES[ENDPOINTS.getNotificationServiceConfig],
		structuredClone(context.store.notificationServiceConfig),
	);
}

export function handleUpdateNotificationServiceConfig(
	context: HandlerContext,
	data: JsonObject,
): HandlerResult {
	const enable = optionalBoolean(data, 'useNotificationService');
	const config = optionalObject(data, 'notificationServiceConfig');
	if (enable === undefined && config === undefined)
		throw invalid(NOTIFICATION_SERVICE_NOTHING_TO_UPDATE);
	if (config !== undefined) validateNotificationServiceConfig(config);
	const stored = context.store.notificationServiceConfig;
	let serviceConfig = (stored.notificationServiceConfig as JsonObject | undefined) ?? {};
	const triggers = serviceConfig.triggers as JsonObject | undefined;
	const noTriggersYet =
		triggers === undefined ||
		Object.values(triggers).every(
			(group) => isJsonObject(group) && Object.keys(group).length === 0,
		);
	if (enable === true && noTriggersYet) {
		// "Defaults on first enable": the standard comment triggers and all huddle triggers on.
		serviceConfig = {
			...serviceConfig,
			triggers: {
				comment: Object.fromEntries(STANDARD_COMMENT_TRIGGERS.map((event) => [event, true])),
				huddle: Object.fromEntries(HUDDLE_TRIGGERS.map((event) => [event, true])),
			},
		};
	}
	if (config !== undefined) serviceConfig = deepMerge(serviceConfig, config);
	if (enable !== undefined) stored.useNotificationService = enable;
	stored.notificationServiceConfig = serviceConfig;
	return success(
		SUCCESS_MESSAGES[ENDPOINTS.updateNotificationServiceConfig],
		structuredClone(stored),
	);
}
