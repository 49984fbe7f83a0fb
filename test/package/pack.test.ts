import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
	string,
	unknown
> & { n8n: { nodes: string[]; credentials: string[] } };

function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path).sort();
}

describe('package', () => {
	test('has no runtime dependencies and n8n-workflow only as a peer', () => {
		expect(packageJson.dependencies).toBeUndefined();
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
	});

	test('the tarball holds the built node, credential, icons and codex file, and no clutter', () => {
		const files = packedFiles();
		const expected = [
			...packageJson.n8n.nodes,
			...packageJson.n8n.credentials,
			'dist/nodes/VeltNotifications/VeltNotifications.node.json',
			'dist/nodes/VeltNotifications/velt.svg',
			'dist/nodes/VeltNotifications/velt.dark.svg',
			'index.js',
			'package.json',
			'README.md',
			'LICENSE.md',
		];
		for (const file of expected) expect(files).toContain(file);
		const clutter = files.filter(
			(file) =>
				/\.(map|ts|tsbuildinfo)$/.test(file) ||
				/(^|\/)(test|tests|__tests__|node_modules|scripts|bench)\//.test(file),
		);
		expect(clutter).toEqual([]);
	});
});
