/**
 * What a refused (or repeated) release request costs the provider's process, over real
 * HTTP on loopback, as `custos start` serves it (`@hono/node-server`, the whole app:
 * request log, rate limits, schemas), with the provider of ./fixture.ts and rate limits
 * off, so that every request reaches the route. A client in another process sends each
 * kind of request over 8 keep-alive connections; the provider's CPU time is divided by
 * the number of requests. The client's CPU is not counted (it runs on the other core).
 *
 * Kinds:
 * - `off-path`: a forged request by someone who has not seen the owner's request
 *   (recovery keys of its own): refused from chain state, no signature check;
 * - `copied`: the owner's request with another key's signature (someone who saw it):
 *   one signature check, then 401;
 * - `stranger`: an owner this provider does not serve: 404;
 * - `repeat`: the exact request of an owner already answered: the same answer again;
 * - `fresh release`: each owner at a new incarnation, so every answer is sealed and
 *   signed anew (the releases-per-CPU-second figure over HTTP);
 * - `bare`: a bare `node:http` server that parses the JSON body and answers 404, for scale.
 *
 * Prints a Markdown table for docs/benchmarks.md.
 *
 *   LOG_LEVEL=warn npx tsx bench/provider/refusals.ts [requests=20000]
 */
import { spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { NO_RATE_LIMIT, providerFixture } from './fixture.js';

const PATH = '/v1/backup-provider/release';
const CONNECTIONS = 8;

/** The client process: POSTs `count` bodies (round robin) read as JSON from stdin. */
async function client(port: number, count: number): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const bodies = JSON.parse(input) as string[];
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let sent = 0;
  const one = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: PATH,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (sent < count) await one(bodies[sent++ % bodies.length]!);
    }),
  );
  agent.destroy();
}

/** Provider CPU (ms) per request while a client process sends `count` of `bodies`. */
async function cpuPerRequest(port: number, bodies: string[], count: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'client', String(port), String(count)],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  child.stdin.end(JSON.stringify(bodies));
  const start = process.cpuUsage();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const used = process.cpuUsage(start);
  if (code !== 0) throw new Error(`client exited with ${code}`);
  return (used.user + used.system) / 1000 / count;
}

/** One status of a POST, to check what a kind of request gets. */
function statusOf(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: PATH,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listening
      ? resolve((server.address() as AddressInfo).port)
      : server.once('listening', () => resolve((server.address() as AddressInfo).port)),
  );

if (process.argv[2] === 'client') {
  await client(Number(process.argv[3]), Number(process.argv[4]));
  process.exit(0);
}

const count = Number(process.argv[2] ?? 20_000);
const fixture = await providerFixture(300, NO_RATE_LIMIT);
const server = serve({ fetch: fixture.app.fetch, hostname: '127.0.0.1', port: 0 });
const port = await listening(server as unknown as Server);
const { owners } = fixture;
const kinds: [string, string[], number][] = [
  ['off-path forged (recovery keys of its own)', owners.map(fixture.offPathRequestOf), 403],
  ['copied fields, another key’s signature', owners.map(fixture.forgedRequestOf), 401],
  ['owner not served', owners.map(() => fixture.strangerRequest()), 404],
  ['exact repeat of an answered request', owners.map((o) => fixture.requestOf(o)), 200],
];
const rows: string[] = [];
for (const [name, bodies, status] of kinds) {
  for (const body of bodies) {
    const got = await statusOf(port, body);
    if (got !== status) throw new Error(`${name}: expected ${status}, got ${got}`);
  }
  await cpuPerRequest(port, bodies, Math.min(2_000, count)); // warm-up
  rows.push(
    `| ${name} | ${status} | ${(await cpuPerRequest(port, bodies, count)).toFixed(3)} ms |`,
  );
}
// Fresh releases (every answer sealed and signed anew): each round moves every owner to
// a new incarnation first, so nothing comes from the idempotence cache.
const rounds = 5;
let releaseCpu = 0;
for (let round = 0; round < rounds; round++) {
  const at = fixture.nextRound();
  releaseCpu += await cpuPerRequest(
    port,
    owners.map((o) => fixture.requestOf(o, at)),
    owners.length,
  );
}
const perRelease = releaseCpu / rounds;
rows.push(
  `| fresh release (${rounds} × ${owners.length}) | 200 | ${perRelease.toFixed(3)} ms (${Math.round(1000 / perRelease)} per CPU-second) |`,
);
server.close();

const bare = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const parsed = JSON.parse(body) as { owner?: string };
    const out = JSON.stringify({ code: 'UNKNOWN_OWNER', message: `${parsed.owner} is not served` });
    res.writeHead(404, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(out),
    });
    res.end(out);
  });
}).listen(0, '127.0.0.1');
const barePort = await listening(bare);
const strangers = owners.map(() => fixture.strangerRequest());
await cpuPerRequest(barePort, strangers, Math.min(2_000, count));
rows.push(
  `| bare \`node:http\`, JSON parsed, 404 (for scale) | 404 | ${(await cpuPerRequest(barePort, strangers, count)).toFixed(3)} ms |`,
);
bare.close();

console.log(
  `${count} requests per kind, ${CONNECTIONS} keep-alive connections, node ${process.version}`,
);
console.log('| request | answer | provider CPU per request |');
console.log('|---|---|---|');
for (const row of rows) console.log(row);
process.exit(0);
