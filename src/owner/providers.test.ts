import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PeerError } from '../errors/owner.js';
import { MAX_REPLY_BYTES, postJson, warmUpHttpClient } from './providers.js';

/** A peer on 127.0.0.1 that answers each path with a fixed status and body. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Far more than an honest reply; streamed so the owner can stop early.
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200) res.once('drain', push);
        else res.end();
      };
      res.on('error', () => undefined);
      push();
    } else if (req.url === '/refuse') {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'NO_ATTESTATION', message: 'm'.repeat(10_000) }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('postJson (owner to provider)', () => {
  it('returns a small reply', async () => {
    expect(await postJson(`${base}/ok`, {})).toEqual({ ok: true });
  });

  it('stops reading a reply larger than the limit', async () => {
    await expect(postJson(`${base}/huge`, {})).rejects.toMatchObject({
      code: 'REPLY_TOO_LARGE',
      message: `reply larger than ${MAX_REPLY_BYTES} bytes`,
    });
  });

  it('cuts a peer’s refusal text short', async () => {
    const error = await postJson(`${base}/refuse`, {}).catch((e: Error) => e);
    expect((error as Error).message.startsWith('403 NO_ATTESTATION m')).toBe(true);
    expect((error as Error).message.length).toBeLessThan(260);
    // Typed: the status and the peer's code, without its text.
    expect(error).toBeInstanceOf(PeerError);
    expect(error).toMatchObject({
      code: 'PEER_REFUSED',
      refusal: { status: 403, peerCode: 'NO_ATTESTATION' },
    });
  });
});

describe('warmUpHttpClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('fetches a data: URL only (no network), and never rejects', async () => {
    const seen: string[] = [];
    const real = globalThis.fetch;
    vi.stubGlobal('fetch', async (url: string) => {
      seen.push(url);
      return await real(url);
    });
    await warmUpHttpClient();
    expect(seen).toEqual(['data:,']);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(warmUpHttpClient()).resolves.toBeUndefined();
  });
});
