/**
 * Review 2, findings 2, 3, 11 and 12: the Velt node run as an AI agent's tool. Recipients a
 * model gives are plain user IDs (their contacts come from the author), adding users is a switch
 * only the author turns on (with a role the author sets), "all matching threads" in a tool needs
 * filters the author set (n8n drops Filters saved as one expression, so empty ones may be the
 * model's), and ids a model gives never carry markup into the comment HTML. Every refusal
 * happens before anything is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { toolError } from '../node/support';
import {
	byId,
	COLLABORATION_ENDPOINTS as E,
	errorMessage,
	runVeltNode,
	sentData,
	VELT_TOOL,
} from '../velt/support';
import { useEmulator } from '../helpers/useEmulator';

const emulator = useEmulator();

const ATTACKER = 'attacker@evil.example';
const scope = { organizationId: byId('acme'), documentId: byId('deal-1') };

/** Nothing the attacker chose reached Velt. */
function expectNothingSentWith(text: string): void {
	expect(JSON.stringify(emulator.requests)).not.toContain(text);
}

async function ok(parameters: INodeParameters): Promise<IDataObject[]> {
	const run = await runVeltNode(emulator, { parameters });
	if (run.status !== 'success') throw new Error(errorMessage(run));
	return run.json;
}

const thread = (annotationId: string): INodeParameters => ({
	resource: 'commentThread',
	operation: 'create',
	...scope,
	userId: byId('ana'),
	commentText: 'First',
	additionalFields: { annotationId },
});

const toolCreate = (additionalFields: IDataObject): INodeParameters => ({
	resource: 'commentThread',
	operation: 'create',
	...scope,
	userId: byId('assistant'),
	commentText: "={{ $fromAI('Text', 'The comment', 'string') }}",
	additionalFields: additionalFields as INodeParameters,
});

const toolReply = (additionalFields: IDataObject): INodeParameters => ({
	resource: 'comment',
	operation: 'add',
	...scope,
	annotationId: 'thread-1',
	userId: byId('assistant'),
	commentText: "={{ $fromAI('Text', 'The reply', 'string') }}",
	additionalFields: additionalFields as INodeParameters,
});

const MEASURED_MENTION = [{ userId: 'ceo', contact: { name: 'CEO', email: ATTACKER } }];
const mentionsFromModel = {
	mentionsJson: "={{ $fromAI('Mentions', 'Users to mention', 'json') }}",
};

