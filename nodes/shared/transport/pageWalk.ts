import type { VeltFailure } from './failure';

/**
 * Bounds on one paged read, so a misbehaving Velt (or a proxy in front of it) can never
 * make a node or a trigger loop: Velt repeating a page token, sending more on a page than
 * was asked, or paging without end. The defaults are far above any real workspace
 * (10,000 pages of Velt's default 1,000 is ten million notifications).
 */
export interface ReadLimits {
	/** Pages one read may fetch. */
	maxPages: number;
	/** Items one read may collect. */
	maxItems: number;
	/** Milliseconds one read may take, from its first page. */
	maxMs: number;
	/**
	 * The option a user raises each bound with, named in the error ("Max Pages per Read" in
	 * Get Many, the trigger's own names there); a bound without a name is reported without a hint.
	 */
	optionNames?: Partial<Record<'maxPages' | 'maxItems' | 'maxMs', string>>;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
	maxPages: 10_000,
	maxItems: 10_000_000,
	maxMs: 60 * 60 * 1000,
};

/** Velt broke the paging contract (not a bound the user set): run again, or report it. */
const PAGING_HINT =
	"Velt's pages did not follow its own paging rules, so the read was stopped rather than risk an endless or oversized read. Run it again; if it happens again, report it to Velt, or check a proxy in front of it.";

/**
 * Velt's answer broke a bound: never retried, always reported with what Velt did and how to
 * go on (hint), never as an answer that "is not JSON".
 */
function misbehaved(message: string, hint: string = PAGING_HINT): VeltFailure {
	return { kind: 'invalidResponse', message, hint };
}

/**
 * Watches one paged read. Call `afterPage` once per page Velt answered; it returns the
 * failure that ends the read, or undefined to go on. Every token seen is remembered, so
 * a cycle of any length is caught, within `maxPages` tokens.
 */
export class PageWalk {
	private readonly seenTokens = new Set<string>();
	private pages = 0;
	private items = 0;
	private readonly startedAt: number;

	constructor(
		private readonly limits: ReadLimits = DEFAULT_READ_LIMITS,
		private readonly now: () => number = Date.now,
	) {
		this.startedAt = now();
	}

	/**
	 * `requestedSize` is the page size that was asked for (Velt's default when none was sent);
	 * `nextToken` the token that came back, undefined on the last page.
	 */
	afterPage(
		itemsOnPage: number,
		requestedSize: number,
		nextToken?: string,
	): VeltFailure | undefined {
		this.pages++;
		this.items += itemsOnPage;
		if (itemsOnPage > requestedSize)
			return misbehaved(
				`Velt answered ${itemsOnPage} items on a page of at most ${requestedSize}; the read was stopped`,
			);
		if (nextToken !== undefined) {
			if (this.seenTokens.has(nextToken))
				return misbehaved(
					`Velt sent page token "${shorten(nextToken)}" again after ${this.pages} pages, so paging would never end; the read was stopped`,
				);
			this.seenTokens.add(nextToken);
		}
		if (this.items > this.limits.maxItems)
			return misbehaved(
				`Velt answered more than ${this.limits.maxItems} items for one read; the read was stopped${this.hint('maxItems')}`,
				this.boundHint('maxItems'),
			);
		if (nextToken !== undefined && this.pages >= this.limits.maxPages)
			return misbehaved(
				`Velt still had more pages after ${this.pages}; the read was stopped${this.hint('maxPages')}`,
				this.boundHint('maxPages'),
			);
		if (nextToken !== undefined && this.now() - this.startedAt > this.limits.maxMs)
			return misbehaved(
				`Velt still had more pages after ${formatDuration(this.limits.maxMs)} of reading; the read was stopped${this.hint('maxMs')}`,
				this.boundHint('maxMs'),
			);
		return undefined;
	}

	private hint(bound: 'maxPages' | 'maxItems' | 'maxMs'): string {
		const name = this.limits.optionNames?.[bound];
		return name === undefined ? '' : ` (raise Options > ${name} if this is expected)`;
	}

	/** A bound of the read was reached: narrow the read, or raise the bound where it has an option. */
	private boundHint(bound: 'maxPages' | 'maxItems' | 'maxMs'): string {
		const name = this.limits.optionNames?.[bound];
		const raise = name === undefined ? '' : `, or raise Options > ${name}`;
		return `The read reached a limit that protects n8n from a read without end. Narrow it with filters or a Limit${raise}; if Velt should not hold this much, check the credential's Base URL.`;
	}

	get pagesRead(): number {
		return this.pages;
	}
}

function formatDuration(ms: number): string {
	return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function shorten(token: string): string {
	return token.length > 40 ? `${token.slice(0, 40)}…` : token;
}
