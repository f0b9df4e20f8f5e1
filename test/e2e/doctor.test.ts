/**
 * `custos doctor` (the compiled CLI, as a process) against a devnet: Chopsticks hosting the
 * committed runtime and four `custos start` processes. A backed-up companion passes every
 * check (exit 0); a companion that ran `custos init` but never registered fails
 * `account registered` with NOT_REGISTERED (exit 1); the packed product installed with
 * `--omit=dev` passes too; an owner one of whose holders was
 * stopped fails `providers reachable` naming it; a data dir others may write fails the
 * permissions check.
 *
 * The devnet's chain clock is not the wall clock: Chopsticks stamps each block with its
 * parent's timestamp plus the slot duration, and the devnet builds blocks faster than
 * slots. The clock check is therefore run with an allowance measured from the chain (and
 * once with none, to see it fail and say which side is ahead).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sr25519AddonStatus } from '../../src/crypto/sr25519Native.js';
import { CUSTOS_CLI } from '../../tools/build/compiled.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { freePort } from '../../tools/devnet/ports.js';
import { waitFor } from '../harness/devnet.js';
import { installPackedProduct } from '../harness/install.js';

/**
 * Whether this repository's sr25519 addon is built and passes its check (the companions
 * load the same file; `.ci/run` requires it). Without Rust the doctor fails that one row.
 */
const ADDON_IN_USE = sr25519AddonStatus().loaded;

interface Row {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  code?: string;
  detail: string;
}

