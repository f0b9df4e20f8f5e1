import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open as openLmdb, type RootDatabase } from 'lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { DecryptionFailedError } from '../errors/crypto.js';
import {
  HeaderInvalidError,
  HeaderTamperedError,
  InvalidKeyNameError,
  StoreExistsError,
  StoreFormatError,
  StoreIntegrityError,
  type StoreIntegrityProblem,
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

/** Every raw entry of a closed store, key → bytes (hex), as the host sees the file. */
async function dump(dir: string): Promise<Map<string, string>> {
  const db = openLmdb<Uint8Array | string, string>({
    path: join(dir, 'store.mdb'),
    encoding: 'binary',
  });
  const out = new Map<string, string>();
  for (const { key, value } of db.getRange()) {
    out.set(String(key), Buffer.from(value as Uint8Array).toString('hex'));
  }
  await db.close();
  return out;
}

/** The raw bytes of one entry. */
async function peek(dir: string, key: string): Promise<Uint8Array> {
  return Buffer.from((await dump(dir)).get(key) ?? '', 'hex');
}

/** Entry `key` of a {@link dump}, as bytes to write back. */
function bytes(snapshot: Map<string, string>, key: string): Uint8Array {
  const hex = snapshot.get(key);
  if (hex === undefined) throw new Error(`no ${key} in snapshot`);
  return Buffer.from(hex, 'hex');
}

/** Edits the raw LMDB file directly, as the VM's host can. */
async function rawEdit(dir: string, edit: (db: RootDatabase<Uint8Array | string, string>) => void) {
  const db = openLmdb<Uint8Array | string, string>({
    path: join(dir, 'store.mdb'),
    encoding: 'binary',
  });
  edit(db);
  await db.close();
}

describe('sealed store', () => {
  it('stores, reads and deletes values; the version increases on every commit', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    expect(store.version).toBe(0);
    expect(store.put('tss', 'a', text('alpha'))).toBe(1);
    expect(store.put('tss', 'b', text('beta'))).toBe(2);
    expect(store.get('tss', 'a')).toEqual(text('alpha'));
    expect(store.names('tss')).toEqual(['a', 'b']);
    expect(store.names('node')).toEqual([]);
    expect(store.delete('tss', 'a')).toBe(3);
    expect(store.get('tss', 'a')).toBeUndefined();
    await store.close();

    const again = SealedStore.open(dir);
    expect(again.header.tssAccount).toBe(account);
    expect(again.version).toBe(3);
    expect(() => again.get('tss', 'b')).toThrow(StoreLockedError);
    again.unlock(kek);
    expect(again.get('tss', 'b')).toEqual(text('beta'));
    await again.close();
  });

  it('never writes a value or the data key in plaintext, and files are 0600', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('tss', 'keyshare', text('TOP-SECRET-KEYSHARE-MATERIAL'));
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
    store.put('tss', 'x', text('1'));
    const next = new Uint8Array(32).fill(0x22);
    store.rewrap(next);
    await store.close();
    const reopened = SealedStore.open(dir);
    expect(() => reopened.unlock(kek)).toThrow(DecryptionFailedError);
    reopened.unlock(next);
    expect(reopened.get('tss', 'x')).toEqual(text('1'));
    await reopened.close();
  });

  it('opens with the old or the staged KEK until the staged one is promoted', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('tss', 'x', text('1'));
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
    expect(b.get('tss', 'x')).toEqual(text('1'));
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
    store.put('tss', 'x', text('value'));
    await store.close();

    await tamper(dir, 'v/tss/x', (v) => {
      const b = v.slice();
      b[30] = (b[30] ?? 0) ^ 1;
      return b;
    });
    const s1 = SealedStore.open(dir);
    expect(() => s1.unlock(kek)).toThrow(
      expect.objectContaining({ code: 'STORE_INTEGRITY', entry: 'tss:x', problem: 'replaced' }),
    );
    expect(s1.unlocked).toBe(false);
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

    await tamper(dir, 'header', () => '{"format":2}');
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

  it('refuses a store of format 1 with STORE_FORMAT_UNSUPPORTED', async () => {
    const dir = tempDir();
    await SealedStore.create(dir, init).close();
    await tamper(dir, 'header', (v) => {
      const h = JSON.parse(Buffer.from(v).toString('utf8'));
      h.format = 1;
      return JSON.stringify(h);
    });
    expect(() => SealedStore.open(dir)).toThrow(StoreFormatError);
    expect(() => SealedStore.open(dir)).toThrow(/format 1; this build reads format 2 only/);
  });

  it('keeps the namespaces apart: same names, separate values, views bound to one', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('node', 'k', text('node value'));
    store.put('tss', 'k', text('tss value'));
    const tss = store.namespace('tss');
    expect(tss.namespace).toBe('tss');
    expect(tss.get('k')).toEqual(text('tss value'));
    expect(tss.put('../node/k', text('x'))).toBe(3);
    expect(tss.names()).toEqual(['../node/k', 'k']);
    expect(tss.version).toBe(3);
    expect(tss.delete('k')).toBe(4);
    expect(store.names('node')).toEqual(['k']);
    expect(store.get('node', 'k')).toEqual(text('node value'));
    expect(Object.keys(tss).sort()).toEqual([
      'delete',
      'get',
      'names',
      'namespace',
      'put',
      'version',
    ]);
    expect(Object.isFrozen(tss)).toBe(true);
    await store.close();
  });

  it('refuses to overwrite an existing store and rejects bad names and sizes', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    expect(() => SealedStore.create(dir, init)).toThrow(StoreExistsError);
    expect(() => store.put('tss', '', text('x'))).toThrow(/1..256 bytes/);
    expect(() => store.put('tss', 'x'.repeat(257), text('x'))).toThrow(/1..256 bytes/);
    expect(() => store.put('tss', 'big', new Uint8Array(1024 * 1024 + 1))).toThrow(/at most/);
    // @ts-expect-error: a namespace the store does not have
    expect(() => store.put('other', 'x', text('x'))).toThrow(InvalidKeyNameError);
    expect(store.version).toBe(0);
    await store.close();
  });

  describe('a host that rewrites entries of the closed store is detected at unlock', () => {
    /** node:k, tss:a, tss:b committed; `old` is the disk then; tss:a rewritten after. */
    async function fixture() {
      const dir = tempDir();
      const store = SealedStore.create(dir, init);
      store.put('node', 'k', text('node key'));
      store.put('tss', 'a', text('a1'));
      store.put('tss', 'b', text('b1'));
      await store.close();
      const old = await dump(dir);
      const again = SealedStore.open(dir);
      again.unlock(kek);
      again.put('tss', 'a', text('a2'));
      await again.close();
      return { dir, old, current: await dump(dir) };
    }

    /** Unlocking fails with `expected`, the store stays locked, and the disk is unchanged. */
    async function expectRefused(
      dir: string,
      expected: { entry: string; problem: StoreIntegrityProblem },
    ) {
      const before = await dump(dir);
      const store = SealedStore.open(dir);
      const error = (() => {
        try {
          store.unlock(kek);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(StoreIntegrityError);
      expect(error).toMatchObject({ code: 'STORE_INTEGRITY', ...expected });
      expect(store.unlocked).toBe(false);
      expect(() => store.put('tss', 'z', text('z'))).toThrow(StoreLockedError);
      expect(() => store.get('tss', 'b')).toThrow(StoreLockedError);
      await store.close();
      expect(await dump(dir)).toEqual(before);
    }

    it('an older ciphertext of one value put back (single-value rollback)', async () => {
      const { dir, old } = await fixture();
      await rawEdit(dir, (db) => db.putSync('v/tss/a', bytes(old, 'v/tss/a')));
      await expectRefused(dir, { entry: 'tss:a', problem: 'replaced' });
    });

    it('one value deleted', async () => {
      const { dir } = await fixture();
      await rawEdit(dir, (db) => db.removeSync('v/tss/b'));
      await expectRefused(dir, { entry: 'tss:b', problem: 'missing' });
    });

    it('two values swapped', async () => {
      const { dir, current } = await fixture();
      await rawEdit(dir, (db) => {
        db.putSync('v/tss/a', bytes(current, 'v/tss/b'));
        db.putSync('v/tss/b', bytes(current, 'v/tss/a'));
      });
      await expectRefused(dir, { entry: 'tss:a', problem: 'replaced' });
    });

    it('a foreign entry: a copy under a new name, an unknown namespace, any other key', async () => {
      const { dir, current } = await fixture();
      await rawEdit(dir, (db) => db.putSync('v/tss/c', bytes(current, 'v/tss/a')));
      await expectRefused(dir, { entry: 'tss:c', problem: 'foreign' });
      await rawEdit(dir, (db) => {
        db.removeSync('v/tss/c');
        db.putSync('v/other/a', bytes(current, 'v/tss/a'));
      });
      await expectRefused(dir, { entry: '"v/other/a"', problem: 'foreign' });
      await rawEdit(dir, (db) => {
        db.removeSync('v/other/a');
        db.putSync('junk', text('x'));
      });
      await expectRefused(dir, { entry: '"junk"', problem: 'foreign' });
    });

    it('a value moved or copied to the other namespace', async () => {
      const { dir, current } = await fixture();
      await rawEdit(dir, (db) => {
        db.removeSync('v/node/k');
        db.putSync('v/tss/k', bytes(current, 'v/node/k'));
      });
      await expectRefused(dir, { entry: 'tss:k', problem: 'foreign' });
      await rawEdit(dir, (db) => db.removeSync('v/tss/k'));
      await expectRefused(dir, { entry: 'node:k', problem: 'missing' });
      await rawEdit(dir, (db) => {
        db.putSync('v/node/k', bytes(current, 'v/node/k'));
        db.putSync('v/node/a', bytes(current, 'v/tss/a'));
      });
      await expectRefused(dir, { entry: 'node:a', problem: 'foreign' });
      await rawEdit(dir, (db) => db.removeSync('v/node/a'));
      const store = SealedStore.open(dir);
      store.unlock(kek); // every entry back where it was: opens again
      expect(store.get('node', 'k')).toEqual(text('node key'));
      await store.close();
    });

    it('the manifest deleted, rolled back alone, or rolled back with header and MAC', async () => {
      const { dir, old, current } = await fixture();
      await rawEdit(dir, (db) => db.removeSync('manifest'));
      await expectRefused(dir, { entry: 'manifest', problem: 'missing' });
      await rawEdit(dir, (db) => db.putSync('manifest', bytes(old, 'manifest')));
      await expectRefused(dir, { entry: 'manifest', problem: 'replaced' });
      await rawEdit(dir, (db) => {
        for (const k of ['header', 'header-mac']) db.putSync(k, bytes(old, k));
      });
      await expectRefused(dir, { entry: 'tss:a', problem: 'replaced' });
      // The current manifest beside the older header: its MAC holds, the manifest does not.
      await rawEdit(dir, (db) => db.putSync('manifest', bytes(current, 'manifest')));
      await expectRefused(dir, { entry: 'manifest', problem: 'replaced' });
    });

    it('every entry of one older commit put back opens: the chain anchor refuses that (I5)', async () => {
      const { dir, old, current } = await fixture();
      await rawEdit(dir, (db) => {
        for (const k of current.keys()) db.removeSync(k);
        for (const k of old.keys()) db.putSync(k, bytes(old, k));
      });
      const store = SealedStore.open(dir);
      store.unlock(kek);
      expect(store.version).toBe(3);
      expect(store.get('tss', 'a')).toEqual(text('a1'));
      await store.close();
    });
  });

  it('a value rewritten while the store is open is refused at read; others are served; nothing is written', async () => {
    const dir = tempDir();
    const store = SealedStore.create(dir, init);
    store.put('node', 'k', text('node key'));
    store.put('tss', 'a', text('a1'));
    const a1 = await peek(dir, 'v/tss/a');
    store.put('tss', 'a', text('a2'));
    store.put('tss', 'b', text('b1'));
    const before = await dump(dir);
    await rawEdit(dir, (db) => {
      db.putSync('v/tss/a', a1);
      db.removeSync('v/tss/b');
      db.putSync('v/tss/c', a1);
    });
    expect(() => store.get('tss', 'a')).toThrow(
      expect.objectContaining({ code: 'STORE_INTEGRITY', entry: 'tss:a', problem: 'replaced' }),
    );
    expect(() => store.get('tss', 'b')).toThrow(
      expect.objectContaining({ code: 'STORE_INTEGRITY', entry: 'tss:b', problem: 'missing' }),
    );
    expect(store.get('tss', 'c')).toBeUndefined();
    expect(store.names('tss')).toEqual(['a', 'b']);
    expect(store.get('node', 'k')).toEqual(text('node key'));
    expect(store.version).toBe(4);
    const tampered = await dump(dir);
    expect(tampered.get('header')).toEqual(before.get('header'));
    expect(tampered.get('manifest')).toEqual(before.get('manifest'));
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
        store.put('tss', 'secret', text('old'));
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
        expect(new TextDecoder().decode(reopened.get('tss', 'secret'))).toBe(expected);
        await reopened.close();
      });
    }
  });
});
