import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectChain } from '../chain/connect.js';
import { loadConfig } from '../config.js';
import { sr25519AddonStatus } from '../crypto/sr25519Native.js';
import { SealedStore } from '../keystore/sealedStore.js';
import { CHECK_NAMES, DOCTOR_CODES } from './check.js';
import { renderDoctor, runDoctor } from './doctor.js';
import { checkPermissions, checkSr25519Addon, checkToken } from './localChecks.js';

const root = mkdtempSync(join(tmpdir(), 'custos-doctor-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A fresh data dir (0755) with a private store dir and a public registration file. */
function dataDir(): string {
  const dir = join(root, `d${dirs++}`);
  mkdirSync(join(dir, 'store'), { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'store', 'data.mdb'), 'x', { mode: 0o600 });
  writeFileSync(join(dir, 'registration.json'), '{}', { mode: 0o644 });
  return dir;
}

const config = (dir: string, env: Record<string, string> = {}) =>
  loadConfig({
    env: { CUSTOS_CHAIN_URL: 'ws://127.0.0.1:1', CUSTOS_PROVIDER_PORT: '9000', ...env },
    flags: { dataDir: dir },
  });

describe('doctor: local checks', () => {
  it('passes a data dir laid out as init leaves it', () => {
    expect(checkPermissions({ config: config(dataDir()) })).toMatchObject({ status: 'pass' });
  });

  it('names every path others may write or, for the store, read', () => {
    const dir = dataDir();
    chmodSync(join(dir, 'registration.json'), 0o666);
    chmodSync(join(dir, 'store', 'data.mdb'), 0o640);
    const row = checkPermissions({ config: config(dir) });
    expect(row).toMatchObject({ status: 'fail', code: 'PERMISSIONS_TOO_OPEN' });
    expect(row.detail).toContain(`${join(dir, 'registration.json')} 0666 (writable by group`);
    expect(row.detail).toContain(`${join(dir, 'store', 'data.mdb')} 0640 (store open`);
  });

  it('refuses a config file holding the token that others can read', () => {
    const dir = dataDir();
    const file = join(dir, 'custos.json');
    writeFileSync(file, '{"secretApiToken":"0123456789abcdef"}', { mode: 0o644 });
    chmodSync(file, 0o644);
    const holding = checkPermissions({
      config: config(dir),
      configFile: { path: file, holdsToken: true },
    });
    expect(holding).toMatchObject({ status: 'fail', code: 'PERMISSIONS_TOO_OPEN' });
    expect(holding.detail).toContain('holds the token, readable by group or others');
    chmodSync(file, 0o600);
    expect(
      checkPermissions({ config: config(dir), configFile: { path: file, holdsToken: true } }),
    ).toMatchObject({ status: 'pass' });
  });

  it('fails a missing data dir', () => {
    expect(checkPermissions({ config: config(join(root, 'absent')) })).toMatchObject({
      status: 'fail',
      code: 'NOT_INITIALISED',
      detail: `${join(root, 'absent')} does not exist`,
    });
  });

  it('requires a token only when the secret API has a port', () => {
    const dir = dataDir();
    expect(checkToken(config(dir))).toMatchObject({ status: 'pass' });
    expect(checkToken(config(dir, { CUSTOS_SECRET_API_PORT: '9100' }))).toMatchObject({
      status: 'fail',
      code: 'TOKEN_MISSING',
    });
    const withToken = config(dir, {
      CUSTOS_SECRET_API_PORT: '9100',
      CUSTOS_SECRET_API_TOKEN: 'a-token-of-24-characters',
    });
    expect(checkToken(withToken)).toMatchObject({ status: 'pass', detail: 'set (24 characters)' });
    // The token itself never appears in a row.
    expect(JSON.stringify(checkToken(withToken))).not.toContain('a-token-of-24-characters');
  });
});

describe('doctor: sr25519 native addon', () => {
  it('passes naming the addon in use, fails with the loader’s reason otherwise', () => {
    expect(checkSr25519Addon({ loaded: true, path: '/app/native/sr25519/x.node' })).toEqual({
      name: 'sr25519 native addon',
      status: 'pass',
      detail: 'loaded from /app/native/sr25519/x.node',
    });
    const missing = checkSr25519Addon({
      loaded: false,
      path: '/app/native/sr25519/x.node',
      reason: 'no addon at /app/native/sr25519/x.node (npm run native:build)',
    });
    expect(missing).toMatchObject({ status: 'fail', code: 'SR25519_NOT_NATIVE' });
    expect(missing.detail).toMatch(/^no addon at \/app\/native\/sr25519\/x\.node .*runs in wasm/);
    // Where the addon must be in use (.ci/run), this process's row passes.
    if (process.env.CUSTOS_REQUIRE_SR25519_ADDON === '1')
      expect(checkSr25519Addon().status).toBe('pass');
  });
});

describe('doctor: report', () => {
  it('with the chain unreachable: fails that row, skips what needs the chain, exits 1', async () => {
    const dir = dataDir();
    const report = await runDoctor({
      config: config(dir),
      connect: (url) => connectChain(url, 300),
      openStore: (d) => SealedStore.open(d),
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      fetch,
      finalityTimeoutMs: 1000,
      maxSkewMs: 1000,
    });
    expect(report.exitCode).toBe(1);
    expect(report.rows.map((r) => r.name)).toEqual([...CHECK_NAMES]);
    expect(report.rows.find((r) => r.name === 'chain reachable')).toMatchObject({
      status: 'fail',
      code: 'CHAIN_UNREACHABLE',
    });
    for (const name of ['chain finalizing', 'account registered', 'clock skew'])
      expect(report.rows.find((r) => r.name === name)?.status, name).toBe('skip');
    expect(report.rows.find((r) => r.name === 'file permissions')?.status).toBe('pass');
    const table = renderDoctor(report);
    expect(table).toMatch(/^chain reachable\s+FAIL CHAIN_UNREACHABLE\s+cannot reach the chain/m);
    expect(table).toMatch(/^clock skew\s+skipped\s+chain unreachable$/m);
    // The chain's row fails and six skip; the addon's row fails too where it is not built.
    const failedHere = 7 + (sr25519AddonStatus().loaded ? 0 : 1);
    expect(table).toContain(`${failedHere} of 10 checks did not pass`);
  });

  it('has a fixed, distinct code list', () => {
    expect(new Set(DOCTOR_CODES).size).toBe(DOCTOR_CODES.length);
    for (const code of DOCTOR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });
});
