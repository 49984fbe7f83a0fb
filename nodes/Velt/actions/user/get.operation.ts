import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { additionalFieldsCollection, userIdField } from '../../../shared/descriptions';
import { notFoundError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
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
): IDataObject {
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
	return { ...scope, userIds: [userId] };
}

export const execute = perItemExecutor({
	properties,
	prepare: buildGetUserRequest,
	send: sendOneCall(DIRECTORY_ENDPOINTS.getUsers),
	toOutcome: ({ data }, sent, itemIndex, node) => {
		const [userId] = sent.userIds as string[];
		const user = (Array.isArray(data) ? data : []).find(
			(entry): entry is IDataObject =>
				typeof entry === 'object' && entry !== null && entry.userId === userId,
		);
		if (user === undefined) {
			const at = sent.documentId ?? sent.folderId;
			return {
				error: notFoundError(node, itemIndex, {
					label: 'User',
					parameter: 'userId',
					id: userId,
					where: `${at === undefined ? '' : `"${String(at)}" of `}organization "${String(sent.organizationId)}"`,
					fix: 'Check the user ID and where the user was added (organization, document or folder): pick the user from the list, or create them with User > Create or Update.',
				}),
			};
		}
		return { json: user };
	},
});
