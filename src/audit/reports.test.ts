import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlError, graphql } from './graphql.js';
import { fetchMisbehaviour, renderAssignments, renderMisbehaviour } from './reports.js';

// A loopback socket standing in for the query service: it records each request and
// answers what the test queued (the real service is exercised by the e2e indexer test).
let server: Server;
let url: string;
const requests: { query: string; variables: Record<string, unknown> }[] = [];
const answers: { status: number; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      requests.push(JSON.parse(body) as (typeof requests)[number]);
      const next = answers.shift() ?? { status: 500, body: 'nothing queued' };
      res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const record = {
  id: 'DID_NOT_SERVE-5Fx-5Gy-1',
  kind: 'DID_NOT_SERVE',
  subject: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  owner: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  evidenceBlocks: [40, 61],
  evidenceEvents: ['40-3'],
  details: 'no release within 20 blocks',
  firstSeen: 61,
  lastSeen: 70,
  resolved: false,
};

describe('audit reports', () => {
  it('sends the filters as GraphQL variables and renders one line per record', async () => {
    answers.push({
      status: 200,
      body: JSON.stringify({ data: { misbehaviours: { nodes: [record] } } }),
    });
    const rows = await fetchMisbehaviour(url, { kind: 'DID_NOT_SERVE', unresolved: true });
    expect(requests.at(-1)!.variables).toEqual({
      filter: { kind: { equalTo: 'DID_NOT_SERVE' }, resolved: { equalTo: false } },
    });
    const text = renderMisbehaviour(rows);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('DID_NOT_SERVE');
    expect(text).toContain('5FHneW46…94ty');
    expect(text).toContain('40,61');
    expect(text).toContain('open');
  });

  it('sends no filter at all when none is given (the service refuses an empty or null one)', async () => {
    answers.push({ status: 200, body: JSON.stringify({ data: { misbehaviours: { nodes: [] } } }) });
    expect(await fetchMisbehaviour(url)).toEqual([]);
    expect(requests.at(-1)!.variables).toEqual({});
  });

  it('refuses an unknown kind before asking the service', async () => {
    const before = requests.length;
    await expect(fetchMisbehaviour(url, { kind: 'LATE' })).rejects.toThrow(
      /--kind must be one of DID_NOT_SERVE, .*; got "LATE"/,
    );
    expect(requests.length).toBe(before);
  });

  it('turns GraphQL errors, HTTP errors, malformed bodies and no service into typed errors', async () => {
    answers.push({
      status: 200,
      body: JSON.stringify({ errors: [{ message: 'Cannot query field' }] }),
    });
    await expect(graphql(url, '{ x }')).rejects.toMatchObject({
      code: 'GRAPHQL_ERRORS',
      details: 'Cannot query field',
    });
    answers.push({ status: 502, body: 'bad gateway' });
    await expect(graphql(url, '{ x }')).rejects.toMatchObject({ code: 'GRAPHQL_HTTP' });
    answers.push({ status: 200, body: '{"data":null}' });
    await expect(graphql(url, '{ x }')).rejects.toMatchObject({ code: 'GRAPHQL_MALFORMED' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await graphql(`http://127.0.0.1:${port}/`, '{ x }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphqlError);
    expect((error as GraphqlError).code).toBe('GRAPHQL_UNREACHABLE');
    expect((error as GraphqlError).details).toContain(`127.0.0.1:${port}`);
  });

  it('renders an owner with its epochs', () => {
    const text = renderAssignments([
      {
        id: record.owner,
        currentEpoch: 2,
        confirmedEpoch: 1,
        confirmedHolders: [record.subject, record.owner],
        confirmedThreshold: 2,
        confirmedStoreVersion: '5',
        underProvisioned: false,
        removed: false,
        epochs: {
          nodes: [
            {
              epoch: 1,
              cause: 'ASSIGNED',
              providers: [record.subject],
              threshold: 2,
              openedAt: 3,
              confirmed: true,
              confirmedAt: 5,
              holders: [record.subject],
              storeVersion: '5',
            },
            {
              epoch: 2,
              cause: 'FORCED',
              providers: [record.owner],
              threshold: 2,
              openedAt: 9,
              confirmed: false,
              confirmedAt: null,
              holders: null,
              storeVersion: null,
            },
          ],
        },
      },
    ]);
    expect(text).toContain('epoch 2 (pending), confirmed 1 with 2 holders');
    expect(text).toMatch(/\n2 +FORCED +9 /);
    expect(renderAssignments([])).toBe('no owners indexed');
    expect(renderMisbehaviour([])).toBe('no misbehaviour recorded');
  });
});
