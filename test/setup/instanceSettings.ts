// n8n-core reads its instance settings from the DI container; without these it
// would write ~/.n8n/config. Each jest file has its own container, so this runs per file.
import { Container } from '@n8n/di';
import { mkdtempSync } from 'fs';
import { InstanceSettings } from 'n8n-core';
import { tmpdir } from 'os';
import { join } from 'path';

const n8nFolder = mkdtempSync(join(tmpdir(), 'velt-n8n-core-'));
Container.set(InstanceSettings, {
	encryptionKey: 'test-encryption-key-not-secret',
	instanceId: 'velt-test-instance',
	instanceType: 'main',
	n8nFolder,
} as unknown as InstanceSettings);
