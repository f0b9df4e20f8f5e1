/**
 * A provider's request path, in-process (./fixture.ts, rate limits off: the request path
 * alone). Measures
 *
 * - CPU per release and releases per CPU-second (sequential, each owner once);
 * - latency p50/p99 of releases at 1, 10 and 100 concurrent requests;
 * - CPU per refused request: a forged signature for a served owner, a request for an
 *   owner this provider does not serve, and a replay of an answered request.
 *
 * Prints a Markdown table for docs/benchmarks.md.
 *
 *   LOG_LEVEL=warn npx tsx bench/provider/release.ts [owners=300]
 */

import { quantile } from '../quantile.js';
import { NO_RATE_LIMIT, providerFixture } from './fixture.js';

const ownerCount = Number(process.argv[2] ?? 300);
const {
  app,
  owners: all,
  requestOf,
  forgedRequestOf,
  strangerRequest,
  nextRound,
} = await providerFixture(ownerCount, NO_RATE_LIMIT);

const post = async (body: string) => {
  const res = await app.request('/v1/backup-provider/release', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  return res.status;
};
const cpuMs = (work: () => Promise<void>) => async () => {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

// Warm up (JIT, wasm).
for (const o of all.slice(0, 20)) await post(requestOf(o));

nextRound();
const bodies = all.map((o) => requestOf(o));
const sequentialCpu = await cpuMs(async () => {
  for (const b of bodies) if ((await post(b)) !== 200) throw new Error('release refused');
})();
const perRelease = sequentialCpu / ownerCount;

const latency: Record<number, { p50: number; p99: number }> = {};
for (const concurrency of [1, 10, 100]) {
  nextRound();
  const queue = all.map((o) => requestOf(o));
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = queue.pop(); b; b = queue.pop()) {
        const t = performance.now();
        if ((await post(b)) !== 200) throw new Error('release refused');
        times.push(performance.now() - t);
      }
    }),
  );
  latency[concurrency] = { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

const forgedBodies = all.map((o) => forgedRequestOf(o));
const forgedCpu = await cpuMs(async () => {
  for (const b of forgedBodies) if ((await post(b)) !== 401) throw new Error('forged accepted');
})();
const strangers = all.map(() => strangerRequest());
const strangerCpu = await cpuMs(async () => {
  for (const b of strangers) if ((await post(b)) !== 404) throw new Error('stranger served');
})();
const replays = all.map((o) => requestOf(o));
for (const b of replays) await post(b);
const replayCpu = await cpuMs(async () => {
  for (const b of replays) if ((await post(b)) !== 200) throw new Error('replay refused');
})();

const f = (x: number) => x.toFixed(2);
console.log(`owners: ${ownerCount}, node ${process.version}`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| CPU per release | ${f(perRelease)} ms |`);
console.log(`| releases per CPU-second | ${Math.round(1000 / perRelease)} |`);
for (const c of [1, 10, 100])
  console.log(
    `| latency at ${c} concurrent (p50 / p99) | ${f(latency[c]!.p50)} / ${f(latency[c]!.p99)} ms |`,
  );
console.log(
  `| CPU per forged request (served owner, bad signature) | ${f(forgedCpu / ownerCount)} ms |`,
);
console.log(`| CPU per request for an owner not served | ${f(strangerCpu / ownerCount)} ms |`);
console.log(`| CPU per replayed request (idempotent answer) | ${f(replayCpu / ownerCount)} ms |`);
