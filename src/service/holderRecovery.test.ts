import { Writable } from 'node:stream';
import type { KeyringPair } from '@polkadot/keyring/types';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BadShareReport } from '../chain/reportBadShare.js';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../crypto/hpke.js';
import { FencedError, KekUnrecoverableError } from '../errors/service.js';
import type { HolderHealth } from '../owner/holderHealth.js';
import type { HolderPlan, RecoverKekParameters } from '../owner/recoverKek.js';
import { recoveryKeysRoot } from '../protocol/messages.js';
import type { FinalizedRecord } from './fencing.js';
import {
  askEarly,
  type EarlyRound,
  type FinalizedConfirmation,
  type HolderRecoveryChain,
  type HolderRecoveryDeps,
  type RecoveryAttempt,
  recoverFromHolders,
  rootEntries,
} from './holderRecovery.js';

/** One finalized block as the fake chain shows it. */
interface Head {
  hash: string;
  record: FinalizedRecord;
  confirmation?: FinalizedConfirmation;
}

const INCARNATION = 3;
const ATTESTED_IN = 20;
const HOLDERS = ['h1', 'h2', 'h3'];
const CONFIRMED: FinalizedConfirmation = { epoch: 5, confirmedAt: 10, holders: 3 };

function planFor(confirmation: FinalizedConfirmation, endpoint = 'http://127.0.0.1:1'): HolderPlan {
  return {
    epoch: confirmation.epoch,
    confirmedAt: confirmation.confirmedAt,
    threshold: 2,
    holders: HOLDERS.slice(0, confirmation.holders).map((provider) => ({
      provider,
      commitment: new Uint8Array(32),
      endpoint,
    })),
  };
}

/**
 * A chain that finalizes `heads` one by one: the first is final at the start, each wait
 * for finality moves to the next (and stays on the last). Records what was read where.
 */
function scriptedChain(
  heads: Head[],
  options: { health?: HolderHealth; best?: FinalizedRecord } = {},
) {
  let at = 0;
  const reads = { finalizedHead: 0, recordAt: [] as string[], plans: [] as string[], waits: 0 };
  const byHash = (hash: string) => {
    const head = heads.find((h) => h.hash === hash);
    if (!head) throw new Error(`no block ${hash}`);
    return head;
  };
  const chain: HolderRecoveryChain = {
    finalizedHead: async () => {
      reads.finalizedHead += 1;
      return heads[at]!.hash;
    },
    nextFinalizedHead: async () => {
      reads.waits += 1;
      if (at === heads.length - 1) return undefined;
      at += 1;
      return heads[at]!.hash;
    },
    recordAt: async (hash) => {
      reads.recordAt.push(hash);
      return byHash(hash).record;
    },
    bestRecord: async () => options.best ?? heads[heads.length - 1]!.record,
    confirmationAt: async (hash) => byHash(hash).confirmation ?? CONFIRMED,
    holderHealth: async () =>
      options.health ?? { threshold: 2, holders: HOLDERS, lost: [], intact: 3 },
    holderPlan: async (hash) => {
      reads.plans.push(hash);
      return planFor(byHash(hash).confirmation ?? CONFIRMED);
    },
  };
  return { chain, reads };
}

async function attemptWith(holders = 3, escrow = false): Promise<RecoveryAttempt> {
  const recoveryKeys: HpkeKeyPair[] = [];
  for (let i = 0; i < holders; i++) recoveryKeys.push(await generateHpkeKeyPair());
  return {
    incarnation: INCARNATION,
    recoveryKeys,
    escrowKey: escrow ? await generateHpkeKeyPair() : undefined,
    restartKey: {} as KeyringPair,
    attestedIn: ATTESTED_IN,
  };
}

