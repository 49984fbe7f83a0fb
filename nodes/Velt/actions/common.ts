import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../shared/errors';
import type { ItemParameters } from '../../shared/execution/operationSetup';
import {
	distinctIds,
	type FieldRef,
	optionalString,
	parseJsonObject,
	parseJsonValue,
	parseUser,
	requireNonEmptyString,
	type VeltUser,
} from '../../shared/parameters';
import { locatorValue, resourceLocatorField } from '../../shared/resourceLocator';
import { readOrganizationId } from '../../shared/scope';
import { documentIdField, idListField, organizationIdField } from '../../shared/descriptions';

// What the comment thread and comment operations of the Velt node share: where they act
// (organization, document, thread), id lists and filters, and value readers. Velt's per-id
// answers are read by nodes/shared/execution/perIdAnswers.ts.

export {
	pagedReadOptions,
	perItemExecutionOptions,
	returnAllFields,
	sortedByDisplayName,
} from '../../shared/execution/options.descriptions';

/** Where the Velt Trigger (advanced webhooks) puts the ids, for the field descriptions. */
export const FROM_TRIGGER = {
	organizationId: '{{ $json.data.metadata.organization.organizationId }}',
	documentId: '{{ $json.data.metadata.documentMetadata.documentId }}',
	annotationId: '{{ $json.data.commentAnnotation.annotationId }}',
	commentId: '{{ $json.data.targetComment.commentId }}',
	userId: '{{ $json.data.actionUser.userId }}',
};

export function organizationField(description: string, required = true): INodeProperties {
	return {
		...organizationIdField,
		required,
		description: `${description}. From the Velt Trigger map ${FROM_TRIGGER.organizationId}.`,
	};
}

export function documentField(description: string, required = true): INodeProperties {
	return {
		...documentIdField,
		required,
		description: `${description}. From the Velt Trigger map ${FROM_TRIGGER.documentId}.`,
	};
}

export const annotationIdField: INodeProperties = resourceLocatorField({
	displayName: 'Comment Thread',
	name: 'annotationId',
	searchListMethod: 'searchCommentThreads',
	required: true,
	placeholder: 'e.g. -O0mpUziLcBwzREvZKs6',
	listPlaceholder: 'Select a comment thread...',
	description: `The comment thread (Velt's annotationId), listed from the document above. From the Velt Trigger map ${FROM_TRIGGER.annotationId}.`,
});

export const annotationIdsField: INodeProperties = {
	displayName: 'Comment Thread IDs',
	name: 'annotationIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. -O0mpUziLcBwzREvZKs6, -O0mpVbc',
	description: `Comment thread IDs (annotationId) separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.annotationId}.`,
};

export function jsonField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

export const contextField = jsonField(
	'Context',
	'context',
	'Custom data and access context, e.g. {"access": {"dashboardId": "sales"}}',
);

export function field(node: INode, itemIndex: number, label: string, parameter?: string): FieldRef {
	return { node, itemIndex, label, parameter };
}

/** organizationId and documentId of one item; a picker nested in a collection arrives as a locator. */
export function readScope(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	options: {
		organization?: 'required' | 'optional';
		document?: 'required' | 'optional' | 'none';
	} = {},
): IDataObject {
	const scope: IDataObject = {};
	const organization = optionalString(locatorValue(parameters.organizationId));
	if (options.organization === 'optional') {
		if (organization !== undefined) scope.organizationId = organization;
	} else {
		scope.organizationId = readOrganizationId(parameters.organizationId, node, itemIndex);
	}
	const documentMode = options.document ?? 'required';
	if (documentMode === 'required') {
		scope.documentId = requireNonEmptyString(
			locatorValue(parameters.documentId),
			field(node, itemIndex, 'Document', 'documentId'),
		);
	} else if (documentMode === 'optional') {
		const document = optionalString(locatorValue(parameters.documentId));
		if (document !== undefined) scope.documentId = document;
	}
	return scope;
}

export function readAnnotationId(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): string {
	// A picker; workflows saved with the ID as plain text keep working (locatorValue reads both).
	const id = requireNonEmptyString(
		locatorValue(parameters.annotationId),
		field(node, itemIndex, 'Comment Thread', 'annotationId'),
	);
	if (id.includes(':')) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment Thread',
			`"${id}" contains ":", which Velt does not allow in an annotationId`,
			'Use an ID without ":".',
			{ parameter: 'annotationId' },
		);
	}
	return id;
}

