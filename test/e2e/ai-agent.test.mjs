// The Velt Notifications node and the Velt node as an AI Agent's tool in a real n8n:
//   node --test test/e2e/ai-agent.test.mjs            (the current 2.x and the last 1.x)
//   VELT_E2E_VERSIONS=2.41.1 node --test test/e2e/ai-agent.test.mjs
// AI Agent + OpenAI Chat Model whose credential's base URL is a mock OpenAI-compatible server of
// ours on 127.0.0.1 (Responses API, the model node's default since 1.3, and Chat Completions). The
// mock scripts the model's tool calls; the test asserts what reached Velt (the emulator), what
// the tool answered the model, and that the workflow itself succeeds even when the tool refuses
// or Velt fails. Each version: its own user folder, emulator and headless `n8n execute` runs.
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import {
	CRED,
	Cleanup,
	FAKE,
	credentials,
	executionError,
	findSecrets,
	nodeItems,
	note,
	packPackage,
	rt,
	secs,
	startEmulator,
	stopAllAfter,
} from './helpers.mjs';

const VERSIONS = (process.env.VELT_E2E_VERSIONS ?? `${rt.N8N_CURRENT},${rt.N8N_LAST_1X}`)
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
const ORG = 'org-acme-analytics';
const DOC = 'doc-q3-roadmap';
const AVA = 'user-ava-thompson';
const LIAM = 'user-liam-okafor';
const OPENAI_CRED = { id: 'openAiMockCred01', name: 'OpenAI mock' };
const FAKE_OPENAI_KEY = 'e2e-fake-openai-key-T3sV9qL1';
const FINAL_ANSWER = 'All done.';

// ---------------------------------------------------------------------------------------------
// a mock OpenAI-compatible model: first turn calls the tool with the scripted arguments, the
// turn after the tool answered ends with a plain text answer

