/**
 * Issue 18: the Velt Webhook Trigger owns its side at Velt. Through n8n-core's hook and
 * webhook contexts against the emulator: activation lists Velt's endpoints and reuses,
 * updates, creates or deletes; checkExists asks Velt; a vanished endpoint heals once per
 * interval; the config preflight; endpoint options; review-workflow events saved earlier;
 * basic mode's look at webhookconfig/get.
 */
import type { IDataObject } from 'n8n-workflow';
import { forgetEndpointSecrets } from '../../nodes/VeltTrigger/endpointSecrets';
import { REVIEW_WORKFLOW_EVENT_TYPES } from '../../nodes/VeltTrigger/events';
import { resetHealing } from '../../nodes/VeltTrigger/healing';
import { runDeferredDeletes } from '../../nodes/VeltTrigger/registration';
import { VeltTrigger } from '../../nodes/VeltTrigger/VeltTrigger.node';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { signedHeaders, triggerWorkflow } from './webhookHarness';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator({}, { reset: false });
beforeEach(async () => {
	await runDeferredDeletes();
	emulator.reset();
	resetHealing();
});

const LIST = '/v2/workspace/advancedwebhook/endpoints/get';
const CREATE = '/v2/workspace/advancedwebhook/endpoints/create';
const UPDATE = '/v2/workspace/advancedwebhook/endpoints/update';
const DELETE = '/v2/workspace/advancedwebhook/endpoints/delete';
const SIGNING_INFO = '/v2/workspace/advancedwebhook/endpoints/secret/get';
const CONFIG = '/v2/workspace/advancedwebhookconfig/get';

function credentials(overrides: IDataObject = {}) {
	return { apiKey: TEST_API_KEY, authToken: TEST_AUTH_TOKEN, baseUrl: emulator.url, ...overrides };
}

/** n8n's activation: create only when checkExists says no. */
async function activate(trigger: ReturnType<typeof triggerWorkflow>): Promise<void> {
	if (!(await trigger.methods.checkExists.call(trigger.hook())))
		expect(await trigger.methods.create.call(trigger.hook())).toBe(true);
}

const endpoints = () => emulator.store.listWebhookEndpoints();
const paths = () => emulator.requests.map((request) => request.path);
const since = (mark: number) => emulator.requests.slice(mark).map((request) => request.path);

const body = JSON.stringify({ event: 'comment.add', data: { commentId: 'c1' } });

