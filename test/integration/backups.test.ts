/**
 * The backups pallet end to end on Chopsticks with the committed runtime: assignment,
 * reassignment after a departure, confirmations, release receipts.
 */
import { WsProvider } from '@polkadot/api';
import type { Option } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorCheckpoint } from '../../src/chain/anchorCheckpoint.js';
import { type Acknowledgement, signPayload } from '../../src/chain/backupPayloads.js';
import { confirmEpoch } from '../../src/chain/confirmEpoch.js';
import { TransactionRejectedError } from '../../src/chain/errors.js';
import { recordRelease } from '../../src/chain/recordRelease.js';
import { reportBadShare } from '../../src/chain/reportBadShare.js';
import { StoreVersionAnchor } from '../../src/chain/storeVersionAnchor.js';
import { submitRestartAttestation } from '../../src/chain/submitRestartAttestation.js';
import { generateHpkeKeyPair } from '../../src/crypto/hpke.js';
import { BLINDING_BYTES, recoveryKeysRoot, shareCommitment } from '../../src/protocol/messages.js';
import { apiChainView } from '../../src/provider/chainView.js';
import { RawStorage } from '../../src/provider/rawStorage.js';
import { apiFinalizedSource } from '../../src/provider/watchedChainView.js';
import { startChain, type TestChain } from '../harness/chain.js';
import {
  bestBlock,
  currentAck,
  devOperator,
  registerTestValidator,
  signedAck,
  signedRelease,
  TestValidator,
} from '../harness/validator.js';

const OPERATORS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'] as const;

