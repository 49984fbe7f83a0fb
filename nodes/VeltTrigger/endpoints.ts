import type { VeltEndpoint } from '../shared/transport';
import { ENDPOINTS } from '../shared/transport';

/**
 * The webhook-management paths the trigger calls beyond ENDPOINTS in the shared contract:
 * https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-get,
 * https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhook-endpoints-update,
 * https://docs.velt.dev/api-reference/rest-apis/v2/workspace/advancedwebhookconfig-get and
 * https://docs.velt.dev/api-reference/rest-apis/v2/workspace/webhookconfig-get.
 * Cast to VeltEndpoint until the shared contract lists them.
 */
export const TRIGGER_ENDPOINTS = {
	createWebhookEndpoint: ENDPOINTS.createWebhookEndpoint,
	deleteWebhookEndpoint: ENDPOINTS.deleteWebhookEndpoint,
	readWebhookEndpointSigningInfo: ENDPOINTS.readWebhookEndpointSigningInfo,
	listWebhookEndpoints: '/v2/workspace/advancedwebhook/endpoints/get' as string as VeltEndpoint,
	updateWebhookEndpoint: '/v2/workspace/advancedwebhook/endpoints/update' as string as VeltEndpoint,
	getAdvancedWebhookConfig: '/v2/workspace/advancedwebhookconfig/get' as string as VeltEndpoint,
	getWebhookConfig: '/v2/workspace/webhookconfig/get' as string as VeltEndpoint,
} as const;

/** Documented (endpoints/get): limit "Integer between `1` and `250`". */
export const ENDPOINT_LIST_PAGE_SIZE = 250;
