import type { IDataObject } from 'n8n-workflow';

// A recording as Velt returns it (https://docs.velt.dev/api-reference/rest-apis/v2/recordings/get-recordings):
// a recorder annotation with recordedTime, attachments (the media) and, where Velt made one, a transcript.

/** The compact recording of Get and Get Many with Simplify on. */
export function simplifyRecording(recording: IDataObject): IDataObject {
	const metadata = (recording.metadata ?? {}) as IDataObject;
	const recordedTime = (recording.recordedTime ?? {}) as IDataObject;
	const attachments = (
		Array.isArray(recording.attachments) ? recording.attachments : []
	) as IDataObject[];
	const media = attachments[0] ?? {};
	return {
		id: recording.annotationId ?? null,
		name: recording.displayName ?? null,
		recordingType: recording.recordingType ?? null,
		durationMs: typeof recordedTime.duration === 'number' ? recordedTime.duration : null,
		duration: recordedTime.display ?? null,
		url: media.url ?? null,
		mimeType: media.mimeType ?? null,
		mediaUrls: attachments
			.map((attachment) => attachment.url)
			.filter((url) => typeof url === 'string'),
		transcript: recording.transcription ?? recording.transcript ?? null,
		organizationId: metadata.organizationId ?? null,
		documentId: metadata.documentId ?? null,
		latestVersion: recording.latestVersion ?? null,
	};
}
