import type { UserLevel } from '../../../shared/scope';
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { BatchAnswer, BatchCall } from '../../../shared/execution/batchedExecutor';
import { batchOutcomes, BatchResults, sendWave } from '../../../shared/execution/batchedExecutor';
import type { BatchedItem, PlannedBatch } from '../../../shared/execution/batchPlan';
import { planBatches } from '../../../shared/execution/batchPlan';
import { prepareAllItems } from '../../../shared/execution/itemValidation';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { startOperation } from '../../../shared/execution/operationSetup';
import { outcomesToOutput } from '../../../shared/execution/output';
import type { OperationExecute } from '../../../shared/execution/perItemExecutor';
import { answerFor } from '../../../shared/execution/perIdAnswers';
import type { FieldRef, VeltUser } from '../../../shared/parameters';
import {
	additionalFieldsOf,
	assertOneOf,
	dropEmpty,
	parseUser,
	requireNonEmptyString,
	userListEntries,
} from '../../../shared/parameters';
import {
	allowToolAddUsersField,
	readToolAccessRole,
	ACCESS_ROLE_OPTIONS,
	requireToolMayAddUsers,
	TOOL_ACCESS_ROLE,
	toolAccessRoleField,
	createSwitchField,
	readCreateSwitches,
} from '../../../shared/createSwitches';
import {
	MODEL_USER_FIELD_RULE,
	MODEL_USER_FIELDS,
	requireModelUserFields,
} from '../../../shared/tool';
import { failuresBecomeItems, isModelGiven, isToolNode } from '../../../shared/toolRun';
import { COLLABORATION_ENDPOINTS } from '../../../shared/transport';
import {
	sortedByDisplayName,
	batchedExecutionOptions,
} from '../../../shared/execution/options.descriptions';
import { readScope, SCOPES } from '../../../shared/scope';
import { userOrganizationField, userDocumentField, folderIdField } from '../../descriptions';
/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/users/add-users): accessRole "viewer" (read-only) or "editor". */
export const ACCESS_ROLES = ['viewer', 'editor'] as const;

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/users/update-users): the answer for a user Velt does not have. */
const USER_MISSING = /does not exist/i;

/** The documented User fields besides userId (https://docs.velt.dev/api-reference/sdk/models/data-models#user). */
const userFieldOptions: INodeProperties[] = sortedByDisplayName([
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'Photo URL', name: 'photoUrl', type: 'string', default: '' },
	{
		displayName: 'Color',
		name: 'color',
		type: 'color',
		default: '',
		description: "The user's avatar color",
	},
	{
		displayName: 'Text Color',
		name: 'textColor',
		type: 'color',
		default: '',
		description: 'The color of the text on the avatar',
	},
	{
		displayName: 'Initial',
		name: 'initial',
		type: 'string',
		default: '',
		description: 'Shown on the avatar; Velt takes the first letter of the name when empty',
	},
	{
		displayName: 'Access Role',
		name: 'accessRole',
		type: 'options',
		options: ACCESS_ROLE_OPTIONS,
		default: 'editor',
		description:
			"What the user may do at this level. When the node is an AI agent's tool, a role from the model is refused: only the workflow's author sets roles.",
	},
]);

const properties: INodeProperties[] = [
	userOrganizationField,
	{
		displayName: 'Specify User',
		name: 'userInputMode',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'One user per item' },
			{
				name: 'Using JSON',
				value: 'json',
				description: 'One user object or an array of them, e.g. from an expression',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user-1',
		description: 'The ID your app gives the user in Velt',
		displayOptions: { show: { userInputMode: ['fields'] } },
	},
	{
		displayName: 'User Fields',
		name: 'userFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { userInputMode: ['fields'] } },
		options: userFieldOptions,
	},
	{
		displayName: 'Users (JSON)',
		name: 'users',
		type: 'json',
		default: '[]',
		description:
			'A user such as {"userId": "u1", "name": "Ana", "email": "ana@example.com", "accessRole": "editor"}, or an array of them. Every Velt user field is accepted; from an AI agent only userId, name, photoUrl, color, textColor and initial.',
		displayOptions: { show: { userInputMode: ['json'] } },
	},
	allowToolAddUsersField('add users or change them (their name, role and other fields)'),
	toolAccessRoleField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByDisplayName([
			userDocumentField,
			folderIdField,
			createSwitchField('createOrganization'),
			createSwitchField('createDocument'),
			createSwitchField('createFolder'),
		]),
	},
	batchedExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** One item: its level (the request-level fields of its update) and its users, one entry each. */
export interface UpsertItem extends BatchedItem {
	scope: UserLevel;
	/** createOrganization / createDocument / createFolder, sent with the add only. */
	create: IDataObject;
	users: VeltUser[];
	/** Using Fields Below: one user, answered as one flat object. */
	single: boolean;
	/** In a tool: the role of added users that have none (the author's Access Role as a Tool). */
	addRole?: string;
}

