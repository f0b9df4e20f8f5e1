/**
 * Process start → the companion opens its chain connection: `custos doctor --chain
 * ws://127.0.0.1:<port>` is spawned and the time until its WebSocket upgrade request
 * reaches a local HTTP server is measured (the server never answers the upgrade, so the
 * run stops there and the process is killed). That request is the first thing the CLI
 * sends to the chain; everything before it is module loading, configuration and crypto
 * initialisation. Compiled (`node dist/src/cli/main.js`) against the sources through tsx
 * (`node --import tsx src/cli/main.ts`), runs interleaved, one warm-up round discarded.
 * Prints a Markdown table for docs/benchmarks.md.
 *
 *   npx tsx bench/cli/firstRpc.ts [runs=20]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOS_CLI, ensureBuilt, REPO_ROOT } from '../../tools/build/compiled.js';
import { quantile } from '../quantile.js';

const runs = Number(process.argv[2] ?? 20);
ensureBuilt();

const variants = [
  {
    name: 'node --import tsx src/cli/main.ts doctor',
    args: ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts')],
  },
  { name: 'node dist/src/cli/main.js doctor (compiled)', args: [CUSTOS_CLI] },
];

const server = createServer((_req, res) => res.writeHead(404).end());
let upgraded: (() => void) | undefined;
server.on('upgrade', (_req, socket) => {
  upgraded?.();
  socket.destroy();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const dataDir = mkdtempSync(join(tmpdir(), 'custos-first-rpc-'));

/** Milliseconds from spawn to the first upgrade request on the server. */
async function once(args: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      ...args,
      'doctor',
      '--chain',
      `ws://127.0.0.1:${port}`,
      '--data-dir',
      dataDir,
      '--provider-port',
      '9',
    ],
    { cwd: REPO_ROOT, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' } },
  );
  const ms = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no connection within 30 s')), 30_000);
    upgraded = () => {
      clearTimeout(timer);
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before connecting`));
    });
  });
  child.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  return ms;
}

const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
try {
  for (let run = -1; run < runs; run++) {
    for (const variant of variants) {
      const ms = await once(variant.args);
      if (run >= 0) times.get(variant.name)?.push(ms);
    }
  }
} finally {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`| command (${runs} runs each) | to chain connection, median ms | p95 ms |`);
console.log('|---|---|---|');
for (const [name, xs] of times) {
  console.log(
    `| \`${name}\` | ${quantile(xs, 0.5).toFixed(0)} | ${quantile(xs, 0.95).toFixed(0)} |`,
  );
}
