import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeType,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describeFailure, hintForFailure } from './errors';
import type { AnyVeltEndpoint } from './transport';
import {
	COLLABORATION_ENDPOINTS,
	DEFAULT_REQUEST_POLICY,
	DIRECTORY_ENDPOINTS,
	getVeltConnection,
	isLastPage,
	sendVeltRequest,
	WORKSPACE_ENDPOINTS,
} from './transport';
import { locatorValue } from './resourceLocator';

/** How many entries one page of a picker list asks Velt for. */
export const LIST_PAGE_SIZE = 100;

/**
 * One page of a Velt directory (organizations, documents, users, a document's comment threads) as picker entries.
 * Velt's get endpoints have no text search, so the filter is applied to the page
 * Velt returns; the next page stays reachable through the picker's paging.
 */
async function searchDirectory(
	context: ILoadOptionsFunctions,
	endpoint: AnyVeltEndpoint,
	scope: IDataObject,
	toItem: (entry: IDataObject) => INodeListSearchItems | undefined,
	filter: string | undefined,
	paginationToken: string | undefined,
	paged = true,
	entries: (data: unknown) => IDataObject[] = entriesOf,
): Promise<INodeListSearchResult> {
	const connection = await getVeltConnection.call(context);
	const data: IDataObject = paged ? { ...scope, pageSize: LIST_PAGE_SIZE } : { ...scope };
	if (paged && paginationToken) data.pageToken = paginationToken;
	const result = await sendVeltRequest.call(context, connection, endpoint, data, {
		policy: DEFAULT_REQUEST_POLICY,
		idempotent: true,
	});
	if (!result.ok) {
		throw new NodeOperationError(context.getNode(), describeFailure(result.failure), {
			description: hintForFailure(result.failure),
		});
	}
	const needle = filter?.trim().toLowerCase() ?? '';
	const listed = entries(result.data)
		.map(toItem)
		.filter((item): item is INodeListSearchItems => item !== undefined);
	const results = [...new Map(listed.map((item) => [item.value, item])).values()].filter(
		(item) =>
			needle === '' ||
			item.name.toLowerCase().includes(needle) ||
			String(item.value).toLowerCase().includes(needle),
	);
	return {
		results,
		paginationToken: !paged || isLastPage(result.pageToken) ? undefined : String(result.pageToken),
	};
}

/**
 * Velt's entries: a list, or, for users asked with allDocuments + groupByDocumentId
 * (https://docs.velt.dev/api-reference/rest-apis/v2/users/get-users-v2), lists per document id; a user in several documents is listed once.
 */
function entriesOf(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data as IDataObject[];
	if (typeof data !== 'object' || data === null) return [];
	return Object.values(data).flatMap((group) =>
		Array.isArray(group) ? group : [],
	) as IDataObject[];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: undefined;
}

/** "Name (id)" when Velt knows a name, else the id alone. */
function labelled(name: string | undefined, id: string): string {
	return name !== undefined && name !== id ? `${name} (${id})` : id;
}

/** A value chosen in the panel: a picker's or a plain one; an expression is not known yet. */
function chosenValue(
	context: ILoadOptionsFunctions,
	path: string,
	extract = true,
): string | undefined {
	// extractValue needs the parameter among the node's top-level fields; a folder may sit in a collection.
	const raw = extract
		? context.getCurrentNodeParameter(path, { extractValue: true })
		: context.getCurrentNodeParameter(path);
	const value = text(locatorValue(raw));
	return value === undefined || value.startsWith('=') ? undefined : value;
}

/**
 * Where the Velt node keeps a folder beside a Document picker (Comment Thread > Get Many's and
 * User's Filters or Additional Fields). documents/get filters by it ("Filters documents by the
 * given folder ID", https://docs.velt.dev/api-reference/rest-apis/v2/documents/get-documents-v2).
 */
const FOLDER_PATHS = ['filters.folderId', 'additionalFields.folderId'];

/** The folder chosen in the node, if any: the Document list then shows only its documents. */
function chosenFolder(context: ILoadOptionsFunctions): IDataObject {
	for (const path of FOLDER_PATHS) {
		const folderId = chosenValue(context, path, false);
		if (folderId !== undefined && folderId.trim() !== '') return { folderId };
	}
	return {};
}

/** The organization (and document) chosen in the node, needed before what is in them can be listed. */
function chosenScope(
	context: ILoadOptionsFunctions,
	level: 'organization' | 'document',
): IDataObject {
	const chosen = (name: string) => chosenValue(context, name);
	const organizationId = chosen('organizationId');
	if (organizationId === undefined) {
		throw new NodeOperationError(context.getNode(), 'Choose an organization first', {
			description:
				'Documents, users and comment threads are listed per organization: pick or enter the Organization above, then open this list again.',
		});
	}
	if (level === 'organization') return { organizationId };
	const documentId = chosen('documentId');
	if (documentId === undefined) {
		throw new NodeOperationError(context.getNode(), 'Choose a document first', {
			description:
				'Comment threads are listed per document: pick or enter the Document above, then open this list again.',
		});
	}
	return { organizationId, documentId };
}

