import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor } from '../../../shared/execution/perItemExecutor';
import { parseIdList, requireNonEmptyString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	perItemExecutionOptions,
	perUserAnswers,
	perUserFailure,
	requireIds,
	sendCollaborationCall,
	unique,
	userOrganizationField,
} from '../user/common';
import { groupUserIdsField, userGroupIdField } from './common';

const properties: INodeProperties[] = [
	{ ...userOrganizationField, description: 'The Velt organization the group belongs to' },
	userGroupIdField,
	{
		...groupUserIdsField,
		description: `The users to add to the group. ${groupUserIdsField.description}.`,
	},
	perItemExecutionOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['addUsers'] } },
	properties,
);

/** The organization and group of an Add Users or Remove Users item, validated. */
export function readGroup(parameters: ItemParameters, node: INode, itemIndex: number): IDataObject {
	const field = (label: string, parameter: string) => ({ node, itemIndex, label, parameter });
	return {
		organizationId: requireNonEmptyString(
			locatorValue(parameters.organizationId),
			field('Organization', 'organizationId'),
		),
		organizationUserGroupId: requireNonEmptyString(
			parameters.organizationUserGroupId,
			field('User Group ID', 'organizationUserGroupId'),
		),
	};
}

/** The item's user IDs: plain IDs only (parseIdList refuses objects), at least one. */
export function readGroupUserIds(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	what: string,
): string[] {
	const userIds = unique(
		parseIdList(parameters.userIds, { node, itemIndex, label: 'User IDs', parameter: 'userIds' }),
	);
	requireIds(
		userIds,
		node,
		itemIndex,
		'User IDs',
		'userIds',
		`Give the IDs of the users to ${what}, separated by commas, or map them from a previous node.`,
	);
	return userIds;
}

export function buildAddUsersToGroupRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	return {
		...readGroup(parameters, node, itemIndex),
		userIds: readGroupUserIds(parameters, node, itemIndex, 'add to the group'),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildAddUsersToGroupRequest,
	send: sendCollaborationCall(COLLABORATION_ENDPOINTS.addUsersToGroup),
	toOutcome: ({ data }, sent, itemIndex, node) => {
		const userIds = sent.userIds as string[];
		const failure = perUserFailure(
			node,
			itemIndex,
			'add to the user group user',
			perUserAnswers(data, userIds),
			'Check the user IDs and that the group exists (create it with User Group > Create).',
		);
		if (failure !== undefined) return failure;
		const json: IDataObject = {
			success: true,
			organizationId: sent.organizationId,
			organizationUserGroupId: sent.organizationUserGroupId,
			addedIds: userIds,
			addedCount: userIds.length,
		};
		return { json };
	},
});
