/**
 * The parameter parsers take whatever an expression or a model produces. For any input they
 * either return a value or throw our clear error: a NodeOperationError naming the field.
 */
import fc from 'fast-check';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { FieldRef } from '../../nodes/shared/parameters';
import {
	parseIdList,
	parseJsonObject,
	parseJsonValue,
	parseUserList,
} from '../../nodes/shared/parameters';

const RUNS = { numRuns: 1500 };
const LABEL = 'Field Under Test';

const nodes: INode[] = [
	{
		id: 'n',
		name: 'Velt',
		type: 'n8n-nodes-velt.veltNotifications',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	},
	{
		id: 't',
		name: 'Velt Tool',
		type: 'n8n-nodes-velt.veltNotificationsTool',
		typeVersion: 1,
		position: [0, 0],
		parameters: { field: "={{ $fromAI('Arg') }}" },
	},
];

const PARSERS: Array<[string, (value: unknown, field: FieldRef) => unknown]> = [
	['parseUserList', parseUserList],
	['parseJsonValue', parseJsonValue],
	['parseJsonObject', parseJsonObject],
	['parseIdList', parseIdList],
];

/** Deeply nested JSON text, valid or cut short. */
const deepJsonText = fc
	.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
	.map(([depth, open, closed]) => {
		const close = open === '[' ? ']' : '}';
		return open.repeat(depth) + '1' + (closed ? close.repeat(depth) : '');
	});

const inputs = fc.oneof(
	fc.anything({
		withNullPrototype: true,
		withBigInt: true,
		withDate: true,
		withMap: true,
		withSet: true,
	}),
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.json(),
	fc.jsonValue().map((value) => JSON.stringify(value)),
	deepJsonText,
	fc
		.array(fc.oneof(fc.string(), fc.integer(), fc.object(), fc.constant(null)))
		.map((list) => JSON.stringify(list)),
);

function check(parse: (value: unknown, field: FieldRef) => unknown, value: unknown, node: INode) {
	const field: FieldRef = { node, itemIndex: 0, label: LABEL, parameter: 'field' };
	try {
		parse(value, field);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain(LABEL);
	}
}

describe.each(PARSERS)('%s', (_name, parse) => {
	test.each(nodes.map((node) => [node.type, node] as const))(
		'finding 4: never throws anything but a NodeOperationError naming the field (%s)',
		(_type, node) => {
			fc.assert(
				fc.property(inputs, (value) => check(parse, value, node)),
				RUNS,
			);
		},
	);
});
