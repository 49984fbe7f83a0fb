/** Every resource of the Velt node with its operations; dispatch is checked against it. */
type NodeMap = {
	commentThread: 'create' | 'getAll' | 'count' | 'update' | 'delete';
	comment: 'add' | 'getAll' | 'update' | 'delete';
	user: 'upsert' | 'getAll' | 'delete';
	userGroup: 'create' | 'addUsers' | 'removeUsers';
};

export type VeltResource = keyof NodeMap;
export type VeltOperation<R extends VeltResource> = NodeMap[R];
