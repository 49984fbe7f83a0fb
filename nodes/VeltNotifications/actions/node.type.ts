import type { AllEntities } from 'n8n-workflow';
import type { resources } from './router';

/** Every resource of the node with its operations, read from the resource folders. */
type NodeMap = { [R in keyof typeof resources]: keyof (typeof resources)[R]['operations'] };

export type VeltNotificationsType = AllEntities<NodeMap>;
