import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import {
	dropEmpty,
	keyValuePairsToObject,
	optionalString,
	parseJsonObject,
	parseUser,
} from '../../../shared/parameters';

/**
 * Reads the values of `fields` (the parameters an operation shows) as Velt wants them,
 * each by the kind of field it is: text, a JSON object, a boolean, a user (a fixed
 * collection of one `user`) or key/value pairs (a fixed collection of `values`).
 * Empty values are left out; options fields are the operation's own business.
 */
export function readFieldValues(
	values: IDataObject,
	fields: INodeProperties[],
	node: INode,
	itemIndex: number,
): IDataObject {
	const result: IDataObject = {};
	for (const field of fields) {
		const value = values[field.name];
		if (value === undefined) continue;
		const ref = { node, itemIndex, label: field.displayName };
		switch (field.type) {
			case 'string': {
				const text = optionalString(value);
				if (text !== undefined) result[field.name] = text;
				break;
			}
			case 'boolean':
				if (typeof value === 'boolean') result[field.name] = value;
				break;
			case 'json': {
				const object = parseJsonObject(value, ref);
				if (object !== undefined && Object.keys(object).length > 0) result[field.name] = object;
				break;
			}
			case 'fixedCollection': {
				const collection = value as IDataObject;
				if (collection.user !== undefined)
					result[field.name] = parseUser(dropEmpty(collection.user as IDataObject), ref);
				const pairs = (collection.values ?? []) as Array<{ key?: unknown; value?: unknown }>;
				if (Array.isArray(pairs) && pairs.length > 0)
					result[field.name] = keyValuePairsToObject(pairs, ref);
				break;
			}
		}
	}
	return result;
}
