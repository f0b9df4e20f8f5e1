/**
 * The provider routes' flood resistance: a per-client and a global token bucket, checked
 * before anything else runs, on a fake clock (no sleeping, no timing dependence).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { Metrics } from '../metrics.js';
import type { BackupProvider } from '../provider/backupProvider.js';
import { ShareVault } from '../provider/shareVault.js';
import { createApp, hardenedApp } from './app.js';
import {
  addressKey,
  type BucketLimit,
  RATE_LIMITED,
  rateLimit,
  UNKNOWN_CLIENT,
} from './rateLimit.js';
import { REQUEST_ID_HEADER } from './requestLog.js';

/** A fake monotonic clock in milliseconds. */
function fakeClock() {
  let t = 1_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** The Node bindings `getConnInfo` reads, as `@hono/node-server` passes them. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

function limitedApp(
  limits: { perClient: BucketLimit; global: BucketLimit; maxClients?: number },
  clock = fakeClock(),
) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const metrics = new Metrics();
  const limiter = rateLimit({ maxClients: 100, ...limits, now: clock.now, metrics });
  const app = hardenedApp(pino({ level: 'debug' }, sink), 64, [
    { path: '/limited/*', handler: limiter },
  ]);
  const handler = vi.fn();
  app.post('/limited/echo', async (c) => {
    handler(await c.req.json());
    return c.json({ ok: true });
  });
  app.get('/limited/ping', (c) => {
    handler();
    return c.json({ ok: true });
  });
  app.get('/free', (c) => c.json({ ok: true }));
  const get = (path: string, address?: string) =>
    app.request(path, {}, address ? from(address) : undefined);
  return { app, clock, lines, metrics, limiter, handler, get };
}

