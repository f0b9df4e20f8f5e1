/**
 * StoreVersionAnchor's decisions, each refusal scripted: how many checkpoints it sends and
 * what it answers. The chain is a stand-in holding a head and an anchored version; the
 * same class against Chopsticks is in test/integration/backups.test.ts.
 */
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expect, it } from 'vitest';
import { ChainError, TransactionRejectedError } from './errors.js';
import { StoreVersionAnchor } from './storeVersionAnchor.js';

/** A chain whose head and anchored version the test moves; new heads reach subscribers. */
function standIn(anchored: bigint | undefined) {
  const chain = { head: 10, anchored, subscribers: new Set<(n: number) => void>() };
  const header = () => ({
    number: { toNumber: () => chain.head },
    hash: { toHex: () => `0x${chain.head.toString(16).padStart(64, '0')}` },
  });
  const api = {
    rpc: {
      chain: {
        getHeader: async () => header(),
        subscribeNewHeads: async (cb: (h: ReturnType<typeof header>) => void) => {
          const on = () => cb(header());
          chain.subscribers.add(on);
          return () => chain.subscribers.delete(on);
        },
      },
    },
    query: {
      backups: {
        assignments: {
          at: async () =>
            chain.anchored === undefined
              ? { isNone: true }
              : {
                  isNone: false,
                  unwrap: () => ({ confirmedStoreVersion: { toBigInt: () => chain.anchored } }),
                },
        },
      },
    },
    consts: { backups: { minCheckpointInterval: { toNumber: () => 2 } } },
  } as unknown as ApiPromise;
  const newBlock = () => {
    chain.head += 1;
    for (const s of chain.subscribers) s(chain.head);
  };
  return { chain, api, newBlock };
}

const owner = { address: '5Owner' } as unknown as KeyringPair;
const rejected = (palletError: string | undefined, details = '') =>
  new TransactionRejectedError(palletError, details);

describe('StoreVersionAnchor', () => {
  it('sends nothing for a version the chain holds, and once for a newer one', async () => {
    const { chain, api } = standIn(5n);
    const sent: bigint[] = [];
    const anchor = new StoreVersionAnchor(api, owner, {
      submit: async (v) => {
        sent.push(v);
        chain.anchored = v;
        return { blockHash: '0x01', blockNumber: 11 };
      },
    });
    expect(await anchor.anchor(5n)).toMatchObject({ submitted: false, blockNumber: 10 });
    expect(await anchor.anchor(3n)).toMatchObject({ submitted: false });
    expect(await anchor.anchor(6n)).toEqual({
      blockHash: '0x01',
      blockNumber: 11,
      submitted: true,
    });
    expect(sent).toEqual([6n]);
  });

  it.each([
    ['dropped from the pool', new ChainError('TX_DROPPED', 'transaction dropped', 'Invalid')],
    ['refused as anchored already', rejected('backups.StoreVersionNotIncreased')],
    ['refused as a pool duplicate (1014)', rejected(undefined, '1014: Priority is too low')],
  ])(
    'a race lost to another anchor (%s) reads again and succeeds without resending',
    async (_, error) => {
      const { chain, api } = standIn(5n);
      let sent = 0;
      const anchor = new StoreVersionAnchor(api, owner, {
        submit: async () => {
          sent++;
          chain.anchored = 7n; // a confirmation of the backup loop got there first
          throw error;
        },
      });
      expect(await anchor.anchor(7n)).toMatchObject({ submitted: false });
      expect(sent).toBe(1);
    },
  );

  it('a rate-limited checkpoint is sent again only after MinCheckpointInterval blocks', async () => {
    const { chain, api, newBlock } = standIn(5n);
    const sentAt: number[] = [];
    const anchor = new StoreVersionAnchor(api, owner, {
      submit: async (v) => {
        sentAt.push(chain.head);
        if (sentAt.length === 1) throw rejected('backups.RateLimited');
        chain.anchored = v;
        return { blockHash: '0x02', blockNumber: chain.head };
      },
    });
    const result = anchor.anchor(6n);
    await new Promise((r) => setTimeout(r, 20));
    expect(sentAt).toEqual([10]);
    newBlock();
    await new Promise((r) => setTimeout(r, 20));
    expect(sentAt).toEqual([10]); // one block is not enough
    newBlock();
    expect(await result).toMatchObject({ submitted: true, blockNumber: 12 });
    expect(sentAt).toEqual([10, 12]);
  });

  it('any other refusal is thrown at once; a timeout is not resent', async () => {
    const { api } = standIn(5n);
    let sent = 0;
    const unknown = new StoreVersionAnchor(api, owner, {
      submit: async () => {
        sent++;
        throw rejected('backups.UnknownOwner');
      },
    });
    await expect(unknown.anchor(6n)).rejects.toMatchObject({ palletError: 'backups.UnknownOwner' });
    expect(sent).toBe(1);
    const slow = new StoreVersionAnchor(api, owner, {
      submit: async () => {
        sent++;
        throw new ChainError('TX_TIMEOUT', 'transaction not included');
      },
    });
    await expect(slow.anchor(6n)).rejects.toMatchObject({ code: 'TX_TIMEOUT' });
    expect(sent).toBe(2);
  });

  it('gives up after its attempts, unless a last read shows the version anchored', async () => {
    const { chain, api } = standIn(5n);
    let sent = 0;
    const drop = new ChainError('TX_DROPPED', 'transaction dropped', 'Invalid');
    const anchor = new StoreVersionAnchor(api, owner, {
      attempts: 3,
      submit: async () => {
        sent++;
        throw drop;
      },
    });
    await expect(anchor.anchor(6n)).rejects.toBe(drop);
    expect(sent).toBe(3);
    const late = new StoreVersionAnchor(api, owner, {
      attempts: 2,
      submit: async () => {
        sent++;
        if (sent === 5) chain.anchored = 6n;
        throw drop;
      },
    });
    expect(await late.anchor(6n)).toMatchObject({ submitted: false });
  });

  it('refuses a chain ahead of its own store, and sends nothing once closed', async () => {
    const { api } = standIn(21n);
    let sent = 0;
    const submit = async () => {
      sent++;
      return { blockHash: '0x03', blockNumber: 11 };
    };
    const behind = new StoreVersionAnchor(api, owner, { localVersion: () => 16n, submit });
    await expect(behind.anchor(16n)).rejects.toMatchObject({ code: 'STORE_VERSION_AHEAD' });
    const closed = new StoreVersionAnchor(api, owner, { localVersion: () => 22n, submit });
    closed.close();
    await expect(closed.anchor(22n)).rejects.toMatchObject({ code: 'ANCHOR_CLOSED' });
    expect(sent).toBe(0);
  });

  it('runs one call at a time: a second waits for the first, and a failure does not wedge it', async () => {
    const { chain, api } = standIn(5n);
    const order: string[] = [];
    let release!: () => void;
    const anchor = new StoreVersionAnchor(api, owner, {
      submit: async (v) => {
        order.push(`send ${v}`);
        if (v === 6n) await new Promise<void>((r) => (release = r));
        if (v === 7n) throw rejected('backups.BadSignature');
        chain.anchored = v;
        return { blockHash: '0x04', blockNumber: 11 };
      },
    });
    const first = anchor.anchor(6n);
    const second = anchor.anchor(7n);
    const third = anchor.anchor(6n);
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['send 6']);
    release();
    expect(await first).toMatchObject({ submitted: true });
    await expect(second).rejects.toMatchObject({ palletError: 'backups.BadSignature' });
    expect(await third).toMatchObject({ submitted: false });
    expect(order).toEqual(['send 6', 'send 7']);
  });
});
