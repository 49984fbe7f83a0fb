/**
 * A one-off loopback server that answers every request with one canned Velt answer, for
 * answers the emulator does not produce (a documented example verbatim, an error code it
 * never sends), or a few in a row. Records what it received.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedAnswer {
	status: number;
	body: unknown;
}

export interface CannedVelt {
	url: string;
	/** Path, headers and parsed JSON body of every request, in order. */
	requests: Array<{ path: string; headers: http.IncomingHttpHeaders; body: unknown }>;
	/** The answer to every request once `queue` is empty. */
	answer: CannedAnswer;
	/** Answers for the next requests, one each, before `answer`. */
	queue: CannedAnswer[];
	close(): Promise<void>;
}

/** Starts the server; `canned` is the object the test holds (filled in here). */
export async function startCannedVelt(
	answer: CannedAnswer,
	canned = {} as CannedVelt,
): Promise<CannedVelt> {
	const requests: CannedVelt['requests'] = [];
	Object.assign(canned, { answer, queue: [] as CannedAnswer[] });
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = text === '' ? undefined : JSON.parse(text);
			} catch {
				// Not JSON: kept as text, for the test to look at.
			}
			requests.push({ path: request.url ?? '', headers: request.headers, body });
			const next = canned.queue.shift() ?? canned.answer;
			response.writeHead(next.status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(next.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	canned.url = `http://127.0.0.1:${port}`;
	canned.requests = requests;
	canned.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return canned;
}

/**
 * One canned Velt for a whole test file: listening from the first test to the last, its
 * records cleared before each test, and its answer reset to `answerPerTest` when given.
 */
export function cannedVeltForFile(answerPerTest?: CannedAnswer): CannedVelt {
	const canned = {} as CannedVelt;
	beforeAll(async () => {
		await startCannedVelt({ status: 200, body: {} }, canned);
	});
	afterAll(async () => {
		await canned.close();
	});
	beforeEach(() => {
		canned.requests.length = 0;
		canned.queue.length = 0;
		if (answerPerTest !== undefined) canned.answer = answerPerTest;
	});
	return canned;
}
