/**
 * The import graph of nodes/ and credentials/ (issue 24): no module imports itself through
 * others at run time (type-only imports vanish when compiled), and no node reaches into
 * another node's folder: what two nodes share lives in nodes/shared.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_FOLDERS = [
	'Velt',
	'VeltNotifications',
	'VeltNotificationsTrigger',
	'VeltTrigger',
	'VeltActivityTrigger',
];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

const FILES = [
	...sourceFiles(path.join(ROOT, 'nodes')),
	...sourceFiles(path.join(ROOT, 'credentials')),
];
const KNOWN = new Set(FILES);

/** Relative imports (and re-exports) of a file that stay at run time, resolved to files. */
function runtimeImports(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)) {
		if (match[1] !== undefined) continue;
		const base = path.resolve(path.dirname(file), match[2]);
		const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => KNOWN.has(c));
		if (resolved !== undefined) found.push(resolved);
	}
	return found;
}

const GRAPH = new Map(FILES.map((file) => [file, runtimeImports(file)]));
const relative = (file: string) => path.relative(ROOT, file);

test('the graph is read (a broken reader would find no edges and pass everything)', () => {
	const edges = [...GRAPH.values()].reduce((sum, list) => sum + list.length, 0);
	expect(FILES.length).toBeGreaterThan(50);
	expect(edges).toBeGreaterThan(FILES.length);
});

test('no import circle in nodes/ or credentials/', () => {
	const circles: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	// Iterative depth-first walk: each entry is a file and the index of its next import.
	for (const start of FILES) {
		if (state.has(start)) continue;
		const stack: Array<[string, number]> = [[start, 0]];
		state.set(start, 'open');
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			const next = GRAPH.get(top[0])![top[1]++];
			if (next === undefined) {
				state.set(top[0], 'done');
				stack.pop();
			} else if (state.get(next) === 'open') {
				const from = stack.findIndex(([file]) => file === next);
				circles.push([...stack.slice(from).map(([file]) => file), next].map(relative).join(' → '));
			} else if (!state.has(next)) {
				state.set(next, 'open');
				stack.push([next, 0]);
			}
		}
	}
	expect(circles).toEqual([]);
});

test.each(NODE_FOLDERS)('nothing outside nodes/%s imports from it', (folder) => {
	const inside = path.join(ROOT, 'nodes', folder) + path.sep;
	const reaching = FILES.filter((file) => !file.startsWith(inside)).flatMap((file) =>
		GRAPH.get(file)!
			.filter((target) => target.startsWith(inside))
			.map((target) => `${relative(file)} → ${relative(target)}`),
	);
	expect(reaching).toEqual([]);
});
