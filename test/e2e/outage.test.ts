/**
 * A full outage on a real devnet (Chopsticks + 5 `custos start` processes, a 2-of-3 escrow
 * committee set before the companions start: two members run `custos escrow serve`, the
 * third keeps its key air-gapped): every companion is SIGKILLed at the same instant, so
 * every share every holder kept in memory is gone. Each companion restarts, attests, finds
 * fewer than t intact holders and requests cold recovery; one governance call approves them
 * all; the second serving member lies (a test-only process releasing random bytes, well
 * formed and signed), so the stores open only once the air-gapped member has run
 * `custos escrow export`, `sign` (offline) and `submit`, which also face a tampered export
 * and a replayed submission; every companion names the liar (`BAD_ESCROW_SHARE`), reads
 * back the exact secret written before the outage, rotates its KEK and returns to
 * ordinary t-of-n backups (its cold request closed). Later outages: a companion killed on
 * the cold path; an owner killed with its escrow deposit in a block and a member killed
 * after a release; governance replacing the committee mid-outage (the old members still
 * serve) with a stale entry in its approval, then a committee change the running
 * companions follow; holders that never come back until governance removes them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair } from '../../src/crypto/hpke.js';
import type { CrashPoint } from '../../src/faults/crashPoints.js';
import { COMPILED_FIXTURES } from '../../tools/build/compiled.js';
import { asDevSudo } from '../../tools/devnet/escrow.js';
import {
  DEV_OPERATORS,
  type DevNetwork,
  type DevNode,
  startNetwork,
} from '../../tools/devnet/network.js';
import {
  exited,
  logTail,
  putSecret,
  readSecret,
  runCustos,
  settled,
  startLog,
  storeDigest,
  waitFor,
  coldRequestsAfter as waitForColdRequests,
} from '../harness/devnet.js';
import { expectOnlyFirstRefused } from '../harness/escrow.js';

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
      escrow: { members: 3, threshold: 2, airGapped: 1 },
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

  /** Runs the compiled `custos` without blocking the companions' log pipes. */
  const custos = runCustos;

  const incarnationOf = async (node: DevNode) =>
    (await net.api.query.attestation.attestations(node.account!)).unwrap().incarnation.toNumber();
  const incarnations = async () =>
    new Map(await Promise.all(net.nodes.map(async (n) => [n, await incarnationOf(n)] as const)));

  const coldRequestsAfter = (newer: Map<DevNode, number>) => waitForColdRequests(net.api, newer);

  it('every companion SIGKILLed at once comes back through one governance approval', async () => {
    const escrow = net.escrow!;
    const [serving, down, airGapped] = escrow.members as [
      (typeof escrow.members)[0],
      (typeof escrow.members)[0],
      (typeof escrow.members)[0],
    ];
    expect(airGapped.airGapped).toBe(true);
    // For this outage the second serving member lies: a test-only process releases random
    // bytes, well formed and signed, instead of its share. The air-gapped one is needed.
    await escrow.stopMember(down);
    escrow.startMember(down, { entry: COMPILED_FIXTURES.lyingEscrowMember });
    await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
    const before = await incarnations();
    for (const node of net.nodes) net.startNode(node);
    // Each restarts, attests, sees no t intact holders (all lost their memory) and asks.
    const requests = await coldRequestsAfter(before);
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
    // The serving member and the liar release to every approved request: two releases,
    // one of them bad, are not enough.
    await waitFor(
      'the serving member and the liar released to every request',
      async () => {
        for (const [owner, incarnation] of requests)
          for (const index of [0, 1])
            if ((await net.api.query.backups.escrowReleases(owner, incarnation, index)).isNone)
              return undefined;
        return true;
      },
      240_000,
    );
    for (const node of net.nodes)
      expect(await readSecret(node, 'tss-keyshare').catch(() => undefined)).toBeUndefined();
    expect(serving.airGapped).toBe(false);
    const chainUrl = net.chain.endpoint;
    const dir = join(work, 'escrow');
    // Step 1, online: the export names every approved request, with what step 2 checks.
    const exportFile = join(dir, 'export.json');
    const exported = await custos([
      'escrow',
      'export',
      '--member',
      airGapped.account,
      '--out',
      exportFile,
      '--chain',
      chainUrl,
      '--json',
    ]);
    expect(exported.status, exported.stderr).toBe(0);
    const file = JSON.parse(readFileSync(exportFile, 'utf8'));
    expect(
      file.requests.every((r: { deposit: { memberIndex: number } }) => r.deposit.memberIndex === 2),
    ).toBe(true);
    const key = (account: string) => u8aToHex(decodeAddress(account));
    expect(file.requests.map((r: { owner: string }) => key(r.owner)).sort()).toEqual(
      requests.map(([owner]) => key(owner)).sort(),
    );
    // A networked machine that swaps in its own escrow key gets nothing for that owner.
    const tampered = structuredClone(file);
    tampered.requests[0].escrowKey = u8aToHex((await generateHpkeKeyPair()).publicKey);
    const tamperedFile = join(dir, 'export-tampered.json');
    writeFileSync(tamperedFile, JSON.stringify(tampered));
    // Step 2, offline: no chain endpoint anywhere in its environment or arguments.
    // Chopsticks serves no read proofs, so the export has none: a member asking for them
    // gets nothing, and this devnet's member knowingly trusts the export (the validator
    // outage test checks proofs from real nodes).
    expect(file.proof).toBeNull();
    const sign = (input: string, out: string, trust = ['--trust-export']) =>
      custos([
        'escrow',
        'sign',
        '--key-file',
        airGapped.keyFile,
        '--in',
        input,
        '--out',
        out,
        '--genesis',
        net.api.genesisHash.toHex(),
        ...trust,
        '--json',
      ]);
    const unproven = await sign(exportFile, join(dir, 'releases-unproven.json'), [
      '--block',
      file.finalized.hash,
    ]);
    expect(unproven.status).toBe(2);
    expect(unproven.stderr).toContain('[PROOF_MISSING]');
    expect(existsSync(join(dir, 'releases-unproven.json'))).toBe(false);
    const refused = await sign(tamperedFile, join(dir, 'releases-tampered.json'));
    expect(refused.status).toBe(1);
    expectOnlyFirstRefused(refused.stdout, file, 'REQUEST_SIGNATURE_INVALID', requests.length);
    const releasesFile = join(dir, 'releases.json');
    const signed = await sign(exportFile, releasesFile);
    expect(signed.status, signed.stderr + signed.stdout).toBe(0);
    // Nothing reaches the chain before step 3.
    for (const [owner, incarnation] of requests)
      expect((await net.api.query.backups.escrowReleases(owner, incarnation, 2)).isNone).toBe(true);
    // Step 3, online.
    const submitted = await custos(['escrow', 'submit', '--in', releasesFile, '--json'], {
      CUSTOS_CHAIN_URL: chainUrl,
    });
    expect(submitted.status, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout).map((o: { result: string }) => o.result)).toEqual(
      requests.map(() => 'released'),
    );
    // A replayed submission is refused by the chain: the release is in (or the owner has
    // already recovered and closed its request).
    const replayed = await custos([
      'escrow',
      'submit',
      '--in',
      releasesFile,
      '--chain',
      chainUrl,
      '--json',
    ]);
    expect(replayed.status).toBe(1);
    const outcomes = JSON.parse(replayed.stdout) as { result: string; detail: string }[];
    expect(outcomes).toHaveLength(requests.length);
    for (const outcome of outcomes) {
      expect(outcome.result).toBe('refused');
      expect(['backups.EscrowShareAlreadyReleased', 'backups.ColdRequestNotFound']).toContain(
        outcome.detail,
      );
    }
    for (const node of net.nodes) {
      const value = await waitFor(
        `${node.name} reads its secret back`,
        () => readSecret(node, 'tss-keyshare'),
        240_000,
      );
      expect(value).toEqual(secrets.get(node.name));
      // The liar's release opened but matched no commitment: named, and not used.
      expect(startLog(node)).toContain('BAD_ESCROW_SHARE');
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

  it('a companion killed on the cold path (request sent, KEK combined) still comes back', async () => {
    const escrow = net.escrow!;
    // Two honest serving members again (the air-gapped one stays offline).
    await escrow.stopMember(escrow.members[1]!);
    escrow.startMember(escrow.members[1]!);
    for (const node of net.nodes) await settled(net.api, node, 240_000);
    const victim = net.nodes[0]!;
    const before = await incarnations();
    await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
    const armed = (point: CrashPoint) =>
      net.startNode(victim, {
        entry: COMPILED_FIXTURES.crashable,
        env: { CUSTOS_TEST_CRASH_AT: point },
      });
    armed('cold.requested');
    for (const node of net.nodes.slice(1)) net.startNode(node);
    const crashed = async (point: CrashPoint) => {
      const { signal } = await exited(victim);
      expect(signal, logTail(victim, 20)).toBe('SIGKILL');
      expect(startLog(victim)).toContain(`crash point ${point} reached`);
    };
    await crashed('cold.requested');
    // Its request names the incarnation it attested last (a confirmation its previous
    // process had in flight may have made it attest twice).
    const requestedAt = await incarnationOf(victim);
    // Killed with its request on chain: the restart attests again and asks anew.
    armed('recovery.kek-recovered');
    /** Approves the requests {@link coldRequestsAfter} finds for `newer`. */
    const approveAll = async (newer: Map<DevNode, number>) =>
      asDevSudo(
        net.api,
        net.api.tx.backups.approveColdRecovery(await coldRequestsAfter(newer)),
        DEV_OPERATORS.map((o) => o.uri),
      );
    // The victim's request made before the kill is superseded by its restart's.
    await approveAll(new Map(before).set(victim, requestedAt));
    // It combined the members' releases and was killed before opening its store.
    await crashed('recovery.kek-recovered');
    for (const node of net.nodes.slice(1))
      expect(
        await waitFor(`${node.name} reads back`, () => readSecret(node, 'tss-keyshare')),
      ).toEqual(secrets.get(node.name));
    // Its holders restarted since its confirmation: the next restart takes the cold path
    // again, with a new request that governance approves.
    const killedAt = await incarnationOf(victim);
    net.startNode(victim);
    await approveAll(new Map([[victim, killedAt]]));
    expect(
      await waitFor(`${victim.name} reads back`, () => readSecret(victim, 'tss-keyshare'), 240_000),
    ).toEqual(secrets.get(victim.name));
    await settled(net.api, victim, 240_000);
  }, 900_000);

  it('an owner killed with its escrow deposit in a block, and a member killed after a release, still come back', async () => {
    const escrow = net.escrow!;
    const member = escrow.members[1]!;
    for (const node of net.nodes) await settled(net.api, node, 240_000);
    const victim = net.nodes[1]!;
    const assignment = async (node: DevNode) =>
      (await net.api.query.backups.assignments(node.account!)).unwrap();
    // Its holders keep shares of its confirmed epoch (none restarted since), so a restart
    // takes the ordinary path: recovery through them, then a KEK rotation.
    await waitFor(`${victim.name}'s holders intact`, async () => {
      const a = await assignment(victim);
      for (const holder of a.confirmedProviders) {
        const record = (await net.api.query.attestation.attestations(holder)).unwrap();
        if (record.attestedAt.toNumber() > a.confirmedAt.toNumber()) return undefined;
      }
      return true;
    });
    await net.killNode(victim, 'SIGKILL');
    // A confirmation the killed process had already submitted may still land.
    await net.chain.newBlocks(3);
    const confirmedBefore = (await assignment(victim)).confirmedEpoch.toNumber();
    net.startNode(victim, {
      entry: COMPILED_FIXTURES.crashable,
      env: { CUSTOS_TEST_CRASH_AT: 'backup.escrow-deposited' },
    });
    const { signal } = await exited(victim);
    expect(signal, logTail(victim, 20)).toBe('SIGKILL');
    expect(startLog(victim)).toContain('crash point backup.escrow-deposited reached');
    // Killed between its rotation's deposit and the confirmation: the chain keeps a deposit
    // for an epoch it never confirmed, under a KEK that died with the process.
    expect((await assignment(victim)).confirmedEpoch.toNumber()).toBe(confirmedBefore);
    const unconfirmed = (await net.api.query.backups.escrowDeposits.entries(victim.account!))
      .map(([key, deposit]) => ({ epoch: key.args[1].toNumber(), deposit: deposit.unwrap() }))
      .filter((d) => d.epoch > confirmedBefore);
    expect(unconfirmed).toHaveLength(1);
    const orphan = unconfirmed[0]!;
    // Restarted normally, it recovers through its holders and confirms an epoch escrowed
    // under the KEK it now holds (the cold recovery below opens its store with it).
    net.startNode(victim);
    await settled(net.api, victim, 240_000);
    const rotated = await assignment(victim);
    expect(rotated.confirmedEpoch.toNumber()).toBeGreaterThan(confirmedBefore);
    const deposit = await net.api.query.backups.escrowDeposits(
      victim.account!,
      rotated.confirmedEpoch,
    );
    expect(deposit.isSome).toBe(true);
    if (rotated.confirmedEpoch.toNumber() === orphan.epoch)
      expect(deposit.unwrap().sequence.toNumber()).toBeGreaterThan(
        orphan.deposit.sequence.toNumber(),
      );
    for (const node of net.nodes) await settled(net.api, node, 240_000);

    // A full outage, with the first serving member stopped: every request stays open with
    // at most one release until it is back. The second kills itself once its first
    // release is in a block; restarted, it releases to the rest and never twice to one.
    const [first] = escrow.members as [(typeof escrow.members)[0]];
    await escrow.stopMember(first);
    await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
    const before = await incarnations();
    for (const node of net.nodes) net.startNode(node);
    const requests = await coldRequestsAfter(before);
    await escrow.stopMember(member);
    const memberExit = new Promise<NodeJS.Signals | null>((resolve) => {
      escrow.startMember(member, {
        entry: COMPILED_FIXTURES.crashable,
        env: { CUSTOS_TEST_CRASH_AT: 'escrow.share-released' },
      });
      member.process!.once('exit', (_code, sig) => resolve(sig));
    });
    await asDevSudo(
      net.api,
      net.api.tx.backups.approveColdRecovery(requests),
      DEV_OPERATORS.map((o) => o.uri),
    );
    expect(await memberExit).toBe('SIGKILL');
    const memberLog = () => readFileSync(join(work, 'escrow', `${member.name}.log`), 'utf8');
    await waitFor('the crash line in the member log', async () =>
      memberLog().includes('crash point escrow.share-released reached') ? true : undefined,
    );
    /** The requests member 1 has released to, on chain. */
    const releasedByMember = async () => {
      const done: string[] = [];
      for (const [owner, incarnation] of requests)
        if ((await net.api.query.backups.escrowReleases(owner, incarnation, 1)).isSome)
          done.push(`${owner}/${incarnation}`);
      return done;
    };
    expect(await releasedByMember()).toHaveLength(1);
    for (const [owner] of requests)
      expect((await net.api.query.backups.coldRequests(owner)).isSome).toBe(true);
    const logBefore = memberLog().length;
    escrow.startMember(member);
    await waitFor(
      'member 1 released to every request',
      async () => ((await releasedByMember()).length === requests.length ? true : undefined),
      240_000,
    );
    // The request it had released to was still open: a second release would have been
    // refused by the chain and logged as a failure. None was.
    const released = (log: string) =>
      log.match(/escrow share released to an approved cold recovery/g)?.length ?? 0;
    await waitFor('the restarted member logged its releases', async () =>
      released(memberLog().slice(logBefore)) === requests.length - 1 ? true : undefined,
    );
    expect(memberLog().slice(logBefore)).not.toContain('escrow release failed');
    escrow.startMember(first);
    for (const node of net.nodes)
      expect(
        await waitFor(`${node.name} reads back`, () => readSecret(node, 'tss-keyshare'), 240_000),
      ).toEqual(secrets.get(node.name));
    for (const node of net.nodes) await settled(net.api, node, 240_000);
  }, 900_000);

  /** Waits until every companion's confirmed epoch is escrowed with `generation`. */
  const escrowedWith = async (nodes: DevNode[], generation: number) => {
    for (const node of nodes)
      await waitFor(
        `${node.name} escrowed with committee ${generation}`,
        async () => {
          const a = (await net.api.query.backups.assignments(node.account!)).unwrap();
          const d = await net.api.query.backups.escrowDeposits(node.account!, a.confirmedEpoch);
          return d.isSome && d.unwrap().generation.toNumber() === generation ? true : undefined;
        },
        240_000,
      );
  };

  it('a committee replaced during an outage still serves the deposits made for it; one stale approval entry holds back nobody', async () => {
    for (const node of net.nodes) await settled(net.api, node, 240_000);
    const old = (await net.api.query.backups.committee()).unwrap().generation.toNumber();
    await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
    const before = await incarnations();
    for (const node of net.nodes) net.startNode(node);
    const requests = await coldRequestsAfter(before);
    // Governance replaces the committee before approving (same members in another order:
    // every index changes but the air-gapped one's).
    type Member = NonNullable<typeof net.escrow>['members'][number];
    const [m0, m1, m2] = net.escrow!.members as [Member, Member, Member];
    const committee = (order: Member[]) =>
      net.api.tx.backups.setEscrowCommittee(
        order.map((m) => ({ account: m.account, sealingKey: m.sealingKey })),
        2,
      );
    await asDevSudo(
      net.api,
      committee([m1, m0, m2]),
      DEV_OPERATORS.map((o) => o.uri),
    );
    expect((await net.api.query.backups.retiredCommittees(old)).isSome).toBe(true);
    // One approval for every request plus an entry naming an incarnation that has no
    // request: that entry is skipped with its reason, every owner is approved.
    const [firstOwner, firstIncarnation] = requests[0]!;
    const staleEntry: [string, number] = [firstOwner, firstIncarnation + 7];
    const approval = await asDevSudo(
      net.api,
      net.api.tx.backups.approveColdRecovery([...requests, staleEntry]),
      DEV_OPERATORS.map((o) => o.uri),
    );
    const backupsEvents = approval.events
      .map((r) => r.event)
      .filter((e) => e.section === 'backups');
    expect(backupsEvents.filter((e) => e.method === 'ColdRecoveryApproved')).toHaveLength(
      requests.length,
    );
    const skipped = backupsEvents.filter((e) => e.method === 'ColdApprovalSkipped');
    expect(skipped.map((e) => e.data.toHuman())).toEqual([
      expect.objectContaining({
        incarnation: String(firstIncarnation + 7),
        reason: 'NotFound',
      }),
    ]);
    // The old committee's serving members release under their old indices; every
    // companion reads back its secret.
    for (const node of net.nodes)
      expect(
        await waitFor(`${node.name} reads back`, () => readSecret(node, 'tss-keyshare'), 240_000),
      ).toEqual(secrets.get(node.name));
    for (const [owner, incarnation] of requests)
      expect((await net.api.query.backups.escrowReleases(owner, incarnation, 2)).isNone).toBe(true);
    // Back to ordinary backups, escrowed with the new committee; the old one goes with the
    // last deposit made for it.
    await escrowedWith(net.nodes, old + 1);
    await waitFor(
      `committee ${old} forgotten`,
      async () => ((await net.api.query.backups.retiredCommittees(old)).isNone ? true : undefined),
      240_000,
    );
    // While every companion runs, governance sets yet another committee: each rotates on
    // its own to escrow with it.
    await asDevSudo(
      net.api,
      committee([m0, m1, m2]),
      DEV_OPERATORS.map((o) => o.uri),
    );
    await escrowedWith(net.nodes, old + 2);
    await waitFor(
      `committee ${old + 1} forgotten`,
      async () =>
        (await net.api.query.backups.retiredCommittees(old + 1)).isNone ? true : undefined,
      240_000,
    );
    for (const node of net.nodes) expect(logTail(node, 400)).not.toContain('ESCROW_DEPOSIT_VOID');
  }, 900_000);

  it('holders that never come back: once governance removes them, the cold path opens', async () => {
    for (const node of net.nodes) await settled(net.api, node, 240_000);
    const victim = net.nodes[0]!;
    const secret = Buffer.from(`${victim.name}'s keyshare, its holders about to vanish`);
    await putSecret(victim, 'vanishing-holders', secret);
    const key = (account: string) => u8aToHex(decodeAddress(account));
    const holders = (await net.api.query.backups.assignments(victim.account!))
      .unwrap()
      .confirmedProviders.map((p) => key(p.toString()));
    await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
    const digest = storeDigest(victim);
    const killedAt = await incarnationOf(victim);
    // Only the victim comes back; its holders never do. They still count as intact (they
    // never restarted), so the chain would refuse a cold request, and the victim waits
    // for them.
    net.startNode(victim);
    await waitFor(
      `${victim.name} attested its restart`,
      async () => ((await incarnationOf(victim)) > killedAt ? true : undefined),
      240_000,
    );
    await net.chain.newBlocks(6);
    expect((await net.api.query.backups.coldRequests(victim.account!)).isNone).toBe(true);
    expect(await readSecret(victim, 'vanishing-holders').catch(() => undefined)).toBeUndefined();
    expect(storeDigest(victim)).toBe(digest);
    // Governance removes two of them (t = 2 of 3): one holder is left intact, fewer than t.
    const keyring = new Keyring({ type: 'sr25519' });
    const gone = net.nodes.filter((n) => holders.slice(0, 2).includes(key(n.account!)));
    expect(gone).toHaveLength(2);
    for (const node of gone) {
      const operator = keyring.addFromUri(node.operatorUri).address;
      await asDevSudo(
        net.api,
        net.api.tx.registry.removeValidator(operator),
        DEV_OPERATORS.map((o) => o.uri),
      );
      expect((await net.api.query.registry.tssOperators(node.account!)).isNone).toBe(true);
    }
    // It asks, governance approves, the members release, and it reads its secret back.
    const [request] = await coldRequestsAfter(new Map([[victim, killedAt]]));
    expect(key(request![0])).toBe(key(victim.account!));
    await asDevSudo(
      net.api,
      net.api.tx.backups.approveColdRecovery([request!]),
      DEV_OPERATORS.map((o) => o.uri),
    );
    expect(
      await waitFor(
        `${victim.name} reads back`,
        () => readSecret(victim, 'vanishing-holders'),
        240_000,
      ),
    ).toEqual(secret);
  }, 600_000);
});
