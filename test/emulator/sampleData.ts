/**
 * Deterministic, realistic data for the emulator: a small workspace for manual runs and
 * tests (seedSampleData), and a fast bulk generator for benchmarks (makeNotifications).
 */
import { mulberry32, pick, randomInt, sample, sixteenDigitId, type RandomSource } from './random';
import type {
	EmulatorStore,
	JsonObject,
	NotificationConfig,
	NotificationInput,
	NotificationSeed,
	VeltUser,
} from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

interface SampleOrganization {
	organizationId: string;
	name: string;
	documents: Array<{ documentId: string; documentName: string }>;
	people: Array<[first: string, last: string, role: 'editor' | 'viewer']>;
}

const SAMPLE_ORGANIZATIONS: readonly SampleOrganization[] = [
	{
		organizationId: 'org-acme-analytics',
		name: 'Acme Analytics',
		documents: [
			{ documentId: 'doc-q3-roadmap', documentName: 'Q3 Product Roadmap' },
			{ documentId: 'doc-pricing-page', documentName: 'Pricing Page Copy' },
			{ documentId: 'doc-onboarding-spec', documentName: 'Onboarding Flow Spec' },
			{ documentId: 'doc-churn-dashboard', documentName: 'Churn Dashboard' },
		],
		people: [
			['Ava', 'Thompson', 'editor'],
			['Liam', 'Okafor', 'editor'],
			['Sofia', 'Martinez', 'editor'],
			['Noah', 'Kim', 'viewer'],
			['Maya', 'Patel', 'editor'],
			['Ethan', 'Novak', 'viewer'],
			['Zoe', 'Lindqvist', 'editor'],
			['Lucas', 'Ferreira', 'viewer'],
		],
	},
	{
		organizationId: 'org-globex-design',
		name: 'Globex Design Studio',
		documents: [
			{ documentId: 'doc-brand-guidelines', documentName: 'Brand Guidelines 2025' },
			{ documentId: 'doc-homepage-redesign', documentName: 'Homepage Redesign' },
			{ documentId: 'doc-mobile-nav', documentName: 'Mobile Navigation Prototype' },
			{ documentId: 'doc-icon-library', documentName: 'Icon Library' },
		],
		people: [
			['Hana', 'Suzuki', 'editor'],
			['Omar', 'Haddad', 'editor'],
			['Chloe', 'Dubois', 'viewer'],
			['Mateo', 'Rossi', 'editor'],
			['Priya', 'Raman', 'editor'],
			['Jonas', 'Becker', 'viewer'],
			['Amara', 'Nwosu', 'editor'],
			['Felix', 'Andersen', 'viewer'],
		],
	},
	{
		organizationId: 'org-initech-eng',
		name: 'Initech Engineering',
		documents: [
			{ documentId: 'doc-incident-2041', documentName: 'Incident 2041 Postmortem' },
			{ documentId: 'doc-api-migration', documentName: 'API v3 Migration Plan' },
			{ documentId: 'doc-sprint-42-retro', documentName: 'Sprint 42 Retro' },
			{ documentId: 'doc-capacity-plan', documentName: 'Capacity Plan FY26' },
		],
		people: [
			['Grace', 'Oyelaran', 'editor'],
			['Daniel', 'Cohen', 'editor'],
			['Elena', 'Popescu', 'editor'],
			['Ryan', "O'Brien", 'viewer'],
			['Mei', 'Chen', 'editor'],
			['Tomás', 'Silva', 'viewer'],
			['Isabel', 'García', 'editor'],
			['Arjun', 'Mehta', 'editor'],
		],
	},
];

const COMMENT_SNIPPETS = [
	'Can we double-check these numbers against last quarter?',
	'I think this section needs a clearer call to action.',
	'Looks good to me, approving.',
	'Could you add the source for this chart?',
	'This conflicts with what we agreed in Monday’s sync.',
	'Nice catch! Fixed in the latest revision.',
	'Let’s move this to the appendix.',
	'Who owns the follow-up on this item?',
	'Typo in the second paragraph.',
	'We should loop in legal before publishing this.',
];

