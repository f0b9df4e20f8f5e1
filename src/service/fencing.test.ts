import { describe, expect, it } from 'vitest';
import { FencingWatch, type FinalizedRecord, type FinalizedRecordSource } from './fencing.js';

/** A chain whose finalized heads and records the test sets by hand. */
function fakeChain() {
  const records = new Map<string, FinalizedRecord | Error>();
  let head = 'h0';
  let onHead: ((hash: string) => void) | undefined;
  const chain = {
    unsubscribed: 0,
    /** Announces finalized head `hash` recording `incarnation` (or failing to read). */
    finalize(hash: string, incarnation: number | Error) {
      records.set(
        hash,
        incarnation instanceof Error
          ? incarnation
          : { block: records.size, incarnation, recoveryKeysRoot: new Uint8Array(), attestedAt: 0 },
      );
      head = hash;
      onHead?.(hash);
    },
    source: {
      async followFinalized(cb) {
        onHead = cb;
        return () => {
          chain.unsubscribed += 1;
          onHead = undefined;
        };
      },
      async recordAt(hash) {
        const r = records.get(hash ?? head);
        if (!r || r instanceof Error) throw r ?? new Error('unknown block');
        return r;
      },
    } satisfies FinalizedRecordSource,
  };
  return chain;
}

const settle = () => new Promise((r) => setImmediate(r));

/** A watch over `chain` for an instance at `current`, and the fences it called. */
function watching(chain: ReturnType<typeof fakeChain>, current: () => number) {
  const fenced: number[] = [];
  const watch = new FencingWatch(chain.source, { current, onNewer: (n) => fenced.push(n) });
  return { watch, fenced };
}

describe('FencingWatch', () => {
  it('fences once, on the first finalized head recording a newer incarnation', async () => {
    const chain = fakeChain();
    const { watch, fenced } = watching(chain, () => 3);
    await watch.start();
    chain.finalize('a', 3);
    chain.finalize('b', 2);
    await settle();
    expect(fenced).toEqual([]);
    chain.finalize('c', 4);
    chain.finalize('d', 5);
    await settle();
    expect(fenced).toEqual([4]);
    expect(await watch.check()).toBe(5);
    expect(fenced).toEqual([4]);
  });

  it('skips a head it cannot read and fences on the next one', async () => {
    const chain = fakeChain();
    const { watch, fenced } = watching(chain, () => 1);
    await watch.start();
    chain.finalize('a', new Error('state pruned'));
    await settle();
    expect(fenced).toEqual([]);
    chain.finalize('b', 2);
    await settle();
    expect(fenced).toEqual([2]);
  });

  it('check() is the fallback: it reads the finalized head and fences when newer', async () => {
    const chain = fakeChain();
    const { watch, fenced } = watching(chain, () => 0);
    chain.finalize('a', 1);
    expect(await watch.check()).toBe(1);
    expect(fenced).toEqual([1]);
    // An instance whose own restart is the newest on chain is not fenced.
    const other = watching(chain, () => 1);
    expect(await other.watch.check()).toBe(1);
    expect(other.fenced).toEqual([]);
    chain.finalize('b', new Error('unreachable'));
    await expect(other.watch.check()).rejects.toThrow('unreachable');
  });

  it('does nothing after stop, and unsubscribes', async () => {
    const chain = fakeChain();
    const { watch, fenced } = watching(chain, () => 1);
    await watch.start();
    watch.stop();
    expect(chain.unsubscribed).toBe(1);
    chain.finalize('a', 9);
    await settle();
    expect(await watch.check()).toBe(9);
    expect(fenced).toEqual([]);
  });
});
