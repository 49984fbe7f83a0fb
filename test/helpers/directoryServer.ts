/**
 * A one-off loopback stand-in for Velt's directory reads (organizations/get,
 * organizations/documents/get, users/get), answering in the shapes of the docs pages
 * (velt-docs/current/*__get-*-v2.mdx): `{result: {status, message, data, nextPageToken}}`
 * for organizations and users, `pageToken` for documents. Used until the rewritten
 * emulator, which implements these endpoints, is on main.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';
import { DIRECTORY_ENDPOINTS } from '../../nodes/shared/transport';
import { TEST_API_KEY, TEST_AUTH_TOKEN } from './n8nHarness';

export interface DirectoryData {
	organizations: IDataObject[];
	documents: Record<string, IDataObject[]>;
	users: Record<string, IDataObject[]>;
}

export interface DirectoryServer {
	url: string;
	requests: Array<{ path: string; data: IDataObject }>;
	close(): Promise<void>;
}

function page(list: IDataObject[], data: IDataObject): { slice: IDataObject[]; next?: string } {
	const size = typeof data.pageSize === 'number' ? data.pageSize : 1000;
	const start = typeof data.pageToken === 'string' ? Number(data.pageToken) : 0;
	const slice = list.slice(start, start + size);
	return { slice, next: start + size < list.length ? String(start + size) : undefined };
}

export async function startDirectoryServer(directory: DirectoryData): Promise<DirectoryServer> {
	const requests: DirectoryServer['requests'] = [];
	const server: Server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		request.on('end', () => {
			const answer = (status: number, json: IDataObject) => {
				response.writeHead(status, { 'content-type': 'application/json' });
				response.end(JSON.stringify(json));
			};
			if (request.headers['x-velt-api-key'] !== TEST_API_KEY || request.headers['x-velt-auth-token'] !== TEST_AUTH_TOKEN) {
				return answer(403, { error: { message: 'Invalid API key or auth token', status: 'PERMISSION_DENIED' } });
			}
			const data = ((JSON.parse(body || '{}') as IDataObject).data ?? {}) as IDataObject;
			const path = request.url ?? '';
			requests.push({ path, data });
			if (path === DIRECTORY_ENDPOINTS.getOrganizations) {
				const { slice, next } = page(directory.organizations, data);
				return answer(200, { result: { status: 'success', message: 'Organization(s) retrieved successfully.', data: slice, ...(next ? { nextPageToken: next } : {}) } });
			}
			const organizationId = data.organizationId;
			if (typeof organizationId !== 'string' || organizationId === '') {
				return answer(400, { error: { message: 'organizationId is required', status: 'INVALID_ARGUMENT' } });
			}
			if (path === DIRECTORY_ENDPOINTS.getDocuments) {
				const { slice, next } = page(directory.documents[organizationId] ?? [], data);
				return answer(200, { result: { status: 'success', message: 'Document(s) retrieved successfully.', data: slice, ...(next ? { pageToken: next } : {}) } });
			}
			if (path === DIRECTORY_ENDPOINTS.getUsers) {
				const { slice, next } = page(directory.users[organizationId] ?? [], data);
				return answer(200, { result: { status: 'success', message: 'User(s) retrieved successfully.', data: slice, ...(next ? { nextPageToken: next } : {}) } });
			}
			return answer(404, { error: { message: `No route ${path}`, status: 'NOT_FOUND' } });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
