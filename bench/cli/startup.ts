/**
 * Process start → `custos --help` printed and exited, for the ways the CLI has been run:
 * through tsx (`node --import tsx src/cli/main.ts`, what the devnet and the tests spawned
 * before the CLI was compiled; `tsx src/cli/main.ts`, what `npm run custos` ran) and
 * compiled (`node dist/src/cli/main.js`, the `bin`). Wall time of each spawn, measured in
 * this process around `spawnSync`; runs alternate between the variants so that a change in
 * the machine's load spreads over all of them. Prints a Markdown table for
 * docs/benchmarks.md.
 *
 *   npx tsx bench/cli/startup.ts [runs=20]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CUSTOS_CLI, ensureBuilt, REPO_ROOT } from '../../tools/build/compiled.js';
import { quantile } from '../quantile.js';

const runs = Number(process.argv[2] ?? 20);
ensureBuilt();

const SOURCE_CLI = join(REPO_ROOT, 'src/cli/main.ts');
const TSX_BIN = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
const variants = [
  { name: 'node --import tsx src/cli/main.ts --help', args: ['--import', 'tsx', SOURCE_CLI] },
  { name: 'tsx src/cli/main.ts --help', args: [TSX_BIN, SOURCE_CLI] },
  { name: 'node dist/src/cli/main.js --help (compiled)', args: [CUSTOS_CLI] },
];

const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
for (let run = -1; run < runs; run++) {
  for (const variant of variants) {
    const start = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [...variant.args, '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (res.status !== 0 || !res.stdout.includes('Commands:')) {
      throw new Error(`${variant.name} failed (exit ${res.status}): ${res.stderr}`);
    }
    if (run >= 0) times.get(variant.name)?.push(ms); // run -1 warms the disk cache
  }
}

console.log(`| command (${runs} runs each) | median ms | p95 ms |`);
console.log('|---|---|---|');
for (const [name, xs] of times) {
  console.log(
    `| \`${name}\` | ${quantile(xs, 0.5).toFixed(0)} | ${quantile(xs, 0.95).toFixed(0)} |`,
  );
}
