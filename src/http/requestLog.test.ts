/**
 * Request logging of every companion app: one line per request, bound to an id the
 * response names, with the refusal's code and reason but never the body.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BaseError } from '../errors/base.js';
import { hardenedApp } from './app.js';
import { REFUSAL_LOG_LIMITS, RefusalLogBudget } from './refusalLog.js';
import { REQUEST_ID_HEADER } from './requestLog.js';

const MARKER = 'a-value-that-must-never-be-logged';

function appWithLog(budget?: RefusalLogBudget) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const app = hardenedApp(logger, 64, [], budget);
  app.get('/ok', (c) => c.json({ fine: true }));
  app.post('/known', () => {
    throw new BaseError('SOMETHING_KNOWN', 'a known refusal', 'field x: too small');
  });
  app.get('/bug', () => {
    throw new Error(`internal detail ${MARKER}`);
  });
  const forRequest = (res: Response) => {
    const id = res.headers.get(REQUEST_ID_HEADER);
    return lines.filter((l) => l.req === id);
  };
  return { app, lines, forRequest };
}

describe('requestLog', () => {
  it('names each request with an id and logs a served one once, at debug', async () => {
    const { app, forRequest } = appWithLog();
    const a = await app.request('/ok');
    const b = await app.request('/ok');
    expect(a.status).toBe(200);
    expect(a.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get(REQUEST_ID_HEADER)).not.toBe(b.headers.get(REQUEST_ID_HEADER));
    const logged = forRequest(a);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 20, method: 'GET', path: '/ok', status: 200 });
  });

  it('logs a refused request once, with its code and reason, never its body', async () => {
    const { app, lines, forRequest } = appWithLog();
    const wrongType = await app.request('/known', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: MARKER,
    });
    expect(wrongType.status).toBe(415);
    expect(forRequest(wrongType)).toEqual([
      expect.objectContaining({
        level: 40,
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        reason: 'content-type must be application/json',
      }),
    ]);
    const oversized = await app.request('/known', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: MARKER.repeat(4) }),
    });
    expect(oversized.status).toBe(413);
    expect(forRequest(oversized)).toEqual([
      expect.objectContaining({ level: 40, status: 413, code: 'BODY_TOO_LARGE' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(MARKER);
  });

  it('a refusal the error handler logged is not logged again', async () => {
    const { app, forRequest } = appWithLog();
    const res = await app.request('/known', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(422);
    const logged = forRequest(res);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, code: 'SOMETHING_KNOWN', path: '/known' });
  });

  it('an unexpected error is logged once on the request and answers no internals', async () => {
    const { app, forRequest } = appWithLog();
    const res = await app.request('/bug');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(MARKER);
    const logged = forRequest(res);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, msg: 'unhandled error' });
  });

  it('an unknown route is a logged 404', async () => {
    const { app, forRequest } = appWithLog();
    const res = await app.request('/nowhere');
    expect(res.status).toBe(404);
    expect(forRequest(res)).toEqual([expect.objectContaining({ level: 40, status: 404 })]);
  });

  it('served by Node, every answer names its id, and the refusal line carries it', async () => {
    const { app, lines } = appWithLog();
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      const ask = (path: string, init?: RequestInit) =>
        fetch(`http://127.0.0.1:${port}${path}`, init);
      const served = await ask('/ok');
      const refused = await ask('/known', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const ids = [served, refused].map((r) => r.headers.get(REQUEST_ID_HEADER));
      for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[0]).not.toBe(ids[1]);
      // Only the header is added: the answer's own headers are unchanged.
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await refused.json()).toMatchObject({ code: 'SOMETHING_KNOWN' });
      expect(lines.filter((l) => l.req === ids[1])).toEqual([
        expect.objectContaining({ level: 40, code: 'SOMETHING_KNOWN', path: '/known' }),
      ]);
      expect(lines.filter((l) => l.req === ids[0])).toEqual([
        expect.objectContaining({ level: 20, status: 200 }),
      ]);
    } finally {
      server.close();
    }
  });

  it('a flood of refusals from one client writes a bounded number of lines, then says how many it left out', async () => {
    let now = 0;
    const { app, lines } = appWithLog(new RefusalLogBudget(REFUSAL_LOG_LIMITS, () => now));
    const refuse = () =>
      app.request('/known', { method: 'POST', headers: { 'content-type': 'text/plain' } });
    const known = () =>
      app.request('/known', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    // Both kinds of refusal (answered by a middleware, thrown to the error handler) draw on
    // the same budget of the client (`unknown` in-process).
    for (let i = 0; i < 300; i++)
      expect((await (i % 2 ? refuse() : known())).status).toBeGreaterThan(400);
    const refusals = lines.filter((l) => l.level === 40);
    expect(refusals).toHaveLength(REFUSAL_LOG_LIMITS.perClient.burst);
    // Served requests and failures are not limited.
    const bug = await app.request('/bug');
    expect(bug.status).toBe(500);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);
    // A second later (the budget refills at 5 lines a second), the next line counts the
    // ones left out.
    now = 1000;
    await refuse();
    const last = lines.at(-1)!;
    expect(last).toMatchObject({ level: 40, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(last.unlogged).toBe(300 - REFUSAL_LOG_LIMITS.perClient.burst);
  });
});