describe('recipients from a model are plain user IDs (review 2, finding 2)', () => {
	test.each([
		['Comment Thread > Create', toolCreate(mentionsFromModel)],
		['Comment > Add', toolReply(mentionsFromModel)],
		[
			'Comment > Update',
			{
				resource: 'comment',
				operation: 'update',
				...scope,
				annotationId: 'thread-1',
				commentIds: '1',
				updateFields: { commentText: 'Edited', ...mentionsFromModel },
			},
		],
	])(
		'review 2, finding 2: the measured mention contact from the model is refused in %s; nothing is sent',
		async (_operation, parameters) => {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Text: 'Please look {{ceo}}', Mentions: MEASURED_MENTION }],
				parameters: parameters as INodeParameters,
			});
			expect(toolError(run)).toMatch(
				/^Argument "Mentions" \(Mentions \(JSON\) #1\): an AI agent can give only the user IDs of mentioned users, not a name, email or contact\./,
			);
			expect(emulator.requests).toEqual([]);
		},
	);

	test("review 2, finding 2: a mention's email from $fromAI in the Mentions fields is refused; nothing is sent", async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Text: 'Hi', Email: ATTACKER }],
			parameters: toolCreate({
				mentions: {
					users: [{ userId: 'ceo', name: 'CEO', email: "={{ $fromAI('Email', '', 'string') }}" }],
				},
			}),
		});
		expect(toolError(run)).toMatch(/^Argument "Email" \(Mentions #1\): an AI agent can give only/);
		expect(emulator.requests).toEqual([]);
	});

	test.each([
		['an object', { userId: 'ceo', email: ATTACKER }],
		['JSON text', JSON.stringify({ userId: 'ceo', email: ATTACKER })],
	])(
		'review 2, finding 2: the measured assignee from the model (%s) is refused in Create and Update; nothing is sent',
		async (_form, assignee) => {
			const create = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Text: 'Hi', Assignee: assignee }],
				parameters: toolCreate({ assignedTo: "={{ $fromAI('Assignee', '', 'string') }}" }),
			});
			expect(toolError(create)).toMatch(
				/^Argument "Assignee" \(Assignee\): a user object is not accepted from an AI agent, only a user ID\./,
			);
			const update = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Assignee: assignee }],
				parameters: {
					resource: 'commentThread',
					operation: 'update',
					...scope,
					annotationIds: 'thread-1',
					updateFields: { assignedTo: "={{ $fromAI('Assignee', '', 'string') }}" },
				},
			});
			expect(toolError(update)).toMatch(/^Argument "Assignee" \(Assignee\): a user object/);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('review 2, finding 2: plain IDs from the model become mentions and an assignee without any contact', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Text: 'Please look', Mentions: ['ceo'], Assignee: 'ceo' }],
			parameters: toolCreate({
				...mentionsFromModel,
				assignedTo: "={{ $fromAI('Assignee', '', 'string') }}",
			}),
		});
		expect(run.json[0]).toMatchObject({ success: true });
		const [annotation] = sentData(emulator, E.addCommentAnnotations)[0]
			.commentAnnotations as IDataObject[];
		expect(annotation.assignedTo).toEqual({ userId: 'ceo' });
		expect((annotation.commentData as IDataObject[])[0]).toMatchObject({
			commentText: 'Please look {{ceo}}',
			taggedUserContacts: [{ userId: 'ceo', contact: { userId: 'ceo' } }],
		});
	});

	test('review 2, finding 2: a reply mention from the model is refused, saying what the author can do; an author-built mention works', async () => {
		await ok(thread('thread-1'));
		emulator.requests.length = 0;
		const refused = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Text: 'Done', Mentions: ['ceo'] }],
			parameters: toolReply(mentionsFromModel),
		});
		expect(toolError(refused)).toMatch(
			/^Argument "Mentions" \(Mentions \(JSON\) #1\): a mention in a reply needs the user's name and email, which Velt requires and an AI agent cannot give\. Leave mentions out of replies/,
		);
		expect(emulator.requests).toEqual([]);
		const authored = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Text: 'Done {{ana}}' }],
			parameters: toolReply({
				mentions: { users: [{ userId: 'ana', name: 'Ana', email: 'ana@example.com' }] },
			}),
		});
		expect(authored.json[0]).toMatchObject({ success: true });
		expect(
			(sentData(emulator, E.addComments)[0].commentData as IDataObject[])[0].taggedUserContacts,
		).toEqual([
			{
				text: '@Ana',
				userId: 'ana',
				contact: { userId: 'ana', name: 'Ana', email: 'ana@example.com' },
			},
		]);
	});

	test('outside a tool, mentions and assignees mapped with names and emails still work', async () => {
		const run = await runVeltNode(emulator, {
			items: [{ who: { userId: 'bo', name: 'Bo', email: 'bo@example.com' } }],
			parameters: {
				...thread('thread-9'),
				additionalFields: {
					annotationId: 'thread-9',
					mentionsJson: '={{ [$json.who] }}',
					assignedTo: '={{ $json.who }}',
				},
			},
		});
		expect(run.json[0]).toMatchObject({ success: true });
		const [annotation] = sentData(emulator, E.addCommentAnnotations)[0]
			.commentAnnotations as IDataObject[];
		expect(annotation.assignedTo).toEqual({ userId: 'bo', name: 'Bo', email: 'bo@example.com' });
	});
});

const upsertFromModel: INodeParameters = {
	resource: 'user',
	operation: 'upsert',
	organizationId: byId('acme'),
	userInputMode: 'json',
	users: "={{ $fromAI('Users', 'Users to add', 'json') }}",
	additionalFields: { documentId: "={{ $fromAI('Document', '', 'string') }}" },
};

