/**
 * The backup loop against an in-memory chain and store: when it backs up, that it never
 * promotes a KEK before a finalized block shows its confirmation, that a dropped
 * confirmation reuses the staged KEK and a failed round the KEK and the shares it sent,
 * that KEKs and shares are zeroised once done with, and when it asks for a rotation by
 * itself (holders answering again, a new escrow committee).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  type BackupChain,
  BackupLoop,
  ESCROW_ROTATION_SPREAD_BLOCKS,
  TOP_UP_EVERY_BLOCKS,
} from './backupLoop.js';

const PROVIDERS = ['p1', 'p2', 'p3'];

/** The chain as the loop sees it; each field can be changed between rounds. */
interface FakeChain {
  best: Assignment | undefined;
  /** The confirmed epoch a finalized block shows. */
  finalizedEpoch: number | undefined;
  head: number;
  /** Confirmations become final at once (as on Chopsticks). */
  finalizesAtOnce: boolean;
  outdated: Record<string, unknown> | undefined;
  /** What a health check finds among the providers that hold no share. */
  answering: string[];
  /** The next backup throws this after it offered a share (and, with `confirmed`, after the chain confirmed it: the confirmation landed unseen). */
  failNext: { error: Error; confirmed?: boolean } | undefined;
  /** Each backup: the KEK, the map of sent shares, and copies of its entries at the call. */
  backUps: {
    kek: Uint8Array;
    sent: Map<string, Uint8Array[]>;
    sentAtCall: Map<string, Uint8Array[]>;
  }[];
  healthChecks: number;
  escrowReads: number;
  /** Every share the fake offered (the loop keeps them for retries, then zeroises them). */
  offered: Uint8Array[];
}

function setUp(best: Assignment | undefined, options: Partial<FakeChain> = {}) {
  const fake: FakeChain = {
    best,
    finalizedEpoch: best?.confirmedEpoch,
    head: 100,
    finalizesAtOnce: true,
    outdated: undefined,
    answering: [],
    failNext: undefined,
    backUps: [],
    healthChecks: 0,
    escrowReads: 0,
    offered: [],
    ...options,
  };
  const chain: BackupChain = {
    assignment: async () => fake.best && { ...fake.best },
    finalizedConfirmedEpoch: async () => fake.finalizedEpoch,
    head: async () => fake.head,
    escrowOutdated: async () => {
      fake.escrowReads += 1;
      return fake.outdated;
    },
    reachableMissing: async () => {
      fake.healthChecks += 1;
      return fake.answering;
    },
    backUp: async ({ kek, sent }) => {
      const sentAtCall = new Map([...sent].map(([k, v]) => [k, v.map((x) => x.slice())]));
      fake.backUps.push({ kek: kek.slice(), sent, sentAtCall });
      const a = fake.best!;
      const epoch = a.epoch > a.confirmedEpoch ? a.epoch : a.confirmedEpoch + 1;
      // A share offered for the epoch, kept by the caller for a retry.
      if (!sent.has(`${epoch}`)) {
        const share = new Uint8Array(8).fill(epoch);
        fake.offered.push(share);
        sent.set(`${epoch}`, [share]);
      }
      const confirm = () => {
        fake.best = { ...a, epoch, confirmedEpoch: epoch, confirmedProviders: a.providers };
        if (fake.finalizesAtOnce) fake.finalizedEpoch = epoch;
      };
      if (fake.failNext) {
        const { error, confirmed } = fake.failNext;
        fake.failNext = undefined;
        if (confirmed) confirm();
        throw error;
      }
      confirm();
      return { epoch, holders: a.providers };
    },
  };
  const store = { staged: [] as Uint8Array[], promoted: 0 };
  const logs: { msg: string }[] = [];
  let settle: () => void = () => {};
  let reportsSettled: Promise<void> = Promise.resolve();
  let kekCount = 0;
  const loop = new BackupLoop({
    chain,
    store: {
      stageKek: (kek) => store.staged.push(kek),
      promoteStagedKek: () => {
        store.promoted += 1;
      },
    },
    logger: pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          logs.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    ),
    settleReports: () => reportsSettled,
    random: () => 5,
    freshKek: () => new Uint8Array(32).fill(++kekCount),
  });
  const states: string[] = [];
  const round = (keyed = true) =>
    loop.round(
      () => keyed,
      () => {
        states.push('backing-up');
      },
    );
  return {
    fake,
    loop,
    store,
    logs: () => logs.map((l) => l.msg),
    states,
    round,
    /** Holds bad-share reports in flight until the returned function is called. */
    holdReports() {
      reportsSettled = new Promise((resolve) => {
        settle = resolve;
      });
      return () => settle();
    },
  };
}

