import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SealedStore } from '../keystore/sealedStore.js';
import { Metrics } from '../metrics.js';
import type { BackupProvider } from '../provider/backupProvider.js';
import { ShareVault } from '../provider/shareVault.js';
import { type Serving, startServing } from './serving.js';

const TOKEN = 't'.repeat(32);
let dir: string;
let store: SealedStore;
let serving: Serving | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-serving-'));
  store = SealedStore.create(join(dir, 's'), {
    tssAccount: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    restartSeed: new Uint8Array(32),
    kek: new Uint8Array(32).fill(1),
  });
});
afterEach(async () => {
  await serving?.stop(true);
  serving = undefined;
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Servers on 127.0.0.1 with free ports; their log lines and metrics are kept. */
async function start(withSecretApi: boolean) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const metrics = new Metrics();
  serving = await startServing({
    provider: {} as BackupProvider, // refused before it: malformed or rate-limited requests only
    vault: new ShareVault(),
    metrics,
    logger: pino({ level: 'debug' }, sink),
    rateLimit: {
      perClient: { burst: 2, perSecond: 0.001 },
      global: { burst: 100, perSecond: 100 },
      maxClients: 10,
    },
    providerHost: '127.0.0.1',
    providerPort: 0,
    secretApi: withSecretApi
      ? { port: 0, store, token: TOKEN, anchor: async () => ({ blockNumber: 1 }) }
      : undefined,
  });
  const { port } = serving.providerAddress();
  return { serving, lines, metrics, base: `http://127.0.0.1:${port}` };
}

/** One request on its own connection: its status and headers, or the connection's fate. */
async function once(base: string, path: string) {
  try {
    const res = await fetch(`${base}${path}`, { headers: { connection: 'close' } });
    await res.arrayBuffer();
    return { status: res.status, headers: res.headers };
  } catch {
    return { status: 'closed' as const, headers: new Headers() };
  }
}

/** A raw connection that has sent half a request (the server counts it as active). */
function halfRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /v1/health HTTP/1.1\r\nhost: 127.0.0.1\r\n');
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('startServing', () => {
  it('answers a client over its limit 429 and Connection: close, then closes its new connections at accept', async () => {
    const { lines, metrics, base } = await start(false);
    const malformed = '/v1/backup-provider/holdings/not-an-account';
    expect((await once(base, malformed)).status).toBe(400);
    expect((await once(base, malformed)).status).toBe(400);
    const refused = await once(base, malformed);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('connection')).toBe('close');
    // Paused now: any new connection of this address is closed at accept, before it sends
    // a byte, and a request on one is never answered, health included.
    const silent = connect(Number(new URL(base).port), '127.0.0.1');
    await new Promise<void>((resolve) => silent.once('close', () => resolve()));
    expect((await once(base, '/v1/health')).status).toBe('closed');
    expect((await once(base, malformed)).status).toBe('closed');
    const text = metrics.render();
    expect(text).toContain('custos_connections_closed_total 3');
    expect(
      lines.filter((l) => l.msg === 'client over its rate limit; not read from for a while'),
    ).toHaveLength(1);
  });

  it('refuses an oversized body by its declared length before it arrives, and a chunked one as it streams', async () => {
    const { base } = await start(false);
    const port = Number(new URL(base).port);
    const exchange = (head: string, body = '') =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(head + body));
        let answer = '';
        socket.on('data', (chunk) => {
          answer += String(chunk);
          // The status line and headers are enough: the body may never be sent.
          if (answer.includes('\r\n\r\n')) socket.destroy();
        });
        socket.once('close', () => resolve(answer));
        socket.once('error', reject);
      });
    const path =
      'POST /v1/backup-provider/release HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n';
    // 70,000 bytes declared, none sent: answered at once (the body is never waited for).
    const declared = await exchange(`${path}content-length: 70000\r\n\r\n`);
    expect(declared).toMatch(/^HTTP\/1\.1 413 /);
    const chunk = `{"pad":"${'x'.repeat(70_000)}"}`;
    const chunked = await exchange(
      `${path}transfer-encoding: chunked\r\n\r\n`,
      `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('serves the secret API on 127.0.0.1 only when configured, and only with its token', async () => {
    const without = await start(false);
    expect(without.serving.secretApiAddress()).toBeUndefined();
    await without.serving.stop(true);

    const withApi = await start(true);
    const address = withApi.serving.secretApiAddress()!;
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).not.toBe(withApi.serving.providerAddress().port);
    const local = `http://127.0.0.1:${address.port}/v1/secrets/key`;
    expect((await fetch(local)).status).toBe(401);
    const authorised = await fetch(local, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(authorised.status).toBe(404);
    // The provider API does not serve secrets.
    expect((await once(withApi.base, '/v1/secrets/key')).status).toBe(404);
  });

  it('refuses a port already taken with LISTEN_FAILED, leaving nothing listening', async () => {
    const { serving: first } = await start(true);
    const taken = first.providerAddress().port;
    const attempt = startServing({
      provider: {} as BackupProvider,
      vault: new ShareVault(),
      metrics: new Metrics(),
      logger: pino({ level: 'silent' }),
      rateLimit: {
        perClient: { burst: 2, perSecond: 1 },
        global: { burst: 100, perSecond: 100 },
        maxClients: 10,
      },
      providerHost: '127.0.0.1',
      providerPort: taken,
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'LISTEN_FAILED',
      message: expect.stringContaining('provider API'),
    });
    // The first servers still answer.
    expect((await once(`http://127.0.0.1:${taken}`, '/v1/health')).status).toBe(200);
  });

  it('stop(true) cuts requests under way at once and closes both ports', async () => {
    const { serving: s } = await start(true);
    const providerPort = s.providerAddress().port;
    const secretPort = s.secretApiAddress()!.port;
    const pending = await halfRequest(providerPort);
    const cut = new Promise<void>((resolve) => pending.once('close', () => resolve()));
    await s.stop(true);
    await cut;
    for (const port of [providerPort, secretPort])
      expect((await once(`http://127.0.0.1:${port}`, '/v1/health')).status).toBe('closed');
    // A second stop is the same stop.
    await s.stop(false);
  });
});
