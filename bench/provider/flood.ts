/**
 * A provider under a flood of forged requests, over real HTTP on loopback: the provider of
 * ./fixture.ts with the default rate limits (`PROVIDER_RATE_LIMIT`) and flood gate, behind
 * `@hono/node-server`, as `custos start` serves it. Honest owners, each from its own loopback address
 * (127.0.1.x, as validators on their own hosts), ask for their releases at a steady pace:
 * first alone, then while one flooding client (a child process on 127.0.0.1) sends `rate`
 * forged requests per second (well formed, for served owners, signed by a wrong key) over
 * keep-alive connections. Reports the honest releases' latency in both phases, what the
 * flood got back, and the provider process's CPU.
 *
 * Both processes share the machine's cores (the flooding client's own CPU competes with the
 * provider, which an attacker on another machine would not).
 *
 *   LOG_LEVEL=warn npx tsx bench/provider/flood.ts [rate=5000] [seconds=10]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { FloodGate } from '../../src/http/floodGate.js';
import { PROVIDER_RATE_LIMIT } from '../../src/http/rateLimit.js';
import { quantile } from '../quantile.js';
import { providerFixture } from './fixture.js';

/** POSTs `body` to the release route; resolves with the status and milliseconds taken. */
function post(
  port: number,
  body: string,
  options: { agent?: Agent; localAddress?: string } = {},
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/backup-provider/release',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        agent: options.agent ?? false,
        localAddress: options.localAddress,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The flooding client: `rate` requests per second from `bodies`, for `seconds`. */
async function flood(port: number, rate: number, seconds: number, bodies: string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const statuses = new Map<number, number>();
  let inFlight = 0;
  let skipped = 0;
  let sent = 0;
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const end = performance.now() + seconds * 1000;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      if (performance.now() >= end) {
        clearInterval(timer);
        done();
        return;
      }
      for (let i = 0; i < perTick; i++) {
        // Bounded: a client that cannot keep up counts what it did not send.
        if (inFlight >= 2_000) {
          skipped += 1;
          continue;
        }
        inFlight += 1;
        sent += 1;
        post(port, bodies[sent % bodies.length]!, { agent })
          .then(({ status }) => statuses.set(status, (statuses.get(status) ?? 0) + 1))
          .catch(() => statuses.set(-1, (statuses.get(-1) ?? 0) + 1))
          .finally(() => {
            inFlight -= 1;
          });
      }
    }, tickMs);
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  agent.destroy();
  return { sent, skipped, statuses: Object.fromEntries(statuses) };
}

if (process.argv[2] === '--flood-client') {
  const [port, rate, seconds] = process.argv.slice(3, 6).map(Number) as [number, number, number];
  const bodies = JSON.parse(process.argv[6]!) as string[];
  process.stdout.write(JSON.stringify(await flood(port, rate, seconds, bodies)));
  process.exit(0);
}

const rate = Number(process.argv[2] ?? 5000);
const seconds = Number(process.argv[3] ?? 10);
/** Honest releases per second, each a different owner from its own address. */
const HONEST_PER_SECOND = 10;
const honestPerPhase = HONEST_PER_SECOND * seconds;
// As `custos start` serves: the default limits, and the flood gate on the connections.
const floodGate = new FloodGate({
  firstPauseMs: 1_000,
  maxPauseMs: 30_000,
  maxClients: PROVIDER_RATE_LIMIT.maxClients,
  now: () => performance.now(),
});
const fixture = await providerFixture(honestPerPhase + 50, PROVIDER_RATE_LIMIT, floodGate);
const server = serve({ fetch: floodGate.guard(fixture.app.fetch), hostname: '127.0.0.1', port: 0 });
server.on('connection', (socket: Socket) => floodGate.admit(socket));
await new Promise<void>((r) => server.once('listening', () => r()));
const { port } = server.address() as AddressInfo;

/** One phase of honest releases; returns their latencies and statuses. */
async function honestPhase(): Promise<{ ms: number[]; refused: number }> {
  fixture.nextRound();
  const ms: number[] = [];
  let refused = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < honestPerPhase; i++) {
    const owner = fixture.owners[i]!;
    const localAddress = `127.0.1.${i + 1}`;
    pending.push(
      post(port, fixture.requestOf(owner), { localAddress }).then((r) => {
        if (r.status === 200) ms.push(r.ms);
        else refused += 1;
      }),
    );
    await new Promise((r) => setTimeout(r, 1000 / HONEST_PER_SECOND));
  }
  await Promise.all(pending);
  return { ms, refused };
}

const cpu = async <T>(work: () => Promise<T>) => {
  const start = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(start);
  return { result, cpuMs: (used.user + used.system) / 1000 };
};

// Warm up (JIT, wasm) from addresses the phases do not use.
for (let i = 0; i < 20; i++)
  await post(port, fixture.requestOf(fixture.owners[honestPerPhase + i]!), {
    localAddress: `127.0.2.${i + 1}`,
  });

const quiet = await cpu(honestPhase);

const forged = fixture.owners.slice(0, 200).map((o) => fixture.forgedRequestOf(o));
const child = spawn(
  process.execPath,
  [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    '--flood-client',
    String(port),
    String(rate),
    String(seconds),
    JSON.stringify(forged),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let floodOut = '';
child.stdout.on('data', (d) => {
  floodOut += d;
});
const flooded = await cpu(honestPhase);
await new Promise((r) => child.once('exit', r));
server.close();
const floodResult = JSON.parse(floodOut) as {
  sent: number;
  skipped: number;
  statuses: Record<string, number>;
};

const f = (x: number) => x.toFixed(2);
const row = (name: string, p: { result: { ms: number[]; refused: number }; cpuMs: number }) =>
  `| ${name} | ${p.result.ms.length} / ${p.result.refused} | ${f(quantile(p.result.ms, 0.5))} / ${f(quantile(p.result.ms, 0.99))} ms | ${f(p.cpuMs / 1000 / seconds)} |`;
console.log(`rate: ${rate}/s for ${seconds} s, node ${process.version}`);
console.log('| phase | honest released / refused | honest p50 / p99 | provider CPU (cores) |');
console.log('|---|---|---|---|');
console.log(row('quiet', quiet));
console.log(row(`flood, ${rate} forged/s`, flooded));
console.log(
  `\nflood: ${floodResult.sent} sent (${Math.round(floodResult.sent / seconds)}/s), ${floodResult.skipped} not sent (client backlog); answers by status: ${JSON.stringify(floodResult.statuses)}`,
);
