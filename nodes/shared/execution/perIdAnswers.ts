import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isPlainObject } from '../transport';
import type { ItemOutcome } from './output';

// Velt answers a write on a list of ids with one entry per id: {<id>: {success, message, ...}}.
// One policy for every such write of both action nodes: an id Velt reports as failed, or does
// not report at all, fails the item, naming each such id, Velt's reason and the ids that did
// succeed; the item's output is only ever built from ids that all succeeded.

/** What Velt said about one id. */
export interface IdAnswer {
	/** The id as the item asked for it, or Velt's key when the item asked by filters. */
	id: string;
	success: boolean;
	message: string;
	/** Velt's entry as it came ({} for an id Velt did not report). */
	entry: IDataObject;
}

/** The reason given for an id Velt's answer does not mention. */
export const NOT_REPORTED = 'not reported by Velt';

/** What a forgiven answer says instead of Velt's "not found". */
export const DONE_BY_EARLIER_ATTEMPT =
	'Done by an earlier attempt whose answer was lost (Velt answered this retry that it is gone).';

/** The same for a create carrying its own id, whose retry Velt answers "already exists". */
export const CREATED_BY_EARLIER_ATTEMPT =
	'Done by an earlier attempt whose answer was lost (Velt answered this retry that it already exists).';

/** Velt's per-id object as a Map of its own keys (ids such as `constructor` are Object.prototype names). */
export function readIdAnswers(data: unknown): Map<string, IdAnswer> {
	const answers = new Map<string, IdAnswer>();
	if (!isPlainObject(data)) return answers;
	for (const [id, value] of Object.entries(data)) {
		const entry = isPlainObject(value) ? value : {};
		answers.set(id, {
			id,
			success: entry.success === true,
			message: typeof entry.message === 'string' ? entry.message : '',
			entry,
		});
	}
	return answers;
}

/** Velt's answer for one id, or a failure when Velt did not report on it. */
export function answerFor(answers: ReadonlyMap<string, IdAnswer>, id: string | number): IdAnswer {
	const key = String(id);
	return answers.get(key) ?? { id: key, success: false, message: NOT_REPORTED, entry: {} };
}

export interface MatchedAnswers {
	/** One answer per requested id, in the item's order; every reported id when none was requested. */
	answers: IdAnswer[];
	/** Entries for ids the item did not ask for: counted, never output (a key could be anything). */
	unrequested: number;
	/** Whether the item named its ids (else it asked by filters and every reported id counts). */
	byIds: boolean;
}

/** Velt's answers matched to the ids the item asked for (none: asked by filters, all count). */
export function matchRequested(
	answers: ReadonlyMap<string, IdAnswer>,
	requested?: ReadonlyArray<string | number>,
): MatchedAnswers {
	if (requested === undefined || requested.length === 0) {
		return { answers: [...answers.values()], unrequested: 0, byIds: false };
	}
	const asked = new Set(requested.map(String));
	let unrequested = 0;
	for (const key of answers.keys()) if (!asked.has(key)) unrequested++;
	return { answers: requested.map((id) => answerFor(answers, id)), unrequested, byIds: true };
}

/**
 * After a retry (the first answer lost), an id the earlier attempt already removed is answered
 * as missing: that is the removal having worked, not a failure. For deletes and removals, and
 * for creates carrying their own id, whose retry is answered "already exists".
 */
export function forgiveRetriedRemovals(
	answers: IdAnswer[],
	attempts: number,
	missing: RegExp | undefined,
	done: string = DONE_BY_EARLIER_ATTEMPT,
): IdAnswer[] {
	if (missing === undefined || attempts <= 1) return answers;
	return answers.map((answer) =>
		!answer.success && missing.test(answer.message)
			? {
					...answer,
					success: true,
					message: done,
					// Velt's failure code (documents' "not-found") no longer applies.
					entry: { ...withoutCode(answer.entry), success: true, message: done },
				}
			: answer,
	);
}

function withoutCode(entry: IDataObject): IDataObject {
	const copy = { ...entry };
	delete copy.code;
	return copy;
}

