import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import type { AttestationView } from './chainView.js';
import {
  type AccountState,
  type FinalizedHead,
  type FinalizedSource,
  type Snapshot,
  watchedChainView,
} from './watchedChainView.js';

const OWNER = u8aToHex(new Uint8Array(32).fill(1));
const STRANGER = u8aToHex(new Uint8Array(32).fill(2));

const attestation = (incarnation: number): AttestationView => ({
  incarnation,
  recoveryKeysRoot: new Uint8Array(32),
  attestedAt: 1,
});

/** A chain whose finalized heads the test announces; each read is counted and can be held. */
function fakeChain() {
  let onHead: ((head: FinalizedHead) => void) | undefined;
  const state = new Map<number, AccountState>();
  const reads: number[] = [];
  let failNext = false;
  let gate: Promise<void> | undefined;
  const source: FinalizedSource = {
    genesisHash: () => new Uint8Array(32),
    subscribe: async (handler) => {
      onHead = handler;
      return () => {
        onHead = undefined;
      };
    },
    read: async (head: FinalizedHead, extra: string[]): Promise<Snapshot> => {
      reads.push(head.number);
      await gate;
      if (failNext) {
        failNext = false;
        throw new Error('rpc down');
      }
      const owner = state.get(head.number) ?? {};
      const accounts = new Map<string, AccountState>([[OWNER, owner]]);
      for (const a of extra) accounts.set(a, {});
      return { block: head.number, accounts };
    },
  };
  return {
    source,
    reads,
    state,
    head: (n: number) => onHead?.({ hash: `0x${n.toString(16)}`, number: n }),
    failNext: () => {
      failNext = true;
    },
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('watchedChainView', () => {
  it('answers from memory: no read per request, strangers read as absent', async () => {
    const chain = fakeChain();
    chain.state.set(5, { attestation: attestation(2), restartKey: new Uint8Array(32) });
    const view = watchedChainView(chain.source, { alsoRead: () => [], waitMs: 1_000 });
    await settle();
    chain.head(5);
    const first = await view.finalized();
    expect(first.block).toBe(5);
    for (let i = 0; i < 10; i++) {
      const v = await view.finalized();
      expect((await v.attestation(OWNER))?.incarnation).toBe(2);
      expect(await v.restartKey(STRANGER)).toBeUndefined();
      expect(await v.assignment('not an account')).toBeUndefined();
    }
    expect(chain.reads).toEqual([5]);
    view.close();
  });

  it('never answers from a block older than the newest announced head', async () => {
    const chain = fakeChain();
    chain.state.set(5, { attestation: attestation(1) });
    chain.state.set(6, { attestation: attestation(2) });
    const view = watchedChainView(chain.source, { alsoRead: () => [], waitMs: 5_000 });
    await settle();
    chain.head(5);
    expect((await view.finalized()).block).toBe(5);
    const release = chain.hold();
    chain.head(6);
    const pending = view.finalized();
    let answered = false;
    void pending.then(() => {
      answered = true;
    });
    await settle();
    expect(answered).toBe(false);
    release();
    const v = await pending;
    expect(v.block).toBe(6);
    expect((await v.attestation(OWNER))?.incarnation).toBe(2);
    view.close();
  });

  it('coalesces heads that arrive during a read: only the newest is read next', async () => {
    const chain = fakeChain();
    const view = watchedChainView(chain.source, { alsoRead: () => [], waitMs: 5_000 });
    await settle();
    const release = chain.hold();
    chain.head(1);
    await settle();
    for (const n of [2, 3, 4, 5]) chain.head(n);
    release();
    expect((await view.finalized()).block).toBe(5);
    expect(chain.reads).toEqual([1, 5]);
    view.close();
  });

  it('newer() waits for the next finalized block, or gives up after waitMs', async () => {
    const chain = fakeChain();
    chain.state.set(7, { attestation: attestation(3) });
    const view = watchedChainView(chain.source, { alsoRead: () => [], waitMs: 100 });
    await settle();
    chain.head(6);
    const at6 = await view.finalized();
    const next = view.newer!(at6.block);
    chain.head(7);
    const at7 = await next;
    expect(at7?.block).toBe(7);
    expect((await at7!.attestation(OWNER))?.incarnation).toBe(3);
    // No newer head comes: undefined, and the caller refuses from what it has.
    expect(await view.newer!(7)).toBeUndefined();
    view.close();
  });

  it('keeps the last snapshot when a read fails, and reads again at the next head', async () => {
    const chain = fakeChain();
    const errors: unknown[] = [];
    const view = watchedChainView(chain.source, {
      alsoRead: () => [STRANGER],
      waitMs: 50,
      onError: (e) => errors.push(e),
    });
    await settle();
    chain.head(1);
    expect((await view.finalized()).block).toBe(1);
    chain.failNext();
    chain.head(2);
    await settle();
    await settle();
    expect(errors).toHaveLength(1);
    // Head 2 could not be read: after waiting, the view falls back to block 1.
    expect((await view.finalized()).block).toBe(1);
    chain.head(3);
    expect((await view.finalized()).block).toBe(3);
    // `alsoRead` accounts are part of every snapshot.
    expect(await (await view.finalized()).assignment(STRANGER)).toBeUndefined();
    expect(chain.reads).toEqual([1, 2, 3]);
    view.close();
  });

  it('refuses with CHAIN_NOT_READ before any block was read', async () => {
    const chain = fakeChain();
    const view = watchedChainView(chain.source, { alsoRead: () => [], waitMs: 20 });
    await expect(view.finalized()).rejects.toMatchObject({ code: 'CHAIN_NOT_READ' });
    view.close();
  });

  it('subscribes again after a failed subscription; meanwhile refuses with CHAIN_NOT_READ', async () => {
    const chain = fakeChain();
    const subscribe = chain.source.subscribe;
    let failures = 2;
    let subscribed!: () => void;
    const held = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    const source: FinalizedSource = {
      ...chain.source,
      subscribe: async (handler) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('node unreachable');
        }
        const stop = await subscribe(handler);
        subscribed();
        return stop;
      },
    };
    const errors: unknown[] = [];
    const view = watchedChainView(source, {
      alsoRead: () => [],
      waitMs: 60_000, // a refusal after waiting this long would time the test out
      resubscribeMs: 5,
      onError: (e) => errors.push(e),
    });
    // Not the subscription's error, and not for good: a clear refusal to retry, at once
    // (`waitMs` is not spent waiting for a head that cannot come).
    await expect(view.finalized()).rejects.toMatchObject({ code: 'CHAIN_NOT_READ', status: 503 });
    await held;
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'node unreachable',
      'node unreachable',
    ]);
    chain.head(7);
    expect((await view.finalized()).block).toBe(7);
    view.close();
  });

  it('stops trying to subscribe once closed', async () => {
    let attempts = 0;
    const chain = fakeChain();
    const view = watchedChainView(
      {
        ...chain.source,
        subscribe: async () => {
          attempts += 1;
          throw new Error('node unreachable');
        },
      },
      { alsoRead: () => [], waitMs: 5, resubscribeMs: 5, onError: () => {} },
    );
    await new Promise((r) => setTimeout(r, 1));
    view.close();
    const after = attempts;
    await new Promise((r) => setTimeout(r, 40));
    expect(attempts).toBe(after);
  });

  it.each([0, -1, Number.NaN])('refuses resubscribeMs %s', (resubscribeMs) => {
    expect(() =>
      watchedChainView(fakeChain().source, { alsoRead: () => [], waitMs: 5, resubscribeMs }),
    ).toThrow(RangeError);
  });
});
