/**
 * The folders of each organization, as https://docs.velt.dev/api-reference/rest-apis/v2/folders/get-folders
 * lists them (parent, ancestors, access type, inheritance). Organizations and documents are in
 * store.ts.
 */
import type { JsonObject } from './store';

export interface FolderRecord {
	folderId: string;
	folderName?: string;
	/** "root" at the top level, as the page's examples show it. */
	parentFolderId: string;
	accessType?: string;
	inheritAccessFromParent: boolean;
	createdAt: number;
	lastUpdated: number;
}

export const ROOT_FOLDER = 'root';

export class WorkspaceStore {
	private readonly folders = new Map<string, Map<string, FolderRecord>>();

	constructor(private readonly now: () => number) {}

	clear(): void {
		this.folders.clear();
	}

	deleteOrganization(organizationId: string): void {
		this.folders.delete(organizationId);
	}

	getFolder(organizationId: string, folderId: string): FolderRecord | undefined {
		return this.folders.get(organizationId)?.get(folderId);
	}

	listFolders(organizationId: string): FolderRecord[] {
		return [...(this.folders.get(organizationId)?.values() ?? [])];
	}

	/** Adds a folder, or (when it exists) merges `fields` into it. */
	upsertFolder(
		organizationId: string,
		folderId: string,
		fields: Partial<Omit<FolderRecord, 'folderId'>> = {},
	): FolderRecord {
		let folders = this.folders.get(organizationId);
		if (folders === undefined) {
			folders = new Map();
			this.folders.set(organizationId, folders);
		}
		const now = this.now();
		const existing = folders.get(folderId);
		const folder: FolderRecord = existing
			? { ...existing, ...fields, lastUpdated: now }
			: {
					parentFolderId: ROOT_FOLDER,
					inheritAccessFromParent: false,
					...fields,
					folderId,
					createdAt: now,
					lastUpdated: now,
				};
		folders.set(folderId, folder);
		return folder;
	}

	/** Removes a folder and the folders inside it. */
	deleteFolder(organizationId: string, folderId: string): boolean {
		const folders = this.folders.get(organizationId);
		if (folders?.has(folderId) !== true) return false;
		for (const child of this.childrenOf(organizationId, folderId))
			this.deleteFolder(organizationId, child.folderId);
		return folders.delete(folderId);
	}

	childrenOf(organizationId: string, folderId: string): FolderRecord[] {
		return this.listFolders(organizationId).filter((folder) => folder.parentFolderId === folderId);
	}

	/** The parents of a folder from the top ("root" first), as `ancestors` lists them. */
	ancestorsOf(organizationId: string, folder: FolderRecord): string[] {
		const chain: string[] = [];
		let parent = folder.parentFolderId;
		while (parent !== ROOT_FOLDER && chain.length < 100) {
			chain.unshift(parent);
			parent = this.getFolder(organizationId, parent)?.parentFolderId ?? ROOT_FOLDER;
		}
		return [ROOT_FOLDER, ...chain];
	}
}

export type { JsonObject };
