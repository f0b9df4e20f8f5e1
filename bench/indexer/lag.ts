/**
 * Live indexing lag on the devnet: Chopsticks with a block every 2 s (the devnet's
 * default), six companions registering, backing up and checkpointing, and the indexer
 * following the chain. Samples the chain's head and the indexer's last processed height
 * every 250 ms for SECONDS and reports how many blocks the indexer is behind: the
 * distribution over samples, and per block the time from its import to being indexed.
 *
 *   LOG_LEVEL=warn npx tsx bench/indexer/lag.ts [seconds=120]
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { settled } from '../../test/harness/devnet.js';
import { startNetwork } from '../../tools/devnet/network.js';
import { startIndexer } from '../../tools/indexer/start.js';
import { quantile } from '../quantile.js';

const SECONDS = Number(process.argv[2] ?? 120);
const work = mkdtempSync(join(tmpdir(), 'custos-bench-lag-'));
chmodSync(work, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
const net = await startNetwork({ size: 6, workDir: join(work, 'net'), blockMs: 2000 });
const indexer = await startIndexer({
  endpoint: net.chain.endpoint,
  workDir: join(work, 'indexer'),
});
try {
  for (const node of net.nodes) await settled(net.api, node);
  await indexer.waitForHeight((await net.api.rpc.chain.getHeader()).number.toNumber());
  const lags: number[] = [];
  const importedAt = new Map<number, number>();
  const indexedAfter: number[] = [];
  let lastIndexed = 0;
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    const now = Date.now();
    const head = (await net.api.rpc.chain.getHeader()).number.toNumber();
    if (!importedAt.has(head)) importedAt.set(head, now);
    const indexed =
      (
        await indexer.query<{ _metadata: { lastProcessedHeight: number | null } }>(
          '{ _metadata { lastProcessedHeight } }',
        )
      )._metadata.lastProcessedHeight ?? 0;
    for (let n = lastIndexed + 1; n <= indexed; n++) {
      const seen = importedAt.get(n);
      if (seen !== undefined) indexedAfter.push(now - seen);
    }
    lastIndexed = Math.max(lastIndexed, indexed);
    lags.push(head - indexed);
    await new Promise((r) => setTimeout(r, 250));
  }
  const share = (k: number) =>
    `${((100 * lags.filter((l) => l <= k).length) / lags.length).toFixed(1)} %`;
  console.log('\n| measure | value |\n|---|---|');
  console.log(
    `| samples (every 250 ms) | ${lags.length} over ${SECONDS} s, ${importedAt.size} blocks |`,
  );
  console.log(
    `| lag in blocks: median / p95 / max | ${quantile(lags, 0.5)} / ${quantile(lags, 0.95)} / ${Math.max(...lags)} |`,
  );
  console.log(`| samples with lag ≤ 1 block | ${share(1)} (≤ 0: ${share(0)}) |`);
  console.log(
    `| block seen → indexed: median / p95 | ${quantile(indexedAfter, 0.5)} / ${quantile(indexedAfter, 0.95)} ms (resolution 250 ms) |`,
  );
  console.log(`| machine | ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} |`);
} finally {
  await indexer.stop();
  await net.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
