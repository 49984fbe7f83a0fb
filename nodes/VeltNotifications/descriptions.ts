import type { INodeProperties } from 'n8n-workflow';
import { userValueFields } from '../shared/descriptions';

// The Velt Notifications node's fields that more than one operation shows.

export const verifyUserPermissionsField: INodeProperties = {
	displayName: 'Verify User Permissions',
	name: 'verifyUserPermissions',
	type: 'boolean',
	default: false,
	description: 'Whether Velt should only reach users who have access to the document',
};

export function actionUserField(description: string): INodeProperties {
	return {
		displayName: 'Action User',
		name: 'actionUser',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Action User',
		description,
		options: [
			{
				displayName: 'User',
				name: 'user',
				values: [
					...userValueFields,
					{ displayName: 'Photo URL', name: 'photoUrl', type: 'string', default: '' },
				],
			},
		],
	};
}

export function jsonObjectField(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

export const headlineTemplateDataField: INodeProperties = {
	displayName: 'Headline Template Data',
	name: 'displayHeadlineMessageTemplateData',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Template Variable',
	description:
		'Values for the {placeholders} of the headline. A value may be a user given as JSON, e.g. {"userId": "u1", "name": "Ana"}.',
	options: [
		{
			displayName: 'Variable',
			name: 'values',
			values: [
				{
					displayName: 'Name',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. actionUser',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/** Content fields Add and Update share; each operation adds its own around them. */
export const notificationContentFields: INodeProperties[] = [
	actionUserField('The user who caused the notification, e.g. who closed the deal'),
	{
		displayName: 'Body',
		name: 'displayBodyMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The secondary text under the headline',
	},
	{
		displayName: 'Body Template',
		name: 'displayBodyMessageTemplate',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'A body with {placeholders}, filled from Body Template Data',
	},
	jsonObjectField(
		'Body Template Data',
		'displayBodyMessageTemplateData',
		'Values for the {placeholders} of the body template, as a JSON object',
	),
	jsonObjectField(
		'Context',
		'context',
		'Restricts who sees the notification to users whose context permissions match, e.g. {"access": {"dashboardId": "sales"}}',
	),
	headlineTemplateDataField,
	jsonObjectField(
		'Location',
		'location',
		'Where in the document the notification points, e.g. {"id": "section-2", "locationName": "Pricing"}',
	),
	jsonObjectField(
		'Metadata',
		'metadata',
		'Any extra data to store with the notification, as a JSON object',
	),
	jsonObjectField(
		'Notification Source Data',
		'notificationSourceData',
		'Any JSON object; Velt hands it back to your app when the user clicks the notification',
	),
];

export const notificationIdsField: INodeProperties = {
	displayName: 'Notification IDs',
	name: 'notificationIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. n8n-1a2b, n8n-3c4d',
	description: 'Notification IDs separated by commas, or an array from an expression',
};
