import type { INodeProperties } from 'n8n-workflow';

// Fields the action node and the polling trigger both show.

export const organizationIdField: INodeProperties = {
	displayName: 'Organization ID',
	name: 'organizationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. acme-inc',
	description: 'The Velt organization the notifications belong to',
};

export const documentIdField: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	default: '',
	placeholder: 'e.g. deal-4711',
	description: 'The Velt document the notifications belong to',
};

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	description: 'The ID your app gives the user in Velt',
};

export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	description: 'Only notifications at this location inside the document',
};
