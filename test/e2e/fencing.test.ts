/**
 * Invariants I4 and I5 on a devnet of companion processes:
 * - fencing: a second instance of an account (a copy of its data dir) attests; the first
 *   stops with exit code 3 before the chain builds another block, the second serves, and
 *   no provider releases a share to the old incarnation;
 * - rollback: an older copy of a store is refused at recovery (exit 5), naming both
 *   versions, and nothing is deleted; with `--accept-rollback <version>` it recovers and
 *   the chain records `backups.RollbackAccepted`.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexToU8a } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair } from '../../src/crypto/hpke.js';
import { NotEnoughProvidersError } from '../../src/errors/owner.js';
import { SealedStore } from '../../src/keystore/sealedStore.js';
import { recoverKek } from '../../src/owner/recoverKek.js';
import { pairFromSeed } from '../../src/service/identity.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import {
  copyOfNode,
  exited as exitOf,
  readSecret,
  secretApi,
  settled,
  startLog,
  waitFor,
} from '../harness/devnet.js';

const exited = async (node: DevNode) => (await exitOf(node)).code ?? -1;

describe('fencing and rollback', () => {
  let net: DevNetwork;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-fence-'));
    net = await startNetwork({ size: 5, workDir: work, blockMs: 500, pollMs: 200 });
    for (const node of net.nodes) {
      await waitFor(`${node.name} confirmed`, async () => {
        const s = await net.api.query.backups.assignments(node.account!);
        return s.isSome && s.unwrap().confirmedEpoch.toNumber() > 0 ? true : undefined;
      });
    }
  }, 300_000);

  afterAll(async () => {
    await net?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('a second instance of the same account fences the first', async () => {
    const first = net.nodes[1]!;
    // Start from incarnation 1, so that the superseded incarnation is one a provider could
    // otherwise have served.
    await net.killNode(first, 'SIGKILL');
    net.startNode(first);
    await settled(net.api, first);
    const copyDir = join(work, 'bob-copy');
    const second = await copyOfNode(first, copyDir);
    const before = (await net.api.query.attestation.attestations(first.account!))
      .unwrap()
      .incarnation.toNumber();
    // Blocks are built by hand from here: one at a time until the second instance's
    // attestation lands, then none, so "within one block" does not depend on timing.
    net.pauseBlocks(true);
    net.startNode(second);
    const attestedAt = await waitFor('second instance attested', async () => {
      const r = (await net.api.query.attestation.attestations(first.account!)).unwrap();
      if (r.incarnation.toNumber() > before) return r.attestedAt.toNumber();
      await net.chain.newBlocks(1);
      await new Promise((r) => setTimeout(r, 300));
      return undefined;
    });
    const code = await exited(first);
    expect(code).toBe(3);
    expect((await net.api.query.system.number()).toNumber()).toBe(attestedAt);
    net.pauseBlocks(false);
    const log = startLog(first);
    expect(log).toContain('a newer instance of this TSS account attested');
    const after = (await net.api.query.attestation.attestations(first.account!))
      .unwrap()
      .incarnation.toNumber();
    expect(after).toBe(before + 1);
    // The new instance serves the secrets.
    await waitFor('second instance ready', async () =>
      (await secretApi(second, '/nothing')).status === 404 ? true : undefined,
    );
    // No provider releases a share to the superseded incarnation, even with a request
    // signed by the account's restart key (which the copy holds too).
    const header = SealedStore.open(join(copyDir, 'store'));
    const restartKey = pairFromSeed(hexToU8a(header.header.restartSeed));
    await header.close();
    const refused = await recoverKek(net.api, {
      owner: first.account!,
      incarnation: before,
      recoveryKeys: await Promise.all(
        (await net.api.query.backups.assignments(first.account!))
          .unwrap()
          .confirmedProviders.map(() => generateHpkeKeyPair()),
      ),
      restartKey,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotEnoughProvidersError);
    const failures = (refused as NotEnoughProvidersError).failures;
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const f of failures)
      expect(f.reason, JSON.stringify(failures)).toMatch(/SUPERSEDED_INCARNATION/);
    await net.killNode(second, 'SIGTERM');
  }, 300_000);

  it('an older copy of the store is refused at recovery, naming both versions', async () => {
    const node = net.nodes[2]!;
    const put = (name: string) =>
      secretApi(node, `/app/${name}`, {
        method: 'PUT',
        body: JSON.stringify({ value: Buffer.from(name).toString('base64') }),
      });
    expect((await put('one')).status).toBe(200);
    const storeDir = join(node.dataDir, 'store');
    const oldCopy = join(work, 'charlie-store-old');
    cpSync(storeDir, oldCopy, { recursive: true });
    expect((await put('two')).status).toBe(200);
    const checkpoint = await secretApi(node, '/checkpoint', { method: 'POST', body: '{}' });
    expect(checkpoint.status).toBe(200);
    const anchored = ((await checkpoint.json()) as { storeVersion: number }).storeVersion;

    await net.killNode(node, 'SIGKILL');
    rmSync(storeDir, { recursive: true, force: true });
    cpSync(oldCopy, storeDir, { recursive: true });
    net.startNode(node);
    const code = await exited(node);
    expect(code).toBe(5);
    const log = startLog(node);
    expect(log).toMatch(new RegExp(`local version ${anchored - 1} < anchored version ${anchored}`));
    expect(log).toContain('STORE_ROLLED_BACK');
    expect(log).toContain(`--accept-rollback ${anchored - 1}`);
    expect(existsSync(join(storeDir, 'store.mdb'))).toBe(true);
    expect(
      (await net.api.query.backups.assignments(node.account!))
        .unwrap()
        .confirmedStoreVersion.toNumber(),
    ).toBe(anchored);

    // An override naming another version changes nothing.
    net.startNode(node, { args: ['--accept-rollback', String(anchored - 2)] });
    expect(await exited(node)).toBe(1);
    expect(startLog(node)).toContain('ROLLBACK_OVERRIDE_MISMATCH');

    // The explicit override: recovered, recorded on chain.
    net.startNode(node, { args: ['--accept-rollback', String(anchored - 1)] });
    await settled(net.api, node);
    expect(await readSecret(node, 'app/one')).toEqual(Buffer.from('one'));
    expect(await readSecret(node, 'app/two')).toBeUndefined();
    const record = (await net.api.query.attestation.attestations(node.account!)).unwrap();
    const events = await waitFor('RollbackAccepted on chain', async () => {
      for (let n = record.attestedAt.toNumber(); ; n++) {
        const hash = await net.api.rpc.chain.getBlockHash(n);
        if (hash.isEmpty) return undefined;
        const found = (await (await net.api.at(hash)).query.system.events()).find(({ event }) =>
          net.api.events.backups.RollbackAccepted.is(event),
        );
        if (found && net.api.events.backups.RollbackAccepted.is(found.event))
          return found.event.data;
      }
    });
    expect(events.owner.eq(net.api.createType('AccountId32', node.account))).toBe(true);
    expect(events.anchoredVersion.toNumber()).toBe(anchored);
    expect(events.acceptedVersion.toNumber()).toBe(anchored - 1);
    expect(events.incarnation.toNumber()).toBe(record.incarnation.toNumber());
  }, 300_000);
});
