/**
 * Fault injection: scripted faults (failNext) and seeded random faults, so client retry
 * logic can be tested reproducibly.
 */
import { DEFAULT_RETRY_AFTER_SECONDS, HTTP_STATUS_BY_ERROR_CODE } from './choices';
import { mulberry32, type RandomSource } from './random';

export const FAULT_KINDS = [
	'rate_limit', // 429 RESOURCE_EXHAUSTED, no Retry-After; not applied
	'rate_limit_retry_after', // 429 with Retry-After: 1; not applied
	'internal', // 500 INTERNAL; not applied
	'unavailable', // 503 with an error envelope; not applied
	'slow', // applied, then the answer is delayed by slowMs
	'drop', // applied, then the socket is destroyed: the answer is lost after the write
	'drop_before', // socket destroyed, not applied
	'html', // 502 with an HTML page (a proxy in the way); not applied
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
	/** Probability (0..1) that a request gets a fault. */
	rate: number;
	seed: number;
	/** One of these is picked uniformly for each faulted request. */
	kinds: FaultKind[];
	/** Delay for 'slow' (default DEFAULT_SLOW_MS). */
	slowMs?: number;
	/** Only requests to these exact paths can fault (all API paths when absent). */
	paths?: string[];
}

export interface FaultDecision {
	kind: FaultKind;
	slowMs: number;
}

export const DEFAULT_SLOW_MS = 5000;

/** Kinds where the operation still runs: the client may not learn the write happened. */
const APPLIED_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>(['slow', 'drop']);

export function isAppliedFault(kind: FaultKind): boolean {
	return APPLIED_FAULTS.has(kind);
}

export function isFaultKind(value: unknown): value is FaultKind {
	return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

/** Checks a FaultConfig received over the control endpoint; returns an error message or the config. */
export function parseFaultConfig(value: unknown): FaultConfig | string {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return 'fault config must be an object';
	const config = value as Record<string, unknown>;
	if (typeof config.rate !== 'number' || !(config.rate >= 0 && config.rate <= 1))
		return 'rate must be a number in 0..1';
	if (typeof config.seed !== 'number' || !Number.isFinite(config.seed))
		return 'seed must be a number';
	if (
		!Array.isArray(config.kinds) ||
		config.kinds.length === 0 ||
		!config.kinds.every(isFaultKind)
	) {
		return `kinds must be a non-empty array of ${FAULT_KINDS.join(', ')}`;
	}
	if (config.slowMs !== undefined && (typeof config.slowMs !== 'number' || config.slowMs < 0)) {
		return 'slowMs must be a non-negative number';
	}
	if (
		config.paths !== undefined &&
		(!Array.isArray(config.paths) || !config.paths.every((p): p is string => typeof p === 'string'))
	) {
		return 'paths must be an array of strings';
	}
	return {
		rate: config.rate,
		seed: config.seed,
		kinds: config.kinds,
		slowMs: config.slowMs as number | undefined,
		paths: config.paths as string[] | undefined,
	};
}

interface ScriptedFault {
	kind: FaultKind;
	remaining: number;
	path: string | undefined;
	slowMs: number | undefined;
}

export class FaultInjector {
	private config: FaultConfig | undefined;
	private random: RandomSource | undefined;
	private readonly scripted: ScriptedFault[] = [];

	constructor(private readonly defaultSlowMs: number = DEFAULT_SLOW_MS) {}

	/** Replaces the random fault config; the PRNG restarts from the seed. */
	configure(config: FaultConfig | undefined): void {
		this.config = config === undefined ? undefined : { ...config, kinds: [...config.kinds] };
		this.random = config === undefined ? undefined : mulberry32(config.seed);
	}

	get currentConfig(): FaultConfig | undefined {
		return this.config;
	}

	/** Queues `count` faults of one kind, optionally only for one path. */
	script(kind: FaultKind, count = 1, path?: string, slowMs?: number): void {
		if (!Number.isInteger(count) || count < 1)
			throw new Error('failNext count must be a positive integer');
		this.scripted.push({ kind, remaining: count, path, slowMs });
	}

	get pendingScriptedFaults(): number {
		return this.scripted.reduce((sum, fault) => sum + fault.remaining, 0);
	}

	clear(): void {
		this.configure(undefined);
		this.scripted.length = 0;
	}

	/** Decides the fault for one request. Scripted faults come first, in the order queued. */
	decide(path: string): FaultDecision | undefined {
		const index = this.scripted.findIndex(
			(fault) => fault.path === undefined || fault.path === path,
		);
		if (index !== -1) {
			const fault = this.scripted[index];
			fault.remaining -= 1;
			if (fault.remaining === 0) this.scripted.splice(index, 1);
			return {
				kind: fault.kind,
				slowMs: fault.slowMs ?? this.config?.slowMs ?? this.defaultSlowMs,
			};
		}

		const config = this.config;
		const random = this.random;
		if (config === undefined || random === undefined) return undefined;
		if (config.paths !== undefined && !config.paths.includes(path)) return undefined;
		// Two draws per eligible request, always, so the sequence depends only on the request order.
		const roll = random();
		const kindRoll = random();
		if (roll >= config.rate) return undefined;
		const kind = config.kinds[Math.floor(kindRoll * config.kinds.length)];
		return { kind, slowMs: config.slowMs ?? this.defaultSlowMs };
	}
}

export interface FaultResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

function errorEnvelope(status: string, message: string): string {
	return JSON.stringify({ error: { message, status } });
}

/**
 * The answer for a fault that does not run the operation and still answers.
 * 'drop_before' (no answer at all) and the applied kinds have none.
 */
export function buildFaultResponse(kind: FaultKind): FaultResponse | undefined {
	const json = { 'content-type': 'application/json; charset=utf-8' };
	switch (kind) {
		case 'rate_limit':
			return {
				status: HTTP_STATUS_BY_ERROR_CODE.RESOURCE_EXHAUSTED,
				headers: json,
				body: errorEnvelope(
					'RESOURCE_EXHAUSTED',
					'Rate limit exceeded. Please retry with exponential backoff.',
				),
			};
		case 'rate_limit_retry_after':
			return {
				status: HTTP_STATUS_BY_ERROR_CODE.RESOURCE_EXHAUSTED,
				headers: { ...json, 'retry-after': String(DEFAULT_RETRY_AFTER_SECONDS) },
				body: errorEnvelope(
					'RESOURCE_EXHAUSTED',
					`Rate limit exceeded. Retry after ${DEFAULT_RETRY_AFTER_SECONDS} second(s).`,
				),
			};
		case 'internal':
			return {
				status: HTTP_STATUS_BY_ERROR_CODE.INTERNAL,
				headers: json,
				body: errorEnvelope('INTERNAL', 'Internal error. Please try again later.'),
			};
		case 'unavailable':
			// 'UNAVAILABLE' is not among the documented Velt codes; it is what a gRPC-style backend sends at 503.
			return {
				status: 503,
				headers: json,
				body: errorEnvelope('UNAVAILABLE', 'The service is currently unavailable.'),
			};
		case 'html':
			return {
				status: 502,
				headers: { 'content-type': 'text/html; charset=utf-8' },
				body:
					'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>' +
					'<body><h1>Bad Gateway</h1><p>The server encountered a temporary error.</p></body></html>\n',
			};
		case 'slow':
		case 'drop':
		case 'drop_before':
			return undefined;
	}
}
