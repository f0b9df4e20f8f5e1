/**
 * Where the indexer's time goes: builds one dense chain in Chopsticks (the same blocks as
 * bench/indexer/run.ts: per block a measurement added and removed through sudo and one
 * owner's checkpoint), times raw block fetches from it, then indexes it from scratch once
 * per set of `subql-node` flags and prints the steady rate of each; with `--profiler` in a
 * set, also SubQuery's per-stage and per-handler times, summed over the run. With `--cpu`
 * as the third argument, each node also runs under V8's sampling profiler and the share of
 * CPU of each kind of work is printed (see cpuShares.ts). An entry `NAME=value` in a set is
 * put in the environment for that run instead of passed as a flag (e.g.
 * `CUSTOS_SUBQL_DECORATE_ONCE=0` to index without the runner's metadata reuse).
 *
 *   LOG_LEVEL=warn npx tsx bench/indexer/profile.ts [blocks=600] ['[["--profiler"],[]]'] [--cpu]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsProvider } from '@polkadot/api';
import { startIndexer } from '../../tools/indexer/start.js';
import { cpuShares } from './cpuShares.js';
import { buildDenseChain } from './denseChain.js';
import { type HeightSample, sampleUntilIndexed, steadyRate } from './sampling.js';

const BLOCKS = Number(process.argv[2] ?? 600);
const VARIANTS = JSON.parse(process.argv[3] ?? '[["--profiler"],[]]') as string[][];
const CPU = process.argv[4] === '--cpu';

const { chain, head, buildSeconds } = await buildDenseChain(BLOCKS);
const { api } = chain;
try {
  console.log(`chain: ${head} blocks built in ${buildSeconds.toFixed(0)} s`);

  // What one block costs to fetch from Chopsticks, sequentially (hash, block, events, version).
  const dev = new WsProvider(chain.endpoint);
  await dev.isReady;
  const key = api.query.system.events.key();
  const fetched = Date.now();
  for (let n = 1; n <= head; n++) {
    const hash = await dev.send('chain_getBlockHash', [n]);
    await Promise.all([
      dev.send('chain_getBlock', [hash]),
      dev.send('state_getStorage', [key, hash]),
      dev.send('state_getRuntimeVersion', [hash]),
    ]);
  }
  console.log(`raw fetch: ${((Date.now() - fetched) / head).toFixed(2)} ms per block`);
  await dev.disconnect();

  for (const variant of VARIANTS) {
    const isEnv = (entry: string) => /^[A-Z][A-Z0-9_]*=/.test(entry);
    const nodeArgs = variant.filter((entry) => !isEnv(entry));
    const envSet = variant
      .filter(isEnv)
      .map((e): [string, string] => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]);
    const saved = new Map(envSet.map(([name]) => [name, process.env[name]]));
    for (const [name, value] of envSet) process.env[name] = value;
    const work = mkdtempSync(join(tmpdir(), 'custos-bench-profile-'));
    const profiling = nodeArgs.includes('--profiler');
    const cpuProfileDir = CPU ? join(work, 'cpu') : undefined;
    if (cpuProfileDir) mkdirSync(cpuProfileDir);
    const indexer = await startIndexer({
      endpoint: chain.endpoint,
      workDir: work,
      nodeArgs,
      cpuProfileDir,
      logLevel: profiling ? 'info' : 'warn',
    });
    let samples: HeightSample[];
    try {
      samples = await sampleUntilIndexed(indexer, head, { intervalMs: 250, timeoutMs: 1_800_000 });
    } finally {
      await indexer.stop();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const steady = steadyRate(samples);
    console.log(
      `\nsubql-node ${variant.join(' ') || '(defaults)'}: steady ${steady.toFixed(1)} blocks/s`,
    );
    if (profiling) {
      const total = new Map<string, { ms: number; calls: number }>();
      for (const line of readFileSync(join(work, 'subql-node.log'), 'utf8').split('\n')) {
        const found = /"message":"([^"]+), ([\d.]+) ms"/.exec(line);
        if (!found) continue;
        const entry = total.get(found[1]!) ?? { ms: 0, calls: 0 };
        entry.ms += Number(found[2]);
        entry.calls += 1;
        total.set(found[1]!, entry);
      }
      console.log('| stage or handler | calls | ms per call |\n|---|---|---|');
      for (const [name, { ms, calls }] of [...total].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
        console.log(`| ${name} | ${calls} | ${(ms / calls).toFixed(2)} |`);
    }
    if (cpuProfileDir) {
      for (const file of readdirSync(cpuProfileDir).filter((f) => f.endsWith('.cpuprofile'))) {
        const { windowMs, shares, topInclusive } = cpuShares(join(cpuProfileDir, file));
        console.log(`\nCPU while indexing (${(windowMs / 1000).toFixed(1)} s of samples):`);
        console.log('| where | share |\n|---|---|');
        for (const [name, share] of shares)
          console.log(`| ${name} | ${(share * 100).toFixed(1)} % |`);
        console.log('\nframes with the largest inclusive share:\n| frame | share |\n|---|---|');
        for (const [name, share] of topInclusive)
          console.log(`| ${name} | ${(share * 100).toFixed(1)} % |`);
      }
    }
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
} finally {
  await chain.close();
}
process.exit(0);
