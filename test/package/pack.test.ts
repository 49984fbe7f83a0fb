import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { dirname, join, normalize } from 'path';

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
			'dist/icons/velt.svg',
			'dist/icons/velt.dark.svg',
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

	test('every icon a node or credential names is in the tarball, where its compiled file looks', () => {
		const files = packedFiles();
		const compiled = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		const named = compiled.flatMap((file) => {
			const source = join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			return [...readFileSync(source, 'utf8').matchAll(/'file:([^']+)'/g)].map((match) =>
				normalize(join(dirname(file), match[1])),
			);
		});
		expect(named.length).toBe(2 * compiled.length);
		expect(named.filter((icon) => !files.includes(icon))).toEqual([]);
		// one copy for all
		expect(files.filter((file) => file.endsWith('.svg'))).toEqual([
			'dist/icons/velt.dark.svg',
			'dist/icons/velt.svg',
		]);
	});
});
