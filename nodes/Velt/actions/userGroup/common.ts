import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { userIdsField } from '../../../shared/descriptions';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import type { ItemOutcome } from '../../../shared/execution/output';
import { requireNonEmptyString } from '../../../shared/parameters';
import { readOrganizationId } from '../../../shared/scope';
import type { IdAnswer, PerIdFailureText } from '../../../shared/execution/perIdAnswers';
import { perIdOutcome } from '../../../shared/execution/perIdAnswers';

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

export const groupUserIdsField = (what: string): INodeProperties =>
	userIdsField(
		`The users to ${what}. User IDs separated by commas, or an array from an expression.`,
	);

/** The organization and group of an Add Users or Remove Users item, validated. */
export function readGroup(parameters: ItemParameters, node: INode, itemIndex: number): IDataObject {
	return {
		organizationId: readOrganizationId(parameters.organizationId, node, itemIndex),
		organizationUserGroupId: requireNonEmptyString(parameters.organizationUserGroupId, {
			node,
			itemIndex,
			label: 'User Group ID',
			parameter: 'organizationUserGroupId',
		}),
	};
}

/** An Add Users or Remove Users item's result: its error if Velt failed any user, else the summary. */
export function membershipOutcome(
	sent: IDataObject,
	answers: readonly IdAnswer[],
	verb: 'added' | 'deleted',
	failure: { node: INode; itemIndex: number } & PerIdFailureText,
	summary: IDataObject,
): ItemOutcome {
	return perIdOutcome(failure.node, failure.itemIndex, answers, failure, () => {
		const userIds = answers.map((answer) => answer.id);
		return {
			...summary,
			organizationId: sent.organizationId,
			organizationUserGroupId: sent.organizationUserGroupId,
			[`${verb}Ids`]: userIds,
			[`${verb}Count`]: userIds.length,
		};
	});
}
