/**
 * Restart-to-ready on a devnet: Chopsticks (a block every 500 ms) and 5 companions; each
 * run SIGKILLs one companion (round robin), restarts it, and measures kill → restart
 * attested → new KEK confirmed (ready), in milliseconds and in blocks. Prints a Markdown
 * table for docs/benchmarks.md.
 *
 *   LOG_LEVEL=warn npx tsx bench/recovery/restart.ts [runs=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNetwork } from '../../src/devnet/network.js';
import { restartTimeline } from '../../src/devnet/timeline.js';

const runs = Number(process.argv[2] ?? 20);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * q) - 1)] ?? Number.NaN;
};

const work = mkdtempSync(join(tmpdir(), 'custos-bench-'));
const net = await startNetwork({ size: 5, workDir: work, blockMs: 500, pollMs: 300 });
const attestedMs: number[] = [];
const readyMs: number[] = [];
const attestedBlocks: number[] = [];
const readyBlocks: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const node = net.nodes[i % net.nodes.length]!;
    const steps = await restartTimeline(net, node);
    const killed = steps[0]!;
    const attested = steps.find((s) => s.step.startsWith('restart attested'))!;
    const ready = steps.find((s) => s.step.startsWith('new KEK'))!;
    attestedMs.push(attested.ms);
    readyMs.push(ready.ms);
    attestedBlocks.push(attested.block - killed.block);
    readyBlocks.push(ready.block - killed.block);
    console.error(
      `run ${i + 1}/${runs} (${node.name}): attested ${attested.ms} ms, ready ${ready.ms} ms`,
    );
  }
} finally {
  await net.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `| step (from SIGKILL, ${runs} runs, 500 ms blocks) | median ms | p95 ms | median blocks | p95 blocks |`,
);
console.log('|---|---|---|---|---|');
console.log(
  `| restart attested on chain | ${quantile(attestedMs, 0.5)} | ${quantile(attestedMs, 0.95)} | ${quantile(attestedBlocks, 0.5)} | ${quantile(attestedBlocks, 0.95)} |`,
);
console.log(
  `| ready (store open, new KEK confirmed) | ${quantile(readyMs, 0.5)} | ${quantile(readyMs, 0.95)} | ${quantile(readyBlocks, 0.5)} | ${quantile(readyBlocks, 0.95)} |`,
);
process.exit(0);