/** Reads, matches and (after a retry) forgives one answer: what a per-item write needs. */
export function readPerIdAnswers(
	data: unknown,
	options: {
		requested?: ReadonlyArray<string | number>;
		attempts?: number;
		/** Velt's message for an id it does not have, on a delete or removal. */
		missingAfterRetry?: RegExp;
		/** What a forgiven answer says (DONE_BY_EARLIER_ATTEMPT unless given). */
		done?: string;
	} = {},
): MatchedAnswers {
	const matched = matchRequested(readIdAnswers(data), options.requested);
	return {
		...matched,
		answers: forgiveRetriedRemovals(
			matched.answers,
			options.attempts ?? 1,
			options.missingAfterRetry,
			options.done,
		),
	};
}

export interface PerIdFailureText {
	/** Completes "Velt could not <doing> <id> (<reason>)", e.g. "delete comment thread". */
	doing: string;
	/** What to check, for the error's description. */
	hint: string;
}

/**
 * The item's error when any id failed or was not reported; undefined when all succeeded. The
 * ids that did succeed are named in the description, so a partial write is never lost.
 */
export function perIdFailure(
	node: INode,
	itemIndex: number,
	answers: readonly IdAnswer[],
	text: PerIdFailureText,
): NodeOperationError | undefined {
	const failed = answers.filter((answer) => !answer.success);
	if (failed.length === 0) return undefined;
	const list = failed
		.map(({ id, message }) => `${id} (${message || 'no reason given'})`)
		.join(', ');
	const succeeded = answers.filter((answer) => answer.success).map(({ id }) => id);
	const done = succeeded.length > 0 ? ` Velt did ${text.doing} ${succeeded.join(', ')}.` : '';
	return new NodeOperationError(node, `Velt could not ${text.doing} ${list}`, {
		itemIndex,
		description: `${text.hint}${done}`,
	});
}

/** The item's outcome: its error under the per-id policy, else `toJson` of the answers. */
export function perIdOutcome(
	node: INode,
	itemIndex: number,
	answers: readonly IdAnswer[],
	text: PerIdFailureText,
	toJson: () => IDataObject,
): ItemOutcome {
	const error = perIdFailure(node, itemIndex, answers, text);
	return error !== undefined ? { error } : { json: toJson() };
}

/** A write's summary as the thread and comment operations output it (all ids succeeded). */
export function writeSummary(matched: MatchedAnswers, verb: 'updated' | 'deleted'): IDataObject {
	// Velt's own id (a comment's is a number); for ids the item named, only when it is that id.
	const results = matched.answers.map(({ id, entry }) => ({
		...entry,
		id: entry.id !== undefined && (!matched.byIds || String(entry.id) === id) ? entry.id : id,
	}));
	const ids = results.map((entry) => entry.id);
	return {
		[verb]: true,
		[`${verb}Ids`]: ids,
		[`${verb}Count`]: ids.length,
		...(matched.unrequested > 0 ? { unrequestedEntryCount: matched.unrequested } : {}),
		results,
	};
}

/**
 * The toOutcome of a per-item write Velt answers per id: the ids sent under `ids` (none sent:
 * the ids Velt names), read, matched and judged by the one policy above.
 */
export function perIdWriteOutcome(options: {
	ids: string;
	/** Velt's message for an id it does not have, on a delete or removal. */
	missingAfterRetry?: RegExp;
	failure: PerIdFailureText;
	summary: (matched: MatchedAnswers, sent: IDataObject) => IDataObject;
}) {
	return (
		{ data, attempts }: { data: unknown; attempts: number },
		sent: IDataObject,
		itemIndex: number,
		node: INode,
	): ItemOutcome => {
		const matched = readPerIdAnswers(data, {
			requested: sent[options.ids] as ReadonlyArray<string | number> | undefined,
			attempts,
			missingAfterRetry: options.missingAfterRetry,
		});
		return perIdOutcome(node, itemIndex, matched.answers, options.failure, () =>
			options.summary(matched, sent),
		);
	};
}
