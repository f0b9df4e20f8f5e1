import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { StorageKey } from '@polkadot/types';
import type { StorageEntryMetadataLatest } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a } from '@polkadot/util';

/** A runtime as polkadot.js tells runtimes apart: by spec name and version. */
export interface RuntimeId {
  specName: string;
  specVersion: number;
}

/** A storage entry of a decorated API (`at.query.pallet.item`): what this module needs of it. */
export interface StorageEntryLike {
  key(...args: unknown[]): string;
  keyPrefix(...args: unknown[]): string;
  creator: { meta: StorageEntryMetadataLatest };
}

/** One value to read: the entry and the arguments that name it. */
export type StorageRead = [entry: StorageEntryLike, ...args: unknown[]];

/** Storage values as the node sent them: SCALE hex, or null where nothing is stored. */
export type RawValues = (string | null)[];

/** Keys asked per `state_getKeysPaged` page. */
const KEYS_PAGE = 1000;

/** The registry a {@link RawStorage} decodes with now describes another runtime. */
export class RuntimeChangedError extends Error {
  override readonly name = 'RuntimeChangedError';
  readonly code = 'RUNTIME_CHANGED';
}

/**
 * Storage reads of one runtime at any block it built, as raw RPCs: `fetch` and `keys` only
 * move bytes (no registry, no decoding), so they can be sent before the caller knows which
 * runtime built the block, and `decode`/`decodeKey` turn them into typed values once it
 * does. Built from a decoration of a block of that runtime (`api.at(hash)`), used only for
 * its metadata (keys, types, defaults) and its registry: never for the block it came from.
 * Raw RPCs also leave polkadot.js's per-block registry cache untouched.
 *
 * When that block ran the runtime the node runs now, polkadot.js hands out its default
 * registry, which it rewrites in place once it sees a runtime upgrade (at the same moment
 * it changes `api.runtimeVersion`). From then on this object is no longer `isCurrent()`:
 * it builds no key and decodes nothing (`RuntimeChangedError`), and the caller makes a new
 * one.
 */
export class RawStorage {
  /** The runtime whose metadata builds the keys and decodes the values. */
  readonly runtime: RuntimeId;

  /**
   * @param api the connection the raw RPCs go through
   * @param decoration a decoration of any block the runtime built (its metadata and registry)
   */
  constructor(
    private readonly api: ApiPromise,
    readonly decoration: ApiDecoration<'promise'>,
  ) {
    this.runtime = {
      specName: decoration.runtimeVersion.specName.toString(),
      specVersion: decoration.runtimeVersion.specVersion.toNumber(),
    };
  }

  /**
   * Whether the registry still describes {@link runtime}: always, for a registry of a past
   * runtime; for polkadot.js's default registry, only while the node's runtime is this one.
   */
  isCurrent(): boolean {
    if (this.decoration.registry !== this.api.registry) return true;
    const now = this.api.runtimeVersion;
    return this.isRuntime({
      specName: now.specName.toString(),
      specVersion: now.specVersion.toNumber(),
    });
  }

  /** @throws RuntimeChangedError when the registry no longer describes this runtime */
  #assertCurrent(): void {
    if (!this.isCurrent())
      throw new RuntimeChangedError(
        `the registry read with runtime ${this.runtime.specName}/${this.runtime.specVersion} now describes another runtime`,
      );
  }

  /** Whether `other` names the same runtime as this one. */
  isRuntime(other: RuntimeId | undefined): boolean {
    return (
      other !== undefined &&
      other.specName === this.runtime.specName &&
      other.specVersion === this.runtime.specVersion
    );
  }

  /**
   * The stored bytes of every read at block `hash`, in order, in one `state_queryStorageAt`
   * round trip. Throws when the node leaves a key out of its answer.
   */
  async fetch(hash: string, reads: StorageRead[]): Promise<RawValues> {
    if (reads.length === 0) return [];
    this.#assertCurrent();
    const keys = reads.map(([entry, ...args]) => entry.key(...args));
    const sets = (await this.api.rpc.state.queryStorageAt.raw(keys, hash)) as unknown as {
      changes: [string, string | null][];
    }[];
    if (sets.length === 0) throw new Error(`the node sent no storage for block ${hash}`);
    const found = new Map<string, string | null>();
    for (const set of sets) for (const [key, value] of set.changes) found.set(key, value);
    return keys.map((key) => {
      const value = found.get(key);
      if (value === undefined) throw new Error(`the node sent no value for storage key ${key}`);
      return value;
    });
  }

  /** Every key of `entry` under the partial key `args` at block `hash`, raw, page by page. */
  async keys(hash: string, entry: StorageEntryLike, ...args: unknown[]): Promise<string[]> {
    this.#assertCurrent();
    const prefix = entry.keyPrefix(...args);
    const all: string[] = [];
    let start = prefix;
    for (;;) {
      const page = (await this.api.rpc.state.getKeysPaged.raw(
        prefix,
        KEYS_PAGE,
        start,
        hash,
      )) as unknown as string[];
      all.push(...page);
      if (page.length < KEYS_PAGE) return all;
      start = page[page.length - 1]!;
    }
  }

  /**
   * A value of `entry` decoded as polkadot.js's own storage queries decode it: `Option<T>`
   * for optional entries, the entry's default where nothing is stored otherwise; bytes left
   * over after the value are refused, as polkadot.js does.
   * @throws RuntimeChangedError when the registry no longer describes this runtime
   */
  decode<T extends Codec = Codec>(entry: StorageEntryLike, raw: string | null): T {
    this.#assertCurrent();
    const { meta } = entry.creator;
    const registry = this.decoration.registry;
    const type = registry.createLookupType(
      meta.type.isPlain ? meta.type.asPlain : meta.type.asMap.value,
    );
    const isOptional = meta.modifier.isOptional;
    const input =
      raw === null
        ? isOptional
          ? undefined
          : hexToU8a(meta.fallback.toHex())
        : isOptional
          ? registry.createTypeUnsafe(type, [hexToU8a(raw)], { isPedantic: true })
          : hexToU8a(raw);
    return registry.createTypeUnsafe<T>(type, [input], {
      isOptional,
      isPedantic: raw !== null && !isOptional,
    });
  }

  /**
   * A raw key of `entry` with its arguments decoded (`.args`).
   * @throws RuntimeChangedError when the registry no longer describes this runtime
   */
  decodeKey(entry: StorageEntryLike, raw: string): StorageKey {
    this.#assertCurrent();
    return new StorageKey(this.decoration.registry, raw).setMeta(entry.creator.meta);
  }
}