describe('activation looks at Velt, not only at static data', () => {
	test('first activation: config, list, create, secret; a second one finds it up to date', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		expect(paths()).toEqual([CONFIG, LIST, CONFIG, LIST, CREATE, SIGNING_INFO]);
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0].description).toMatch(/^n8n: Hook test \[n8n [0-9a-f]{32}\]$/);
		const mark = emulator.requests.length;
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);
		expect(since(mark)).toEqual([CONFIG, LIST]);
	});

	test('endpoint deleted at Velt (console) → checkExists says no, and create registers again', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const first = trigger.staticData().endpointId as string;
		emulator.store.deleteWebhookEndpoint(first);
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(false);
		await trigger.methods.create.call(trigger.hook());
		expect(endpoints()).toHaveLength(1);
		expect(trigger.staticData().endpointId).toBe(endpoints()[0].id);
		expect(trigger.staticData().endpointId).not.toBe(first);
	});

	test("registered under an earlier N8N_WEBHOOK_URL → not provably this n8n's: a new endpoint, the old one left alone and named in the log", async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const id = trigger.staticData().endpointId as string;
		const url = endpoints()[0].url;
		const old = url.replace('http://127.0.0.1:5678', 'https://old.example.com');
		emulator.store.updateWebhookEndpoint(id, { url: old });
		trigger.staticData().webhookUrl = old;
		const hook = trigger.hook();
		const warn = jest.spyOn(hook.logger, 'warn');
		const mark = emulator.requests.length;
		expect(await trigger.methods.checkExists.call(hook)).toBe(false);
		await trigger.methods.create.call(hook);
		expect(since(mark)).toEqual([CONFIG, LIST, CONFIG, LIST, CREATE, SIGNING_INFO]);
		expect(emulator.store.getWebhookEndpoint(id)?.url).toBe(old);
		expect(trigger.staticData().endpointId).not.toBe(id);
		expect(emulator.store.getWebhookEndpoint(trigger.staticData().endpointId as string)?.url).toBe(
			url,
		);
		expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(
			expect.stringContaining(
				`endpoint ${id} belongs to another n8n (url ${old}) – registered a new one`,
			),
		);
		warn.mockRestore();
	});

	test('events changed → one endpoint, filterTypes updated in place', async () => {
		const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
		await activate(trigger);
		const id = trigger.staticData().endpointId as string;
		trigger.node.parameters.events = ['comment.add', 'huddle.create'];
		await activate(trigger);
		expect(emulator.requests.find((request) => request.path === UPDATE)?.body).toEqual({
			data: { endpointId: id, filterTypes: ['comment.add', 'huddle.create'] },
		});
		expect(endpoints().map((endpoint) => [endpoint.id, endpoint.filterTypes])).toEqual([
			[id, ['comment.add', 'huddle.create']],
		]);
		expect(trigger.staticData().eventTypes).toEqual(['comment.add', 'huddle.create']);
	});

	test('switched to All Events → update cannot clear filterTypes, so a new endpoint replaces the old one', async () => {
		const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
		await activate(trigger);
		const old = trigger.staticData().endpointId as string;
		trigger.node.parameters.events = ['*'];
		await activate(trigger);
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0].id).not.toBe(old);
		expect(endpoints()[0].filterTypes).toEqual([]);
	});

	test("duplicates of this trigger's endpoint are deleted; other workflows' and foreign endpoints are left alone", async () => {
		const trigger = triggerWorkflow({}, credentials());
		const other = triggerWorkflow({}, credentials());
		await activate(trigger);
		await activate(other);
		const mine = endpoints().find((endpoint) => endpoint.id === trigger.staticData().endpointId)!;
		const copy = emulator.store.createWebhookEndpoint({
			url: mine.url,
			description: mine.description,
			filterTypes: mine.filterTypes,
		});
		const foreign = emulator.store.createWebhookEndpoint({
			url: 'https://example.com/webhooks/velt',
			description: 'Primary endpoint',
		});
		await activate(trigger);
		expect(
			endpoints()
				.map((endpoint) => endpoint.id)
				.sort(),
		).toEqual([mine.id, other.staticData().endpointId, foreign.id].sort());
		expect(emulator.store.getWebhookEndpoint(copy.id)).toBeUndefined();
	});

	test('an endpoint of an earlier version (no mark) named by static data is adopted and marked', async () => {
		const trigger = triggerWorkflow({}, credentials());
		const url = trigger.hook().getNodeWebhookUrl('default') as string;
		const legacy = emulator.store.createWebhookEndpoint({
			url,
			description: 'n8n: Hook test',
			filterTypes: ['comment.add', 'comment.update'],
		});
		Object.assign(trigger.staticData(), {
			endpointId: legacy.id,
			webhookUrl: url,
			eventTypes: ['comment.add', 'comment.update'],
		});
		await activate(trigger);
		expect(endpoints().map((endpoint) => endpoint.id)).toEqual([legacy.id]);
		expect(endpoints()[0].description).toMatch(/^n8n: Hook test \[n8n /);
	});

	test("a duplicated workflow carrying the original's static data never takes the original's endpoint", async () => {
		const original = triggerWorkflow({}, credentials());
		const url = original.hook().getNodeWebhookUrl('default') as string;
		const legacy = emulator.store.createWebhookEndpoint({
			url,
			description: 'n8n: Hook test',
			filterTypes: ['comment.add', 'comment.update'],
		});
		const copy = triggerWorkflow({}, credentials());
		Object.assign(copy.staticData(), { endpointId: legacy.id, webhookUrl: url });
		await activate(copy);
		expect(emulator.store.getWebhookEndpoint(legacy.id)?.url).toBe(url);
		expect(endpoints()).toHaveLength(2);
		expect(copy.staticData().endpointId).not.toBe(legacy.id);
	});

	test('re-imported (static data lost) → the marked endpoint is found and reused, nothing created', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const id = trigger.staticData().endpointId;
		for (const key of Object.keys(trigger.staticData())) delete trigger.staticData()[key];
		const mark = emulator.requests.length;
		await activate(trigger);
		expect(since(mark)).not.toContain(CREATE);
		expect(trigger.staticData().endpointId).toBe(id);
	});

	test('list pages are walked with the iterator (endpoints beyond the first page of 250 are found)', async () => {
		for (let i = 0; i < 260; i++)
			emulator.store.createWebhookEndpoint({ url: `https://example.com/${i}`, description: 'x' });
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const mark = emulator.requests.length;
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(true);
		expect(since(mark)).toEqual([CONFIG, LIST, LIST]);
		expect((emulator.requests.at(-1)!.body as { data: IDataObject }).data.iterator).toEqual(
			expect.any(String),
		);
	});
});