describe('backups on a real chain', () => {
  let chain: TestChain;
  let validators: TestValidator[];

  const byAccount = (account: string) => {
    const v = validators.find(
      (x) =>
        x.tss.address === account ||
        chain.api.createType('AccountId32', account).eq(x.tss.publicKey),
    );
    if (!v) throw new Error(`no test validator ${account}`);
    return v;
  };

  const assignment = async (v: TestValidator) =>
    (await chain.api.query.backups.assignments(v.tss.address)).unwrap();

  /** Builds blocks up to the next session boundary (a multiple of the session length). */
  const nextSession = async () => {
    const length = (await chain.api.query.registry.sessionLength()).toNumber();
    const now = (await bestBlock(chain.api)).number;
    await chain.newBlocks(length - (now % length));
  };

  const acksFor = (owner: TestValidator, epoch: number, providers: string[]): Acknowledgement[] =>
    providers.map((p) => signedAck(chain.api, owner, byAccount(p), epoch));

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startChain({ preset: 'development', blockMode: 'Instant' });
    validators = OPERATORS.map((name) => new TestValidator(devOperator(name)));
    for (const v of validators) await registerTestValidator(chain.api, v);
    await nextSession();
  });

  afterAll(async () => {
    await chain?.close();
  });

  it('gives every registered owner n = 3 providers from the active set', async () => {
    for (const v of validators) {
      const a = await assignment(v);
      const providers = a.providers.map((p) => p.toString());
      expect(providers).toHaveLength(3);
      expect(a.threshold.toNumber()).toBe(2);
      expect(a.underProvisioned.isTrue).toBe(false);
      expect(a.providers.some((p) => p.eq(v.tss.publicKey))).toBe(false);
    }
  });

  it('a newcomer is assigned n providers at registration', async () => {
    const late = new TestValidator(devOperator('Ferdie'));
    validators.push(late);
    await registerTestValidator(chain.api, late);
    const a = await assignment(late);
    expect(a.epoch.toNumber()).toBe(1);
    expect(a.providers).toHaveLength(3);
  });

  it('refuses a confirmation with a forged or missing acknowledgement', async () => {
    const owner = validators[0]!;
    const a = await assignment(owner);
    const epoch = a.epoch.toNumber();
    const providers = a.providers.map((p) => p.toString());

    const forged = acksFor(owner, epoch, providers);
    forged[0] = { ...forged[0]!, signature: signPayload(owner.tss, new Uint8Array([1, 2, 3])) };
    const attempt = confirmEpoch(chain.api, {
      owner: owner.tss,
      epoch,
      storeVersion: 1n,
      acks: forged,
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionRejectedError);
    await expect(attempt).rejects.toMatchObject({ palletError: 'backups.BadAcknowledgement' });

    // Made by an incarnation the provider is not at (it would have lost that share).
    const stale = acksFor(owner, epoch, providers);
    stale[1] = signedAck(chain.api, owner, byAccount(providers[1]!), epoch, 1);
    await expect(
      confirmEpoch(chain.api, { owner: owner.tss, epoch, storeVersion: 1n, acks: stale }),
    ).rejects.toMatchObject({ palletError: 'backups.StaleAcknowledgement' });

    const missing = acksFor(owner, epoch, providers.slice(0, 1));
    await expect(
      confirmEpoch(chain.api, { owner: owner.tss, epoch, storeVersion: 1n, acks: missing }),
    ).rejects.toMatchObject({ palletError: 'backups.NotEnoughAcknowledgements' });
    expect((await assignment(owner)).confirmedEpoch.toNumber()).toBe(0);
  });

  it('confirms every owner with its providers acknowledgements, from accounts without funds', async () => {
    for (const owner of validators) {
      const a = await assignment(owner);
      const epoch = a.epoch.toNumber();
      const providers = a.providers.map((p) => p.toString());
      const acks = acksFor(owner, epoch, providers);
      const result = await confirmEpoch(chain.api, {
        owner: owner.tss,
        epoch,
        storeVersion: 1n,
        acks,
      });
      expect(result.holders).toHaveLength(3);
      // The chain keeps each holder's commitment, in holder order.
      const stored = await chain.api.query.backups.confirmedCommitments(owner.tss.address);
      expect(stored.map((c) => c.toHex())).toEqual(
        result.holders.map((h) =>
          u8aToHex(acks.find((a) => byAccount(a.provider) === byAccount(h))!.shareCommitment),
        ),
      );
      const after = await assignment(owner);
      expect(after.confirmedEpoch.toNumber()).toBe(epoch);
      expect(after.confirmedStoreVersion.toBigInt()).toBe(1n);
      expect((await chain.api.query.system.account(owner.tss.address)).data.free.toBigInt()).toBe(
        0n,
      );
    }
  });

  it('anchors a checkpoint without funds; versions never go down', async () => {
    const owner = validators[2]!;
    await anchorCheckpoint(chain.api, { owner: owner.tss, storeVersion: 5n });
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(5n);
    await chain.newBlocks(2);
    await expect(
      anchorCheckpoint(chain.api, { owner: owner.tss, storeVersion: 4n }),
    ).rejects.toMatchObject({
      palletError: 'backups.StoreVersionNotIncreased',
    });
  });

  it('the secret API anchor: a held version is not sent again, a rate-limited one waits, a lost race is no error', async () => {
    const owner = validators[2]!;
    const anchor = new StoreVersionAnchor(chain.api, owner.tss);
    // Version 5 is anchored (previous test): this and older versions are held, nothing is sent.
    const before = (await bestBlock(chain.api)).number;
    for (const version of [5n, 3n]) {
      const held = await anchor.anchor(version);
      expect(held.submitted).toBe(false);
      expect(held.blockNumber).toBe(before);
    }
    expect((await bestBlock(chain.api)).number).toBe(before);

    // Two newer versions at once: the first lands, the second is refused for the rate limit
    // and is sent again once the interval's blocks exist (built here by the test).
    await chain.newBlocks(2);
    const six = anchor.anchor(6n);
    const seven = anchor.anchor(7n);
    const sixth = await six;
    expect(sixth.submitted).toBe(true);
    let built = false;
    const seventh = seven.then((r) => ({ ...r, built }));
    // The second is still waiting: nothing anchored it yet.
    await new Promise((r) => setTimeout(r, 500));
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(6n);
    built = true;
    await chain.newBlocks(2);
    const result = await seventh;
    expect(result).toMatchObject({ submitted: true, built: true });
    expect(result.blockNumber).toBeGreaterThanOrEqual(sixth.blockNumber + 2);
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(7n);

    // A race lost to another anchor of the same version (a confirmation of the backup loop in
    // the companion) counts as anchored: both resolve, the version is 8.
    await chain.newBlocks(2);
    const [raw, raced] = await Promise.allSettled([
      anchorCheckpoint(chain.api, { owner: owner.tss, storeVersion: 8n }),
      new StoreVersionAnchor(chain.api, owner.tss, { rateLimitWaitMs: 1_000 }).anchor(8n),
    ]);
    expect(raw.status === 'fulfilled' || raced.status === 'fulfilled').toBe(true);
    expect(raced.status).toBe('fulfilled');
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(8n);

    // A chain ahead of this instance's own store (another instance, or a rollback, anchored
    // it) is refused, not taken as this store's anchor.
    const behind = new StoreVersionAnchor(chain.api, owner.tss, { localVersion: () => 7n });
    await expect(behind.anchor(7n)).rejects.toMatchObject({ code: 'STORE_VERSION_AHEAD' });
    // Closed (the companion stops or is fenced): nothing more is sent.
    const closed = new StoreVersionAnchor(chain.api, owner.tss, { localVersion: () => 9n });
    closed.close();
    const head = (await bestBlock(chain.api)).number;
    await expect(closed.anchor(9n)).rejects.toMatchObject({ code: 'ANCHOR_CLOSED' });
    expect((await bestBlock(chain.api)).number).toBe(head);
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(8n);

    // Any other refusal is the caller's: a bad owner is not retried.
    const stranger = new StoreVersionAnchor(chain.api, devOperator('Ferdie'));
    await expect(stranger.anchor(1n)).rejects.toMatchObject({
      palletError: 'backups.UnknownOwner',
    });
  });

  it('a validator leaving reassigns exactly the owners it served', async () => {
    const leaver = validators[1]!;
    const served: string[] = [];
    for (const v of validators) {
      if (v === leaver) continue;
      if ((await assignment(v)).providers.some((p) => p.eq(leaver.tss.publicKey)))
        served.push(v.tss.address);
    }
    expect(served.length).toBeGreaterThan(0);
    await chain.api.tx.registry.chill().signAndSend(leaver.operator);
    const before = (await bestBlock(chain.api)).number;
    await nextSession();
    const after = (await bestBlock(chain.api)).number;

    const reassigned: string[] = [];
    for (let n = before + 1; n <= after; n++) {
      const hash = await chain.api.rpc.chain.getBlockHash(n);
      for (const { event } of await chain.api.query.system.events.at(hash)) {
        if (chain.api.events.backups.Reassigned.is(event)) {
          expect(event.data.removed.map((r) => r.toString())).toEqual([
            chain.api.createType('AccountId32', leaver.tss.address).toString(),
          ]);
          reassigned.push(byAccount(event.data.owner.toString()).tss.address);
        }
      }
    }
    expect(reassigned.sort()).toEqual(served.sort());
    for (const address of served) {
      const a = await assignment(byAccount(address));
      expect(a.providers.some((p) => p.eq(leaver.tss.publicKey))).toBe(false);
      // Two-phase: the confirmed holders still include the leaver until reconfirmation.
      expect(a.confirmedProviders.some((p) => p.eq(leaver.tss.publicKey))).toBe(true);
    }
  });

  it('records a release receipt once and refuses a duplicate', async () => {
    const owner = validators[0]!;
    await chain.newBlocks(3);
    const block = await bestBlock(chain.api);
    const recovery = randomAsU8a(32);
    await submitRestartAttestation(chain.api, {
      tssAccount: owner.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recovery,
      quote: owner.quote(chain.api, 'restart', block, 1, recovery),
      genesisHash: chain.api.genesisHash.toHex(),
      block,
      restartKey: owner.restart,
    });
    const holder = byAccount((await assignment(owner)).confirmedProviders[0]!.toString());
    await recordRelease(chain.api, {
      provider: holder.tss,
      owner: owner.tss.address,
      incarnation: 1,
    });
    const receipt = await chain.api.query.backups.releaseReceipts(
      owner.tss.address,
      1,
      holder.tss.address,
    );
    expect(receipt.isSome).toBe(true);
    await expect(
      recordRelease(chain.api, { provider: holder.tss, owner: owner.tss.address, incarnation: 1 }),
    ).rejects.toMatchObject({ palletError: 'backups.DuplicateReceipt' });
  });
  it('report_bad_share: a signed bad release is proven once; false, forged and replayed reports are refused', async () => {
    const api = chain.api;
    const genesis = api.genesisHash.toU8a();
    // An owner whose epoch is pending (the leaver's reassignment): confirm it with
    // commitments to shares this test knows, as a companion owner would.
    const pending: TestValidator[] = [];
    for (const v of validators.slice(1)) {
      const a = await assignment(v);
      if (a.epoch.toNumber() > a.confirmedEpoch.toNumber()) pending.push(v);
    }
    expect(pending.length).toBeGreaterThan(0);
    const o = pending[0]!;
    const a = await assignment(o);
    const epoch = a.epoch.toNumber();
    const providers = a.providers.map((p) => p.toString());
    const held = providers.map(() =>
      u8aConcat(randomAsU8a(32), Uint8Array.of(7), randomAsU8a(BLINDING_BYTES)),
    );
    const commitments = providers.map((p, i) =>
      shareCommitment(genesis, o.tss.address, epoch, p, held[i]!),
    );
    await confirmEpoch(api, {
      owner: o.tss,
      epoch,
      storeVersion: 1000n,
      acks: await Promise.all(
        providers.map((p, i) => currentAck(api, o, byAccount(p), epoch, commitments[i]!)),
      ),
    });
    // The owner restarts with one recovery key per holder.
    const keys = await Promise.all(providers.map(() => generateHpkeKeyPair()));
    const publicKeys = keys.map((k) => k.publicKey);
    const root = recoveryKeysRoot(publicKeys);
    const incarnation =
      (await api.query.attestation.attestations(o.tss.address)).unwrap().incarnation.toNumber() + 1;
    await chain.newBlocks(3);
    const block = await bestBlock(api);
    await submitRestartAttestation(api, {
      tssAccount: o.tss.address,
      incarnation,
      recoveryKeysRoot: root,
      quote: o.quote(api, 'restart', block, incarnation, root),
      genesisHash: api.genesisHash.toHex(),
      block,
      restartKey: o.restart,
    });
    const release = (i: number, content: Uint8Array, by = byAccount(providers[i]!)) =>
      signedRelease(api, {
        provider: by,
        owner: o.tss.address,
        incarnation,
        epoch,
        recipientKey: publicKeys[i]!,
        commitment: commitments[i]!,
        held: content,
      });
    const report = (
      i: number,
      r: { enc: Uint8Array; ciphertext: Uint8Array; signature: Uint8Array },
    ) => ({
      owner: o.tss.address,
      provider: providers[i]!,
      incarnation,
      epoch,
      recoveryKeys: publicKeys,
      revealedKey: keys[i]!.privateKey,
      ...r,
    });
    const refused = (r: ReturnType<typeof report>) =>
      reportBadShare(api, r).then(
        () => 'accepted',
        (e: unknown) => (e as { palletError?: string }).palletError ?? String(e),
      );

    // An honest release: the owner cannot frame its holder.
    const honest = await release(0, held[0]!);
    expect(await refused(report(0, honest))).toBe('backups.ShareMatchesCommitment');

    // Holder 1 signs garbage: proven, recorded, with the bytes it released.
    const garbage = randomAsU8a(65);
    const lie = await release(1, garbage);
    const proven = await reportBadShare(api, report(1, lie));
    expect(proven.kind).toBe('CommitmentMismatch');
    const events = await (await api.at(proven.blockHash)).query.system.events();
    const event = events.find(({ event }) => api.events.backups.BadShareProven.is(event))!;
    expect(u8aToHex(event.event.data[6]!.toU8a(true))).toBe(u8aToHex(garbage));
    expect(
      (await api.query.backups.badShareReports(o.tss.address, incarnation, providers[1]!)).isSome,
    ).toBe(true);

    // Reported again (another lie of the same holder to the same incarnation): refused,
    // the first record stays.
    const recorded = (
      await api.query.backups.badShareReports(o.tss.address, incarnation, providers[1]!)
    ).toHex();
    const again = await release(1, randomAsU8a(65));
    expect(await refused(report(1, again))).toBe('backups.BadShareAlreadyReported');
    expect(
      (await api.query.backups.badShareReports(o.tss.address, incarnation, providers[1]!)).toHex(),
    ).toBe(recorded);
    // Holder 2 lies too, but the owner reveals another holder's key, forges the holder's
    // signature, or changes the key list: each refused, nothing recorded.
    const second = await release(2, randomAsU8a(40));
    expect(await refused({ ...report(2, second), revealedKey: keys[0]!.privateKey })).toBe(
      'backups.RevealedKeyMismatch',
    );
    const forged = await release(2, randomAsU8a(65), o);
    expect(await refused(report(2, forged))).toBe('backups.BadReleaseSignature');
    const otherKeys = [...publicKeys];
    otherKeys[0] = randomAsU8a(32);
    expect(await refused({ ...report(2, second), recoveryKeys: otherKeys })).toBe(
      'backups.RecoveryKeysMismatch',
    );
    expect(await refused({ ...report(2, second), incarnation: incarnation - 1 })).toBe(
      'backups.ReportIncarnationNotCurrent',
    );
    expect(await refused({ ...report(2, second), epoch: epoch + 1 })).toBe(
      'backups.ReportEpochNotConfirmed',
    );
    const outsider = validators.find(
      (v) => v !== o && !a.providers.some((p) => p.eq(v.tss.publicKey)),
    )!;
    expect(await refused({ ...report(2, second), provider: outsider.tss.address })).toBe(
      'backups.ReportedProviderNotHolder',
    );
    expect(
      (await api.query.backups.badShareReports(o.tss.address, incarnation, providers[2]!)).isNone,
    ).toBe(true);
    // The real report of holder 2 (a wrong length) still goes through.
    expect((await reportBadShare(api, report(2, second))).kind).toBe('WrongLength');
  });

  it("a provider's finalized source assumes a runtime only when the block's own state names it", async () => {
    const { api } = chain;
    const provider = (await assignment(validators[0]!)).providers[0]!.toHex();
    const stats = { sameRuntime: 0, runtimeLookedUp: 0 };
    const source = apiFinalizedSource(api, provider, stats);
    const head = async () => {
      await chain.newBlocks(1);
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
      return { hash: header.hash.toHex(), number: header.number.toNumber() };
    };
    /** What the source read, in a comparable form. */
    const read = async () => {
      const snapshot = await source.read(await head(), []);
      return [...snapshot.accounts].map(([account, s]) => ({
        account,
        epoch: s.assignment?.confirmedEpoch,
        holders: s.assignment?.confirmedProviders,
        incarnation: s.attestation?.incarnation,
        restartKey: s.restartKey && u8aToHex(s.restartKey),
      }));
    };
    const first = await read();
    expect(stats).toEqual({ sameRuntime: 0, runtimeLookedUp: 1 });
    // Every owner the chain assigns to this provider, with its chain state.
    const assigned = (await api.query.backups.providerOwners.keys(provider)).map((k) =>
      k.args[1].toHex(),
    );
    expect(first.map((r) => r.account).sort()).toEqual(assigned.sort());
    for (const row of first) {
      const state = (await api.query.backups.assignments(row.account)).unwrap();
      expect(row.epoch).toBe(state.confirmedEpoch.toNumber());
    }
    // What the source decodes from raw bytes is what polkadot.js's own queries decode, field
    // by field, for the assigned owners (all records present) and for an account with
    // nothing stored (absent options, the default of a value entry).
    const stranger = u8aToHex(randomAsU8a(32));
    const latest = await head();
    const snapshot = await source.read(latest, [stranger]);
    const reference = await apiChainView(api).finalized();
    expect(reference.block).toBe(latest.number);
    expect([...snapshot.accounts.keys()].sort()).toEqual([...assigned, stranger].sort());
    for (const [account, state] of snapshot.accounts) {
      expect(state.assignment).toEqual(await reference.assignment(account));
      expect(state.attestation).toEqual(await reference.attestation(account));
      expect(state.restartKey).toEqual(await reference.restartKey(account));
    }
    expect(snapshot.accounts.get(stranger)).toEqual({ restartKey: undefined });
    const owners = [...snapshot.accounts.values()];
    expect(owners.some((o) => o.assignment && o.attestation && o.restartKey)).toBe(true);
    // Bytes left over after a value are refused, as polkadot.js refuses them.
    const raw = new RawStorage(api, await api.at(latest.hash));
    const entry = raw.decoration.query.backups.assignments;
    const [stored] = await raw.fetch(latest.hash, [[entry, assigned[0]]]);
    expect(raw.decode<Option<Codec>>(entry, stored!).isSome).toBe(true);
    expect(() => raw.decode(entry, `${stored}00`)).toThrow();
    expect(stats).toEqual({ sameRuntime: 1, runtimeLookedUp: 1 });
    stats.sameRuntime = 0;
    // The next head names the same runtime: no lookup, the same state.
    expect(await read()).toEqual(first);
    expect(stats).toEqual({ sameRuntime: 1, runtimeLookedUp: 1 });
    // A block whose own state names another runtime (as the first block after an upgrade
    // does) is read after asking the node, and so is every later one until a block names
    // the runtime the node reports again.
    const setUpgrade = async (specVersion: number) => {
      const ws = new WsProvider(chain.endpoint);
      try {
        await ws.isReady;
        const info = api.createType('FrameSystemLastRuntimeUpgradeInfo', {
          specVersion,
          specName: api.runtimeVersion.specName,
        });
        await ws.send('dev_setStorage', [
          [[api.query.system.lastRuntimeUpgrade.key(), info.toHex()]],
        ]);
      } finally {
        await ws.disconnect();
      }
    };
    const real = api.runtimeVersion.specVersion.toNumber();
    await setUpgrade(real + 1);
    expect(await read()).toEqual(first);
    expect(await read()).toEqual(first);
    expect(stats).toEqual({ sameRuntime: 1, runtimeLookedUp: 3 });
    await setUpgrade(real);
    expect(await read()).toEqual(first);
    expect(stats).toEqual({ sameRuntime: 2, runtimeLookedUp: 3 });
  });
});
