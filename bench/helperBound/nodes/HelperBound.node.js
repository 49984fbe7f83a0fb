// Benchmark only (bench/run.mjs installs it beside the package, it is never published): the
// calls the Velt nodes make for notification Add and Update, Comment Thread > Create and
// User > Create or Update, sent straight through n8n's request helper at a fixed number in
// flight and a fixed number of items per request, with no parameter reading, validation,
// retries or scrubbing. The bench's "n8n's request helper alone" row, the bound any node
// going through that helper has.
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
				// add | update | thread | user
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
		const [organizationId, documentId, kind] = [
			read('organizationId'),
			read('documentId'),
			read('kind'),
		];
		const headers = { 'x-velt-api-key': read('apiKey'), 'x-velt-auth-token': read('authToken') };
		// Add is one notification per request; the others carry up to Batch Size items each.
		const batchSize = kind === 'add' ? 1 : Math.max(1, read('batchSize'));
		const inFlight = Math.max(1, read('inFlight'));
		const post = async (endpoint, data) =>
			await this.helpers.httpRequest({
				method: 'POST',
				url: `${read('baseUrl')}${endpoint}`,
				headers,
				body: { data },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
		/** Sends one request per batch of `indexes`, `inFlight` at a time; returns the answers. */
		const send = async (indexes, endpoint, dataOf) => {
			const batches = [];
			for (let first = 0; first < indexes.length; first += batchSize)
				batches.push(indexes.slice(first, first + batchSize));
			const answers = [];
			let next = 0;
			const worker = async () => {
				while (next < batches.length) {
					const position = next++;
					answers[position] = {
						indexes: batches[position],
						response: await post(endpoint, dataOf(batches[position])),
					};
				}
			};
			await Promise.all(Array.from({ length: inFlight }, worker));
			return answers;
		};
		const all = items.map((_, index) => index);
		const field = (index, name) => items[index].json[name];
		let answers;
		if (kind === 'add') {
			answers = await send(all, '/v2/notifications/add', ([index]) => ({
				organizationId,
				documentId,
				notificationId: `bench-helper-${field(index, 'index')}`,
				actionUser: { userId: 'bench-bot' },
				displayHeadlineMessageTemplate: `Bench item ${field(index, 'index')}`,
				displayBodyMessage: 'Bench body',
				notifyUsers: [{ userId: field(index, 'user') }],
				notifyAll: false,
			}));
		} else if (kind === 'update') {
			answers = await send(all, '/v2/notifications/update', (batch) => ({
				organizationId,
				documentId,
				notifications: batch.map((index) => ({ id: field(index, 'id'), readByUserIds: ['u1'] })),
			}));
		} else if (kind === 'thread') {
			answers = await send(all, '/v2/commentannotations/add', (batch) => ({
				organizationId,
				documentId,
				commentAnnotations: batch.map((index) => ({
					annotationId: `bench-thread-helper-${field(index, 'index')}`,
					commentData: [
						{ commentText: `Bench thread ${field(index, 'index')}`, from: { userId: 'bench-bot' } },
					],
				})),
			}));
		} else {
			// User > Create or Update: users/update for all, then users/add for those Velt does not have.
			const userOf = (index) => ({
				userId: `bench-user-helper-${field(index, 'index')}`,
				name: `Bench user ${field(index, 'index')}`,
			});
			const usersOf = (batch) => ({ organizationId, users: batch.map(userOf) });
			answers = await send(all, '/v2/users/update', usersOf);
			const missing = [];
			for (const { indexes, response } of answers) {
				const data = response.body?.result?.data ?? {};
				for (const index of indexes)
					if (/does not exist/i.test(data[userOf(index).userId]?.message ?? ''))
						missing.push(index);
			}
			answers.push(...(await send(missing, '/v2/users/add', usersOf)));
		}
		const output = [];
		for (const { indexes, response } of answers)
			for (const index of indexes)
				output[index] = { json: { status: response.statusCode }, pairedItem: { item: index } };
		return [output];
	}
}

module.exports = { HelperBound };
