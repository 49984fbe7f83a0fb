/**
 * Review 2, findings 8, 9 and 16 on the Velt node, through n8n-core's engine against canned
 * Velts and the emulator: User > Get Many grouped by document grows linearly, Velt's per-id
 * answers never turn an unrequested key (the API key) into output, and Velt's failures get
 * hints that blame the right thing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { appendToGroup } from '../../nodes/shared/transport';
import { startCannedVelt } from '../helpers/cannedVelt';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from '../helpers/n8nHarness';
import { runVelt } from '../node/support';
import { byId, errorMessage, runVeltNode } from '../velt/support';
import { useEmulator } from '../helpers/useEmulator';

/** A Velt answering users/get grouped by document: `pages` pages, the same documents on each. */
async function startGroupedUsers(pages: number, perPage: number) {
	let requests = 0;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			requests++;
			const data = JSON.parse(Buffer.concat(chunks).toString('utf8')).data as IDataObject;
			const page = typeof data.pageToken === 'string' ? Number(data.pageToken.slice(1)) : 0;
			const users = (document: string, count: number) =>
				Array.from({ length: count }, (_, index) => ({
					userId: `grp-${document}-${page}-${index}`,
				}));
			const body = {
				result: {
					status: 'success',
					data: { docA: users('a', perPage), ...(page % 2 === 1 ? { docB: users('b', 1) } : {}) },
					...(page + 1 < pages ? { nextPageToken: `p${page + 1}` } : {}),
				},
			};
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get requests() {
			return requests;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Counts the elements of the canned users' lists visited through array iteration (spread,
 * for…of) while `run` runs: a copy of the whole list per page visits O(pages²) of them.
 */
async function countUserListSteps<T>(run: () => Promise<T>): Promise<{ result: T; steps: number }> {
	const original = Array.prototype[Symbol.iterator];
	let steps = 0;
	const isUserList = (list: unknown[]) => {
		const first = list[0] as IDataObject | undefined;
		return typeof first?.userId === 'string' && first.userId.startsWith('grp-');
	};
	Array.prototype[Symbol.iterator] = function (this: unknown[]) {
		const iterator = original.call(this);
		if (!Array.isArray(this) || !isUserList(this)) return iterator;
		return {
			next: () => {
				steps++;
				return iterator.next();
			},
			[Symbol.iterator]() {
				return this;
			},
		} as ArrayIterator<unknown>;
	} as typeof original;
	try {
		return { result: await run(), steps };
	} finally {
		Array.prototype[Symbol.iterator] = original;
	}
}

describe('review 2, finding 8: User > Get Many grouped by document is linear', () => {
	test('review 2, finding 8: 450 pages return every user once, visiting each user a bounded number of times (not once per later page)', async () => {
		const pages = 450;
		const perPage = 5;
		const velt = await startGroupedUsers(pages, perPage);
		try {
			const { result: run, steps } = await countUserListSteps(() =>
				runVeltNode(velt, {
					parameters: {
						resource: 'user',
						operation: 'getAll',
						organizationId: byId('acme'),
						returnAll: true,
						filters: { allDocuments: true, groupByDocumentId: true },
						options: { maxRetries: 0 },
					} as INodeParameters,
				}),
			);
			expect(errorMessage(run)).toBe('');
			expect(velt.requests).toBe(pages);
			expect(run.json.map((group) => group.documentId)).toEqual(['docA', 'docB']);
			const ids = run.json.flatMap((group) =>
				(group.users as IDataObject[]).map((user) => user.userId),
			);
			const expected = pages * perPage + Math.floor(pages / 2);
			expect(ids).toHaveLength(expected);
			expect(new Set(ids).size).toBe(expected);
			// Linear: a few visits per user. Copying per page visits ~pages²·perPage/2 (over 500,000).
			expect(steps).toBeLessThan(10 * expected);
		} finally {
			await velt.close();
		}
	});

	test('review 2, finding 8: appendToGroup grows one list per key in place', () => {
		const groups = new Map<string, number[]>();
		appendToGroup(groups, 'a', [1, 2]);
		const list = groups.get('a');
		for (let page = 0; page < 1000; page++) appendToGroup(groups, 'a', [page]);
		expect(groups.get('a')).toBe(list);
		expect(list).toHaveLength(1002);
		// A page far larger than a spread's argument limit is appended too.
		appendToGroup(groups, 'b', new Array(300_000).fill(0));
		expect(groups.get('b')).toHaveLength(300_000);
	});
});

function expectNoSecret(value: unknown): void {
	const text = JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
	expect(text).not.toContain(TEST_API_KEY);
	expect(text).not.toContain(TEST_AUTH_TOKEN);
}

const scope = { organizationId: byId('acme'), documentId: byId('deal-1') };

describe('review 2, finding 9: keys of Velt’s answers are scrubbed, and only requested ids are output', () => {
	/** Comment Thread > Delete's answer, with the API key and the auth token as per-id keys. */
	const echoingKeys = {
		status: 200,
		body: {
			result: {
				status: 'success',
				message: 'Deleted',
				data: {
					't-1': { success: true, id: 't-1', message: 'Deleted Successfully' },
					[TEST_API_KEY]: { success: true, id: TEST_API_KEY, message: 'Deleted Successfully' },
					[`key-${TEST_AUTH_TOKEN}`]: { success: false, message: 'Not found' },
				},
			},
		},
	};

	test('review 2, finding 9: Comment Thread > Delete answered with the API key as a per-id key outputs only the requested id, never the key', async () => {
		const velt = await startCannedVelt(echoingKeys);
		try {
			const run = await runVeltNode(velt, {
				parameters: {
					resource: 'commentThread',
					operation: 'delete',
					...scope,
					annotationIds: 't-1',
				},
			});
			expect(errorMessage(run)).toBe('');
			expect(run.json).toEqual([
				expect.objectContaining({
					deleted: true,
					deletedIds: ['t-1'],
					deletedCount: 1,
					unrequestedEntryCount: 2,
				}),
			]);
			expectNoSecret(run.json);
			expectNoSecret(run.run.data.resultData);
		} finally {
			await velt.close();
		}
	});

	test('review 2, finding 9: a delete by filters (no ids asked) outputs Velt’s ids with the secrets redacted', async () => {
		const velt = await startCannedVelt(echoingKeys);
		try {
			const run = await runVeltNode(velt, {
				parameters: {
					resource: 'commentThread',
					operation: 'delete',
					...scope,
					deleteAllMatching: true,
				},
			});
			// A failed id makes the item an error (per-id policy): the ids it names are redacted too.
			expect(errorMessage(run)).toBe(
				'Velt could not delete comment thread key-[redacted] (Not found)',
			);
			expect((run.thrown as { description?: string }).description).toMatch(
				/Velt did delete comment thread t-1, \[redacted\]\.$/,
			);
			expectNoSecret(run.thrown);
			expectNoSecret(run.run.data.resultData);
		} finally {
			await velt.close();
		}
	});
});

describe('review 2, finding 16: hints blame the right thing', () => {
	const emulator = useEmulator();

	const createChecked: INodeParameters = {
		resource: 'commentThread',
		operation: 'create',
		...scope,
		userId: byId('no-access'),
		commentText: 'Checked',
		additionalFields: { authorName: 'Nobody', verifyUserPermissions: true },
		options: { maxRetries: 0 },
	};

	const CREDENTIAL_HINT = /did not accept the credential|Copy the API key/;
	const ACCESS_HINT = /has no access to the document.*Verify User Permissions/;

	test('review 2, finding 16: Comment Thread > Create with Verify User Permissions for a user without access: a hint about the user’s access, not the credential', async () => {
		const run = await runVeltNode(emulator, { parameters: createChecked });
		expect(run.status).toBe('error');
		expect(errorMessage(run)).toMatch(/PERMISSION_DENIED/);
		const hint = String((run.thrown as { description?: string }).description);
		expect(hint).toMatch(ACCESS_HINT);
		expect(hint).not.toMatch(CREDENTIAL_HINT);
	});

	test('review 2, finding 16: the same on the Continue On Fail error item', async () => {
		const run = await runVeltNode(emulator, { parameters: createChecked, continueOnFail: true });
		expect(run.status).toBe('success');
		expect(run.json).toHaveLength(1);
		// The item's json and the error n8n routes with it (its description is the hint).
		const item = JSON.stringify(run.items[0]);
		expect(item).toMatch(ACCESS_HINT);
		expect(item).not.toMatch(CREDENTIAL_HINT);
	});

	test('review 2, finding 16: a wrong credential still gets the credential hint', async () => {
		const run = await runVeltNode(emulator, {
			parameters: createChecked,
			credentials: { authToken: 'wrong-token' },
		});
		expect(run.status).toBe('error');
		expect(String((run.thrown as { description?: string }).description)).toMatch(CREDENTIAL_HINT);
	});

	test('review 2, finding 16: a repeated page token is described as a paging fault, not as an answer that is not JSON', async () => {
		emulator.setHostile({ mode: 'repeatedPageToken' });
		const run = await runVelt(emulator, {
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				organizationId: 'acme',
				documentId: 'deal-1',
				returnAll: true,
				options: { maxRetries: 0 },
			} as INodeParameters,
		});
		expect(run.status).toBe('error');
		expect(errorMessage(run)).toMatch(/page token .* again/);
		const hint = String((run.thrown as { description?: string }).description);
		expect(hint).not.toMatch(/not Velt's JSON|Base URL/);
		expect(hint).toMatch(/paging/);
	});
});
