import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import {
	field,
	readIdFilters,
	readIdList,
	requireNonEmptyString,
	requireSomeIds,
} from '../../../shared/parameters';
import { locatorValue } from '../../../shared/resourceLocator';
import { additionalFieldsCollection, idListField, userIdField } from '../../../shared/descriptions';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import { organizationField, FROM_TRIGGER } from '../../descriptions';
/** Documented: documentIds takes at most 30 documents. */
const MAX_DOCUMENTS = 30;

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the documents'),
	{
		displayName: 'Document IDs',
		name: 'documentIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. deal-4711, deal-4712',
		description: `The documents to count threads of (at most 30): IDs separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.documentId}.`,
	},
	{
		...userIdField,
		required: true,
		description:
			'The user whose unread threads are counted (total counts the threads this user can see)',
	},
	additionalFieldsCollection([
		idListField(
			'Status IDs',
			'statusIds',
			'Count only threads with these statuses: IDs separated by commas',
			'e.g. OPEN, IN_PROGRESS',
		),
	]),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildCountRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const extra = (parameters.additionalFields ?? {}) as IDataObject;
	const data = readScope(parameters, SCOPES.organization, node, itemIndex);
	const documentIds = readIdList(
		parameters.documentIds,
		field(node, itemIndex, 'Document IDs', 'documentIds'),
		MAX_DOCUMENTS,
	);
	requireSomeIds(
		documentIds,
		field(node, itemIndex, 'Document IDs', 'documentIds'),
		'Give at least one document ID.',
	);
	data.documentIds = documentIds;
	data.userId = requireNonEmptyString(
		locatorValue(parameters.userId),
		field(node, itemIndex, 'User', 'userId'),
	);
	Object.assign(
		data,
		readIdFilters(
			extra,
			[{ name: 'statusIds', label: 'Status IDs' }],
			node,
			itemIndex,
			'additionalFields',
		),
	);
	return data;
}

export const execute = perItemExecutor({
	properties,
	prepare: buildCountRequest,
	send: sendOneCall(COLLABORATION_ENDPOINTS.getCommentAnnotationsCount),
	// One item per input item: the counts per document, and their sums.
	toOutcome: ({ data }, sent) => {
		const counts = (typeof data === 'object' && data !== null ? data : {}) as IDataObject;
		const documents = (sent.documentIds as string[]).map((documentId) => {
			const count = (counts[documentId] ?? {}) as IDataObject;
			return { documentId, total: Number(count.total ?? 0), unread: Number(count.unread ?? 0) };
		});
		return {
			json: {
				organizationId: sent.organizationId,
				userId: sent.userId,
				total: documents.reduce((sum, document) => sum + document.total, 0),
				unread: documents.reduce((sum, document) => sum + document.unread, 0),
				documents,
			},
		};
	},
});