/** A role from a model is refused: it would let an agent make anyone an editor. */
function guardModelRole(node: INode, itemIndex: number, parameter: string, label: string): never {
	throw invalidParameterError(
		node,
		itemIndex,
		label,
		'an AI agent cannot set access roles',
		'Set Access Role in the node itself, without $fromAI (or, in a tool, an expression).',
		{
			parameter,
			fix: "Leave accessRole out. Only the workflow's author sets access roles, in the node itself.",
		},
	);
}

function readUsers(parameters: ItemParameters, node: INode, itemIndex: number): VeltUser[] {
	if (parameters.userInputMode === 'json') {
		const field: FieldRef = { node, itemIndex, label: 'Users (JSON)', parameter: 'users' };
		const entries = userListEntries(parameters.users, field);
		const users = entries.map((entry, position) => parseUser(entry, field, position));
		if (users.length === 0) {
			throw invalidParameterError(
				node,
				itemIndex,
				field.label,
				'has no users',
				'Give a user object with at least a userId, or an array of them.',
				{ parameter: 'users' },
			);
		}
		const seen = new Set<string>();
		users.forEach((user, position) => {
			if (seen.has(user.userId)) {
				throw invalidParameterError(
					node,
					itemIndex,
					`${field.label} #${position + 1}`,
					`user "${user.userId}" is listed twice`,
					'List each user once: Velt answers once per user ID.',
					{ parameter: 'users' },
				);
			}
			seen.add(user.userId);
			if (user.accessRole !== undefined) {
				if (isModelGiven(node, 'users')) guardModelRole(node, itemIndex, 'users', field.label);
				assertOneOf(user.accessRole, ACCESS_ROLES, {
					...field,
					label: `${field.label} #${position + 1} accessRole`,
				});
			}
			requireModelUserFields(
				node,
				itemIndex,
				{
					parameter: 'users',
					label: `${field.label} #${position + 1}`,
					user,
					allowed: MODEL_USER_FIELDS,
				},
				MODEL_USER_FIELD_RULE,
			);
		});
		return users;
	}
	const field: FieldRef = { node, itemIndex, label: 'User ID', parameter: 'userId' };
	const fields = dropEmpty((parameters.userFields ?? {}) as IDataObject);
	if (fields.accessRole !== undefined) {
		if (isModelGiven(node, 'userFields.accessRole'))
			guardModelRole(node, itemIndex, 'userFields.accessRole', 'Access Role');
		assertOneOf(fields.accessRole, ACCESS_ROLES, { ...field, label: 'Access Role' });
	}
	requireModelUserFields(
		node,
		itemIndex,
		{ parameter: 'userFields', label: 'User Fields', user: fields, allowed: MODEL_USER_FIELDS },
		MODEL_USER_FIELD_RULE,
	);
	return [parseUser({ ...fields, userId: requireNonEmptyString(parameters.userId, field) }, field)];
}

/**
 * In a tool, the role of users the tool adds: the author's Access Role as a Tool, so Velt's
 * default for no role ("editor") never applies. Existing users keep their role unless the
 * author set one in the user's fields.
 */
function readAddRole(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): string | undefined {
	if (!isToolNode(node)) return undefined;
	return readToolAccessRole(parameters[TOOL_ACCESS_ROLE], ACCESS_ROLES, node, itemIndex);
}

/** One item's users and level, validated before anything is sent. */
export function buildUpsertItem(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): UpsertItem {
	// Adding users widens who can read; in a tool only the author's switch allows it.
	requireToolMayAddUsers(node, itemIndex, 'add or change users');
	const extra = additionalFieldsOf(parameters);
	const level = readScope(
		{ ...extra, organizationId: parameters.organizationId },
		SCOPES.userLevel,
		node,
		itemIndex,
		'additionalFields.',
	);
	const users = readUsers(parameters, node, itemIndex);
	const addRole = readAddRole(parameters, node, itemIndex);
	if (extra.createDocument === true && level.documentId === undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Create Document',
			'is on but no Document is given',
			'Choose the document to create under Additional Fields, or switch Create Document off.',
			{ parameter: 'additionalFields.createDocument' },
		);
	}
	if (extra.createFolder === true && level.folderId === undefined) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Create Folder',
			'is on but no Folder ID is given',
			'Enter the folder to create under Additional Fields, or switch Create Folder off.',
			{ parameter: 'additionalFields.createFolder' },
		);
	}
	const create = readCreateSwitches(
		extra,
		['createOrganization', 'createDocument', 'createFolder'],
		node,
		itemIndex,
	);
	return {
		scope: level,
		entries: users.map((user) => ({ id: user.userId, payload: user })),
		create,
		users,
		single: parameters.userInputMode !== 'json',
		addRole,
	};
}

/**
 * ASSUMED: how many users one users/update or users/add may carry. Their pages
 * (https://docs.velt.dev/api-reference/rest-apis/v2/users/update-users, .../users/add-users)
 * document `users` as an array with no limit; Options > Batch Size (default 50, as for
 * notifications) keeps one request modest. Both set a user's fields to the values sent, so
 * sending a batch again is harmless.
 */
const usersCall = (endpoint: BatchCall['endpoint']): BatchCall => ({
	endpoint,
	requestData: (batch) => ({ ...batch.scope, users: batch.entries.map((entry) => entry.payload) }),
	idempotent: true,
});
const UPDATE = usersCall(COLLABORATION_ENDPOINTS.updateUsers);
const ADD = usersCall(COLLABORATION_ENDPOINTS.addUsers);

