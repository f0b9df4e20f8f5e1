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
  StoreLockedError,
  StoreNotFoundError,
} from '../errors/keystore.js';
import { headerBytes, parseHeader, STORE_FORMAT_VERSION, type StoreHeader } from './header.js';

const FILE = 'store.mdb';
const HEADER = 'header';
const WRAPPED_DEK = 'dek';
const STAGED_DEK = 'dek-staged';
const HEADER_MAC = 'header-mac';
const VALUE_PREFIX = 'v/';
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

function valueAad(name: string): Uint8Array {
  return enc.encode(`custos/value/1|${name}`);
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

/**
 * The sealed store: an LMDB environment (ACID, crash-safe: a commit is all or nothing and
 * durable when it returns) in which every value is encrypted with XChaCha20-Poly1305 under
 * a data key (DEK) bound to the value's name; the DEK is wrapped by the key-encryption key
 * (KEK). Only {@link StoreHeader} is plaintext, and a MAC under the DEK detects any change
 * to it. Files are created 0600 in a 0700 directory. The store version increases on every
 * commit.
 *
 * @example
 * const store = SealedStore.create(dir, { tssAccount, restartSeed, kek });
 * store.put('keyshare', bytes); store.close();
 * const again = SealedStore.open(dir); again.unlock(kek); again.get('keyshare');
 */
export class SealedStore {
  #db: RootDatabase<Uint8Array | string, string>;
  #dek: Uint8Array | undefined;
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
   * Creates a new store with a fresh DEK wrapped by `kek`. Refuses to overwrite an
   * existing store. Returns it unlocked, at version 0.
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
    const db = SealedStore.#env(dir);
    db.transactionSync(() => {
      db.putSync(HEADER, JSON.stringify(header));
      db.putSync(WRAPPED_DEK, seal(init.kek, dek, dekAad(header.tssAccount)));
      db.putSync(HEADER_MAC, hmac(sha256, macKey(dek), headerBytes(header)));
    });
    SealedStore.#lockDown(dir);
    const store = new SealedStore(db, header, hooks);
    store.#dek = dek;
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
    const header = parseHeader(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    SealedStore.#lockDown(dir);
    return new SealedStore(db, header, hooks);
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
   * (see {@link stageKek}) — and verifies the header's MAC. Returns which wrapping opened.
   * Throws `DecryptionFailedError` for a KEK that opens neither or a tampered wrapped key,
   * and {@link HeaderTamperedError} for a modified header. Nothing is written.
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
    const mac = this.#bytes(HEADER_MAC);
    const key = macKey(dek);
    const expected = hmac(sha256, key, headerBytes(this.#header));
    const ok = mac.length === expected.length && timingSafeEqual(mac, expected);
    zeroize(key);
    if (!ok) {
      zeroize(dek);
      throw new HeaderTamperedError();
    }
    this.#dek = dek;
    return slot;
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

  #requireDek(): Uint8Array {
    if (!this.#dek) throw new StoreLockedError();
    return this.#dek;
  }

  /** Runs `writes` and the version bump in one durable transaction. */
  #commit(op: string, writes: (dek: Uint8Array) => void): number {
    const dek = this.#requireDek();
    const next: StoreHeader = { ...this.#header, storeVersion: this.#header.storeVersion + 1 };
    this.#db.transactionSync(() => {
      writes(dek);
      this.#db.putSync(HEADER, JSON.stringify(next));
      const key = macKey(dek);
      this.#db.putSync(HEADER_MAC, hmac(sha256, key, headerBytes(next)));
      zeroize(key);
      this.hooks.beforeCommit?.(op);
    });
    this.#header = next;
    this.hooks.afterCommit?.(op);
    return next.storeVersion;
  }

  /** Stores `value` under `name` (encrypted); returns the new store version. */
  put(name: string, value: Uint8Array): number {
    assertName(name);
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidKeyMaterialError(
        'value',
        `at most ${MAX_VALUE_BYTES} bytes, got ${value.length}`,
      );
    }
    return this.#commit('put', (dek) => {
      this.#db.putSync(VALUE_PREFIX + name, seal(dek, value, valueAad(name)));
    });
  }

  /** The value under `name`, or undefined. Throws `DecryptionFailedError` if tampered. */
  get(name: string): Uint8Array | undefined {
    assertName(name);
    const dek = this.#requireDek();
    const box = this.#db.get(VALUE_PREFIX + name);
    if (!(box instanceof Uint8Array)) return undefined;
    return open(dek, box, valueAad(name), `value "${name}"`);
  }

  /** Deletes `name`; returns the new store version (bumped even if absent). */
  delete(name: string): number {
    assertName(name);
    return this.#commit('delete', () => {
      this.#db.removeSync(VALUE_PREFIX + name);
    });
  }

  /** Names of stored values. */
  names(): string[] {
    return [...this.#db.getKeys({ start: VALUE_PREFIX, end: 'v0' })].map((k) =>
      String(k).slice(VALUE_PREFIX.length),
    );
  }

  /** Re-wraps the DEK under `newKek` at once (drops any staged wrapping); returns the version. */
  rewrap(newKek: Uint8Array): number {
    return this.#commit('rewrap', (dek) => {
      this.#db.putSync(WRAPPED_DEK, seal(newKek, dek, dekAad(this.#header.tssAccount)));
      this.#db.removeSync(STAGED_DEK);
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
    });
  }

  /** Drops the DEK from memory (zeroised) and closes the environment. */
  async close(): Promise<void> {
    zeroize(this.#dek);
    this.#dek = undefined;
    await this.#db.close();
  }
}
