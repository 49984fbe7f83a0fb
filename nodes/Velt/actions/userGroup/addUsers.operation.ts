import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome } from '../../../shared/execution/perIdAnswers';
import { allowToolAddUsersField, requireToolMayAddUsers } from '../../../shared/createSwitches';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readUserIds } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { userOrganizationField, userGroupIdField, groupUserIdsField } from '../../descriptions';
import { membershipSummary } from '../../helpers/membership';
const properties: INodeProperties[] = [
	{ ...userOrganizationField, description: 'The Velt organization the group belongs to' },
	userGroupIdField,
	groupUserIdsField('add to the group'),
	allowToolAddUsersField('add users to groups'),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildAddUsersToGroupRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	// A group can grant access (e.g. to what is shared with it); in a tool only the author allows adding.
	requireToolMayAddUsers(node, itemIndex, 'add users to groups');
	return {
		...readScope(parameters, SCOPES.group, node, itemIndex),
		userIds: readUserIds(parameters, node, itemIndex, 'add to the group'),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildAddUsersToGroupRequest,
	// Adding users already in the group changes nothing, so a retry is harmless.
	send: sendOneCall(COLLABORATION_ENDPOINTS.addUsersToGroup),
	toOutcome: perIdWriteOutcome({
		ids: 'userIds',
		failure: {
			doing: 'add to the user group user',
			hint: 'Check the user IDs and that the group exists (create it with User Group > Create).',
		},
		summary: membershipSummary('added', () => ({ success: true })),
	}),
});
