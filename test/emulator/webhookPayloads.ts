/**
 * Webhook payloads shaped like the samples of https://docs.velt.dev/webhooks/advanced and https://docs.velt.dev/webhooks/basic,
 * with the workspace API key in `metadata.apiKey` as Velt sends it (receivers must scrub it).
 */
import { randomBytes } from 'crypto';

import { webhookActionTypeOf, webhookSourceOf } from './choices';
import type { JsonObject, VeltUser } from './store';

export interface WebhookPayloadContext {
	apiKey: string;
	organizationId: string;
	documentId: string;
	documentName?: string;
	actionUser?: VeltUser;
	webhookId?: string;
}

function metadataOf(context: WebhookPayloadContext): JsonObject {
	const { apiKey, organizationId, documentId } = context;
	const documentName = context.documentName ?? documentId;
	return {
		apiKey,
		document: { documentId, documentName },
		documentMetadata: { apiKey, documentId, documentName, organizationId },
		organization: { organizationId },
		organizationMetadata: { apiKey, organizationId },
	};
}

/** An advanced (v2) payload: `{actionType, data: {actionUser, metadata, ...}, event, platform, source, webhookId}`. */
export function makeAdvancedWebhookPayload(
	event: string,
	context: WebhookPayloadContext,
	data: JsonObject = {},
): JsonObject & { event: string } {
	const actionUser = context.actionUser ?? { userId: 'user-emulator', name: 'Emulator User' };
	return {
		actionType: webhookActionTypeOf(event),
		data: {
			actionUser: { ...actionUser, organizationId: context.organizationId },
			metadata: metadataOf(context),
			...data,
		},
		event,
		platform: 'sdk',
		source: webhookSourceOf(event),
		webhookId: context.webhookId ?? `-${randomBytes(12).toString('base64url')}`,
	};
}

/** A basic (v1) payload: `actionType` + `notificationSource`, no `event` (https://docs.velt.dev/webhooks/basic). */
export function makeBasicWebhookPayload(
	actionType: string,
	notificationSource: string,
	context: WebhookPayloadContext,
	extra: JsonObject = {},
): JsonObject {
	const actionUser = context.actionUser ?? { userId: 'user-emulator', name: 'Emulator User' };
	return {
		webhookId: context.webhookId ?? `-${randomBytes(12).toString('base64url')}`,
		actionType,
		notificationSource,
		actionUser,
		metadata: {
			apiKey: context.apiKey,
			clientDocumentId: context.documentId,
			clientOrganizationId: context.organizationId,
			documentId: context.documentId,
			organizationId: context.organizationId,
		},
		platform: 'sdk',
		...extra,
	};
}
