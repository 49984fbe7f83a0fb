// Benchmark only (bench/run.mjs installs it beside the package, it is never published): the
// calls the Velt node makes for Add and Update, sent straight through n8n's request helper at a
// fixed number in flight, with no parameter reading, validation, retries or scrubbing. The
// bench's "n8n's request helper alone" row, the bound any node going through that helper has.
class HelperBound {
	constructor() {
		this.description = {
			displayName: 'Helper Bound',
			name: 'helperBound',
			group: ['transform'],
			version: 1,
			description: 'Benchmark only',
			defaults: { name: 'Helper Bound' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
				{ displayName: 'Kind', name: 'kind', type: 'string', default: 'add' },
				{ displayName: 'In Flight', name: 'inFlight', type: 'number', default: 16 },
				{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 50 },
				{ displayName: 'Organization', name: 'organizationId', type: 'string', default: '' },
				{ displayName: 'Document', name: 'documentId', type: 'string', default: '' },
				{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
				{ displayName: 'Auth Token', name: 'authToken', type: 'string', default: '' },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const read = (name) => this.getNodeParameter(name, 0);
		const [organizationId, documentId] = [read('organizationId'), read('documentId')];
		const headers = { 'x-velt-api-key': read('apiKey'), 'x-velt-auth-token': read('authToken') };
		const batchSize = read('kind') === 'update' ? read('batchSize') : 1;
		const url = `${read('baseUrl')}/v2/notifications/${read('kind') === 'update' ? 'update' : 'add'}`;
		const dataOf = (first) => {
			if (batchSize === 1) {
				const { index, user } = items[first].json;
				return {
					organizationId,
					documentId,
					notificationId: `bench-helper-${index}`,
					actionUser: { userId: 'bench-bot' },
					displayHeadlineMessageTemplate: `Bench item ${index}`,
					displayBodyMessage: 'Bench body',
					notifyUsers: [{ userId: user }],
					notifyAll: false,
				};
			}
			const notifications = items
				.slice(first, first + batchSize)
				.map((item) => ({ id: item.json.id, readByUserIds: ['u1'] }));
			return { organizationId, documentId, notifications };
		};
		const output = [];
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const first = next;
				next += batchSize;
				const response = await this.helpers.httpRequest({
					method: 'POST',
					url,
					headers,
					body: { data: dataOf(first) },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				});
				for (let index = first; index < Math.min(first + batchSize, items.length); index++)
					output[index] = { json: { status: response.statusCode }, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, read('inFlight')) }, worker));
		return [output];
	}
}

module.exports = { HelperBound };