const SECTION_NAMES = [
	'Summary',
	'Goals',
	'Timeline',
	'Risks',
	'Open Questions',
	'Budget',
	'Appendix',
];
const REPORT_NAMES = [
	'Weekly Active Users',
	'Revenue by Region',
	'Support Backlog',
	'Release Readiness',
];
const TASK_NAMES = [
	'Update hero copy',
	'Review accessibility audit',
	'Fix flaky checkout test',
	'Draft launch email',
];

const SLUG_ASCII: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u', ç: 'c' };

function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[áéíóúç]/g, (c) => SLUG_ASCII[c] ?? c)
		.replace(/[^a-z0-9]+/g, '');
}

function toUser(first: string, last: string, role: 'editor' | 'viewer'): VeltUser {
	return {
		userId: `user-${slug(first)}-${slug(last)}`,
		name: `${first} ${last}`,
		email: `${slug(first)}.${slug(last)}@example.com`,
		accessRole: role,
	};
}

/** Just the identity fields, as they appear inside notifications. */
function userRef(user: VeltUser): VeltUser {
	return { userId: user.userId, name: user.name, email: user.email };
}

interface NotificationContent {
	notificationSource: 'comment' | 'huddle' | 'crdt' | 'custom';
	actionType?: string;
	displayHeadlineMessageTemplate?: string;
	templateData: JsonObject;
	displayBodyMessage?: string;
	notificationSourceData: JsonObject;
	targetAnnotationId?: string;
	isNotificationResolverUsed?: boolean;
}

function makeContent(
	random: RandomSource,
	documentName: string,
	actionUser: VeltUser,
	recipient: VeltUser | undefined,
): NotificationContent {
	const roll = random();
	const annotationId = `ann_${Math.floor(random() * 1e10).toString(36)}`;
	if (roll < 0.5) {
		const variant = randomInt(random, 0, 4);
		const templates: Array<[string, string]> = [
			['added', '{actionUser} commented on {documentName}'],
			['replied', '{actionUser} replied to your comment in {documentName}'],
			['mentioned', '{actionUser} mentioned {recipientUser} in {documentName}'],
			['resolved', '{actionUser} resolved a comment thread in {documentName}'],
		];
		const [actionType, template] = templates[variant];
		return {
			notificationSource: 'comment',
			actionType,
			displayHeadlineMessageTemplate: template,
			templateData: { documentName },
			displayBodyMessage: pick(random, COMMENT_SNIPPETS),
			notificationSourceData: {
				annotationId,
				commentId: randomInt(random, 100000, 999999),
				documentName,
			},
			targetAnnotationId: annotationId,
		};
	}
	if (roll < 0.62) {
		const invite = recipient !== undefined && random() < 0.5;
		return {
			notificationSource: 'huddle',
			actionType: invite ? 'invited' : 'created',
			displayHeadlineMessageTemplate: invite
				? '{actionUser} invited {recipientUser} to a huddle in {documentName}'
				: '{actionUser} started a huddle in {documentName}',
			templateData: { documentName },
			displayBodyMessage: 'Join now to discuss live.',
			notificationSourceData: { huddleId: `huddle_${randomInt(random, 1000, 9999)}`, documentName },
		};
	}
	if (roll < 0.75) {
		const sectionName = pick(random, SECTION_NAMES);
		return {
			notificationSource: 'crdt',
			actionType: 'edited',
			displayHeadlineMessageTemplate: '{actionUser} edited {sectionName} in {documentName}',
			templateData: { sectionName, documentName },
			displayBodyMessage: `${randomInt(random, 1, 40)} changes since your last visit.`,
			notificationSourceData: { sectionName, editCount: randomInt(random, 1, 40) },
		};
	}
	if (roll < 0.8) {
		// Content served by the customer's Notification Resolver at read time.
		return {
			notificationSource: 'custom',
			templateData: {},
			notificationSourceData: { ticketId: `TCK-${randomInt(random, 1000, 9999)}` },
			isNotificationResolverUsed: true,
		};
	}
	const variant = randomInt(random, 0, 3);
	if (variant === 0) {
		const reportName = pick(random, REPORT_NAMES);
		return {
			notificationSource: 'custom',
			actionType: 'export_ready',
			displayHeadlineMessageTemplate: 'Your export of {reportName} is ready',
			templateData: { reportName },
			displayBodyMessage: 'The download link expires in 7 days.',
			notificationSourceData: { reportName, format: pick(random, ['csv', 'xlsx', 'pdf']) },
		};
	}
	if (variant === 1) {
		const taskName = pick(random, TASK_NAMES);
		return {
			notificationSource: 'custom',
			actionType: 'assigned',
			displayHeadlineMessageTemplate: '{actionUser} assigned {taskName} to {recipientUser}',
			templateData: { taskName },
			displayBodyMessage: `Due ${pick(random, ['tomorrow', 'Friday', 'next week'])}.`,
			notificationSourceData: { taskName, taskId: `task_${randomInt(random, 100, 999)}` },
		};
	}
	return {
		notificationSource: 'custom',
		actionType: 'approval_requested',
		displayHeadlineMessageTemplate: '{actionUser} requested your approval on {documentName}',
		templateData: { documentName },
		displayBodyMessage: `${actionUser.name ?? actionUser.userId} is waiting on you.`,
		notificationSourceData: { documentName, approvalId: `apr_${randomInt(random, 100, 999)}` },
	};
}

