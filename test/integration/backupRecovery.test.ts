/**
 * Flows 2 and 3 over HTTP on loopback against Chopsticks: an owner backs its KEK up t-of-n
 * to its chain-assigned providers and confirms the epoch; after a fee-free restart
 * attestation it gets the KEK back from the confirmed holders. Providers refuse what I1
 * forbids, release nothing then, and record receipts on chain when they do release.
 */

import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRestartAttestation } from '../../src/chain/submitRestartAttestation.js';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../../src/crypto/hpke.js';
import { backUpKek } from '../../src/owner/backUpKek.js';
import { postJson, providerEndpoint } from '../../src/owner/providers.js';
import { recoverKek } from '../../src/owner/recoverKek.js';
import {
  canonicalAccount,
  recoveryKeysRoot,
  releaseRequestPayload,
  shareOfferPayload,
} from '../../src/protocol/messages.js';
import { startChain, type TestChain } from '../harness/chain.js';
import {
  type ProviderServer,
  reserveEndpoint,
  startProviderServer,
} from '../harness/providerServer.js';
import {
  bestBlock,
  devOperator,
  registerTestValidator,
  TestValidator,
} from '../harness/validator.js';

const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'] as const;

describe('back up and recover a KEK through chain-assigned providers', () => {
  let chain: TestChain;
  const nodes: { v: TestValidator; hpke: HpkeKeyPair; server: ProviderServer }[] = [];
  const kek = randomAsU8a(32);
  /** The restart's recovery keys, one per confirmed holder (3). */
  let recoveryKeys: HpkeKeyPair[];
  const publicKeys = (keys: HpkeKeyPair[]) => keys.map((k) => k.publicKey);
  const freshKeys = () => Promise.all([0, 1, 2].map(() => generateHpkeKeyPair()));

  const owner = () => nodes[0]!;
  const serverOf = (account: string) =>
    nodes.find((n) => chain.api.createType('AccountId32', account).eq(n.v.tss.publicKey))!;

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startChain({ preset: 'development', blockMode: 'Instant' });
    for (const name of NAMES) {
      const hpke = await generateHpkeKeyPair();
      const v = new TestValidator(devOperator(name), hpke.publicKey);
      const { port, endpoint } = await reserveEndpoint();
      await registerTestValidator(chain.api, v, endpoint);
      nodes.push({ v, hpke, server: startProviderServer(chain.api, port, v.tss, hpke.privateKey) });
    }
    const length = (await chain.api.query.registry.sessionLength()).toNumber();
    const now = (await bestBlock(chain.api)).number;
    await chain.newBlocks(length - (now % length));
  });

  afterAll(async () => {
    for (const n of nodes) await n.server.close();
    await chain?.close();
  });

  it('backs up t-of-n and confirms the epoch on chain', async () => {
    const { epoch, holders } = await backUpKek(chain.api, {
      owner: owner().v.tss,
      kek,
      storeVersion: 4n,
    });
    expect(holders).toHaveLength(3);
    const a = (await chain.api.query.backups.assignments(owner().v.tss.address)).unwrap();
    expect(a.confirmedEpoch.toNumber()).toBe(epoch);
    expect(a.confirmedStoreVersion.toBigInt()).toBe(4n);
    for (const h of holders)
      expect(serverOf(h).server.vault.epochs(canonicalAccount(owner().v.tss.address))).toEqual([
        epoch,
      ]);
  });

  it('refuses a release before the restart attestation, and releases nothing', async () => {
    recoveryKeys = await freshKeys();
    const holder = (await chain.api.query.backups.assignments(owner().v.tss.address))
      .unwrap()
      .confirmedProviders[0]!.toString();
    const target = (await providerEndpoint(chain.api, holder))!;
    const sig = owner().v.restart.sign(
      releaseRequestPayload(
        chain.api.genesisHash.toU8a(),
        owner().v.tss.address,
        1,
        recoveryKeysRoot(publicKeys(recoveryKeys)),
        holder,
      ),
    );
    await expect(
      postJson(`${target.endpoint}/v1/backup-provider/release`, {
        owner: owner().v.tss.address,
        incarnation: 1,
        recoveryKeys: recoveryKeys.map((k) => u8aToHex(k.publicKey)),
        signature: u8aToHex(sig),
      }),
    ).rejects.toThrow(/403 NO_ATTESTATION/);
    expect(serverOf(holder).server.metrics.value('custos_shares_released_total')).toBe(0);
  });

  it('recovers the KEK after a fee-free restart attestation, and holders record receipts', async () => {
    await chain.newBlocks(3);
    const block = await bestBlock(chain.api);
    await submitRestartAttestation(chain.api, {
      tssAccount: owner().v.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recoveryKeysRoot(publicKeys(recoveryKeys)),
      quote: owner().v.quote(
        chain.api,
        'restart',
        block,
        1,
        recoveryKeysRoot(publicKeys(recoveryKeys)),
      ),
      genesisHash: chain.api.genesisHash.toHex(),
      block,
      restartKey: owner().v.restart,
    });
    const recovered = await recoverKek(chain.api, {
      owner: owner().v.tss.address,
      incarnation: 1,
      recoveryKeys,
      restartKey: owner().v.restart,
    });
    expect(recovered).toEqual(kek);
    const holders = (await chain.api.query.backups.assignments(owner().v.tss.address)).unwrap()
      .confirmedProviders;
    for (const h of holders) await Promise.allSettled(serverOf(h.toString()).server.receipts);
    let receipts = 0;
    for (const h of holders) {
      if ((await chain.api.query.backups.releaseReceipts(owner().v.tss.address, 1, h)).isSome)
        receipts++;
    }
    expect(receipts).toBe(holders.length);
  });

  it('refuses another recovery key; a replayed request gets the same sealed answer and no second release', async () => {
    const holder = (await chain.api.query.backups.assignments(owner().v.tss.address))
      .unwrap()
      .confirmedProviders[0]!.toString();
    const target = (await providerEndpoint(chain.api, holder))!;
    const request = (keys: Uint8Array[]) => ({
      owner: owner().v.tss.address,
      incarnation: 1,
      recoveryKeys: keys.map((k) => u8aToHex(k)),
      signature: u8aToHex(
        owner().v.restart.sign(
          releaseRequestPayload(
            chain.api.genesisHash.toU8a(),
            owner().v.tss.address,
            1,
            recoveryKeysRoot(keys),
            holder,
          ),
        ),
      ),
    });
    const before = serverOf(holder).server.metrics.value('custos_shares_released_total');
    await expect(
      postJson(
        `${target.endpoint}/v1/backup-provider/release`,
        request([0, 1, 2].map(() => randomAsU8a(32))),
      ),
    ).rejects.toThrow(/403 WRONG_RECOVERY_KEY/);
    // Idempotent: a lost response, or a request the host sent first, costs the owner nothing.
    const first = await postJson(
      `${target.endpoint}/v1/backup-provider/release`,
      request(publicKeys(recoveryKeys)),
    );
    const again = await postJson(
      `${target.endpoint}/v1/backup-provider/release`,
      request(publicKeys(recoveryKeys)),
    );
    expect(again).toEqual(first);
    expect(serverOf(holder).server.metrics.value('custos_shares_released_total')).toBe(before);
  });

  it('refuses a bad signature, an unassigned share, a superseded and a stale attestation; no receipt', async () => {
    const api = chain.api;
    const ownerAccount = owner().v.tss.address;
    const holder = (await api.query.backups.assignments(ownerAccount))
      .unwrap()
      .confirmedProviders[0]!.toString();
    const target = (await providerEndpoint(api, holder))!;
    const metrics = serverOf(holder).server.metrics;
    const released = metrics.value('custos_shares_released_total');
    const release = (incarnation: number, keys: HpkeKeyPair[], signer = owner().v.restart) =>
      postJson(`${target.endpoint}/v1/backup-provider/release`, {
        owner: ownerAccount,
        incarnation,
        recoveryKeys: keys.map((k) => u8aToHex(k.publicKey)),
        signature: u8aToHex(
          signer.sign(
            releaseRequestPayload(
              api.genesisHash.toU8a(),
              ownerAccount,
              incarnation,
              recoveryKeysRoot(publicKeys(keys)),
              holder,
            ),
          ),
        ),
      });

    // Signed by the TSS key instead of the restart key.
    await expect(release(1, recoveryKeys, owner().v.tss)).rejects.toThrow(/401 BAD_SIGNATURE/);

    // A share for an epoch the chain does not assign to this provider.
    const a = (await api.query.backups.assignments(ownerAccount)).unwrap();
    const epoch = a.epoch.toNumber() + 7;
    const enc = randomAsU8a(32);
    const ciphertext = randomAsU8a(48);
    const offer = {
      owner: ownerAccount,
      epoch,
      enc: u8aToHex(enc),
      ciphertext: u8aToHex(ciphertext),
      signature: u8aToHex(
        owner().v.tss.sign(
          shareOfferPayload(api.genesisHash.toU8a(), ownerAccount, epoch, holder, enc, ciphertext),
        ),
      ),
    };
    await expect(postJson(`${target.endpoint}/v1/backup-provider/shares`, offer)).rejects.toThrow(
      /403 NOT_ASSIGNED/,
    );

    // A newer restart supersedes incarnation 1.
    await chain.newBlocks(3);
    const block = await bestBlock(api);
    const next = await freshKeys();
    await submitRestartAttestation(api, {
      tssAccount: ownerAccount,
      incarnation: 2,
      recoveryKeysRoot: recoveryKeysRoot(publicKeys(next)),
      quote: owner().v.quote(api, 'restart', block, 2, recoveryKeysRoot(publicKeys(next))),
      genesisHash: api.genesisHash.toHex(),
      block,
      restartKey: owner().v.restart,
    });
    await expect(release(1, recoveryKeys)).rejects.toThrow(/409 SUPERSEDED_INCARNATION/);

    // Incarnation 2 is confirmed, but once older than the release window it is stale.
    await chain.newBlocks(51);
    await expect(release(2, next)).rejects.toThrow(/403 STALE_ATTESTATION/);

    expect(metrics.value('custos_shares_released_total')).toBe(released);
    expect((await api.query.backups.releaseReceipts(ownerAccount, 2, holder)).isNone).toBe(true);
    for (const code of [
      'BAD_SIGNATURE',
      'NOT_ASSIGNED',
      'SUPERSEDED_INCARNATION',
      'STALE_ATTESTATION',
    ]) {
      expect(metrics.value('custos_requests_refused_total', { code })).toBeGreaterThan(0);
    }
  });
});
