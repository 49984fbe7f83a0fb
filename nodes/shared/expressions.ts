// How n8n saves an expression: a string starting with "=". A leaf module: the tool rules and the
// action node's expression fast path read saved parameters with the same test.

export function isExpressionText(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

/** Whether a saved parameter value holds an expression at any depth (collections, lists). */
export function holdsExpression(value: unknown): boolean {
	if (isExpressionText(value)) return true;
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).some(holdsExpression);
}
