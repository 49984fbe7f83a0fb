/**
 * One emulator per test file (or describe block): started before its tests, closed after them,
 * and reset (then seeded, if asked) before each test. The returned object stands for the started
 * emulator, so tests use it as they would the emulator itself.
 */
import { startVeltEmulator, type VeltEmulator, type VeltEmulatorOptions } from '../emulator';

export interface UseEmulatorOptions {
	/** false: no reset before each test (the file resets where it needs to). */
	reset?: boolean;
	/** Runs after each reset. */
	seed?: (emulator: VeltEmulator) => void;
}

export function useEmulator(
	options: VeltEmulatorOptions | (() => VeltEmulatorOptions) = {},
	each: UseEmulatorOptions = {},
): VeltEmulator {
	let started: VeltEmulator | undefined;
	const current = (): VeltEmulator => {
		if (started === undefined) throw new Error('the emulator is used outside its tests');
		return started;
	};
	beforeAll(async () => {
		started = await startVeltEmulator(typeof options === 'function' ? options() : options);
	});
	afterAll(async () => {
		await started?.close();
	});
	if (each.reset !== false) {
		beforeEach(() => {
			current().reset();
			each.seed?.(current());
		});
	}
	return new Proxy({} as VeltEmulator, {
		get(_target, key) {
			const emulator = current();
			const value: unknown = Reflect.get(emulator, key, emulator);
			return typeof value === 'function' ? value.bind(emulator) : value;
		},
		set: (_target, key, value) => Reflect.set(current(), key, value),
		has: (_target, key) => Reflect.has(current(), key),
	});
}
