import { operationRouter } from '../../shared/execution/router';
import type { VeltType } from './node.type';
import * as activity from './activity';
import * as comment from './comment';
import * as commentThread from './commentThread';
import * as permission from './permission';
import * as signInToken from './signInToken';
import * as liveState from './liveState';
import * as recording from './recording';
import * as user from './user';
import * as userGroup from './userGroup';
import * as userData from './userData';
import * as organization from './organization';
import * as document from './document';
import * as folder from './folder';

/** Every resource of the node, in the order the panel shows their fields. */
export const resources = {
	commentThread,
	comment,
	user,
	userGroup,
	permission,
	signInToken,
	userData,
	organization,
	document,
	folder,
	activity,
	recording,
	liveState,
};

export const router = operationRouter<VeltType>(resources);
