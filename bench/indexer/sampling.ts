/** How the indexer benches watch an indexer catch up with a chain. */
import type { RunningIndexer } from '../../tools/indexer/start.js';

/** The indexer's last processed height at a time (ms since the epoch). */
export interface HeightSample {
  t: number;
  h: number;
}

/**
 * Samples `indexer`'s last processed height every `intervalMs` until it reaches `head`.
 * @throws Error when it has not after `timeoutMs`.
 */
export async function sampleUntilIndexed(
  indexer: RunningIndexer,
  head: number,
  { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<HeightSample[]> {
  const started = Date.now();
  const samples: HeightSample[] = [];
  for (;;) {
    const h =
      (
        await indexer.query<{ _metadata: { lastProcessedHeight: number | null } }>(
          '{ _metadata { lastProcessedHeight } }',
        )
      )._metadata.lastProcessedHeight ?? 0;
    samples.push({ t: Date.now(), h });
    if (h >= head) return samples;
    if (Date.now() - started > timeoutMs)
      throw new Error(`indexed ${h} of ${head} blocks in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Blocks per second from the first sample past block 0 to the last. */
export function steadyRate(samples: HeightSample[]): number {
  const first = samples.find((s) => s.h > 0) ?? samples[0]!;
  const last = samples.at(-1)!;
  return (last.h - first.h) / ((last.t - first.t) / 1000);
}