describe('deactivation deletes; a failed delete is finished on the next activation', () => {
	test('delete fails at Velt → kept in static data as pendingDeletes → deleted at the next activation', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const old = trigger.staticData().endpointId as string;
		emulator.failNext('internal', 10, DELETE);
		expect(await trigger.methods.delete.call(trigger.hook())).toBe(false);
		expect(trigger.staticData()).toEqual({ pendingDeletes: [old] });
		const { url, description } = emulator.store.getWebhookEndpoint(old)!;
		emulator.setFaults(undefined);
		emulator.reset();
		// reset() empties the store (and the scripted faults): put the leftover back as it was
		emulator.store.createWebhookEndpoint({ id: old, url, description });
		await activate(trigger);
		expect(emulator.store.getWebhookEndpoint(old)).toBeUndefined();
		expect(endpoints()).toHaveLength(1);
		expect(trigger.staticData().pendingDeletes).toBeUndefined();
	});

	test("a duplicated workflow carrying the original's pendingDeletes never deletes the original's endpoint", async () => {
		const original = triggerWorkflow({}, credentials());
		await activate(original);
		const id = original.staticData().endpointId as string;
		const copy = triggerWorkflow({}, credentials());
		copy.staticData().pendingDeletes = [id];
		await activate(copy);
		expect(emulator.store.getWebhookEndpoint(id)).toBeDefined();
		expect(endpoints()).toHaveLength(2);
	});

	test('deactivation deletes the endpoint and forgets it', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		expect(await trigger.methods.delete.call(trigger.hook())).toBe(true);
		expect(endpoints()).toEqual([]);
		expect(trigger.staticData()).toEqual({});
	});
});

describe('n8n\'s delete with activation "update" (deactivation, or a changed version replacing the old)', () => {
	test('a changed version: delete then create right after → the same endpoint, updated in place', async () => {
		const trigger = triggerWorkflow({ events: ['comment.add'] }, credentials());
		await activate(trigger);
		const id = trigger.staticData().endpointId as string;
		expect(await trigger.methods.delete.call(trigger.hook('update'))).toBe(true);
		expect(trigger.staticData()).toEqual({ pendingDeletes: [id] });
		trigger.node.parameters.events = ['comment.add', 'comment.update'];
		await activate(trigger);
		await runDeferredDeletes();
		expect(endpoints().map((endpoint) => [endpoint.id, endpoint.filterTypes])).toEqual([
			[id, ['comment.add', 'comment.update']],
		]);
		expect(paths().filter((path) => path === DELETE || path === CREATE)).toEqual([CREATE]);
		expect(trigger.staticData().pendingDeletes).toBeUndefined();
	});

	test('a deactivation: the endpoint is deleted once the wait is over', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		expect(await trigger.methods.delete.call(trigger.hook('update'))).toBe(true);
		expect(endpoints()).toHaveLength(1);
		await runDeferredDeletes();
		expect(endpoints()).toEqual([]);
	});
});

describe('a verified delivery shows n8n moved (N8N_WEBHOOK_URL changed; n8n 2.x does not re-activate on restart)', () => {
	test('the endpoint url is updated in place, once per interval; strangers cannot cause it', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const id = trigger.staticData().endpointId as string;
		const secret = emulator.store.getWebhookEndpoint(id)!.secret;
		const url = trigger.hook().getNodeWebhookUrl('default') as string;
		// as if registered under the old base URL
		trigger.staticData().webhookUrl = 'https://old.example.com/webhook/x/webhook';
		emulator.store.updateWebhookEndpoint(id, { url: 'https://old.example.com/webhook/x/webhook' });
		const mark = emulator.requests.length;
		const stranger = await trigger.receive(
			signedHeaders('whsec_c29tZS1vdGhlci1zZWNyZXQtb2YtMzItYnl0ZXM=', body),
			body,
		);
		expect(stranger.status).toBe(401);
		expect(since(mark)).toEqual([]);
		const real = await trigger.receive(signedHeaders(secret, body), body);
		expect(real.executions).toBe(1);
		expect(since(mark)).toEqual([CONFIG, LIST, UPDATE]);
		expect(endpoints().map((endpoint) => [endpoint.id, endpoint.url])).toEqual([[id, url]]);
		expect(trigger.staticData().webhookUrl).toBe(url);
	});
});