const rootOf = (a: RecoveryAttempt) => recoveryKeysRoot(rootEntries(a.recoveryKeys, a.escrowKey));
const ours = (a: RecoveryAttempt, block: number, attestedAt = ATTESTED_IN): FinalizedRecord => ({
  block,
  incarnation: a.incarnation,
  recoveryKeysRoot: rootOf(a),
  attestedAt,
});
const previous = (block: number): FinalizedRecord => ({
  block,
  incarnation: INCARNATION - 1,
  recoveryKeysRoot: new Uint8Array(32).fill(9),
  attestedAt: 2,
});

/** Deps around `chain`; `ask` answers each round (default: a KEK). */
function depsFor(
  chain: HolderRecoveryChain,
  ask: (p: RecoverKekParameters & { plan: HolderPlan }) => Promise<Uint8Array> = async () =>
    new Uint8Array(32).fill(7),
) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const asked: (RecoverKekParameters & { plan: HolderPlan })[] = [];
  const slept: number[] = [];
  const reports: BadShareReport[] = [];
  const cold: RecoveryAttempt[] = [];
  const deps: HolderRecoveryDeps = {
    chain,
    askHolders: async (p) => {
      asked.push(p);
      return await ask(p);
    },
    recoverCold: async (attempt) => {
      cold.push(attempt);
      return new Uint8Array(32).fill(8);
    },
    reportBadShare: (report) => reports.push(report),
    logger: pino({ level: 'debug' }, sink),
    account: 'owner',
    pollMs: 250,
    releaseWindow: 30,
    backoff: (attempt) => 100 * 2 ** attempt,
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
  return { deps, asked, slept, reports, cold, lines };
}

