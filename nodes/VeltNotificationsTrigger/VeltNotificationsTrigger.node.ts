import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	documentIdField,
	locationIdField,
	organizationIdField,
	userIdField,
} from '../shared/descriptions';
import { listSearch } from '../shared/listSearch';
import { veltApiTest } from '../shared/credentialTest';
import {
	maxPagesPerPollField,
	newestFirstPages,
	pollNewestFirst,
	readMaxPagesPerPoll,
} from '../shared/newestFirstPoll';
import { buildNotificationQuery, simplifyNotification } from '../shared/notifications';
import { ENDPOINTS, getVeltConnection } from '../shared/transport';

export class VeltNotificationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velt Notifications Trigger',
		name: 'veltNotificationsTrigger',
		icon: {
			light: 'file:../../icons/velt.svg',
			dark: 'file:../../icons/velt.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New notifications in " + $parameter["organizationId"]}}',
		// n8n's node picker merges this trigger with the action node (type name + "Trigger") into one
		// "Velt Notifications" entry that shows this text, so it describes both.
		description:
			'Start a workflow when new Velt in-app notifications arrive, or send, read, update and delete them',
		defaults: { name: 'Velt Notifications Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veltApi', required: true, testedBy: 'veltApiTest' }],
		properties: [
			organizationIdField,
			{
				...documentIdField,
				description:
					'Watch the notifications of this document. Choose a document, a user, or both.',
			},
			{
				...userIdField,
				description: 'Watch the notifications for this user. Choose a document, a user, or both.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a compact notification with the headline rendered as plain text instead of the raw data',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [locationIdField, maxPagesPerPollField('notifications')],
			},
		],
	};

	methods = { listSearch, credentialTest: { veltApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const query = buildNotificationQuery(
			{
				organizationId: this.getNodeParameter('organizationId', undefined, { extractValue: true }),
				documentId: this.getNodeParameter('documentId', '', { extractValue: true }),
				userId: this.getNodeParameter('userId', '', { extractValue: true }),
				locationId: options.locationId,
			},
			node,
			0,
		);
		const simplify = this.getNodeParameter('simplify', true) !== false;
		const connection = await getVeltConnection.call(this);
		const fresh = await pollNewestFirst(
			this,
			connection,
			newestFirstPages(this, connection, ENDPOINTS.getNotifications, query),
			readMaxPagesPerPoll(options),
		);
		if (fresh === null) return null;
		const readFor = { userId: query.userId as string | undefined };
		return [fresh.map((json) => ({ json: simplify ? simplifyNotification(json, readFor) : json }))];
	}
}
