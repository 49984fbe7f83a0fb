// End-to-end: the packed n8n-nodes-velt in a real n8n 2.41.1 (Node 24) against the Velt emulator.
import { defineVersionSuite } from './suite.mjs';

defineVersionSuite('2.41.1');
