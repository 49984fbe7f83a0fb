import type { IDataObject } from 'n8n-workflow';

// The records Simplify returns: the documented fields people map (ids, text, author, status,
// timestamps). Fields from https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/get-comment-annotations-v2,
// .../comments-feature/comments/get-comments and .../users/get-users-v2.

const objectOf = (value: unknown): IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};

/** A status or priority is an object with an id ({id: "OPEN", name: "Open", ...}) or plain text. */
const idOf = (value: unknown): IDataObject[string] =>
	typeof value === 'object' && value !== null
		? ((value as IDataObject).id ?? null)
		: ((value as IDataObject[string]) ?? null);

const authorName = (from: IDataObject): IDataObject[string] => from.name ?? from.email ?? null;

/** What Simplify keeps of a comment, named in the Simplify field's description. */
export const SIMPLE_COMMENT_FIELDS =
	'commentId, annotationId, commentText, commentHtml, author, authorUserId, status, type, createdAt and lastUpdated';

export function simplifyComment(comment: IDataObject, annotationId?: unknown): IDataObject {
	const from = objectOf(comment.from);
	return {
		commentId: comment.commentId ?? null,
		annotationId: annotationId ?? comment.annotationId ?? null,
		commentText: comment.commentText ?? null,
		commentHtml: comment.commentHtml ?? null,
		author: authorName(from),
		authorUserId: from.userId ?? null,
		status: comment.status ?? null,
		type: comment.type ?? null,
		createdAt: comment.createdAt ?? null,
		lastUpdated: comment.lastUpdated ?? null,
	};
}

/** What Simplify keeps of a comment thread, named in the Simplify field's description. */
export const SIMPLE_THREAD_FIELDS =
	'annotationId, organizationId, documentId, locationId, status, priority, assignedToUserId, author, authorUserId, text (of the first comment), commentCount, createdAt and lastUpdated';

export function simplifyThread(thread: IDataObject): IDataObject {
	const metadata = objectOf(thread.metadata);
	const from = objectOf(thread.from);
	const comments = Array.isArray(thread.comments) ? thread.comments : [];
	const first = objectOf(comments[0]);
	return {
		annotationId: thread.annotationId ?? null,
		organizationId: metadata.organizationId ?? null,
		documentId: metadata.documentId ?? null,
		locationId: thread.locationId ?? null,
		status: idOf(thread.status),
		priority: idOf(thread.priority),
		assignedToUserId: objectOf(thread.assignedTo).userId ?? null,
		author: authorName(from),
		authorUserId: from.userId ?? null,
		text: first.commentText ?? null,
		commentCount: comments.length,
		createdAt: thread.createdAt ?? null,
		lastUpdated: thread.lastUpdated ?? null,
	};
}

/** What Simplify keeps of a user, named in the Simplify field's description. */
export const SIMPLE_USER_FIELDS = 'userId, name and email';

export function simplifyUser(user: IDataObject): IDataObject {
	return { userId: user.userId ?? null, name: user.name ?? null, email: user.email ?? null };
}

// Organizations, documents and folders: the fields of
// https://docs.velt.dev/api-reference/rest-apis/v2/organizations/get-organizations-v2,
// .../v2/documents/get-documents-v2 and .../v2/folders/get-folders (no metadata, no apiKey echo).

/** What Simplify keeps of an organization, named in the Simplify field's description. */
export const SIMPLE_ORGANIZATION_FIELDS = 'id, organizationName and disabled';

export function simplifyOrganization(organization: IDataObject): IDataObject {
	return {
		id: organization.id ?? null,
		organizationName: organization.organizationName ?? null,
		disabled: organization.disabled ?? null,
	};
}

/** What Simplify keeps of a document, named in the Simplify field's description. */
export const SIMPLE_DOCUMENT_FIELDS = 'id, documentName, accessType and disabled';

export function simplifyDocument(document: IDataObject): IDataObject {
	return {
		id: document.id ?? null,
		documentName: document.documentName ?? null,
		accessType: document.accessType ?? null,
		disabled: document.disabled ?? null,
	};
}

/** What Simplify keeps of a folder, named in the Simplify field's description. */
export const SIMPLE_FOLDER_FIELDS =
	'folderId, folderName, parentFolderId, accessType, inheritAccessFromParent, createdAt, lastUpdated and subFolders (each simplified the same way)';

/** Subfolders nest as deep as Max Depth asked; an explicit stack keeps a hostile depth harmless. */
export function simplifyFolder(folder: IDataObject): IDataObject {
	const pick = (entry: IDataObject): IDataObject => ({
		folderId: entry.folderId ?? null,
		folderName: entry.folderName ?? null,
		parentFolderId: entry.parentFolderId ?? null,
		accessType: entry.accessType ?? null,
		inheritAccessFromParent: entry.inheritAccessFromParent ?? null,
		createdAt: entry.createdAt ?? null,
		lastUpdated: entry.lastUpdated ?? null,
	});
	const root = pick(folder);
	const pending: Array<[IDataObject, IDataObject]> = [[folder, root]];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const [source, target] = next;
		if (!Array.isArray(source.subFolders)) continue;
		target.subFolders = source.subFolders.map((child) => {
			const picked = pick(objectOf(child));
			pending.push([objectOf(child), picked]);
			return picked;
		});
	}
	return root;
}