/** The users of each item that users/update answered "User does not exist." for. */
type Missing = Map<number, Set<string>>;

/**
 * Records an update batch's answer: a user Velt does not have is kept for the add, any other
 * answer is the user's. ASSUMED: Velt may answer an update in an organization it does not know
 * with NOT_FOUND (the docs are silent); then every user of the batch is new there.
 */
function recordUpdate(results: BatchResults, missing: Missing) {
	return (batch: PlannedBatch, answer: BatchAnswer): void => {
		const unknownScope = !answer.ok && answer.failure.veltCode === 'NOT_FOUND';
		if (!answer.ok && !unknownScope) return results.record(batch, answer);
		for (const entry of batch.entries) {
			const result = answer.ok ? answerFor(answer.results, entry.id) : undefined;
			if (result !== undefined && (result.success || !USER_MISSING.test(result.message))) {
				results.add(entry.itemIndex, result);
				continue;
			}
			const ids = missing.get(entry.itemIndex) ?? new Set<string>();
			missing.set(entry.itemIndex, ids.add(entry.id));
		}
	};
}

/** The add of each item's missing users, with its create switches and (in a tool) their role. */
function addItems(items: Array<UpsertItem | undefined>, missing: Missing, results: BatchResults) {
	return items.map((item, itemIndex): BatchedItem | undefined => {
		const ids = missing.get(itemIndex);
		// An item that already failed adds nobody: it is reported as failed, nothing more written.
		if (item === undefined || ids === undefined || results.failures.has(itemIndex))
			return undefined;
		const { addRole } = item;
		return {
			scope: { ...item.scope, ...item.create },
			entries: item.users
				.filter((user) => ids.has(user.userId))
				.map((user) => ({
					id: user.userId,
					payload:
						addRole === undefined || user.accessRole !== undefined
							? user
							: { ...user, accessRole: addRole },
				})),
		};
	});
}

/**
 * "Create or Update" is users/update first, then users/add for the users Velt answered "User
 * does not exist." (https://docs.velt.dev/api-reference/rest-apis/v2/users/update-users). Both
 * steps have documented answers, so this does not rely on what users/add does with a user that
 * exists (the docs are silent), and an existing user's fields are only ever updated. Users of
 * all items at one level share update requests, and the missing ones of items with the same
 * level and create switches share add requests. A user in two items of one level is in a later
 * wave, which starts after the earlier one's add, so the later item's fields apply last.
 */
export const execute: OperationExecute = async function (items) {
	const run = await startOperation.call(this, properties);
	const settledItems = await prepareAllItems(this, items.length, (itemIndex) =>
		buildUpsertItem(run.parametersOf(itemIndex), run.node, itemIndex),
	);
	const prepared = settledItems.map((settled) => ('value' in settled ? settled.value : undefined));
	const continueOnFail = failuresBecomeItems(this);
	const results = new BatchResults();
	const stop = () => results.failed && !continueOnFail;
	const added = new Map<number, Set<string>>();
	for (const wave of planBatches(prepared, run.options.batchSize)) {
		if (stop()) break;
		const missing: Missing = new Map();
		await sendWave(this, run, wave, UPDATE, recordUpdate(results, missing), stop);
		for (const addWave of planBatches(
			addItems(prepared, missing, results),
			run.options.batchSize,
		)) {
			if (stop()) break;
			await sendWave(
				this,
				run,
				addWave,
				ADD,
				(batch, answer) => {
					results.record(batch, answer);
					for (const entry of batch.entries) {
						const ids = added.get(entry.itemIndex) ?? new Set<string>();
						added.set(entry.itemIndex, ids.add(entry.id));
					}
				},
				stop,
			);
		}
	}
	// The answers as one call per item gave them: updated users, then added ones, each in the item's order.
	for (const [itemIndex, answers] of results.answers) {
		const item = prepared[itemIndex] as UpsertItem;
		const position = (id: string) =>
			(added.get(itemIndex)?.has(id) === true ? item.users.length : 0) +
			item.users.findIndex((user) => user.userId === id);
		answers.sort((a, b) => position(a.id) - position(b.id));
	}
	const outcomes = batchOutcomes(
		run,
		settledItems,
		results,
		{
			doing: 'create or update user',
			hint: 'Check the user IDs and that the organization (and document or folder) exists, or switch on its Create option under Additional Fields.',
		},
		(answers, item, itemIndex) => {
			const byId = new Map(answers.map((answer) => [answer.id, answer]));
			const users = item.users.map((user) => {
				const answer = byId.get(user.userId);
				return {
					...user,
					...(answer?.entry.id !== undefined ? { id: answer.entry.id } : {}),
					action: added.get(itemIndex)?.has(user.userId) === true ? 'created' : 'updated',
					message: answer?.message ?? '',
				};
			});
			return item.single ? { ...item.scope, ...users[0] } : { ...item.scope, users };
		},
	);
	return outcomesToOutput.call(this, outcomes);
};
