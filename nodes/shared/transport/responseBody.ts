import type { VeltFailure } from './failure';

// The byte cap on Velt's answers: n8n's request helper reads a whole body into memory
// (axios maxContentLength Infinity), so a mistyped Base URL or a proxy answering hundreds of
// megabytes could take n8n down. Every request asks for the body as a stream and reads it here,
// counting bytes as they arrive and dropping the connection at the cap.

/** What n8n's helper hands back for `encoding: 'stream'`: the response stream (IncomingMessage). */
export interface BodyStream {
	on(event: 'data', listener: (chunk: unknown) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	removeListener(event: 'data', listener: (chunk: unknown) => void): unknown;
	removeListener(event: 'end' | 'close', listener: () => void): unknown;
	removeListener(event: 'error', listener: (error: Error) => void): unknown;
	destroy(error?: Error): unknown;
}

const ignore = (): void => undefined;

export function isBodyStream(value: unknown): value is BodyStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Partial<BodyStream>).on === 'function' &&
		typeof (value as Partial<BodyStream>).removeListener === 'function' &&
		typeof (value as Partial<BodyStream>).destroy === 'function'
	);
}

const MIB = 1024 * 1024;

/** The cap in MiB, as the option shows it (e.g. "64 MiB", "0.5 MiB"). */
export function formatMiB(bytes: number): string {
	const mib = bytes / MIB;
	return `${Number.isInteger(mib) ? mib : Number(mib.toFixed(2))} MiB`;
}

/**
 * The failure for an answer above the cap; `optionName` is the option that raises it, where
 * the node has one (the action nodes' Options > Max Response Size (MiB)).
 */
export function responseTooLarge(maxBytes: number, optionName?: string): VeltFailure {
	const raise =
		optionName === undefined
			? ''
			: ` Raise Options > ${optionName} if Velt really answers this much.`;
	return {
		kind: 'invalidResponse',
		message: `Velt's answer was larger than ${formatMiB(maxBytes)} (the most one response may hold); it was not read further`,
		hint: `No real Velt page comes near ${formatMiB(maxBytes)}: check the credential's Base URL, which should point at Velt's REST API (https://api.velt.dev), not at a proxy or another site.${raise}`,
	};
}

export type CappedBody = { ok: true; text: string } | { ok: false; tooLarge: true };

/** The declared Content-Length, when there is a usable one. */
function declaredLength(headers: Record<string, unknown> | undefined): number | undefined {
	const raw = headers?.['content-length'];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads a response body of at most `maxBytes` as UTF-8 text. A declared Content-Length above the
 * cap is refused before any byte is read; otherwise the bytes are counted as they arrive and
 * the stream is destroyed at the cap, so no more than the cap (and one chunk) is ever held.
 * `signal` (the attempt's deadline and the execution's cancel) destroys the stream too: the
 * deadline covers reading the body, not just its headers. Rejects on a stream error or abort.
 */
export async function readCappedBody(
	stream: BodyStream,
	headers: Record<string, unknown> | undefined,
	maxBytes: number,
	signal?: AbortSignal,
): Promise<CappedBody> {
	const declared = declaredLength(headers);
	if (declared !== undefined && declared > maxBytes) {
		stream.destroy();
		return { ok: false, tooLarge: true };
	}
	return await new Promise<CappedBody>((resolve, reject) => {
		// Decoded chunk by chunk into parts that are let go once joined, and every listener taken
		// off the stream when the read ends: whatever keeps a finished response alive a while
		// (its socket, n8n's agent) must not keep its text too (a Return All of 50 pages grew RSS
		// by twice as much before).
		const decoder = new TextDecoder('utf-8');
		let parts: string[] = [];
		let received = 0;
		let settled = false;
		const finish = (outcome: CappedBody | Error) => {
			if (settled) return;
			settled = true;
			parts = [];
			signal?.removeEventListener('abort', onAbort);
			stream.removeListener('data', onData);
			stream.removeListener('end', onEnd);
			stream.removeListener('error', onError);
			stream.removeListener('close', onClose);
			// A late error of a stream read to its end must not go unhandled.
			stream.on('error', ignore);
			if (outcome instanceof Error) reject(outcome);
			else resolve(outcome);
		};
		const onAbort = () => {
			stream.destroy();
			finish(new Error('The request to Velt was aborted while its answer was read'));
		};
		const onData = (chunk: unknown) => {
			if (settled) return;
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
			received += bytes.length;
			if (received > maxBytes) {
				stream.destroy();
				finish({ ok: false, tooLarge: true });
				return;
			}
			parts.push(decoder.decode(bytes, { stream: true }));
		};
		const onEnd = () => {
			parts.push(decoder.decode());
			finish({ ok: true, text: parts.join('') });
		};
		const onError = (error: Error) => finish(error);
		// Closed without an end (connection dropped mid-body).
		const onClose = () =>
			finish(new Error('The connection to Velt closed before its answer was complete'));
		if (signal?.aborted === true) {
			onAbort();
			return;
		}
		signal?.addEventListener('abort', onAbort, { once: true });
		stream.on('data', onData);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
	});
}
