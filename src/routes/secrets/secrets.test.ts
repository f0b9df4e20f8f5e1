import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../http/app.js';
import { SealedStore } from '../../keystore/sealedStore.js';

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
