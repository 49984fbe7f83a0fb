import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdOutcome, readPerIdAnswers } from '../../../shared/execution/perIdAnswers';
import { additionalFieldsCollection } from '../../../shared/descriptions';
import {
	additionalFieldsOf,
	optionalString,
	requireNonEmptyString,
} from '../../../shared/parameters';
import { readScope } from '../../../shared/scope';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { createSwitchField, readCreateSwitches } from '../../../shared/createSwitches';
import {
	sortedByDisplayName,
	perItemExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import { userOrganizationField } from '../../descriptions';
const properties: INodeProperties[] = [
	{ ...userOrganizationField, description: 'The Velt organization the group belongs to' },
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. engineering',
		description: 'Your ID for the group. Creating a group whose ID exists renames it.',
	},
	additionalFieldsCollection(
		sortedByDisplayName([
			{
				displayName: 'Group Name',
				name: 'groupName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Engineering',
				description: 'The name shown for the group, e.g. when @mentioning it',
			},
			createSwitchField('createOrganization'),
		]),
	),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildCreateGroupRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = additionalFieldsOf(parameters);
	const field = (label: string, parameter: string) => ({ node, itemIndex, label, parameter });
	const { organizationId } = readScope(parameters, { organizationId: 'required' }, node, itemIndex);
	const group: IDataObject = {
		groupId: requireNonEmptyString(parameters.groupId, field('Group ID', 'groupId')),
	};
	const groupName = optionalString(extra.groupName);
	if (groupName !== undefined) group.groupName = groupName;
	return {
		organizationId,
		...readCreateSwitches(extra, ['createOrganization'], node, itemIndex),
		organizationUserGroups: [group],
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildCreateGroupRequest,
	// Adding a group again sets the same name, so a retry is harmless.
	send: sendOneCall(COLLABORATION_ENDPOINTS.addUserGroups),
	toOutcome: ({ data }, sent, itemIndex, node) => {
		const group = (sent.organizationUserGroups as IDataObject[])[0];
		const { answers } = readPerIdAnswers(data, { requested: [group.groupId as string] });
		return perIdOutcome(
			node,
			itemIndex,
			answers,
			{
				doing: 'create user group',
				hint: 'Check the group ID and that the organization exists, or switch on Create Organization under Additional Fields.',
			},
			() => ({
				organizationId: sent.organizationId,
				...group,
				...(answers[0].entry.id !== undefined ? { id: answers[0].entry.id } : {}),
				message: answers[0].message,
			}),
		);
	},
});
