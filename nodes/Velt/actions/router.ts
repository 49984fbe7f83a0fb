import type { OperationExecute } from '../../shared/execution/perItemExecutor';
import { operationRouter } from '../../shared/execution/router';
import type { VeltOperation, VeltResource } from './node.type';
import * as comment from './comment';
import * as commentThread from './commentThread';
import * as user from './user';
import * as userGroup from './userGroup';

// Typed by the node's resource/operation map: an operation without an execute does not compile.
const operations: { [R in VeltResource]: Record<VeltOperation<R>, OperationExecute> } = {
	commentThread: {
		create: commentThread.create.execute,
		getAll: commentThread.getAll.execute,
		count: commentThread.count.execute,
		update: commentThread.update.execute,
		delete: commentThread.delete.execute,
	},
	comment: {
		add: comment.add.execute,
		getAll: comment.getAll.execute,
		update: comment.update.execute,
		delete: comment.delete.execute,
	},
	user: {
		upsert: user.upsert.execute,
		getAll: user.getAll.execute,
		delete: user.delete.execute,
	},
	userGroup: {
		create: userGroup.create.execute,
		addUsers: userGroup.addUsers.execute,
		removeUsers: userGroup.removeUsers.execute,
	},
};

export const router = operationRouter(operations);