describe('an endpoint deleted at Velt: only activation registers again (issue 23)', () => {
	test('a delivery signed with the old secret → 503 and a log line saying to re-activate; nothing registered; activation registers again and says so', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		const gone = trigger.staticData().endpointId as string;
		const oldSecret = emulator.store.getWebhookEndpoint(gone)!.secret;
		emulator.store.deleteWebhookEndpoint(gone);
		forgetEndpointSecrets(trigger.workflow.id, gone);
		const mark = emulator.requests.length;
		const first = await trigger.receive(signedHeaders(oldSecret, body), body);
		expect([first.status, first.executions]).toEqual([503, 0]);
		expect(since(mark)).toEqual([SIGNING_INFO]);
		expect(endpoints()).toEqual([]);
		const hook = trigger.hook();
		const warn = jest.spyOn(hook.logger, 'warn');
		await activate(trigger);
		const healed = trigger.staticData().endpointId as string;
		expect(healed).not.toBe(gone);
		expect(endpoints().map((endpoint) => endpoint.id)).toEqual([healed]);
		const secret = emulator.store.getWebhookEndpoint(healed)!.secret;
		expect((await trigger.receive(signedHeaders(secret, body), body)).executions).toBe(1);
		expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(
			`Velt Trigger: webhook endpoint ${gone} no longer exists at Velt (deleted in the Velt console?); the trigger registers again`,
		);
		warn.mockRestore();
	});

	test('requests that fail the header precheck never lead to a Velt call', async () => {
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		emulator.store.deleteWebhookEndpoint(trigger.staticData().endpointId as string);
		const mark = emulator.requests.length;
		for (const headers of [
			{},
			{ 'webhook-id': 'x' },
			{
				...signedHeaders('whsec_c29tZS1vdGhlci1zZWNyZXQtb2YtMzItYnl0ZXM=', body, { timestamp: 1 }),
			},
		]) {
			const answer = await trigger.receive(headers, body);
			expect(answer.status).toBe(401);
		}
		expect(since(mark)).toEqual([]);
	});
});

