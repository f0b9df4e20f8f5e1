import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { open as openLmdb } from 'lmdb';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair } from '../../crypto/hpke.js';
import { createLocalApp } from '../../http/app.js';
import { SealedStore, type SecretNamespace } from '../../keystore/sealedStore.js';
import { KEY_ENTRIES, loadIdentity, pairFromSeed } from '../../service/identity.js';
import { secretApiRoutes } from './index.js';

const token = 'local-test-token-0123456789';
let dir: string;
let store: SealedStore;
const anchored: number[] = [];
let app: ReturnType<typeof createLocalApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-secrets-'));
  store = SealedStore.create(join(dir, 's'), {
    tssAccount: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    restartSeed: new Uint8Array(32),
    kek: new Uint8Array(32).fill(1),
  });
  app = createLocalApp({
    store,
    token,
    anchor: async (v) => {
      anchored.push(v);
      return { blockNumber: 42 };
    },
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const req = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = auth,
) =>
  app.request(`/v1/secrets${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('local secret API', () => {
  it('puts, gets and deletes secrets; each write bumps the store version', async () => {
    const put = await req('PUT', '/keyshare/0', {
      value: Buffer.from('share-bytes').toString('base64'),
    });
    expect(await put.json()).toEqual({ storeVersion: 1 });
    const got = await req('GET', '/keyshare/0');
    expect(Buffer.from(((await got.json()) as { value: string }).value, 'base64').toString()).toBe(
      'share-bytes',
    );
    expect(await (await req('DELETE', '/keyshare/0')).json()).toEqual({ storeVersion: 2 });
    expect((await req('GET', '/keyshare/0')).status).toBe(404);
  });

  it('checkpoint answers once the version is anchored', async () => {
    const res = await req('POST', '/checkpoint', {});
    expect(await res.json()).toEqual({ storeVersion: 2, anchoredAt: 42 });
    expect(anchored).toEqual([2]);
  });

  it('refuses a missing or wrong token in constant time, changing nothing', async () => {
    expect((await req('GET', '/x', undefined, {})).status).toBe(401);
    const wrong = await req(
      'PUT',
      '/x',
      { value: 'AA==' },
      { authorization: 'Bearer nope', 'content-type': 'application/json' },
    );
    expect(wrong.status).toBe(401);
    expect(store.version).toBe(2);
  });

  it('names bad input: invalid name, non-base64 value, extra field, wrong content type', async () => {
    const badName = await req('PUT', '/bad%20name', { value: 'AA==' });
    expect(badName.status).toBe(400);
    expect(await badName.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('name'),
    });
    expect(await (await req('PUT', '/x', { value: '***' })).json()).toMatchObject({
      message: expect.stringContaining('value'),
    });
    expect((await req('PUT', '/x', { value: 'AA==', extra: 1 })).status).toBe(400);
    expect(
      (
        await req(
          'PUT',
          '/x',
          { value: 'AA==' },
          { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
        )
      ).status,
    ).toBe(415);
    expect(store.version).toBe(2);
  });
});

describe("the companion's own keys are out of the secret API's reach", () => {
  let home: string;
  let nodeStore: SealedStore;
  let nodeApp: ReturnType<typeof createLocalApp>;
  const nodeKek = new Uint8Array(32).fill(9);
  const seed = new Uint8Array(32).fill(0x5e);
  let x25519: Uint8Array;
  let before: Map<string, string>;

  /** Raw bytes (hex) of the node namespace's entries and of the header, as on disk. */
  async function nodeEntries(): Promise<Map<string, string>> {
    const db = openLmdb<Uint8Array | string, string>({
      path: join(home, 's', 'store.mdb'),
      encoding: 'binary',
    });
    const out = new Map<string, string>();
    for (const { key, value } of db.getRange({ start: 'v/node/', end: 'v/node0' }))
      out.set(String(key), Buffer.from(value as Uint8Array).toString('hex'));
    await db.close();
    return out;
  }

  beforeAll(async () => {
    await cryptoWaitReady();
    home = mkdtempSync(join(tmpdir(), 'custos-secrets-node-'));
    x25519 = (await generateHpkeKeyPair()).privateKey;
    const created = SealedStore.create(join(home, 's'), {
      tssAccount: pairFromSeed(seed).address,
      restartSeed: new Uint8Array(32).fill(2),
      kek: nodeKek,
    });
    created.put('node', KEY_ENTRIES.tssSeed, seed);
    created.put('node', KEY_ENTRIES.x25519, x25519);
    await created.close();
    before = await nodeEntries();
    expect([...before.keys()]).toEqual(['v/node/tss-seed', 'v/node/x25519-private']);
    nodeStore = SealedStore.open(join(home, 's'));
    nodeStore.unlock(nodeKek);
    nodeApp = createLocalApp({
      store: nodeStore,
      token,
      anchor: async () => ({ blockNumber: 1 }),
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await nodeStore.close();
    rmSync(home, { recursive: true, force: true });
  });

  const paths = [
    'custos/tss-seed',
    'custos/x25519-private',
    'tss-seed',
    'x25519-private',
    'node/tss-seed',
    'v/node/tss-seed',
    '../custos/tss-seed',
    '../node/tss-seed',
    '../../v/node/tss-seed',
    '..%2Fnode%2Ftss-seed',
    '%2E%2E%2Fnode%2Ftss-seed',
    '%2e%2e/node/x25519-private',
    'custos%2Ftss-seed',
    '%2Fnode%2Ftss-seed',
    'node%2Fx25519-private',
    '..%252Fnode%252Ftss-seed',
  ];
  const secretsOf = () => [
    Buffer.from(seed).toString('base64'),
    Buffer.from(x25519).toString('base64'),
  ];

  for (const method of ['GET', 'PUT', 'DELETE'] as const) {
    it(`${method} under any name neither reads nor changes the node keys`, async () => {
      for (const path of paths) {
        const res = await nodeApp.request(`/v1/secrets/${path}`, {
          method,
          headers: auth,
          body:
            method === 'PUT'
              ? JSON.stringify({ value: Buffer.from('attacker').toString('base64') })
              : undefined,
        });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        const body = await res.text();
        for (const secret of secretsOf()) expect(body).not.toContain(secret);
      }
      // A PUT that was accepted wrote a TSS secret of that name, nothing else.
      if (method === 'PUT')
        expect(nodeStore.names('tss')).toEqual(
          expect.arrayContaining(['custos/tss-seed', 'tss-seed']),
        );
      expect(nodeStore.names('node')).toEqual(['tss-seed', 'x25519-private']);
      expect(nodeStore.get('node', KEY_ENTRIES.tssSeed)).toEqual(seed);
      expect(nodeStore.get('node', KEY_ENTRIES.x25519)).toEqual(x25519);
      expect(await nodeEntries()).toEqual(before);
    });
  }

  it('there is no listing: GET /v1/secrets and /v1/secrets/ name nothing', async () => {
    for (const path of ['/v1/secrets', '/v1/secrets/']) {
      const res = await nodeApp.request(path, { headers: auth });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('tss-seed');
    }
  });

  it('identity still loads with the same keys afterwards', async () => {
    const identity = await loadIdentity(nodeStore);
    expect(identity.tss.address).toBe(pairFromSeed(seed).address);
    expect(identity.x25519PrivateKey).toEqual(x25519);
  });

  it('a secret rewritten on disk answers 422 STORE_INTEGRITY, not its bytes', async () => {
    const put = (value: string) =>
      nodeApp.request('/v1/secrets/share', {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ value: Buffer.from(value).toString('base64') }),
      });
    await put('first');
    const db = openLmdb<Uint8Array | string, string>({
      path: join(home, 's', 'store.mdb'),
      encoding: 'binary',
    });
    const first = new Uint8Array(db.get('v/tss/share') as Uint8Array);
    await put('second');
    db.putSync('v/tss/share', first);
    const res = await nodeApp.request('/v1/secrets/share', { headers: auth });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'STORE_INTEGRITY',
      message: expect.stringContaining('tss:share'),
    });
    await db.close();
  });

  it('the route factory refuses any namespace but tss', () => {
    expect(() =>
      secretApiRoutes({
        secrets: nodeStore.namespace('node') as unknown as SecretNamespace<'tss'>,
        token,
        anchor: async () => ({ blockNumber: 1 }),
      }),
    ).toThrow(/tss namespace/);
  });
});
