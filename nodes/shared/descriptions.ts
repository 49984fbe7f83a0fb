import type { INodeProperties } from 'n8n-workflow';
import { resourceLocatorField } from './resourceLocator';

// Fields the action node and the polling trigger both show. Organization, document and
// user are pickers (resource locators) listing what Velt has; their methods are in listSearch.ts.

export const organizationIdField: INodeProperties = resourceLocatorField({
	displayName: 'Organization',
	name: 'organizationId',
	searchListMethod: 'searchOrganizations',
	required: true,
	placeholder: 'e.g. acme-inc',
	listPlaceholder: 'Select an organization...',
	description: 'The Velt organization the notifications belong to',
});

export const documentIdField: INodeProperties = resourceLocatorField({
	displayName: 'Document',
	name: 'documentId',
	searchListMethod: 'searchDocuments',
	placeholder: 'e.g. deal-4711',
	listPlaceholder: 'Select a document...',
	description: 'The Velt document the notifications belong to',
});

export const userIdField: INodeProperties = resourceLocatorField({
	displayName: 'User',
	name: 'userId',
	searchListMethod: 'searchUsers',
	placeholder: 'e.g. user-1',
	listPlaceholder: 'Select a user...',
	description: 'The user, by the ID your app gives them in Velt',
});

export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	description: 'Only notifications at this location inside the document',
};
