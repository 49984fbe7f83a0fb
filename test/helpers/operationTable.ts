/**
 * Every operation of both action nodes, once: the minimal valid parameters (working against
 * the emulator after `seedOperationWorld`), a bad variant refused before anything is sent, and
 * what a tool run takes from the model. The cross-cutting suites (hostile Velt, secrets,
 * validation, errors, faults, tool runs) run every row; test/helpers/operationTable.test.ts
 * fails when an operation of either node has no row. The triggers keep their own rows.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import type { VeltEmulator } from '../emulator';
import type { RunVeltOptions, VeltRun, VeltTarget } from '../node/support';
import { runVelt } from '../node/support';
import { runVeltNode, VELT_TOOL } from '../velt/support';

export type ActionNodeName = 'veltNotifications' | 'velt';

export const NOTIFICATIONS_TOOL = 'n8n-nodes-velt.veltNotificationsTool';

/** The tool type n8n registers for each node. */
export const TOOL_TYPE: Record<ActionNodeName, string> = {
	veltNotifications: NOTIFICATIONS_TOOL,
	velt: VELT_TOOL,
};

/** Where every row acts; `seedOperationWorld` puts there what the rows read, change or delete. */
export const TABLE_ORG = 'org-table';
export const TABLE_DOC = 'doc-table';
export const TABLE_THREAD = 'thread-1';
export const TABLE_COMMENT = 101;
export const TABLE_GROUP = 'eng';

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const org = { organizationId: locator(TABLE_ORG) };
const scope = { ...org, documentId: locator(TABLE_DOC) };
const thread = { ...scope, annotationId: locator(TABLE_THREAD) };
const fromAi = (key: string, type = 'string') => `={{ $fromAI('${key}', '', '${type}') }}`;

/** Bad input of one row: two items, the second one bad, refused naming the field and item 1. */
export interface InvalidVariant {
	items: IDataObject[];
	parameters: INodeParameters;
	/** The field's label as the error names it. */
	field: string;
	message: RegExp;
}

/** A parameter a model may not set in a tool run: from $fromAI with `given` it is refused. */
export interface AuthorOnlyParameter {
	/** Where it sits, e.g. "additionalFields.createOrganization". */
	parameter: string;
	given: boolean | string | IDataObject;
	type: 'boolean' | 'string' | 'json';
	/** What the author set around it (e.g. a literal switch whose filters the model would fill). */
	authorSets?: INodeParameters;
}

/** An argument where the model gives user IDs: a user object with contact details never reaches Velt. */
export interface UserIdArgument {
	argument: string;
	given: string;
}

export interface ToolRow {
	/** The row's parameters with what the model gives as $fromAI. */
	parameters: INodeParameters;
	/** The tool call: the model's arguments. */
	arguments: IDataObject;
	/**
	 * The whole operation widens access (adds users somewhere): as a tool it is author-only,
	 * so the model's call is refused with an error item and nothing is sent.
	 */
	authorOnly?: true;
	authorOnlyParameters?: AuthorOnlyParameter[];
	userIdArguments?: UserIdArgument[];
}

export interface OperationRow {
	node: ActionNodeName;
	resource: string;
	operation: string;
	/** Minimal valid parameters (without Options; suites add their own). */
	parameters: INodeParameters;
	/** The first output item of a run against the seeded world matches this. */
	result: IDataObject;
	/** Output items of that run. */
	outputItems: number;
	/** Velt takes the operation without an organization (a document created without one). */
	organizationOptional?: true;
	/** Velt Get Many that walks pages (the hostile paging modes apply to it). */
	pagedRead?: true;
	/**
	 * A create retried only because it carries its own id: these parameters are the same
	 * create without it, which a transient failure must not repeat.
	 */
	withoutOwnId?: INodeParameters;
	invalid: InvalidVariant;
	tool: ToolRow;
}