export interface SeedSampleDataOptions {
	/** Same seed, same data (ids, content, read state, relative timestamps). Default 1. */
	seed?: number;
	/** Timestamps fall in the 14 days before this (ms). Default Date.now(); fix it for byte-identical data. */
	now?: number;
	/** Per organization (default 100, so 300 in all). */
	notificationsPerOrganization?: number;
}

export interface SampleDataSummary {
	organizations: Array<{
		organizationId: string;
		name: string;
		documentIds: string[];
		userIds: string[];
	}>;
	notificationCount: number;
	/** Comment threads (commentannotations) seeded, and organization user groups. */
	annotationCount: number;
	userGroupCount: number;
}

/** Fills the store with three organizations of documents, users, settings and notifications. */
export function seedSampleData(
	store: EmulatorStore,
	options: SeedSampleDataOptions = {},
): SampleDataSummary {
	const random = mulberry32(options.seed ?? 1);
	const now = options.now ?? Date.now();
	const perOrganization = options.notificationsPerOrganization ?? 100;
	const summary: SampleDataSummary = {
		organizations: [],
		notificationCount: 0,
		annotationCount: 0,
		userGroupCount: 0,
	};
	// Its own stream, so the notifications stay what they were before threads were seeded.
	const threadRandom = mulberry32((options.seed ?? 1) ^ 0x19);
	const usedIds = new Set<string>();

	for (const organization of SAMPLE_ORGANIZATIONS) {
		const users = organization.people.map(([first, last, role]) => toUser(first, last, role));
		store.upsertOrganization({
			organizationId: organization.organizationId,
			organizationName: organization.name,
		});
		for (const user of users) store.upsertUser(organization.organizationId, user);
		for (const document of organization.documents)
			store.upsertDocument(organization.organizationId, document);

		// A few people have tuned their settings; everyone else keeps the defaults.
		const configured = sample(random, users, 2);
		const quieter: NotificationConfig = { email: 'MINE', inbox: 'ALL' };
		store.setNotificationConfig(
			organization.organizationId,
			configured[0].userId,
			undefined,
			quieter,
		);
		store.setNotificationConfig(
			organization.organizationId,
			configured[1].userId,
			organization.documents[0].documentId,
			{
				email: 'NONE',
				slack: 'MINE',
			},
		);

		const seeds: NotificationSeed[] = [];
		for (let i = 0; i < perOrganization; i++) {
			const document = pick(random, organization.documents);
			const actionUser = pick(random, users);
			const others = users.filter((user) => user.userId !== actionUser.userId);
			const notifyAll = random() < 0.1;
			const recipients = notifyAll ? [] : sample(random, others, randomInt(random, 1, 4));
			const content = makeContent(random, document.documentName, actionUser, recipients[0]);

			let id: string;
			do id = sixteenDigitId(random);
			while (usedIds.has(id));
			usedIds.add(id);

			const data: NotificationInput = {
				organizationId: organization.organizationId,
				documentId: document.documentId,
				notificationId: id,
				notificationSource: content.notificationSource,
				actionUser: userRef(actionUser),
				notifyAll,
				notifyUsers: recipients.map(userRef),
				notificationSourceData: content.notificationSourceData,
			};
			if (content.actionType !== undefined) data.actionType = content.actionType;
			if (content.targetAnnotationId !== undefined)
				data.targetAnnotationId = content.targetAnnotationId;
			if (content.isNotificationResolverUsed === true) data.isNotificationResolverUsed = true;
			if (content.displayHeadlineMessageTemplate !== undefined) {
				data.displayHeadlineMessageTemplate = content.displayHeadlineMessageTemplate;
				data.displayHeadlineMessageTemplateData = {
					actionUser: userRef(actionUser),
					...(recipients[0] !== undefined ? { recipientUser: userRef(recipients[0]) } : {}),
					...content.templateData,
				};
			}
			if (content.displayBodyMessage !== undefined)
				data.displayBodyMessage = content.displayBodyMessage;
			if (random() < 0.3) {
				const sectionName = pick(random, SECTION_NAMES);
				data.location = { id: `loc-${slug(sectionName)}`, locationName: sectionName };
			}

			const audience = notifyAll ? others : recipients;
			const readByUserIds = audience.filter(() => random() < 0.4).map((user) => user.userId);
			seeds.push({ data, timestamp: now - Math.floor(random() * 14 * DAY_MS), readByUserIds });
		}
		store.insertNotifications(seeds);
		const threads = seedSampleThreads(store, organization, users, threadRandom, now);
		summary.annotationCount += threads.annotations;
		summary.userGroupCount += threads.groups;

		summary.organizations.push({
			organizationId: organization.organizationId,
			name: organization.name,
			documentIds: organization.documents.map((document) => document.documentId),
			userIds: users.map((user) => user.userId),
		});
		summary.notificationCount += seeds.length;
	}
	return summary;
}

