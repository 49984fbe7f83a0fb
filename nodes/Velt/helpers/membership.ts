import type { IDataObject } from 'n8n-workflow';
import type { MatchedAnswers } from '../../shared/execution/perIdAnswers';

/** An Add Users or Remove Users item's output once Velt did every user: the group and the users. */
export function membershipSummary(
	verb: 'added' | 'deleted',
	extra: (sent: IDataObject) => IDataObject,
) {
	return (matched: MatchedAnswers, sent: IDataObject): IDataObject => {
		const userIds = matched.answers.map((answer) => answer.id);
		return {
			...extra(sent),
			organizationId: sent.organizationId,
			organizationUserGroupId: sent.organizationUserGroupId,
			[`${verb}Ids`]: userIds,
			[`${verb}Count`]: userIds.length,
		};
	};
}
