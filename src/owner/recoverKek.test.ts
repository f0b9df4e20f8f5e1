import type { ApiPromise } from '@polkadot/api';
import { describe, expect, it } from 'vitest';
import { type HolderPlan, planMatches, readHolderPlan } from './recoverKek.js';

const plan: HolderPlan = {
  epoch: 4,
  confirmedAt: 120,
  threshold: 2,
  holders: [{ provider: 'a', commitment: new Uint8Array(32), endpoint: 'http://127.0.0.1:1' }],
};
const confirmation = (epoch: number, confirmedAt: number) => ({ epoch, confirmedAt });

describe('planMatches', () => {
  it('keeps a plan only for the confirmation it was read for', () => {
    expect(planMatches(plan, confirmation(4, 120))).toBe(true);
    // A later epoch: other holders, threshold or commitments.
    expect(planMatches(plan, confirmation(5, 130))).toBe(false);
    // The same epoch number confirmed in another block: a later registration's epoch.
    expect(planMatches(plan, confirmation(4, 300))).toBe(false);
  });
});

/** A polkadot.js-shaped reader of one block's state: just what `readHolderPlan` reads. */
function stateAt(
  holders: string[],
  operators: Record<string, string>,
  endpoints: Record<string, string>,
  seen: { at: string[] },
) {
  const some = <T>(value: T) => ({ isNone: false, isSome: true, unwrap: () => value });
  const none = { isNone: true, isSome: false, unwrap: () => undefined };
  const n = (v: number) => ({ toNumber: () => v });
  const at = {
    query: {
      backups: {
        assignments: async () =>
          some({
            epoch: n(4),
            providers: holders,
            confirmedEpoch: n(4),
            confirmedAt: n(120),
            confirmedThreshold: n(2),
            confirmedProviders: holders,
          }),
        confirmedCommitments: async () =>
          holders.map((_, i) => ({ toU8a: () => new Uint8Array(32).fill(i + 1) })),
      },
      registry: {
        tssOperators: {
          multi: async (accounts: string[]) =>
            accounts.map((a) => (operators[a] ? some(operators[a]) : none)),
        },
        validators: {
          multi: async (ops: string[]) =>
            ops.map((o) =>
              endpoints[o] ? some({ server: { endpoint: { toUtf8: () => endpoints[o] } } }) : none,
            ),
        },
      },
    },
  };
  return {
    at: async (hash: string) => {
      seen.at.push(hash);
      return at;
    },
    rpc: { chain: { getFinalizedHead: async () => '0xfinal' } },
  } as unknown as ApiPromise;
}

describe('readHolderPlan', () => {
  it('pairs each holder with its own commitment and endpoint, whoever in between left', async () => {
    const seen = { at: [] as string[] };
    const api = stateAt(
      ['h1', 'h2', 'h3', 'h4'],
      { h1: 'o1', h3: 'o3', h4: 'o4' }, // h2 left: no operator
      { o1: 'http://one', o3: 'http://three' }, // o4's validator record is gone
      seen,
    );
    const plan = await readHolderPlan(api, 'owner', '0xabc');
    expect(seen.at).toEqual(['0xabc']);
    expect(plan).toMatchObject({ epoch: 4, confirmedAt: 120, threshold: 2 });
    expect(plan.holders.map((h) => [h.provider, h.endpoint, h.commitment[0]])).toEqual([
      ['h1', 'http://one', 1],
      ['h2', undefined, 2],
      ['h3', 'http://three', 3],
      ['h4', undefined, 4],
    ]);
    // Without a hash: at the finalized head.
    await readHolderPlan(api, 'owner');
    expect(seen.at).toEqual(['0xabc', '0xfinal']);
  });
});
