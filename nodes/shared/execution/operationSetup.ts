import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { failureToNodeApiError } from '../errors';
import type { VeltConnection, VeltFailure } from '../transport';
import { getVeltConnection } from '../transport';
import type { ExecutionOptions } from './options';
import { readExecutionOptions } from './options';
import type { ItemOutcome } from './output';
import { createParameterReader } from './parameterFastPath';

/** One item's values of the parameters an operation shows, by name. */
export type ItemParameters = Record<string, unknown>;

/** What every operation has once it started: read once per run, shared by all items. */
export interface OperationRun {
	options: ExecutionOptions;
	connection: VeltConnection;
	node: INode;
	/** One item's parameters, by the names and defaults of the operation's own properties. */
	parametersOf: (itemIndex: number) => ItemParameters;
	/** The one place a Velt failure becomes the item's n8n error (secrets redacted, hint added). */
	failed: (failure: VeltFailure, itemIndex: number) => ItemOutcome;
}

/**
 * Whether a field's own show conditions on its siblings (beyond resource and operation, which
 * chose this operation) hold for the saved values, as the panel decides: e.g. Permission >
 * Grant's Document shows only when Access To is Document.
 */
function isShown(field: INodeProperties, fields: INodeProperties[], node: INode): boolean {
	const show = field.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => {
		if (name === 'resource' || name === 'operation') return true;
		const sibling = fields.find((candidate) => candidate.name === name);
		const value = node.parameters[name] ?? sibling?.default;
		return (allowed ?? []).some((option) => option === value);
	});
}

/**
 * Starts an operation: its options, the Velt connection (the credential read once), its node,
 * and a reader of one item's parameters. The reader takes the names and defaults from the
 * operation's own properties, so no list of fields is written twice. Pickers (resource
 * locators) are read as the ID they hold, whether the workflow saved a locator object or, from
 * before they were pickers, a plain string.
 */
export async function startOperation(
	this: IExecuteFunctions,
	properties: INodeProperties[],
): Promise<OperationRun> {
	const read = createParameterReader(this);
	const fields = [
		...new Map(
			properties
				.filter((field) => field.name !== 'options' && field.type !== 'notice')
				.map((field) => [field.name, field]),
		).values(),
	];
	const options = readExecutionOptions.call(this);
	const connection = await getVeltConnection.call(this);
	const node = this.getNode();
	return {
		options,
		connection,
		node,
		parametersOf: (itemIndex) =>
			Object.fromEntries(
				fields.map((field) => [
					field.name,
					// n8n extracts a locator's ID only while the panel shows it.
					field.type === 'resourceLocator' && !isShown(field, fields, node)
						? field.default
						: read(field.name, itemIndex, field.default, field.type === 'resourceLocator'),
				]),
			),
		failed: (failure, itemIndex) => ({
			error: failureToNodeApiError(node, failure, itemIndex, connection.secrets),
		}),
	};
}