const opened: Assignment = {
  epoch: 1,
  confirmedEpoch: 0,
  threshold: 2,
  providers: PROVIDERS,
  confirmedProviders: [],
};
const confirmed: Assignment = { ...opened, confirmedEpoch: 1, confirmedProviders: PROVIDERS };

describe('the backup loop', () => {
  it('backs up when the chain opens an epoch, and is ready once the confirmation is final', async () => {
    const t = setUp(opened);
    expect(await t.round()).toBe('backing-up');
    expect(t.states).toEqual(['backing-up']);
    expect(t.store.staged).toHaveLength(1);
    expect(t.store.promoted).toBe(1);
    expect(t.logs()).toContain('backup epoch confirmed');
    // Once the KEK is promoted, it and the shares kept for retries are zeroised.
    expect(t.fake.offered).toHaveLength(1);
    expect(t.fake.offered[0]!.every((b) => b === 0)).toBe(true);
    expect(t.store.staged[0]!.every((b) => b === 0)).toBe(true);
    expect(await t.round()).toBe('ready');
    expect(t.fake.backUps).toHaveLength(1);
  });

  it('checks neither holders nor the committee while the store is closed (or the node stopped)', async () => {
    const t = setUp(
      { ...confirmed, confirmedProviders: ['p1', 'p2'] },
      { outdated: { deposited: 1, current: 2 }, answering: ['p3'] },
    );
    expect(await t.round(false)).toBe('ready');
    expect([t.fake.healthChecks, t.fake.escrowReads, t.fake.backUps.length]).toEqual([0, 0, 0]);
    t.loop.requestRotation();
    expect(await t.round(false)).toBeUndefined();
    expect(t.fake.backUps).toEqual([]);
  });

  it('does nothing before the store is open, nor without enough assigned providers', async () => {
    const closed = setUp(opened);
    expect(await closed.round(false)).toBeUndefined();
    const few = setUp({ ...opened, providers: ['p1'] });
    expect(await few.round()).toBeUndefined();
    const none = setUp(undefined);
    expect(await none.round()).toBeUndefined();
    for (const t of [closed, few, none]) expect(t.fake.backUps).toEqual([]);
  });

  it('keeps the staged KEK, and starts no round, until a finalized block shows the confirmation', async () => {
    const t = setUp(opened, { finalizesAtOnce: false });
    await t.round();
    expect(t.store.promoted).toBe(0);
    expect(t.loop.awaitingFinality).toBe(true);
    t.fake.best = { ...t.fake.best!, epoch: 2 }; // the chain opens another epoch meanwhile
    expect(await t.round()).toBeUndefined();
    expect(t.fake.backUps).toHaveLength(1);
    t.fake.finalizedEpoch = 1;
    await t.round();
    expect(t.store.promoted).toBe(1);
    // Promoted: the next epoch is backed up with a fresh KEK.
    expect(t.fake.backUps).toHaveLength(2);
    expect(t.store.staged).toHaveLength(2);
    expect(t.fake.backUps[1]!.kek).not.toEqual(t.fake.backUps[0]!.kek);
  });

  it('shares the same staged KEK again when its confirmation is dropped with a fork', async () => {
    const t = setUp(opened, { finalizesAtOnce: false });
    await t.round();
    t.fake.best = { ...opened }; // the best chain no longer has the confirmation
    t.fake.finalizesAtOnce = true;
    await t.round();
    expect(t.logs()).toContain(
      'backup confirmation dropped before finality; sharing the staged KEK again',
    );
    expect(t.store.staged).toHaveLength(1);
    expect(t.fake.backUps).toHaveLength(2);
    expect(t.fake.backUps[1]!.kek).toEqual(t.fake.backUps[0]!.kek);
    expect(t.store.promoted).toBe(1);
  });

  it('keeps the KEK and the shares already sent for the round after a failed one', async () => {
    const t = setUp(opened, { failNext: { error: new Error('only one provider answered') } });
    await expect(t.round()).rejects.toThrow('only one provider answered');
    expect(t.store.promoted).toBe(0);
    await t.round();
    expect(t.store.staged).toHaveLength(1);
    expect(t.fake.backUps[1]!.kek).toEqual(t.fake.backUps[0]!.kek);
    // The retry is handed the very share offered before, intact.
    expect(t.fake.backUps[1]!.sentAtCall.get('1')).toEqual([new Uint8Array(8).fill(1)]);
    expect(t.fake.offered).toHaveLength(1);
    expect(t.store.promoted).toBe(1);
    // Promoted: the share is zeroised.
    expect(t.fake.offered[0]!.every((b) => b === 0)).toBe(true);
  });

  it('backs up again when a failed round’s confirmation landed unseen and nothing is pending', async () => {
    const reshare: Assignment = { ...confirmed, epoch: 2 };
    const t = setUp(reshare, {
      failNext: { error: new Error('lost the answer'), confirmed: true },
    });
    await expect(t.round()).rejects.toThrow('lost the answer');
    // The chain shows epoch 2 confirmed (under the staged KEK), nothing pending: without a
    // rotation the staged KEK would never be promoted.
    expect(t.fake.best).toMatchObject({ epoch: 2, confirmedEpoch: 2 });
    await t.round();
    expect(t.fake.backUps).toHaveLength(2);
    expect(t.fake.backUps[1]!.kek).toEqual(t.fake.backUps[0]!.kek);
    expect(t.store.staged).toHaveLength(1);
    expect(t.store.promoted).toBe(1);
  });

  it('shares the staged KEK again when a fork drops both the open epoch and its confirmation', async () => {
    const t = setUp({ ...confirmed, epoch: 2 }, { finalizesAtOnce: false });
    await t.round();
    t.fake.best = { ...confirmed }; // no epoch 2 at all any more: nothing pending
    t.fake.finalizesAtOnce = true;
    await t.round();
    expect(t.fake.backUps).toHaveLength(2);
    expect(t.fake.backUps[1]!.kek).toEqual(t.fake.backUps[0]!.kek);
    expect(t.store.promoted).toBe(1);
  });

  it('waits for bad-share reports in flight before it confirms a new epoch', async () => {
    const t = setUp(confirmed);
    t.loop.requestRotation();
    const release = t.holdReports();
    const round = t.round();
    await new Promise((r) => setTimeout(r, 20));
    expect(t.store.staged).toHaveLength(1);
    expect(t.fake.backUps).toEqual([]);
    release();
    // After a recovery's rotation the node is ready again in the same round.
    expect(await round).toBe('ready');
    expect(t.fake.backUps).toHaveLength(1);
  });

  it('rotates to include assigned providers that answer again, checking at most once every 10 blocks', async () => {
    const t = setUp({ ...confirmed, confirmedProviders: ['p1', 'p2'] });
    expect(await t.round()).toBe('ready');
    expect(t.fake.healthChecks).toBe(1);
    t.fake.head += TOP_UP_EVERY_BLOCKS - 1;
    await t.round();
    expect(t.fake.healthChecks).toBe(1);
    t.fake.answering = ['p3'];
    t.fake.head += 1;
    await t.round();
    expect(t.fake.healthChecks).toBe(2);
    expect(t.fake.backUps).toHaveLength(1);
    expect(t.logs()).toContain(
      'assigned providers without a share answer again; rotating the KEK to include them',
    );
    // Every provider holds a share now: no more checks.
    t.fake.head += 100;
    await t.round();
    expect(t.fake.healthChecks).toBe(2);
  });

  it('follows a new escrow committee at a random block of the spread, announcing it once', async () => {
    const t = setUp(confirmed, { outdated: { deposited: 1, current: 2 } });
    expect(5).toBeLessThan(ESCROW_ROTATION_SPREAD_BLOCKS);
    for (const head of [100, 104]) {
      t.fake.head = head;
      await t.round();
      expect(t.fake.backUps).toEqual([]);
    }
    t.fake.head = 105;
    await t.round();
    expect(t.fake.backUps).toHaveLength(1);
    const announced = t
      .logs()
      .filter((m) => m.startsWith('the confirmed epoch is escrowed with another committee'));
    expect(announced).toHaveLength(1);
    // Escrowed with the committee in force now: nothing more to do.
    t.fake.outdated = undefined;
    t.fake.head = 200;
    expect(await t.round()).toBe('ready');
    expect(t.fake.backUps).toHaveLength(1);
  });

  it('forgets a committee change that is undone before its block', async () => {
    const t = setUp(confirmed, { outdated: { deposited: 1, current: 2 } });
    await t.round();
    t.fake.outdated = undefined;
    t.fake.head = 105;
    await t.round();
    t.fake.outdated = { deposited: 1, current: 3 };
    t.fake.head = 106;
    await t.round();
    // A new spread from block 106, not the old block 105.
    expect(t.fake.backUps).toEqual([]);
    t.fake.head = 111;
    await t.round();
    expect(t.fake.backUps).toHaveLength(1);
  });

  it('zeroises the staged KEK and the shares it sent when it forgets', async () => {
    const t = setUp(opened, { finalizesAtOnce: false });
    await t.round();
    const staged = t.store.staged[0]!;
    const share = t.fake.offered[0]!;
    expect(staged.some((b) => b !== 0)).toBe(true);
    expect(share.some((b) => b !== 0)).toBe(true);
    t.loop.forget();
    expect(staged.every((b) => b === 0)).toBe(true);
    expect(share.every((b) => b === 0)).toBe(true);
  });
});
