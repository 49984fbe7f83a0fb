import {
	backoffDelayMs,
	describeThrownError,
	HTTP_STATUS_BY_ERROR_CODE,
	interpretResponse,
	isLastPage,
	isTransientFailure,
	normalizeBaseUrl,
	parseRetryAfter,
	readCappedBody,
} from '../../nodes/shared/transport';
import { EventEmitter } from 'node:events';

describe('normalizeBaseUrl', () => {
	test('defaults to Velt and strips trailing slashes', () => {
		expect(normalizeBaseUrl('')).toEqual({ baseUrl: 'https://api.velt.dev' });
		expect(normalizeBaseUrl(undefined)).toEqual({ baseUrl: 'https://api.velt.dev' });
		expect(normalizeBaseUrl('https://proxy.example.com/velt//')).toEqual({
			baseUrl: 'https://proxy.example.com/velt',
		});
	});

	test.each([
		'http://127.0.0.1:4010',
		'http://localhost:4010',
		'http://[::1]:4010',
		'http://127.8.9.10',
	])('allows plain http on loopback: %s', (url) => {
		expect(normalizeBaseUrl(url).baseUrl).toBe(url);
	});

	test.each(['http://api.velt.dev', 'http://10.0.0.5:8080', 'http://192.168.1.2'])(
		'refuses plain http elsewhere: %s',
		(url) => {
			const { baseUrl, problem } = normalizeBaseUrl(url);
			expect(baseUrl).toBeUndefined();
			expect(problem).toContain('unencrypted');
		},
	);

	test('refuses what is not an http(s) URL', () => {
		expect(normalizeBaseUrl('api.velt.dev').problem).toContain('not a valid URL');
		expect(normalizeBaseUrl('ftp://api.velt.dev').problem).toContain('https://');
	});
});

describe('interpretResponse', () => {
	test('success envelope gives data, page token and message', () => {
		const result = interpretResponse({
			statusCode: 200,
			body: { result: { status: 'success', message: 'ok', data: [1], pageToken: 't2' } },
		});
		expect(result).toEqual({ ok: true, data: [1], pageToken: 't2', message: 'ok', attempts: 1 });
	});

	test('error envelope keeps Velt code, message, HTTP status and Retry-After', () => {
		const result = interpretResponse({
			statusCode: 429,
			headers: { 'retry-after': '2' },
			body: { error: { message: 'Slow down', status: 'RESOURCE_EXHAUSTED' } },
		});
		expect(result).toEqual({
			ok: false,
			failure: {
				kind: 'api',
				message: 'Slow down',
				veltCode: 'RESOURCE_EXHAUSTED',
				httpStatus: 429,
				retryAfterMs: 2000,
			},
		});
	});

	test('an HTML error page becomes a readable failure, not a parse error', () => {
		const result = interpretResponse({
			statusCode: 502,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body: '<html><body>Bad gateway</body></html>',
		});
		expect(result).toEqual({
			ok: false,
			failure: {
				kind: 'invalidResponse',
				httpStatus: 502,
				message: 'Velt answered HTTP 502 with a text/html page instead of JSON',
			},
		});
	});

	test('JSON text bodies are parsed', () => {
		const result = interpretResponse({
			statusCode: 200,
			body: JSON.stringify({ result: { data: { a: 1 } } }),
		});
		expect(result.ok && result.data).toEqual({ a: 1 });
	});

	test('a 4xx without an envelope is still a failure', () => {
		const result = interpretResponse({ statusCode: 404, body: {} });
		expect(result).toMatchObject({ ok: false, failure: { kind: 'api', httpStatus: 404 } });
	});
});

describe('describeThrownError', () => {
	test('timeouts', () => {
		const error = Object.assign(new Error('timeout of 50ms exceeded'), { code: 'ECONNABORTED' });
		expect(describeThrownError(error, 50)).toEqual({
			kind: 'timeout',
			networkCode: 'ECONNABORTED',
			message: 'Velt did not answer within 50 ms',
		});
	});

	test('a dropped connection found in the cause chain', () => {
		const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const wrapper = Object.assign(
			new Error('The connection to the server was closed unexpectedly'),
			{ cause },
		);
		expect(describeThrownError(wrapper, 1000)).toMatchObject({
			kind: 'network',
			networkCode: 'ECONNRESET',
		});
	});
});

