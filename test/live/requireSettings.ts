/**
 * Refuses to run the live suite without the settings it needs: a live run that passes
 * without a Velt app to talk to would prove nothing. Nothing is sent then.
 */
import { missingLiveSettings } from './settings';

export default async function requireSettings(): Promise<void> {
	const missing = missingLiveSettings(process.env);
	if (missing.length === 0) return;
	throw new Error(
		[
			`npm run test:live talks to a real Velt app and needs ${missing.join(', ')} in the environment:`,
			"  VELT_API_KEY, VELT_AUTH_TOKEN   the app's API key and an auth token (Velt console)",
			'  VELT_TEST_ORGANIZATION_ID       an organization the suite may write to',
			'  VELT_TEST_DOCUMENT_ID           a document in it: one notification is added there, then deleted',
			'  VELT_BASE_URL (optional)        default https://api.velt.dev',
			'  VELT_TEST_USER_ID (optional)    the user notified and marked read, default n8n-live-test-user',
			'Nothing was sent.',
		].join('\n'),
	);
}
