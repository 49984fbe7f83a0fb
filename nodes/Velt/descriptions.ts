import type { INodeProperties } from 'n8n-workflow';
import { createSwitchField } from '../shared/createSwitches';
import {
	organizationIdField,
	documentIdField,
	jsonField,
	idListField,
	userIdField,
	emailField,
	userValueFields,
	userIdsField,
} from '../shared/descriptions';
import { sortedByDisplayName, readLimitOptions } from '../shared/execution/options.descriptions';
import { resourceLocatorField } from '../shared/resourceLocator';

// The Velt node's fields that more than one operation shows; each operation's own fields stay
// in its .operation.ts file.

/** Where the Velt Trigger (advanced webhooks) puts the ids, for the field descriptions. */
export const FROM_TRIGGER = {
	organizationId: '{{ $json.data.metadata.organization.organizationId }}',
	documentId: '{{ $json.data.metadata.documentMetadata.documentId }}',
	annotationId: '{{ $json.data.commentAnnotation.annotationId }}',
	commentId: '{{ $json.data.targetComment.commentId }}',
	userId: '{{ $json.data.actionUser.userId }}',
};

export function organizationField(description: string, required = true): INodeProperties {
	return {
		...organizationIdField,
		required,
		description: `${description}. From the Velt Trigger map ${FROM_TRIGGER.organizationId}.`,
	};
}

export function documentField(description: string, required = true): INodeProperties {
	return {
		...documentIdField,
		required,
		description: `${description}. From the Velt Trigger map ${FROM_TRIGGER.documentId}.`,
	};
}

export const annotationIdField: INodeProperties = resourceLocatorField({
	displayName: 'Comment Thread',
	name: 'annotationId',
	searchListMethod: 'searchCommentThreads',
	required: true,
	placeholder: 'e.g. -O0mpUziLcBwzREvZKs6',
	listPlaceholder: 'Select a comment thread...',
	description: `The comment thread (Velt's annotationId), listed from the document above. From the Velt Trigger map ${FROM_TRIGGER.annotationId}.`,
});

export const annotationIdsField: INodeProperties = {
	displayName: 'Comment Thread IDs',
	name: 'annotationIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. -O0mpUziLcBwzREvZKs6, -O0mpVbc',
	description: `Comment thread IDs (annotationId) separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.annotationId}.`,
};

export const contextField = jsonField(
	'Context',
	'context',
	'Custom data and access context, e.g. {"access": {"dashboardId": "sales"}}',
);

export const authorUserIdsFilter = (description: string): INodeProperties =>
	idListField('Author User IDs', 'userIds', `${description}: IDs separated by commas`);

export const locationIdsFilter = (description: string): INodeProperties =>
	idListField('Location IDs', 'locationIds', `${description}: IDs separated by commas`);

export const authorField: INodeProperties = {
	...userIdField,
	displayName: 'Author',
	name: 'userId',
	required: true,
	description: `The user who writes the comment, by the ID your app gives them in Velt. Name and email go under Additional Fields. From the Velt Trigger map ${FROM_TRIGGER.userId}.`,
};

export const commentTextField: INodeProperties = {
	displayName: 'Comment Text',
	name: 'commentText',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. Ticket opened: https://tickets.example.com/42',
	description:
		'The comment as plain text. Mention a user by writing {{userId}} (e.g. {{user_sarah_chen}}) and adding them under Mentions. Give the text, the HTML or both.',
};

export const commentHtmlField: INodeProperties = {
	displayName: 'Comment HTML',
	name: 'commentHtml',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. <p>Ticket opened: <a href="https://tickets.example.com/42">#42</a></p>',
	description: 'The comment as HTML, shown instead of the text where Velt renders HTML',
};

/** Author details and the comment fields both Create (first comment) and Add take. */
export const authorDetailFields: INodeProperties[] = [
	{ displayName: 'Author Name', name: 'authorName', type: 'string', default: '' },
	{
		...emailField,
		displayName: 'Author Email',
		name: 'authorEmail',
	},
	{
		displayName: 'Author Fields (JSON)',
		name: 'authorJson',
		type: 'json',
		default: '{}',
		description:
			'Other fields of the author as Velt users have them, e.g. {"photoUrl": "https://…", "color": "#625DF5", "accessRole": "editor"}',
	},
];

export const mentionFields: INodeProperties[] = [
	{
		displayName: 'Mentions',
		name: 'mentions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Mention',
		description:
			"Users to @mention (Velt's taggedUserContacts). A mention whose {{userId}} tag is not in the text is added at its end.",
		options: [{ displayName: 'User', name: 'users', values: userValueFields }],
	},
	{
		displayName: 'Mentions (JSON)',
		name: 'mentionsJson',
		type: 'json',
		default: '[]',
		description:
			'More users to @mention, e.g. from an expression: [{"userId": "u1", "name": "Ana", "email": "ana@example.com"}]',
	},
];

export const commentOptionFields: INodeProperties[] = [
	{
		displayName: 'Comment Context',
		name: 'commentContext',
		type: 'json',
		default: '{}',
		description: 'Custom data stored with the comment, as a JSON object',
	},
	{
		displayName: 'Content From Comment Resolver',
		name: 'isCommentResolverUsed',
		type: 'boolean',
		default: false,
		description: 'Whether the comment content comes from your comment resolver (self-hosted data)',
	},
	{
		displayName: 'Comment Text Available',
		name: 'isCommentTextAvailable',
		type: 'boolean',
		default: true,
		description: 'Whether Velt stores the comment text (off when your resolver holds it)',
	},
];

