/**
 * Invariant I3 against adversaries, on a devnet of companion processes (issue 10). Every
 * companion runs the test-only wrapper test/fixtures/byzantine-custos.ts, so that after
 * the chain assigned the owner's holders the test can make one of them (n − t = 1 with
 * n = 3, t = 2) answer release requests with garbage, a share of another polynomial, the
 * real share it holds for another owner or for an older epoch, a refusal or a late answer; and the owner's outgoing offers are captured as its host
 * sees them, then replayed to the honest holders. Each time the owner is SIGKILLed and
 * restarted: it recovers the exact secret, names a provably bad holder in its log
 * (BAD_SHARE), proves it on chain (`report_bad_share` → BadShareProven, checked by the
 * runtime), the indexer records a BAD_SHARE misbehaviour with that event as evidence, and
 * the replayed offers are refused without changing what holders keep.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAccount } from '../../src/protocol/messages.js';
import { COMPILED_FIXTURES } from '../../tools/build/compiled.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { type RunningIndexer, startIndexer } from '../../tools/indexer/start.js';
import {
  fullyBackedUp,
  putSecret,
  readSecret,
  settled,
  startLog,
  waitFor,
} from '../harness/devnet.js';

const BYZANTINE = COMPILED_FIXTURES.byzantine;
const SECRET = Buffer.from(Array.from({ length: 128 }, (_, i) => (i * 29 + 11) % 256));

describe('Byzantine holders, replaying host', () => {
  let net: DevNetwork;
  let indexer: RunningIndexer;
  let work: string;
  let owner: DevNode;
  let holders: DevNode[];

  const nodeOf = (account: string) =>
    net.nodes.find((n) => canonicalAccount(n.account!) === canonicalAccount(account))!;
  const misbehave = (node: DevNode, behaviour: string) =>
    writeFileSync(join(node.dataDir, 'byzantine-behaviour'), behaviour);

  /** SIGKILLs the owner, restarts it, and checks the exact secret came back. */
  async function ownerRecovers(): Promise<string> {
    const logBefore = startLog(owner).length;
    await net.killNode(owner, 'SIGKILL');
    net.startNode(owner);
    await settled(net.api, owner);
    expect(await readSecret(owner, 'tss/keyshare')).toEqual(SECRET);
    return startLog(owner).slice(logBefore);
  }

  /**
   * A holder of the owner that some other owner has confirmed a share with. With five
   * companions and three holders each there always is one: the one companion that does not
   * hold the owner's share confirms at least two holders of its own, and only one of them
   * can be the owner.
   */
  async function holderOfAnotherOwner(): Promise<DevNode> {
    for (const holder of holders)
      for (const other of net.nodes) {
        if (other === owner) continue;
        const assignment = await net.api.query.backups.assignments(other.account!);
        if (
          assignment.isSome &&
          assignment
            .unwrap()
            .confirmedProviders.some(
              (p) => canonicalAccount(p.toString()) === canonicalAccount(holder.account!),
            )
        )
          return holder;
      }
    throw new Error('no holder of the owner holds a share of another owner');
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-byzantine-'));
    chmodSync(work, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    net = await startNetwork({
      size: 5,
      workDir: join(work, 'net'),
      blockMs: 500,
      pollMs: 200,
      entry: BYZANTINE,
    });
    indexer = await startIndexer({ endpoint: net.chain.endpoint, workDir: join(work, 'indexer') });
    owner = net.nodes[0]!;
    for (const node of net.nodes) await settled(net.api, node);
    await putSecret(owner, 'tss/keyshare', SECRET);
    holders = (await fullyBackedUp(net.api, owner)).map(nodeOf);
    expect(holders).toHaveLength(3);
  }, 300_000);

  afterAll(async () => {
    await indexer?.stop();
    await net?.stop();
    if (!process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
  });

  const BEHAVIOURS = ['garbage', 'other-share', 'other-owner', 'old-epoch', 'refuse', 'late'];
  /** Behaviours that sign a release the chain can prove wrong. */
  const PROVABLE = ['garbage', 'other-share', 'other-owner', 'old-epoch'];
  for (const [k, behaviour] of BEHAVIOURS.entries()) {
    it(`one holder answering "${behaviour}": the owner recovers the exact secret`, async () => {
      holders = (await fullyBackedUp(net.api, owner)).map(nodeOf);
      // "other-owner" lies with a share of another owner: the liar must hold one, which
      // the chain's assignments say (not every holder of this owner need be one).
      const bad =
        behaviour === 'other-owner' ? await holderOfAnotherOwner() : holders[k % holders.length]!;
      misbehave(bad, behaviour);
      const badLogBefore = startLog(bad).length;
      try {
        const log = await ownerRecovers();
        const named = log
          .split('\n')
          .filter((line) => line.includes('"code":"BAD_SHARE"'))
          .map((line) => JSON.parse(line) as { provider: string });
        const incarnation = (await net.api.query.attestation.attestations(owner.account!))
          .unwrap()
          .incarnation.toNumber();
        if (PROVABLE.includes(behaviour)) {
          // Named once, and only the bad holder (the owner's log says why not, if not).
          expect(named, `owner's log since its restart:\n${log}`).toHaveLength(1);
          expect(canonicalAccount(named[0]!.provider)).toBe(canonicalAccount(bad.account!));
          // Proven on chain: the runtime opened the release with the one revealed key.
          const proof = await waitFor('bad share proven on chain', async () => {
            const r = await net.api.query.backups.badShareReports(
              owner.account!,
              incarnation,
              bad.account!,
            );
            return r.isSome ? r.unwrap() : undefined;
          });
          expect(proof.kind.type).toBe('CommitmentMismatch');
          // The indexer names the holder, with the chain's event as evidence.
          await indexer.waitForHeight(proof.reportedAt.toNumber());
          const { misbehaviours } = await indexer.query<{
            misbehaviours: {
              nodes: { id: string; subject: string; owner: string; evidenceEvents: string[] }[];
            };
          }>(`{ misbehaviours(filter: { kind: { equalTo: BAD_SHARE } }) {
            nodes { id subject owner evidenceEvents } } }`);
          // One record per (holder, owner, incarnation): this restart's.
          const mine = misbehaviours.nodes.filter(
            (m) =>
              canonicalAccount(m.subject) === canonicalAccount(bad.account!) &&
              m.id.endsWith(`-${incarnation}`),
          );
          expect(mine).toHaveLength(1);
          expect(canonicalAccount(mine[0]!.owner)).toBe(canonicalAccount(owner.account!));
          expect(mine[0]!.evidenceEvents).toHaveLength(1);
        } else {
          expect(named).toHaveLength(0);
          // The holder did refuse (the test variant is in force, so this test can fail):
          // its request log has the refusal.
          if (behaviour === 'refuse')
            await waitFor(
              'the bad holder refused',
              async () =>
                startLog(bad).slice(badLogBefore).includes('byzantine: refusing') || undefined,
            );
          // Refusing or answering late proves nothing: no report, no record.
          for (const h of holders) {
            const r = await net.api.query.backups.badShareReports(
              owner.account!,
              incarnation,
              h.account!,
            );
            expect(r.isNone).toBe(true);
          }
        }
      } finally {
        misbehave(bad, '');
      }
    }, 300_000);
  }

  it('offers replayed by the host are refused and poison no holder', async () => {
    const file = join(owner.dataDir, 'captured-offers.jsonl');
    expect(existsSync(file)).toBe(true);
    const captured = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { url: string; body: { epoch: number } });
    expect(captured.length).toBeGreaterThanOrEqual(6);
    const answers = new Map<number, number>();
    for (const { url, body } of captured) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
      // Offers of confirmed epochs are refused; one never replaces a held share.
      expect([403, 409]).toContain(res.status);
    }
    // Nothing the host replayed changed what the holders serve.
    await ownerRecovers();
  }, 300_000);
});
