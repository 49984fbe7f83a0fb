import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	actionTypeFields,
	featureTypesField,
	readActivityFilters,
	simplifyActivity,
	targetEntityField,
} from '../shared/activities';
import { documentIdField, organizationIdField, userIdField } from '../shared/descriptions';
import { listSearch } from '../shared/listSearch';
import { veltApiTest } from '../shared/credentialTest';
import {
	maxPagesPerPollField,
	newestFirstPages,
	pollNewestFirst,
	readMaxPagesPerPoll,
} from '../shared/newestFirstPoll';
import { ACTIVITY_ENDPOINTS, getVeltConnection } from '../shared/transport';

export class VeltActivityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velt Activity Trigger',
		name: 'veltActivityTrigger',
		icon: {
			light: 'file:../../icons/velt.svg',
			dark: 'file:../../icons/velt.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New activities in " + $parameter["organizationId"]}}',
		description:
			'Start a workflow on new activity in Velt documents (comments, reactions, recordings, edits, your own events), on every Velt plan',
		defaults: { name: 'Velt Activity Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veltApi', required: true, testedBy: 'veltApiTest' }],
		properties: [
			{ ...organizationIdField, description: 'The Velt organization whose activity to watch' },
			{
				...documentIdField,
				description: 'Watch this document only; leave empty for every document of the organization',
			},
			{ ...featureTypesField, description: 'Watch these features only; none means every feature' },
			...actionTypeFields,
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a compact activity: a one-line summary as the feed shows it, plus its IDs, instead of the raw data',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						...userIdField,
						displayName: 'Action User',
						description: 'Watch the activities of this user only',
					},
					maxPagesPerPollField('activities'),
					{
						...targetEntityField,
						description:
							'Watch the activities about this entity only: a comment thread of the document (listed), or any ID',
					},
				],
			},
		],
	};

	methods = { listSearch, credentialTest: { veltApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const query = readActivityFilters(
			{
				organizationId: this.getNodeParameter('organizationId', undefined, { extractValue: true }),
				documentId: this.getNodeParameter('documentId', '', { extractValue: true }),
				featureTypes: this.getNodeParameter('featureTypes', []),
				actionTypes: this.getNodeParameter('actionTypes', []),
				otherActionTypes: this.getNodeParameter('otherActionTypes', ''),
				userId: options.userId,
				targetEntityId: options.targetEntityId,
			} as IDataObject,
			this.getNode(),
			0,
		);
		const simplify = this.getNodeParameter('simplify', true) !== false;
		const connection = await getVeltConnection.call(this);
		const fresh = await pollNewestFirst(
			this,
			connection,
			newestFirstPages(this, connection, ACTIVITY_ENDPOINTS.getActivities, query),
			readMaxPagesPerPoll(options),
		);
		if (fresh === null) return null;
		return [fresh.map((json) => ({ json: simplify ? simplifyActivity(json) : json }))];
	}
}
