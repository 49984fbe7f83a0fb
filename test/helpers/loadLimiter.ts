/**
 * A loopback front for the emulator that behaves like an API under load: beyond
 * `maxInFlight` requests in flight, or `maxPerSecond` requests in the current
 * one-second window, it answers 429 RESOURCE_EXHAUSTED with Retry-After at once
 * instead of forwarding. It counts what it saw, including Adds stored twice.
 * (Stands in until the emulator has these limits itself.)
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface LoadLimits {
	maxInFlight?: number;
	maxPerSecond?: number;
	/** Retry-After seconds on an in-flight refusal; a per-second one names the seconds until the window ends. */
	retryAfterSeconds?: number;
}

export interface LoadCounters {
	requests: number;
	refused: number;
	peakInFlight: number;
	/** Forwarded requests' time in flight, summed, and the span from the first start to the last end (ms). */
	busyMs: number;
	firstStart: number;
	lastEnd: number;
	/** notificationId → Adds that reached the emulator and were answered 2xx. */
	storedAdds: Map<string, number>;
}

export interface LoadLimiter {
	url: string;
	counters: LoadCounters;
	setLimits: (limits: LoadLimits) => void;
	reset: () => void;
	close: () => Promise<void>;
}

function emptyCounters(): LoadCounters {
	return {
		requests: 0,
		refused: 0,
		peakInFlight: 0,
		busyMs: 0,
		firstStart: 0,
		lastEnd: 0,
		storedAdds: new Map(),
	};
}

/** Requests the server had in flight on average while it was busy (Little's law). */
export function averageInFlight(counters: LoadCounters): number {
	const span = counters.lastEnd - counters.firstStart;
	return span > 0 ? counters.busyMs / span : 0;
}

export async function startLoadLimiter(
	targetUrl: string,
	initial: LoadLimits = {},
): Promise<LoadLimiter> {
	const target = new URL(targetUrl);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	let limits = initial;
	let counters = emptyCounters();
	let inFlight = 0;
	let windowStart = 0;
	let windowCount = 0;

	const refuse = (res: http.ServerResponse, retryAfterSeconds: number, message: string) => {
		counters.refused++;
		res.writeHead(429, {
			'content-type': 'application/json',
			'retry-after': String(retryAfterSeconds),
		});
		res.end(JSON.stringify({ error: { status: 'RESOURCE_EXHAUSTED', code: 429, message } }));
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			counters.requests++;
			const now = Date.now();
			if (now - windowStart >= 1000) {
				windowStart = now;
				windowCount = 0;
			}
			if (limits.maxInFlight !== undefined && inFlight >= limits.maxInFlight) {
				refuse(res, limits.retryAfterSeconds ?? 1, 'Too many concurrent requests.');
				return;
			}
			if (limits.maxPerSecond !== undefined && windowCount >= limits.maxPerSecond) {
				refuse(
					res,
					Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000)),
					'Rate limit exceeded.',
				);
				return;
			}
			windowCount++;
			inFlight++;
			if (counters.firstStart === 0) counters.firstStart = now;
			counters.peakInFlight = Math.max(counters.peakInFlight, inFlight);
			const body = Buffer.concat(chunks);
			const forward = http.request(
				{
					host: target.hostname,
					port: target.port,
					path: req.url,
					method: req.method,
					headers: { ...req.headers, host: target.host },
					agent,
				},
				(answer) => {
					const parts: Buffer[] = [];
					answer.on('data', (part: Buffer) => parts.push(part));
					answer.on('end', () => {
						inFlight--;
						counters.lastEnd = Date.now();
						counters.busyMs += counters.lastEnd - now;
						if (req.url === '/v2/notifications/add' && (answer.statusCode ?? 500) < 300) {
							const id = String(
								(JSON.parse(body.toString()) as { data?: { notificationId?: string } }).data
									?.notificationId,
							);
							counters.storedAdds.set(id, (counters.storedAdds.get(id) ?? 0) + 1);
						}
						res.writeHead(answer.statusCode ?? 502, answer.headers);
						res.end(Buffer.concat(parts));
					});
				},
			);
			forward.on('error', () => {
				inFlight--;
				res.writeHead(502);
				res.end();
			});
			forward.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get counters() {
			return counters;
		},
		setLimits: (next) => (limits = next),
		reset: () => {
			counters = emptyCounters();
			windowStart = 0;
			windowCount = 0;
		},
		close: async () => {
			agent.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