export const agentField = jsonField(
	'Agent (JSON)',
	'agent',
	'Marks the comment as written by an AI agent, e.g. {"agentSource": "external", "agentId": "a11y-bot", "agentName": "Accessibility Bot", "reason": {"title": "…", "description": "…", "severity": "high"}}',
);

export const attachmentsField = (description: string): INodeProperties => ({
	...jsonField('Attachments (JSON)', 'attachments', description),
	default: '[]',
});

/** The Additional Fields of a new comment (a thread's first one, or a reply), besides `more`. */
export function newCommentFields(
	commentIdDescription: string,
	more: INodeProperties[],
): INodeProperties[] {
	return sortedByDisplayName([
		...authorDetailFields,
		...mentionFields,
		...commentOptionFields,
		createSwitchField('createDocument'),
		createSwitchField('createOrganization'),
		{
			displayName: 'Verify User Permissions',
			name: 'verifyUserPermissions',
			type: 'boolean',
			default: false,
			description: 'Whether Velt refuses the comment when the author has no access to the document',
		},
		agentField,
		attachmentsField(
			'Files already uploaded, e.g. [{"attachmentId": 100001, "name": "screenshot.png", "url": "https://…", "mimeType": "image/png", "type": "image"}]',
		),
		{
			displayName: 'Comment ID',
			name: 'commentId',
			type: 'number',
			default: 0,
			description: commentIdDescription,
		},
		...more,
	]);
}

export const userOrganizationField: INodeProperties = {
	...organizationIdField,
	description: 'The Velt organization the users belong to',
};

export const userDocumentField: INodeProperties = {
	...documentIdField,
	description:
		'Only at this document instead of the organization. Leave empty for the organization (or use Folder ID).',
};

export const folderIdField: INodeProperties = {
	displayName: 'Folder ID',
	name: 'folderId',
	type: 'string',
	default: '',
	placeholder: 'e.g. folder-sales',
	description:
		'Only at this folder instead of the organization. Either a document or a folder, not both.',
};

/** The read limits of Get Many, worded for users. */
export const userReadLimitOptions: INodeProperties[] = readLimitOptions.map((option) => ({
	...option,
	description: option.description?.replace('notifications', 'users'),
}));

/** The group users are added to or removed from. */
export const userGroupIdField: INodeProperties = {
	displayName: 'User Group ID',
	name: 'organizationUserGroupId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. engineering',
	description: 'The ID of the organization user group',
};

export const groupUserIdsField = (what: string): INodeProperties =>
	userIdsField(
		`The users to ${what}. User IDs separated by commas, or an array from an expression.`,
	);

export const commentIdsField: INodeProperties = {
	displayName: 'Comment IDs',
	name: 'commentIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 153783, 607395',
	description: `Comment IDs (numbers) separated by commas, or an array from an expression. From the Velt Trigger map ${FROM_TRIGGER.commentId}.`,
};

export function targetFields(verb: 'update' | 'delete'): INodeProperties[] {
	const all = verb === 'update' ? 'updateAllMatching' : 'deleteAllMatching';
	const label = verb === 'update' ? 'Update All Matching Threads' : 'Delete All Matching Threads';
	return [
		{
			...annotationIdsField,
			description: `${annotationIdsField.description} Required unless ${label} is on.`,
		},
		{
			displayName: label,
			name: all,
			type: 'boolean',
			default: false,
			description: `Whether to ${verb} every thread of the document that the filters match when no Comment Thread IDs are given. Only a switch set in the node itself counts: never from an AI agent or $fromAI.`,
		},
	];
}

// ---- Organization, Document and Folder resources ----

/** A folder of the organization above, picked from Velt's list or given by ID. */
export function folderField(description: string, required = true): INodeProperties {
	return resourceLocatorField({
		displayName: 'Folder',
		name: 'folderId',
		searchListMethod: 'searchFolders',
		required,
		placeholder: 'e.g. folder-sales',
		listPlaceholder: 'Select a folder...',
		description,
	});
}

/** Velt's access types of a document or folder (https://docs.velt.dev/key-concepts/overview#access-control). */
export const accessTypeOptions = [
	{
		name: 'Organization Private',
		value: 'organizationPrivate',
		description: "Only the organization's users",
	},
	{ name: 'Public', value: 'public', description: 'Anyone with the link' },
	{ name: 'Restricted', value: 'restricted', description: 'Only users given access' },
];

export const otherFieldsJson = (what: string): INodeProperties =>
	jsonField(
		'Other Fields (JSON)',
		'fieldsJson',
		`Further fields Velt keeps with the ${what}, as a JSON object; the fields above win`,
	);

/** The read limits of a Get Many, worded for what it reads (e.g. "organizations"). */
export const readLimitOptionsFor = (what: string): INodeProperties[] =>
	readLimitOptions.map((option) => ({
		...option,
		description: option.description?.replace('notifications', what),
	}));

/** Options > Page Size of a Get Many whose endpoint pages (Velt's default is 1000). */
export const pageSizeOption = (what: string): INodeProperties => ({
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1000,
	description: `How many ${what} one request to Velt asks for (Velt's default is 1000). Sent whenever set here.`,
});

/** Set Access Type's choice for documents or folders (`what`). */
export const accessTypeField = (what: string): INodeProperties => ({
	displayName: 'Access Type',
	name: 'accessType',
	type: 'options',
	options: accessTypeOptions,
	default: 'organizationPrivate',
	description: `Who may open the ${what}`,
});

/** Where a paged Get Many starts: Velt's pageToken from an earlier read. */
export const startCursorFilter: INodeProperties = {
	displayName: 'Start Cursor',
	name: 'startCursor',
	type: 'string',
	default: '',
	description: "Continue a read where an earlier one stopped: Velt's next page token",
};
