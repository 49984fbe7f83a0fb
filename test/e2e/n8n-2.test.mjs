// End-to-end: the packed n8n-nodes-velt in the current n8n 2.x (Node 24) against the Velt emulator.
import { rt } from './helpers.mjs';
import { defineVersionSuite } from './suite.mjs';

defineVersionSuite(rt.N8N_CURRENT);
