/**
 * Crash-point matrix (issue 5, invariants I3/I4) on a devnet of companion processes: for
 * every named step of backup, reshare, recovery and provider release, a process is killed
 * with SIGKILL exactly there (test/fixtures/crashable-custos.ts), restarted normally, and
 * the owner must still recover its secrets byte-for-byte and end with a confirmed epoch.
 * docs/crash-matrix.md holds the resulting table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAndWatch } from '../../src/chain/submit.js';
import { CRASH_POINTS, type CrashPoint } from '../../src/faults/crashPoints.js';
import { COMPILED_FIXTURES } from '../../tools/build/compiled.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { exited, putSecret, readSecret, settled, startLog, waitFor } from '../harness/devnet.js';

const CRASHABLE = COMPILED_FIXTURES.crashable;
const SECRET = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 53 + 7) % 256));

describe('crash-point matrix', () => {
  let net: DevNetwork;
  let work: string;
  let owner: DevNode;

  const armed = (node: DevNode, point: CrashPoint) =>
    net.startNode(node, { entry: CRASHABLE, env: { CUSTOS_TEST_CRASH_AT: point } });

  /** Waits for the armed process to kill itself at `point`. */
  async function crashedAt(node: DevNode, point: CrashPoint): Promise<void> {
    const { signal } = await exited(node);
    expect(signal).toBe('SIGKILL');
    expect(startLog(node)).toContain(`crash point ${point} reached`);
  }

  /** Restarts the owner normally and checks it recovers everything and settles. */
  async function ownerRecovers(): Promise<void> {
    await net.killNode(owner, 'SIGKILL');
    net.startNode(owner);
    await settled(net.api, owner);
    expect(await readSecret(owner, 'tss/keyshare')).toEqual(SECRET);
  }

  /** A confirmed holder of the owner's current confirmed epoch. */
  async function aHolder(): Promise<DevNode> {
    const a = (await net.api.query.backups.assignments(owner.account!)).unwrap();
    const first = a.confirmedProviders[0]!;
    return net.nodes.find((n) => net.api.createType('AccountId32', n.account).eq(first))!;
  }

  async function forceReassign(who: DevNode): Promise<void> {
    const { Keyring } = await import('@polkadot/keyring');
    const sudo = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    // submitAndWatch also finds the transaction in new blocks should Chopsticks' status
    // stream miss it, and times out instead of hanging.
    await submitAndWatch(
      net.api,
      net.api.tx.sudo.sudo(net.api.tx.backups.forceReassign(who.account!)),
      'Sudo',
      sudo,
    );
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-crash-'));
    net = await startNetwork({ size: 5, workDir: work, blockMs: 500, pollMs: 200 });
    owner = net.nodes[0]!;
    for (const node of net.nodes) await settled(net.api, node);
    await putSecret(owner, 'tss/keyshare', SECRET);
  }, 300_000);

  afterAll(async () => {
    await net?.stop();
    if (!process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
    else console.log(`crash-matrix work dir kept: ${work}`);
  });

  // First-start steps happen once per data dir, never on a restart: test/e2e/firstStart.test.ts.
  // Cold-path, escrow-deposit and escrow-member steps need an escrow committee:
  // test/e2e/outage.test.ts.
  const needsCommittee = (p: CrashPoint) =>
    p.startsWith('cold.') || p.startsWith('escrow.') || p.endsWith('.escrow-deposited');
  const ownerSteps = CRASH_POINTS.filter(
    (p) => !p.startsWith('provider.') && !p.startsWith('first-start.') && !needsCommittee(p),
  );
  for (const point of ownerSteps) {
    it(`owner killed at ${point} recovers and ends confirmed`, async () => {
      await net.killNode(owner, 'SIGKILL');
      if (point.startsWith('reshare.')) {
        // Recover and settle first (backup.* steps pass), then force a reassignment.
        armed(owner, point);
        await settled(net.api, owner);
        await forceReassign(owner);
      } else {
        // A restart runs recovery.* and then the KEK rotation's backup.* steps.
        armed(owner, point);
      }
      await crashedAt(owner, point);
      await ownerRecovers();
    }, 300_000);
  }

  /**
   * Whether `provider` holds a share of the owner's confirmed epoch in its current memory:
   * it is a confirmed holder of an epoch confirmed at or after its last restart
   * attestation. Being listed is not enough: an epoch confirmed before the provider's
   * restart still lists it while its share died with the old process (it would answer
   * `NO_SHARE` before reaching a release crash point, and nothing would ask again).
   */
  async function holds(provider: DevNode): Promise<boolean> {
    const a = (await net.api.query.backups.assignments(owner.account!)).unwrap();
    const record = (await net.api.query.attestation.attestations(provider.account!)).unwrap();
    if (!a.epoch.eq(a.confirmedEpoch)) return false;
    if (a.confirmedAt.toNumber() < record.attestedAt.toNumber()) return false;
    return a.confirmedProviders.some((p) =>
      net.api.createType('AccountId32', provider.account).eq(p),
    );
  }

  const providerSteps = CRASH_POINTS.filter((p) => p.startsWith('provider.'));
  for (const point of providerSteps) {
    it(`provider killed at ${point}: the owner stays recoverable and ends confirmed`, async () => {
      const provider = await aHolder();
      await net.killNode(provider, 'SIGKILL');
      armed(provider, point);
      // Another owner's reshare to it (its restart attestation marks its owners) may reach
      // `share-stored` before it settles.
      const down = () => {
        const p = provider.process!;
        return p.exitCode !== null || p.signalCode !== null;
      };
      await waitFor(`${provider.name} settled or crashed`, async () =>
        down() ? true : settled(net.api, provider, 1_000).then(() => true),
      );
      if (!down()) {
        // For the release steps it must hold a share of the owner's confirmed epoch (it may
        // have been recovering when the owner reshared); a restart of the owner rotates its
        // KEK to all its providers.
        if (point !== 'provider.share-stored') {
          // The provider's restart marked the owner: give its reshare a chance first.
          await waitFor(
            'owner reshared to the restarted provider',
            async () => ((await holds(provider)) ? true : undefined),
            60_000,
          ).catch(() => undefined);
          while (!(await holds(provider))) await ownerRecovers();
        }
        // The owner's restart asks its holders for their shares (release steps), then
        // rotates its KEK to all its providers (share-stored).
        await net.killNode(owner, 'SIGKILL');
        net.startNode(owner);
      }
      await crashedAt(provider, point);
      await settled(net.api, owner);
      expect(await readSecret(owner, 'tss/keyshare')).toEqual(SECRET);
      // The provider comes back without its memory: its owners reshare, and the owner can
      // still recover from the new confirmed epoch.
      net.startNode(provider);
      await settled(net.api, provider);
      await waitFor('owner reshared after the provider restart', async () => {
        const a = (await net.api.query.backups.assignments(owner.account!)).unwrap();
        const p = (await net.api.query.attestation.attestations(provider.account!)).unwrap();
        return a.epoch.eq(a.confirmedEpoch) && a.confirmedAt.toNumber() >= p.attestedAt.toNumber()
          ? true
          : undefined;
      });
      await ownerRecovers();
    }, 300_000);
  }
});
