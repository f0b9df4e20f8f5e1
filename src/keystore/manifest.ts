import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { InvalidKeyNameError, StoreIntegrityError } from '../errors/keystore.js';

/**
 * The store's namespaces. `node`: the companion's own keys (TSS seed, x25519 key); `tss`:
 * the TSS server's secrets, the only namespace the local secret API is given.
 */
export type Namespace = 'node' | 'tss';

/** Every namespace, in manifest order. */
export const NAMESPACES: readonly Namespace[] = ['node', 'tss'];

const VALUE_PREFIX = 'v/';
const enc = new TextEncoder();

/** Throws {@link InvalidKeyNameError} unless `ns` is a {@link Namespace} (for JS callers). */
export function assertNamespace(ns: unknown): asserts ns is Namespace {
  if (!NAMESPACES.includes(ns as Namespace))
    throw new InvalidKeyNameError(`namespace must be one of ${NAMESPACES.join(', ')}`);
}

/**
 * Database key of a value: `v/<namespace>/<name>`. Keys of different namespaces never
 * collide, whatever the name holds (`/`, `..`): the namespace is a fixed prefix.
 *
 * @example
 * valueKey('tss', 'keyshare/0'); // 'v/tss/keyshare/0'
 */
export function valueKey(ns: Namespace, name: string): string {
  return `${VALUE_PREFIX}${ns}/${name}`;
}

/** Inverse of {@link valueKey}; `undefined` for any other key. */
export function parseValueKey(key: string): { ns: Namespace; name: string } | undefined {
  if (!key.startsWith(VALUE_PREFIX)) return undefined;
  const rest = key.slice(VALUE_PREFIX.length);
  const slash = rest.indexOf('/');
  const ns = rest.slice(0, slash);
  const name = rest.slice(slash + 1);
  if (slash < 0 || name.length === 0 || !NAMESPACES.includes(ns as Namespace)) return undefined;
  return { ns: ns as Namespace, name };
}

/**
 * Associated data of a value's ciphertext: its namespace, name and the store version it
 * was written at, so a ciphertext opens only where and as what it was written.
 */
export function valueAad(ns: Namespace, name: string, version: number): Uint8Array {
  return enc.encode(JSON.stringify(['custos/value/2', ns, name, version]));
}

/**
 * Associated data of the sealed manifest: the exact header bytes of the commit that wrote
 * it, so a manifest opens only beside the header (store version included) it was
 * committed with.
 */
export function manifestAad(headerBytes: Uint8Array): Uint8Array {
  const label = enc.encode('custos/manifest/2|');
  const out = new Uint8Array(label.length + headerBytes.length);
  out.set(label, 0);
  out.set(headerBytes, label.length);
  return out;
}

/** SHA-256 of a stored ciphertext, hex: what the manifest records for it. */
export function ciphertextHash(box: Uint8Array): string {
  return bytesToHex(sha256(box));
}

/** What the manifest records about one value. */
export interface ManifestEntry {
  /** Store version of the commit that wrote the value. */
  version: number;
  /** {@link ciphertextHash} of its ciphertext. */
  hash: string;
}

interface Row extends ManifestEntry {
  ns: Namespace;
  name: string;
}

const HASH_HEX = /^[0-9a-f]{64}$/;

/**
 * The list of every value in the store: for each (namespace, name), the version it was
 * written at and the hash of its ciphertext. Immutable; {@link Manifest.with} and
 * {@link Manifest.without} return a new one. Its encoding is canonical (entries sorted by
 * database key), so equal manifests encode to equal bytes.
 *
 * @example
 * const m = Manifest.empty().with('tss', 'a', { version: 1, hash });
 * Manifest.decode(m.encode()).get('tss', 'a'); // { version: 1, hash }
 */
export class Manifest {
  readonly #rows: ReadonlyMap<string, Row>;

  private constructor(rows: ReadonlyMap<string, Row>) {
    this.#rows = rows;
  }

  /** A manifest without entries (a new store). */
  static empty(): Manifest {
    return new Manifest(new Map());
  }

  /**
   * Parses bytes made by {@link encode}. Throws {@link StoreIntegrityError} (entry
   * `manifest`) for anything else: it is only ever called on authenticated bytes.
   */
  static decode(bytes: Uint8Array): Manifest {
    const bad = () => new StoreIntegrityError('manifest', 'replaced');
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw bad();
    }
    const entries = (raw as { entries?: unknown } | null)?.entries;
    if (!Array.isArray(entries)) throw bad();
    const rows = new Map<string, Row>();
    for (const e of entries) {
      if (!Array.isArray(e) || e.length !== 4) throw bad();
      const [ns, name, version, hash] = e as unknown[];
      if (
        !NAMESPACES.includes(ns as Namespace) ||
        typeof name !== 'string' ||
        name.length === 0 ||
        typeof version !== 'number' ||
        !Number.isSafeInteger(version) ||
        version < 1 ||
        typeof hash !== 'string' ||
        !HASH_HEX.test(hash)
      )
        throw bad();
      const key = valueKey(ns as Namespace, name);
      if (rows.has(key)) throw bad();
      rows.set(key, { ns: ns as Namespace, name, version, hash });
    }
    return new Manifest(rows);
  }

  /** Canonical bytes (sorted by database key). */
  encode(): Uint8Array {
    const rows = [...this.#rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => [r.ns, r.name, r.version, r.hash]);
    return enc.encode(JSON.stringify({ entries: rows }));
  }

  /** The entry of (`ns`, `name`), or `undefined` if the store has no such value. */
  get(ns: Namespace, name: string): ManifestEntry | undefined {
    const r = this.#rows.get(valueKey(ns, name));
    return r && { version: r.version, hash: r.hash };
  }

  /** Whether `key` is the database key of a listed value. */
  hasKey(key: string): boolean {
    return this.#rows.has(key);
  }

  /** A copy with (`ns`, `name`) set to `entry`. */
  with(ns: Namespace, name: string, entry: ManifestEntry): Manifest {
    const rows = new Map(this.#rows);
    rows.set(valueKey(ns, name), { ns, name, version: entry.version, hash: entry.hash });
    return new Manifest(rows);
  }

  /** A copy without (`ns`, `name`). */
  without(ns: Namespace, name: string): Manifest {
    const rows = new Map(this.#rows);
    rows.delete(valueKey(ns, name));
    return new Manifest(rows);
  }

  /** Names listed in `ns`, sorted. */
  names(ns: Namespace): string[] {
    return [...this.#rows.values()]
      .filter((r) => r.ns === ns)
      .map((r) => r.name)
      .sort();
  }

  /** Every listed value with its database key. */
  *entries(): IterableIterator<{ key: string; ns: Namespace; name: string } & ManifestEntry> {
    for (const [key, r] of this.#rows) yield { key, ...r };
  }
}
