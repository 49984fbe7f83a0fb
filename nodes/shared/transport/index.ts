// The transport: requests, retries, pagination and concurrency. It imports
// nothing of the nodes above it, only n8n-workflow.
export * from './concurrency';
export * from './concurrencyController';
export * from './connection';
export * from './contract';
export * from './failure';
export * from './json';
export * from './notifications';
export * from './pagedRead';
export * from './pageWalk';
export * from './request';
export * from './responseBody';
export * from './retryPolicy';
export * from './scrub';