export const OPERATION_TABLE: OperationRow[] = [
	// ---- Velt Notifications ----------------------------------------------------------------
	{
		node: 'veltNotifications',
		resource: 'notification',
		operation: 'add',
		parameters: {
			resource: 'notification',
			operation: 'add',
			...scope,
			actionUser: { user: { userId: 'bo' } },
			displayHeadlineMessageTemplate: 'Hi',
			displayBodyMessage: 'Body',
			notifyUsers: { users: [{ userId: 'u1' }] },
		},
		result: { success: true },
		outputItems: 1,
		invalid: {
			items: [{ doc: TABLE_DOC }, { doc: '' }],
			parameters: {
				resource: 'notification',
				operation: 'add',
				...org,
				documentId: '={{ $json.doc }}',
				actionUser: { user: { userId: 'bo' } },
				displayHeadlineMessageTemplate: 'Hi',
				displayBodyMessage: 'Body',
				notifyUsers: { users: [{ userId: 'u1' }] },
			},
			field: 'Document',
			message: /^Document: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'notification',
				operation: 'add',
				...scope,
				actionUser: { user: { userId: 'assistant' } },
				displayHeadlineMessageTemplate: fromAi('Headline'),
				displayBodyMessage: 'Sent by the assistant',
				notifyUsersInputMode: 'ids',
				notifyUserIds: fromAi('Recipient_User_IDs'),
			},
			arguments: { Headline: 'Deal closed', Recipient_User_IDs: 'u1, u2' },
			authorOnlyParameters: [
				{ parameter: 'notifyAll', given: true, type: 'boolean' },
				{ parameter: 'additionalFields.createOrganization', given: true, type: 'boolean' },
				{ parameter: 'additionalFields.createDocument', given: true, type: 'boolean' },
				{ parameter: 'additionalFields.isCrossOrganizationEnabled', given: true, type: 'boolean' },
			],
			userIdArguments: [
				{
					argument: 'Recipient_User_IDs',
					given: '[{"userId": "ceo", "name": "CEO", "email": "attacker@evil.example"}]',
				},
			],
		},
	},
	{
		node: 'veltNotifications',
		resource: 'notification',
		operation: 'getAll',
		parameters: { resource: 'notification', operation: 'getAll', ...scope, returnAll: true },
		result: { organizationId: TABLE_ORG },
		outputItems: 2,
		pagedRead: true,
		invalid: {
			items: [{ order: 'desc' }, { order: 'sideways' }],
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				...scope,
				filters: { order: '={{ $json.order }}' },
			},
			field: 'Order',
			message: /^Order: "sideways" is not one of asc, desc \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'notification',
				operation: 'getAll',
				...org,
				userId: { __rl: true, mode: 'id', value: fromAi('User') },
				returnAll: true,
			},
			arguments: { User: 'u1' },
		},
	},
	{
		node: 'veltNotifications',
		resource: 'notification',
		operation: 'update',
		parameters: {
			resource: 'notification',
			operation: 'update',
			...org,
			id: 'n1',
			updateFields: { readByUserIds: 'u1' },
		},
		result: { id: 'n1', success: true },
		outputItems: 1,
		invalid: {
			items: [{ id: 'n1' }, { id: '' }],
			parameters: {
				resource: 'notification',
				operation: 'update',
				...org,
				id: '={{ $json.id }}',
				updateFields: { readByUserIds: 'u1' },
			},
			field: 'Notification ID',
			message: /^Notification ID: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'notification',
				operation: 'update',
				...org,
				id: fromAi('Notification_ID'),
				updateFields: { notifyUsers: fromAi('Recipients') },
			},
			arguments: { Notification_ID: 'n1', Recipients: 'u1, u2' },
			userIdArguments: [
				{
					argument: 'Recipients',
					given: '[{"userId": "ceo", "email": "attacker@evil.example"}]',
				},
			],
		},
	},
	{
		node: 'veltNotifications',
		resource: 'notification',
		operation: 'delete',
		parameters: { resource: 'notification', operation: 'delete', ...org, notificationIds: 'n1' },
		result: { deleted: true },
		outputItems: 1,
		invalid: {
			items: [{ ids: 'n1' }, { ids: ['n2', { id: 'n3' }] }],
			parameters: {
				resource: 'notification',
				operation: 'delete',
				...org,
				notificationIds: '={{ $json.ids }}',
			},
			field: 'Notification IDs',
			message: /^Notification IDs: must list ids as text, got an object \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'notification',
				operation: 'delete',
				...scope,
				notificationIds: fromAi('Notification_IDs'),
			},
			arguments: { Notification_IDs: 'n1' },
			authorOnlyParameters: [{ parameter: 'notificationIds', given: '', type: 'string' }],
		},
	},
	{
		node: 'veltNotifications',
		resource: 'notificationConfig',
		operation: 'get',
		parameters: {
			resource: 'notificationConfig',
			operation: 'get',
			...org,
			userId: locator('u1'),
			getOrganizationConfig: true,
		},
		result: {},
		outputItems: 1,
		invalid: {
			items: [{ docs: TABLE_DOC }, { docs: Array.from({ length: 31 }, (_, i) => `d${i}`) }],
			parameters: {
				resource: 'notificationConfig',
				operation: 'get',
				...org,
				userId: locator('u1'),
				documentIds: '={{ $json.docs }}',
			},
			field: 'Document IDs',
			message: /^Document IDs: has 31 IDs; Velt accepts at most 30 \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'notificationConfig',
				operation: 'get',
				...org,
				userId: { __rl: true, mode: 'id', value: fromAi('User') },
				getOrganizationConfig: true,
			},
			arguments: { User: 'u1' },
		},
	},
	{
		node: 'veltNotifications',
		resource: 'notificationConfig',
		operation: 'set',
		parameters: {
			resource: 'notificationConfig',
			operation: 'set',
			...org,
			userIds: 'u1',
			config: { inbox: 'ALL' },
		},
		result: {},
		outputItems: 1,
		invalid: {
			items: [{ value: 'ALL' }, { value: '' }],
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				...org,
				userIds: 'u1',
				config: { inbox: '={{ $json.value }}' },
			},
			field: 'In-App Inbox',
			message: /^In-App Inbox: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'notificationConfig',
				operation: 'set',
				...org,
				userIds: fromAi('User_IDs'),
				config: { inbox: 'MINE' },
			},
			arguments: { User_IDs: 'u1' },
		},
	},

	// ---- Velt: comment threads -------------------------------------------------------------
	{
		node: 'velt',
		resource: 'commentThread',
		operation: 'create',
		parameters: {
			resource: 'commentThread',
			operation: 'create',
			...scope,
			userId: locator('ana'),
			commentText: 'Please check',
			additionalFields: { annotationId: 'thread-new', commentId: 201 },
		},
		result: { success: true, annotationId: 'thread-new', commentIds: [201] },
		outputItems: 1,
		withoutOwnId: {
			resource: 'commentThread',
			operation: 'create',
			...scope,
			userId: locator('ana'),
			commentText: 'Please check',
		},
		invalid: {
			items: [{ id: 'thread-new' }, { id: 'a:b' }],
			parameters: {
				resource: 'commentThread',
				operation: 'create',
				...scope,
				userId: locator('ana'),
				commentText: 'Please check',
				additionalFields: { annotationId: '={{ $json.id }}' },
			},
			field: 'Comment Thread ID',
			message: /^Comment Thread ID: "a:b" contains ":", which Velt does not allow \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'commentThread',
				operation: 'create',
				...scope,
				userId: locator('assistant'),
				commentText: fromAi('Text'),
				additionalFields: { assignedTo: fromAi('Assignee'), mentionsJson: fromAi('Mentions') },
			},
			arguments: { Text: 'Please check the totals', Assignee: 'bo', Mentions: 'bo, cy' },
			authorOnlyParameters: [
				{ parameter: 'additionalFields.createOrganization', given: true, type: 'boolean' },
				{ parameter: 'additionalFields.createDocument', given: true, type: 'boolean' },
			],
			userIdArguments: [
				{
					argument: 'Assignee',
					given: '{"userId": "ceo", "name": "CEO", "email": "attacker@evil.example"}',
				},
				{
					argument: 'Mentions',
					given: '[{"userId": "ceo", "name": "CEO", "email": "attacker@evil.example"}]',
				},
			],
		},
	},
	{
		node: 'velt',
		resource: 'commentThread',
		operation: 'getAll',
		parameters: { resource: 'commentThread', operation: 'getAll', ...scope, returnAll: true },
		result: { annotationId: TABLE_THREAD },
		outputItems: 1,
		pagedRead: true,
		invalid: {
			items: [{ n: 5 }, { n: 0 }],
			parameters: {
				resource: 'commentThread',
				operation: 'getAll',
				...scope,
				returnAll: false,
				limit: '={{ $json.n }}',
			},
			field: 'Limit',
			message: /^Limit: must be a whole number of at least 1, got 0 \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'commentThread',
				operation: 'getAll',
				...org,
				documentId: { __rl: true, mode: 'id', value: fromAi('Document') },
				returnAll: true,
			},
			arguments: { Document: TABLE_DOC },
		},
	},
	{
		node: 'velt',
		resource: 'commentThread',
		operation: 'count',
		parameters: {
			resource: 'commentThread',
			operation: 'count',
			...org,
			documentIds: TABLE_DOC,
			userId: locator('ana'),
		},
		result: { total: 1 },
		outputItems: 1,
		invalid: {
			items: [{ docs: TABLE_DOC }, { docs: Array.from({ length: 31 }, (_, i) => `d${i}`) }],
			parameters: {
				resource: 'commentThread',
				operation: 'count',
				...org,
				documentIds: '={{ $json.docs }}',
				userId: locator('ana'),
			},
			field: 'Document IDs',
			message: /^Document IDs: has 31 IDs, but Velt takes at most 30 in one call \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'commentThread',
				operation: 'count',
				...org,
				documentIds: fromAi('Document_IDs'),
				userId: locator('assistant'),
			},
			arguments: { Document_IDs: TABLE_DOC },
		},
	},
	{
		node: 'velt',
		resource: 'commentThread',
		operation: 'update',
		parameters: {
			resource: 'commentThread',
			operation: 'update',
			...scope,
			annotationIds: TABLE_THREAD,
			updateFields: { status: 'RESOLVED' },
		},
		result: { updated: true, updatedIds: [TABLE_THREAD] },
		outputItems: 1,
		invalid: {
			items: [{ status: 'RESOLVED' }, { status: 'sideways' }],
			parameters: {
				resource: 'commentThread',
				operation: 'update',
				...scope,
				annotationIds: TABLE_THREAD,
				updateFields: { status: '={{ $json.status }}' },
			},
			field: 'Status',
			message: /^Status: "sideways" is not one of .+ \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'commentThread',
				operation: 'update',
				...scope,
				annotationIds: fromAi('Threads'),
				updateFields: { status: fromAi('Status'), assignedTo: fromAi('Assignee') },
			},
			arguments: { Threads: TABLE_THREAD, Status: 'RESOLVED', Assignee: 'bo' },
			authorOnlyParameters: [
				{
					parameter: 'updateAllMatching',
					given: true,
					type: 'boolean',
					authorSets: { annotationIds: '' },
				},
				{
					parameter: 'filters',
					given: {},
					type: 'json',
					authorSets: { annotationIds: '', updateAllMatching: true },
				},
			],
			userIdArguments: [
				{
					argument: 'Assignee',
					given: '{"userId": "ceo", "name": "CEO", "email": "attacker@evil.example"}',
				},
			],
		},
	},
	{
		node: 'velt',
		resource: 'commentThread',
		operation: 'delete',
		parameters: {
			resource: 'commentThread',
			operation: 'delete',
			...scope,
			annotationIds: TABLE_THREAD,
		},
		result: { deleted: true, deletedIds: [TABLE_THREAD] },
		outputItems: 1,
		organizationOptional: true,
		invalid: {
			items: [{ ids: TABLE_THREAD }, { ids: '' }],
			parameters: {
				resource: 'commentThread',
				operation: 'delete',
				...scope,
				annotationIds: '={{ $json.ids }}',
			},
			field: 'Comment Thread IDs',
			message:
				/^Comment Thread IDs: is empty, so the delete would reach every thread of the document \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'commentThread',
				operation: 'delete',
				...scope,
				annotationIds: fromAi('Threads'),
			},
			arguments: { Threads: TABLE_THREAD },
			authorOnlyParameters: [
				{
					parameter: 'deleteAllMatching',
					given: true,
					type: 'boolean',
					authorSets: { annotationIds: '' },
				},
				// Finding 11: the filters as one model-given value, with the switch set by the author.
				{
					parameter: 'filters',
					given: {},
					type: 'json',
					authorSets: { annotationIds: '', deleteAllMatching: true },
				},
			],
		},
	},

	// ---- Velt: comments --------------------------------------------------------------------
	{
		node: 'velt',
		resource: 'comment',
		operation: 'add',
		parameters: {
			resource: 'comment',
			operation: 'add',
			...thread,
			userId: locator('bo'),
			commentText: 'On it',
			additionalFields: { commentId: 202 },
		},
		result: { success: true, commentId: 202, annotationId: TABLE_THREAD },
		outputItems: 1,
		withoutOwnId: {
			resource: 'comment',
			operation: 'add',
			...thread,
			userId: locator('bo'),
			commentText: 'On it',
		},
		invalid: {
			items: [{ text: 'On it' }, { text: '' }],
			parameters: {
				resource: 'comment',
				operation: 'add',
				...thread,
				userId: locator('bo'),
				commentText: '={{ $json.text }}',
			},
			field: 'Comment Text',
			message: /^Comment Text: is empty, and so is Comment HTML \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'comment',
				operation: 'add',
				...scope,
				annotationId: fromAi('Thread'),
				userId: locator('assistant'),
				commentText: fromAi('Reply'),
				additionalFields: { mentionsJson: fromAi('Mentions') },
			},
			arguments: { Thread: TABLE_THREAD, Reply: 'Fixed in release 2.3', Mentions: '[]' },
			authorOnlyParameters: [
				{ parameter: 'additionalFields.createOrganization', given: true, type: 'boolean' },
				{ parameter: 'additionalFields.createDocument', given: true, type: 'boolean' },
			],
			userIdArguments: [
				{
					argument: 'Mentions',
					given: '[{"userId": "ceo", "name": "CEO", "email": "attacker@evil.example"}]',
				},
			],
		},
	},
	{
		node: 'velt',
		resource: 'comment',
		operation: 'getAll',
		parameters: { resource: 'comment', operation: 'getAll', ...thread },
		result: { commentId: TABLE_COMMENT },
		outputItems: 1,
		invalid: {
			items: [{ thread: TABLE_THREAD }, { thread: '' }],
			parameters: {
				resource: 'comment',
				operation: 'getAll',
				...scope,
				annotationId: '={{ $json.thread }}',
			},
			field: 'Comment Thread',
			message: /^Comment Thread: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'comment',
				operation: 'getAll',
				...scope,
				annotationId: fromAi('Thread'),
			},
			arguments: { Thread: TABLE_THREAD },
		},
	},
	{
		node: 'velt',
		resource: 'comment',
		operation: 'update',
		parameters: {
			resource: 'comment',
			operation: 'update',
			...thread,
			commentIds: String(TABLE_COMMENT),
			updateFields: { commentText: 'Edited' },
		},
		result: { updated: true, updatedIds: [TABLE_COMMENT] },
		outputItems: 1,
		invalid: {
			items: [{ ids: String(TABLE_COMMENT) }, { ids: 'abc' }],
			parameters: {
				resource: 'comment',
				operation: 'update',
				...thread,
				commentIds: '={{ $json.ids }}',
				updateFields: { commentText: 'Edited' },
			},
			field: 'Comment IDs',
			message: /^Comment IDs: "abc" is not a comment ID .+ \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'comment',
				operation: 'update',
				...thread,
				commentIds: fromAi('Comment_IDs'),
				updateFields: { commentText: fromAi('Text') },
			},
			arguments: { Comment_IDs: String(TABLE_COMMENT), Text: 'Edited by the assistant' },
		},
	},
	{
		node: 'velt',
		resource: 'comment',
		operation: 'delete',
		parameters: {
			resource: 'comment',
			operation: 'delete',
			...thread,
			commentIds: String(TABLE_COMMENT),
		},
		result: { deleted: true, deletedIds: [TABLE_COMMENT] },
		outputItems: 1,
		invalid: {
			items: [{ ids: String(TABLE_COMMENT) }, { ids: '' }],
			parameters: {
				resource: 'comment',
				operation: 'delete',
				...thread,
				commentIds: '={{ $json.ids }}',
			},
			field: 'Comment IDs',
			message:
				/^Comment IDs: is empty, so Velt would delete every comment of the thread .*\(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'comment',
				operation: 'delete',
				...thread,
				commentIds: fromAi('Comment_IDs'),
			},
			arguments: { Comment_IDs: String(TABLE_COMMENT) },
			authorOnlyParameters: [
				{
					parameter: 'deleteAllComments',
					given: true,
					type: 'boolean',
					authorSets: { commentIds: '' },
				},
			],
		},
	},

	// ---- Velt: users -----------------------------------------------------------------------
	{
		node: 'velt',
		resource: 'user',
		operation: 'upsert',
		parameters: {
			resource: 'user',
			operation: 'upsert',
			...org,
			userId: 'u9',
			userFields: { name: 'Ana' },
		},
		result: { userId: 'u9', action: 'created' },
		outputItems: 1,
		invalid: {
			items: [{ id: 'u9' }, { id: ' ' }],
			parameters: {
				resource: 'user',
				operation: 'upsert',
				...org,
				userId: '={{ $json.id }}',
				userFields: { name: 'Ana' },
			},
			field: 'User ID',
			message: /^User ID: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'user',
				operation: 'upsert',
				...org,
				userId: fromAi('User'),
				userFields: { name: fromAi('Name') },
			},
			arguments: { User: 'mallory', Name: 'Mallory' },
			// Adds a user to the organization (as an editor by Velt's default): finding 3.
			authorOnly: true,
		},
	},
	{
		node: 'velt',
		resource: 'user',
		operation: 'getAll',
		parameters: { resource: 'user', operation: 'getAll', ...org, returnAll: true },
		result: { userId: 'u1' },
		outputItems: 2,
		pagedRead: true,
		invalid: {
			items: [{ n: 5 }, { n: 0 }],
			parameters: {
				resource: 'user',
				operation: 'getAll',
				...org,
				returnAll: false,
				limit: '={{ $json.n }}',
			},
			field: 'Limit',
			message: /^Limit: must be a whole number of at least 1, got 0 \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'user',
				operation: 'getAll',
				...org,
				returnAll: true,
				filters: { userIds: fromAi('User_IDs') },
			},
			arguments: { User_IDs: 'u1' },
		},
	},
	{
		node: 'velt',
		resource: 'user',
		operation: 'delete',
		parameters: { resource: 'user', operation: 'delete', ...org, userIds: 'u2' },
		result: { deleted: true, deletedIds: ['u2'] },
		outputItems: 1,
		invalid: {
			items: [{ ids: 'u2' }, { ids: '' }],
			parameters: { resource: 'user', operation: 'delete', ...org, userIds: '={{ $json.ids }}' },
			field: 'User IDs',
			message: /^User IDs: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'user',
				operation: 'delete',
				...org,
				userIds: fromAi('User_IDs'),
				allowToolDelete: true,
			},
			arguments: { User_IDs: 'u2' },
			authorOnlyParameters: [{ parameter: 'allowToolDelete', given: true, type: 'boolean' }],
		},
	},

	// ---- Velt: user groups -----------------------------------------------------------------
	{
		node: 'velt',
		resource: 'userGroup',
		operation: 'create',
		parameters: { resource: 'userGroup', operation: 'create', ...org, groupId: 'ops' },
		result: { organizationId: TABLE_ORG, groupId: 'ops' },
		outputItems: 1,
		invalid: {
			items: [{ id: 'ops' }, { id: '' }],
			parameters: {
				resource: 'userGroup',
				operation: 'create',
				...org,
				groupId: '={{ $json.id }}',
			},
			field: 'Group ID',
			message: /^Group ID: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'userGroup',
				operation: 'create',
				...org,
				groupId: fromAi('Group'),
			},
			arguments: { Group: 'ops' },
			authorOnlyParameters: [
				{ parameter: 'additionalFields.createOrganization', given: true, type: 'boolean' },
			],
		},
	},
	{
		node: 'velt',
		resource: 'userGroup',
		operation: 'addUsers',
		parameters: {
			resource: 'userGroup',
			operation: 'addUsers',
			...org,
			organizationUserGroupId: TABLE_GROUP,
			userIds: 'u2',
		},
		result: { addedIds: ['u2'] },
		outputItems: 1,
		invalid: {
			items: [{ ids: 'u2' }, { ids: [{ userId: 'u2' }] }],
			parameters: {
				resource: 'userGroup',
				operation: 'addUsers',
				...org,
				organizationUserGroupId: TABLE_GROUP,
				userIds: '={{ $json.ids }}',
			},
			field: 'User IDs',
			message: /^User IDs: must list ids as text, got an object \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'userGroup',
				operation: 'addUsers',
				...org,
				organizationUserGroupId: TABLE_GROUP,
				userIds: fromAi('User_IDs'),
			},
			arguments: { User_IDs: 'mallory' },
			// Widens who can see the group's documents.
			authorOnly: true,
		},
	},
	{
		node: 'velt',
		resource: 'userGroup',
		operation: 'removeUsers',
		parameters: {
			resource: 'userGroup',
			operation: 'removeUsers',
			...org,
			organizationUserGroupId: TABLE_GROUP,
			userIds: 'u1',
		},
		result: { deleted: true, deletedIds: ['u1'] },
		outputItems: 1,
		invalid: {
			items: [{ group: TABLE_GROUP }, { group: ' ' }],
			parameters: {
				resource: 'userGroup',
				operation: 'removeUsers',
				...org,
				organizationUserGroupId: '={{ $json.group }}',
				userIds: 'u1',
			},
			field: 'User Group ID',
			message: /^User Group ID: is required but is empty \(item 1\)$/,
		},
		tool: {
			parameters: {
				resource: 'userGroup',
				operation: 'removeUsers',
				...org,
				organizationUserGroupId: TABLE_GROUP,
				userIds: fromAi('User_IDs'),
			},
			arguments: { User_IDs: 'u1' },
			authorOnlyParameters: [
				{ parameter: 'deleteAll', given: true, type: 'boolean', authorSets: { userIds: 'u1' } },
			],
		},
	},
];