const SAMPLE_STATUSES: readonly JsonObject[] = [
	{
		id: 'OPEN',
		name: 'Open',
		color: 'var(--velt-accent, #625DF5)',
		lightColor: 'var(--velt-accent-light, #E7E8FA)',
		type: 'default',
	},
	{
		id: 'IN_PROGRESS',
		name: 'In Progress',
		color: '#FF7162',
		lightColor: '#FFF0EF',
		type: 'ongoing',
	},
	{ id: 'RESOLVED', name: 'Resolved', color: '#198F65', lightColor: '#DEFFEE', type: 'terminal' },
];
const SAMPLE_PRIORITIES: readonly JsonObject[] = [
	{ id: 'P0', name: 'P0', color: '#FF7162', lightColor: '#FFF0EF' },
	{ id: 'P1', name: 'P1', color: '#FFBE33', lightColor: '#FFF7E6' },
];

/** A few comment threads per organization (some replied to, assigned, resolved) and two user groups. */
function seedSampleThreads(
	store: EmulatorStore,
	organization: SampleOrganization,
	users: VeltUser[],
	random: RandomSource,
	now: number,
): { annotations: number; groups: number } {
	const organizationId = organization.organizationId;
	const collaboration = store.collaboration;
	const editors = users.filter((user) => user.accessRole === 'editor');
	const groups = [
		{ groupId: 'editors', groupName: 'Editors', members: editors },
		{ groupId: 'reviewers', groupName: 'Reviewers', members: sample(random, users, 3) },
	];
	for (const { members, ...group } of groups) {
		const stored = collaboration.upsertGroup(organizationId, group);
		for (const member of members) {
			stored.userIds.add(member.userId);
			store.upsertUser(organizationId, {
				...member,
				organizationUserGroupIds: collaboration.groupIdsOf(organizationId, member.userId),
			});
		}
	}
	const count = 6;
	for (let i = 0; i < count; i++) {
		const document = pick(random, organization.documents);
		const author = pick(random, users);
		const others = users.filter((user) => user.userId !== author.userId);
		const createdAt = now - Math.floor(random() * 7 * DAY_MS);
		const mentioned = random() < 0.5 ? pick(random, others) : undefined;
		const text = pick(random, COMMENT_SNIPPETS);
		const first: JsonObject = {
			commentText: mentioned === undefined ? text : `{{${mentioned.userId}}} ${text}`,
			commentHtml: `<p>${mentioned === undefined ? text : `{{${mentioned.userId}}} ${text}`}</p>`,
			from: userRef(author),
			createdAt,
		};
		if (mentioned !== undefined) {
			first.taggedUserContacts = [
				{ userId: mentioned.userId, contact: userRef(mentioned), text: `@${mentioned.name}` },
			];
		}
		const replies = Array.from({ length: randomInt(random, 0, 3) }, (_, n) => ({
			commentText: pick(random, COMMENT_SNIPPETS),
			from: userRef(pick(random, others)),
			createdAt: createdAt + (n + 1) * 3_600_000,
		}));
		const status = pick(random, SAMPLE_STATUSES);
		const fields: JsonObject = { type: 'comment', commentType: 'manual', status };
		if (random() < 0.4) fields.priority = pick(random, SAMPLE_PRIORITIES);
		if (random() < 0.4) fields.assignedTo = userRef(pick(random, others));
		if (random() < 0.5) {
			const sectionName = pick(random, SECTION_NAMES);
			fields.location = { id: `loc-${slug(sectionName)}`, locationName: sectionName };
		}
		if (status.type === 'terminal') {
			fields.resolvedByUserId = author.userId;
			fields.resolvedByUser = userRef(author);
			fields.statusUpdatedByUserId = author.userId;
		}
		const comments = [first, ...replies].map((data, n) => ({
			commentId: 100_000 + i * 10 + n,
			data,
		}));
		const last = comments[comments.length - 1].data.createdAt as number;
		collaboration.insertAnnotation({
			organizationId,
			documentId: document.documentId,
			annotationId: `thread-${slug(organization.name)}-${i + 1}`,
			fields,
			comments,
			createdAt,
			lastUpdated: last,
		});
	}
	return { annotations: count, groups: groups.length };
}

