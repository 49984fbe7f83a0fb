/** nodes/shared/parameters.ts: how parameter values become what Velt wants, or a clear error. */
import { NodeOperationError } from 'n8n-workflow';
import {
	keyValuePairsToObject,
	parseIdList,
	parseJsonObject,
	parseUser,
	parseUserList,
} from '../../nodes/shared/parameters';
import { thrown, unitField as field } from '../helpers/testNode';

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
