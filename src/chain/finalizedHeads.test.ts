import type { ApiPromise } from '@polkadot/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextFinalizedHead } from './finalizedHeads.js';

/** A node whose finalized heads the test announces by hand. */
function fakeNode(options: { failSubscribe?: boolean; slowSubscribe?: boolean } = {}) {
  let listener:
    | ((header: { number: { toNumber: () => number }; hash: { toHex: () => string } }) => void)
    | undefined;
  const node = {
    unsubscribed: 0,
    announce(n: number) {
      listener?.({ number: { toNumber: () => n }, hash: { toHex: () => `0x${n.toString(16)}` } });
    },
    api: {
      rpc: {
        chain: {
          subscribeFinalizedHeads: async (cb: typeof listener) => {
            if (options.failSubscribe) throw new Error('connection closed');
            // As polkadot.js: the subscription resolves only with its first notification.
            if (options.slowSubscribe) await new Promise((r) => setTimeout(r, 10_000));
            listener = cb;
            return () => {
              node.unsubscribed += 1;
              listener = undefined;
            };
          },
        },
      },
    } as unknown as ApiPromise,
  };
  return node;
}

describe('nextFinalizedHead', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends when a head above the given one is final, not for the current or an older one, with its hash', async () => {
    vi.useFakeTimers();
    const node = fakeNode();
    let done = false;
    const wait = nextFinalizedHead(node.api, 10, 60_000).then((hash) => {
      done = true;
      return hash;
    });
    await vi.advanceTimersByTimeAsync(0);
    node.announce(10); // what polkadot.js sends first: the current head
    node.announce(9);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(false);
    node.announce(11);
    node.announce(12);
    expect(await wait).toBe('0xb');
    expect(done).toBe(true);
    expect(node.unsubscribed).toBe(1);
  });

  it('ends after maxMs when finality does not move, without a hash, and closes its subscription', async () => {
    vi.useFakeTimers();
    const node = fakeNode();
    let done = false;
    const wait = nextFinalizedHead(node.api, 10, 500).then((hash) => {
      done = true;
      return hash;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await wait).toBeUndefined();
    expect(node.unsubscribed).toBe(1);
  });

  it('falls back to waiting maxMs when it cannot subscribe', async () => {
    vi.useFakeTimers();
    const node = fakeNode({ failSubscribe: true });
    let done = false;
    const wait = nextFinalizedHead(node.api, 10, 300).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(done).toBe(true);
  });

  it('ends after maxMs even while the subscription has not answered, and closes it later', async () => {
    vi.useFakeTimers();
    const node = fakeNode({ slowSubscribe: true });
    let done = false;
    const wait = nextFinalizedHead(node.api, 10, 500).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(500);
    await wait;
    expect(done).toBe(true);
    expect(node.unsubscribed).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(node.unsubscribed).toBe(1);
  });
});
