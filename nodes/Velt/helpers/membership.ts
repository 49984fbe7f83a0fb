import { IDataObject, INode } from 'n8n-workflow';
import { ItemOutcome } from '../../shared/execution/output';
import { IdAnswer, PerIdFailureText, perIdOutcome } from '../../shared/execution/perIdAnswers';

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
