import type { INodeProperties } from 'n8n-workflow';
import { isPlainObject } from './transport/json';

/**
 * The value of a resource-locator parameter: its `value` when it is a locator
 * object ({__rl, mode, value}), else the value itself, so workflows saved when
 * the field was plain text keep working.
 */
export function locatorValue(value: unknown): unknown {
	if (isPlainObject(value) && 'value' in value && ('__rl' in value || 'mode' in value)) {
		return value.value;
	}
	return value;
}

/** A picker with "From List" (searchable, paged) and "By ID". */
export function resourceLocatorField(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	description: string;
	placeholder: string;
	listPlaceholder: string;
	required?: boolean;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: options.listPlaceholder,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
			},
		],
	};
}