/** Runs the compiled CLI (asynchronously: the chain runs in this process). */
function custos(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CUSTOS_CLI, ...args],
      { env, timeout: 120_000 },
      (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

/** `custos doctor --json` for a node's environment: exit code and rows by name. */
async function doctor(env: NodeJS.ProcessEnv, extra: string[] = []) {
  const res = await custos(['doctor', '--json', '--finality-timeout', '20', ...extra], env);
  const report = JSON.parse(res.out) as { rows: Row[]; exitCode: number };
  return {
    code: res.code,
    report,
    row: (name: string) => report.rows.find((r) => r.name === name),
  };
}

describe('custos doctor on a devnet', () => {
  let net: DevNetwork;
  let work: string;
  /** Local clock minus the best block's timestamp, ms (negative: the chain is ahead). */
  const drift = async () => Date.now() - (await net.api.query.timestamp.now()).toNumber();
  /** `--max-clock-skew` covering the devnet's drift, with two minutes to spare. */
  const allowance = async () => [
    '--max-clock-skew',
    String(Math.ceil(Math.abs(await drift()) / 1000) + 120),
  ];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-doctor-'));
    net = await startNetwork({ size: 4, workDir: work, blockMs: 500, pollMs: 300 });
    for (const node of net.nodes) {
      await waitFor(`${node.name} backed up`, async () => {
        const s = await net.api.query.backups.assignments(node.account!);
        return s.isSome && s.unwrap().confirmedEpoch.toNumber() > 0 ? true : undefined;
      });
    }
  }, 300_000);

  afterAll(async () => {
    await net?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('passes every check for a registered, backed-up companion, and prints the table', async () => {
    const node = net.nodes[0]!;
    const { code, report } = await doctor(node.env, await allowance());
    expect(report.rows.map((r) => [r.name, r.status])).toEqual([
      ['chain reachable', 'pass'],
      ['chain finalizing', 'pass'],
      ['account registered', 'pass'],
      ['measurement accepted', 'pass'],
      ['restart key matches chain', 'pass'],
      ['providers reachable', 'pass'],
      ['clock skew', 'pass'],
      ['secret API token', 'pass'],
      ['file permissions', 'pass'],
      ['sr25519 native addon', ADDON_IN_USE ? 'pass' : 'fail'],
    ]);
    expect(code).toBe(ADDON_IN_USE ? 0 : 1);
    expect(report.rows.find((r) => r.name === 'account registered')?.detail).toContain(
      node.account,
    );
    const table = await custos(['doctor', ...(await allowance())], node.env);
    expect(table.code).toBe(ADDON_IN_USE ? 0 : 1);
    expect(table.out).toMatch(/^providers reachable\s+ok\s+\d of \d holders of epoch/m);
    expect(table.out).toContain(ADDON_IN_USE ? 'all checks passed' : '1 of 10 checks did not pass');
  }, 120_000);

  it('passes from the product installed with --omit=dev (npm pack, no dev dependency)', async () => {
    const installed = await installPackedProduct(mkdtempSync(join(work, 'install-')));
    const node = net.nodes[0]!;
    const args = ['doctor', ...(await allowance())];
    const res = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        installed.bin,
        args,
        { env: node.env, cwd: installed.app, timeout: 120_000 },
        (error, out) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out }),
      );
    });
    expect(res.out).toContain(ADDON_IN_USE ? 'all checks passed' : '1 of 10 checks did not pass');
    expect(res.code).toBe(ADDON_IN_USE ? 0 : 1);
    if (!ADDON_IN_USE) return;
    // The package carries its own sr25519 addon, and the installed CLI loads that copy.
    const escaped = installed.app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(res.out).toMatch(
      new RegExp(`^sr25519 native addon\\s+ok\\s+loaded from ${escaped}/`, 'm'),
    );
  }, 300_000);

  it('fails `account registered` for an initialised but unregistered companion (exit 1)', async () => {
    const dataDir = join(work, 'unregistered');
    mkdirSync(dataDir);
    const env = {
      ...net.nodes[0]!.env,
      CUSTOS_DATA_DIR: dataDir,
      CUSTOS_PROVIDER_PORT: String(await freePort()),
      CUSTOS_SECRET_API_PORT: '0',
    };
    const init = await custos(['init'], env);
    expect(init.code, init.err).toBe(0);
    const account = /initialised (\S+);/.exec(init.out)?.[1];
    const { code, row } = await doctor(env, await allowance());
    expect(code).toBe(1);
    expect(row('account registered')).toMatchObject({ status: 'fail', code: 'NOT_REGISTERED' });
    expect(row('account registered')?.detail).toContain(`${account} has no registration on chain`);
    expect(row('restart key matches chain')).toMatchObject({ status: 'skip' });
    expect(row('chain finalizing')?.status).toBe('pass');
    expect(row('secret API token')).toMatchObject({ status: 'pass' });
    const table = await custos(['doctor', ...(await allowance())], env);
    expect(table.code).toBe(1);
    expect(table.out).toMatch(
      /^account registered\s+FAIL NOT_REGISTERED\s+\S+ has no registration/m,
    );
  }, 120_000);

  it('fails `clock skew` beyond the allowance, saying which side is ahead', async () => {
    const node = net.nodes[0]!;
    const measured = await drift();
    expect(Math.abs(measured)).toBeGreaterThan(2000); // the devnet's chain clock runs fast
    const { code, row } = await doctor(node.env, ['--max-clock-skew', '1']);
    expect(code).toBe(1);
    expect(row('clock skew')).toMatchObject({ status: 'fail', code: 'CLOCK_SKEW' });
    expect(row('clock skew')?.detail).toContain(measured < 0 ? 'behind' : 'ahead of');
    expect(row('clock skew')?.detail).toContain('(limit 1 s)');
  }, 120_000);

  it('fails `file permissions` when others may write the data dir', async () => {
    const node = net.nodes[1]!;
    chmodSync(node.dataDir, 0o777);
    try {
      const { code, row } = await doctor(node.env, await allowance());
      expect(code).toBe(1);
      expect(row('file permissions')).toMatchObject({
        status: 'fail',
        code: 'PERMISSIONS_TOO_OPEN',
      });
      expect(row('file permissions')?.detail).toContain(`${node.dataDir} 0777`);
    } finally {
      chmodSync(node.dataDir, 0o755);
    }
  }, 120_000);

  it('fails `providers reachable` naming a stopped holder', async () => {
    const owner = net.nodes[0]!;
    const state = (await net.api.query.backups.assignments(owner.account!)).unwrap();
    const holder = state.confirmedProviders[0]!.toString();
    const stopped = net.nodes.find(
      (n: DevNode) =>
        n.account !== undefined &&
        net.api.createType('AccountId32', n.account).toString() === holder,
    )!;
    await net.killNode(stopped, 'SIGTERM');
    const { code, row } = await doctor(owner.env, await allowance());
    expect(code).toBe(1);
    expect(row('providers reachable')).toMatchObject({
      status: 'fail',
      code: 'PROVIDER_UNREACHABLE',
    });
    expect(row('providers reachable')?.detail).toContain(`${holder} at http://127.0.0.1:`);
  }, 120_000);
});
