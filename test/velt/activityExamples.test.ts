/**
 * The activity examples of issue 28 through n8n-core against the emulator:
 * examples/trigger-activity-comments-to-slack.json (new comment.add activities, on any plan, to
 * a chat message) and examples/invoice-paid-to-activity.json (a Stripe-like "invoice paid"
 * webhook becomes an activity in the customer's document feed, once however often it is sent)
 * and examples/recording-summary-comment.json (a recording's transcript summary as a comment).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { activatedPollingTrigger } from '../helpers/pollingHarness';
import { useEmulator } from '../helpers/useEmulator';
import { runVeltNode } from './support';

const emulator = useEmulator();

interface Workflow {
	nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
}

function example(file: string): Workflow {
	return JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as Workflow;
}

function nodeOf(workflow: Workflow, type: string) {
	const found = workflow.nodes.find((node) => node.type === type);
	if (found === undefined) throw new Error(`no ${type} node`);
	return found;
}

test('trigger-activity-comments-to-slack.json: each new comment.add activity once, as a one-line message', async () => {
	const workflow = example('trigger-activity-comments-to-slack.json');
	const trigger = nodeOf(workflow, 'n8n-nodes-velt.veltActivityTrigger');
	const org = 'org-acme-analytics';
	const add = (id: string, documentId: string, extra: IDataObject, timestamp: number) =>
		emulator.store.activity.insertActivity(
			org,
			documentId,
			{
				id,
				featureType: 'comment',
				actionType: 'comment.add',
				actionUser: { userId: 'ana', name: 'Ana Lima' },
				displayMessageTemplate: '{{user}} added a comment',
				...extra,
			},
			timestamp,
		);
	add('old', 'doc-1', {}, 1000);
	const poller = activatedPollingTrigger(emulator.url, trigger.parameters as IDataObject, {
		trigger: 'activity',
	});
	expect(await poller.poll()).toBeNull();
	add('c1', 'doc-1', {}, 2000);
	add('edit', 'doc-2', { actionType: 'comment.update' }, 3000);
	add('c2', 'doc-2', { actionUser: { userId: 'bo', name: 'Bo' } }, 4000);
	add('reaction', 'doc-2', { featureType: 'reaction', actionType: 'reaction.add' }, 5000);
	const output = (await poller.poll())?.[0].map((item) => item.json);
	expect(output).toEqual([
		expect.objectContaining({ id: 'c1', summary: 'Ana Lima added a comment', documentId: 'doc-1' }),
		expect.objectContaining({ id: 'c2', summary: 'Bo added a comment', documentId: 'doc-2' }),
	]);
	expect(await poller.poll()).toBeNull();
	// The Set node's text reads only what Simplify outputs.
	const text = nodeOf(workflow, 'n8n-nodes-base.set').parameters.assignments as {
		assignments: Array<{ name: string; value: string }>;
	};
	expect(text.assignments.find((entry) => entry.name === 'text')?.value).toBe(
		'={{ $json.summary }} (document {{ $json.documentId }}, {{ $json.createdAt }})',
	);
});

test("invoice-paid-to-activity.json: the payment is an activity in the customer's document feed, once per invoice", async () => {
	const workflow = example('invoice-paid-to-activity.json');
	const activityNode = nodeOf(workflow, 'n8n-nodes-velt.velt');
	const body = {
		type: 'invoice.paid',
		data: {
			object: {
				id: 'in_1Pq',
				number: 'INV-0042',
				amount_paid: 12900,
				currency: 'eur',
				metadata: { velt_organization_id: 'acme', velt_document_id: 'account-acme' },
			},
		},
	};
	const run = async () =>
		await runVeltNode(emulator, { items: [{ body }], parameters: activityNode.parameters });
	const first = await run();
	expect(first.error?.message).toBeUndefined();
	expect(first.json).toEqual([
		expect.objectContaining({
			success: true,
			organizationId: 'acme',
			documentId: 'account-acme',
			addedCount: 1,
			activityIds: ['stripe-in_1Pq'],
		}),
	]);
	// A webhook delivered twice (Stripe retries) overwrites the same activity.
	await run();
	const stored = emulator.store.activity.activitiesOf('acme').map(({ activity }) => activity);
	expect(stored).toEqual([
		expect.objectContaining({
			id: 'stripe-in_1Pq',
			featureType: 'custom',
			actionType: 'invoicePaid',
			actionUser: { userId: 'billing', name: 'Billing' },
			targetEntityId: 'in_1Pq',
			displayMessageTemplate: '{{user}} received payment for invoice {{invoice}}: {{amount}}',
			displayMessageTemplateData: { invoice: 'INV-0042', amount: '129.00 EUR' },
			changes: { status: { from: 'open', to: 'paid' } },
			metadata: expect.objectContaining({ organizationId: 'acme', documentId: 'account-acme' }),
		}),
	]);
});

test('recording-summary-comment.json: a new recording activity → the recording with its transcript → its summary as a comment thread', async () => {
	const workflow = example('recording-summary-comment.json');
	const [trigger, getRecording, postSummary] = workflow.nodes;
	const org = 'org-acme-analytics';
	const poller = activatedPollingTrigger(emulator.url, trigger.parameters as IDataObject, {
		trigger: 'activity',
	});
	expect(await poller.poll()).toBeNull();
	emulator.store.activity.insertRecording(org, {
		type: 'recorder',
		annotationId: 'rec-77',
		displayName: 'Standup.mp4',
		recordedTime: { duration: 61000, display: '00:01:01' },
		metadata: { documentId: 'doc-standup', organizationId: org },
		attachments: [{ url: 'https://storage.example/rec-77.mp4', mimeType: 'video/mp4' }],
		transcription: { contentSummary: 'Ship on Friday.' },
	});
	emulator.store.activity.insertActivity(
		org,
		'doc-standup',
		{
			id: 'act-rec-77',
			featureType: 'recorder',
			actionType: 'recorder.add',
			actionUser: { userId: 'ana' },
			targetEntityId: 'rec-77',
		},
		2000,
	);
	const activities = (await poller.poll())?.[0] ?? [];
	expect(activities.map((item) => item.json.id)).toEqual(['act-rec-77']);

	const recording = await runVeltNode(emulator, {
		items: activities.map((item) => item.json),
		parameters: getRecording.parameters,
	});
	expect(recording.error?.message).toBeUndefined();
	expect(recording.json).toEqual([
		expect.objectContaining({
			id: 'rec-77',
			duration: '00:01:01',
			url: 'https://storage.example/rec-77.mp4',
			transcript: { contentSummary: 'Ship on Friday.' },
			documentId: 'doc-standup',
		}),
	]);
	const posted = await runVeltNode(emulator, {
		items: recording.json,
		parameters: postSummary.parameters,
	});
	expect(posted.error?.message).toBeUndefined();
	const thread = emulator.store.collaboration
		.listAnnotations()
		.find((annotation) => annotation.annotationId === 'recording-summary-rec-77');
	expect(thread?.documentId).toBe('doc-standup');
	expect(thread?.comments[0].data.commentText).toBe(
		'Summary of Standup.mp4 (00:01:01): Ship on Friday. https://storage.example/rec-77.mp4',
	);
});
