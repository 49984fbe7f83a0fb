/**
 * The Velt node's refusal tables (test/fixtures/veltRefusals.json): a message given as
 * `{ pattern }` is a regular expression's source.
 */
import type { INodeParameters } from 'n8n-workflow';
import table from '../fixtures/veltRefusals.json';

type Message = string | { pattern: string };
const message = (given: Message) => (typeof given === 'string' ? given : new RegExp(given.pattern));

/** [case, parameters, message] rows of the user tables. */
export function refusals(
	name: 'userUpsert' | 'userGetAll',
): Array<[string, INodeParameters, RegExp]> {
	return (table[name] as unknown as Array<[string, INodeParameters, Message]>).map(
		([label, parameters, given]) => [label, parameters, message(given) as RegExp],
	);
}

/** [label, operation, parameters, message] rows of the user group table. */
export function groupRefusals(): Array<[string, string, INodeParameters, string]> {
	return table.userGroup as unknown as Array<[string, string, INodeParameters, string]>;
}

/** [case, parameters, message] rows of the comment thread table; base "create" spreads them over `create`. */
export function threadRefusals(create: INodeParameters): Array<[string, INodeParameters, RegExp]> {
	const rows = table.commentThread as unknown as Array<
		[string, 'create' | null, INodeParameters, Message]
	>;
	return rows.map(([label, base, parameters, given]) => [
		label,
		base === 'create' ? { ...create, ...parameters } : parameters,
		message(given) as RegExp,
	]);
}
