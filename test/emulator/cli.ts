/**
 * Runs the Velt emulator as its own process (for manual runs, benchmarks, other languages).
 *
 *   npx tsc -p tsconfig.tools.json && node build/test/emulator/cli.js --port 0 --seed-sample
 *
 * Prints one JSON line `{"url": "...", "pid": N}` once listening; stops on SIGINT/SIGTERM.
 * Every flag can also come from the environment (VELT_EMULATOR_PORT, ..._LATENCY_MS,
 * ..._MAX_PAGE_SIZE, ..._SEED_SAMPLE, ..._API_KEY, ..._AUTH_TOKEN, ..._DISABLE, ..._MAX_IN_FLIGHT,
 * ..._MAX_RPS, ..._RETRY_AFTER).
 */
import type { EmulatorFeatures } from './handlers';
import { seedSampleData } from './sampleData';
import { startVeltEmulator, type VeltEmulatorOptions } from './server';

const USAGE = `Usage: node build/test/emulator/cli.js [options]
  --port N              port on 127.0.0.1 (default 0: a free one, printed)
  --latency-ms N        delay added before every API response (default 0)
  --max-page-size N     cap on every get's pageSize (default 1000)
  --max-in-flight N     answer 429 + Retry-After beyond N requests in flight (default: no limit)
  --max-rps N           answer 429 + Retry-After beyond N requests per second (default: no limit)
  --retry-after S       Retry-After seconds on those 429s (default 1)
  --seed-sample [SEED]  load the sample workspace (3 orgs, 12 documents, 24 users, 300 notifications; seed default 1)
  --api-key KEY         accepted x-velt-api-key (default test-api-key)
  --auth-token TOKEN    accepted x-velt-auth-token (default test-auth-token)
  --disable FEATURE     advancedQueries | notificationSettings | advancedWebhooks (repeatable)
  --help`;

interface CliSettings {
	options: VeltEmulatorOptions;
	seedSample: number | undefined;
}

function fail(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

function toNonNegativeInteger(flag: string, text: string | undefined): number {
	const value = Number(text);
	if (text === undefined || text === '' || !Number.isInteger(value) || value < 0) {
		fail(`${flag} needs a non-negative integer, got ${text ?? 'nothing'}`);
	}
	return value;
}

function parseFeature(name: string): keyof EmulatorFeatures {
	if (name === 'advancedQueries' || name === 'notificationSettings' || name === 'advancedWebhooks')
		return name;
	return fail(`Unknown feature ${name}`);
}

export function parseCliSettings(argv: readonly string[], env: NodeJS.ProcessEnv): CliSettings {
	const options: VeltEmulatorOptions = { port: 0, features: {} };
	let seedSample: number | undefined;
	const features: Partial<EmulatorFeatures> = {};

	// Environment first, flags override.
	if (env.VELT_EMULATOR_PORT !== undefined)
		options.port = toNonNegativeInteger('VELT_EMULATOR_PORT', env.VELT_EMULATOR_PORT);
	if (env.VELT_EMULATOR_LATENCY_MS !== undefined) {
		options.latencyMs = toNonNegativeInteger(
			'VELT_EMULATOR_LATENCY_MS',
			env.VELT_EMULATOR_LATENCY_MS,
		);
	}
	if (env.VELT_EMULATOR_MAX_PAGE_SIZE !== undefined) {
		options.maxPageSize = toNonNegativeInteger(
			'VELT_EMULATOR_MAX_PAGE_SIZE',
			env.VELT_EMULATOR_MAX_PAGE_SIZE,
		);
	}
	if (env.VELT_EMULATOR_SEED_SAMPLE !== undefined && env.VELT_EMULATOR_SEED_SAMPLE !== '') {
		seedSample = toNonNegativeInteger('VELT_EMULATOR_SEED_SAMPLE', env.VELT_EMULATOR_SEED_SAMPLE);
	}
	const positive = (flag: string, text: string | undefined): number => {
		const value = toNonNegativeInteger(flag, text);
		if (value < 1) fail(`${flag} must be at least 1`);
		return value;
	};
	if (env.VELT_EMULATOR_MAX_IN_FLIGHT)
		options.maxInFlight = positive('VELT_EMULATOR_MAX_IN_FLIGHT', env.VELT_EMULATOR_MAX_IN_FLIGHT);
	if (env.VELT_EMULATOR_MAX_RPS)
		options.maxRequestsPerSecond = positive('VELT_EMULATOR_MAX_RPS', env.VELT_EMULATOR_MAX_RPS);
	if (env.VELT_EMULATOR_RETRY_AFTER)
		options.retryAfterSeconds = positive(
			'VELT_EMULATOR_RETRY_AFTER',
			env.VELT_EMULATOR_RETRY_AFTER,
		);
	if (env.VELT_EMULATOR_API_KEY) options.apiKey = env.VELT_EMULATOR_API_KEY;
	if (env.VELT_EMULATOR_AUTH_TOKEN) options.authToken = env.VELT_EMULATOR_AUTH_TOKEN;
	for (const name of (env.VELT_EMULATOR_DISABLE ?? '').split(',').filter(Boolean)) {
		features[parseFeature(name.trim())] = false;
	}

	for (let i = 0; i < argv.length; i++) {
		const [flag, inlineValue] =
			argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
		const takeValue = (): string | undefined => inlineValue ?? argv[++i];
		switch (flag) {
			case '--port':
				options.port = toNonNegativeInteger(flag, takeValue());
				break;
			case '--latency-ms':
				options.latencyMs = toNonNegativeInteger(flag, takeValue());
				break;
			case '--max-page-size':
				options.maxPageSize = toNonNegativeInteger(flag, takeValue());
				if (options.maxPageSize < 1) fail('--max-page-size must be at least 1');
				break;
			case '--seed-sample': {
				// Optional value: a following number is the seed.
				const next = inlineValue ?? argv[i + 1];
				if (next !== undefined && /^\d+$/.test(next)) {
					seedSample = Number(next);
					if (inlineValue === undefined) i++;
				} else {
					seedSample = 1;
				}
				break;
			}
			case '--api-key':
				options.apiKey = takeValue() ?? fail('--api-key needs a value');
				break;
			case '--auth-token':
				options.authToken = takeValue() ?? fail('--auth-token needs a value');
				break;
			case '--max-in-flight':
				options.maxInFlight = positive(flag, takeValue());
				break;
			case '--max-rps':
				options.maxRequestsPerSecond = positive(flag, takeValue());
				break;
			case '--retry-after':
				options.retryAfterSeconds = positive(flag, takeValue());
				break;
			case '--disable':
				features[parseFeature(takeValue() ?? fail('--disable needs a feature name'))] = false;
				break;
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				fail(`Unknown argument ${argv[i]}`);
		}
	}
	options.features = features;
	return { options, seedSample };
}

async function main(): Promise<void> {
	const { options, seedSample } = parseCliSettings(process.argv.slice(2), process.env);
	const emulator = await startVeltEmulator(options);
	if (seedSample !== undefined) seedSampleData(emulator.store, { seed: seedSample });

	let stopping = false;
	const stop = (): void => {
		if (stopping) return;
		stopping = true;
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	process.stdout.write(`${JSON.stringify({ url: emulator.url, pid: process.pid })}\n`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(
			`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	});
}