function startMockModel() {
	const requests = [];
	// calls: several tool calls in one turn ([{tool, arguments}]), else one call of the first tool
	const state = { toolArguments: {}, calls: null };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			const json = body ? JSON.parse(body) : {};
			requests.push({ method: req.method, path: req.url, headers: req.headers, body: json });
			const send = (status, payload) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			if (json.stream)
				return send(400, {
					error: { message: 'the mock model does not stream', type: 'invalid_request_error' },
				});
			const created = Math.floor(Date.now() / 1000);
			const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
			if (req.url.endsWith('/responses')) {
				const answered = (json.input ?? []).some((entry) => entry.type === 'function_call_output');
				const tool = (json.tools ?? [])[0];
				const offered = (json.tools ?? []).map((t) => t.name);
				const missing = (state.calls ?? []).filter((call) => !offered.includes(call.tool));
				if (missing.length)
					return send(400, {
						error: { message: `no tool ${missing.map((c) => c.tool)}; offered: ${offered}` },
					});
				const output = answered
					? [
							{
								type: 'message',
								id: 'msg_1',
								role: 'assistant',
								status: 'completed',
								content: [{ type: 'output_text', text: FINAL_ANSWER, annotations: [] }],
							},
						]
					: (state.calls ?? [{ tool: tool?.name, arguments: state.toolArguments }]).map(
							(call, index) => ({
								type: 'function_call',
								id: `fc_${index + 1}`,
								call_id: `call_${index + 1}`,
								name: call.tool,
								arguments: JSON.stringify(call.arguments),
								status: 'completed',
							}),
						);
				return send(200, {
					id: `resp_${requests.length}`,
					object: 'response',
					created_at: created,
					status: 'completed',
					model: json.model,
					output,
					usage,
					parallel_tool_calls: false,
					tools: json.tools ?? [],
				});
			}
			if (req.url.endsWith('/chat/completions')) {
				const answered = (json.messages ?? []).some((message) => message.role === 'tool');
				const tool = (json.tools ?? [])[0];
				const message = answered
					? { role: 'assistant', content: FINAL_ANSWER }
					: {
							role: 'assistant',
							content: null,
							tool_calls: [
								{
									id: 'call_1',
									type: 'function',
									function: {
										name: tool?.function?.name,
										arguments: JSON.stringify(state.toolArguments),
									},
								},
							],
						};
				return send(200, {
					id: `chatcmpl_${requests.length}`,
					object: 'chat.completion',
					created,
					model: json.model,
					choices: [{ index: 0, message, finish_reason: answered ? 'stop' : 'tool_calls' }],
					usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
				});
			}
			send(404, { error: { message: `no route ${req.url}` } });
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}/v1`,
				requests,
				script: (toolArguments) => {
					state.toolArguments = toolArguments;
					state.calls = null;
					requests.length = 0;
				},
				/** Several tool calls in one turn (Responses API): [{tool, arguments}]. */
				scriptCalls: (calls) => {
					state.calls = calls;
					requests.length = 0;
				},
				close: () => new Promise((r) => server.close(r)),
			}),
		),
	);
}

/** What the tool answered the model: the tool result in the model's second request. */
function toolAnswer(requests) {
	for (const { body } of requests) {
		const fromResponses = (body.input ?? []).find((entry) => entry.type === 'function_call_output');
		if (fromResponses) return String(fromResponses.output);
		const fromChat = (body.messages ?? []).find((message) => message.role === 'tool');
		if (fromChat)
			return typeof fromChat.content === 'string'
				? fromChat.content
				: JSON.stringify(fromChat.content);
	}
	return undefined;
}

/** What each scripted call's tool answered the model, by tool name (the mock's call_<n> ids). */
function toolAnswersByTool(requests, calls) {
	const answers = {};
	for (const { body } of requests)
		for (const entry of body.input ?? [])
			if (entry.type === 'function_call_output') {
				const index = Number(String(entry.call_id).replace('call_', '')) - 1;
				answers[calls[index].tool] = String(entry.output);
			}
	return answers;
}

/** The tool's JSON schema as the model saw it. */
function toolSchema(requests) {
	const tool = (requests[0]?.body.tools ?? [])[0];
	return tool?.parameters ?? tool?.function?.parameters;
}

// ---------------------------------------------------------------------------------------------
// the workflow: Manual Trigger -> AI Agent, with the OpenAI Chat Model and one Velt tool

/** The workflow and the Notifications tool as data (test/fixtures/e2e/agentWorkflow.json; `why` there). */
const AGENT = JSON.parse(
	fs.readFileSync(new URL('../fixtures/e2e/agentWorkflow.json', import.meta.url), 'utf8'),
);

function agentWorkflow(
	id,
	{
		responsesApi = true,
		veltCredential = CRED.sandbox,
		prompt = AGENT.defaultPrompt,
		tool = AGENT.notifyTool,
	} = {},
) {
	const { workflow } = structuredClone(AGENT);
	const [trigger, agent, model, toolNode] = workflow.nodes;
	return {
		id,
		name: `AI agent e2e ${id}`,
		...workflow,
		connections: {
			...workflow.connections,
			[tool.name]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		nodes: [
			trigger,
			{ ...agent, parameters: { ...agent.parameters, text: prompt } },
			{
				...model,
				parameters: { ...model.parameters, responsesApiEnabled: responsesApi },
				credentials: { openAiApi: OPENAI_CRED },
			},
			{
				...toolNode,
				name: tool.name,
				type: tool.type,
				parameters: tool.parameters,
				credentials: { veltApi: veltCredential },
			},
		],
	};
}

// ---------------------------------------------------------------------------------------------
// the Velt node (n8n-nodes-velt.veltTool) as the agent's tool: comment threads and users

const THREAD_DOC = 'doc-launch-review'; // reply and resolve
const GUARDED_DOC = 'doc-launch-retro'; // the refused deletes
const ALLOWED_DOC = 'doc-launch-drafts'; // the delete the author allowed
const ASSISTANT = { userId: 'team-assistant', name: 'Team Assistant' };
/**
 * The agent's Velt tool per test: id, prompt and tool (test/fixtures/e2e/veltAgentWorkflows.json),
 * in ORG, on THREAD_DOC (reply, resolve), GUARDED_DOC (the refused deletes) and ALLOWED_DOC (the
 * delete the author allowed); `why` says what a case checks where its name does not.
 */
const VELT_WF = JSON.parse(
	fs.readFileSync(new URL('../fixtures/e2e/veltAgentWorkflows.json', import.meta.url), 'utf8'),
);

/** The refusals exactly as the model reads them (n8n hands it the tool's error item). */
const REFUSAL = {
	modelSwitch:
		'Argument "Delete_All_Threads" (Delete All Matching Threads): an AI agent cannot delete every thread of a document. Give the IDs of the comment threads to delete. This tool cannot delete all threads of a document.',
	emptyIds:
		'Argument "Thread_IDs" (Comment Thread IDs): is empty, so the delete would reach every thread of the document. Give the IDs of the comment threads to delete, e.g. "-O0mpUziLcBwzREvZKs6" (Get Many lists them).',
	emptyIdsSwitchOn:
		'Argument "Thread_IDs" (Delete All Matching Threads): an AI agent cannot delete every thread of a document. Give the IDs of the comment threads to delete. This tool cannot delete all threads of a document.',
	deleteUser:
		"Allow Deleting Users as a Tool: is off, so this AI agent tool cannot delete users. Do not delete users with this tool. Only the workflow's author can allow it, in the node itself.",
};

// ---------------------------------------------------------------------------------------------
// the author-only actions of the Velt tool (issues 27 and 28): one agent with one tool per action,
// the model calling them all in one turn; the author's switches off, then on

const AI_ORG = 'e2e-ai-ws';
const AI_GUEST = 'e2e-ai-guest';
const AI_DOCS = ['e2e-ai-doc-del', 'e2e-ai-doc-off', 'e2e-ai-doc-pub', 'e2e-ai-doc-feed'];
const fromAI = (name, description, type = 'string') =>
	`={{ $fromAI('${name}', '${description}', '${type}') }}`;
const aiRl = (value) => ({ __rl: true, mode: 'id', value });
/**
 * [tool node name, parameters, the author's switch, what the model sends]. Organization IDs are
 * the author's (a model's are refused): the model names documents, folders, users, activities.
 */
const AUTHOR_ONLY = [
	[
		'Delete Organization',
		{ resource: 'organization', operation: 'delete', organizationIds: 'e2e-ai-doomed' },
		'allowToolDelete',
		{},
	],
	[
		'Disable Organization',
		{
			resource: 'organization',
			operation: 'setDisabled',
			organizationIds: 'e2e-ai-sleepy',
			disabled: fromAI('Disabled', 'Whether to disable it', 'boolean'),
		},
		'allowToolDisable',
		{ Disabled: true },
	],
	[
		'Delete Document',
		{
			resource: 'document',
			operation: 'delete',
			organizationId: aiRl(AI_ORG),
			documentIds: fromAI('Document_IDs', 'IDs of the documents'),
		},
		'allowToolDelete',
		{ Document_IDs: 'e2e-ai-doc-del' },
	],
	[
		'Disable Document',
		{
			resource: 'document',
			operation: 'setDisabled',
			organizationId: aiRl(AI_ORG),
			documentIds: fromAI('Document_IDs', 'IDs of the documents'),
			disabled: fromAI('Disabled', 'Whether to disable them', 'boolean'),
		},
		'allowToolDisable',
		{ Document_IDs: 'e2e-ai-doc-off', Disabled: true },
	],
	[
		'Document Access',
		{
			resource: 'document',
			operation: 'setAccess',
			organizationId: aiRl(AI_ORG),
			documentIds: fromAI('Document_IDs', 'IDs of the documents'),
			accessType: fromAI('Access_Type', 'organizationPrivate, restricted or public'),
		},
		'allowToolPublicAccess',
		{ Document_IDs: 'e2e-ai-doc-pub', Access_Type: 'public' },
	],
	[
		'Delete Folder',
		{
			resource: 'folder',
			operation: 'delete',
			organizationId: aiRl(AI_ORG),
			folderId: aiRl(fromAI('Folder_ID', 'ID of the folder')),
		},
		'allowToolDelete',
		{ Folder_ID: 'e2e-ai-folder-del' },
	],
	[
		'Folder Access',
		{
			resource: 'folder',
			operation: 'setAccess',
			organizationId: aiRl(AI_ORG),
			folderIds: fromAI('Folder_IDs', 'IDs of the folders'),
			accessType: fromAI('Access_Type', 'organizationPrivate, restricted or public'),
		},
		'allowToolPublicAccess',
		{ Folder_IDs: 'e2e-ai-folder-pub', Access_Type: 'public' },
	],
	[
		'Grant Access',
		{
			resource: 'permission',
			operation: 'grant',
			organizationId: aiRl(AI_ORG),
			userId: aiRl(fromAI('User_ID', 'ID of the user')),
			resourceType: 'document',
			documentId: aiRl('e2e-ai-doc-pub'),
			accessRole: 'viewer',
		},
		'allowToolGrant',
		{ User_ID: AI_GUEST },
	],
	[
		'Sign-In Token',
		{
			resource: 'signInToken',
			operation: 'generate',
			organizationId: aiRl(AI_ORG),
			userId: aiRl(fromAI('User_ID', 'ID of the user')),
			name: fromAI('Name', 'Name of the user'),
			email: fromAI('Email', 'Email of the user'),
		},
		'allowToolGenerate',
		{ User_ID: AI_GUEST, Name: 'Guest', Email: 'guest@example.com' },
	],
	[
		'Delete User Data',
		{
			resource: 'userData',
			operation: 'delete',
			userIds: fromAI('User_IDs', 'IDs of the users'),
			additionalFields: { organizationIds: AI_ORG },
		},
		'allowToolDeleteData',
		{ User_IDs: 'e2e-ai-leaver' },
	],
	[
		'Delete Activities',
		{
			resource: 'activity',
			operation: 'delete',
			organizationId: aiRl(AI_ORG),
			activityIds: fromAI('Activity_IDs', 'IDs of the activities'),
		},
		'allowToolDelete',
		{ Activity_IDs: 'e2e-ai-act-1' },
	],
];
/** The author's scope: the document is the model's here, and it names one outside the author's. */
const SCOPE_TOOL = [
	'Post Activity',
	{
		resource: 'activity',
		operation: 'create',
		organizationId: aiRl(AI_ORG),
		documentId: aiRl(fromAI('Document_ID', 'ID of the document')),
		featureType: 'custom',
		actionType: 'note',
		actionUserId: aiRl('team-assistant'),
		displayMessageTemplate: fromAI('Message', 'The text of the activity'),
		additionalFields: { targetEntityId: 'e2e-ai-note' },
	},
	undefined,
	{ Document_ID: 'e2e-other-doc', Message: 'Posted elsewhere' },
];
/** The name n8n gives a tool node's tool (nodeNameToToolName in n8n-workflow). */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
const TOOL_CALLS = [...AUTHOR_ONLY, SCOPE_TOOL].map(([name, , , args]) => ({
	tool: toolName(name),
	arguments: args,
}));

/** The agent with every author-only tool, the author's switches off or on. */
function authorOnlyWorkflow(id, allowed) {
	const wf = agentWorkflow(id, {
		prompt: 'Tidy up the workspace as the tools allow.',
		tool: {
			name: SCOPE_TOOL[0],
			type: 'n8n-nodes-velt.veltTool',
			parameters: SCOPE_TOOL[1],
		},
	});
	const template = wf.nodes.at(-1);
	for (const [index, [name, parameters, allow]] of AUTHOR_ONLY.entries()) {
		wf.nodes.push({
			...template,
			id: `a-tool-${index}`,
			name,
			position: [320 + 160 * (index + 1), 220],
			parameters: { ...parameters, ...(allowed ? { [allow]: true } : {}) },
		});
		wf.connections[name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	}
	return wf;
}

const WF = {
	responses: 'veltAiAgentResp01',
	chat: 'veltAiAgentChat01',
	failing: 'veltAiAgentFail01',
	authorOnlyOff: 'veltAiAuthorOff1',
	authorOnlyOn: 'veltAiAuthorOn01',
};

for (const version of VERSIONS) {
	describe(`AI Agent with the Velt tool in n8n ${version}`, () => {
		const cleanup = new Cleanup();
		const ctx = {};
		const logs = [];

		async function cli(fn, ...args) {
			const r = await fn(version, ctx.userFolder, ...args);
			logs.push(r.stdout, r.stderr);
			return r;
		}

		/** Runs a workflow headless with the model scripted to call the tool with `toolArguments`. */
		async function runAgent(workflowId, toolArguments) {
			ctx.model.script(toolArguments);
			const mark = (await ctx.emu.requests()).length;
			const r = await cli(rt.executeWorkflow, workflowId, { allowFailure: true });
			assert.ok(
				r.json,
				`no JSON in the output of execute ${workflowId}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`,
			);
			const velt = (await ctx.emu.requestsSince(mark)).filter((request) =>
				request.path.startsWith('/v2/'),
			);
			return { ...r, velt, modelRequests: [...ctx.model.requests] };
		}

		/** Comment threads (with their comments) of a document as the emulator holds them. */
		async function threadsAt(documentId) {
			const q = new URLSearchParams({ organizationId: ORG, documentId });
			return (await ctx.emu.control('GET', `/comment-annotations?${q}`)).annotations;
		}

		/** Seeds threads through Velt's own API, as the app would; each starts with a comment of Ava's. */
		async function seedThreads(documentId, annotationIds) {
			const r = await ctx.emu.api('/v2/commentannotations/add', {
				organizationId: ORG,
				documentId,
				commentAnnotations: annotationIds.map((annotationId) => ({
					annotationId,
					commentData: [
						{ commentText: `Please check ${annotationId}`, from: { userId: AVA, name: 'Ava' } },
					],
				})),
			});
			assert.equal(r.status, 200, JSON.stringify(r.body));
			const held = await threadIdsAt(documentId);
			for (const id of annotationIds) assert.ok(held.includes(id), `${id} was not seeded`);
		}

		const threadIdsAt = async (documentId) =>
			(await threadsAt(documentId)).map((thread) => thread.annotationId).sort();

		/** Seeds an organization user through Velt's API and returns its id. */
		async function seedUser(userId, name) {
			const r = await ctx.emu.api('/v2/users/add', {
				organizationId: ORG,
				users: [{ userId, name, email: `${userId}@example.com` }],
			});
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.deepEqual(await usersAt([userId]), [userId]);
			return userId;
		}

		/** Which of these users the organization has at the emulator. */
		async function usersAt(userIds) {
			const r = await ctx.emu.api('/v2/users/get', { organizationId: ORG, userIds });
			assert.equal(r.status, 200, JSON.stringify(r.body));
			return r.body.result.data.map((user) => user.userId).sort();
		}

		/** The run succeeded, the agent answered, and the model read `error` as the tool's answer. */
		function assertRefused(r, error) {
			assert.equal(
				r.json.status,
				'success',
				JSON.stringify(executionError(r.json) ?? {}).slice(0, 3000),
			);
			const answer = toolAnswer(r.modelRequests);
			assert.ok(answer, 'the model got no tool answer');
			assert.deepEqual(JSON.parse(answer), [{ error }]);
			assert.deepEqual(nodeItems(r.json, 'AI Agent'), [{ output: FINAL_ANSWER }]);
		}

		function assertSucceeded(r) {
			assert.equal(
				r.json.status,
				'success',
				JSON.stringify(executionError(r.json) ?? {}).slice(0, 3000),
			);
			assert.deepEqual(nodeItems(r.json, 'AI Agent'), [{ output: FINAL_ANSWER }]);
			const answer = toolAnswer(r.modelRequests);
			assert.ok(answer, 'the model got no tool answer');
			assert.deepEqual(findSecrets(answer), []);
			return JSON.parse(answer);
		}

		before(
			async () => {
				const t0 = Date.now();
				await rt.ensureN8n(version);
				const tarball = await packPackage(cleanup);
				ctx.userFolder = cleanup.userFolder(await rt.makeUserFolder(`velt-ai-e2e-${version}-`));
				await rt.installCommunityPackage(ctx.userFolder, tarball);
				ctx.emu = cleanup.track(await startEmulator({ userFolder: ctx.userFolder }));
				ctx.model = await startMockModel();
				cleanup.track({ stop: () => ctx.model.close() });
				await cli(rt.importCredentials, [
					...credentials(ctx.emu.url),
					{
						...OPENAI_CRED,
						type: 'openAiApi',
						data: { apiKey: FAKE_OPENAI_KEY, url: ctx.model.url },
					},
				]);
				await cli(rt.importWorkflow, [
					agentWorkflow(WF.responses, { responsesApi: true, veltCredential: CRED.sandbox }),
					agentWorkflow(WF.chat, { responsesApi: false, veltCredential: CRED.sandbox }),
					agentWorkflow(WF.failing, { responsesApi: true, veltCredential: CRED.wrongToken }),
					...Object.values(VELT_WF).map(({ id, prompt, tool }) =>
						agentWorkflow(id, { prompt, tool }),
					),
					authorOnlyWorkflow(WF.authorOnlyOff, false),
					authorOnlyWorkflow(WF.authorOnlyOn, true),
				]);
				note(`${version}: ready in ${secs(t0)} s; emulator ${ctx.emu.url}, model ${ctx.model.url}`);
			},
			{ timeout: 60 * 60_000 },
		);

		stopAllAfter(cleanup);

		for (const [api, workflowId, path] of [
			['Responses API', WF.responses, '/v1/responses'],
			['Chat Completions', WF.chat, '/v1/chat/completions'],
		]) {
			test(
				`${api}: the model's tool call adds the notification Velt gets, and the tool answers the model`,
				{ timeout: 5 * 60_000 },
				async () => {
					const r = await runAgent(workflowId, {
						Headline: 'The Q3 roadmap is ready',
						Recipient_User_IDs: `${AVA}, ${LIAM}`,
						Notify_Everyone: false,
					});
					assert.equal(
						r.json.status,
						'success',
						JSON.stringify(executionError(r.json) ?? {}).slice(0, 3000),
					);
					assert.deepEqual(
						r.modelRequests.map((request) => request.path),
						[path, path],
					);
					assert.equal(r.modelRequests[0].headers.authorization, `Bearer ${FAKE_OPENAI_KEY}`);
					// the model is offered one argument per $fromAI
					assert.deepEqual(Object.keys(toolSchema(r.modelRequests).properties).sort(), [
						'Headline',
						'Notify_Everyone',
						'Recipient_User_IDs',
					]);
					assert.equal(r.velt.length, 1);
					assert.equal(r.velt[0].path, '/v2/notifications/add');
					const { notificationId, ...data } = r.velt[0].body.data;
					assert.match(notificationId, /^n8n-[0-9a-f]{24}$/);
					assert.deepEqual(data, {
						organizationId: ORG,
						documentId: DOC,
						displayHeadlineMessageTemplate: 'The Q3 roadmap is ready',
						actionUser: { userId: 'team-assistant', name: 'Team Assistant' },
						displayBodyMessage: 'Sent by the team assistant',
						notifyUsers: [{ userId: AVA }, { userId: LIAM }],
						notifyAll: false,
					});
					const answer = toolAnswer(r.modelRequests);
					assert.ok(
						answer?.includes(notificationId),
						`the tool's answer lacks the notification id: ${answer}`,
					);
					assert.match(answer, /"success":\s*true/);
					assert.deepEqual(nodeItems(r.json, 'AI Agent'), [{ output: FINAL_ANSWER }]);
				},
			);
		}

		test(
			'a model asking to notify everyone is refused with a readable message; nothing reaches Velt; the workflow succeeds',
			{ timeout: 5 * 60_000 },
			async () => {
				const r = await runAgent(WF.responses, {
					Headline: 'Hello everyone',
					Recipient_User_IDs: '',
					Notify_Everyone: true,
				});
				assert.equal(
					r.json.status,
					'success',
					JSON.stringify(executionError(r.json) ?? {}).slice(0, 3000),
				);
				assert.deepEqual(r.velt, []);
				const answer = toolAnswer(r.modelRequests);
				assert.ok(answer, 'the model got no tool answer');
				// n8n hands the model the tool's error as JSON: [{"error": "<the node's message>"}]
				assert.deepEqual(JSON.parse(answer), [
					{
						error:
							'Argument "Notify_Everyone" (Notify Everyone in the Organization): an AI agent cannot notify a whole organization. Set it to false and name the users to notify instead in "Recipient_User_IDs", e.g. "u1, u2". Only the workflow\'s author can switch on notifying everyone, in the node itself.',
					},
				]);
				assert.deepEqual(nodeItems(r.json, 'AI Agent'), [{ output: FINAL_ANSWER }]);
			},
		);

		test(
			"a failing Velt call reaches the model as Velt's error and what to do; the workflow succeeds",
			{ timeout: 5 * 60_000 },
			async () => {
				const r = await runAgent(WF.failing, {
					Headline: 'Hi',
					Recipient_User_IDs: AVA,
					Notify_Everyone: false,
				});
				assert.equal(
					r.json.status,
					'success',
					JSON.stringify(executionError(r.json) ?? {}).slice(0, 3000),
				);
				assert.equal(r.velt.length, 1);
				assert.equal(r.velt[0].headers['x-velt-auth-token'], FAKE.wrongAuthToken);
				const answer = toolAnswer(r.modelRequests);
				assert.ok(answer, 'the model got no tool answer');
				const [{ error, ...rest }] = JSON.parse(answer);
				assert.deepEqual(rest, {});
				assert.match(
					error,
					/^Velt: .+\[PERMISSION_DENIED\] \(HTTP 403\)\. Velt did not accept the credential\. Copy the API key and the auth token again from the Velt console/,
				);
				assert.deepEqual(findSecrets(answer), []);
			},
		);

		// ---- the Velt node as the agent's tool ----------------------------------------------------

		test(
			'Velt tool, Comment > Add: the reply the model wrote is in the thread at Velt, by the author the node sets',
			{ timeout: 5 * 60_000 },
			async () => {
				await seedThreads(THREAD_DOC, ['thread-launch-checklist']);
				const r = await runAgent(VELT_WF.reply.id, {
					Thread_ID: 'thread-launch-checklist',
					Reply: 'The fix shipped in release 2.3.',
				});
				const answer = assertSucceeded(r);
				assert.deepEqual(Object.keys(toolSchema(r.modelRequests).properties).sort(), [
					'Reply',
					'Thread_ID',
				]);
				assert.deepEqual(
					r.velt.map((request) => request.path),
					['/v2/commentannotations/comments/add'],
				);
				const thread = (await threadsAt(THREAD_DOC)).find(
					(t) => t.annotationId === 'thread-launch-checklist',
				);
				assert.equal(thread.comments.length, 2);
				const reply = thread.comments[1];
				assert.equal(reply.commentText, 'The fix shipped in release 2.3.');
				assert.deepEqual(reply.from, ASSISTANT);
				assert.equal(answer.length, 1);
				assert.deepEqual(answer[0], {
					success: true,
					commentId: reply.commentId,
					commentIds: [reply.commentId],
					annotationId: 'thread-launch-checklist',
					organizationId: ORG,
					documentId: THREAD_DOC,
					message: answer[0].message,
				});
			},
		);

		test(
			'Velt tool, Comment Thread > Update: the status the model chose resolves the thread at Velt',
			{ timeout: 5 * 60_000 },
			async () => {
				await seedThreads(THREAD_DOC, ['thread-launch-signoff', 'thread-launch-pricing']);
				const before = await threadsAt(THREAD_DOC);
				assert.ok(
					before
						.filter((t) =>
							['thread-launch-signoff', 'thread-launch-pricing'].includes(t.annotationId),
						)
						.every((thread) => thread.status.id === 'OPEN'),
				);
				const r = await runAgent(VELT_WF.resolve.id, {
					Thread_IDs: 'thread-launch-signoff',
					Status: 'RESOLVED',
				});
				const answer = assertSucceeded(r);
				assert.deepEqual(
					r.velt.map((request) => request.path),
					['/v2/commentannotations/update'],
				);
				const threads = Object.fromEntries(
					(await threadsAt(THREAD_DOC)).map((thread) => [thread.annotationId, thread]),
				);
				assert.deepEqual(
					{
						id: threads['thread-launch-signoff'].status.id,
						type: threads['thread-launch-signoff'].status.type,
					},
					{ id: 'RESOLVED', type: 'terminal' },
				);
				assert.equal(threads['thread-launch-signoff'].resolvedByUserId, ASSISTANT.userId);
				// only the thread the model named
				assert.equal(threads['thread-launch-pricing'].status.id, 'OPEN');
				assert.deepEqual(answer.length, 1);
				assert.equal(answer[0].updated, true);
				assert.deepEqual(answer[0].updatedIds, ['thread-launch-signoff']);
			},
		);

		for (const [tag, what, workflowId, toolArguments, error] of [
			[
				'model-switch',
				'the document-wide delete switch from the model',
				VELT_WF.deleteThreads.id,
				{ Thread_IDs: '', Delete_All_Threads: true },
				REFUSAL.modelSwitch,
			],
			[
				'no-ids',
				'no thread IDs (switch off)',
				VELT_WF.deleteThreads.id,
				{ Thread_IDs: '', Delete_All_Threads: false },
				REFUSAL.emptyIds,
			],
			[
				'no-ids-switch-on',
				"no thread IDs from the model, though the author's switch is on",
				VELT_WF.deleteThreadsSwitchOn.id,
				{ Thread_IDs: '' },
				REFUSAL.emptyIdsSwitchOn,
			],
		])
			test(
				`Velt tool, Comment Thread > Delete with ${what}: refused, the model reads why, no thread is deleted, the workflow succeeds`,
				{ timeout: 5 * 60_000 },
				async () => {
					await seedThreads(GUARDED_DOC, [`thread-retro-${tag}-1`, `thread-retro-${tag}-2`]);
					const before = await threadIdsAt(GUARDED_DOC);
					const r = await runAgent(workflowId, toolArguments);
					assertRefused(r, error);
					assert.deepEqual(r.velt, []);
					assert.deepEqual(await threadIdsAt(GUARDED_DOC), before);
				},
			);

		test(
			"Velt tool, Comment Thread > Delete with the author's switch and filter set in the node: every matching thread of that document is deleted",
			{ timeout: 5 * 60_000 },
			async () => {
				const ids = ['thread-draft-1', 'thread-draft-2'];
				await seedThreads(ALLOWED_DOC, ids);
				await seedThreads(THREAD_DOC, ['thread-launch-keep']);
				const others = await threadIdsAt(THREAD_DOC);
				const r = await runAgent(VELT_WF.deleteThreadsAllowed.id, {});
				const answer = assertSucceeded(r);
				assert.deepEqual(toolSchema(r.modelRequests).properties ?? {}, {});
				assert.equal(r.velt.length, 1);
				assert.equal(r.velt[0].path, '/v2/commentannotations/delete');
				assert.deepEqual(r.velt[0].body.data, {
					organizationId: ORG,
					documentId: ALLOWED_DOC,
					userIds: [AVA],
				});
				assert.deepEqual(await threadsAt(ALLOWED_DOC), []);
				// other documents keep theirs
				assert.deepEqual(await threadIdsAt(THREAD_DOC), others);
				assert.equal(answer.length, 1);
				assert.equal(answer[0].deleted, true);
				assert.deepEqual([...answer[0].deletedIds].sort(), ids);
			},
		);

		test(
			"Velt tool, User > Delete without the author's switch: refused, the model reads why, the user stays, the workflow succeeds",
			{ timeout: 5 * 60_000 },
			async () => {
				const userId = await seedUser('user-contractor-kai', 'Kai Contractor');
				const r = await runAgent(VELT_WF.deleteUser.id, { User_IDs: userId });
				assertRefused(r, REFUSAL.deleteUser);
				assert.deepEqual(r.velt, []);
				assert.deepEqual(await usersAt([userId]), [userId]);
			},
		);

		test(
			"Velt tool, User > Delete with the author's switch set in the node: the user the model named is deleted",
			{ timeout: 5 * 60_000 },
			async () => {
				const userId = await seedUser('user-contractor-rio', 'Rio Contractor');
				const r = await runAgent(VELT_WF.deleteUserAllowed.id, { User_IDs: userId });
				const answer = assertSucceeded(r);
				assert.equal(r.velt.length, 1);
				assert.equal(r.velt[0].path, '/v2/users/delete');
				assert.deepEqual(r.velt[0].body.data, { organizationId: ORG, userIds: [userId] });
				assert.deepEqual(await usersAt([userId]), []);
				// the sample users stay
				assert.deepEqual(await usersAt([AVA, LIAM]), [AVA, LIAM].sort());
				assert.deepEqual(answer, [
					{ deleted: true, organizationId: ORG, deletedIds: [userId], deletedCount: 1 },
				]);
			},
		);

		// ---- the author-only actions of the workspace, access, users' data and activity resources

		/** Seeds what the author-only tools act on, through Velt's API as the app would. */
		async function seedAuthorOnlyWorld() {
			const call = async (p, data) => {
				const r = await ctx.emu.api(p, data);
				assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
			};
			await call('/v2/organizations/add', {
				organizations: ['e2e-ai-doomed', 'e2e-ai-sleepy', AI_ORG].map((organizationId) => ({
					organizationId,
				})),
			});
			await call('/v2/organizations/folders/add', {
				organizationId: AI_ORG,
				folders: ['e2e-ai-folder-del', 'e2e-ai-folder-pub'].map((folderId) => ({
					folderId,
					accessType: 'restricted',
				})),
			});
			await call('/v2/organizations/documents/add', {
				organizationId: AI_ORG,
				documents: AI_DOCS.map((documentId) => ({ documentId })),
			});
			await call('/v2/organizations/documents/access/update', {
				organizationId: AI_ORG,
				documentIds: AI_DOCS,
				accessType: 'restricted',
			});
			await call('/v2/users/add', {
				organizationId: AI_ORG,
				users: [{ userId: 'e2e-ai-leaver', name: 'Leaver' }],
			});
			await call('/v2/activities/add', {
				organizationId: AI_ORG,
				documentId: 'e2e-ai-doc-feed',
				activities: [
					{
						id: 'e2e-ai-act-1',
						featureType: 'custom',
						actionType: 'note',
						actionUser: { userId: 'team-assistant' },
						targetEntityId: 'e2e-ai-note',
					},
				],
			});
		}

		/** What Velt holds of everything the author-only tools may change. */
		async function authorOnlyState() {
			const data = async (p, body) => (await ctx.emu.api(p, body)).body.result?.data;
			const organizations = await data('/v2/organizations/get', {
				organizationIds: ['e2e-ai-doomed', 'e2e-ai-sleepy'],
			});
			const documents = await data('/v2/organizations/documents/get', { organizationId: AI_ORG });
			const folders = await data('/v2/organizations/folders/get', { organizationId: AI_ORG });
			const guest = await ctx.emu.api('/v2/auth/permissions/get', {
				organizationId: AI_ORG,
				userIds: [AI_GUEST],
				documentIds: ['e2e-ai-doc-pub'],
			});
			const activities = await data('/v2/activities/get', { organizationId: AI_ORG });
			return {
				organizations: organizations.map((o) => [o.id, o.disabled ?? false]).sort(),
				documents: documents
					.map((d) => [d.id, d.accessType, d.disabled ?? false])
					.filter(([id]) => id.startsWith('e2e-ai-'))
					.sort(),
				folders: folders.map((f) => [f.folderId, f.accessType]).sort(),
				guestAccess: guest.body.result.data[AI_GUEST].documents['e2e-ai-doc-pub'],
				leaver: (
					await data('/v2/users/get', { organizationId: AI_ORG, userIds: ['e2e-ai-leaver'] })
				).length,
				activities: (activities ?? []).map((a) => a.id).sort(),
			};
		}

		/** The agent calls every author-only tool and the out-of-scope one in one turn. */
		async function runAuthorOnly(workflowId) {
			ctx.model.scriptCalls(TOOL_CALLS);
			const mark = (await ctx.emu.requests()).length;
			const r = await cli(rt.executeWorkflow, workflowId, { allowFailure: true });
			assert.ok(
				r.json,
				`no JSON in the output:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`,
			);
			assert.equal(
				r.json.status,
				'success',
				JSON.stringify(executionError(r.json) ?? {}).slice(0, 3000),
			);
			assert.deepEqual(nodeItems(r.json, 'AI Agent'), [{ output: FINAL_ANSWER }]);
			const answers = toolAnswersByTool(ctx.model.requests, TOOL_CALLS);
			assert.deepEqual(
				Object.keys(answers).sort(),
				TOOL_CALLS.map((c) => c.tool).sort(),
				'a tool call got no answer',
			);
			const velt = (await ctx.emu.requestsSince(mark)).filter((q) => q.path.startsWith('/v2/'));
			return { answers, velt };
		}

		const refusedByScope = (answer) =>
			assert.deepEqual(JSON.parse(answer), [
				{
					error:
						'Argument "Document_ID" (Organization / Document): an AI agent cannot choose where to add activities. Do not give an organization or document. This tool can only add activities where its author set.',
				},
			]);

		test(
			"Velt tool, every author-only action without the author's switch (Delete, Disable, Public, Grant, Sign-In Token, User Data Delete, Activity Delete): each refused with why, nothing reaches Velt, the workflow succeeds; a document outside the author's scope is refused too",
			{ timeout: 5 * 60_000 },
			async () => {
				await seedAuthorOnlyWorld();
				const before = await authorOnlyState();
				const { answers, velt } = await runAuthorOnly(WF.authorOnlyOff);
				assert.deepEqual(velt, []);
				const switchLabel = {
					allowToolDelete: /^Allow Deleting (Activities )?as a Tool: is off/,
					allowToolDisable: /^Allow Disabling as a Tool: is off/,
					allowToolPublicAccess: /Allow Public Access as a Tool/,
					allowToolGrant: /^Allow Granting Access as a Tool: is off/,
					allowToolGenerate: /^Allow Generating Tokens as a Tool: is off/,
					allowToolDeleteData: /^Allow Deleting User Data as a Tool: is off/,
				};
				for (const [name, , allow] of AUTHOR_ONLY) {
					const answer = answers[toolName(name)];
					const [{ error, ...rest }] = JSON.parse(answer);
					assert.deepEqual(rest, {}, `${name}: ${answer}`);
					assert.match(error, switchLabel[allow], `${name}: ${error}`);
				}
				refusedByScope(answers[toolName(SCOPE_TOOL[0])]);
				assert.deepEqual(await authorOnlyState(), before);
			},
		);

		test(
			"Velt tool, the same actions with the author's switches on: each reaches Velt and is done; the document outside the author's scope is still refused",
			{ timeout: 5 * 60_000 },
			async () => {
				const t0 = Math.floor(Date.now() / 1000);
				const { answers, velt } = await runAuthorOnly(WF.authorOnlyOn);
				const t1 = Math.floor(Date.now() / 1000);
				assert.deepEqual(velt.map((q) => q.path).sort(), [
					'/v2/activities/delete',
					'/v2/auth/generate_token',
					'/v2/auth/permissions/add',
					'/v2/organizations/access/disablestate/update',
					'/v2/organizations/delete',
					'/v2/organizations/documents/access/disablestate/update',
					'/v2/organizations/documents/access/update',
					'/v2/organizations/documents/delete',
					'/v2/organizations/folders/access/update',
					'/v2/organizations/folders/delete',
					'/v2/users/data/delete',
				]);
				for (const [name] of AUTHOR_ONLY) {
					const answer = JSON.parse(answers[toolName(name)]);
					assert.equal(answer[0].error, undefined, `${name}: ${JSON.stringify(answer)}`);
				}
				refusedByScope(answers[toolName(SCOPE_TOOL[0])]);
				const state = await authorOnlyState();
				assert.deepEqual(state.organizations, [['e2e-ai-sleepy', true]]);
				assert.deepEqual(state.documents, [
					['e2e-ai-doc-feed', 'restricted', false],
					['e2e-ai-doc-off', 'restricted', true],
					['e2e-ai-doc-pub', 'public', false],
				]);
				assert.deepEqual(state.folders, [['e2e-ai-folder-pub', 'public']]);
				// the role is the author's; no expiry given: the tool's bound (7 days) applies
				assert.equal(state.guestAccess.accessRole, 'viewer');
				const week = 7 * 24 * 3600;
				assert.ok(
					state.guestAccess.expiresAt >= t0 + week && state.guestAccess.expiresAt <= t1 + week,
					JSON.stringify(state.guestAccess),
				);
				assert.deepEqual(state.activities, []);
				const [job] = JSON.parse(answers[toolName('Delete User Data')]);
				assert.match(job.jobId, /^[A-Za-z0-9]{20}$/);
				const [token] = JSON.parse(answers[toolName('Sign-In Token')]);
				assert.equal(token.userId, AI_GUEST);
				assert.equal(token.token.split('.').length, 3);
			},
		);

		test('no secret in what n8n printed', () => {
			assert.deepEqual(findSecrets(logs.join('\n')), []);
		});
	});
}
