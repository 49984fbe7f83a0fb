import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { invalidParameterError } from '../../../shared/errors';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { perIdOutcome, readPerIdAnswers } from '../../../shared/execution/perIdAnswers';
import { distinctIds, requireNonEmptyString } from '../../../shared/parameters';
import { ENDPOINTS, NOTIFICATION_CONFIG_CHANNELS } from '../../../shared/transport';
import { readScope } from '../../../shared/scope';
import { organizationIdField, userIdsField } from '../../../shared/descriptions';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';

const CHANNEL_LABELS: Record<(typeof NOTIFICATION_CONFIG_CHANNELS)[number], string> = {
	inbox: 'In-App Inbox',
	email: 'Email',
	slack: 'Slack',
};

const settingOptions = [
	{ name: 'All', value: 'ALL', description: 'Every notification' },
	{ name: 'Mine', value: 'MINE', description: 'Only notifications that involve the user' },
	{ name: 'None', value: 'NONE', description: 'No notifications' },
];

// Velt's settings accept channels and values beyond these (customize-behavior page); expressions carry them.
const CUSTOM_VALUE_HINT =
	'a value of your own (any text, e.g. from an expression) is sent as it is';

const properties: INodeProperties[] = [
	organizationIdField,
	userIdsField(
		'The users whose settings to change: IDs separated by commas, or an array from an expression',
	),
	{
		displayName: 'Document IDs',
		name: 'documentIds',
		type: 'string',
		default: '',
		description:
			'The documents the settings apply to. Leave empty to set the organization-level default.',
	},
	{
		displayName: 'Settings',
		name: 'config',
		type: 'collection',
		placeholder: 'Add Channel',
		default: {},
		options: [
			...NOTIFICATION_CONFIG_CHANNELS.map((channel) => ({
				displayName: CHANNEL_LABELS[channel],
				name: channel,
				type: 'options' as const,
				options: settingOptions,
				default: 'ALL',
				description: `Which notifications reach the user by ${CHANNEL_LABELS[channel].toLowerCase()}; ${CUSTOM_VALUE_HINT}`,
			})),
			{
				displayName: 'Other Channels',
				name: 'otherChannels',
				type: 'fixedCollection' as const,
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Channel',
				description:
					"Channels you added to Velt's notification settings yourself, e.g. linear or jira",
				options: [
					{
						displayName: 'Channel',
						name: 'channels',
						values: [
							{
								displayName: 'Channel ID',
								name: 'channel',
								type: 'string' as const,
								default: '',
								placeholder: 'e.g. linear',
								description: 'The ID of the channel in your Velt settings config',
							},
							{
								displayName: 'Setting',
								name: 'value',
								type: 'options' as const,
								options: settingOptions,
								default: 'ALL',
								description: `Which notifications reach the user on this channel; ${CUSTOM_VALUE_HINT}`,
							},
						],
					},
				],
			},
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

/** The `config` of a set request: the known channels, then Other Channels; any non-empty text is a value. */
function readSettings(settings: IDataObject, node: INode, itemIndex: number): IDataObject {
	const config: IDataObject = {};
	const put = (channel: string, value: unknown, label: string) => {
		config[channel] = requireNonEmptyString(value, { node, itemIndex, label });
	};
	for (const channel of NOTIFICATION_CONFIG_CHANNELS) {
		if (settings[channel] !== undefined) put(channel, settings[channel], CHANNEL_LABELS[channel]);
	}
	const others = ((settings.otherChannels as IDataObject | undefined)?.channels ??
		[]) as IDataObject[];
	others.forEach((entry, position) => {
		const label = `Other Channels #${position + 1}`;
		const channel = requireNonEmptyString(entry.channel, {
			node,
			itemIndex,
			label: `${label} Channel ID`,
		});
		if (config[channel] !== undefined) {
			throw invalidParameterError(
				node,
				itemIndex,
				label,
				`sets channel "${channel}" a second time`,
				'Give each channel one setting.',
			);
		}
		put(channel, entry.value, `${label} Setting`);
	});
	return config;
}

export function buildSetSettingsRequestBody(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	const data = readScope(parameters, { organizationId: 'required' }, node, itemIndex);
	const userIds = distinctIds(parameters.userIds, { node, itemIndex, label: 'User IDs' });
	if (userIds.length === 0) {
		throw invalidParameterError(
			node,
			itemIndex,
			'User IDs',
			'is empty',
			'Give at least one user ID.',
		);
	}
	data.userIds = userIds;
	const documentIds = distinctIds(parameters.documentIds, {
		node,
		itemIndex,
		label: 'Document IDs',
	});
	if (documentIds.length > 0) data.documentIds = documentIds;
	const config = readSettings((parameters.config ?? {}) as IDataObject, node, itemIndex);
	if (Object.keys(config).length === 0) {
		throw invalidParameterError(
			node,
			itemIndex,
			'Settings',
			'no channel chosen',
			'Add at least one channel (In-App Inbox, Email, Slack or one under Other Channels) and pick All, Mine or None.',
		);
	}
	data.config = config;
	return data;
}

export const execute = perItemExecutor({
	properties,
	send: sendOneCall(ENDPOINTS.setNotificationConfig),
	prepare: buildSetSettingsRequestBody,
	// Velt answers per user, and still says "success" when some users failed: the per-id policy.
	toOutcome: ({ data }, sent, itemIndex, node) => {
		const { answers } = readPerIdAnswers(data, { requested: sent.userIds as string[] });
		return perIdOutcome(
			node,
			itemIndex,
			answers,
			{
				doing: 'set the notification settings of user',
				hint: 'Check the user and document IDs, and that notification settings are enabled in the Velt console.',
			},
			() => ({
				success: true,
				organizationId: sent.organizationId,
				config: sent.config,
				users: answers.map((answer) => answer.entry),
			}),
		);
	},
});
