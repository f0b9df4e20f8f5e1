/**
 * End to end on a real devnet: Chopsticks + 5 `custos start` processes talking HTTP on
 * loopback. Every node's backup is confirmed t-of-n; a node killed with SIGKILL and
 * restarted recovers its store byte-for-byte through a fee-free restart attestation from
 * a zero-balance account, and its providers then hold shares of the new KEK. The restarted
 * node runs without the native sr25519 addon, the others with it (when built).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { secretApi, waitFor } from '../harness/devnet.js';

describe('devnet end to end', () => {
  let net: DevNetwork;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-e2e-'));
    net = await startNetwork({ size: 5, workDir: work, blockMs: 500, pollMs: 300 });
  }, 300_000);

  afterAll(async () => {
    await net?.stop();
    // CUSTOS_KEEP_E2E=1 keeps the data dirs and logs for inspection.
    if (!process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
    else console.log(`e2e work dir kept: ${work}`);
  });

  it('confirms every node backup epoch on chain with t-of-n', async () => {
    for (const node of net.nodes) {
      const a = await waitFor(`${node.name} confirmed`, async () => {
        const s = await net.api.query.backups.assignments(node.account!);
        return s.isSome && s.unwrap().confirmedEpoch.toNumber() > 0 ? s.unwrap() : undefined;
      });
      expect(a.confirmedProviders.length).toBeGreaterThanOrEqual(a.confirmedThreshold.toNumber());
      expect(a.confirmedThreshold.toNumber()).toBe(2);
    }
  }, 300_000);

  it('recovers a SIGKILLed node byte-for-byte with a zero-balance restart attestation', async () => {
    const node = net.nodes[0]!;
    const secret = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37) % 256));
    const put = await secretApi(node, '/tss/keyshare', {
      method: 'PUT',
      body: JSON.stringify({ value: secret.toString('base64') }),
    });
    expect(put.status).toBe(200);
    const before = (await net.api.query.backups.assignments(node.account!)).unwrap();

    await net.killNode(node, 'SIGKILL');
    // It comes back without the native sr25519 addon: schnorrkel in wasm verifies the
    // holders' releases (signed by the addon) and signs its acknowledgements, which the
    // chain and the other companions check: the two implementations in one network.
    net.startNode(node, { env: { CUSTOS_SR25519_ADDON: 'none' } });

    const record = await waitFor('restart attestation', async () => {
      const r = await net.api.query.attestation.attestations(node.account!);
      return r.isSome && r.unwrap().incarnation.toNumber() === 1 ? r.unwrap() : undefined;
    });
    expect(record.incarnation.toNumber()).toBe(1);
    expect((await net.api.query.system.account(node.account!)).data.free.toBigInt()).toBe(0n);

    const got = await waitFor('secret readable after recovery', async () => {
      const res = await secretApi(node, '/tss/keyshare');
      return res.status === 200 ? ((await res.json()) as { value: string }).value : undefined;
    });
    expect(Buffer.from(got, 'base64')).toEqual(secret);
    const wasmLine = readFileSync(join(node.dataDir, 'start.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('sr25519: no native addon'))
      .at(-1);
    expect(wasmLine).toContain('"reason":"CUSTOS_SR25519_ADDON=none"');

    const after = await waitFor('new KEK confirmed', async () => {
      const s = (await net.api.query.backups.assignments(node.account!)).unwrap();
      return s.confirmedEpoch.toNumber() > before.confirmedEpoch.toNumber() ? s : undefined;
    });
    for (const holder of after.confirmedProviders) {
      const provider = net.nodes.find((n) =>
        net.api.createType('AccountId32', n.account).eq(holder),
      )!;
      const res = await fetch(
        `http://127.0.0.1:${provider.providerPort}/v1/backup-provider/holdings/${node.account}`,
      );
      const body = (await res.json()) as { epochs: number[] };
      expect(body.epochs).toContain(after.confirmedEpoch.toNumber());
    }
  }, 300_000);

  it('an example TSS server (examples/tss-keyshares) keeps its keyshare through a companion restart', async () => {
    const node = net.nodes[1]!;
    const example = () =>
      new Promise<{
        keyshare: string;
        fingerprint: string;
        storeVersion: number;
        anchoredAt: number;
      }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['examples/tss-keyshares/tss.mjs', '--wait-ms', '240000'],
          {
            env: {
              PATH: process.env.PATH ?? '',
              CUSTOS_SECRET_API: `http://127.0.0.1:${node.secretApiPort}`,
              CUSTOS_SECRET_API_TOKEN: node.secretApiToken,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.once('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(out))
            : reject(new Error(`example exited ${code}: ${err}`)),
        );
      });
    const first = await example();
    expect(first.keyshare).toBe('created');
    expect(first.anchoredAt).toBeGreaterThan(0);
    // The checkpoint is on chain: the anchored version is the one the example stored.
    const anchored = (await net.api.query.backups.assignments(node.account!)).unwrap();
    expect(anchored.confirmedStoreVersion.toNumber()).toBeGreaterThanOrEqual(first.storeVersion);

    await net.killNode(node, 'SIGKILL');
    net.startNode(node);
    // The example waits for the companion to recover, then finds its keyshare.
    const second = await example();
    expect(second.keyshare).toBe('restored');
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.storeVersion).toBeGreaterThanOrEqual(first.storeVersion);
  }, 300_000);

  it('reshares when a provider leaves: owners confirm a new epoch without it, and it drops their shares', async () => {
    // The leaver: whichever provider holds shares for the most owners (assignment is random).
    const servedBy = async (leaver: DevNode) => {
      const key = net.api.createType('AccountId32', leaver.account);
      const owners: DevNode[] = [];
      for (const n of net.nodes) {
        if (n === leaver) continue;
        const a = (await net.api.query.backups.assignments(n.account!)).unwrap();
        if (a.confirmedProviders.some((p) => p.eq(key))) owners.push(n);
      }
      return owners;
    };
    let leaver = net.nodes[0]!;
    let served: DevNode[] = [];
    for (const candidate of net.nodes) {
      const owners = await servedBy(candidate);
      if (owners.length > served.length) [leaver, served] = [candidate, owners];
    }
    const leaverKey = net.api.createType('AccountId32', leaver.account);
    expect(served.length).toBeGreaterThan(0);
    const { Keyring } = await import('@polkadot/keyring');
    const operator = new Keyring({ type: 'sr25519' }).addFromUri(`//${leaver.name}`);
    await net.api.tx.registry.chill().signAndSend(operator);
    for (const owner of served) {
      const a = await waitFor(`${owner.name} reshared without ${leaver.name}`, async () => {
        const s = (await net.api.query.backups.assignments(owner.account!)).unwrap();
        const done =
          s.confirmedEpoch.eq(s.epoch) && !s.confirmedProviders.some((p) => p.eq(leaverKey));
        return done ? s : undefined;
      });
      expect(a.confirmedProviders.length).toBeGreaterThanOrEqual(a.confirmedThreshold.toNumber());
      await waitFor(`${leaver.name} dropped ${owner.name}'s shares`, async () => {
        const res = await fetch(
          `http://127.0.0.1:${leaver.providerPort}/v1/backup-provider/holdings/${owner.account}`,
        );
        const body = (await res.json()) as { epochs: number[] };
        return body.epochs.length === 0 ? true : undefined;
      });
    }
  }, 300_000);
});
