/** Small helpers so every benchmark prints figures the same way. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export function summarise(label: string, samplesMs: number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  const figures = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
  console.log(`${label}: n=${sorted.length} p50=${figures.p50.toFixed(2)} ms p95=${figures.p95.toFixed(2)} ms mean=${mean.toFixed(2)} ms`);
  return figures;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
