/**
 * The indexer against real parts: Chopsticks hosting the committed runtime, embedded
 * PostgreSQL, the SubQuery node and query service. Drives registrations, confirmations,
 * a departure, restarts with releases, governance calls; asserts over GraphQL: validators,
 * assignment history, confirmations, receipts, a rollback acceptance, each misbehaviour
 * kind, completeness
 * against the chain's own events, and a SIGKILLed node that resumes without duplicates or
 * gaps. Deadlines are counted in blocks this test builds, never in time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuditWindows } from '../../indexer/src/helpers/rules.js';
import { acceptRollback } from '../../src/chain/acceptRollback.js';
import type { Acknowledgement } from '../../src/chain/backupPayloads.js';
import { confirmEpoch } from '../../src/chain/confirmEpoch.js';
import {
  depositEscrow,
  type EscrowDeposit,
  releaseEscrowShare,
  requestColdRecovery,
  SEALED_ESCROW_SHARE_BYTES,
} from '../../src/chain/escrow.js';
import { recordRelease } from '../../src/chain/recordRelease.js';
import { reportBadShare } from '../../src/chain/reportBadShare.js';
import { submitAndWatch } from '../../src/chain/submit.js';
import { submitRestartAttestation } from '../../src/chain/submitRestartAttestation.js';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../../src/crypto/hpke.js';
import { escrowKeyEntry } from '../../src/escrow/shares.js';
import { recoveryKeysRoot } from '../../src/protocol/messages.js';
import { devImage, measurementOf } from '../../src/quote/mockQuote.js';
import { writeRunProject } from '../../tools/indexer/project.js';
import { type RunningIndexer, startIndexer } from '../../tools/indexer/start.js';
import { startChain, type TestChain } from '../harness/chain.js';
import {
  bestBlock,
  currentAck,
  devOperator,
  registerTestValidator,
  signedRelease,
  TestValidator,
} from '../harness/validator.js';

const OPERATORS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'] as const;
const WINDOWS = { releaseWindow: 5, confirmWindow: 30, duplicateWindow: 20 };
const PALLETS = ['registry', 'attestation', 'backups'];

interface Row {
  id: string;
}
interface MisbehaviourRow extends Row {
  kind: string;
  subject: string;
  owner: string | null;
  evidenceBlocks: number[];
  evidenceEvents: string[];
  firstSeen: number;
  lastSeen: number;
  resolved: boolean;
}

describe('indexer over a real chain', () => {
  let chain: TestChain;
  let indexer: RunningIndexer;
  let workDir: string;
  let validators: TestValidator[];
  let sudo: KeyringPair;
  const ss58 = (account: string | Uint8Array) =>
    chain.api.createType('AccountId32', account).toString();
  const byAccount = (account: string) => {
    const v = validators.find((x) => ss58(x.tss.publicKey) === ss58(account));
    if (!v) throw new Error(`no test validator ${account}`);
    return v;
  };
  const assignment = async (v: TestValidator) =>
    (await chain.api.query.backups.assignments(v.tss.address)).unwrap();
  const head = async () => (await bestBlock(chain.api)).number;
  const nextSession = async () => {
    const length = (await chain.api.query.registry.sessionLength()).toNumber();
    const now = await head();
    await chain.newBlocks(length - (now % length));
  };
  const caughtUp = async () => indexer.waitForHeight(await head());

  const acksFor = (
    owner: TestValidator,
    epoch: number,
    providers: string[],
  ): Promise<Acknowledgement[]> =>
    Promise.all(providers.map((p) => currentAck(chain.api, owner, byAccount(p), epoch)));

  /** Confirms the current epoch of every owner that has one pending, except `skip`. */
  const confirmAll = async (skip: TestValidator[] = []) => {
    for (const owner of validators) {
      if (skip.includes(owner)) continue;
      const a = await assignment(owner);
      if (a.confirmedEpoch.toNumber() >= a.epoch.toNumber()) continue;
      const providers = a.providers.map((p) => p.toString());
      await confirmEpoch(chain.api, {
        owner: owner.tss,
        epoch: a.epoch.toNumber(),
        storeVersion: a.confirmedStoreVersion.toBigInt() + 1n,
        acks: await acksFor(owner, a.epoch.toNumber(), providers),
      });
    }
  };

  /** Each owner's recovery keys of its latest restart, one per confirmed holder. */
  const recoveryKeysOf = new Map<TestValidator, HpkeKeyPair[]>();
  const restart = async (owner: TestValidator, incarnation: number) => {
    const block = await bestBlock(chain.api);
    const keys = await Promise.all(
      (await assignment(owner)).confirmedProviders.map(() => generateHpkeKeyPair()),
    );
    recoveryKeysOf.set(owner, keys);
    const root = recoveryKeysRoot(keys.map((k) => k.publicKey));
    return await submitRestartAttestation(chain.api, {
      tssAccount: owner.tss.address,
      incarnation,
      recoveryKeysRoot: root,
      quote: owner.quote(chain.api, 'restart', block, incarnation, root),
      genesisHash: chain.api.genesisHash.toHex(),
      block,
      restartKey: owner.restart,
    });
  };

  const release = (provider: TestValidator, owner: TestValidator, incarnation: number) =>
    recordRelease(chain.api, { provider: provider.tss, owner: owner.tss.address, incarnation });

  const asSudo = (call: Parameters<typeof chain.api.tx.sudo.sudo>[0]) =>
    submitAndWatch(chain.api, chain.api.tx.sudo.sudo(call), 'Sudo', sudo);

  const misbehaviours = async (kind: string) =>
    (
      await indexer.query<{ misbehaviours: { nodes: MisbehaviourRow[] } }>(
        `query ($kind: MisbehaviourKind!) { misbehaviours(filter: { kind: { equalTo: $kind } }, orderBy: ID_ASC) {
          nodes { id kind subject owner evidenceBlocks evidenceEvents firstSeen lastSeen resolved } } }`,
        { kind },
      )
    ).misbehaviours.nodes;

  /** Every row id of a collection, page by page (the service returns ≤ 100 per query). */
  const allIds = async (collection: string) => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const data = await indexer.query<Record<string, { nodes: Row[] }>>(
        `{ ${collection}(first: 100, offset: ${offset}, orderBy: ID_ASC) { nodes { id } } }`,
      );
      const nodes = data[collection]!.nodes;
      ids.push(...nodes.map((n) => n.id));
      if (nodes.length < 100) return ids;
    }
  };

  /** Every event of our pallets on chain, as `<block>-<eventIdx>` → `pallet.method`. */
  const chainEvents = async () => {
    const out = new Map<string, string>();
    const last = await head();
    for (let n = 1; n <= last; n++) {
      const hash = await chain.api.rpc.chain.getBlockHash(n);
      const records = await chain.api.query.system.events.at(hash);
      records.forEach(({ event }, idx) => {
        if (PALLETS.includes(event.section))
          out.set(`${n}-${idx}`, `${event.section}.${event.method}`);
      });
    }
    return out;
  };

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startChain({ preset: 'development', blockMode: 'Instant' });
    const sudoKey = (await chain.api.query.sudo.key()).unwrap().toString();
    sudo = OPERATORS.map(devOperator).find((k) => ss58(k.publicKey) === ss58(sudoKey))!;
    validators = OPERATORS.map((name) => new TestValidator(devOperator(name)));
    for (const v of validators)
      await registerTestValidator(
        chain.api,
        v,
        `http://127.0.0.1:1/${v.operator.address.slice(0, 6)}`,
      );
    workDir = await mkdtemp(join(tmpdir(), 'custos-indexer-'));
    indexer = await startIndexer({ endpoint: chain.endpoint, workDir, windows: WINDOWS });
    await nextSession();
    await confirmAll();
  });

  afterAll(async () => {
    await indexer?.stop();
    await chain?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("runs the SubQuery node with the runner's speed-ups in place", async () => {
    await caughtUp();
    // tools/indexer/preload.cjs patches SubQuery and polkadot.js when they load: should an
    // upgrade of either move or rename what it patches, this says so.
    const log = await readFile(join(workDir, 'subql-node.log'), 'utf8');
    expect(log).toContain('patched: metadata expanded once per runtime');
    expect(log).toContain('patched: block API decorated at first use');
    expect(log).toContain('patched: mapping run in the host, handlers called directly');
  });

  it('writes a project whose bundle Node loads as CommonJS under an ES-module package', async () => {
    // `.devnet/` and `.indexer/` sit inside the repository, whose package.json says
    // "module"; the host mapping loads the bundle with Node's own `require`.
    const outer = await mkdtemp(join(tmpdir(), 'custos-esm-parent-'));
    try {
      await writeFile(join(outer, 'package.json'), JSON.stringify({ type: 'module' }));
      await writeRunProject(join(outer, 'project'), '0x00', resolveAuditWindows({}));
      const handlers = createRequire(import.meta.url)(join(outer, 'project/dist/index.js'));
      expect(typeof handlers.handleBlockDeadlines).toBe('function');
      expect(typeof handlers.handleAttestationAttested).toBe('function');
    } finally {
      await rm(outer, { recursive: true, force: true });
    }
  });

  it('indexes validators with their ServerInfo history', async () => {
    await caughtUp();
    const data = await indexer.query<{
      validators: {
        nodes: {
          id: string;
          tssAccount: string;
          status: string;
          active: boolean;
          endpoint: string;
          bond: string;
        }[];
      };
      serverInfoRecords: { totalCount: number };
    }>(
      '{ validators(orderBy: ID_ASC) { nodes { id tssAccount status active endpoint bond } } serverInfoRecords { totalCount } }',
    );
    expect(data.serverInfoRecords.totalCount).toBe(OPERATORS.length);
    expect(data.validators.nodes).toHaveLength(OPERATORS.length);
    for (const v of validators) {
      const row = data.validators.nodes.find((n) => n.id === ss58(v.operator.publicKey))!;
      expect(row).toMatchObject({
        tssAccount: ss58(v.tss.publicKey),
        status: 'VALIDATING',
        active: true,
      });
      expect(row.endpoint).toBe(`http://127.0.0.1:1/${v.operator.address.slice(0, 6)}`);
      expect(BigInt(row.bond)).toBeGreaterThan(0n);
    }
  });

  it('records the departure of a validator and the reassignment of the owners it served', async () => {
    const leaver = validators[4]!;
    const served: string[] = [];
    for (const v of validators)
      if ((await assignment(v)).providers.some((p) => p.eq(leaver.tss.publicKey)))
        served.push(ss58(v.tss.publicKey));
    await submitAndWatch(chain.api, chain.api.tx.registry.chill(), 'Registry', leaver.operator);
    await nextSession();
    await confirmAll();
    await caughtUp();
    const data = await indexer.query<{
      validator: { status: string; active: boolean };
      assignmentChanges: { nodes: { owner: string; cause: string; removed: string[] }[] };
      sessions: { nodes: { activeSet: string[]; left: string[] }[] };
    }>(
      `query ($op: String!, $leaver: JSON!) {
        validator(id: $op) { status active }
        assignmentChanges(filter: { cause: { equalTo: REASSIGNED }, removed: { contains: $leaver } }) { nodes { owner cause removed } }
        sessions(orderBy: INDEX_DESC, first: 1) { nodes { activeSet left } } }`,
      { op: ss58(leaver.operator.publicKey), leaver: [ss58(leaver.tss.publicKey)] },
    );
    expect(data.validator).toEqual({ status: 'CHILLED', active: false });
    expect(data.assignmentChanges.nodes.map((n) => n.owner).sort()).toEqual(served.sort());
    expect(data.sessions.nodes[0]!.activeSet).not.toContain(ss58(leaver.operator.publicKey));

    // Full history of one reassigned owner: every epoch, each confirmed.
    const owner = byAccount(served[0]!);
    const a = await assignment(owner);
    const history = await indexer.query<{
      epochAssignments: {
        nodes: {
          epoch: number;
          cause: string;
          providers: string[];
          confirmed: boolean;
          holders: string[] | null;
        }[];
      };
      owner: { currentEpoch: number; confirmedEpoch: number; confirmedHolders: string[] };
    }>(
      `query ($owner: String!) {
        epochAssignments(filter: { ownerId: { equalTo: $owner } }, orderBy: EPOCH_ASC) { nodes { epoch cause providers confirmed holders } }
        owner(id: $owner) { currentEpoch confirmedEpoch confirmedHolders } }`,
      { owner: ss58(owner.tss.publicKey) },
    );
    const epochs = history.epochAssignments.nodes;
    expect(epochs.map((e) => e.epoch)).toEqual(
      Array.from({ length: a.epoch.toNumber() }, (_, i) => i + 1),
    );
    expect(epochs.at(-1)).toMatchObject({
      cause: 'REASSIGNED',
      providers: a.providers.map((p) => ss58(p.toString())),
      confirmed: true,
    });
    expect(history.owner).toEqual({
      currentEpoch: a.epoch.toNumber(),
      confirmedEpoch: a.confirmedEpoch.toNumber(),
      confirmedHolders: a.confirmedProviders.map((p) => ss58(p.toString())),
    });
  });

  it('DID_NOT_SERVE: exactly one record naming the holder that never released', async () => {
    const owner = validators[0]!;
    const holders = (await assignment(owner)).confirmedProviders.map((p) =>
      byAccount(p.toString()),
    );
    expect(holders.length).toBeGreaterThanOrEqual(3);
    const restarted = await restart(owner, 1);
    const silent = holders[2]!;
    for (const h of holders.slice(0, 2)) await release(h, owner, 1);
    await confirmAll(); // the restart made the owners it serves reshare
    await chain.newBlocks(WINDOWS.releaseWindow + 1);
    await caughtUp();
    const found = await misbehaviours('DID_NOT_SERVE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      subject: ss58(silent.tss.publicKey),
      owner: ss58(owner.tss.publicKey),
      resolved: false,
    });
    expect(found[0]!.evidenceBlocks).toContain(restarted.blockNumber);
    expect(found[0]!.evidenceEvents.some((e) => e.startsWith(`${restarted.blockNumber}-`))).toBe(
      true,
    );
    expect(found[0]!.firstSeen).toBeGreaterThan(restarted.blockNumber + WINDOWS.releaseWindow);

    const receipts = await indexer.query<{
      releaseReceipts: { nodes: { provider: string; incarnation: number }[] };
    }>(
      `query ($owner: String!) { releaseReceipts(filter: { owner: { equalTo: $owner } }) { nodes { provider incarnation } } }`,
      { owner: ss58(owner.tss.publicKey) },
    );
    expect(receipts.releaseReceipts.nodes.map((r) => r.provider).sort()).toEqual(
      holders
        .slice(0, 2)
        .map((h) => ss58(h.tss.publicKey))
        .sort(),
    );
  });

  it('a SIGKILLed node resumes: DUPLICATE_INSTANCE from blocks built while it was down', async () => {
    const owner = validators[1]!;
    const restarting = indexer.restartNode('SIGKILL');
    const first = await restart(owner, 1);
    await chain.newBlocks(3); // MinRestartInterval
    const second = await restart(owner, 2);
    for (const p of (await assignment(owner)).confirmedProviders)
      await release(byAccount(p.toString()), owner, 2);
    await confirmAll();
    await restarting;
    await caughtUp();
    const found = await misbehaviours('DUPLICATE_INSTANCE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ subject: ss58(owner.tss.publicKey) });
    expect(found[0]!.evidenceBlocks).toEqual([first.blockNumber, second.blockNumber]);
    // Releases to the superseded incarnation 1 were impossible: nobody is blamed for them.
    expect(await misbehaviours('DID_NOT_SERVE')).toHaveLength(1);
  });

  it('AT_RISK: an owner left unconfirmed after a forced reassignment', async () => {
    const owner = validators[2]!;
    const opened = (await asSudo(chain.api.tx.backups.forceReassign(owner.tss.address)))
      .blockNumber;
    await chain.newBlocks(WINDOWS.confirmWindow + 1);
    await caughtUp();
    const found = await misbehaviours('AT_RISK');
    expect(found.map((m) => m.subject)).toEqual([ss58(owner.tss.publicKey)]);
    expect(found[0]!.evidenceBlocks).toEqual([opened]);
    expect(found[0]!.resolved).toBe(false);
    // Another epoch change while still unconfirmed: the same stretch, no second record.
    await asSudo(chain.api.tx.backups.forceReassign(owner.tss.address));
    await chain.newBlocks(WINDOWS.confirmWindow + 1);
    await caughtUp();
    expect((await misbehaviours('AT_RISK')).map((m) => m.id)).toEqual([found[0]!.id]);
    await confirmAll();
    await caughtUp();
    const after = await misbehaviours('AT_RISK');
    expect(after[0]).toMatchObject({ resolved: true });
  });

  it('RollbackAccepted: the owner, its incarnation, the anchored and the accepted versions', async () => {
    const owner = validators[3]!;
    const anchored = (await assignment(owner)).confirmedStoreVersion.toBigInt();
    expect(anchored).toBeGreaterThan(0n);
    await restart(owner, 1);
    for (const p of (await assignment(owner)).confirmedProviders)
      await release(byAccount(p.toString()), owner, 1);
    const accepted = await acceptRollback(chain.api, {
      owner: owner.tss,
      incarnation: 1,
      storeVersion: anchored - 1n,
    });
    await caughtUp();
    const { owner: indexed } = await indexer.query<{ owner: { confirmedStoreVersion: string } }>(
      'query ($id: String!) { owner(id: $id) { confirmedStoreVersion } }',
      { id: ss58(owner.tss.publicKey) },
    );
    // The indexer follows the chain, which now anchors the accepted version.
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(anchored - 1n);
    expect(indexed.confirmedStoreVersion).toBe(String(anchored - 1n));
    await confirmAll();
    await caughtUp();
    const rows = await indexer.query<{
      rollbackAcceptances: {
        nodes: {
          id: string;
          owner: string;
          incarnation: number;
          anchoredVersion: string;
          acceptedVersion: string;
          blockNumber: number;
        }[];
      };
    }>(
      '{ rollbackAcceptances { nodes { id owner incarnation anchoredVersion acceptedVersion blockNumber } } }',
    );
    expect(rows.rollbackAcceptances.nodes).toHaveLength(1);
    expect(rows.rollbackAcceptances.nodes[0]).toMatchObject({
      owner: ss58(owner.tss.publicKey),
      incarnation: 1,
      anchoredVersion: String(anchored),
      acceptedVersion: String(anchored - 1n),
      blockNumber: accepted.blockNumber,
    });
  });

  it('BAD_SHARE: the holder the chain proved wrong, with the BadShareProven event as evidence', async () => {
    const owner = validators[3]!; // restarted (incarnation 1) by the RollbackAccepted test
    const keys = recoveryKeysOf.get(owner)!;
    const a = await assignment(owner);
    const holders = a.confirmedProviders.map((p) => p.toString());
    const commitments = await chain.api.query.backups.confirmedCommitments(owner.tss.address);
    const bad = byAccount(holders[1]!);
    const released = randomAsU8a(65);
    const lie = await signedRelease(chain.api, {
      provider: bad,
      owner: owner.tss.address,
      incarnation: 1,
      epoch: a.confirmedEpoch.toNumber(),
      recipientKey: keys[1]!.publicKey,
      commitment: commitments[1]!.toU8a(),
      held: released,
    });
    const proven = await reportBadShare(chain.api, {
      owner: owner.tss.address,
      provider: holders[1]!,
      incarnation: 1,
      epoch: a.confirmedEpoch.toNumber(),
      recoveryKeys: keys.map((k) => k.publicKey),
      revealedKey: keys[1]!.privateKey,
      ...lie,
    });
    await caughtUp();
    const found = await misbehaviours('BAD_SHARE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      subject: ss58(bad.tss.publicKey),
      owner: ss58(owner.tss.publicKey),
      evidenceBlocks: [proven.blockNumber],
      resolved: false,
    });
    expect(found[0]!.evidenceEvents).toHaveLength(1);
    expect(found[0]!.evidenceEvents[0]!.startsWith(`${proven.blockNumber}-`)).toBe(true);
    const { badShareProofs } = await indexer.query<{
      badShareProofs: { nodes: Record<string, unknown>[] };
    }>(
      '{ badShareProofs { nodes { provider owner incarnation epoch commitment proofKind released } } }',
    );
    expect(badShareProofs.nodes).toEqual([
      {
        provider: ss58(bad.tss.publicKey),
        owner: ss58(owner.tss.publicKey),
        incarnation: 1,
        epoch: a.confirmedEpoch.toNumber(),
        commitment: commitments[1]!.toHex(),
        proofKind: 'CommitmentMismatch',
        released: u8aToHex(released),
      },
    ]);
  });

  it('REVOKED_MEASUREMENT: every active validator once governance removes its measurement', async () => {
    const measurement = (await chain.api.query.attestation.acceptedMeasurements())[0]!;
    // The audit state lists the measurement the validators attested under, and nothing
    // else: a change of any other measurement is known to concern nobody.
    const audit = async () =>
      (
        await indexer.query<{
          auditState: { attestedMeasurements: string[] | null; revokedAttested: string[] | null };
        }>('{ auditState(id: "state") { attestedMeasurements revokedAttested } }')
      ).auditState;
    expect(await audit()).toEqual({
      attestedMeasurements: [measurement.toHex()],
      revokedAttested: [],
    });
    await asSudo(chain.api.tx.attestation.removeMeasurement(measurement));
    await nextSession();
    await caughtUp();
    expect((await audit()).revokedAttested).toEqual([measurement.toHex()]);
    const found = await misbehaviours('REVOKED_MEASUREMENT');
    const active = validators.slice(0, 4).map((v) => ss58(v.tss.publicKey));
    expect(found.map((m) => m.subject).sort()).toEqual(active.sort());
    for (const m of found) {
      expect(m.id.endsWith(measurement.toHex())).toBe(true);
      expect(m.lastSeen).toBeGreaterThan(m.firstSeen); // seen again at the next session
    }
  });

  it('REVOKED_MEASUREMENT: resolved when its validator leaves the active set, open again when it returns', async () => {
    const v = validators[3]!;
    const mine = async () =>
      (await misbehaviours('REVOKED_MEASUREMENT')).find(
        (m) => m.subject === ss58(v.tss.publicKey),
      )!;
    const before = await mine();
    expect(before.resolved).toBe(false);
    await submitAndWatch(chain.api, chain.api.tx.registry.chill(), 'Registry', v.operator);
    await nextSession();
    await caughtUp();
    const resolved = await mine();
    expect(resolved).toMatchObject({ id: before.id, resolved: true });
    await submitAndWatch(chain.api, chain.api.tx.registry.resume(), 'Registry', v.operator);
    await nextSession();
    await caughtUp();
    const reopened = await mine();
    expect(reopened).toMatchObject({ id: before.id, resolved: false, firstSeen: before.firstSeen });
    expect(reopened.lastSeen).toBeGreaterThan(resolved.lastSeen);
    expect(await misbehaviours('REVOKED_MEASUREMENT')).toHaveLength(4); // the same records
  });

  it('TdPolicySet: a governance row with the policy, null where a field is not checked', async () => {
    // A policy the dev image meets (SEPT_VE_DISABLE on, MROWNER zero), so later tests'
    // quotes still pass.
    const zero = `0x${'00'.repeat(48)}`;
    await asSudo(
      chain.api.tx.attestation.setTdPolicy({
        attributesMask: 0x1000_0000n,
        attributesValue: 0x1000_0000n,
        xfam: 0x6_02e7n,
        mrConfigId: null,
        mrOwner: zero,
        mrOwnerConfig: null,
        rtmr3: null,
      }),
    );
    await caughtUp();
    const { tdPolicyChanges } = await indexer.query<{
      tdPolicyChanges: { nodes: Record<string, string | null>[] };
    }>(
      '{ tdPolicyChanges { nodes { attributesMask attributesValue xfam mrConfigId mrOwner mrOwnerConfig rtmr3 } } }',
    );
    expect(tdPolicyChanges.nodes).toEqual([
      {
        attributesMask: '0x0000000010000000',
        attributesValue: '0x0000000010000000',
        xfam: '0x00000000000602e7',
        mrConfigId: null,
        mrOwner: zero,
        mrOwnerConfig: null,
        rtmr3: null,
      },
    ]);
  });

  it('TCB_BELOW_MINIMUM: dev-path attestations carry no TCB level; a raised minimum flags none of them', async () => {
    const tcbState = async () =>
      await indexer.query<{
        auditState: { minTcbEvaluationNumber: number | null; attestedTcbNumbers: number[] };
        attestations: { totalCount: number; nodes: unknown[] };
      }>(
        `{ auditState(id: "state") { minTcbEvaluationNumber attestedTcbNumbers }
             attestations(filter: { or: [{ tcbEvaluationNumber: { isNull: false } }, { tcbCollateral: { isNull: false } }] }) { totalCount nodes { id } } }`,
      );
    const before = await tcbState();
    // The minimum read from chain state when the audit state was made; no Intel-path
    // attestation on this devnet, so no number was attested under and no row has a level.
    expect(before.auditState).toEqual({
      minTcbEvaluationNumber: (
        await chain.api.query.attestation.collateralRules()
      ).minTcbEvaluationNumber.toNumber(),
      attestedTcbNumbers: [],
    });
    expect(before.attestations.totalCount).toBe(0);
    await asSudo(chain.api.tx.attestation.setCollateralPolicy(99, 0, 0));
    await caughtUp();
    const raised = await tcbState();
    expect(raised.auditState.minTcbEvaluationNumber).toBe(99);
    const { collateralPolicyChanges } = await indexer.query<{
      collateralPolicyChanges: { nodes: { minTcbEvaluationNumber: number }[] };
    }>(
      '{ collateralPolicyChanges(orderBy: BLOCK_NUMBER_ASC) { nodes { minTcbEvaluationNumber } } }',
    );
    expect(collateralPolicyChanges.nodes.at(-1)).toEqual({ minTcbEvaluationNumber: 99 });
    expect(await misbehaviours('TCB_BELOW_MINIMUM')).toEqual([]);
    await asSudo(chain.api.tx.attestation.setCollateralPolicy(0, 0, 0));
    await caughtUp();
    expect((await tcbState()).auditState.minTcbEvaluationNumber).toBe(0);
  });

  it('RULE_VIOLATION: none on a chain that keeps its own rules', async () => {
    expect(await misbehaviours('RULE_VIOLATION')).toEqual([]);
  });

  it('the cold path: committee, deposit, request, approval, releases; ESCROW_DID_NOT_SERVE names the silent member', async () => {
    // Consecutive sudo calls: Chopsticks' next-index answer lags the block just built, so
    // one more block goes between them.
    const sudoCall = async (call: Parameters<typeof asSudo>[0]) => {
      await asSudo(call);
      const at = await head();
      await chain.newBlocks(1);
      return at;
    };
    // The REVOKED_MEASUREMENT tests removed the dev image's measurement: restarts need it.
    await sudoCall(chain.api.tx.attestation.addMeasurement(u8aToHex(measurementOf(devImage()))));
    // Accepted again: every record on it is resolved, and no attested measurement is revoked.
    await caughtUp();
    const revokedRecords = await misbehaviours('REVOKED_MEASUREMENT');
    expect(revokedRecords.length).toBeGreaterThan(0);
    expect(revokedRecords.every((m) => m.resolved)).toBe(true);
    expect(
      (
        await indexer.query<{ auditState: { revokedAttested: string[] } }>(
          '{ auditState(id: "state") { revokedAttested } }',
        )
      ).auditState.revokedAttested,
    ).toEqual([]);
    const keyring = new Keyring({ type: 'sr25519' });
    const members = [1, 2, 3].map((i) => keyring.addFromUri(`//Escrow${i}`));
    await sudoCall(
      chain.api.tx.backups.setEscrowCommittee(
        members.map((m) => ({ account: m.address, sealingKey: u8aToHex(randomAsU8a(32)) })),
        2,
      ),
    );
    const generation = (await chain.api.query.backups.committee()).unwrap().generation.toNumber();
    const depositFor = (sequence = 0): EscrowDeposit => ({
      generation,
      sequence,
      sealed: members.map(() => randomAsU8a(SEALED_ESCROW_SHARE_BYTES)),
      commitments: members.map(() => randomAsU8a(32)),
    });
    // An owner with every epoch confirmed rotates: deposit first, then confirm.
    const owner = await (async () => {
      for (const v of validators) {
        const a = (await chain.api.query.backups.assignments(v.tss.address)).unwrapOr(null);
        if (
          a &&
          a.confirmedEpoch.toNumber() === a.epoch.toNumber() &&
          a.confirmedProviders.length >= 2
        )
          return v;
      }
      throw new Error('no owner with a confirmed epoch');
    })();
    const before = await assignment(owner);
    const rotation = before.epoch.toNumber() + 1;
    const holders = before.confirmedProviders.map((p) => p.toString());
    await depositEscrow(chain.api, { owner: owner.tss, epoch: rotation, deposit: depositFor() });
    await confirmEpoch(chain.api, {
      owner: owner.tss,
      epoch: rotation,
      storeVersion: before.confirmedStoreVersion.toBigInt() + 1n,
      acks: await acksFor(owner, rotation, holders),
    });
    // A full outage: every holder restarts (its share is gone), then the owner, whose quote
    // binds one key per holder and the escrow key.
    const incarnationOf = async (v: TestValidator) =>
      (await chain.api.query.attestation.attestations(v.tss.address))
        .unwrap()
        .incarnation.toNumber();
    for (const holder of holders.map(byAccount))
      await restart(holder, (await incarnationOf(holder)) + 1);
    const incarnation = (await incarnationOf(owner)) + 1;
    const keys = await Promise.all(holders.map(() => generateHpkeKeyPair()));
    const escrowKey = await generateHpkeKeyPair();
    const publics = keys.map((k) => k.publicKey);
    const root = recoveryKeysRoot([...publics, escrowKeyEntry(escrowKey.publicKey)]);
    const block = await bestBlock(chain.api);
    await submitRestartAttestation(chain.api, {
      tssAccount: owner.tss.address,
      incarnation,
      recoveryKeysRoot: root,
      quote: owner.quote(chain.api, 'restart', block, incarnation, root),
      genesisHash: chain.api.genesisHash.toHex(),
      block,
      restartKey: owner.restart,
    });
    await requestColdRecovery(chain.api, {
      owner: owner.tss.address,
      restartKey: owner.restart,
      incarnation,
      recoveryKeys: publics,
      escrowKey: escrowKey.publicKey,
    });
    // Before governance approves, a member's release is refused and nothing is indexed for it.
    const sealed = () => randomAsU8a(SEALED_ESCROW_SHARE_BYTES);
    const releaseBy = (index: number) =>
      releaseEscrowShare(chain.api, {
        member: members[index]!,
        memberIndex: index,
        owner: owner.tss.address,
        incarnation,
        sealed: sealed(),
      });
    await expect(releaseBy(0)).rejects.toMatchObject({
      palletError: 'backups.ColdRequestNotApproved',
    });
    // The approval also names an incarnation with no request: the chain skips that entry
    // (ColdApprovalSkipped) and approves the other.
    const approvedAt = await sudoCall(
      chain.api.tx.backups.approveColdRecovery([
        [owner.tss.address, incarnation],
        [owner.tss.address, incarnation + 3],
      ]),
    );
    await releaseBy(0);
    await releaseBy(1);
    await expect(releaseBy(1)).rejects.toMatchObject({
      palletError: 'backups.EscrowShareAlreadyReleased',
    });
    // Member 2 stays silent past the release window.
    await chain.newBlocks(WINDOWS.releaseWindow + 1);
    await caughtUp();
    const ownerId = ss58(owner.tss.publicKey);
    const data = await indexer.query<{
      escrowCommittees: {
        nodes: {
          generation: number;
          members: string[];
          threshold: number;
          endedAt: number | null;
        }[];
      };
      escrowDeposits: {
        nodes: { owner: string; epoch: number; generation: number; commitments: string[] }[];
      };
      coldRequests: {
        nodes: {
          owner: string;
          incarnation: number;
          escrowKey: string;
          intactHolders: number;
          approvedAt: number | null;
          closedAt: number | null;
          generation: number | null;
        }[];
      };
      coldApprovalSkips: {
        nodes: { owner: string; incarnation: number; reason: string; blockNumber: number }[];
      };
      escrowReleases: { nodes: { memberIndex: number; member: string }[] };
    }>(`{
      escrowCommittees { nodes { generation members threshold endedAt } }
      escrowDeposits(filter: { owner: { equalTo: "${ownerId}" } }) { nodes { owner epoch generation commitments } }
      coldRequests { nodes { owner incarnation escrowKey intactHolders approvedAt closedAt generation } }
      coldApprovalSkips { nodes { owner incarnation reason blockNumber } }
      escrowReleases(orderBy: MEMBER_INDEX_ASC) { nodes { memberIndex member } }
    }`);
    expect(data.escrowCommittees.nodes).toEqual([
      { generation, members: members.map((m) => ss58(m.publicKey)), threshold: 2, endedAt: null },
    ]);
    expect(data.escrowDeposits.nodes).toHaveLength(1);
    expect(data.escrowDeposits.nodes[0]).toMatchObject({
      owner: ownerId,
      epoch: rotation,
      generation,
    });
    expect(data.escrowDeposits.nodes[0]!.commitments).toHaveLength(3);
    expect(data.coldRequests.nodes).toEqual([
      {
        owner: ownerId,
        incarnation,
        escrowKey: u8aToHex(escrowKey.publicKey),
        intactHolders: 0,
        approvedAt,
        closedAt: null,
        generation,
      },
    ]);
    expect(data.coldApprovalSkips.nodes).toEqual([
      { owner: ownerId, incarnation: incarnation + 3, reason: 'NotFound', blockNumber: approvedAt },
    ]);
    expect(data.escrowReleases.nodes).toEqual([
      { memberIndex: 0, member: ss58(members[0]!.publicKey) },
      { memberIndex: 1, member: ss58(members[1]!.publicKey) },
    ]);
    const silent = await misbehaviours('ESCROW_DID_NOT_SERVE');
    expect(silent.map((m) => [m.subject, m.owner, m.resolved])).toEqual([
      [ss58(members[2]!.publicKey), ownerId, false],
    ]);
    expect(await misbehaviours('COLD_RELEASE_WITHOUT_APPROVAL')).toEqual([]);
    // The owner recovered: it deposits and confirms its open epoch, which closes the request.
    const after = await assignment(owner);
    const open = after.epoch.toNumber();
    await depositEscrow(chain.api, { owner: owner.tss, epoch: open, deposit: depositFor() });
    await confirmEpoch(chain.api, {
      owner: owner.tss,
      epoch: open,
      storeVersion: after.confirmedStoreVersion.toBigInt() + 1n,
      acks: await acksFor(
        owner,
        open,
        after.providers.map((p) => p.toString()),
      ),
    });
    await sudoCall(chain.api.tx.backups.clearEscrowCommittee());
    await caughtUp();
    const closed = await indexer.query<{
      coldRequests: { nodes: { closedAt: number | null }[] };
      escrowCommittees: { nodes: { endedAt: number | null }[] };
    }>('{ coldRequests { nodes { closedAt } } escrowCommittees { nodes { endedAt } } }');
    expect(closed.coldRequests.nodes[0]!.closedAt).not.toBeNull();
    expect(closed.escrowCommittees.nodes[0]!.endedAt).not.toBeNull();
  });

  it('an account that leaves and registers again gets rows of its own; its first registration keeps its history', async () => {
    const v = validators[4]!; // chilled by the departure test: it serves no one
    const owner = ss58(v.tss.publicKey);
    interface EpochRow {
      id: string;
      registration: number;
      epoch: number;
      cause: string;
      confirmed: boolean;
      openedBy: string;
    }
    const epochsOf = async () =>
      (
        await indexer.query<{ epochAssignments: { nodes: EpochRow[] } }>(
          `query ($owner: String!) {
            epochAssignments(filter: { ownerId: { equalTo: $owner } }, orderBy: [REGISTRATION_ASC, EPOCH_ASC]) {
              nodes { id registration epoch cause confirmed openedBy } } }`,
          { owner },
        )
      ).epochAssignments.nodes;
    await caughtUp();
    const first = await epochsOf();
    expect(first.length).toBeGreaterThan(0);
    expect(first.map((e) => e.registration)).toEqual(first.map(() => 1));
    expect(first[0]).toMatchObject({ epoch: 1, cause: 'ASSIGNED' });

    await submitAndWatch(chain.api, chain.api.tx.registry.leave(), 'Registry', v.operator);
    await chain.newBlocks(1); // Chopsticks' next-index answer lags the block just built
    const record = (await chain.api.query.attestation.attestations(v.tss.address)).unwrap();
    await registerTestValidator(
      chain.api,
      v,
      `http://127.0.0.1:1/${v.operator.address.slice(0, 6)}`,
      record.incarnation.toNumber() + 1,
    );
    expect((await assignment(v)).epoch.toNumber()).toBe(1); // the chain starts over
    await confirmAll();
    await caughtUp();

    const after = await epochsOf();
    expect(after.slice(0, first.length)).toEqual(first); // nothing of the first overwritten
    const second = after.slice(first.length);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({
      id: `${owner}-2-1`,
      registration: 2,
      epoch: 1,
      cause: 'ASSIGNED',
      confirmed: true,
    });
    expect(second[0]!.openedBy).not.toBe(first[0]!.openedBy);
    const { owner: row } = await indexer.query<{
      owner: {
        registration: number;
        registeredBy: string;
        removed: boolean;
        currentEpoch: number;
        confirmedEpoch: number;
      };
    }>(
      `query ($owner: String!) { owner(id: $owner) { registration registeredBy removed currentEpoch confirmedEpoch } }`,
      { owner },
    );
    expect(row).toEqual({
      registration: 2,
      registeredBy: second[0]!.openedBy,
      removed: false,
      currentEpoch: 1,
      confirmedEpoch: 1,
    });
    // Its confirmation ended the second registration's watch: nothing overdue remains.
    await chain.newBlocks(WINDOWS.confirmWindow + 1);
    await caughtUp();
    expect(
      (await misbehaviours('AT_RISK')).filter((m) => m.owner === owner && !m.resolved),
    ).toEqual([]);
    // Governance then removes it (it would not come back): status REMOVED, block recorded.
    const removal = await asSudo(chain.api.tx.registry.removeValidator(v.operator.address));
    await chain.newBlocks(1);
    await caughtUp();
    const { validator } = await indexer.query<{
      validator: { status: string; leftAt: number | null };
    }>('query ($id: String!) { validator(id: $id) { status leftAt } }', {
      id: ss58(v.operator.publicKey),
    });
    expect(validator).toEqual({ status: 'REMOVED', leftAt: removal.blockNumber });
  });

  it('completeness: every pallet event on chain is indexed exactly once, typed rows match', async () => {
    await chain.newBlocks(1);
    await caughtUp();
    const onChain = await chainEvents();
    const indexed = await allIds('chainEvents');
    expect(new Set(indexed).size).toBe(indexed.length);
    expect([...indexed].sort()).toEqual([...onChain.keys()].sort());

    const count = (...kinds: string[]) =>
      [...onChain.values()].filter((k) => kinds.includes(k)).length;
    const totals = await indexer.query<Record<string, { totalCount: number }>>(`{
      serverInfoRecords { totalCount } validatorStatusChanges { totalCount } sessions { totalCount }
      attestations { totalCount } attestationRejections { totalCount } measurementChanges { totalCount }
      assignmentChanges { totalCount } reshares { totalCount } underProvisionings { totalCount }
      confirmations { totalCount } checkpoints { totalCount } releaseReceipts { totalCount }
      ownerRemovals { totalCount } paramsChanges { totalCount } sessionLengthChanges { totalCount }
      trustPolicyChanges { totalCount } tdPolicyChanges { totalCount }
      rollbackAcceptances { totalCount } badShareProofs { totalCount }
      escrowDeposits { totalCount } coldRequests { totalCount } escrowReleases { totalCount }
      coldApprovalSkips { totalCount } }`);
    const expected: Record<string, number> = {
      serverInfoRecords: count('registry.ValidatorRegistered'),
      validatorStatusChanges: count(
        'registry.ValidatorChilled',
        'registry.ValidatorResumed',
        'registry.ValidatorLeft',
        'registry.ValidatorRemoved',
      ),
      sessions: count('registry.NewSession'),
      attestations: count('attestation.Attested', 'attestation.RestartAttested'),
      attestationRejections: count('attestation.AttestationRejected'),
      measurementChanges: count('attestation.MeasurementAdded', 'attestation.MeasurementRemoved'),
      assignmentChanges: count('backups.ProvidersAssigned', 'backups.Reassigned'),
      reshares: count('backups.ReshareNeeded'),
      underProvisionings: count('backups.UnderProvisioned'),
      confirmations: count('backups.EpochConfirmed'),
      checkpoints: count('backups.CheckpointAnchored'),
      releaseReceipts: count('backups.ReleaseRecorded'),
      ownerRemovals: count('backups.OwnerRemoved'),
      paramsChanges: count('backups.ParamsChanged'),
      sessionLengthChanges: count('registry.SessionLengthChanged'),
      trustPolicyChanges: count('attestation.TrustPolicyChanged'),
      tdPolicyChanges: count('attestation.TdPolicySet'),
      rollbackAcceptances: count('backups.RollbackAccepted'),
      badShareProofs: count('backups.BadShareProven'),
      escrowDeposits: count('backups.EscrowDeposited'),
      coldRequests: count('backups.ColdRecoveryRequested'),
      escrowReleases: count('backups.EscrowShareReleased'),
      coldApprovalSkips: count('backups.ColdApprovalSkipped'),
    };
    expect(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.totalCount]))).toEqual(
      expected,
    );
    expect(expected.confirmations).toBeGreaterThan(5);
    expect(expected.reshares).toBeGreaterThan(0);
  });
});
