import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createParameterReader } from '../../nodes/VeltNotifications/helpers/execution';
import { describeFailure, failureToNodeApiError, hintForFailure } from '../../nodes/shared/errors';
import {
	generateNotificationId,
	renderHeadline,
	simplifyNotification,
} from '../../nodes/shared/notifications';
import {
	keyValuePairsToObject,
	parseIdList,
	parseJsonObject,
	parseUser,
	parseUserList,
} from '../../nodes/shared/parameters';
import {
	NOTIFICATION_ID_PATTERN,
	planBatches,
	redactSecrets,
	runWithConcurrency,
	scopeKey,
} from '../../nodes/shared/transport';

const node: INode = {
	id: 'n1',
	name: 'Velt',
	type: 'n8n-nodes-velt.veltNotifications',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const field = (label: string) => ({ node, itemIndex: 3, label });

function thrown(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a throw');
}

describe('parameters', () => {
	test('parseIdList takes arrays, commas, spaces, new lines and JSON arrays', () => {
		expect(parseIdList(['a', 2, ' b '], field('Ids'))).toEqual(['a', '2', 'b']);
		expect(parseIdList('a, b\nc  d,,', field('Ids'))).toEqual(['a', 'b', 'c', 'd']);
		expect(parseIdList('["x","y"]', field('Ids'))).toEqual(['x', 'y']);
		expect(parseIdList('', field('Ids'))).toEqual([]);
	});

	test('parseIdList refuses objects, naming field and item', () => {
		const error = thrown(() => parseIdList([{ id: 1 }], field('Notification IDs')));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Notification IDs: must list ids as text, got an object (item 3)');
	});

	test('parseJsonObject accepts objects and JSON text, refuses bad JSON and arrays', () => {
		expect(parseJsonObject({ a: 1 }, field('Metadata'))).toEqual({ a: 1 });
		expect(parseJsonObject('{"a":1}', field('Metadata'))).toEqual({ a: 1 });
		expect(parseJsonObject('  ', field('Metadata'))).toBeUndefined();
		expect(thrown(() => parseJsonObject('{a:1}', field('Metadata'))).message).toMatch(
			/^Metadata: is not valid JSON \(.+\) \(item 3\)$/,
		);
		expect(thrown(() => parseJsonObject('[1]', field('Metadata'))).message).toBe(
			'Metadata: must be a JSON object, got an array (item 3)',
		);
	});

	test('users need a userId; strings are user ids; empty fields are dropped', () => {
		expect(parseUser('u1', field('Notify Users'))).toEqual({ userId: 'u1' });
		expect(parseUser({ userId: 'u2', name: '', email: 'a@b.c' }, field('Notify Users'))).toEqual({
			userId: 'u2',
			email: 'a@b.c',
		});
		expect(thrown(() => parseUserList('[{"name":"Ana"}]', field('Notify Users'))).message).toBe(
			'Notify Users #1: has no userId (item 3)',
		);
		expect(
			parseUserList(
				[{ userId: 'a', isAdmin: true, accessRole: 'editor' }, 'b'],
				field('Notify Users'),
			),
		).toEqual([{ userId: 'a', isAdmin: true, accessRole: 'editor' }, { userId: 'b' }]);
	});

	test('user lists given as plain text are user IDs', () => {
		expect(parseUserList('u1', field('Notify Users'))).toEqual([{ userId: 'u1' }]);
		expect(parseUserList('u1, u2', field('Notify Users'))).toEqual([
			{ userId: 'u1' },
			{ userId: 'u2' },
		]);
		expect(parseUserList('"u3"', field('Notify Users'))).toEqual([{ userId: 'u3' }]);
	});

	test('key/value pairs turn JSON object values into objects', () => {
		expect(
			keyValuePairsToObject(
				[
					{ key: 'actionUser', value: '{"userId":"u1","name":"Ana"}' },
					{ key: 'deal', value: 'ACME' },
				],
				field('Headline Template Data'),
			),
		).toEqual({
			actionUser: { userId: 'u1', name: 'Ana' },
			deal: 'ACME',
		});
		expect(
			thrown(() =>
				keyValuePairsToObject([{ key: '', value: 'x' }], field('Headline Template Data')),
			).message,
		).toBe('Headline Template Data #1: has an empty key (item 3)');
	});
});

describe('notifications', () => {
	test('renderHeadline uses names, emails, ids and custom text; a placeholder nothing fills shows as its name', () => {
		const data = {
			actionUser: { userId: 'u1', name: 'Ana' },
			recipientUser: { userId: 'u2', email: 'bo@example.com' },
			deal: 'ACME',
			owner: { userId: 'u3' },
		};
		expect(
			renderHeadline('{actionUser} closed {deal} for {recipientUser} and {owner}; {missing}', data),
		).toBe('Ana closed ACME for bo@example.com and u3; missing');
		expect(
			renderHeadline(
				'{actionUser} invited {recipientUser}',
				{ actionUser: { userId: 'u1', name: 'Ana' } },
				{ recipientUser: 'Bo' },
			),
		).toBe('Ana invited Bo');
		expect(
			renderHeadline(
				'{ recipientUser } and {recipientUser}',
				{ recipientUser: { name: 'Cy' } },
				{ recipientUser: 'Bo' },
			),
		).toBe('Cy and Cy');
		expect(renderHeadline(undefined, data)).toBe('');
	});

	test('simplifyNotification', () => {
		expect(
			simplifyNotification({
				id: 'n1',
				displayHeadlineMessageTemplate: '{actionUser} did it',
				displayHeadlineMessageTemplateData: { actionUser: { userId: 'u1', name: 'Ana' } },
				displayBodyMessage: 'Body',
				notificationSource: 'custom',
				actionUser: { userId: 'u1', name: 'Ana' },
				metadata: { organizationId: 'o', documentId: 'd', apiKey: 'k' },
				timestamp: 1722409519944,
				isUnread: true,
			}),
		).toEqual({
			id: 'n1',
			headline: 'Ana did it',
			body: 'Body',
			source: 'custom',
			actionUser: 'Ana',
			actionUserId: 'u1',
			organizationId: 'o',
			documentId: 'd',
			locationId: null,
			timestamp: 1722409519944,
			createdAt: '2024-07-31T07:05:19.944Z',
			isUnread: true,
		});
	});

	test('generated ids are valid Velt ids, stable per execution/node/run/item, random otherwise', () => {
		const parts = { executionId: '42', nodeId: 'abc', runIndex: 0, itemIndex: 1 };
		const id = generateNotificationId(parts);
		expect(id).toMatch(NOTIFICATION_ID_PATTERN);
		expect(generateNotificationId(parts)).toBe(id);
		expect(generateNotificationId({ ...parts, itemIndex: 2 })).not.toBe(id);
		const random = new Set(Array.from({ length: 100 }, () => generateNotificationId()));
		expect(random.size).toBe(100);
		for (const value of random) expect(value).toMatch(NOTIFICATION_ID_PATTERN);
	});
});

describe('batching', () => {
	test('same scope shares requests up to the batch size; other scopes get their own', () => {
		const a = { organizationId: 'o', documentId: 'd1' };
		const b = { documentId: 'd1', organizationId: 'o' };
		const c = { organizationId: 'o', documentId: 'd2' };
		expect(scopeKey(a)).toBe(scopeKey(b));
		const waves = planBatches(
			[
				{ scope: a, entries: [{ id: '1', payload: {} }] },
				{ scope: c, entries: [{ id: '2', payload: {} }] },
				{ scope: b, entries: [{ id: '3', payload: {} }] },
				{ scope: a, entries: [{ id: '4', payload: {} }] },
			],
			2,
		);
		expect(waves).toHaveLength(1);
		expect(
			waves[0].map((batch) => batch.entries.map((entry) => [entry.id, entry.itemIndex])),
		).toEqual([
			[
				['1', 0],
				['3', 2],
			],
			[['4', 3]],
			[['2', 1]],
		]);
	});

	test('a repeated id goes to a later wave so the two changes never share a request', () => {
		const scope = { organizationId: 'o' };
		const waves = planBatches(
			[
				{ scope, entries: [{ id: 'x', payload: { n: 1 } }] },
				{ scope, entries: [{ id: 'y', payload: {} }] },
				{ scope, entries: [{ id: 'x', payload: { n: 2 } }] },
				undefined,
				{ scope, entries: [{ id: 'x', payload: { n: 3 } }] },
			],
			50,
		);
		expect(
			waves.map((wave) =>
				wave.flatMap((batch) => batch.entries.map((entry) => `${entry.id}@${entry.itemIndex}`)),
			),
		).toEqual([['x@0', 'y@1'], ['x@2'], ['x@4']]);
	});

	test('an item without ids gets a request of its own', () => {
		const waves = planBatches(
			[{ scope: { organizationId: 'o', documentId: 'd' }, entries: [] }],
			50,
		);
		expect(waves[0]).toEqual([
			{ scope: { organizationId: 'o', documentId: 'd' }, entries: [], ownerItemIndex: 0 },
		]);
	});
});

describe('errors', () => {
	test('hints say how to fix what Velt reported', () => {
		expect(
			hintForFailure({ kind: 'api', message: 'Invalid auth token', veltCode: 'PERMISSION_DENIED' }),
		).toContain('auth token');
		expect(
			hintForFailure({
				kind: 'api',
				message: 'Advanced queries are not enabled.',
				veltCode: 'NOT_FOUND',
			}),
		).toContain('Advanced Queries');
		expect(hintForFailure({ kind: 'api', message: 'x', veltCode: 'RESOURCE_EXHAUSTED' })).toContain(
			'Retries',
		);
	});

	test('the NodeApiError carries message, code, status, item and hint, with secrets removed', () => {
		const error = failureToNodeApiError(
			node,
			{
				kind: 'api',
				message: 'key sk-secret-123 is wrong',
				veltCode: 'PERMISSION_DENIED',
				httpStatus: 403,
			},
			7,
			['sk-secret-123'],
		);
		expect(error.message).toBe('Velt: key [redacted] is wrong [PERMISSION_DENIED] (HTTP 403)');
		expect(error.httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(7);
		expect(error.description).toContain('auth token');
		expect(JSON.stringify(error)).not.toContain('sk-secret-123');
	});

	test('describeFailure and redactSecrets', () => {
		expect(describeFailure({ kind: 'timeout', message: 'Velt did not answer within 5 ms' })).toBe(
			'Velt did not answer within 5 ms',
		);
		expect(redactSecrets('a-token and a-token', ['a-token', ''])).toBe('[redacted] and [redacted]');
	});
});

describe('runWithConcurrency', () => {
	test('never exceeds the limit, runs everything, starts in order', async () => {
		let inFlight = 0;
		let peak = 0;
		const started: number[] = [];
		await runWithConcurrency(20, 3, async (index) => {
			started.push(index);
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
		});
		expect(peak).toBe(3);
		expect(started).toEqual(Array.from({ length: 20 }, (_, index) => index));
	});

	test('stops starting work once told to', async () => {
		const started: number[] = [];
		let stop = false;
		await runWithConcurrency(
			10,
			1,
			async (index) => {
				started.push(index);
				if (index === 2) stop = true;
			},
			() => stop,
		);
		expect(started).toEqual([0, 1, 2]);
	});
});

describe('createParameterReader', () => {
	test('resolves a parameter without expressions once, plain $json paths from the item, other expressions through n8n for every item', () => {
		const calls: string[] = [];
		const context = {
			getNode: () => ({
				...node,
				parameters: {
					organizationId: 'org',
					id: '={{ $json.id }}',
					updateFields: { readByUserIds: '={{ $json.user.trim() }}' },
					options: { batchSize: 5 },
				},
			}),
			getNodeParameter: (name: string, itemIndex: number) => {
				calls.push(`${name}@${itemIndex}`);
				return `${name}-${itemIndex}`;
			},
			getInputData: () => [
				{ json: { id: 'n-0' } },
				{ json: { id: 'n-1' } },
				{ json: { id: { not: 'plain' } } },
			],
		} as unknown as IExecuteFunctions;
		const read = createParameterReader(context);
		for (const itemIndex of [0, 1, 2]) {
			expect(read('organizationId', itemIndex)).toBe('organizationId-0');
			// An object is not a plain value: n8n resolves that item's id itself.
			expect(read('id', itemIndex)).toBe(itemIndex < 2 ? `n-${itemIndex}` : 'id-2');
			expect(read('updateFields', itemIndex, {})).toBe(`updateFields-${itemIndex}`);
		}
		expect(calls).toEqual([
			'organizationId@0',
			'updateFields@0',
			'updateFields@1',
			'id@2',
			'updateFields@2',
		]);
	});
});