describe('recoverFromHolders', () => {
  it('reads whom to ask before the attestation is final, then asks at once from the head the wait saw', async () => {
    const attempt = await attemptWith();
    const { chain, reads } = scriptedChain([
      { hash: '0x13', record: previous(19) },
      { hash: '0x14', record: previous(20) },
      { hash: '0x15', record: ours(attempt, 21) },
    ]);
    const { deps, asked } = depsFor(chain);
    const kek = await recoverFromHolders(deps, attempt);
    expect(kek).toEqual(new Uint8Array(32).fill(7));
    // Only the first round asked for the finalized head; the others read at the head
    // each wait returned.
    expect(reads.finalizedHead).toBe(1);
    expect(reads.recordAt).toEqual(['0x13', '0x14', '0x15']);
    // Read once, while waiting; used unchanged once final.
    expect(reads.plans).toEqual(['0x13']);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.plan).toEqual(planFor(CONFIRMED));
    expect(asked[0]!.incarnation).toBe(INCARNATION);
    expect(asked[0]!.recoveryKeys).toBe(attempt.recoveryKeys);
  });

  it('reads the plan again when the finalized confirmation is no longer the one it was read for', async () => {
    const attempt = await attemptWith();
    const later: FinalizedConfirmation = { epoch: 5, confirmedAt: 18, holders: 3 };
    const { chain, reads } = scriptedChain([
      { hash: '0x13', record: previous(19) },
      { hash: '0x15', record: ours(attempt, 21), confirmation: later },
    ]);
    const { deps, asked } = depsFor(chain);
    await recoverFromHolders(deps, attempt);
    expect(reads.plans).toEqual(['0x13', '0x15']);
    expect(asked[0]!.plan.confirmedAt).toBe(18);
  });

  it('logs the holders that gave no verified share even when recovery succeeds', async () => {
    const attempt = await attemptWith();
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    const { deps, lines } = depsFor(chain, async (p) => {
      p.onUnanswered?.([{ provider: 'h3', reason: 'PEER_REFUSED: 403 NO_ATTESTATION' }]);
      return new Uint8Array(32).fill(7);
    });
    await recoverFromHolders(deps, attempt);
    const warned = lines.filter(
      (l) => l.msg === 'KEK recovered; these holders gave no verified share',
    );
    expect(warned).toHaveLength(1);
    expect(warned[0]!.failures).toEqual([
      { provider: 'h3', reason: 'PEER_REFUSED: 403 NO_ATTESTATION' },
    ]);
  });

  it('after a failed round, backs off and reads whom to ask afresh', async () => {
    const attempt = await attemptWith();
    const { chain, reads } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    let rounds = 0;
    const { deps, asked, slept, lines } = depsFor(chain, async () => {
      rounds += 1;
      if (rounds < 3) throw new Error('holders unreachable');
      return new Uint8Array(32).fill(7);
    });
    await recoverFromHolders(deps, attempt);
    expect(asked).toHaveLength(3);
    expect(slept).toEqual([100, 200]);
    expect(reads.plans).toEqual(['0x15', '0x15', '0x15']);
    expect(
      lines.filter((l) => l.msg === 'KEK not recovered yet; the store is untouched; retrying'),
    ).toHaveLength(2);
  });

  it('is fenced by a newer incarnation, or by another instance attesting ours, once final; nobody is asked', async () => {
    const attempt = await attemptWith();
    const newer = scriptedChain([
      { hash: '0x15', record: { ...ours(attempt, 21), incarnation: INCARNATION + 1 } },
    ]);
    const first = depsFor(newer.chain);
    await expect(recoverFromHolders(first.deps, attempt)).rejects.toBeInstanceOf(FencedError);
    expect(first.asked).toHaveLength(0);

    const other = scriptedChain([
      { hash: '0x15', record: { ...ours(attempt, 21), recoveryKeysRoot: new Uint8Array(32) } },
    ]);
    const second = depsFor(other.chain);
    await expect(recoverFromHolders(second.deps, attempt)).rejects.toBeInstanceOf(FencedError);
    expect(second.asked).toHaveLength(0);
  });

  it('says dropped when finality passed its block without it and the best block lacks it too', async () => {
    const attempt = await attemptWith();
    const { chain } = scriptedChain([{ hash: '0x16', record: previous(22) }], {
      best: previous(22),
    });
    const { deps, asked } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt)).toBe('dropped');
    expect(asked).toHaveLength(0);
  });

  it('follows its attestation into a later block after a reorg instead of calling it dropped', async () => {
    const attempt = await attemptWith();
    const { chain } = scriptedChain(
      [
        { hash: '0x16', record: previous(22) },
        { hash: '0x18', record: ours(attempt, 24, 23) },
      ],
      { best: ours(attempt, 24, 23) },
    );
    const { deps, asked } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt)).toEqual(new Uint8Array(32).fill(7));
    expect(asked).toHaveLength(1);
  });

  it('says stale once the attestation is older than the release window, without asking', async () => {
    const attempt = await attemptWith();
    const { chain } = scriptedChain([{ hash: '0x40', record: ours(attempt, ATTESTED_IN + 30) }]);
    const { deps, asked } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt)).toBe('stale');
    expect(asked).toHaveLength(0);
  });

  it('says holders-changed when the finalized holders are not as many as its keys', async () => {
    const attempt = await attemptWith(2);
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    const { deps, asked, lines } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt)).toBe('holders-changed');
    expect(asked).toHaveLength(0);
    expect(lines.some((l) => l.keys === 2 && l.holders === 3)).toBe(true);
  });

  it('gives up with KEK_UNRECOVERABLE, logged once, when fewer than t holders keep their share and there is no cold path', async () => {
    const attempt = await attemptWith();
    const health = { threshold: 2, holders: HOLDERS, lost: ['h1', 'h2'], intact: 1 };
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }], { health });
    const { deps, asked, lines } = depsFor(chain);
    await expect(recoverFromHolders(deps, attempt)).rejects.toBeInstanceOf(KekUnrecoverableError);
    expect(asked).toHaveLength(0);
    const logged = lines.filter((l) => l.code === 'KEK_UNRECOVERABLE');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.lost).toEqual(['h1', 'h2']);
  });

  it('takes the cold path instead, once the attestation is final, when there is an escrow key', async () => {
    const attempt = await attemptWith(3, true);
    const health = { threshold: 2, holders: HOLDERS, lost: ['h1', 'h2'], intact: 1 };
    const { chain, reads } = scriptedChain(
      [
        { hash: '0x14', record: previous(20) },
        { hash: '0x15', record: ours(attempt, 21) },
      ],
      { health },
    );
    const { deps, asked, cold } = depsFor(chain);
    const seenWhenCold: string[] = [];
    const recoverCold = deps.recoverCold;
    deps.recoverCold = async (a) => {
      seenWhenCold.push(reads.recordAt.at(-1)!);
      return await recoverCold(a);
    };
    expect(await recoverFromHolders(deps, attempt)).toEqual(new Uint8Array(32).fill(8));
    // Only once a finalized block records the attestation.
    expect(seenWhenCold).toEqual(['0x15']);
    expect(asked).toHaveLength(0);
    expect(cold).toHaveLength(1);
    expect(cold[0]!.escrowKey).toBe(attempt.escrowKey);
  });

  it('waits out an unreadable chain without asking or giving up', async () => {
    const attempt = await attemptWith();
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    let failures = 2;
    const flaky: HolderRecoveryChain = {
      ...chain,
      holderHealth: async () => {
        if (failures-- > 0) throw new Error('connection closed');
        return await chain.holderHealth();
      },
    };
    const { deps, asked, slept } = depsFor(flaky);
    expect(await recoverFromHolders(deps, attempt)).toEqual(new Uint8Array(32).fill(7));
    expect(slept).toEqual([1000, 1000]);
    expect(asked).toHaveLength(1);
  });

  it('names a holder with a bad share once, reports it, and never asks it again', async () => {
    const attempt = await attemptWith();
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    let rounds = 0;
    const { deps, asked, reports, lines } = depsFor(chain, async (p) => {
      rounds += 1;
      if (rounds === 1) {
        const report = { provider: 'h2', revealedKey: new Uint8Array(32) } as BadShareReport;
        p.onMisbehaviour?.('h2', 'share does not match its commitment', report);
        p.onMisbehaviour?.('h2', 'share does not match its commitment', report);
        throw new Error('only one verified share');
      }
      return new Uint8Array(32).fill(7);
    });
    await recoverFromHolders(deps, attempt);
    expect(reports.map((r) => r.provider)).toEqual(['h2']);
    expect(lines.filter((l) => l.code === 'BAD_SHARE')).toHaveLength(1);
    expect([...(asked[1]!.skip ?? [])]).toEqual(['h2']);
  });

  it('never keeps shares of one confirmation for another (a later registration may confirm the same epoch number)', async () => {
    const attempt = await attemptWith();
    const again: FinalizedConfirmation = { epoch: 5, confirmedAt: 40, holders: 3 };
    const { chain } = scriptedChain([
      { hash: '0x15', record: ours(attempt, 21) },
      { hash: '0x16', record: ours(attempt, 22), confirmation: again },
    ]);
    const first = new Uint8Array(32).fill(5);
    let rounds = 0;
    const keptAtAsk: number[] = [];
    const { deps } = depsFor(chain, async (p) => {
      rounds += 1;
      keptAtAsk.push(p.received?.size ?? -1);
      if (rounds === 1) {
        p.received?.set('5/h1', first);
        // Finality moves on to a block with the other confirmation of epoch 5.
        await chain.nextFinalizedHead(0, 0);
        throw new Error('one share only');
      }
      return new Uint8Array(32).fill(7);
    });
    await recoverFromHolders(deps, attempt);
    expect(keptAtAsk).toEqual([0, 0]);
    expect(first).toEqual(new Uint8Array(32));
  });

  it('zeroises the shares it received, when it succeeds and when it gives up', async () => {
    const attempt = await attemptWith();
    const kept: Uint8Array[] = [];
    const keep = async (p: RecoverKekParameters & { plan: HolderPlan }) => {
      const share = new Uint8Array(32).fill(5);
      p.received?.set(`h${kept.length}`, share);
      kept.push(share);
      return new Uint8Array(32).fill(7);
    };
    const succeeded = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    await recoverFromHolders(depsFor(succeeded.chain, keep).deps, attempt);
    // A round that got one share, then a chain that shows the attestation is too old.
    const staleAfter = scriptedChain([
      { hash: '0x15', record: ours(attempt, 21) },
      { hash: '0x40', record: ours(attempt, ATTESTED_IN + 30) },
    ]);
    const { deps } = depsFor(staleAfter.chain, async (p) => {
      await keep(p);
      await staleAfter.chain.nextFinalizedHead(0, 0);
      throw new Error('one share only');
    });
    expect(await recoverFromHolders(deps, attempt)).toBe('stale');
    expect(kept).toHaveLength(2);
    for (const share of kept) expect(share).toEqual(new Uint8Array(32));
  });
});

