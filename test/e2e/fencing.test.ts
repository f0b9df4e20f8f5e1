/**
 * Invariants I4 and I5 on a devnet of companion processes:
 * - fencing: a second instance of an account (a copy of its data dir) attests; the first
 *   stops with exit code 3 and the second serves;
 * - rollback: an older copy of a store is refused at recovery, naming both versions, and
 *   nothing is deleted.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevNetwork, type DevNode, startNetwork } from '../../src/devnet/network.js';
import { secretApi, waitFor } from '../harness/devnet.js';

const exited = (node: DevNode) =>
  waitFor(`${node.name} to exit`, async () => {
    const p = node.process!;
    return p.exitCode !== null || p.signalCode !== null ? (p.exitCode ?? -1) : undefined;
  });

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
    const copyDir = join(work, 'bob-copy');
    cpSync(first.dataDir, copyDir, { recursive: true });
    const second: DevNode = {
      ...first,
      dataDir: copyDir,
      providerPort: first.providerPort + 1000,
      secretApiPort: first.secretApiPort + 1000,
      process: undefined,
      env: {
        ...first.env,
        CUSTOS_DATA_DIR: copyDir,
        CUSTOS_PROVIDER_PORT: String(first.providerPort + 1000),
        CUSTOS_SECRET_API_PORT: String(first.secretApiPort + 1000),
      },
    };
    const before = (await net.api.query.attestation.attestations(first.account!))
      .unwrap()
      .incarnation.toNumber();
    net.startNode(second);
    const code = await exited(first);
    expect(code).toBe(3);
    const log = readFileSync(join(first.dataDir, 'start.log'), 'utf8');
    expect(log).toContain('a newer instance of this TSS account attested');
    const after = (await net.api.query.attestation.attestations(first.account!))
      .unwrap()
      .incarnation.toNumber();
    expect(after).toBe(before + 1);
    // The new instance serves the secrets.
    await waitFor('second instance ready', async () =>
      (await secretApi(second, '/nothing')).status === 404 ? true : undefined,
    );
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
    expect(code).toBe(1);
    const log = readFileSync(join(node.dataDir, 'start.log'), 'utf8');
    expect(log).toMatch(new RegExp(`local version ${anchored - 1} < anchored version ${anchored}`));
    expect(log).toContain('STORE_ROLLED_BACK');
    expect(existsSync(join(storeDir, 'store.mdb'))).toBe(true);
  }, 300_000);
});
