/**
 * Summarises a .cpuprofile: self time by where the code lives (our node, n8n-core,
 * n8n-workflow, axios, node internals, the emulator), and the heaviest functions of ours.
 *   node bench/summarizeProfile.mjs <file.cpuprofile>
 */
import fs from 'node:fs';

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
for (let index = 0; index < profile.samples.length; index++) {
	const id = profile.samples[index];
	selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}

function area(url) {
	if (url.includes('/build/nodes/') || url.includes('n8n-nodes-velt/dist/')) return 'ours (nodes/)';
	if (url.includes('/build/test/emulator/')) return 'emulator (not the node)';
	if (url.includes('/build/test/')) return 'test harness';
	if (url.includes('n8n-core')) return 'n8n-core';
	if (url.includes('n8n-workflow')) return 'n8n-workflow';
	if (url.includes('axios') || url.includes('follow-redirects') || url.includes('form-data'))
		return 'axios';
	if (url.startsWith('node:') || url === '') return 'node internals / GC / idle';
	return url.replace(/.*node_modules\//, '').split('/')[0];
}

const areas = new Map();
const ours = new Map();
const all = new Map();
let total = 0;
for (const [id, micros] of selfMicros) {
	const node = byId.get(id);
	const { url, functionName, lineNumber } = node.callFrame;
	total += micros;
	const name = node.callFrame.functionName === '(idle)' ? 'idle' : area(url);
	areas.set(name, (areas.get(name) ?? 0) + micros);
	const short = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '')}:${lineNumber + 1}`;
	all.set(short, (all.get(short) ?? 0) + micros);
	if (name === 'ours (nodes/)') {
		const key = `${functionName || '(anonymous)'} ${url.replace(/.*\/(build|dist)\//, '')}:${lineNumber + 1}`;
		ours.set(key, (ours.get(key) ?? 0) + micros);
	}
}
const ms = (micros) => `${(micros / 1000).toFixed(0)} ms`;
console.log(`total ${ms(total)}`);
for (const [name, micros] of [...areas].sort((a, b) => b[1] - a[1]))
	console.log(
		`  ${name.padEnd(28)} ${ms(micros).padStart(8)}  ${((micros / total) * 100).toFixed(1)}%`,
	);
console.log('ours, heaviest:');
for (const [name, micros] of [...ours].sort((a, b) => b[1] - a[1]).slice(0, 15))
	console.log(`  ${ms(micros).padStart(7)}  ${name}`);
console.log('everything, heaviest:');
for (const [name, micros] of [...all]
	.sort((a, b) => b[1] - a[1])
	.slice(0, Number(process.argv[3] ?? 25)))
	console.log(`  ${ms(micros).padStart(7)}  ${name}`);