describe('an early round (requests sent before the attestation is final)', () => {
  type Ask = (p: RecoverKekParameters & { plan: HolderPlan }) => Promise<Uint8Array>;
  /** An early round over `ask`, and what it was asked. */
  const earlyFor = (attempt: RecoveryAttempt, ask: Ask, plan = planFor(CONFIRMED)) => {
    const asked: (RecoverKekParameters & { plan: HolderPlan })[] = [];
    const round: EarlyRound = askEarly(
      async (p) => {
        asked.push(p);
        return await ask(p);
      },
      'owner',
      attempt,
      Promise.resolve(plan),
    );
    return { round, asked };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** What a round hears from its holders: h1's verified share and h2's bad one, reported. */
  const hearShareAndBadShare = (
    p: RecoverKekParameters,
    share: Uint8Array,
    revealed = new Uint8Array(32).fill(4),
  ) => {
    p.received?.set('5/h1', share);
    p.onMisbehaviour?.('h2', 'bad share', {
      provider: 'h2',
      revealedKey: revealed,
    } as BadShareReport);
  };

  it('returns its KEK only once its own finalized view records the attestation, asking nobody again', async () => {
    const attempt = await attemptWith();
    const kek = new Uint8Array(32).fill(6);
    const early = earlyFor(attempt, async () => kek);
    const { chain, reads } = scriptedChain([
      { hash: '0x13', record: previous(19) },
      { hash: '0x15', record: ours(attempt, 21) },
    ]);
    const { deps, asked } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt, early.round)).toBe(kek);
    expect(kek).toEqual(new Uint8Array(32).fill(6));
    expect(early.asked).toHaveLength(1);
    expect(early.asked[0]!.incarnation).toBe(INCARNATION);
    expect(asked).toHaveLength(0);
    // It waited for finality: the KEK came back only after the final head was read.
    expect(reads.recordAt).toEqual(['0x13', '0x15']);
    // Whom to ask came with the round: never read again.
    expect(reads.plans).toEqual([]);
  });

  it('is dropped, KEK and shares zeroised and its misbehaviour never reported, when the attestation is dropped, fenced or stale', async () => {
    for (const [name, record] of [
      ['dropped', previous(22)],
      ['fenced', { ...previous(22), incarnation: INCARNATION + 1 }],
      ['stale', { block: 60, incarnation: INCARNATION, attestedAt: 21 }],
    ] as const) {
      const attempt = await attemptWith();
      const kek = new Uint8Array(32).fill(6);
      const share = new Uint8Array(32).fill(5);
      const revealed = new Uint8Array(32).fill(4);
      const early = earlyFor(attempt, async (p) => {
        hearShareAndBadShare(p, share, revealed);
        return kek;
      });
      const fullRecord =
        'recoveryKeysRoot' in record ? record : { ...record, recoveryKeysRoot: rootOf(attempt) };
      const { chain } = scriptedChain([{ hash: '0x16', record: fullRecord }], {
        best: previous(22),
      });
      const { deps, asked, reports } = depsFor(chain);
      const outcome = recoverFromHolders(deps, attempt, early.round);
      if (name === 'fenced') await expect(outcome).rejects.toBeInstanceOf(FencedError);
      else expect(await outcome).toBe(name);
      await settle();
      expect(reports, name).toHaveLength(0);
      expect(asked, name).toHaveLength(0);
      for (const secret of [kek, share, revealed]) expect(secret, name).toEqual(new Uint8Array(32));
    }
  });

  it('reports the misbehaviour it saw once final, and keeps its verified shares for the next round', async () => {
    const attempt = await attemptWith();
    const share = new Uint8Array(32).fill(5);
    const early = earlyFor(attempt, async (p) => {
      hearShareAndBadShare(p, share);
      throw new Error('one verified share only');
    });
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    const keptAtAsk: string[][] = [];
    const { deps, asked, reports, lines } = depsFor(chain, async (p) => {
      keptAtAsk.push([...(p.received?.keys() ?? [])]);
      return new Uint8Array(32).fill(7);
    });
    expect(await recoverFromHolders(deps, attempt, early.round)).toEqual(
      new Uint8Array(32).fill(7),
    );
    expect(reports.map((r) => r.provider)).toEqual(['h2']);
    expect(lines.filter((l) => l.code === 'BAD_SHARE')).toHaveLength(1);
    expect(asked).toHaveLength(1);
    expect([...(asked[0]!.skip ?? [])]).toEqual(['h2']);
    expect(keptAtAsk).toEqual([['5/h1']]);
    // Zeroised once recovery is done.
    expect(share).toEqual(new Uint8Array(32));
  });

  it('is not used when it asked the holders of another confirmation', async () => {
    const attempt = await attemptWith();
    const kek = new Uint8Array(32).fill(6);
    const share = new Uint8Array(32).fill(5);
    const early = earlyFor(
      attempt,
      async (p) => {
        p.received?.set('5/h1', share);
        return kek;
      },
      planFor({ epoch: 5, confirmedAt: 3, holders: 3 }),
    );
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    const { deps, asked } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt, early.round)).toEqual(
      new Uint8Array(32).fill(7),
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]!.received?.size).toBe(0);
    for (const secret of [kek, share]) expect(secret).toEqual(new Uint8Array(32));
  });

  it('asks nobody when its plan names another number of holders than the keys, or could not be read', async () => {
    const attempt = await attemptWith(2);
    const two = earlyFor(attempt, async () => new Uint8Array(32));
    expect(await two.round.outcome).toBeUndefined();
    const unread = askEarly(
      async () => new Uint8Array(32),
      'owner',
      attempt,
      Promise.resolve(undefined),
    );
    expect(await unread.outcome).toBeUndefined();
    expect(two.asked).toHaveLength(0);
  });

  it('is dropped when it asked for another incarnation than the one attested', async () => {
    const attempt = await attemptWith();
    const kek = new Uint8Array(32).fill(6);
    const early = earlyFor({ ...attempt, incarnation: INCARNATION - 1 }, async () => kek);
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    const { deps, asked } = depsFor(chain);
    expect(await recoverFromHolders(deps, attempt, early.round)).toEqual(
      new Uint8Array(32).fill(7),
    );
    expect(asked).toHaveLength(1);
    await settle();
    expect(kek).toEqual(new Uint8Array(32));
  });

  it('zeroises its KEK and shares when reporting what it saw throws', async () => {
    const attempt = await attemptWith();
    const kek = new Uint8Array(32).fill(6);
    const share = new Uint8Array(32).fill(5);
    const early = earlyFor(attempt, async (p) => {
      hearShareAndBadShare(p, share);
      return kek;
    });
    const { chain } = scriptedChain([{ hash: '0x15', record: ours(attempt, 21) }]);
    const { deps } = depsFor(chain);
    deps.reportBadShare = () => {
      throw new Error('report queue closed');
    };
    await expect(recoverFromHolders(deps, attempt, early.round)).rejects.toThrow(
      'report queue closed',
    );
    for (const secret of [kek, share]) expect(secret).toEqual(new Uint8Array(32));
  });
});
