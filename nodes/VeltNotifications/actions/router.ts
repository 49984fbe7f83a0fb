import type { OperationExecute } from '../../shared/execution/perItemExecutor';
import { operationRouter } from '../../shared/execution/router';
import type { VeltOperation, VeltResource } from './node.type';
import * as notification from './notification';
import * as notificationConfig from './notificationConfig';

// Typed by the node's resource/operation map: an operation without an execute does not compile.
const operations: { [R in VeltResource]: Record<VeltOperation<R>, OperationExecute> } = {
	notification: {
		add: notification.add.execute,
		getAll: notification.getAll.execute,
		update: notification.update.execute,
		delete: notification.delete.execute,
	},
	notificationConfig: {
		get: notificationConfig.get.execute,
		set: notificationConfig.set.execute,
	},
};

export const router = operationRouter(operations);
