// A small seeded generator (mulberry32), so every run with the same --seed builds the same data.
export type Random = ReturnType<typeof random>;

export function random(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    /** A whole number in [min, max]. */
    between: (min: number, max: number) => min + int(max - min + 1),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let x = next() * total;
      for (const item of items) {
        x -= weight(item);
        if (x < 0) return item;
      }
      return items[items.length - 1];
    },
    /** Log-normal duration in ms around a median, e.g. time to resolve. */
    duration: (medianMs: number, spread = 1) => medianMs * Math.exp(spread * gaussian(next)),
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}