/** "velt commentThread/create": how the suites name a row. */
export function rowName(row: OperationRow): string {
	return `${row.node} ${row.resource}/${row.operation}`;
}

/** The rows as `test.each` takes them: [name, row]. */
export const TABLE_CASES: Array<[string, OperationRow]> = OPERATION_TABLE.map((row) => [
	rowName(row),
	row,
]);

/** The node class of a row's node. */
export function nodeOf(name: ActionNodeName): INodeType {
	return name === 'velt' ? new Velt() : new VeltNotifications();
}

/** Runs a row's node (through n8n-core, as the node suites do) with the given options. */
export async function runRow(
	row: Pick<OperationRow, 'node'>,
	target: VeltTarget,
	options: RunVeltOptions,
): Promise<VeltRun> {
	return row.node === 'velt' ? await runVeltNode(target, options) : await runVelt(target, options);
}

/** What every row acts on: notifications n1, n2; a thread with comment 101; users u1, u2; group eng with u1. */
export function seedOperationWorld(emulator: VeltEmulator): void {
	for (const [index, notificationId] of ['n1', 'n2'].entries())
		emulator.store.insertNotification(
			{
				organizationId: TABLE_ORG,
				documentId: TABLE_DOC,
				notificationId,
				notifyAll: false,
				notifyUsers: [{ userId: 'u1' }],
				displayHeadlineMessageTemplate: `Headline ${notificationId}`,
			},
			{ timestamp: 1_722_409_500_000 + index },
		);
	emulator.store.collaboration.insertAnnotation({
		organizationId: TABLE_ORG,
		documentId: TABLE_DOC,
		annotationId: TABLE_THREAD,
		fields: {},
		comments: [
			{ commentId: TABLE_COMMENT, data: { commentText: 'First', from: { userId: 'ana' } } },
		],
	});
	emulator.store.upsertUser(TABLE_ORG, { userId: 'u1', name: 'User 1' });
	emulator.store.upsertUser(TABLE_ORG, { userId: 'u2', name: 'User 2' });
	emulator.store.collaboration.upsertGroup(TABLE_ORG, { groupId: TABLE_GROUP }).userIds.add('u1');
}

/** Sets `path` (dot-separated) in a copy of `parameters`. */
export function withParameter(
	parameters: INodeParameters,
	path: string,
	value: unknown,
): INodeParameters {
	const [head, ...rest] = path.split('.');
	if (rest.length === 0) return { ...parameters, [head]: value } as INodeParameters;
	const inner = (parameters[head] ?? {}) as INodeParameters;
	return { ...parameters, [head]: withParameter(inner, rest.join('.'), value) } as INodeParameters;
}

/** The operations each node's description offers: `resource/operation`. */
export function describedOperations(node: INodeType): string[] {
	const properties = node.description.properties;
	const resources = properties.find((property) => property.name === 'resource');
	const found: string[] = [];
	for (const resource of (resources?.options ?? []) as Array<{ value: string }>) {
		for (const property of properties) {
			const shownFor = property.displayOptions?.show?.resource as unknown[] | undefined;
			if (property.name !== 'operation' || !shownFor?.includes(resource.value)) continue;
			for (const operation of (property.options ?? []) as Array<{ value: string }>)
				found.push(`${resource.value}/${operation.value}`);
		}
	}
	return found;
}
