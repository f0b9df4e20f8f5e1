/**
 * `custos doctor`: runs every check of a companion's setup and returns one row per check,
 * in {@link CHECK_NAMES} order, with an exit code (0 when every row passes, else 1).
 * Read-only: it changes no file mode, submits nothing and never unlocks the store (the
 * plaintext header is all it reads from it).
 */
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import type { Config } from '../config.js';
import type { SealedStore } from '../keystore/sealedStore.js';
import { restartPair } from '../service/identity.js';
import {
  type ChainCheckDeps,
  checkClock,
  checkFinalizing,
  checkMeasurement,
  checkProviders,
  checkRestartKey,
  readRegistration,
} from './chainChecks.js';
import { CHECK_NAMES, type CheckName, type CheckResult, fail, pass, skip } from './check.js';
import { checkPermissions, checkSr25519Addon, checkToken } from './localChecks.js';

/** What {@link runDoctor} needs; everything with a side effect is injected. */
export interface DoctorDeps extends Omit<ChainCheckDeps, 'api'> {
  config: Config;
  /** The `--config` file, if any, and whether it holds the secret API token. */
  configFile?: { path: string; holdsToken: boolean };
  /** Connects to the chain (throws when it cannot). */
  connect: (url: string) => Promise<ApiPromise>;
  /** Opens the sealed store locked (header only); throws when there is none. */
  openStore: (dir: string) => SealedStore;
  /** How long the finalized head may stand still. */
  finalityTimeoutMs: number;
  /** Largest accepted difference between the local clock and the chain's. */
  maxSkewMs: number;
}

/** The report: rows in {@link CHECK_NAMES} order and the exit code. */
export interface DoctorReport {
  rows: CheckResult[];
  exitCode: 0 | 1;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The local identity from the store's plaintext header, or why there is none. */
function localIdentity(
  deps: DoctorDeps,
): { account: string; restartKey: Uint8Array } | { problem: string } {
  const dir = join(deps.config.dataDir, 'store');
  let store: SealedStore;
  try {
    store = deps.openStore(dir);
  } catch (error) {
    return { problem: `no usable sealed store in ${dir} (${reason(error)}): run custos init` };
  }
  try {
    return { account: store.header.tssAccount, restartKey: restartPair(store).publicKey };
  } finally {
    void store.close();
  }
}

/** The checks that need the chain, given a connected API. */
async function chainRows(
  deps: DoctorDeps,
  api: ApiPromise,
  identity: ReturnType<typeof localIdentity>,
): Promise<CheckResult[]> {
  const chainDeps: ChainCheckDeps = { ...deps, api };
  const guarded = async (name: CheckName, check: () => Promise<CheckResult>) => {
    try {
      return await check();
    } catch (error) {
      return fail(name, 'CHAIN_UNREACHABLE', `chain query failed: ${reason(error)}`);
    }
  };
  const rows = [
    await guarded('chain finalizing', () => checkFinalizing(chainDeps, deps.finalityTimeoutMs)),
    await guarded('clock skew', () => checkClock(chainDeps, deps.maxSkewMs)),
  ];
  const identityRows: CheckName[] = [
    'account registered',
    'measurement accepted',
    'restart key matches chain',
    'providers reachable',
  ];
  if ('problem' in identity) {
    rows.push(fail('account registered', 'NOT_INITIALISED', identity.problem));
    for (const name of identityRows.slice(1)) rows.push(skip(name, 'no local store'));
    return rows;
  }
  const registration = await guarded('account registered', async () => {
    const r = await readRegistration(api, identity.account);
    return 'status' in r ? r : pass('account registered', `${identity.account} at ${r.endpoint}`);
  });
  rows.push(registration);
  if (registration.status !== 'pass') {
    for (const name of identityRows.slice(1)) rows.push(skip(name, 'account not registered'));
    return rows;
  }
  rows.push(
    await guarded('measurement accepted', () => checkMeasurement(api, identity.account)),
    await guarded('restart key matches chain', async () => {
      const r = await readRegistration(api, identity.account);
      return 'status' in r ? r : checkRestartKey(identity.restartKey, r.restartKey);
    }),
    await guarded('providers reachable', () => checkProviders(chainDeps, identity.account)),
  );
  return rows;
}

/**
 * Runs every check. Local checks (token, permissions) come first, before anything opens
 * the store; a chain that cannot be reached fails `chain reachable` and skips the rows
 * that need it. Never throws for a failing check: each becomes a row with its code.
 *
 * @example
 * const report = await runDoctor({ config, connect: connectChain, openStore: SealedStore.open,
 *   now: Date.now, sleep, fetch, finalityTimeoutMs: 30_000, maxSkewMs: 30_000 });
 * process.exit(report.exitCode);
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const rows: CheckResult[] = [
    checkToken(deps.config),
    checkPermissions({ config: deps.config, configFile: deps.configFile }),
    checkSr25519Addon(),
  ];
  const identity = localIdentity(deps);
  let api: ApiPromise | undefined;
  try {
    api = await deps.connect(deps.config.chainUrl);
  } catch (error) {
    rows.push(fail('chain reachable', 'CHAIN_UNREACHABLE', reason(error)));
    for (const name of CHECK_NAMES) {
      if (!rows.some((r) => r.name === name)) rows.push(skip(name, 'chain unreachable'));
    }
  }
  if (api) {
    try {
      const [chain, version, best] = await Promise.all([
        api.rpc.system.chain(),
        api.rpc.state.getRuntimeVersion(),
        api.rpc.chain.getHeader(),
      ]);
      rows.push(
        pass(
          'chain reachable',
          `${deps.config.chainUrl}: ${chain.toString()}, spec ${version.specVersion.toNumber()}, best #${best.number.toNumber()}`,
        ),
      );
      rows.push(...(await chainRows(deps, api, identity)));
    } finally {
      await api.disconnect();
    }
  }
  rows.sort((a, b) => CHECK_NAMES.indexOf(a.name) - CHECK_NAMES.indexOf(b.name));
  return { rows, exitCode: rows.every((r) => r.status === 'pass') ? 0 : 1 };
}

/**
 * The report as a table: check, result (`ok`, `FAIL <CODE>`, `skipped`), detail.
 *
 * @example
 * console.log(renderDoctor(report));
 */
export function renderDoctor(report: DoctorReport): string {
  const result = (r: CheckResult) =>
    r.status === 'pass' ? 'ok' : r.status === 'fail' ? `FAIL ${r.code}` : 'skipped';
  const nameWidth = Math.max(...report.rows.map((r) => r.name.length), 'check'.length);
  const resultWidth = Math.max(...report.rows.map((r) => result(r).length), 'result'.length);
  const line = (a: string, b: string, c: string) =>
    `${a.padEnd(nameWidth)}  ${b.padEnd(resultWidth)}  ${c}`;
  const failed = report.rows.filter((r) => r.status !== 'pass').length;
  return [
    line('check', 'result', 'detail'),
    line('-'.repeat(nameWidth), '-'.repeat(resultWidth), '------'),
    ...report.rows.map((r) => line(r.name, result(r), r.detail)),
    '',
    failed === 0 ? 'all checks passed' : `${failed} of ${report.rows.length} checks did not pass`,
  ].join('\n');
}
