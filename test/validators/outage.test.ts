/**
 * A full outage on a real network: four `custos-node` validators (Aura, GRANDPA) with four
 * companions and a 2-of-3 escrow committee: two members run `custos escrow serve`, the
 * third keeps its key air-gapped. Every companion and every validator node is SIGKILLed
 * at the same instant; the nodes restart from their databases, the companions restart,
 * attest (fee-free), find no intact holder and request cold recovery; one governance call
 * approves them all. One serving member stays down, so the air-gapped member releases too:
 * its export carries a read proof from a real node, and `sign` checks every request against
 * the state proven at a block hash read from another node (refusing another block and a
 * tampered request). Every companion reads back the exact secret it held before the
 * outage, then backs up to its providers and the committee again, in finalized state.
 *
 * Needs the node binary (`npm run node:build`); `.ci/run` runs this file only when it is
 * in the cache.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asDevSudo, type DevEscrowMember } from '../../tools/devnet/escrow.js';
import { DEV_OPERATORS, type DevNetwork, startNetwork } from '../../tools/devnet/network.js';
import { findNodeBinary } from '../../tools/devnet/validators.js';
import {
  coldRequestsAfter,
  putSecret,
  readSecret,
  runCustos,
  settledFinalized,
  waitFor,
} from '../harness/devnet.js';
import { expectOnlyFirstRefused } from '../harness/escrow.js';

const binary = findNodeBinary();

describe('a full outage of four validator nodes and their companions', () => {
  let net: DevNetwork;
  let work: string;

  beforeAll(async () => {
    if (!binary)
      throw new Error(
        'custos-node is not built: run `npm run node:build` (or set CUSTOS_NODE_BIN) first',
      );
    work = mkdtempSync(join(tmpdir(), 'custos-validators-outage-'));
    net = await startNetwork({
      size: 4,
      workDir: work,
      blockMs: Number(process.env.CUSTOS_VALIDATOR_BLOCK_MS ?? 1000),
      pollMs: 300,
      validators: { binary },
      escrow: { members: 3, threshold: 2, airGapped: 1 },
    });
  }, 600_000);

  afterAll(async () => {
    await net?.stop();
    if (work && !process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`validator outage work dir kept: ${work}`);
  });

  it('every companion and every node killed at once: all come back through one approval', async () => {
    const secrets = new Map<string, Buffer>();
    for (const node of net.nodes) {
      await settledFinalized(net.api, node, 300_000);
      const secret = Buffer.from(`${node.name}'s keyshare before the power cut`);
      await putSecret(node, 'tss-keyshare', secret);
      secrets.set(node.name, secret);
    }
    const finalizedBefore = (
      await net.api.rpc.chain.getHeader(await net.api.rpc.chain.getFinalizedHead())
    ).number.toNumber();
    const incarnations = new Map(
      await Promise.all(
        net.nodes.map(
          async (node) =>
            [
              node,
              (await net.api.query.attestation.attestations(node.account!))
                .unwrap()
                .incarnation.toNumber(),
            ] as const,
        ),
      ),
    );
    // The power cut: every companion and every validator node at the same instant.
    const validators = net.validators!;
    await Promise.all([
      ...net.nodes.map((node) => net.killNode(node, 'SIGKILL')),
      ...validators.validators.map((v) => validators.kill(v, 'SIGKILL')),
    ]);
    // The nodes come back from their databases and finalize again past where they were.
    for (const v of validators.validators) validators.start(v);
    for (const v of validators.validators)
      await validators.waitForFinalized(v, finalizedBefore + 2, 300_000);
    for (const node of net.nodes) net.startNode(node);
    // Each companion attests (with no funds), sees no intact holder and asks.
    const requests = await coldRequestsAfter(net.api, incarnations, 300_000);
    expect(requests.map(([owner]) => owner).sort()).toEqual(
      net.nodes.map((node) => node.account!).sort(),
    );
    for (const [owner, incarnation] of requests)
      for (let member = 0; member < 3; member++)
        expect(
          (await net.api.query.backups.escrowReleases(owner, incarnation, member)).isNone,
        ).toBe(true);
    // One serving member stays down, so the stores open only once the air-gapped member
    // has released too, through a state proof from a real node.
    const [serving, resting, airGapped] = net.escrow!.members as [
      DevEscrowMember,
      DevEscrowMember,
      DevEscrowMember,
    ];
    expect([serving.airGapped, airGapped.airGapped]).toEqual([false, true]);
    await net.escrow!.stopMember(resting);
    const approval = await asDevSudo(
      net.api,
      net.api.tx.backups.approveColdRecovery(requests),
      DEV_OPERATORS.map((o) => o.uri),
    );
    expect(approval.events.filter((r) => r.event.method === 'ColdRecoveryApproved')).toHaveLength(
      requests.length,
    );
    await releaseThroughProof(requests, airGapped);
    for (const node of net.nodes)
      expect(
        await waitFor(
          `${node.name} reads its secret back`,
          () => readSecret(node, 'tss-keyshare'),
          300_000,
        ),
      ).toEqual(secrets.get(node.name));
    // Back to ordinary t-of-n backups, escrowed again, in finalized state; the companions
    // still hold no funds.
    for (const node of net.nodes) {
      const a = await settledFinalized(net.api, node, 300_000);
      const at = await net.api.at(await net.api.rpc.chain.getFinalizedHead());
      expect((await at.query.backups.coldRequests(node.account!)).isNone).toBe(true);
      expect((await at.query.backups.escrowDeposits(node.account!, a.confirmedEpoch)).isSome).toBe(
        true,
      );
      expect((await net.api.query.system.account(node.account!)).data.free.toBigInt()).toBe(0n);
    }
  }, 1_200_000);

  /**
   * The air-gapped member's three steps against real nodes: the export, made through
   * Alice's node, proves its state; the member's operator reads the block's hash from
   * another validator's node (its own), once that node has finalized the block; `sign`
   * checks every request against the proven state and refuses a tampered export or
   * another block; `submit` sends the releases.
   */
  async function releaseThroughProof(
    requests: [string, number][],
    member: DevEscrowMember,
  ): Promise<void> {
    // The approval is final once the serving member (which acts on finalized state only)
    // has released to every request.
    await waitFor(
      'the serving member released to every request',
      async () => {
        for (const [owner, incarnation] of requests)
          if ((await net.api.query.backups.escrowReleases(owner, incarnation, 0)).isNone)
            return undefined;
        return true;
      },
      300_000,
    );
    const dir = mkdtempSync(join(work, 'air-gapped-'));
    const exportFile = join(dir, 'export.json');
    const exported = await runCustos([
      'escrow',
      'export',
      '--member',
      member.account,
      '--out',
      exportFile,
      '--chain',
      net.chain.endpoint,
      '--json',
    ]);
    expect(exported.status, exported.stderr).toBe(0);
    const file = JSON.parse(readFileSync(exportFile, 'utf8'));
    expect(file.requests).toHaveLength(requests.length);
    expect(file.proof, exported.stdout).not.toBeNull();
    expect(file.proof.nodes.length).toBeGreaterThan(0);
    // What the member's operator does on its own node (here Dave's): once that node's
    // finalized head has reached the export's block, read the block's hash there.
    const validators = net.validators!;
    const own = validators.validators[3]!;
    const finalizedNumber = async () => {
      const head = await validators.rpc<string>(own, 'chain_getFinalizedHead');
      const header = await validators.rpc<{ number: string }>(own, 'chain_getHeader', [head]);
      return Number.parseInt(header.number, 16);
    };
    await waitFor(
      "Dave's node finalized the export's block",
      async () => ((await finalizedNumber()) >= file.finalized.number ? true : undefined),
      120_000,
    );
    const trusted = await validators.rpc<string>(own, 'chain_getBlockHash', [
      file.finalized.number,
    ]);
    expect(trusted).toBe(file.finalized.hash);
    const sign = (input: string, out: string, block: string) =>
      runCustos([
        'escrow',
        'sign',
        '--key-file',
        member.keyFile,
        '--in',
        input,
        '--out',
        out,
        '--genesis',
        net.api.genesisHash.toHex(),
        '--block',
        block,
        '--json',
      ]);
    // Another block (the parent) than the one the export proves: nothing at all.
    const parent = await validators.rpc<{ parentHash: string }>(own, 'chain_getHeader', [trusted]);
    const otherBlock = await sign(exportFile, join(dir, 'other-block.json'), parent.parentHash);
    expect(otherBlock.status).toBe(2);
    expect(otherBlock.stderr).toContain('[PROOF_BLOCK_MISMATCH]');
    expect(existsSync(join(dir, 'other-block.json'))).toBe(false);
    // A request the networked machine altered is refused; the others are released.
    const tampered = structuredClone(file);
    tampered.requests[0].approvedAt += 1;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const refused = await sign(join(dir, 'tampered.json'), join(dir, 'tampered-out.json'), trusted);
    expect(refused.status).toBe(1);
    expectOnlyFirstRefused(refused.stdout, file, 'STATE_MISMATCH', requests.length);
    const releasesFile = join(dir, 'releases.json');
    const signed = await sign(exportFile, releasesFile, trusted);
    expect(signed.status, signed.stderr + signed.stdout).toBe(0);
    expect(JSON.parse(signed.stdout).provenAt).toEqual({
      number: file.finalized.number,
      hash: trusted,
    });
    const submitted = await runCustos([
      'escrow',
      'submit',
      '--in',
      releasesFile,
      '--chain',
      validators.validators[1]!.endpoint,
      '--json',
    ]);
    expect(submitted.status, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout).map((o: { result: string }) => o.result)).toEqual(
      requests.map(() => 'released'),
    );
  }
});