describe('rateLimit', () => {
  it('allows a burst, then answers 429 with Retry-After until one token is back', async () => {
    const s = limitedApp({
      perClient: { burst: 3, perSecond: 0.5 },
      global: { burst: 100, perSecond: 100 },
    });
    for (let i = 0; i < 3; i++) expect((await s.get('/limited/ping')).status).toBe(200);
    const refused = await s.get('/limited/ping');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({
      code: RATE_LIMITED,
      message: 'too many requests; retry in 2 s',
    });
    s.clock.advance(1_500);
    const still = await s.get('/limited/ping');
    expect(still.status).toBe(429);
    expect(still.headers.get('retry-after')).toBe('1');
    s.clock.advance(499);
    expect((await s.get('/limited/ping')).headers.get('retry-after')).toBe('1');
    s.clock.advance(1);
    expect((await s.get('/limited/ping')).status).toBe(200);
    expect(s.handler).toHaveBeenCalledTimes(4);
    expect(s.metrics.value('custos_requests_refused_total', { code: RATE_LIMITED })).toBe(3);
  });

  it('refills at the sustained rate, never beyond the burst', async () => {
    const s = limitedApp({
      perClient: { burst: 2, perSecond: 5 },
      global: { burst: 100, perSecond: 100 },
    });
    const statuses = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await s.get('/limited/ping')).status);
      return out;
    };
    expect(await statuses(3)).toEqual([200, 200, 429]);
    s.clock.advance(200);
    expect(await statuses(2)).toEqual([200, 429]);
    s.clock.advance(100);
    expect(await statuses(1)).toEqual([429]);
    s.clock.advance(100);
    expect(await statuses(1)).toEqual([200]);
    s.clock.advance(3_600_000);
    expect(await statuses(3)).toEqual([200, 200, 429]);
  });

  it('keeps each remote address in its own bucket; in-process requests share one', async () => {
    const s = limitedApp({
      perClient: { burst: 2, perSecond: 1 },
      global: { burst: 100, perSecond: 100 },
    });
    const statuses = async (address?: string) => [
      (await s.get('/limited/ping', address)).status,
      (await s.get('/limited/ping', address)).status,
      (await s.get('/limited/ping', address)).status,
    ];
    expect(await statuses('192.0.2.1')).toEqual([200, 200, 429]);
    expect(await statuses('192.0.2.2')).toEqual([200, 200, 429]);
    expect(await statuses('::ffff:192.0.2.3')).toEqual([200, 200, 429]);
    expect((await s.get('/limited/ping', '192.0.2.3')).status).toBe(429);
    expect(await statuses()).toEqual([200, 200, 429]);
    expect(s.limiter.tracked).toBe(4);
  });

  it('the global bucket caps the sum over all clients', async () => {
    const s = limitedApp({
      perClient: { burst: 5, perSecond: 5 },
      global: { burst: 8, perSecond: 2 },
    });
    const served: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await s.get('/limited/ping', `198.51.100.${i}`);
      if (res.status === 200) served.push(i);
      else expect(res.headers.get('retry-after')).toBe('1');
    }
    expect(served).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    s.clock.advance(1_000);
    expect((await s.get('/limited/ping', '203.0.113.1')).status).toBe(200);
    expect((await s.get('/limited/ping', '203.0.113.2')).status).toBe(200);
    expect((await s.get('/limited/ping', '203.0.113.3')).status).toBe(429);
    expect(s.handler).toHaveBeenCalledTimes(10);
  });

  it('tracks at most maxClients, forgetting the least recently seen', async () => {
    const s = limitedApp({
      perClient: { burst: 1, perSecond: 0.001 },
      global: { burst: 1_000_000, perSecond: 1 },
      maxClients: 3,
    });
    expect((await s.get('/limited/ping', '10.0.0.1')).status).toBe(200);
    expect((await s.get('/limited/ping', '10.0.0.1')).status).toBe(429);
    await s.get('/limited/ping', '10.0.0.2');
    await s.get('/limited/ping', '10.0.0.3');
    // Seen again (even refused), 10.0.0.1 is the most recent; 10.0.0.2 is forgotten.
    expect((await s.get('/limited/ping', '10.0.0.1')).status).toBe(429);
    expect((await s.get('/limited/ping', '10.0.0.4')).status).toBe(200);
    expect((await s.get('/limited/ping', '10.0.0.1')).status).toBe(429);
    expect((await s.get('/limited/ping', '10.0.0.2')).status).toBe(200);
    for (let i = 0; i < 1_000; i++) await s.get('/limited/ping', `10.1.${i >> 8}.${i & 255}`);
    expect(s.limiter.tracked).toBe(3);
    // 10.0.0.1 was forgotten, so it starts again with a full bucket.
    expect((await s.get('/limited/ping', '10.0.0.1')).status).toBe(200);
  });

  it('refuses before the body is looked at or the handler runs, and logs the refusal once', async () => {
    const s = limitedApp({
      perClient: { burst: 1, perSecond: 1 },
      global: { burst: 100, perSecond: 100 },
    });
    const post = (body: string, contentType = 'application/json') =>
      s.app.request('/limited/echo', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
    expect((await post('{"n":1}')).status).toBe(200);
    expect(s.handler).toHaveBeenCalledTimes(1);
    const secret = 'a-body-that-must-never-be-logged';
    const refused = await post(JSON.stringify({ secret }));
    const oversized = await post(secret.repeat(10));
    const wrongType = await post(secret, 'text/plain');
    for (const res of [refused, oversized, wrongType]) expect(res.status).toBe(429);
    expect(s.handler).toHaveBeenCalledTimes(1);
    const logged = s.lines.filter((l) => l.req === refused.headers.get(REQUEST_ID_HEADER));
    expect(logged).toEqual([
      expect.objectContaining({
        level: 40,
        status: 429,
        code: RATE_LIMITED,
        reason: 'too many requests; retry in 1 s',
      }),
    ]);
    expect(JSON.stringify(s.lines)).not.toContain(secret);
    expect((await s.get('/free')).status).toBe(200);
  });

  it('limits the provider routes of createApp, not health or metrics', async () => {
    const clock = fakeClock();
    const metrics = new Metrics();
    const app = createApp({
      provider: {} as BackupProvider,
      vault: new ShareVault(),
      metrics,
      logger: pino({ level: 'silent' }),
      rateLimit: {
        perClient: { burst: 2, perSecond: 1 },
        global: { burst: 100, perSecond: 100 },
        maxClients: 10,
      },
      now: clock.now,
    });
    const holdings = () => app.request('/v1/backup-provider/holdings/not-an-account');
    expect((await holdings()).status).toBe(400);
    expect((await holdings()).status).toBe(400);
    const refused = await app.request('/v1/backup-provider/release', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    for (let i = 0; i < 10; i++) expect((await app.request('/v1/health')).status).toBe(200);
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('custos_requests_refused_total{code="RATE_LIMITED"} 1');
    clock.advance(1_000);
    expect((await holdings()).status).toBe(400);
  });

  it('refuses impossible limits when built', () => {
    const now = () => 0;
    const ok = { burst: 1, perSecond: 1 };
    expect(() => rateLimit({ perClient: ok, global: ok, maxClients: 0, now })).toThrow(
      /maxClients/,
    );
    expect(() =>
      rateLimit({ perClient: { burst: 0, perSecond: 1 }, global: ok, maxClients: 1, now }),
    ).toThrow(/perClient/);
    expect(() =>
      rateLimit({ perClient: ok, global: { burst: 1, perSecond: 0 }, maxClients: 1, now }),
    ).toThrow(/global/);
  });
});

