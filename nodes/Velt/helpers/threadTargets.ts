import type { IDataObject, INode } from 'n8n-workflow';
import { invalidParameterError } from '../../shared/errors';
import type { ItemParameters } from '../../shared/execution/operationSetup';
import type { IdFilter } from '../../shared/parameters';
import { readIdList, field, readIdFilters } from '../../shared/parameters';
import {
	requireAuthorSwitch,
	requireAuthorLiterals,
	requireNarrowedInTool,
} from '../../shared/tool';

// Which threads an Update or Delete touches: explicit ids, or (only when the workflow's
// author switched it on in the node) every thread of the document matching the filters.

export interface ThreadTargets {
	annotationIds: string[];
	filters: IDataObject;
}

/** The ids and filters of an Update or Delete, refused when nothing explicit narrows it. */
export function readThreadTargets(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
	verb: 'update' | 'delete',
	idFilters: readonly IdFilter[],
	valueFilters: readonly string[] = [],
): ThreadTargets {
	const all = verb === 'update' ? 'updateAllMatching' : 'deleteAllMatching';
	const label = verb === 'update' ? 'Update All Matching Threads' : 'Delete All Matching Threads';
	const annotationIds = readIdList(
		parameters.annotationIds,
		field(node, itemIndex, 'Comment Thread IDs', 'annotationIds'),
	);
	const given = (parameters.filters ?? {}) as IDataObject;
	const filters = readIdFilters(given, idFilters, node, itemIndex);
	for (const name of valueFilters) {
		if (given[name] !== undefined && given[name] !== '' && given[name] !== false)
			filters[name] = given[name];
	}
	if (annotationIds.length > 0) return { annotationIds, filters };
	if (parameters[all] !== true) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Comment Thread IDs',
			`is empty, so the ${verb} would reach every thread of the document${Object.keys(filters).length > 0 ? ' the filters match' : ''}`,
			`Give the IDs of the threads to ${verb}, or switch on ${label} in the node.`,
			{
				parameter: 'annotationIds',
				fix: `Give the IDs of the comment threads to ${verb}, e.g. "-O0mpUziLcBwzREvZKs6" (Get Many lists them).`,
			},
		);
	}
	const rule = {
		label,
		problem: `an AI agent cannot ${verb} every thread of a document`,
		fix: `Switch ${label} on in the node itself, with the filters set there without $fromAI (or, in a tool, expressions).`,
		fixForModel: `Give the IDs of the comment threads to ${verb}. This tool cannot ${verb} all threads of a document.`,
	};
	requireAuthorSwitch(node, itemIndex, { ...rule, parameter: all });
	requireAuthorLiterals(
		node,
		itemIndex,
		[
			'annotationIds',
			'organizationId',
			'documentId',
			'filters',
			...[...idFilters.map(({ name }) => name), ...valueFilters].map((name) => `filters.${name}`),
		],
		{ ...rule, parameter: 'annotationIds' },
	);
	requireNarrowedInTool(node, itemIndex, Object.keys(filters).length > 0, {
		...rule,
		parameter: 'annotationIds',
		problem: `${rule.problem}: in a tool, ${label} needs a filter set in the node itself`,
		fix: `Set at least one filter in the node itself, each field on its own (a Filters collection given as one expression is dropped by n8n), or give the thread IDs.`,
	});
	return { annotationIds, filters };
}

/** The filters Update and Delete take, as Velt names them. */
export const LOCATION_IDS: IdFilter = { name: 'locationIds', label: 'Location IDs' };
export const AUTHOR_USER_IDS: IdFilter = { name: 'userIds', label: 'Author User IDs' };
