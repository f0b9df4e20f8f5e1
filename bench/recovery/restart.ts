/**
 * Restart-to-ready on a devnet of 5 companions; each run SIGKILLs one companion (round
 * robin), restarts it, and measures kill → restart attested (best block) → attestation
 * finalized → store open → new KEK confirmed (ready), in milliseconds and in blocks.
 * Prints a Markdown table for docs/benchmarks.md.
 *
 * The chain: Chopsticks with a block every 500 ms (default), or with `--chain validators`
 * four `custos-node` validators (`npm run node:build`) with `--block-ms` slots (default
 * 6000).
 *
 * The companions run the compiled CLI (dist/), or with `--tsx` its TypeScript sources
 * through tsx (`bench/recovery/tsx-custos.mjs`), as before the CLI was compiled.
 *
 *   LOG_LEVEL=warn npx tsx bench/recovery/restart.ts [runs=20] [--tsx]
 *   LOG_LEVEL=warn npx tsx bench/recovery/restart.ts 20 --chain validators --block-ms 1000
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fullyBackedUp } from '../../test/harness/devnet.js';
import { RESTART_STEPS, restartTimeline } from '../../tools/devnet/timeline.js';
import { quantile } from '../quantile.js';
import { benchNetwork, chainArgs } from './chainArgs.js';

const args = chainArgs(20, ['tsx']);
const { runs, onValidators, blockMs, flags } = args;
const { net, work } = await benchNetwork(args, {
  entry: flags.tsx ? fileURLToPath(new URL('./tsx-custos.mjs', import.meta.url)) : undefined,
});
const measured = [
  RESTART_STEPS.attested,
  RESTART_STEPS.finalized,
  RESTART_STEPS.open,
  RESTART_STEPS.ready,
] as const;
const ms = new Map<string, number[]>(measured.map((step) => [step, []]));
const blocks = new Map<string, number[]>(measured.map((step) => [step, []]));
let completed = false;
try {
  for (let i = 0; i < runs; i++) {
    const node = net.nodes[i % net.nodes.length]!;
    // Kill only a node every provider of which holds its confirmed epoch: the previous run's
    // node lost its memory, and until its owners have reshared (new epoch confirmed) one
    // of them may be down to fewer than t holders. Not timed.
    if (i > 0) await fullyBackedUp(net.api, node);
    const steps = await restartTimeline(net, node);
    const killed = steps[0]!;
    for (const step of measured) {
      const at = steps.find((s) => s.step === step)!;
      ms.get(step)!.push(at.ms);
      blocks.get(step)!.push(at.block - killed.block);
    }
    console.error(
      `run ${i + 1}/${runs} (${node.name}): ${steps
        .slice(2)
        .map((s) => `${s.step} ${s.ms} ms`)
        .join(', ')}`,
    );
  }
  completed = true;
} finally {
  await net.stop();
  // A failed run keeps its logs.
  if (completed) rmSync(work, { recursive: true, force: true });
  else console.error(`work dir kept: ${work}`);
}
const chain = `${onValidators ? 'four validators' : 'Chopsticks'}, ${flags.tsx ? 'tsx' : 'compiled'}`;
console.log(
  `| step (from SIGKILL, ${runs} runs, ${chain}, ${blockMs} ms blocks) | median ms | p95 ms | median blocks | p95 blocks |`,
);
console.log('|---|---|---|---|---|');
for (const step of measured) {
  const m = ms.get(step)!;
  const b = blocks.get(step)!;
  console.log(
    `| ${step} | ${quantile(m, 0.5)} | ${quantile(m, 0.95)} | ${quantile(b, 0.5)} | ${quantile(b, 0.95)} |`,
  );
}
process.exit(0);
