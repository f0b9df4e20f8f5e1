import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { GraphqlError } from '../audit/graphql.js';
import type { GraphqlReader } from './data.js';
import { createDashboardApp, dashboardAssetsDir } from './server.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const logger = pino({ level: 'silent' });

/** A reader answering from fixed collections, counting queries. */
function reader(answers: Record<string, unknown>): GraphqlReader & { calls: string[] } {
  const calls: string[] = [];
  const read = (async (query: string) => {
    calls.push(query);
    for (const [key, value] of Object.entries(answers)) if (query.includes(key)) return value;
    return {};
  }) as GraphqlReader & { calls: string[] };
  read.calls = calls;
  return read;
}

describe('dashboard server', () => {
  it('finds its assets from src/ and answers the app with a strict content security policy', async () => {
    expect(dashboardAssetsDir()).toMatch(/dashboard$/);
    const app = createDashboardApp(reader({}), logger);
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/app.js" type="module">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await app.request('/vendor/cytoscape.min.js')).status).toBe(200);
  });

  it('refuses malformed parameters with 400 naming them, before any GraphQL query', async () => {
    const read = reader({});
    const app = createDashboardApp(read, logger);
    for (const path of [
      '/api/owners/not-an-account/epochs',
      `/api/owners/${'1'.repeat(61)}/epochs`,
      `/api/owners/${ALICE.replace('G', '0')}/epochs`,
      '/api/events/12',
      '/api/events/12-x',
      `/api/events/${'9'.repeat(11)}-1`,
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('INVALID_REQUEST');
      expect(body.message).toMatch(/^(account|id): /);
    }
    expect(read.calls).toEqual([]);
  });

  it('answers 404 for an owner or event the indexer does not have, and for unknown routes', async () => {
    const app = createDashboardApp(
      reader({ 'owner(id': { owner: null }, chainEvent: { chainEvent: null } }),
      logger,
    );
    expect((await app.request(`/api/owners/${ALICE}/epochs`)).status).toBe(404);
    expect((await app.request('/api/events/5-1')).status).toBe(404);
    expect((await app.request('/api/graphql')).status).toBe(404);
    expect((await app.request('/', { method: 'POST' })).status).toBe(404);
  });

  it('answers 502 with the GraphQL error code when the indexer is unreachable', async () => {
    const failing: GraphqlReader = async () => {
      throw new GraphqlError('GRAPHQL_UNREACHABLE', 'http://127.0.0.1:1/: connection refused');
    };
    const res = await createDashboardApp(failing, logger).request('/api/overview');
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      code: 'GRAPHQL_UNREACHABLE',
      message: 'the indexer query failed',
    });
  });

  it('serves an event with its fields parsed, and keeps unparseable fields as text', async () => {
    const app = createDashboardApp(
      reader({
        chainEvent: {
          chainEvent: {
            id: '5-1',
            blockNumber: 5,
            pallet: 'backups',
            method: 'ReleaseRecorded',
            args: '{"owner":"x"}',
          },
        },
      }),
      logger,
    );
    expect(await (await app.request('/api/events/5-1')).json()).toEqual({
      id: '5-1',
      blockNumber: 5,
      pallet: 'backups',
      method: 'ReleaseRecorded',
      args: { owner: 'x' },
    });
  });
});

describe('overviewCache', () => {
  it('shares one read between concurrent callers and reuses it while the indexed height is unchanged', async () => {
    const { overviewCache } = await import('./data.js');
    let height = 10;
    const queries: string[] = [];
    const read = (async (query: string) => {
      queries.push(query);
      if (query.includes('_metadata'))
        return { _metadata: { lastProcessedHeight: height, targetHeight: height } };
      const collection = /\{\s*(\w+)\(/.exec(query.replace(/^query[^{]*\{/, '{'))?.[1] ?? 'x';
      return { [collection]: { nodes: [], pageInfo: { hasNextPage: false } } };
    }) as GraphqlReader;
    const overview = overviewCache(read);
    const [a, b] = await Promise.all([overview(), overview()]);
    expect(a).toBe(b);
    const full = queries.length;
    expect(full).toBeGreaterThan(5); // metadata + every collection, once
    expect(await overview()).toBe(a); // same height: one metadata query
    expect(queries.length).toBe(full + 1);
    height = 11;
    const c = await overview();
    expect(c).not.toBe(a);
    expect(c.indexedHeight).toBe(11);
  });
});
