/**
 * The flood gate on fake sockets, a fake clock and fake timers (no sleeping): who is
 * paused, for how long, and what happens to their connections.
 */
import { EventEmitter } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { hardenedApp } from './app.js';
import { FloodGate, type GatedSocket } from './floodGate.js';
import { rateLimit } from './rateLimit.js';

function fakeTime() {
  let t = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => t,
    setTimer: (run: () => void, ms: number) => {
      timers.push({ at: t + ms, run });
    },
    advance(ms: number) {
      t += ms;
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
  };
}

class FakeSocket extends EventEmitter {
  paused = false;
  destroyed = false;
  constructor(readonly remoteAddress: string) {
    super();
  }
  pause() {
    this.paused = true;
    return this;
  }
  resume() {
    this.paused = false;
    return this;
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
    return this;
  }
}
const socket = (address: string) => new FakeSocket(address) as FakeSocket & GatedSocket;

function gate(maxClients = 100) {
  const time = fakeTime();
  const g = new FloodGate({
    firstPauseMs: 1_000,
    maxPauseMs: 4_000,
    maxClients,
    now: time.now,
    setTimer: time.setTimer,
  });
  return { g, time };
}

describe('FloodGate', () => {
  it('pauses every open socket of a refused client, and only those, until the pause ends', () => {
    const { g, time } = gate();
    const [a1, a2, b] = [socket('10.0.0.1'), socket('::ffff:10.0.0.1'), socket('10.0.0.2')];
    for (const s of [a1, a2, b]) g.admit(s);
    expect(g.refused('10.0.0.1')).toBe(1_000);
    expect([a1.paused, a2.paused, b.paused]).toEqual([true, true, false]);
    expect(g.paused('10.0.0.1')).toBe(true);
    time.advance(999);
    expect(a1.paused).toBe(true);
    time.advance(1);
    expect([a1.paused, a2.paused]).toEqual([false, false]);
    expect(g.paused('10.0.0.1')).toBe(false);
  });

  it('closes new connections of a paused client at once, and admits them after', () => {
    const time = fakeTime();
    const pauses: [string, number][] = [];
    const closed: string[] = [];
    const g = new FloodGate({
      firstPauseMs: 1_000,
      maxPauseMs: 4_000,
      maxClients: 10,
      now: time.now,
      setTimer: time.setTimer,
      onPause: (client, ms) => pauses.push([client, ms]),
      onConnectionClosed: (client) => closed.push(client),
    });
    g.refused('10.0.0.1');
    g.refused('10.0.0.1');
    expect(pauses).toEqual([['10.0.0.1', 1_000]]);
    const during = socket('10.0.0.1');
    g.admit(during);
    expect(during.destroyed).toBe(true);
    expect(closed).toEqual(['10.0.0.1']);
    const other = socket('10.0.0.2');
    g.admit(other);
    expect(other.destroyed).toBe(false);
    time.advance(1_000);
    const after = socket('10.0.0.1');
    g.admit(after);
    expect(after.destroyed).toBe(false);
    expect(after.paused).toBe(false);
  });

  it('doubles the pause on each refusal after one, up to the cap; a quiet spell resets it', () => {
    const { g, time } = gate();
    const s = socket('10.0.0.1');
    g.admit(s);
    const pauseLength = () => {
      expect(g.refused('10.0.0.1')).toBeGreaterThan(0);
      let ms = 0;
      while (g.paused('10.0.0.1')) {
        time.advance(250);
        ms += 250;
      }
      return ms;
    };
    expect([pauseLength(), pauseLength(), pauseLength(), pauseLength()]).toEqual([
      1_000, 2_000, 4_000, 4_000,
    ]);
    // Refusals while paused do not lengthen it; each says how long is left.
    expect(g.refused('10.0.0.1')).toBe(4_000);
    time.advance(500);
    expect(g.refused('10.0.0.1')).toBe(3_500);
    time.advance(3_500);
    expect(g.paused('10.0.0.1')).toBe(false);
    expect(s.paused).toBe(false);
    // Admitted requests between pauses do not reset it (a flooder's bucket always refills
    // during a pause); going maxPauseMs without a refusal does.
    time.advance(3_999);
    expect(pauseLength()).toBe(4_000);
    time.advance(4_000);
    expect(pauseLength()).toBe(1_000);
  });

  it('forgets closed sockets, and never resumes what a later pause holds', () => {
    const { g, time } = gate();
    const s = socket('10.0.0.1');
    g.admit(s);
    s.emit('close');
    g.refused('10.0.0.1');
    expect(s.paused).toBe(false);
    const t = socket('10.0.0.1');
    time.advance(1_000);
    g.admit(t);
    g.refused('10.0.0.1'); // second pause: 2 s
    time.advance(1_000); // the first pause's timer has already fired; nothing resumes early
    expect(t.paused).toBe(true);
    time.advance(1_000);
    expect(t.paused).toBe(false);
  });

  it('remembers at most maxClients refused clients; the one it forgets is resumed', () => {
    const { g } = gate(2);
    const first = socket('10.0.0.1');
    g.admit(first);
    g.refused('10.0.0.1');
    g.refused('10.0.0.2');
    expect(g.tracked).toBe(2);
    g.refused('10.0.0.3');
    expect(g.tracked).toBe(2);
    expect(first.paused).toBe(false);
    expect(g.paused('10.0.0.1')).toBe(false);
  });

  it('never lets the timer of a forgotten pause resume a newer one', () => {
    const { g, time } = gate(1);
    const s = socket('10.0.0.1');
    g.admit(s);
    g.refused('10.0.0.1'); // paused until 1,000
    time.advance(500);
    g.refused('10.0.0.2'); // forgets 10.0.0.1 (resumed)
    g.refused('10.0.0.1'); // forgets 10.0.0.2; paused again, until 1,500
    time.advance(500); // the first pause's timer fires at 1,000
    expect(s.paused).toBe(true);
    time.advance(500);
    expect(s.paused).toBe(false);
  });

  it('guard: drops a paused client’s parsed request with its connection; others reach the app', async () => {
    const { g } = gate();
    const reached: string[] = [];
    const fetch = g.guard((request: Request) => {
      reached.push(new URL(request.url).pathname);
      return new Response('ok');
    });
    const env = (address: string) => ({ incoming: { socket: socket(address) } });
    g.refused('10.0.0.1');
    const pausedEnv = env('10.0.0.1');
    const dropped = fetch(new Request('http://x/a'), pausedEnv) as Response;
    expect(dropped.status).toBe(429);
    expect(pausedEnv.incoming.socket.destroyed).toBe(true);
    const otherEnv = env('10.0.0.2');
    fetch(new Request('http://x/b'), otherEnv);
    fetch(new Request('http://x/c'), undefined);
    expect(reached).toEqual(['/b', '/c']);
    expect(otherEnv.incoming.socket.destroyed).toBe(false);
  });

  it('closes the refused request’s connection once its 429 is written', () => {
    const { g } = gate();
    const conn = socket('10.0.0.1');
    const outgoing = new EventEmitter();
    g.refused('10.0.0.1', { incoming: { socket: conn }, outgoing });
    expect(conn.destroyed).toBe(false);
    outgoing.emit('finish');
    expect(conn.destroyed).toBe(true);
  });

  it('refuses bad options', () => {
    const now = () => 0;
    expect(() => new FloodGate({ firstPauseMs: 0, maxPauseMs: 1, maxClients: 1, now })).toThrow(
      RangeError,
    );
    expect(() => new FloodGate({ firstPauseMs: 2, maxPauseMs: 1, maxClients: 1, now })).toThrow(
      RangeError,
    );
    expect(() => new FloodGate({ firstPauseMs: 1, maxPauseMs: 1, maxClients: 0, now })).toThrow(
      RangeError,
    );
  });
});

