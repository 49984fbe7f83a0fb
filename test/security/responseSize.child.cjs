// Child process of responseSize.test.ts (review 2, finding 4): runs the Velt node's User > Get
// Many (Limit 1, Options > Max Response Size (MiB) = argv[3]) through n8n-core against the Velt
// at argv[2], once against a normal answer to load everything, then against a huge one, and
// prints one JSON line: the run's status and error, and the RSS before and at its peak.
// A process of its own, so nothing else in a jest worker moves its RSS.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

// The package's TypeScript as ts-jest would run it, without type checking. Tried before .json,
// as jest does: nodes/Velt/Velt.node.json sits next to Velt.node.ts.
const later = ['.json', '.node'].map((extension) => [extension, require.extensions[extension]]);
for (const [extension] of later) delete require.extensions[extension];
require.extensions['.ts'] = (module, filename) => {
	const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
	});
	module._compile(output.outputText, filename);
};
for (const [extension, loader] of later) require.extensions[extension] = loader;

const root = path.join(__dirname, '..', '..');
require(path.join(root, 'test/setup/env.ts'));
require(path.join(root, 'test/setup/instanceSettings.ts'));
const { runVeltNode } = require(path.join(root, 'test/velt/support.ts'));

const [url, capMiB] = process.argv.slice(2);

const parameters = {
	resource: 'user',
	operation: 'getAll',
	organizationId: { __rl: true, mode: 'id', value: 'acme' },
	returnAll: false,
	limit: 1,
	options: { maxRetries: 0, maxResponseSize: Number(capMiB) },
};

async function main() {
	// The first answer is a normal page: every module the run needs is loaded before measuring.
	const warmUp = await runVeltNode({ url }, { parameters });
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 1);
	const run = await runVeltNode({ url }, { parameters });
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const error = run.thrown ?? run.error;
	process.stdout.write(
		`${JSON.stringify({
			warmUp: warmUp.status,
			status: run.status,
			message: error?.message,
			description: error?.description,
			before,
			peak,
		})}\n`,
	);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ crashed: String(error?.stack ?? error) })}\n`);
	process.exitCode = 1;
});