describe('preflight: advancedwebhookconfig/get', () => {
	test('advanced webhooks switched off → activation fails saying where to switch them on; nothing registered', async () => {
		emulator.store.advancedWebhookConfig.isEnabled = false;
		const trigger = triggerWorkflow({}, credentials());
		const error = (await activate(trigger).catch((caught: unknown) => caught)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(/Advanced webhooks are switched off/);
		expect(error.description).toMatch(/console\.velt\.dev\/dashboard\/config\/webhook/);
		expect(paths()).toEqual([CONFIG]);
	});

	test('encryption on and no private key in the credential → activation fails naming the field', async () => {
		emulator.store.advancedWebhookConfig.encryptData = true;
		const trigger = triggerWorkflow({}, credentials());
		const error = (await activate(trigger).catch((caught: unknown) => caught)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(/Velt API credential has no "Webhook Decryption Private Key"/);
		expect(paths()).toEqual([CONFIG]);
		const withKey = triggerWorkflow({}, credentials({ webhookPrivateKey: 'MIIEv...' }));
		await activate(withKey);
		expect(endpoints()).toHaveLength(1);
	});

	test('encoding alone needs no key: activation goes on; nothing of the workspace is written', async () => {
		emulator.store.advancedWebhookConfig.encodeData = true;
		const trigger = triggerWorkflow({}, credentials());
		await activate(trigger);
		expect(endpoints()).toHaveLength(1);
		expect(paths().filter((path) => path.includes('config/update'))).toEqual([]);
	});
});

describe('endpoint options', () => {
	test('description, paused and rate limit are registered, then changed in place', async () => {
		const trigger = triggerWorkflow(
			{ endpointOptions: { description: 'Ops alerts', paused: true, rateLimit: 5 } },
			credentials(),
		);
		await activate(trigger);
		expect(emulator.requests.find((request) => request.path === CREATE)?.body).toEqual({
			data: {
				url: expect.any(String),
				filterTypes: ['comment.add', 'comment.update'],
				description: expect.stringMatching(/^Ops alerts \[n8n /),
				disabled: true,
				rateLimit: 5,
			},
		});
		const id = trigger.staticData().endpointId;
		trigger.node.parameters.endpointOptions = { description: 'Ops alerts', rateLimit: 10 };
		await activate(trigger);
		expect(emulator.requests.find((request) => request.path === UPDATE)?.body).toEqual({
			data: { endpointId: id, disabled: false, rateLimit: 10 },
		});
		expect(endpoints()).toHaveLength(1);
	});

	test('a rate limit removed cannot be cleared by update: the endpoint is replaced', async () => {
		const trigger = triggerWorkflow({ endpointOptions: { rateLimit: 5 } }, credentials());
		await activate(trigger);
		const old = trigger.staticData().endpointId;
		trigger.node.parameters.endpointOptions = {};
		await activate(trigger);
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0].id).not.toBe(old);
		expect(endpoints()[0].rateLimit).toBeUndefined();
	});
});

describe('review-workflow events: no longer offered, saved ones keep activating', () => {
	const options = (
		new VeltTrigger().description.properties.find((property) => property.name === 'events')!
			.options as Array<{ value: string }>
	).map((option) => option.value);

	test('none of the 12 approval-engine events is offered; the node says where they go', () => {
		expect(REVIEW_WORKFLOW_EVENT_TYPES).toHaveLength(12);
		for (const event of REVIEW_WORKFLOW_EVENT_TYPES) expect(options).not.toContain(event);
		const notice = new VeltTrigger().description.properties.find(
			(property) => property.name === 'reviewEventsNotice',
		)!;
		expect(notice.displayName).toContain(
			'https://docs.velt.dev/ai/approval-engine/customize-behavior#webhook-delivery',
		);
	});

	test('a workflow saved with review events selected still activates; they stay registered and the log says where they go', async () => {
		const trigger = triggerWorkflow(
			{ events: ['comment.add', 'execution.completed', 'step.awaiting-approval'] },
			credentials(),
		);
		const hook = trigger.hook();
		const warn = jest.spyOn(hook.logger, 'warn');
		expect(await trigger.methods.checkExists.call(trigger.hook())).toBe(false);
		expect(await trigger.methods.create.call(hook)).toBe(true);
		expect(endpoints()[0].filterTypes).toEqual([
			'comment.add',
			'execution.completed',
			'step.awaiting-approval',
		]);
		expect(warn.mock.calls.map(([message]) => String(message)).join('\n')).toMatch(
			/execution\.completed, step\.awaiting-approval are review-workflow events.*webhook-delivery/,
		);
		warn.mockRestore();
	});

	test('only review events saved: still activates with them (never widened to every event)', async () => {
		const trigger = triggerWorkflow({ events: ['execution.completed'] }, credentials());
		await activate(trigger);
		expect(endpoints()[0].filterTypes).toEqual(['execution.completed']);
	});
});

describe('basic mode: webhookconfig/get read on request, never written', () => {
	const basic = (check: boolean) =>
		triggerWorkflow({ mode: 'basic', checkVeltSettings: check }, credentials());

	async function warningsOf(trigger: ReturnType<typeof triggerWorkflow>): Promise<string> {
		const hook = trigger.hook();
		const warn = jest.spyOn(hook.logger, 'warn');
		expect(await trigger.methods.checkExists.call(hook)).toBe(true);
		const text = warn.mock.calls.map(([message]) => String(message)).join('\n');
		warn.mockRestore();
		return text;
	}

	test('off (the default): no Velt call at all', async () => {
		expect(await warningsOf(basic(false))).toBe('');
		expect(paths()).toEqual([]);
	});

	test("Velt's URL is another → a warning naming both URLs; no write", async () => {
		emulator.store.webhookConfig.useWebhookService = true;
		emulator.store.webhookConfig.webhookServiceConfig.rawNotificationUrl =
			'https://other.example/hook';
		const trigger = basic(true);
		const text = await warningsOf(trigger);
		expect(text).toContain('https://other.example/hook');
		expect(text).toContain(trigger.hook().getNodeWebhookUrl('default') as string);
		expect(paths()).toEqual(['/v2/workspace/webhookconfig/get']);
	});

	test("Velt's URL is this trigger's → no warning", async () => {
		const trigger = basic(true);
		emulator.store.webhookConfig.useWebhookService = true;
		emulator.store.webhookConfig.webhookServiceConfig.rawNotificationUrl = trigger
			.hook()
			.getNodeWebhookUrl('default') as string;
		expect(await warningsOf(trigger)).toBe('');
	});

	test('basic webhooks off in Velt → a warning saying to switch them on', async () => {
		expect(await warningsOf(basic(true))).toMatch(/basic webhooks are switched off/);
	});
});
