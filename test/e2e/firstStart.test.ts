/**
 * First start (issue 10 item 7) on a devnet of companion processes. The KEK `custos init`
 * hands over in TD memory must survive until the chain confirmed the first backup epoch:
 * - killed before that confirmation, the node starts again from the handoff and loses
 *   nothing;
 * - killed after the confirmation but before it discarded the handoff, the node discards
 *   it and recovers through its holders; killed right after discarding it, it recovers
 *   through its holders too;
 * - with neither a handoff (the VM restarted: tmpfs is gone) nor a confirmed epoch, it
 *   exits with NEVER_BACKED_UP (exit 4) before attesting: no incarnation is spent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../src/faults/crashPoints.js';
import { COMPILED_FIXTURES } from '../../tools/build/compiled.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { exited, putSecret, readSecret, settled, startLog, waitFor } from '../harness/devnet.js';

const CRASHABLE = COMPILED_FIXTURES.crashable;
const SECRET = Buffer.from('first-start secret');

describe('first start', () => {
  let net: DevNetwork;
  let work: string;

  const handoffOf = (node: DevNode) =>
    join(node.env.CUSTOS_KEK_HANDOFF_DIR!, `${node.account}.kek`);
  const incarnation = async (node: DevNode) =>
    (await net.api.query.attestation.attestations(node.account!)).unwrap().incarnation.toNumber();
  const confirmedEpoch = async (node: DevNode) =>
    (await net.api.query.backups.assignments(node.account!)).unwrap().confirmedEpoch.toNumber();

  /** Adds a node whose first start kills itself at `point`. */
  async function crashedFirstStart(point: CrashPoint): Promise<DevNode> {
    const node = await net.addNode({ entry: CRASHABLE, env: { CUSTOS_TEST_CRASH_AT: point } });
    const { signal } = await exited(node);
    expect(signal).toBe('SIGKILL');
    expect(startLog(node)).toContain(`crash point ${point} reached`);
    return node;
  }

  /** A secret written now comes back byte for byte after a SIGKILL and a restart. */
  async function survivesSigkill(node: DevNode): Promise<void> {
    await putSecret(node, 'tss/keyshare', SECRET);
    await net.killNode(node, 'SIGKILL');
    net.startNode(node);
    await settled(net.api, node);
    expect(await readSecret(node, 'tss/keyshare')).toEqual(SECRET);
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-first-'));
    net = await startNetwork({ size: 4, workDir: work, blockMs: 500, pollMs: 200 });
    for (const node of net.nodes) await settled(net.api, node);
  }, 300_000);

  afterAll(async () => {
    await net?.stop();
    if (!process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
  });

  it('killed before the first confirmation, starts again from the handoff', async () => {
    const node = await crashedFirstStart('backup.shares-acknowledged');
    expect(await confirmedEpoch(node)).toBe(0);
    expect(existsSync(handoffOf(node))).toBe(true);
    net.startNode(node);
    await settled(net.api, node);
    // No restart attestation was needed: the store opened with the handed-over KEK.
    expect(await incarnation(node)).toBe(0);
    // Discarded once the confirmation is final.
    await waitFor('handoff discarded', async () =>
      existsSync(handoffOf(node)) ? undefined : true,
    );
    await survivesSigkill(node);
  }, 300_000);

  it('killed after the first confirmation, discards the handoff and recovers through its holders', async () => {
    const node = await crashedFirstStart('backup.epoch-confirmed');
    expect(await confirmedEpoch(node)).toBeGreaterThan(0);
    expect(existsSync(handoffOf(node))).toBe(true);
    net.startNode(node);
    await settled(net.api, node);
    expect(existsSync(handoffOf(node))).toBe(false);
    expect(await incarnation(node)).toBe(1);
  }, 300_000);

  it('killed right after discarding the handoff, recovers through its holders', async () => {
    const node = await crashedFirstStart('first-start.handoff-discarded');
    expect(await confirmedEpoch(node)).toBeGreaterThan(0);
    expect(existsSync(handoffOf(node))).toBe(false);
    net.startNode(node);
    await settled(net.api, node);
    expect(await incarnation(node)).toBe(1);
    await survivesSigkill(node);
  }, 300_000);

  it('with neither a handoff nor a confirmed epoch, exits NEVER_BACKED_UP and attests nothing', async () => {
    const node = await crashedFirstStart('backup.kek-staged');
    // The VM restarted: its memory-backed handoff directory is gone.
    rmSync(handoffOf(node));
    net.startNode(node);
    expect((await exited(node)).code).toBe(4);
    expect(startLog(node)).toContain('NEVER_BACKED_UP');
    expect(await incarnation(node)).toBe(0);
    expect(await confirmedEpoch(node)).toBe(0);
  }, 300_000);
});