describe('adding users is for the author to allow, with the role the author sets (review 2, finding 3)', () => {
	test('review 2, finding 3: the measured users/add of mallory to board-secret from a tool is refused; nothing is sent', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Document: 'board-secret', Users: [{ userId: 'mallory' }] }],
			parameters: upsertFromModel,
		});
		expect(toolError(run)).toMatch(
			/^Allow Adding Users as a Tool: is off, so this AI agent tool cannot add or change users\./,
		);
		expect(emulator.requests).toEqual([]);
	});

	test.each([
		['from an expression', '={{ true }}'],
		['from $fromAI', "={{ $fromAI('Allow', '', 'boolean') }}"],
	])(
		'review 2, finding 3: Allow Adding Users as a Tool %s is refused; nothing is sent',
		async (_source, allow) => {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Document: 'board-secret', Users: [{ userId: 'mallory' }], Allow: true }],
				parameters: { ...upsertFromModel, allowToolAddUsers: allow },
			});
			expect(toolError(run)).toMatch(/cannot add or change users/);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('review 2, finding 3: with the switch on, users are added with the role the author set, never Velt\'s default "editor"', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Document: 'board', Users: [{ userId: 'mallory', name: 'Mallory' }] }],
			parameters: { ...upsertFromModel, allowToolAddUsers: true },
		});
		expect(run.json[0].error).toBeUndefined();
		// The update first sent no role: a user that exists keeps the role it has.
		expect(sentData(emulator, E.updateUsers)[0].users).toEqual([
			{ userId: 'mallory', name: 'Mallory' },
		]);
		const [added] = sentData(emulator, E.addUsers);
		expect(added).toMatchObject({
			organizationId: 'acme',
			documentId: 'board',
			users: [{ userId: 'mallory', name: 'Mallory', accessRole: 'viewer' }],
		});
	});

	test.each([
		['isAdmin', { userId: 'mallory', isAdmin: true }],
		['organizationId', { userId: 'mallory', organizationId: 'other-org' }],
		['email', { userId: 'ceo', email: ATTACKER }],
	])(
		'review 2, finding 3: a user field %s from the model is refused, even with the switch on; nothing is sent',
		async (key, user) => {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Document: 'board', Users: [user] }],
				parameters: { ...upsertFromModel, allowToolAddUsers: true, toolAccessRole: 'editor' },
			});
			expect(toolError(run)).toMatch(
				new RegExp(
					`^Argument "Users" \\(Users \\(JSON\\) #1\\): an AI agent cannot set "${key}" of a user\\.`,
				),
			);
			expect(emulator.requests).toEqual([]);
		},
	);

	test('review 2, finding 3: privileged fields in Author Fields (JSON) from the model are refused; nothing is sent', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Text: 'Hi', Author: { isAdmin: true, accessRole: 'editor' } }],
			parameters: toolCreate({ authorJson: "={{ $fromAI('Author', '', 'json') }}" }),
		});
		expect(toolError(run)).toMatch(
			/^Argument "Author" \(Author Fields \(JSON\)\): an AI agent cannot set "(isAdmin|accessRole)" of a user\./,
		);
		expect(emulator.requests).toEqual([]);
	});

	test("review 2, finding 3: User Group > Add Users from a tool needs the author's switch", async () => {
		const addUsers = (extra: IDataObject): INodeParameters => ({
			resource: 'userGroup',
			operation: 'addUsers',
			organizationId: byId('acme'),
			organizationUserGroupId: 'board',
			userIds: "={{ $fromAI('Ids', '', 'string') }}",
			...extra,
		});
		const refused = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Ids: 'mallory' }],
			parameters: addUsers({}),
		});
		expect(toolError(refused)).toMatch(
			/^Allow Adding Users as a Tool: is off, so this AI agent tool cannot add users to groups\./,
		);
		expect(emulator.requests).toEqual([]);
		emulator.store.collaboration.upsertGroup('acme', { groupId: 'board' });
		const allowed = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Ids: 'mallory' }],
			parameters: addUsers({ allowToolAddUsers: true }),
		});
		expect(allowed.json[0]).toMatchObject({ addedIds: ['mallory'] });
	});
});

