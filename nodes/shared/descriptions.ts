import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';
import { resourceLocatorField } from './resourceLocator';

// Fields the action nodes and the polling trigger show. Organization, document and user are
// pickers (resource locators) listing what Velt has; their methods are in listSearch.ts.

export const organizationIdField: INodeProperties = resourceLocatorField({
	displayName: 'Organization',
	name: 'organizationId',
	searchListMethod: 'searchOrganizations',
	required: true,
	placeholder: 'e.g. acme-inc',
	listPlaceholder: 'Select an organization...',
	description: 'The Velt organization the notifications belong to',
});

export const documentIdField: INodeProperties = resourceLocatorField({
	displayName: 'Document',
	name: 'documentId',
	searchListMethod: 'searchDocuments',
	placeholder: 'e.g. deal-4711',
	listPlaceholder: 'Select a document...',
	description: 'The Velt document the notifications belong to',
});

export const userIdField: INodeProperties = resourceLocatorField({
	displayName: 'User',
	name: 'userId',
	searchListMethod: 'searchUsers',
	placeholder: 'e.g. user-1',
	listPlaceholder: 'Select a user...',
	description: 'The user, by the ID your app gives them in Velt',
});

export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	description: 'Only notifications at this location inside the document',
};

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
};

/** The fields of a Velt user as a no-code user fills them in. */
export const userValueFields: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID your app gives the user in Velt',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	emailField,
];

function collection(displayName: string, name: string, placeholder: string) {
	return (options: INodeProperties[], more: Partial<INodeProperties> = {}): INodeProperties => ({
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		...more,
		options,
	});
}

/** The collections operations group their optional parameters in. */
export const additionalFieldsCollection = collection(
	'Additional Fields',
	'additionalFields',
	'Add Field',
);
export const filtersCollection = collection('Filters', 'filters', 'Add Filter');
export const updateFieldsCollection = collection('Update Fields', 'updateFields', 'Add Field');

/** A text field taking IDs separated by commas or an array from an expression. */
export function idListField(
	displayName: string,
	name: string,
	description: string,
	placeholder?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		...(placeholder !== undefined ? { placeholder } : {}),
		description,
	};
}

/** User IDs an operation acts on (required). */
export function userIdsField(description: string): INodeProperties {
	return {
		...idListField('User IDs', 'userIds', description, 'e.g. u1, u2'),
		required: true,
	};
}

/**
 * What the action nodes' descriptions have in common: one main input and output, the Velt
 * API credential. Icon and usableAsTool stay in each node file, where n8n's lint reads them.
 */
export const ACTION_NODE_BASE = {
	group: ['transform'],
	// 2: Simplify on by default on every Get Many, Sort outside Filters. Version 1 keeps what
	// saved workflows send and output.
	version: [1, 2],
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'veltApi', required: true, testedBy: 'veltApiTest' }],
} satisfies Partial<INodeTypeDescription>;

/**
 * An action node's Resource selector. `defaultValue` is persisted meaning (saved workflows omit
 * a value equal to it), so it never changes.
 */
export function resourceField(
	options: Array<{ name: string; value: string }>,
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultValue,
	};
}

/** An action node's properties: the Resource selector (options sorted by name), then each resource's fields. */
export function actionProperties(
	resources: Record<string, { name: string; description: INodeProperties[] }>,
	defaultResource: string,
): INodeProperties[] {
	const options = Object.entries(resources)
		.map(([value, { name }]) => ({ name, value }))
		.sort((a, b) => (a.name < b.name ? -1 : 1));
	return [
		resourceField(options, defaultResource),
		...Object.values(resources).flatMap(({ description }) => description),
	];
}

/**
 * A resource's fields: its Operation selector (`options`, as the panel lists them), then each
 * operation's own fields in the order of `operations`, shown for that operation only.
 */
export function resourceDescription<O extends Record<string, { description: INodeProperties[] }>>(
	resource: string,
	// An option naming no operation does not compile.
	options: Array<INodePropertyOptions & { value: keyof O & string }>,
	defaultOperation: keyof O & string,
	operations: O,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...Object.entries(operations).flatMap(([operation, { description }]) =>
			updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, description),
		),
	];
}

/**
 * An action node's subtitle ("Create: Comment Thread") from its own Resource and Operation
 * options, so an operation added to the description needs no second list of labels.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resourceNames = new Map<unknown, string>();
	for (const option of properties.find((property) => property.name === 'resource')?.options ?? [])
		if ('value' in option) resourceNames.set(option.value, option.name);
	const labels: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of property.options ?? []) {
				if (!('value' in option)) continue;
				labels[`${String(resource)}.${String(option.value)}`] =
					`${option.name}: ${resourceNames.get(resource) ?? String(resource)}`;
			}
		}
	}
	return `={{ (${JSON.stringify(labels)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}

export function jsonField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

/** Shows a field only on node versions `from` and later, or only before (`before`). */
export function forVersions(
	property: INodeProperties,
	versions: { from: number } | { before: number },
): INodeProperties {
	const condition =
		'from' in versions ? { _cnd: { gte: versions.from } } : { _cnd: { lt: versions.before } };
	return updateDisplayOptions({ show: { '@version': [condition] } }, [property])[0];
}

/**
 * A Get Many's Filters with its sort order: from node version 2 the order is its own Sort field
 * (n8n's UX guidelines); version 1 keeps it under Filters as `order`, as saved workflows have it.
 */
export function filtersAndSort(
	filters: INodeProperties[],
	order: { options: Array<{ name: string; value: string }>; description?: string },
): INodeProperties[] {
	const field = {
		type: 'options' as const,
		options: order.options,
		default: 'desc',
		...(order.description !== undefined ? { description: order.description } : {}),
	};
	const withOrder = [...filters, { displayName: 'Order', name: 'order', ...field }].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return [
		forVersions({ displayName: 'Sort', name: 'sort', ...field }, { from: 2 }),
		forVersions(filtersCollection(filters), { from: 2 }),
		forVersions(filtersCollection(withOrder), { before: 2 }),
	];
}

/**
 * n8n's Simplify switch; `kept` names the fields the simplified record keeps. On by default;
 * with `since`, a read that had no Simplify before that node version keeps it off there, so
 * saved workflows output what they did.
 */
export function simplifyFields(kept: string, since?: number): INodeProperties[] {
	const field: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data. Keeps ${kept}.`,
	};
	if (since === undefined) return [field];
	return [
		forVersions(field, { from: since }),
		// Last, so a reader falling back to a field's default takes the old behaviour.
		forVersions({ ...field, default: false }, { before: since }),
	];
}

/** Whether an item's records are simplified (simplifyFields; the field's default when unset). */
export function simplifyOn(parameters: Record<string, unknown>): boolean {
	return parameters.simplify !== false;
}
