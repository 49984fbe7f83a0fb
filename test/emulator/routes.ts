/**
 * A handler module: one group of endpoints as a table of path -> handler, and the one way every
 * group runs a request (console-feature gate, the handler, a thrown VeltApiError as the answer).
 * server.ts walks a list of these; no HTTP here.
 */
import { ADVANCED_QUERIES_OFF_CODE, NOTIFICATION_SETTINGS_OFF_CODE } from './choices';
import type { EmulatorFeatures, HandlerContext } from './handlers';
import type { JsonObject } from './store';
import { VeltApiError, type HandlerResult } from './validation';
import type { VeltErrorCode } from './veltDocs';

export type Handler = (context: HandlerContext, data: JsonObject) => HandlerResult;

export interface Route {
	/** A console feature the endpoint needs; off, the answer is FEATURE_DISABLED's. */
	feature?: keyof EmulatorFeatures;
	/** workspace/get authenticates with the workspace headers, not the API key. */
	workspaceAuth?: boolean;
	/** A numeric `code` beside `status` in this endpoint's errors (the GDPR pages' `code: 500`). */
	errorBodyCode?: number;
	handle: Handler;
}

/** What each console feature's endpoints answer while the feature is off. */
export const FEATURE_DISABLED: Record<
	keyof EmulatorFeatures,
	{ code: VeltErrorCode; message: string }
> = {
	advancedQueries: {
		code: ADVANCED_QUERIES_OFF_CODE,
		message:
			'Advanced queries are not enabled. Enable them in the Velt console (Configurations > Advanced Queries).',
	},
	notificationSettings: {
		code: NOTIFICATION_SETTINGS_OFF_CODE,
		message: 'Notification settings are not enabled. Enable them in the Velt console.',
	},
	advancedWebhooks: {
		code: 'FAILED_PRECONDITION',
		message: 'Advanced webhooks are not available for this workspace.',
	},
};

export interface HandlerModule {
	handles(path: string): boolean;
	usesWorkspaceAuth(path: string): boolean;
	/** Runs `path` (one it handles) for an authenticated POST whose body had a `data` object. */
	dispatch(context: HandlerContext, path: string, data: JsonObject): HandlerResult;
}

/** Keyed by the group's endpoint type, so a new endpoint fails to compile until handled. */
export function handlerModule<P extends string>(routes: Record<P, Handler | Route>): HandlerModule {
	const routeOf = (path: string): Route | undefined => {
		if (!Object.prototype.hasOwnProperty.call(routes, path)) return undefined;
		const entry = routes[path as P];
		return typeof entry === 'function' ? { handle: entry } : entry;
	};
	return {
		handles: (path) => routeOf(path) !== undefined,
		usesWorkspaceAuth: (path) => routeOf(path)?.workspaceAuth === true,
		dispatch(context, path, data) {
			const route = routeOf(path);
			if (route === undefined) throw new Error(`No handler for ${path}.`);
			if (route.feature !== undefined && !context.features[route.feature])
				return { ok: false, ...FEATURE_DISABLED[route.feature] };
			try {
				return route.handle(context, data);
			} catch (error) {
				if (!(error instanceof VeltApiError)) throw error;
				const failure: HandlerResult = {
					ok: false,
					code: error.code,
					message: error.message,
					details: error.details,
				};
				if (route.errorBodyCode !== undefined) failure.bodyCode = route.errorBodyCode;
				return failure;
			}
		},
	};
}
