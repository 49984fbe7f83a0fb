import type { INode, INodeProperties } from 'n8n-workflow';
import { additionalFieldsCollection, userIdField } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { GetOneRequest } from '../../../shared/execution/getOne';
import { getOneExecutor } from '../../../shared/execution/getOne';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { additionalFieldsOf, field, requireNonEmptyString } from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { DIRECTORY_ENDPOINTS } from '../../../shared/transport';
import { readScope, SCOPES } from '../../../shared/scope';
import {
	folderIdField,
	FROM_TRIGGER,
	userDocumentField,
	userOrganizationField,
} from '../../descriptions';

// users/get filtered by one userId (https://docs.velt.dev/api-reference/rest-apis/v2/users/get-users-v2).

const properties: INodeProperties[] = [
	userOrganizationField,
	{
		...userIdField,
		required: true,
		description: `The user to get, by the ID your app gives them in Velt. From the Velt Trigger map ${FROM_TRIGGER.userId}.`,
	},
	additionalFieldsCollection([
		{
			...userDocumentField,
			description: 'Look for the user at this document instead of the organization',
		},
		{
			...folderIdField,
			description:
				'Look for the user at this folder instead of the organization. Either a document or a folder.',
		},
	]),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildGetUserRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): GetOneRequest {
	const scope = readScope(
		{ ...additionalFieldsOf(parameters), organizationId: parameters.organizationId },
		SCOPES.userLevel,
		node,
		itemIndex,
		'additionalFields.',
	);
	const userId = requireNonEmptyString(
		locatorValue(parameters.userId),
		field(node, itemIndex, 'User', 'userId'),
	);
	return { data: { ...scope, userIds: [userId] }, id: userId };
}

export const execute = getOneExecutor({
	properties,
	prepare: buildGetUserRequest,
	endpoint: DIRECTORY_ENDPOINTS.getUsers,
	key: 'userId',
	notFound: ({ data }) => {
		const at = data.documentId ?? data.folderId;
		return {
			label: 'User',
			parameter: 'userId',
			where: `${at === undefined ? '' : `"${String(at)}" of `}organization "${String(data.organizationId)}"`,
			fix: 'Check the user ID and where the user was added (organization, document or folder): pick the user from the list, or create them with User > Create or Update.',
		};
	},
	output: (user) => user,
});
