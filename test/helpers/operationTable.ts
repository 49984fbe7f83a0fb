/**
 * Every operation of both action nodes, once: the minimal valid parameters (working against
 * the emulator after `seedOperationWorld`), a bad variant refused before anything is sent, and
 * what a tool run takes from the model. The cross-cutting suites (hostile Velt, secrets,
 * validation, errors, faults, tool runs) run every row; test/helpers/operationTable.test.ts
 * fails when an operation of either node has no row. The triggers keep their own rows.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { Velt } from '../../nodes/Velt/Velt.node';
import operationRows from '../fixtures/operationTable.json';
import { VeltNotifications } from '../../nodes/VeltNotifications/VeltNotifications.node';
import type { HostileMode, VeltEmulator } from '../emulator';
import type { RunVeltOptions, VeltRun, VeltTarget } from '../node/support';
import { headlineNotification, runVelt, seedNotifications } from '../node/support';
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
export const TABLE_JOB = 'job-table';
export const TABLE_FOLDER = 'folder-table';

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
	/** Why the parameter is author-only, where the row alone does not say. */
	why?: string;
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
	/** Why the operation is author-only. */
	why?: string;
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
	/**
	 * Velt takes the operation without an organization (a document created without one), or the
	 * operation names organizations by a list of IDs (Organization > Get Many, Delete, Disable).
	 */
	organizationOptional?: true;
	/** Velt Get Many that walks pages (the hostile paging modes apply to it). */
	pagedRead?: true;
	/** A Get of one ID through a paged list endpoint: a huge page of others is a clear error. */
	oneOfPagedList?: true;
	/**
	 * A Get of one record by its id: the hostile modes whose answer lacks that record (synthetic
	 * items, ids replaced), where the correct outcome is the item's "was not found" error.
	 */
	notFoundWhen?: HostileMode[];
	/**
	 * A create retried only because it carries its own id: these parameters are the same
	 * create without it, which a transient failure must not repeat.
	 */
	withoutOwnId?: INodeParameters;
	invalid: InvalidVariant;
	tool: ToolRow;
}

/**
 * The rows are data (test/fixtures/operationTable.json): every row acts in org-table (and
 * doc-table, thread-1, comment 101, group eng where it needs them); `$fromAI(...)` marks what a
 * tool run's model gives; an invalid variant's message is a regular expression's source.
 */
export const OPERATION_TABLE: OperationRow[] = (
	operationRows as unknown as Array<
		Omit<OperationRow, 'invalid'> & {
			invalid: Omit<InvalidVariant, 'message'> & { message: string };
		}
	>
).map((row) => ({ ...row, invalid: { ...row.invalid, message: new RegExp(row.invalid.message) } }));

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

/** What every row acts on: notifications n1, n2; a thread with comment 101; users u1, u2; group eng with u1; folder folder-table; activity act-1, recording rec-1. */
export function seedOperationWorld(emulator: VeltEmulator): void {
	seedNotifications(
		emulator,
		['n1', 'n2'].map((notificationId) =>
			headlineNotification(TABLE_ORG, TABLE_DOC, notificationId),
		),
		1_722_409_500_000,
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
	// A users'-data deletion job with one task left (User Data > Get Deletion Status).
	emulator.store.access.jobs.set(TABLE_JOB, {
		userIds: ['u2'],
		organizationIds: [TABLE_ORG],
		tasksCount: 1,
		tasksDone: 0,
		lastTaskCompletedTime: null,
	});
	emulator.store.workspace.upsertFolder(TABLE_ORG, TABLE_FOLDER, { folderName: 'Table folder' });
	seedActivityWorld(emulator);
}

/** Activity act-1 and recording rec-1 in doc-table (issue 28's rows). */
function seedActivityWorld(emulator: VeltEmulator): void {
	emulator.store.activity.insertActivity(TABLE_ORG, TABLE_DOC, {
		id: 'act-1',
		featureType: 'comment',
		actionType: 'comment.add',
		actionUser: { userId: 'u1', name: 'User 1' },
		targetEntityId: TABLE_THREAD,
		displayMessageTemplate: '{{user}} added a comment',
	});
	emulator.store.activity.insertRecording(TABLE_ORG, {
		type: 'recorder',
		annotationId: 'rec-1',
		metadata: { documentId: TABLE_DOC, organizationId: TABLE_ORG },
		attachments: [{ url: 'https://storage.example/rec-1.mp4', mimeType: 'video/mp4' }],
	});
}

/** Sets `path` (dot-separated; a number indexes a fixedCollection's list) in a copy of `parameters`. */
export function withParameter(
	parameters: INodeParameters,
	path: string,
	value: unknown,
): INodeParameters {
	const [head, ...rest] = path.split('.');
	const copy = (
		Array.isArray(parameters) ? [...(parameters as unknown[])] : { ...parameters }
	) as Record<string, unknown>;
	copy[head] =
		rest.length === 0
			? value
			: withParameter((parameters[head] ?? {}) as INodeParameters, rest.join('.'), value);
	return copy as INodeParameters;
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