/** What a thread is called in the picker: the start of its first comment, and its status. */
function threadName(entry: IDataObject): string | undefined {
	// Velt answers a thread's comments as `comments` (https://docs.velt.dev/api-reference/rest-apis/v2/comments-feature/comment-annotations/get-comment-annotations-v2).
	const first = Array.isArray(entry.comments) ? (entry.comments[0] as unknown) : undefined;
	const comment = typeof first === 'object' && first !== null ? (first as IDataObject) : {};
	const words = text(comment.commentText)?.replace(/\s+/g, ' ').trim();
	const status =
		typeof entry.status === 'object' && entry.status !== null
			? text((entry.status as IDataObject).name)
			: undefined;
	if (words === undefined || words === '') return status;
	const short = words.length > 60 ? `${words.slice(0, 60)}…` : words;
	return status === undefined ? short : `${short} [${status}]`;
}

/** What tells one directory's entries apart: where the id and the name are, and its scope. */
interface Directory {
	endpoint: AnyVeltEndpoint;
	/** Documents and users are listed per organization, comment threads per document. */
	level: 'none' | 'organization' | 'document';
	idKeys: string[];
	nameKeys: string[];
	/** Where the name is not a field of the entry. */
	nameOf?: (entry: IDataObject) => string | undefined;
	/** false: the endpoint has no pages (folders), so neither pageSize nor pageToken is sent. */
	paged?: false;
	/** The entries of an answer, where they are not a list (or lists per document). */
	entries?: (data: unknown) => IDataObject[];
	/** Documents: only those of the folder chosen in the node, when one is. */
	byFolder?: true;
}

function directorySearch(directory: Directory) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const scope = directory.level === 'none' ? {} : chosenScope(this, directory.level);
		if (directory.byFolder === true) Object.assign(scope, chosenFolder(this));
		const firstText = (entry: IDataObject, keys: string[]) =>
			keys.map((key) => text(entry[key])).find((value) => value !== undefined);
		return await searchDirectory(
			this,
			directory.endpoint,
			scope,
			(entry) => {
				const id = firstText(entry, directory.idKeys);
				return id === undefined || entry.disabled === true
					? undefined
					: {
							name: labelled(directory.nameOf?.(entry) ?? firstText(entry, directory.nameKeys), id),
							value: id,
						};
			},
			filter,
			paginationToken,
			directory.paged !== false,
			directory.entries,
		);
	};
}

export const searchOrganizations = directorySearch({
	endpoint: DIRECTORY_ENDPOINTS.getOrganizations,
	level: 'none',
	idKeys: ['id', 'organizationId'],
	nameKeys: ['organizationName', 'name'],
});

export const searchDocuments = directorySearch({
	endpoint: DIRECTORY_ENDPOINTS.getDocuments,
	level: 'organization',
	idKeys: ['id', 'documentId'],
	nameKeys: ['documentName', 'name'],
	byFolder: true,
});

export const searchUsers = directorySearch({
	endpoint: DIRECTORY_ENDPOINTS.getUsers,
	level: 'organization',
	idKeys: ['userId', 'id'],
	nameKeys: ['name', 'email'],
});

export const searchCommentThreads = directorySearch({
	endpoint: COLLABORATION_ENDPOINTS.getCommentAnnotations,
	level: 'document',
	idKeys: ['annotationId'],
	nameKeys: [],
	nameOf: threadName,
});

/** Folders with their subfolders (answered nested under `subFolders`), parents first. */
function foldersOf(data: unknown): IDataObject[] {
	const flat: IDataObject[] = [];
	const visit = (list: unknown, depth: number) => {
		if (!Array.isArray(list) || depth > 50) return;
		for (const entry of list as unknown[]) {
			if (typeof entry !== 'object' || entry === null) continue;
			flat.push(entry as IDataObject);
			visit((entry as IDataObject).subFolders, depth + 1);
		}
	};
	visit(data, 0);
	return flat;
}

export const searchFolders = directorySearch({
	endpoint: WORKSPACE_ENDPOINTS.getFolders,
	level: 'organization',
	idKeys: ['folderId'],
	nameKeys: ['folderName'],
	paged: false,
	entries: foldersOf,
});

/** The list-search methods the action nodes and the polling trigger register. */
export const listSearch: NonNullable<NonNullable<INodeType['methods']>['listSearch']> = {
	searchOrganizations,
	searchDocuments,
	searchUsers,
	searchCommentThreads,
	searchFolders,
};
