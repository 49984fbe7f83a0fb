import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import type { ItemParameters } from '../../../shared/execution/operationSetup';
import { perItemExecutionOptions } from '../../../shared/execution/options.descriptions';
import { DONE_BY_EARLIER_ATTEMPT } from '../../../shared/execution/perIdAnswers';
import { perItemExecutor, sendOneCall } from '../../../shared/execution/perItemExecutor';
import { WORKSPACE_ENDPOINTS } from '../../../shared/transport';
import { folderField, organizationField } from '../../descriptions';
import {
	ALLOW_TOOL_DELETE,
	readFolder,
	readOrganization,
	requireToolSwitch,
	toolSwitchField,
} from '../../helpers/workspace';

/** Documented (https://docs.velt.dev/api-reference/rest-apis/v2/folders/delete-folder): "Folder not found." */
const FOLDER_MISSING = /not found/i;

const sendDelete = sendOneCall(WORKSPACE_ENDPOINTS.deleteFolder);

const TOOL_DELETE = { ...ALLOW_TOOL_DELETE, what: 'delete folders' };

const properties: INodeProperties[] = [
	organizationField('The Velt organization of the folder'),
	folderField('The folder to delete'),
	toolSwitchField(TOOL_DELETE),
	perItemExecutionOptions,
];

/** Its fields; the resource's index shows them for this operation only. */
export { properties as description };

export function buildDeleteFolderRequest(
	parameters: ItemParameters,
	node: INode,
	itemIndex: number,
): IDataObject {
	requireToolSwitch(node, itemIndex, TOOL_DELETE);
	return {
		organizationId: readOrganization(parameters, node, itemIndex),
		folderId: readFolder(parameters, node, itemIndex),
	};
}

export const execute = perItemExecutor({
	properties,
	prepare: buildDeleteFolderRequest,
	// Velt starts the deletion and answers data null ("Folder deletion initiated successfully.",
	// https://docs.velt.dev/api-reference/rest-apis/v2/folders/delete-folder).
	send: async function (data: IDataObject, run) {
		const result = await sendDelete.call(this, data, run);
		// After a lost answer, the retry finds the folder gone: the first attempt deleted it.
		if (
			!result.ok &&
			(result.failure.attempts ?? 1) > 1 &&
			FOLDER_MISSING.test(result.failure.message)
		)
			return {
				ok: true,
				data: null,
				message: DONE_BY_EARLIER_ATTEMPT,
				attempts: result.failure.attempts ?? 2,
			};
		return result;
	},
	toOutcome: ({ message }, sent) => ({
		json: { deleted: true, ...sent, ...(message !== undefined ? { message } : {}) },
	}),
});
