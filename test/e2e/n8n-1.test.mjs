// End-to-end: the packed n8n-nodes-velt in a real n8n 1.123.81 (Node 20) against the Velt emulator.
import { defineVersionSuite } from './suite.mjs';

defineVersionSuite('1.123.81');
