/**
 * Randomized soak (issue 5) on a devnet of 7+ companion processes: a seeded sequence of
 * steps — graceful restart, SIGKILL, restart of a provider that holds shares, forced
 * reassignment, a validator leaving, a validator joining — and after every step, once the
 * network settles, every owner has at least t live holders of its confirmed epoch that
 * still have their share. At the end every node is killed and restarted, one at a time,
 * and must give back every secret it ever stored, byte-for-byte.
 *
 * Reproduce a run with CUSTOS_SOAK_SEED=<seed> (printed on failure and at the start);
 * CUSTOS_SOAK_STEPS sets the number of steps (default 50).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAndWatch } from '../../src/chain/submit.js';
import { holderHealth } from '../../src/owner/holderHealth.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { putSecret, readSecret, settled, waitFor } from '../harness/devnet.js';

const SEED = Number(process.env.CUSTOS_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = Number(process.env.CUSTOS_SOAK_STEPS ?? 50);
const INITIAL = 7;
const MAX_LIVE = 9;

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step = 'restart' | 'sigkill' | 'provider-restart' | 'force-reassign' | 'leave' | 'join';
const WEIGHTS: [Step, number][] = [
  ['restart', 2],
  ['sigkill', 2],
  ['provider-restart', 2],
  ['force-reassign', 2],
  ['leave', 1],
  ['join', 1],
];

describe(`soak (seed ${SEED}, ${STEPS} steps)`, () => {
  let net: DevNetwork;
  let work: string;
  const live = new Set<DevNode>();
  const secrets = new Map<DevNode, Map<string, Buffer>>();
  const random = prng(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const log: string[] = [];

  const accountOf = (node: DevNode) => net.api.createType('AccountId32', node.account);
  const nodeOf = (account: { toString(): string }) =>
    net.nodes.find((n) => accountOf(n).eq(account));

  /**
   * Signs, submits and waits for inclusion through `submitAndWatch`: it also finds the
   * transaction in new blocks when Chopsticks' status stream misses it, and gives up after
   * its timeout instead of hanging the soak.
   */
  async function send(
    signer: KeyringPair,
    tx: SubmittableExtrinsic<'promise'>,
    pallet: string,
  ): Promise<void> {
    await submitAndWatch(net.api, tx, pallet, signer);
  }

  async function store(node: DevNode, name: string): Promise<void> {
    const value = Buffer.from(`${name}:${SEED}:${random().toString(36)}`);
    await putSecret(node, name, value);
    secrets.get(node)!.set(name, value);
  }

  async function restart(node: DevNode, signal: NodeJS.Signals): Promise<void> {
    await net.killNode(node, signal);
    net.startNode(node);
    await settled(net.api, node);
    for (const [name, value] of secrets.get(node)!)
      expect(await readSecret(node, name), `${node.name} ${name} (seed ${SEED})`).toEqual(value);
  }

  /** Every live owner confirmed after its own last restart, with nothing pending. */
  async function settleAll(): Promise<void> {
    for (const node of live) await settled(net.api, node);
    await waitFor('every confirmed holder live and intact', async () => {
      for (const owner of live) {
        const a = (await net.api.query.backups.assignments(owner.account!)).unwrap();
        if (!a.epoch.eq(a.confirmedEpoch)) return undefined;
        const health = await holderHealth(net.api, owner.account!);
        if (health.lost.length > 0) return undefined;
        if (a.confirmedProviders.some((p) => !live.has(nodeOf(p)!))) return undefined;
      }
      return true;
    });
  }

  /** The invariant: each owner has ≥ t live holders of its confirmed epoch with their share. */
  async function checkRecoverable(step: string): Promise<void> {
    for (const owner of live) {
      const health = await holderHealth(net.api, owner.account!);
      const alive = health.holders.filter(
        (h) =>
          !health.lost.includes(h) && live.has(nodeOf(h)!) && nodeOf(h)!.process?.exitCode === null,
      );
      expect(
        alive.length,
        `seed ${SEED}, after ${step}: ${owner.name} has ${alive.length} live holders, needs ${health.threshold}`,
      ).toBeGreaterThanOrEqual(health.threshold);
    }
  }

  async function runStep(i: number): Promise<string> {
    const choices = WEIGHTS.filter(([kind]) => {
      if (kind === 'leave') return live.size > INITIAL;
      if (kind === 'join') return live.size < MAX_LIVE && net.nodes.length < 12;
      return true;
    });
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let roll = random() * total;
    let kind: Step = choices[0]![0];
    for (const [k, w] of choices) {
      roll -= w;
      if (roll < 0) {
        kind = k;
        break;
      }
    }
    const nodes = [...live];
    switch (kind) {
      case 'restart':
      case 'sigkill': {
        const node = pick(nodes);
        await restart(node, kind === 'sigkill' ? 'SIGKILL' : 'SIGTERM');
        await store(node, `soak/${i}`);
        return `${kind} ${node.name}`;
      }
      case 'provider-restart': {
        const owner = pick(nodes);
        const a = (await net.api.query.backups.assignments(owner.account!)).unwrap();
        const holder = nodeOf(pick([...a.confirmedProviders]))!;
        await restart(holder, 'SIGKILL');
        return `provider-restart ${holder.name} (holder of ${owner.name})`;
      }
      case 'force-reassign': {
        const owner = pick(nodes);
        const sudo = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
        await send(
          sudo,
          net.api.tx.sudo.sudo(net.api.tx.backups.forceReassign(owner.account!)),
          'Sudo',
        );
        return `force-reassign ${owner.name}`;
      }
      case 'leave': {
        const node = pick(nodes.filter((n) => n !== net.nodes[0])); // //Alice is sudo
        const operator = new Keyring({ type: 'sr25519' }).addFromUri(node.operatorUri);
        await send(operator, net.api.tx.registry.leave(), 'Registry');
        live.delete(node);
        // It keeps serving until every owner it held shares for confirmed without it.
        await settleAll();
        await net.killNode(node, 'SIGTERM');
        secrets.delete(node);
        return `leave ${node.name}`;
      }
      case 'join': {
        const node = await net.addNode();
        live.add(node);
        secrets.set(node, new Map());
        await settled(net.api, node);
        await store(node, `soak/${i}`);
        return `join ${node.name}`;
      }
    }
  }

  beforeAll(async () => {
    console.log(`soak seed ${SEED} (CUSTOS_SOAK_SEED=${SEED} to replay), ${STEPS} steps`);
    work = mkdtempSync(join(tmpdir(), 'custos-soak-'));
    net = await startNetwork({ size: INITIAL, workDir: work, blockMs: 500, pollMs: 250 });
    for (const node of net.nodes) {
      live.add(node);
      secrets.set(node, new Map());
    }
    await settleAll();
    for (const node of live) await store(node, 'tss/keyshare');
  }, 600_000);

  afterAll(async () => {
    await net?.stop();
    if (!process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
    else console.log(`soak work dir kept: ${work}`);
  });

  it('keeps every owner recoverable through every step, and every node recovers at the end', async () => {
    try {
      for (let i = 0; i < STEPS; i++) {
        const step = await runStep(i);
        await settleAll();
        await checkRecoverable(step);
        log.push(`${i + 1}. ${step}`);
      }
      // Rolling restart of everyone: each must give back every secret it stored.
      for (const node of [...live]) {
        await restart(node, 'SIGKILL');
        await settleAll();
      }
    } catch (error) {
      console.error(`soak failed: seed ${SEED}; steps so far:\n${log.join('\n')}`);
      throw error;
    }
    expect(log.length).toBe(STEPS);
    expect(live.size).toBeGreaterThanOrEqual(INITIAL);
  }, 3_600_000);
});
