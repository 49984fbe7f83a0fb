/** nodes/shared/notifications.ts: rendered headlines, the simplified shape; execution/generatedIds.ts: generated IDs. */
import { generateItemId as generateNotificationId } from '../../nodes/shared/execution/generatedIds';
import { renderHeadline, simplifyNotification } from '../../nodes/shared/notifications';
import { NOTIFICATION_ID_PATTERN } from '../../nodes/shared/transport';

describe('notifications', () => {
	test('renderHeadline uses names, emails, ids and custom text; a placeholder nothing fills shows as its name', () => {
		const data = {
			actionUser: { userId: 'u1', name: 'Ana' },
			recipientUser: { userId: 'u2', email: 'bo@example.com' },
			deal: 'ACME',
			owner: { userId: 'u3' },
		};
		expect(
			renderHeadline('{actionUser} closed {deal} for {recipientUser} and {owner}; {missing}', data),
		).toBe('Ana closed ACME for bo@example.com and u3; missing');
		expect(
			renderHeadline(
				'{actionUser} invited {recipientUser}',
				{ actionUser: { userId: 'u1', name: 'Ana' } },
				{ recipientUser: 'Bo' },
			),
		).toBe('Ana invited Bo');
		expect(
			renderHeadline(
				'{ recipientUser } and {recipientUser}',
				{ recipientUser: { name: 'Cy' } },
				{ recipientUser: 'Bo' },
			),
		).toBe('Cy and Cy');
		expect(renderHeadline(undefined, data)).toBe('');
	});

	test('simplifyNotification', () => {
		expect(
			simplifyNotification({
				id: 'n1',
				displayHeadlineMessageTemplate: '{actionUser} did it',
				displayHeadlineMessageTemplateData: { actionUser: { userId: 'u1', name: 'Ana' } },
				displayBodyMessage: 'Body',
				notificationSource: 'custom',
				actionUser: { userId: 'u1', name: 'Ana' },
				metadata: { organizationId: 'o', documentId: 'd', apiKey: 'k' },
				timestamp: 1722409519944,
				isUnread: true,
			}),
		).toEqual({
			id: 'n1',
			headline: 'Ana did it',
			body: 'Body',
			source: 'custom',
			actionUser: 'Ana',
			actionUserId: 'u1',
			organizationId: 'o',
			documentId: 'd',
			locationId: null,
			timestamp: 1722409519944,
			createdAt: '2024-07-31T07:05:19.944Z',
			isUnread: true,
		});
	});

	test('generated ids are valid Velt ids, stable per execution/node/run/item, random otherwise', () => {
		const parts = { executionId: '42', nodeId: 'abc', runIndex: 0, itemIndex: 1 };
		const id = generateNotificationId(parts);
		expect(id).toMatch(NOTIFICATION_ID_PATTERN);
		expect(generateNotificationId(parts)).toBe(id);
		expect(generateNotificationId({ ...parts, itemIndex: 2 })).not.toBe(id);
		const random = new Set(Array.from({ length: 100 }, () => generateNotificationId()));
		expect(random.size).toBe(100);
		for (const value of random) expect(value).toMatch(NOTIFICATION_ID_PATTERN);
	});
});
