/**
 * When fewer than t holders of the confirmed epoch can answer (issue 5), on a devnet of
 * companion processes:
 * - holders only unreachable (paused with SIGSTOP): the restarted owner waits, names the
 *   missing holders in its log, never touches its store, and completes once they return;
 * - holders that lost their memory (their own restart attestations after the
 *   confirmation, while the owner was down): the owner says plainly that the key cannot be
 *   recovered from providers, exits with code 4, and its sealed store is byte-identical.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import {
  exited,
  fullyBackedUp,
  putSecret,
  readSecret,
  settled,
  startLog,
  storeDigest,
  waitFor,
} from '../harness/devnet.js';

const SECRET = Buffer.from('a key share that must survive');

describe('holders that cannot answer', () => {
  let net: DevNetwork;
  let work: string;

  /**
   * The owner's holders once every assigned provider has a share: a top-up confirmed after
   * we read them would add a holder and change what the test expects.
   */
  const holdersOf = async (owner: DevNode): Promise<DevNode[]> =>
    (await fullyBackedUp(net.api, owner)).map(
      (p) => net.nodes.find((n) => net.api.createType('AccountId32', n.account).eq(p))!,
    );

  /** The account as the chain (and so the node's log) prints it. */
  const chainFormat = (node: DevNode) => net.api.createType('AccountId32', node.account).toString();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-holders-'));
    net = await startNetwork({ size: 5, workDir: work, blockMs: 500, pollMs: 250 });
    for (const node of net.nodes) await settled(net.api, node);
  }, 300_000);

  afterAll(async () => {
    for (const node of net?.nodes ?? []) node.process?.kill('SIGCONT');
    await net?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('waits for paused holders, naming them, and completes once they return', async () => {
    const owner = net.nodes[0]!;
    await putSecret(owner, 'tss/keyshare', SECRET);
    await settled(net.api, owner);
    const holders = await holdersOf(owner);
    const threshold = (await net.api.query.backups.assignments(owner.account!))
      .unwrap()
      .confirmedThreshold.toNumber();
    const paused = holders.slice(0, holders.length - threshold + 1); // leaves t - 1
    await net.killNode(owner, 'SIGKILL');
    const digest = storeDigest(owner);
    for (const h of paused) h.process!.kill('SIGSTOP');
    net.startNode(owner);
    const log = () => startLog(owner);
    await waitFor('the owner names every paused holder', async () => {
      const text = log().split('restart attested').at(-1) ?? '';
      return text.includes('KEK not recovered yet') &&
        paused.every((h) => text.includes(chainFormat(h)))
        ? true
        : undefined;
    });
    expect(storeDigest(owner)).toBe(digest);
    expect(owner.process!.exitCode).toBeNull();
    for (const h of paused) h.process!.kill('SIGCONT');
    await settled(net.api, owner);
    expect(await readSecret(owner, 'tss/keyshare')).toEqual(SECRET);
  }, 600_000);

  it('says plainly that the key cannot be recovered when t holders lost their memory', async () => {
    const owner = net.nodes[1]!;
    await putSecret(owner, 'tss/keyshare', SECRET);
    await settled(net.api, owner);
    const holders = await holdersOf(owner);
    const threshold = (await net.api.query.backups.assignments(owner.account!))
      .unwrap()
      .confirmedThreshold.toNumber();
    await net.killNode(owner, 'SIGKILL');
    const digest = storeDigest(owner);
    // While the owner is down, enough of its holders restart to leave fewer than t shares.
    const lost = holders.slice(0, holders.length - threshold + 1);
    for (const h of lost) {
      const before = (await net.api.query.attestation.attestations(h.account!))
        .unwrap()
        .incarnation.toNumber();
      await net.killNode(h, 'SIGKILL');
      net.startNode(h);
      // Its restart attestation is what the chain knows: the share in its memory is gone.
      // (It may not settle itself while the owner, one of its own holders, is down.)
      await waitFor(`${h.name} restart attested`, async () =>
        (await net.api.query.attestation.attestations(h.account!)).unwrap().incarnation.toNumber() >
        before
          ? true
          : undefined,
      );
    }
    net.startNode(owner);
    const { code } = await exited(owner);
    expect(code).toBe(4);
    const text = startLog(owner);
    expect(text).toContain('KEK_UNRECOVERABLE');
    expect(text).toContain('the key cannot be recovered from providers');
    for (const h of lost) expect(text).toContain(chainFormat(h));
    expect(storeDigest(owner)).toBe(digest);
  }, 600_000);
});
