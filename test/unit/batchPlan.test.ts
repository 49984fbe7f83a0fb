/** nodes/shared/execution/batchPlan.ts: which ids share a request, and in which wave. */
import { planBatches, scopeKey } from '../../nodes/shared/execution/batchPlan';

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

	test('a group splits one scope into requests; an item after an id goes to a later wave than it', () => {
		const scope = { organizationId: 'o' };
		const waves = planBatches(
			[
				{ scope, entries: [{ id: 'parent', payload: {} }], group: '' },
				{ scope, entries: [{ id: 'child', payload: {} }], group: 'parent', after: ['parent'] },
				{ scope, entries: [{ id: 'other', payload: {} }], group: '' },
				{ scope, entries: [{ id: 'elsewhere', payload: {} }], group: 'old', after: ['old'] },
			],
			50,
		);
		expect(
			waves.map((wave) =>
				wave.map((batch) => batch.entries.map((entry) => `${entry.id}@${entry.itemIndex}`)),
			),
		).toEqual([[['parent@0', 'other@2'], ['elsewhere@3']], [['child@1']]]);
	});
});
