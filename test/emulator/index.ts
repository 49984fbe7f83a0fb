/** The Velt API emulator: import from here in tests and benchmarks. */
export * from './server';
export * from './store';
export * from './faults';
export * from './handlers';
export * from './webhooks';
export * from './sampleData';
export { mulberry32 } from './random';
