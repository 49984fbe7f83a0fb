/** nodes/shared/execution/parameterFastPath.ts: simple $json expressions and the constant cache. */
import type { IExecuteFunctions } from 'n8n-workflow';
import {
	compileSimpleExpression,
	compileSimpleParameter,
	createParameterReader,
} from '../../nodes/shared/execution/parameterFastPath';
import { unitNode as node } from '../helpers/testNode';

const json = {
	index: 7,
	user: 'u1',
	done: false,
	nested: { list: ['a', 'b'], 'odd key': 'x' },
	empty: null,
	object: { a: 1 },
};

describe('simple expressions are read from the item', () => {
	test.each([
		['={{ $json.index }}', 7],
		['={{$json.user}}', 'u1'],
		['={{ $json.done }}', false],
		['={{ $json.nested.list[1] }}', 'b'],
		["={{ $json.nested['odd key'] }}", 'x'],
		['={{ $json["user"] }}', 'u1'],
		['=Item {{ $json.index }} for {{ $json.user }}', 'Item 7 for u1'],
		['=no braces at all', 'no braces at all'],
		['={{ $json.index }} ', '7 '],
	])('%s → %p', (expression, expected) => {
		expect(compileSimpleExpression(expression)?.(json)).toEqual({ value: expected });
	});

	test.each([
		'={{ $json.user.toUpperCase() }}',
		'={{ $json.index + 1 }}',
		'={{ $("Items").item.json.user }}',
		'={{ $input.item.json.user }}',
		'={{ $json.user }',
		'=a }} b',
		'=\\{{ $json.user }}',
		'={{ $json.user ? 1 : 2 }}',
	])('%s is left to n8n', (expression) => {
		expect(compileSimpleExpression(expression)).toBeUndefined();
	});

	test.each([
		['={{ $json.object }}', "an object keeps n8n's own handling"],
		['={{ $json.missing }}', 'a missing value'],
		['=Item {{ $json.empty }}', 'null inside text'],
		['=Item {{ $json.object }}', 'an object inside text'],
	])('%s: %s is left to n8n for this item', (expression) => {
		const resolver = compileSimpleExpression(expression);
		expect(resolver).toBeDefined();
		expect(resolver?.(json)).toBeUndefined();
	});

	test('a collection is resolved at any depth, or left to n8n as a whole', () => {
		const collection = {
			users: [{ userId: '={{ $json.user }}', name: 'Ana' }],
			count: 2,
			flag: true,
		};
		expect(compileSimpleParameter(collection)?.(json)).toEqual({
			value: { users: [{ userId: 'u1', name: 'Ana' }], count: 2, flag: true },
		});
		expect(
			compileSimpleParameter({ users: [{ userId: '={{ $json.user.trim() }}' }] }),
		).toBeUndefined();
		expect(
			compileSimpleParameter({ users: [{ userId: '={{ $json.object }}' }] })?.(json),
		).toBeUndefined();
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
