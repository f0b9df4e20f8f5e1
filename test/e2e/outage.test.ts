/**
 * A full outage on a real devnet (Chopsticks + 5 `custos start` processes + 3 `custos
 * escrow serve` processes, a 2-of-3 escrow committee set before the companions start):
 * every companion is SIGKILLed at the same instant, so every share every holder kept in
 * memory is gone. Each companion restarts, attests, finds fewer than t intact holders and
 * requests cold recovery; one governance call approves them all; the members release; every
 * companion reads back the exact secret written before the outage, rotates its KEK and
 * returns to ordinary t-of-n backups (its cold request closed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asDevSudo } from '../../tools/devnet/escrow.js';
import { DEV_OPERATORS, type DevNetwork, startNetwork } from '../../tools/devnet/network.js';
import { putSecret, readSecret, settled, waitFor } from '../harness/devnet.js';

describe('full outage: the cold path through escrow members', () => {
  let net: DevNetwork;
  let work: string;
  const secrets = new Map<string, Buffer>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-outage-'));
    net = await startNetwork({
      size: 5,
      workDir: work,
      blockMs: 500,
      pollMs: 300,
      escrow: { members: 3, threshold: 2 },
    });
  }, 300_000);

  afterAll(async () => {
    await net?.stop();
    if (!process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
    else console.log(`e2e work dir kept: ${work}`);
  });

  it('escrows every confirmed epoch with the committee before the outage', async () => {
    const generation = (await net.api.query.backups.committee()).unwrap().generation.toNumber();
    for (const node of net.nodes) {
      await settled(net.api, node, 240_000);
      const a = (await net.api.query.backups.assignments(node.account!)).unwrap();
      const deposit = await net.api.query.backups.escrowDeposits(node.account!, a.confirmedEpoch);
      expect(deposit.isSome, `${node.name} escrowed epoch ${a.confirmedEpoch.toNumber()}`).toBe(
        true,
      );
      expect(deposit.unwrap().generation.toNumber()).toBe(generation);
      expect(deposit.unwrap().sealed.length).toBe(3);
      const secret = Buffer.from(`${node.name}'s keyshare before the outage`);
      await putSecret(node, 'tss-keyshare', secret);
      secrets.set(node.name, secret);
    }
  }, 300_000);

  it('every companion SIGKILLed at once comes back through one governance approval', async () => {
    await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
    for (const node of net.nodes) net.startNode(node);
    // Each restarts, attests, sees no t intact holders (all lost their memory) and asks.
    const requests = await waitFor(
      'a cold request from every companion',
      async () => {
        const found: [string, number][] = [];
        for (const node of net.nodes) {
          const r = await net.api.query.backups.coldRequests(node.account!);
          const record = (await net.api.query.attestation.attestations(node.account!)).unwrap();
          if (r.isNone || r.unwrap().incarnation.toNumber() !== record.incarnation.toNumber())
            return undefined;
          found.push([node.account!, r.unwrap().incarnation.toNumber()]);
        }
        return found;
      },
      240_000,
    );
    // Nothing is released before governance approves.
    for (const [owner, incarnation] of requests)
      for (let i = 0; i < 3; i++)
        expect((await net.api.query.backups.escrowReleases(owner, incarnation, i)).isNone).toBe(
          true,
        );
    await asDevSudo(
      net.api,
      net.api.tx.backups.approveColdRecovery(requests),
      DEV_OPERATORS.map((o) => o.uri),
    );
    for (const node of net.nodes) {
      const value = await waitFor(
        `${node.name} reads its secret back`,
        () => readSecret(node, 'tss-keyshare'),
        240_000,
      );
      expect(value).toEqual(secrets.get(node.name));
    }
    // Back to ordinary backups: a new epoch confirmed (escrowed again), the request closed.
    for (const node of net.nodes) {
      await waitFor(
        `${node.name} backed up again`,
        async () =>
          (await net.api.query.backups.coldRequests(node.account!)).isNone ? true : undefined,
        240_000,
      );
      await settled(net.api, node, 240_000);
      const a = (await net.api.query.backups.assignments(node.account!)).unwrap();
      expect(
        (await net.api.query.backups.escrowDeposits(node.account!, a.confirmedEpoch)).isSome,
      ).toBe(true);
    }
  }, 900_000);
});
