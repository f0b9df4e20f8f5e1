import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open as openLmdb } from 'lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { DecryptionFailedError } from '../errors/crypto.js';
import {
  HeaderInvalidError,
  HeaderTamperedError,
  StoreExistsError,
  StoreLockedError,
} from '../errors/keystore.js';
import { SealedStore } from './sealedStore.js';

const text = (s: string) => new TextEncoder().encode(s);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'custos-store-'));
  dirs.push(d);
  return join(d, 'store');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const kek = new Uint8Array(32).fill(0x11);
const account = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const init = { tssAccount: account, restartSeed: new Uint8Array(32).fill(3), kek };

/** Rewrites one raw LMDB entry of a closed store. */
async function tamper(dir: string, key: string, change: (v: Uint8Array) => Uint8Array | string) {
  const db = openLmdb<Uint8Array | string, string>({
    path: join(dir, 'store.mdb'),
    encoding: 'binary',
  });
  const v = db.get(key) as Uint8Array;
  db.putSync(key, change(v));
  await db.close();
}

describe('sealed store', () => {
  it('stores, reads and deletes values; the version increases on every commit', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    expect(store.version).toBe(0);
    expect(store.put('a', text('alpha'))).toBe(1);
    expect(store.put('b', text('beta'))).toBe(2);
    expect(store.get('a')).toEqual(text('alpha'));
    expect(store.names().sort()).toEqual(['a', 'b']);
    expect(store.delete('a')).toBe(3);
    expect(store.get('a')).toBeUndefined();
    await store.close();

    const again = SealedStore.open(dir);
    expect(again.header.tssAccount).toBe(account);
    expect(again.version).toBe(3);
    expect(() => again.get('b')).toThrow(StoreLockedError);
    again.unlock(kek);
    expect(again.get('b')).toEqual(text('beta'));
    await again.close();
  });

  it('never writes a value or the data key in plaintext, and files are 0600', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('keyshare', text('TOP-SECRET-KEYSHARE-MATERIAL'));
    await store.close();
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      expect(bytes.includes(Buffer.from('TOP-SECRET-KEYSHARE-MATERIAL'))).toBe(false);
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a wrong KEK, and unlocks after KEK rotation only with the new one', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('x', text('1'));
    const next = new Uint8Array(32).fill(0x22);
    store.rewrap(next);
    await store.close();
    const reopened = SealedStore.open(dir);
    expect(() => reopened.unlock(kek)).toThrow(DecryptionFailedError);
    reopened.unlock(next);
    expect(reopened.get('x')).toEqual(text('1'));
    await reopened.close();
  });

  it('opens with the old or the staged KEK until the staged one is promoted', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('x', text('1'));
    const first = new Uint8Array(32).fill(0x31);
    const second = new Uint8Array(32).fill(0x32);
    store.stageKek(first);
    store.stageKek(second); // replaces `first`
    expect(store.hasStagedKek).toBe(true);
    expect(store.version).toBe(3);
    await store.close();

    const a = SealedStore.open(dir);
    expect(a.unlock(kek)).toBe('current');
    await a.close();
    const b = SealedStore.open(dir);
    expect(() => b.unlock(first)).toThrow(DecryptionFailedError);
    expect(b.unlock(second)).toBe('staged');
    expect(b.get('x')).toEqual(text('1'));
    expect(b.promoteStagedKek()).toBe(4);
    expect(b.hasStagedKek).toBe(false);
    expect(b.promoteStagedKek()).toBe(4); // nothing staged: no-op
    await b.close();

    const c = SealedStore.open(dir);
    expect(() => c.promoteStagedKek()).toThrow(StoreLockedError);
    expect(() => c.unlock(kek)).toThrow(DecryptionFailedError);
    expect(c.unlock(second)).toBe('current');
    await c.close();
  });

  it('detects a tampered value ciphertext, wrapped key, or header', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('x', text('value'));
    await store.close();

    await tamper(dir, 'v/x', (v) => {
      const b = v.slice();
      b[30] = (b[30] ?? 0) ^ 1;
      return b;
    });
    const s1 = SealedStore.open(dir);
    s1.unlock(kek);
    expect(() => s1.get('x')).toThrow(/cannot decrypt value "x"/);
    await s1.close();

    // Header: claim a higher store version than was committed.
    await tamper(dir, 'header', (v) => {
      const h = JSON.parse(Buffer.from(v).toString('utf8'));
      h.storeVersion = 99;
      return JSON.stringify(h);
    });
    const s2 = SealedStore.open(dir);
    expect(() => s2.unlock(kek)).toThrow(HeaderTamperedError);
    await s2.close();

    await tamper(dir, 'header', () => '{"format":1}');
    expect(() => SealedStore.open(dir)).toThrow(HeaderInvalidError);

    const dir2 = tempDir();
    await SealedStore.create(dir2, init).close();
    await tamper(dir2, 'dek', (v) => {
      const b = v.slice();
      b[40] = (b[40] ?? 0) ^ 1;
      return b;
    });
    const s3 = SealedStore.open(dir2);
    expect(() => s3.unlock(kek)).toThrow(/cannot decrypt data key/);
    await s3.close();
  });

  it('refuses to overwrite an existing store and rejects bad names and sizes', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    expect(() => SealedStore.create(dir, init)).toThrow(StoreExistsError);
    expect(() => store.put('', text('x'))).toThrow(/1..256 bytes/);
    expect(() => store.put('x'.repeat(257), text('x'))).toThrow(/1..256 bytes/);
    expect(() => store.put('big', new Uint8Array(1024 * 1024 + 1))).toThrow(/at most/);
    expect(store.version).toBe(0);
    await store.close();
  });

  describe('a crash at each point of a commit leaves the old or the new state', () => {
    const child = fileURLToPath(
      new URL('../../test/fixtures/store-crash-child.ts', import.meta.url),
    );

    for (const [point, expected, version] of [
      ['before-commit', 'old', 1],
      ['after-commit', 'new', 2],
    ] as const) {
      it(`killed ${point}: reads back "${expected}" at version ${version}`, async () => {
        const dir = tempDir();
        const store = SealedStore.create(dir, init);
        store.put('secret', text('old'));
        await store.close();
        const run = spawnSync(
          process.execPath,
          ['--import', 'tsx', child, dir, Buffer.from(kek).toString('hex'), point, 'new'],
          {
            encoding: 'utf8',
            timeout: 60_000,
          },
        );
        expect({ signal: run.signal, stderr: run.stderr }).toMatchObject({ signal: 'SIGKILL' });
        const reopened = SealedStore.open(dir);
        reopened.unlock(kek);
        expect(reopened.version).toBe(version);
        expect(new TextDecoder().decode(reopened.get('secret'))).toBe(expected);
        await reopened.close();
      });
    }
  });
});