describe("in a tool, all matching threads are narrowed by the author's filters (review 2, finding 11)", () => {
	const deleteAll: INodeParameters = {
		resource: 'commentThread',
		operation: 'delete',
		...scope,
		deleteAllMatching: true,
		filters: "={{ $fromAI('Filters', 'Which threads', 'json') }}",
	};

	test('review 2, finding 11: Delete All Matching Threads with Filters from one $fromAI is refused, also with no filter; nothing is deleted', async () => {
		await ok(thread('thread-1'));
		await ok(thread('thread-2'));
		emulator.requests.length = 0;
		for (const filters of [{}, { userIds: 'ana' }]) {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Filters: filters }],
				parameters: deleteAll,
			});
			expect(toolError(run)).toMatch(/cannot delete all threads of a document/);
		}
		expect(sentData(emulator, E.deleteCommentAnnotations)).toEqual([]);
		const left = await ok({
			resource: 'commentThread',
			operation: 'getAll',
			...scope,
			returnAll: true,
		});
		expect(left.map((entry) => entry.annotationId).sort()).toEqual(['thread-1', 'thread-2']);
	});

	test('review 2, finding 11: Update All Matching Threads with Filters as one tool expression is refused', async () => {
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			items: [{ Filters: {} }],
			parameters: {
				resource: 'commentThread',
				operation: 'update',
				...scope,
				updateAllMatching: true,
				updateFields: { status: 'RESOLVED' },
				filters: '={{ $json.Filters }}',
			},
		});
		expect(toolError(run)).toMatch(/cannot update all threads of a document/);
		expect(emulator.requests).toEqual([]);
	});

	test('filters the author set literally still delete what they match in a tool', async () => {
		await ok(thread('thread-1'));
		const run = await runVeltNode(emulator, {
			nodeTypeName: VELT_TOOL,
			parameters: { ...deleteAll, filters: { userIds: 'ana' } },
		});
		expect(run.json[0]).toMatchObject({ deleted: true, deletedIds: ['thread-1'] });
	});
});

describe('ids never carry markup into the comment HTML (review 2, finding 12)', () => {
	const MARKUP_ID = '"><img src=x onerror=alert(1)>';

	test.each([
		['Mentions (JSON)', { ...mentionsFromModel }, { Mentions: [MARKUP_ID] }],
		[
			'Mentions',
			{ mentions: { users: [{ userId: "={{ $fromAI('Who', '', 'string') }}" }] } },
			{ Who: MARKUP_ID },
		],
	])(
		'review 2, finding 12: a mention id with markup from the model is refused (%s); nothing is sent',
		async (_field, fields, args) => {
			const run = await runVeltNode(emulator, {
				nodeTypeName: VELT_TOOL,
				items: [{ Text: 'Hi', ...args }],
				parameters: { ...toolCreate(fields), commentHtml: '<p>Please look</p>' },
			});
			expect(toolError(run)).toMatch(
				/is not a user ID: an AI agent's IDs cannot hold < > " ' ` & \{ \}/,
			);
			expect(emulator.requests).toEqual([]);
			expectNothingSentWith('onerror');
		},
	);

	test('review 2, finding 12: an author-given id with markup is escaped in the comment HTML', async () => {
		await ok({
			...thread('thread-1'),
			commentHtml: '<p>Please look</p>',
			additionalFields: {
				annotationId: 'thread-1',
				mentionsJson: JSON.stringify([{ userId: MARKUP_ID }]),
			},
		});
		const [annotation] = sentData(emulator, E.addCommentAnnotations)[0]
			.commentAnnotations as IDataObject[];
		const html = String((annotation.commentData as IDataObject[])[0].commentHtml);
		expect(html).not.toMatch(/<img/);
		expect(html).toBe('<p>Please look</p><p>{{&quot;&gt;&lt;img src=x onerror=alert(1)&gt;}}</p>');
	});
});