describe('retry policy', () => {
	test.each([
		[{ kind: 'api', message: '', veltCode: 'RESOURCE_EXHAUSTED', httpStatus: 429 }, true],
		[{ kind: 'api', message: '', veltCode: 'INTERNAL', httpStatus: 500 }, true],
		[{ kind: 'api', message: '', httpStatus: 503 }, true],
		[{ kind: 'invalidResponse', message: '', httpStatus: 502 }, true],
		[{ kind: 'timeout', message: '' }, true],
		[{ kind: 'network', message: '', networkCode: 'ECONNRESET' }, true],
		[{ kind: 'network', message: '', networkCode: 'ERR_CANCELED' }, false],
		[{ kind: 'api', message: '', veltCode: 'INVALID_ARGUMENT', httpStatus: 400 }, false],
		[{ kind: 'api', message: '', veltCode: 'PERMISSION_DENIED', httpStatus: 403 }, false],
		[{ kind: 'api', message: '', veltCode: 'NOT_FOUND', httpStatus: 404 }, false],
	] as const)('isTransientFailure(%j) is %s', (failure, expected) => {
		expect(isTransientFailure({ ...failure })).toBe(expected);
	});

	test('backoff doubles with jitter between half and full delay', () => {
		const policy = { maxRetries: 5, retryDelayMs: 100, timeoutMs: 1000 };
		expect(backoffDelayMs(1, policy, undefined, () => 0)).toBe(50);
		expect(backoffDelayMs(1, policy, undefined, () => 1)).toBe(100);
		expect(backoffDelayMs(3, policy, undefined, () => 1)).toBe(400);
		expect(backoffDelayMs(30, policy, undefined, () => 1)).toBe(30_000);
	});

	test('Retry-After wins and is capped', () => {
		const policy = { maxRetries: 5, retryDelayMs: 100, timeoutMs: 1000 };
		expect(backoffDelayMs(1, policy, 2000)).toBe(2000);
		expect(backoffDelayMs(1, policy, 3_600_000)).toBe(60_000);
	});

	test('parseRetryAfter reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['1'])).toBe(1000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(
			parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
		).toBe(5000);
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('contract', () => {
	test('the last page has no token', () => {
		expect([undefined, null, ''].map(isLastPage)).toEqual([true, true, true]);
		expect(isLastPage('abc')).toBe(false);
	});

	test('documented statuses', () => {
		expect(HTTP_STATUS_BY_ERROR_CODE.INVALID_ARGUMENT).toBe(400);
		expect(HTTP_STATUS_BY_ERROR_CODE.ABORTED).toBe(409);
		expect(HTTP_STATUS_BY_ERROR_CODE.INTERNAL).toBe(500);
	});
});

describe('review 2, finding 4: readCappedBody', () => {
	/** A body stream that emits the given chunks when read, and records being destroyed. */
	function fakeStream(chunks: Buffer[]) {
		const emitter = new EventEmitter() as EventEmitter & { destroyed: boolean; destroy(): void };
		emitter.destroyed = false;
		emitter.destroy = () => {
			emitter.destroyed = true;
		};
		const emitted = { count: 0 };
		queueMicrotask(() => {
			for (const chunk of chunks) {
				if (emitter.destroyed) return;
				emitted.count++;
				emitter.emit('data', chunk);
			}
			if (!emitter.destroyed) emitter.emit('end');
		});
		return { stream: emitter, emitted };
	}

	test('review 2, finding 4: a body within the cap is read whole', async () => {
		const { stream } = fakeStream([Buffer.from('{"a":'), Buffer.from('1}')]);
		expect(await readCappedBody(stream, {}, 7)).toEqual({ ok: true, text: '{"a":1}' });
	});

	test('a read body leaves none of its listeners on the stream (a finished response kept alive a while must not keep its text: the Return All memory of the bench)', async () => {
		const { stream } = fakeStream([Buffer.from('{"a":'), Buffer.from('1}')]);
		const before = ['data', 'end', 'close'].map((event) => stream.listenerCount(event));
		expect(await readCappedBody(stream, {}, 7)).toEqual({ ok: true, text: '{"a":1}' });
		expect(['data', 'end', 'close'].map((event) => stream.listenerCount(event))).toEqual(before);
		// only a handler that keeps a late error from going unhandled
		expect(stream.listenerCount('error')).toBe(1);
	});

	test('multi-byte characters split across chunks are decoded whole', async () => {
		const bytes = Buffer.from('{"name":"Zoë ✓"}');
		const { stream } = fakeStream([
			bytes.subarray(0, 11),
			bytes.subarray(11, 15),
			bytes.subarray(15),
		]);
		expect(await readCappedBody(stream, {}, 100)).toEqual({ ok: true, text: '{"name":"Zoë ✓"}' });
	});

	test('review 2, finding 4: the stream is destroyed at the first chunk past the cap', async () => {
		const chunk = Buffer.alloc(1024);
		const { stream, emitted } = fakeStream(Array.from({ length: 100 }, () => chunk));
		expect(await readCappedBody(stream, {}, 4096)).toEqual({ ok: false, tooLarge: true });
		expect(stream.destroyed).toBe(true);
		expect(emitted.count).toBe(5);
	});

	test('review 2, finding 4: a Content-Length above the cap is refused before any byte', async () => {
		const { stream, emitted } = fakeStream([Buffer.alloc(10)]);
		expect(await readCappedBody(stream, { 'content-length': '4097' }, 4096)).toEqual({
			ok: false,
			tooLarge: true,
		});
		expect(emitted.count).toBe(0);
	});

	test('review 2, finding 4: an aborted signal ends the read with an error', async () => {
		const { stream } = fakeStream([]);
		const controller = new AbortController();
		controller.abort();
		await expect(readCappedBody(stream, {}, 10, controller.signal)).rejects.toThrow(/aborted/);
		expect(stream.destroyed).toBe(true);
	});
});
