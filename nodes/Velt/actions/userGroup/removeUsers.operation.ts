import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdWriteOutcome } from '../../../shared/execution/perIdAnswers';
import { requireAuthorSwitch } from '../../../shared/tool';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readUserIds } from '../../../shared/parameters';
import { readScope, SCOPES } from '../../../shared/scope';
import { userOrganizationField, userGroupIdField, groupUserIdsField } from '../../descriptions';
import { membershipSummary } from '../../helpers/membership';
/** The emulator's reading of a user not in the group (the docs are silent); matched loosely. */
const NOT_IN_GROUP = /not in|does not exist|not found/i;

const properties: INodeProperties[] = [
	{ ...userOrganizationField, description: 'The Velt organization the group belongs to' },
	userGroupIdField,
	{
		displayName: 'Remove All Users',
		name: 'deleteAll',
		type: 'boolean',
		default: false,
		description:
			"Whether to empty the group, removing every user from it. When the node is an AI agent's tool, only a switch set here takes effect, never a value from the model or an expression.",
	},
	{
		...groupUserIdsField('remove from the group'),
		displayOptions: { show: { deleteAll: [false] } },
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildRemoveUsersRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const group = readScope(parameters, SCOPES.group, node, itemIndex);
	if (parameters.deleteAll === true) {
		requireAuthorSwitch(node, itemIndex, {
			parameter: 'deleteAll',
			label: 'Remove All Users',
			problem: 'an AI agent cannot empty a user group',
			fix: 'Switch Remove All Users on in the node itself (not from $fromAI or, in a tool, an expression), or give the user IDs.',
			fixForModel:
				'Set it to false and give the IDs of the users to remove, e.g. "u1, u2". Only the workflow\'s author can empty a group, in the node itself.',
		});
		return { ...group, deleteAll: true };
	}
	return {
		...group,
		userIds: readUserIds(parameters, node, itemIndex, 'remove from the group'),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildRemoveUsersRequest,
	send: sendOneCall(COLLABORATION_ENDPOINTS.deleteUsersFromGroup),
	// With deleteAll (no ids sent), the users removed are the ones Velt names.
	toOutcome: perIdWriteOutcome({
		ids: 'userIds',
		missingAfterRetry: NOT_IN_GROUP,
		failure: {
			doing: 'remove from the user group user',
			hint: 'Check that the users are in this group and that the group exists.',
		},
		summary: membershipSummary('deleted', (sent) => ({
			deleted: true,
			...(sent.deleteAll === true ? { deleteAll: true } : {}),
		})),
	}),
});
