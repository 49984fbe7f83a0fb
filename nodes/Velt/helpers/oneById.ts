import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemOutcome } from '../../shared/execution/output';

// A Get of one ID through a list endpoint (activities/get, recordings/get with its ID filter):
// the entry whose `idKey` is that ID, or an error that says what Velt answered instead.

export function oneById(
	data: unknown,
	id: string,
	idKey: string,
	what: { noun: string; organizationId: unknown; hint: string },
	itemIndex: number,
	node: INode,
): { found: IDataObject } | ItemOutcome {
	const list = (Array.isArray(data) ? data : []).filter(
		(entry): entry is IDataObject => typeof entry === 'object' && entry !== null,
	);
	const found = list.find((entry) => String(entry[idKey]) === id);
	if (found !== undefined) return { found };
	const answered =
		list.length > 0
			? ` (Velt answered ${list.length} other ${what.noun} entries for the one ID asked)`
			: '';
	return {
		error: new NodeOperationError(
			node,
			`Velt has no ${what.noun} "${id}" in ${String(what.organizationId)}${answered}`,
			{ itemIndex, description: what.hint },
		),
	};
}
