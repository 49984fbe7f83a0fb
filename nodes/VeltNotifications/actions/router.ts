import { operationRouter } from '../../shared/execution/router';
import type { VeltNotificationsType } from './node.type';
import * as notification from './notification';
import * as notificationConfig from './notificationConfig';

/** Every resource of the node, in the order the panel shows their fields. */
export const resources = { notification, notificationConfig };

export const router = operationRouter<VeltNotificationsType>(resources);
