import { timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { open as openLmdb, type RootDatabase } from 'lmdb';
import { AEAD_KEY_BYTES, open, seal, zeroize } from '../crypto/aead.js';
import { InvalidKeyMaterialError } from '../errors/crypto.js';
import {
  HeaderTamperedError,
  InvalidKeyNameError,
  StoreExistsError,
  StoreIntegrityError,
  StoreLockedError,
  StoreNotFoundError,
} from '../errors/keystore.js';
import { headerBytes, parseHeader, STORE_FORMAT_VERSION, type StoreHeader } from './header.js';
import {
  assertNamespace,
  ciphertextHash,
  Manifest,
  manifestAad,
  type Namespace,
  parseValueKey,
  valueAad,
  valueKey,
} from './manifest.js';

export type { Namespace } from './manifest.js';

const FILE = 'store.mdb';
const HEADER = 'header';
const WRAPPED_DEK = 'dek';
const STAGED_DEK = 'dek-staged';
const HEADER_MAC = 'header-mac';
const MANIFEST = 'manifest';
/** Every database key that is not a value. */
const FIXED_KEYS: ReadonlySet<string> = new Set([
  HEADER,
  WRAPPED_DEK,
  STAGED_DEK,
  HEADER_MAC,
  MANIFEST,
]);
const MAX_NAME_BYTES = 256;
const MAX_VALUE_BYTES = 1024 * 1024;
const enc = new TextEncoder();

/** Hooks for fault-injection tests; never set in normal runs. */
export interface StoreHooks {
  /** Called inside a commit's transaction, after its writes, before it commits. */
  beforeCommit?: (op: string) => void;
  /** Called right after a commit is durable. */
  afterCommit?: (op: string) => void;
}

function dekAad(tssAccount: string): Uint8Array {
  return enc.encode(`custos/dek/1|${tssAccount}`);
}

function assertName(name: string) {
  const bytes = enc.encode(name).length;
  if (bytes === 0 || bytes > MAX_NAME_BYTES) {
    throw new InvalidKeyNameError(`must be 1..${MAX_NAME_BYTES} bytes, got ${bytes}`);
  }
}

function macKey(dek: Uint8Array): Uint8Array {
  return hkdf(sha256, dek, undefined, enc.encode('custos/header-mac/1'), 32);
}

/** How a database key appears in an error: JSON-quoted, at most 80 characters. */
function rawKeyLabel(key: unknown): string {
  const text = typeof key === 'string' ? key : String(key);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/**
 * One namespace of a {@link SealedStore}: it can address values of that namespace only,
 * and holds no reference through which the rest of the store is reachable.
 */
export interface SecretNamespace<N extends Namespace = Namespace> {
  /** The namespace this view addresses. */
  readonly namespace: N;
  /** The store's current version (store-wide: every commit in any namespace bumps it). */
  readonly version: number;
  /** See {@link SealedStore.get}. */
  get(name: string): Uint8Array | undefined;
  /** See {@link SealedStore.put}. */
  put(name: string, value: Uint8Array): number;
  /** See {@link SealedStore.delete}. */
  delete(name: string): number;
  /** See {@link SealedStore.names}. */
  names(): string[];
}

/**
 * The sealed store: an LMDB environment (ACID, crash-safe: a commit is all or nothing and
 * durable when it returns) in which every value is encrypted with XChaCha20-Poly1305 under
 * a data key (DEK); the DEK is wrapped by the key-encryption key (KEK). Only
 * {@link StoreHeader} is plaintext, and a MAC under the DEK detects any change to it.
 * Files are created 0600 in a 0700 directory. The store version increases on every commit.
 *
 * Values live in two namespaces ({@link Namespace}): `node` for the companion's own keys,
 * `tss` for the TSS server's secrets. Their database keys differ by prefix and a value's
 * associated data binds its namespace, so no name in one namespace reaches the other, and
 * a ciphertext moved between them does not open. {@link namespace} hands out a view bound
 * to one namespace.
 *
 * Integrity against whoever can rewrite the disk (the VM's host): every commit also writes
 * a manifest, sealed under the DEK with the exact header bytes (store version included) as
 * associated data, that lists every value with the version it was written at and the
 * SHA-256 of its ciphertext; a value's associated data binds its namespace, name and that
 * version. {@link unlock} checks the header MAC, that the manifest belongs to that header,
 * that the database holds exactly the header's entries and the manifest's values (no more,
 * no fewer), and every value's hash; {@link get} checks the hash again before opening. So
 * putting back an older ciphertext of one value, deleting, swapping, adding or moving an
 * entry is a {@link StoreIntegrityError} naming the entry, and nothing is written. What
 * stays possible is putting back an entire older store (header, manifest and values of one
 * commit): that is what the version anchored on chain refuses (I5).
 *
 * @example
 * const store = SealedStore.create(dir, { tssAccount, restartSeed, kek });
 * store.put('tss', 'keyshare', bytes); await store.close();
 * const again = SealedStore.open(dir); again.unlock(kek); again.get('tss', 'keyshare');
 */
export class SealedStore {
  #db: RootDatabase<Uint8Array | string, string>;
  #dek: Uint8Array | undefined;
  /** The verified manifest of the last commit; set exactly when {@link #dek} is. */
  #manifest: Manifest | undefined;
  #header: StoreHeader;

  private constructor(
    db: RootDatabase<Uint8Array | string, string>,
    header: StoreHeader,
    private readonly hooks: StoreHooks,
  ) {
    this.#db = db;
    this.#header = header;
  }

  static #env(dir: string) {
    return openLmdb<Uint8Array | string, string>({
      path: join(dir, FILE),
      encoding: 'binary',
      compression: false,
    });
  }

  static #lockDown(dir: string) {
    chmodSync(dir, 0o700);
    for (const f of [FILE, `${FILE}-lock`])
      if (existsSync(join(dir, f))) chmodSync(join(dir, f), 0o600);
  }

  /** Whether a store exists in `dir`. */
  static exists(dir: string): boolean {
    return existsSync(join(dir, FILE));
  }

  /**
   * Creates a new store with a fresh DEK wrapped by `kek` and an empty manifest. Refuses to
   * overwrite an existing store. Returns it unlocked, at version 0.
   */
  static create(
    dir: string,
    init: { tssAccount: string; restartSeed: Uint8Array; kek: Uint8Array },
    hooks: StoreHooks = {},
  ): SealedStore {
    if (SealedStore.exists(dir)) throw new StoreExistsError(dir);
    if (init.restartSeed.length !== 32)
      throw new InvalidKeyMaterialError('restart seed', 'must be 32 bytes');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const header: StoreHeader = {
      format: STORE_FORMAT_VERSION,
      tssAccount: init.tssAccount,
      restartSeed: `0x${Buffer.from(init.restartSeed).toString('hex')}`,
      storeVersion: 0,
    };
    const dek = randomBytes(AEAD_KEY_BYTES);
    const manifest = Manifest.empty();
    const db = SealedStore.#env(dir);
    db.transactionSync(() => {
      db.putSync(WRAPPED_DEK, seal(init.kek, dek, dekAad(header.tssAccount)));
      SealedStore.#writeState(db, dek, header, manifest);
    });
    SealedStore.#lockDown(dir);
    const store = new SealedStore(db, header, hooks);
    store.#dek = dek;
    store.#manifest = manifest;
    return store;
  }

  /** Opens an existing store, locked: only its header is readable until {@link unlock}. */
  static open(dir: string, hooks: StoreHooks = {}): SealedStore {
    if (!SealedStore.exists(dir)) throw new StoreNotFoundError(dir);
    const db = SealedStore.#env(dir);
    const raw = db.get(HEADER);
    if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
      void db.close();
      throw new StoreNotFoundError(dir);
    }
    let header: StoreHeader;
    try {
      header = parseHeader(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    } catch (error) {
      void db.close();
      throw error;
    }
    SealedStore.#lockDown(dir);
    return new SealedStore(db, header, hooks);
  }

  /** Writes the header, its MAC and the manifest sealed to it (inside a transaction). */
  static #writeState(
    db: RootDatabase<Uint8Array | string, string>,
    dek: Uint8Array,
    header: StoreHeader,
    manifest: Manifest,
  ) {
    const bytes = headerBytes(header);
    db.putSync(HEADER, JSON.stringify(header));
    const key = macKey(dek);
    db.putSync(HEADER_MAC, hmac(sha256, key, bytes));
    zeroize(key);
    db.putSync(MANIFEST, seal(dek, manifest.encode(), manifestAad(bytes)));
  }

  /** The plaintext header (a copy). */
  get header(): StoreHeader {
    return { ...this.#header };
  }

  /** Current store version. */
  get version(): number {
    return this.#header.storeVersion;
  }

  /** Whether the DEK is loaded. */
  get unlocked(): boolean {
    return this.#dek !== undefined;
  }

  /**
   * Unwraps the DEK with `kek` — under the current wrapping, or else under the staged one
   * (see {@link stageKek}) — and verifies the whole store: the header's MAC, the manifest,
   * the set of entries and every value's hash. Returns which wrapping opened. Throws
   * `DecryptionFailedError` for a KEK that opens neither or a tampered wrapped key,
   * {@link HeaderTamperedError} for a modified header and {@link StoreIntegrityError}
   * naming the first entry that is missing, foreign or not the one last committed. Nothing
   * is written, and on any error a locked store stays locked.
   */
  unlock(kek: Uint8Array): 'current' | 'staged' {
    const aad = dekAad(this.#header.tssAccount);
    let slot: 'current' | 'staged' = 'current';
    let dek: Uint8Array;
    try {
      dek = open(kek, this.#bytes(WRAPPED_DEK), aad, 'data key');
    } catch (error) {
      const staged = this.#bytes(STAGED_DEK);
      if (staged.length === 0) throw error;
      dek = open(kek, staged, aad, 'data key');
      slot = 'staged';
    }
    try {
      this.#manifest = this.#verify(dek);
    } catch (error) {
      zeroize(dek);
      throw error;
    }
    this.#dek = dek;
    return slot;
  }

  /** The checks of {@link unlock} once the DEK is known; returns the verified manifest. */
  #verify(dek: Uint8Array): Manifest {
    const bytes = headerBytes(this.#header);
    const mac = this.#bytes(HEADER_MAC);
    const key = macKey(dek);
    const expected = hmac(sha256, key, bytes);
    const ok = mac.length === expected.length && timingSafeEqual(mac, expected);
    zeroize(key);
    if (!ok) throw new HeaderTamperedError();

    const box = this.#bytes(MANIFEST);
    if (box.length === 0) throw new StoreIntegrityError('manifest', 'missing');
    let plain: Uint8Array;
    try {
      plain = open(dek, box, manifestAad(bytes), 'manifest');
    } catch {
      throw new StoreIntegrityError('manifest', 'replaced');
    }
    const manifest = Manifest.decode(plain);

    for (const k of this.#db.getKeys()) {
      if (typeof k === 'string' && (FIXED_KEYS.has(k) || manifest.hasKey(k))) continue;
      const value = typeof k === 'string' ? parseValueKey(k) : undefined;
      throw new StoreIntegrityError(
        value ? `${value.ns}:${value.name}` : rawKeyLabel(k),
        'foreign',
      );
    }
    for (const e of manifest.entries()) this.#checkedBox(manifest, e.ns, e.name);
    return manifest;
  }

  /** Whether a staged wrapping (a KEK rotation not yet promoted) exists. */
  get hasStagedKek(): boolean {
    return this.#bytes(STAGED_DEK).length > 0;
  }

  #bytes(key: string): Uint8Array {
    const v = this.#db.get(key);
    if (!(v instanceof Uint8Array)) return new Uint8Array();
    return v;
  }

  #requireDek(): { dek: Uint8Array; manifest: Manifest } {
    if (!this.#dek || !this.#manifest) throw new StoreLockedError();
    return { dek: this.#dek, manifest: this.#manifest };
  }

  /**
   * The ciphertext of a listed value, after checking it is the one the manifest records;
   * `undefined` if the manifest does not list it.
   */
  #checkedBox(
    manifest: Manifest,
    ns: Namespace,
    name: string,
  ): { box: Uint8Array; version: number } | undefined {
    const entry = manifest.get(ns, name);
    if (!entry) return undefined;
    const box = this.#db.get(valueKey(ns, name));
    if (!(box instanceof Uint8Array)) throw new StoreIntegrityError(`${ns}:${name}`, 'missing');
    if (ciphertextHash(box) !== entry.hash)
      throw new StoreIntegrityError(`${ns}:${name}`, 'replaced');
    return { box, version: entry.version };
  }

  /**
   * Runs `writes` and the version bump in one durable transaction. `writes` gets the DEK and
   * the new version and returns the new manifest (or `undefined` to keep it); the manifest
   * is re-sealed to the new header on every commit.
   */
  #commit(
    op: string,
    writes: (dek: Uint8Array, version: number, manifest: Manifest) => Manifest | undefined,
  ): number {
    const { dek, manifest } = this.#requireDek();
    const next: StoreHeader = { ...this.#header, storeVersion: this.#header.storeVersion + 1 };
    let nextManifest = manifest;
    this.#db.transactionSync(() => {
      nextManifest = writes(dek, next.storeVersion, manifest) ?? manifest;
      SealedStore.#writeState(this.#db, dek, next, nextManifest);
      this.hooks.beforeCommit?.(op);
    });
    this.#header = next;
    this.#manifest = nextManifest;
    this.hooks.afterCommit?.(op);
    return next.storeVersion;
  }

  /** Stores `value` under (`ns`, `name`), encrypted; returns the new store version. */
  put(ns: Namespace, name: string, value: Uint8Array): number {
    assertNamespace(ns);
    assertName(name);
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidKeyMaterialError(
        'value',
        `at most ${MAX_VALUE_BYTES} bytes, got ${value.length}`,
      );
    }
    return this.#commit('put', (dek, version, manifest) => {
      const box = seal(dek, value, valueAad(ns, name, version));
      this.#db.putSync(valueKey(ns, name), box);
      return manifest.with(ns, name, { version, hash: ciphertextHash(box) });
    });
  }

  /**
   * The value under (`ns`, `name`), or `undefined` if the manifest lists none (whatever
   * the disk holds). Throws {@link StoreIntegrityError} if its ciphertext is missing or not
   * the one last committed, and {@link StoreLockedError} while locked.
   */
  get(ns: Namespace, name: string): Uint8Array | undefined {
    assertNamespace(ns);
    assertName(name);
    const { dek, manifest } = this.#requireDek();
    const found = this.#checkedBox(manifest, ns, name);
    if (!found) return undefined;
    return open(dek, found.box, valueAad(ns, name, found.version), `value "${ns}:${name}"`);
  }

  /** Deletes (`ns`, `name`); returns the new store version (bumped even if absent). */
  delete(ns: Namespace, name: string): number {
    assertNamespace(ns);
    assertName(name);
    return this.#commit('delete', (_dek, _version, manifest) => {
      this.#db.removeSync(valueKey(ns, name));
      return manifest.without(ns, name);
    });
  }

  /** Names of the values in `ns`, sorted (from the verified manifest, not the disk). */
  names(ns: Namespace): string[] {
    assertNamespace(ns);
    return this.#requireDek().manifest.names(ns);
  }

  /**
   * A view that can address namespace `ns` only (see {@link SecretNamespace}): hand
   * `namespace('tss')` to code that must never reach the companion's own keys.
   *
   * @example
   * secretApiRoutes({ secrets: store.namespace('tss'), token, anchor });
   */
  namespace<N extends Namespace>(ns: N): SecretNamespace<N> {
    assertNamespace(ns);
    const store = this;
    return Object.freeze({
      namespace: ns,
      get version() {
        return store.version;
      },
      get: (name: string) => store.get(ns, name),
      put: (name: string, value: Uint8Array) => store.put(ns, name, value),
      delete: (name: string) => store.delete(ns, name),
      names: () => store.names(ns),
    });
  }

  /** Re-wraps the DEK under `newKek` at once (drops any staged wrapping); returns the version. */
  rewrap(newKek: Uint8Array): number {
    return this.#commit('rewrap', (dek) => {
      this.#db.putSync(WRAPPED_DEK, seal(newKek, dek, dekAad(this.#header.tssAccount)));
      this.#db.removeSync(STAGED_DEK);
      return undefined;
    });
  }

  /**
   * First half of a crash-safe KEK rotation: durably adds a second wrapping of the DEK
   * under `newKek` (replacing an earlier staged one) while the current wrapping stays, so
   * the store opens with either KEK. Back up `newKek`; once the chain confirmed it, call
   * {@link promoteStagedKek}. Returns the new store version.
   */
  stageKek(newKek: Uint8Array): number {
    return this.#commit('stage-kek', (dek) => {
      this.#db.putSync(STAGED_DEK, seal(newKek, dek, dekAad(this.#header.tssAccount)));
      return undefined;
    });
  }

  /**
   * Second half of a KEK rotation: the staged wrapping becomes the only one (the old KEK
   * no longer opens the store). Throws {@link StoreLockedError} if locked; a no-op without
   * a staged wrapping (returns the unchanged version).
   */
  promoteStagedKek(): number {
    this.#requireDek();
    const staged = this.#bytes(STAGED_DEK);
    if (staged.length === 0) return this.version;
    const copy = new Uint8Array(staged);
    return this.#commit('promote-kek', () => {
      this.#db.putSync(WRAPPED_DEK, copy);
      this.#db.removeSync(STAGED_DEK);
      return undefined;
    });
  }

  /** Drops the DEK from memory (zeroised) and closes the environment. */
  async close(): Promise<void> {
    zeroize(this.#dek);
    this.#dek = undefined;
    this.#manifest = undefined;
    await this.#db.close();
  }
}
