import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { NO_RATE_LIMIT, providerFixture } from './fixture.js';

if (process.argv[2] === 'client') {
  const { Agent, request } = await import('node:http');
  const port = Number(process.argv[3]);
  const n = Number(process.argv[4]);
  const bodies: string[] = JSON.parse(
    await new Promise<string>((r) => {
      let s = '';
      process.stdin.on('data', (d) => (s += d));
      process.stdin.on('end', () => r(s));
    }),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let next = 0;
  const one = () =>
    new Promise<void>((res, rej) => {
      const body = bodies[next++ % bodies.length]!;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/backup-provider/release',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (r) => {
          r.resume();
          r.on('end', () => res());
        },
      );
      req.on('error', rej);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) await one();
    }),
  );
  agent.destroy();
  process.exit(0);
}
const { app, owners, forgedRequestOf, strangerRequest } = await providerFixture(300, NO_RATE_LIMIT);
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const port = (server.address() as AddressInfo).port;
const run = async (bodies: string[], n: number) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', process.argv[1]!, 'client', String(port), String(n)],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  child.stdin.end(JSON.stringify(bodies));
  const s = process.cpuUsage();
  await new Promise((r) => child.on('exit', r));
  const u = process.cpuUsage(s);
  return (u.user + u.system) / 1000 / n;
};
const kind = process.argv[2] ?? 'stranger';
const bodies = owners.map((o) => (kind === 'forged' ? forgedRequestOf(o) : strangerRequest()));
await run(bodies, 2000);
console.log(
  kind,
  (await run(bodies, 20000)).toFixed(3),
  'ms/req (includes idle-ish client startup)',
);
server.close();
process.exit(0);
