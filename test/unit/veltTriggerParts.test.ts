import { normalizeBaseUrl } from '../../nodes/shared/transport';
import { isSelectedEvent } from '../../nodes/VeltTrigger/events';
import { ReplayGuard } from '../../nodes/VeltTrigger/replayGuard';
import {
	constantTimeEqual,
	signPayload,
	verifyBasicToken,
	verifyStandardWebhook,
} from '../../nodes/VeltTrigger/webhookVerification';
import { DOCS_EXAMPLE_SIGNING_SECRET } from '../fixtures/veltDocsSamples';

describe('Standard Webhooks verification', () => {
	test("reproduces the example signature from Velt's docs", () => {
		const body = '{"event_type":"ping","data":{"success":true}}';
		expect(
			signPayload(DOCS_EXAMPLE_SIGNING_SECRET, 'msg_loFOjxBNrRLzqYUf', '1731705121', body),
		).toBe('rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=');
		const headers = {
			'webhook-id': 'msg_loFOjxBNrRLzqYUf',
			'webhook-timestamp': '1731705121',
			'webhook-signature': 'v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=',
		};
		expect(
			verifyStandardWebhook({
				secret: DOCS_EXAMPLE_SIGNING_SECRET,
				headers,
				rawBody: Buffer.from(body),
				nowSeconds: 1731705121 + 10,
			}),
		).toEqual({
			ok: true,
			id: 'msg_loFOjxBNrRLzqYUf',
			timestampSeconds: 1731705121,
		});
	});

	test('signs bytes, not text: the same characters in another encoding do not verify', () => {
		const secret = DOCS_EXAMPLE_SIGNING_SECRET;
		const utf8 = Buffer.from('{"t":"é"}', 'utf8');
		const latin1 = Buffer.from('{"t":"é"}', 'latin1');
		expect(signPayload(secret, 'm', '1', utf8)).not.toBe(signPayload(secret, 'm', '1', latin1));
	});

	test('review 2, finding 14: only the first 5 entries of webhook-signature are looked at (Velt sends one, its docs show three)', () => {
		const body = '{"event_type":"ping","data":{"success":true}}';
		const real = 'v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=';
		const other = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
		const verify = (signature: string) =>
			verifyStandardWebhook({
				secret: DOCS_EXAMPLE_SIGNING_SECRET,
				headers: {
					'webhook-id': 'msg_loFOjxBNrRLzqYUf',
					'webhook-timestamp': '1731705121',
					'webhook-signature': signature,
				},
				rawBody: Buffer.from(body),
				nowSeconds: 1731705121,
			}).ok;
		expect(verify([other, other, other, other, real].join(' '))).toBe(true);
		expect(verify([other, other, other, other, other, real].join(' '))).toBe(false);
		expect(verify([...Array(329).fill(other), real].join(' '))).toBe(false);
		// Velt's documented three-entry example shape still verifies
		expect(verify(`${other} ${real} v2,MzJsNDk4MzI0K2VvdSMjMTEjQEBAQDEyMzMzMzEyMwo=`)).toBe(true);
	});

	test('constant-time comparison works for different lengths', () => {
		expect(constantTimeEqual('abc', 'abc')).toBe(true);
		expect(constantTimeEqual('abc', 'abcd')).toBe(false);
	});

	test('basic tokens: empty or whitespace never match', () => {
		expect(verifyBasicToken('Basic tok', 'tok')).toEqual({ ok: true });
		expect(verifyBasicToken('Basic \xA0', '').ok).toBe(false);
		expect(verifyBasicToken('Basic \xA0', '\xA0').ok).toBe(false);
		expect(verifyBasicToken('Basic   ', ' ').ok).toBe(false);
		expect(verifyBasicToken(['Basic tok'], 'tok').ok).toBe(true);
	});
});

describe('replay memory', () => {
	test('a repeat inside the window is caught; the id is forgotten once its signature has expired', () => {
		const guard = new ReplayGuard();
		const t = 1_700_000_000;
		expect(guard.firstTime('wf', 'msg_1', t, t * 1000)).toBe(true);
		expect(guard.firstTime('wf', 'msg_1', t, (t + 299) * 1000)).toBe(false);
		expect(guard.firstTime('other', 'msg_1', t, t * 1000)).toBe(true);
		expect(guard.firstTime('wf', 'msg_1', t, (t + 302) * 1000)).toBe(true);
	});

	test('a timestamp ahead of the clock is remembered until its own window closes', () => {
		const guard = new ReplayGuard();
		const t = 1_700_000_000;
		expect(guard.firstTime('wf', 'msg_f', t + 300, t * 1000)).toBe(true);
		expect(guard.firstTime('wf', 'msg_f', t + 300, (t + 590) * 1000)).toBe(false);
		expect(guard.size).toBe(1);
	});

	test('memory stays bounded', () => {
		const guard = new ReplayGuard(3);
		for (const id of ['a', 'b', 'c', 'd']) guard.firstTime('wf', id, 1, 1000);
		expect(guard.size).toBe(3);
	});
});

describe('event selection', () => {
	test('empty selection and All Events let everything through; huddle "joined" counts as "join"', () => {
		expect(isSelectedEvent('x.y', [])).toBe(true);
		expect(isSelectedEvent(undefined, ['*'])).toBe(true);
		expect(isSelectedEvent(undefined, ['comment.add'])).toBe(false);
		expect(isSelectedEvent('huddle.joined', ['huddle.join'])).toBe(true);
		expect(isSelectedEvent('comment.update', ['comment.add'])).toBe(false);
	});
});

describe('Base URL', () => {
	test.each([
		'http://evil.localhost:5805',
		'http://localhost.evil.com',
		'http://127.0.0.1.nip.io',
		'http://[::2]:1',
	])('plain http to a name or non-loopback address is refused: %s', (url) => {
		expect(normalizeBaseUrl(url).problem).toMatch(/unencrypted/);
	});

	test.each([
		'http://127.0.0.1:4010',
		'http://127.255.0.1',
		'http://localhost:1',
		'http://[::1]:4010',
	])('literal loopback is allowed: %s', (url) => {
		expect(normalizeBaseUrl(url).baseUrl).toBe(url);
	});

	test('a URL with userinfo is refused and not repeated', () => {
		for (const url of [
			'http://user:pw-secret@127.0.0.1',
			'https://user:pw-secret@api.velt.dev',
			'https://only-user@api.velt.dev',
			'http://user:pw secret@x',
		]) {
			const { baseUrl, problem } = normalizeBaseUrl(url);
			expect(baseUrl).toBeUndefined();
			expect(problem).not.toMatch(/pw-secret|pw secret|only-user/);
		}
	});
});
