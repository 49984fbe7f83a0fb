/** The live suite's settings, read from the environment (shared by the suite and its guard). */
export const REQUIRED_LIVE_SETTINGS = [
	'VELT_API_KEY',
	'VELT_AUTH_TOKEN',
	'VELT_TEST_ORGANIZATION_ID',
	'VELT_TEST_DOCUMENT_ID',
] as const;

export interface LiveSettings {
	apiKey: string;
	authToken: string;
	organizationId: string;
	documentId: string;
	baseUrl: string;
	/** The user the notification goes to and is marked read for. */
	userId: string;
}

export function missingLiveSettings(env: NodeJS.ProcessEnv): string[] {
	return REQUIRED_LIVE_SETTINGS.filter((name) => (env[name] ?? '').trim() === '');
}

export function readLiveSettings(env: NodeJS.ProcessEnv): LiveSettings {
	const missing = missingLiveSettings(env);
	if (missing.length > 0)
		throw new Error(`Missing ${missing.join(', ')} (see test/live/requireSettings.ts)`);
	const value = (name: string, fallback = '') => (env[name] ?? '').trim() || fallback;
	return {
		apiKey: value('VELT_API_KEY'),
		authToken: value('VELT_AUTH_TOKEN'),
		organizationId: value('VELT_TEST_ORGANIZATION_ID'),
		documentId: value('VELT_TEST_DOCUMENT_ID'),
		baseUrl: value('VELT_BASE_URL', 'https://api.velt.dev'),
		userId: value('VELT_TEST_USER_ID', 'n8n-live-test-user'),
	};
}