export interface MakeNotificationsOptions {
	organizationId: string;
	/** Every notification goes to this document (default 'bench-document'). */
	documentId?: string;
	/** Recipients are drawn from these; the action user too. */
	userIds: readonly string[];
	/** Recipients per notification (default 1). */
	recipientsPerNotification?: number;
	seed?: number;
	/** Timestamp of the first notification (default: count * stepMs before now), then +stepMs each. */
	startTimestamp?: number;
	stepMs?: number;
	/** Fraction (0..1) of notifications already read by their recipients (default 0). */
	readFraction?: number;
}

/**
 * Many small notifications, fast (50,000 in well under a second), in ascending time order
 * so inserting them keeps the store's sorted index without re-sorting. Each has an explicit
 * 16-digit notificationId and notifyAll: false.
 */
export function makeNotifications(
	count: number,
	options: MakeNotificationsOptions,
): NotificationSeed[] {
	if (options.userIds.length === 0) throw new Error('makeNotifications needs at least one userId');
	const random = mulberry32(options.seed ?? 1);
	const stepMs = options.stepMs ?? 1000;
	const start = options.startTimestamp ?? Date.now() - count * stepMs;
	const documentId = options.documentId ?? 'bench-document';
	const recipientsPerNotification = Math.min(
		options.recipientsPerNotification ?? 1,
		options.userIds.length,
	);
	const readFraction = options.readFraction ?? 0;
	const usedIds = new Set<string>();
	const seeds: NotificationSeed[] = new Array<NotificationSeed>(count);

	for (let i = 0; i < count; i++) {
		let id: string;
		do id = sixteenDigitId(random);
		while (usedIds.has(id));
		usedIds.add(id);
		const actionUserId = options.userIds[i % options.userIds.length];
		const recipients =
			recipientsPerNotification === 1
				? [options.userIds[randomInt(random, 0, options.userIds.length)]]
				: sample(random, options.userIds, recipientsPerNotification);
		seeds[i] = {
			data: {
				organizationId: options.organizationId,
				documentId,
				notificationId: id,
				notificationSource: 'custom',
				actionUser: { userId: actionUserId },
				displayHeadlineMessageTemplate: '{actionUser} updated {itemName}',
				displayHeadlineMessageTemplateData: {
					actionUser: { userId: actionUserId },
					itemName: `Item #${i + 1}`,
				},
				displayBodyMessage: `Benchmark notification ${i + 1} of ${count}.`,
				notifyAll: false,
				notifyUsers: recipients.map((userId) => ({ userId })),
				notificationSourceData: { index: i },
			},
			timestamp: start + i * stepMs,
			readByUserIds: readFraction > 0 && random() < readFraction ? recipients : undefined,
		};
	}
	return seeds;
}
