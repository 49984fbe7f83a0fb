/** Small deterministic random helpers: the emulator's faults and sample data must be reproducible from a seed. */

export type RandomSource = () => number;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): RandomSource {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Integer in [min, maxExclusive). */
export function randomInt(random: RandomSource, min: number, maxExclusive: number): number {
	return min + Math.floor(random() * (maxExclusive - min));
}

export function pick<T>(random: RandomSource, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick() needs at least one item');
	return items[Math.floor(random() * items.length)];
}

/** `count` distinct items in random order (partial Fisher–Yates). */
export function sample<T>(random: RandomSource, items: readonly T[], count: number): T[] {
	const copy = items.slice();
	const n = Math.min(count, copy.length);
	for (let i = 0; i < n; i++) {
		const j = randomInt(random, i, copy.length);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy.slice(0, n);
}

/** A 16-digit numeric string without a leading zero, the shape of Velt's generated notification ids. */
export function sixteenDigitId(random: RandomSource): string {
	const first = randomInt(random, 1, 10);
	const middle = randomInt(random, 0, 100_000_000);
	const last = randomInt(random, 0, 10_000_000);
	return `${first}${String(middle).padStart(8, '0')}${String(last).padStart(7, '0')}`;
}
