/** The Velt API emulator: import from here in tests and benchmarks. */
export * from './server';
export * from './store';
export * from './faults';
export * from './hostile';
export * from './handlers';
export * from './webhooks';
export * from './sampleData';
export * from './limits';
export * as veltDocs from './veltDocs';
export * as emulatorChoices from './choices';
export {
	ADVANCED_WEBHOOK_EVENT_GROUPS,
	ADVANCED_WEBHOOK_EVENT_TYPES,
	BASIC_WEBHOOK_ACTION_TYPES,
	ENDPOINTS,
} from './veltDocs';
export { mulberry32 } from './random';
export * from './webhookPayloads';
export * from './collaborationStore';
export { COLLABORATION_HANDLERS } from './collaborationHandlers';
export {
	ACCESS_ENDPOINTS as EMULATOR_ACCESS_ENDPOINTS,
	ACCESS_MESSAGES,
	AccessStore,
	ACCESS_HANDLERS,
} from './accessHandlers';
export { ActivityStore, ACTIVITY_HANDLERS } from './activityHandlers';
export { WORKSPACE_HANDLERS } from './workspaceHandlers';
export * from './routes';
export { COLLABORATION_ENDPOINTS } from './veltDocs';