/** The thread an item's comment operation acts in: organization, document, annotationId. */
export function readThread(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	return {
		...readScope(parameters, node, itemIndex),
		annotationId: readAnnotationId(parameters, node, itemIndex),
	};
}

export interface IdFilter {
	name: string;
	label: string;
	/** Velt's cap on the list, where documented. */
	max?: number;
}

/** The id-list filters given in a collection, each as Velt takes it; empty ones left out. */
export function readIdFilters(
	given: IDataObject,
	filters: readonly IdFilter[],
	node: INode,
	itemIndex: number,
	prefix = 'filters',
): IDataObject {
	const query: IDataObject = {};
	for (const { name, label, max } of filters) {
		const ids = readIdList(given[name], field(node, itemIndex, label, `${prefix}.${name}`), max);
		if (ids.length > 0) query[name] = ids;
	}
	return query;
}

export const authorUserIdsFilter = (description: string): INodeProperties =>
	idListField('Author User IDs', 'userIds', `${description}: IDs separated by commas`);

export const locationIdsFilter = (description: string): INodeProperties =>
	idListField('Location IDs', 'locationIds', `${description}: IDs separated by commas`);

/** Distinct ids, at most `max` when given (Velt's "≤30" filters). */
export function readIdList(value: unknown, ref: FieldRef, max?: number): string[] {
	const ids = distinctIds(value, ref);
	if (max !== undefined && ids.length > max) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			`has ${ids.length} IDs, but Velt takes at most ${max} in one call`,
			`Give at most ${max}, or split the list over several items.`,
			{ parameter: ref.parameter },
		);
	}
	return ids;
}

/** Comment ids are numbers in Velt (e.g. 153783). */
export function readCommentIds(value: unknown, ref: FieldRef): number[] {
	return distinctIds(value, ref).map((text) => {
		const id = Number(text);
		if (!Number.isSafeInteger(id) || id < 0) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				ref.label,
				`"${text}" is not a comment ID (comment IDs are whole numbers, e.g. 153783)`,
				'Give comment IDs as numbers separated by commas, e.g. from Get Many or the Velt Trigger.',
				{ parameter: ref.parameter },
			);
		}
		return id;
	});
}

/** A whole number or undefined when empty (timestamps in ms, occurrences). */
export function optionalInteger(value: unknown, ref: FieldRef): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isSafeInteger(number)) {
		throw invalidParameterError(
			ref.node,
			ref.itemIndex,
			ref.label,
			`must be a whole number, got ${JSON.stringify(value)}`,
			'Give a number, e.g. a time in milliseconds since 1970 such as 1720441573192.',
			{ parameter: ref.parameter },
		);
	}
	return number;
}

/** A timestamp in ms given as a number or a date (n8n's dateTime fields give ISO text). */
export function optionalTimestamp(value: unknown, ref: FieldRef): number | undefined {
	if (typeof value === 'string' && value.trim() !== '' && !/^\d+$/.test(value.trim())) {
		const time = Date.parse(value);
		if (Number.isNaN(time)) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				ref.label,
				`"${value}" is not a date`,
				'Give a date such as 2026-01-31T09:00:00Z or a time in milliseconds.',
				{ parameter: ref.parameter },
			);
		}
		return time;
	}
	return optionalInteger(value, ref);
}

export function optionalJsonObject(value: unknown, ref: FieldRef): IDataObject | undefined {
	const object = parseJsonObject(value, ref);
	return object === undefined || Object.keys(object).length === 0 ? undefined : object;
}

/** A JSON array (of objects), empty or unset meaning none. */
export function optionalJsonArray(value: unknown, ref: FieldRef): IDataObject[] | undefined {
	const parsed = parseJsonValue(value, ref);
	if (parsed === undefined) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	list.forEach((entry, position) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw invalidParameterError(
				ref.node,
				ref.itemIndex,
				`${ref.label} #${position + 1}`,
				'must be a JSON object',
				'Give an array of objects.',
				{ parameter: ref.parameter },
			);
		}
	});
	return list.length === 0 ? undefined : (list as IDataObject[]);
}

/** A user given as an ID or as a JSON user object (assignee, resolver). */
export function readUserValue(value: unknown, ref: FieldRef): VeltUser | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string' && value.trim().startsWith('{'))
		return parseUser(parseJsonObject(value, ref), ref);
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return parseUser(value, ref);
}
