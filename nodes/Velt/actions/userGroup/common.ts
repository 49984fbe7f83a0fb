import type { INodeProperties } from 'n8n-workflow';

/** The group users are added to or removed from. */
export const userGroupIdField: INodeProperties = {
	displayName: 'User Group ID',
	name: 'organizationUserGroupId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. engineering',
	description: 'The ID of the organization user group',
};

export const groupUserIdsField: INodeProperties = {
	displayName: 'User IDs',
	name: 'userIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. u1, u2',
	description: 'User IDs separated by commas, or an array from an expression',
};
