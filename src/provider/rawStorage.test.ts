import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { TypeRegistry } from '@polkadot/types';
import { describe, expect, it } from 'vitest';
import { RawStorage, RuntimeChangedError, type StorageEntryLike } from './rawStorage.js';

/** A runtime version as polkadot.js exposes it (only what RawStorage reads). */
const version = (specName: string, specVersion: number) => ({
  specName: { toString: () => specName },
  specVersion: { toNumber: () => specVersion },
});

/** An entry whose key is never built here: every call below must stop before it. */
const entry: StorageEntryLike = {
  key: () => {
    throw new Error('a key was built');
  },
  keyPrefix: () => {
    throw new Error('a key prefix was built');
  },
  creator: { meta: {} as StorageEntryLike['creator']['meta'] },
};

describe('RawStorage', () => {
  it("stops using polkadot.js's default registry once it describes another runtime", async () => {
    const registry = new TypeRegistry();
    const api = { registry, runtimeVersion: version('custos', 7) };
    const storage = new RawStorage(
      api as unknown as ApiPromise,
      {
        registry,
        runtimeVersion: version('custos', 7),
      } as unknown as ApiDecoration<'promise'>,
    );
    expect(storage.isCurrent()).toBe(true);
    expect(storage.isRuntime({ specName: 'custos', specVersion: 7 })).toBe(true);

    // polkadot.js saw an upgrade: it rewrote the default registry and the node's version.
    api.runtimeVersion = version('custos', 8);
    expect(storage.isCurrent()).toBe(false);
    expect(() => storage.decode(entry, null)).toThrow(RuntimeChangedError);
    expect(() => storage.decodeKey(entry, '0x00')).toThrow(RuntimeChangedError);
    await expect(storage.fetch('0x01', [[entry, 1]])).rejects.toThrow(RuntimeChangedError);
    await expect(storage.keys('0x01', entry)).rejects.toThrow(RuntimeChangedError);

    // Another spec name is another runtime too.
    api.runtimeVersion = version('other', 7);
    expect(storage.isCurrent()).toBe(false);
  });

  it('keeps a registry of a past runtime: polkadot.js never rewrites those', () => {
    const api = { registry: new TypeRegistry(), runtimeVersion: version('custos', 8) };
    const storage = new RawStorage(
      api as unknown as ApiPromise,
      {
        registry: new TypeRegistry(),
        runtimeVersion: version('custos', 7),
      } as unknown as ApiDecoration<'promise'>,
    );
    expect(storage.isCurrent()).toBe(true);
    expect(storage.isRuntime({ specName: 'custos', specVersion: 8 })).toBe(false);
    expect(storage.isRuntime(undefined)).toBe(false);
  });
});
