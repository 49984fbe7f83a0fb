/** Every resource of the node with its operations; dispatch is checked against it. */
type NodeMap = {
	notification: 'add' | 'getAll' | 'update' | 'delete';
	notificationConfig: 'get' | 'set';
};

export type VeltResource = keyof NodeMap;
export type VeltOperation<R extends VeltResource> = NodeMap[R];
