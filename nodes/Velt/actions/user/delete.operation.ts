import type { UserLevel } from '../../../shared/scope';
import type { INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome } from '../../../shared/execution/perIdAnswers';
import { additionalFieldsCollection, userIdsField } from '../../../shared/descriptions';
import { requireAuthorSwitch } from '../../../shared/tool';
import { isToolNode } from '../../../shared/toolRun';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	sortedByDisplayName,
	perItemExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import { additionalFieldsOf, readUserIds } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { userOrganizationField, userDocumentField, folderIdField } from '../../descriptions';
/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/users/delete-users): "User does not exist." */
const USER_MISSING = /does not exist/i;

export const ALLOW_TOOL_DELETE = 'allowToolDelete';

const properties: INodeProperties[] = [
	userOrganizationField,
	userIdsField(
		'The users to remove: IDs separated by commas, or an array from an expression. Velt has no "delete all", so IDs are always needed.',
	),
	{
		displayName: 'Allow Deleting Users as a Tool',
		name: ALLOW_TOOL_DELETE,
		type: 'boolean',
		default: false,
		description:
			"Whether an AI agent using this node as a tool may delete users. Off by default: then the tool refuses every delete. Only a switch set here counts, never a value from the model or an expression. Has no effect outside an agent's tools.",
	},
	additionalFieldsCollection(
		sortedByDisplayName([
			{
				...userDocumentField,
				description:
					'Remove the users from this document only. Leave empty (and no folder) to remove them from the organization, its documents, folders and groups.',
			},
			{ ...folderIdField, description: 'Remove the users from this folder only' },
		]),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export type DeleteUsersRequest = UserLevel & { userIds: string[] };

export function buildDeleteUsersRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): DeleteUsersRequest {
	// Deleting users is for the workflow's author to allow, never a model.
	if (isToolNode(node)) {
		requireAuthorSwitch(node, itemIndex, {
			parameter: ALLOW_TOOL_DELETE,
			label: 'Allow Deleting Users as a Tool',
			problem: 'is off, so this AI agent tool cannot delete users',
			fix: 'Switch Allow Deleting Users as a Tool on in the node itself if the agent may delete users.',
			fixForModel:
				"Do not delete users with this tool. Only the workflow's author can allow it, in the node itself.",
		});
	}
	const level = readScope(
		{ ...additionalFieldsOf(parameters), organizationId: parameters.organizationId },
		SCOPES.userLevel,
		node,
		itemIndex,
		'additionalFields.',
	);
	return { ...level, userIds: readUserIds(parameters, node, itemIndex, 'delete') };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildDeleteUsersRequest,
	// Deleting the same users again changes nothing, so a retry is harmless.
	send: sendOneCall(COLLABORATION_ENDPOINTS.deleteUsers),
	toOutcome: perIdWriteOutcome({
		ids: 'userIds',
		missingAfterRetry: USER_MISSING,
		failure: {
			doing: 'delete user',
			hint: 'Check that the user exists at this level (organization, document or folder) and that the ID is right.',
		},
		summary: (_, { userIds, ...level }) => ({
			deleted: true,
			...level,
			deletedIds: userIds,
			deletedCount: (userIds as string[]).length,
		}),
	}),
});