describe('FloodGate on a real server (loopback)', () => {
  /** GET `/l/ping` from `localAddress` on a new connection: status and headers, or the error. */
  const get = (port: number, localAddress: string) =>
    new Promise<{ status: number; headers: Record<string, unknown> } | { error: string }>(
      (resolve) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/l/ping', agent: false, localAddress },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
        req.end();
      },
    );

  it('answers 429 with Retry-After once, then closes that client’s connections; others are served', async () => {
    // Pauses far longer than the test: nothing here depends on timing.
    const gate = new FloodGate({
      firstPauseMs: 60_000,
      maxPauseMs: 60_000,
      maxClients: 10,
      now: () => performance.now(),
    });
    const limiter = rateLimit({
      perClient: { burst: 2, perSecond: 1 },
      global: { burst: 100, perSecond: 100 },
      maxClients: 10,
      now: () => performance.now(),
      onClientRefused: (client, c) => gate.refused(client, c.env),
    });
    const app = hardenedApp(pino({ level: 'silent' }), 64, [{ path: '/l/*', handler: limiter }]);
    app.get('/l/ping', (c) => c.json({ ok: true }));
    const server = serve({ fetch: gate.guard(app.fetch), hostname: '127.0.0.1', port: 0 });
    server.on('connection', (socket: Socket) => gate.admit(socket));
    await new Promise<void>((r) => server.once('listening', () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      const flooder = '127.0.0.1';
      expect(await get(port, flooder)).toMatchObject({ status: 200 });
      expect(await get(port, flooder)).toMatchObject({ status: 200 });
      const refused = await get(port, flooder);
      expect(refused).toMatchObject({ status: 429 });
      // Retry-After covers the pause (60 s), not just the bucket's 1 s.
      expect((refused as { headers: Record<string, unknown> }).headers['retry-after']).toBe('60');
      expect((refused as { headers: Record<string, unknown> }).headers.connection).toBe('close');
      expect(gate.paused(flooder)).toBe(true);
      // While paused its connections close before a byte of them is read.
      for (let i = 0; i < 5; i++) expect(await get(port, flooder)).toHaveProperty('error');
      // Another client is served meanwhile.
      expect(await get(port, '127.0.0.2')).toMatchObject({ status: 200 });
    } finally {
      server.close();
    }
  });
});