describe('addressKey', () => {
  it('counts IPv4 by address and IPv6 by /64', () => {
    expect(addressKey(undefined)).toBe(UNKNOWN_CLIENT);
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('1::2:3:4:5:6:7')).toBe('1:0:2:3::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    // NAT64: each IPv4 client behind the well-known prefix is itself, in either spelling.
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('64:ff9b::c000:201')).toBe('192.0.2.1');
    expect(addressKey('64:ff9b::c000:202')).toBe('192.0.2.2');
    expect(addressKey('64:ff9b:0:0:0:0:192.0.2.3')).toBe('192.0.2.3');
    expect(addressKey('64:ff9b:1::c000:201')).toBe('64:ff9b:1:0::/64');
  });
});

describe('rateLimit hooks (what the flood gate listens to)', () => {
  it("reports refusals by the client's own bucket only; a pause closes the connection and lengthens Retry-After", async () => {
    const clock = fakeClock();
    const refusedClients: string[] = [];
    const limiter = rateLimit({
      perClient: { burst: 1, perSecond: 1 },
      global: { burst: 2, perSecond: 0.001 },
      maxClients: 10,
      now: clock.now,
      onClientRefused: (client) => {
        refusedClients.push(client);
        return client === '10.0.0.1' ? 30_000 : undefined;
      },
    });
    const app = hardenedApp(pino({ level: 'silent' }), 64, [{ path: '/l/*', handler: limiter }]);
    app.get('/l/ping', (c) => c.json({ ok: true }));
    const get = (address: string) => app.request('/l/ping', {}, from(address));
    expect((await get('10.0.0.1')).status).toBe(200);
    expect((await get('10.0.0.2')).status).toBe(200);
    // Its own bucket is empty and the hook pauses it for 30 s: the connection closes, and
    // Retry-After says 30 s, not the bucket's 1 s.
    const own = await get('10.0.0.1');
    expect(own.status).toBe(429);
    expect(own.headers.get('connection')).toBe('close');
    expect(own.headers.get('retry-after')).toBe('30');
    // A client whose own bucket is full but the global one is empty: not reported.
    const global = await get('10.0.0.3');
    expect(global.status).toBe(429);
    expect(global.headers.get('connection')).toBeNull();
    // Reported, but the hook does not pause it: an ordinary 429.
    const kept = await get('10.0.0.2');
    expect(kept.status).toBe(429);
    expect(kept.headers.get('connection')).toBeNull();
    expect(kept.headers.get('retry-after')).toBe('1');
    expect(refusedClients).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
