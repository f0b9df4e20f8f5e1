/**
 * From a restart attestation becoming final to the holders sending their shares, on a
 * devnet of 5 companions (Chopsticks, or `--chain validators` for four `custos-node`
 * validators). Each run restarts one companion (round robin, `restartTimeline`); the bench
 * follows finalized heads itself and notes when the first one at or past the block holding
 * the new attestation arrives; each holder's answer time is the `request served` line of
 * its release (companions log at debug level here, with millisecond timestamps from the
 * same clock). Reported: the first holder's answer, the t-th (the owner can combine) and
 * the last, each minus the finality time.
 *
 *   LOG_LEVEL=warn npx tsx bench/recovery/finalToSent.ts [runs=10]
 *   LOG_LEVEL=warn npx tsx bench/recovery/finalToSent.ts 10 --chain validators --block-ms 1000
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fullyBackedUp } from '../../test/harness/devnet.js';
import { restartTimeline } from '../../tools/devnet/timeline.js';
import { quantile } from '../quantile.js';
import { benchNetwork, chainArgs } from './chainArgs.js';

const args = chainArgs(10);
const { runs, onValidators, blockMs } = args;
const { net, work } = await benchNetwork(args, { logLevel: 'debug' });
const { api } = net;
/** Finalized heads as the bench saw them arrive: block number → first arrival (ms). */
const finalAt = new Map<number, number>();
const unsubscribe = await api.rpc.chain.subscribeFinalizedHeads((header) => {
  const n = header.number.toNumber();
  if (!finalAt.has(n)) finalAt.set(n, Date.now());
});

/** The times of `node`'s log lines since `since` that contain every one of `parts`. */
function logged(dataDir: string, since: number, ...parts: string[]): number[] {
  const times: number[] = [];
  for (const line of readFileSync(join(dataDir, 'start.log'), 'utf8').split('\n')) {
    if (!line.startsWith('{') || !parts.every((p) => line.includes(p))) continue;
    const entry = JSON.parse(line) as { time: number };
    if (entry.time >= since) times.push(entry.time);
  }
  return times;
}

const first: number[] = [];
const threshold: number[] = [];
const last: number[] = [];
/** Per run, the median holder's time to have read the final block. */
const viewedMedian: number[] = [];
const t = (await api.query.backups.params()).t.toNumber();
let completed = false;
try {
  for (let i = 0; i < runs; i++) {
    const node = net.nodes[i % net.nodes.length]!;
    // Every run, the first too: a companion that just started may not have its first
    // epoch confirmed yet, and the holders read below would be empty.
    await fullyBackedUp(api, node);
    const holders = (await api.query.backups.assignments(node.account!))
      .unwrap()
      .confirmedProviders.map((p) => p.toString());
    const since = Date.now();
    await restartTimeline(net, node);
    const attestedAt = (await api.query.attestation.attestations(node.account!))
      .unwrap()
      .attestedAt.toNumber();
    const finalBlock = [...finalAt.keys()].filter((n) => n >= attestedAt).sort((a, b) => a - b)[0];
    const final = finalAt.get(finalBlock!)!;
    const holderNodes = net.nodes.filter((n) =>
      holders.some((h) => api.createType('AccountId32', h).eq(n.account)),
    );
    /** Each holder's first log line with `parts`, in ms after finality, in order. */
    const afterFinal = (...parts: string[]) =>
      holderNodes
        .map((n) => logged(n.dataDir, since, ...parts)[0])
        .filter((x): x is number => x !== undefined)
        .map((x) => x - final)
        .sort((a, b) => a - b);
    const sent = afterFinal('"request served"', '/v1/backup-provider/release', '"status":200');
    // The owner's own view: when its submission returned (its log line).
    const ownerSaw = logged(node.dataDir, since, '"restart attested"')[0];
    // Each holder's finalized view: when it had read the block that made the attestation
    // final (its log line), which is when a request waiting for it is answered.
    const viewed = afterFinal('"finalized view updated"', `"block":${finalBlock},`);
    console.error(
      `run ${i + 1}/${runs} (${node.name}): block ${attestedAt} final; owner saw its attestation at ${ownerSaw === undefined ? '?' : ownerSaw - final} ms; holders' views had read it at ${viewed.join(', ')} ms; shares sent at ${sent.join(', ')} ms`,
    );
    if (viewed.length > 0) viewedMedian.push(quantile(viewed, 0.5));
    if (sent.length < t) continue;
    first.push(sent[0]!);
    threshold.push(sent[t - 1]!);
    last.push(sent.at(-1)!);
  }
  completed = true;
} finally {
  (unsubscribe as unknown as () => void)();
  await net.stop();
  if (completed) rmSync(work, { recursive: true, force: true });
  else console.error(`work dir kept: ${work}`);
}
const chain = onValidators ? 'four validators' : 'Chopsticks';
console.log(
  `| attestation final → share sent (${first.length} of ${runs} restarts with t answers in the logs, ${chain}, ${blockMs} ms blocks) | median ms | p95 ms |`,
);
console.log('|---|---|---|');
for (const [name, xs] of [
  ['first holder', first],
  [`t-th holder (t = ${t})`, threshold],
  ['last holder', last],
  ["(the median holder's finalized view has read the block)", viewedMedian],
] as const)
  console.log(`| ${name} | ${quantile(xs, 0.5)} | ${quantile(xs, 0.95)} |`);
process.exit(0);
