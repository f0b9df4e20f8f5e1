import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedStore } from '../keystore/sealedStore.js';
import { Metrics } from '../metrics.js';
import { MAX_RECOVERY_KEYS } from '../protocol/messages.js';
import type { BackupProvider } from '../provider/backupProvider.js';
import { ShareVault } from '../provider/shareVault.js';
import { createApp, createLocalApp } from './app.js';
import { providerOpenApi, secretApiOpenApi } from './openapi.js';

type Doc = { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };

/** `METHOD /path/{param}` for every route an app serves (middleware left out). */
function served(app: { routes: { method: string; path: string }[] }): string[] {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    ),
  ].sort();
}

/** `METHOD /path` for every operation a document describes. */
const documented = (doc: Doc) =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

const silent = pino({ level: 'silent' });
let dir: string;
let store: SealedStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-openapi-'));
  store = SealedStore.create(join(dir, 's'), {
    tssAccount: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    restartSeed: new Uint8Array(32),
    kek: new Uint8Array(32).fill(1),
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OpenAPI documents', () => {
  const provider = () =>
    createApp({
      provider: {} as BackupProvider, // routes only: nothing is called
      vault: new ShareVault(),
      metrics: new Metrics(),
      logger: silent,
    });
  const local = () =>
    createLocalApp({
      store,
      token: 't'.repeat(32),
      anchor: async () => ({ blockNumber: 1 }),
      logger: silent,
    });

  it('describe every route each app serves, and nothing else', () => {
    expect(documented(providerOpenApi() as Doc)).toEqual(served(provider()));
    expect(documented(secretApiOpenApi() as Doc)).toEqual(served(local()));
  });

  it('are served at /v1/openapi.json by each app, without a token', async () => {
    const fromProvider = await provider().request('/v1/openapi.json');
    expect(fromProvider.status).toBe(200);
    expect(((await fromProvider.json()) as Doc).openapi).toBe('3.1.0');
    const fromLocal = await local().request('/v1/openapi.json');
    expect(fromLocal.status).toBe(200);
    expect(await fromLocal.json()).toEqual(JSON.parse(JSON.stringify(secretApiOpenApi())));
  });

  it('carry the limits the routes enforce (from the same schemas)', () => {
    const doc = providerOpenApi() as Doc;
    const body = (path: string) =>
      (
        doc.paths[path]!.post!.requestBody as {
          content: { 'application/json': { schema: Record<string, unknown> } };
        }
      ).content['application/json'].schema as {
        additionalProperties: boolean;
        required: string[];
        properties: Record<
          string,
          { pattern?: string; maxItems?: number; items?: { pattern: string } }
        >;
      };
    const release = body('/v1/backup-provider/release');
    expect(release.additionalProperties).toBe(false);
    expect(release.required).toEqual(['owner', 'incarnation', 'recoveryKeys', 'signature']);
    expect(release.properties.recoveryKeys!.maxItems).toBe(MAX_RECOVERY_KEYS);
    expect(
      new RegExp(release.properties.recoveryKeys!.items!.pattern).test(`0x${'ab'.repeat(32)}`),
    ).toBe(true);
    expect(new RegExp(release.properties.signature!.pattern!).test(`0x${'ab'.repeat(63)}`)).toBe(
      false,
    );
    const shares = body('/v1/backup-provider/shares');
    expect(shares.required).toEqual(['owner', 'epoch', 'enc', 'ciphertext', 'signature']);
    const responses = doc.paths['/v1/backup-provider/release']!.post!.responses as Record<
      string,
      unknown
    >;
    expect(Object.keys(responses)).toEqual(
      expect.arrayContaining([
        '200',
        '400',
        '401',
        '403',
        '404',
        '409',
        '413',
        '415',
        '429',
        '503',
      ]),
    );
  });
});
