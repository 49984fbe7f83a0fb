// End-to-end: the packed n8n-nodes-velt in the last n8n 1.x (Node 20) against the Velt emulator.
import { rt } from './helpers.mjs';
import { defineVersionSuite } from './suite.mjs';

defineVersionSuite(rt.N8N_LAST_1X);
