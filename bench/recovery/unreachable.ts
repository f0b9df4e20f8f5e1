/**
 * Recovery while holders are unreachable: Chopsticks (a block every 500 ms) and 5
 * companions. Each run pauses (SIGSTOP) n − t + 1 holders of one owner's confirmed epoch,
 * SIGKILLs and restarts the owner, keeps the holders paused for `pauseMs`, resumes them
 * (SIGCONT), and measures resume → owner's KEK recovered (store open: its secret API
 * answers) and resume → ready (new KEK confirmed after the restart), in milliseconds and
 * blocks. Prints a Markdown table for docs/benchmarks.md.
 *
 *   LOG_LEVEL=warn npx tsx bench/recovery/unreachable.ts [runs=10] [pauseMs=15000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNetwork } from '../../tools/devnet/network.js';
import { quantile } from '../quantile.js';

const runs = Number(process.argv[2] ?? 10);
const pauseMs = Number(process.argv[3] ?? 15_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const work = mkdtempSync(join(tmpdir(), 'custos-bench-unreachable-'));
const net = await startNetwork({ size: 5, workDir: work, blockMs: 500, pollMs: 300 });
const { api } = net;
const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(100);
  }
}
const settled = (account: string) =>
  until(async () => {
    const r = (await api.query.attestation.attestations(account)).unwrap();
    const a = (await api.query.backups.assignments(account)).unwrap();
    return a.epoch.eq(a.confirmedEpoch) && a.confirmedAt.toNumber() >= r.attestedAt.toNumber()
      ? true
      : undefined;
  });
const unlocked = (port: number, token: string) =>
  until(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/secrets/probe`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return res.status === 404 ? true : undefined;
  });

const openMs: number[] = [];
const readyMs: number[] = [];
const openBlocks: number[] = [];
const readyBlocks: number[] = [];
try {
  for (const node of net.nodes) await settled(node.account!);
  for (let i = 0; i < runs; i++) {
    const owner = net.nodes[i % net.nodes.length]!;
    await settled(owner.account!);
    const a = (await api.query.backups.assignments(owner.account!)).unwrap();
    const holders = a.confirmedProviders.map(
      (p) => net.nodes.find((n) => api.createType('AccountId32', n.account).eq(p))!,
    );
    const paused = holders.slice(0, holders.length - a.confirmedThreshold.toNumber() + 1);
    await net.killNode(owner, 'SIGKILL');
    for (const h of paused) h.process!.kill('SIGSTOP');
    net.startNode(owner);
    await sleep(pauseMs);
    for (const h of paused) h.process!.kill('SIGCONT');
    const t0 = Date.now();
    const b0 = await best();
    await unlocked(owner.secretApiPort, owner.secretApiToken);
    openMs.push(Date.now() - t0);
    openBlocks.push((await best()) - b0);
    await settled(owner.account!);
    readyMs.push(Date.now() - t0);
    readyBlocks.push((await best()) - b0);
    for (const h of paused) await settled(h.account!);
    console.error(
      `run ${i + 1}/${runs} (${owner.name}, paused ${paused.map((h) => h.name).join(', ')}): open ${openMs.at(-1)} ms, ready ${readyMs.at(-1)} ms`,
    );
  }
} finally {
  for (const n of net.nodes) n.process?.kill('SIGCONT');
  await net.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `| from SIGCONT of the paused holders (${runs} runs, paused ${pauseMs} ms, 500 ms blocks) | median ms | p95 ms | median blocks | p95 blocks |`,
);
console.log('|---|---|---|---|---|');
console.log(
  `| KEK recovered, store open | ${quantile(openMs, 0.5)} | ${quantile(openMs, 0.95)} | ${quantile(openBlocks, 0.5)} | ${quantile(openBlocks, 0.95)} |`,
);
console.log(
  `| ready (new KEK confirmed) | ${quantile(readyMs, 0.5)} | ${quantile(readyMs, 0.95)} | ${quantile(readyBlocks, 0.5)} | ${quantile(readyBlocks, 0.95)} |`,
);
process.exit(0);
