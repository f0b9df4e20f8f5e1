/**
 * The doctor's checks of the machine itself (no chain): the secret API's token, the
 * permissions of the data directory, the sealed store and the config file, and whether
 * sr25519 runs through the native addon.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { type Sr25519AddonStatus, sr25519AddonStatus } from '../crypto/sr25519Native.js';
import { type CheckResult, fail, pass } from './check.js';

/** What the local checks read; `stat` is injectable so tests can feed any mode. */
export interface LocalCheckDeps {
  config: Config;
  /** The `--config` file, if one was given, and whether it holds the secret API token. */
  configFile?: { path: string; holdsToken: boolean };
  /** Permission bits of a path, or undefined when it does not exist. */
  mode?: (path: string) => number | undefined;
  /** Entries of a directory. */
  list?: (dir: string) => string[];
}

const fsMode = (path: string): number | undefined => {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
};

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

/**
 * The secret API's bearer token: passes when the API is disabled (port 0) or has a token;
 * fails with `TOKEN_MISSING` when a port is set without one (the API is then not served).
 * The token's length is already enforced by the config (≥ 16 characters).
 *
 * @example
 * checkToken(config); // { name: 'secret API token', status: 'pass', ... }
 */
export function checkToken(config: Config): CheckResult {
  if (config.secretApiPort === 0) return pass('secret API token', 'secret API disabled (port 0)');
  if (!config.secretApiToken) {
    return fail(
      'secret API token',
      'TOKEN_MISSING',
      `secret API port ${config.secretApiPort} set but CUSTOS_SECRET_API_TOKEN is not: the API is not served`,
    );
  }
  return pass('secret API token', `set (${config.secretApiToken.length} characters)`);
}

/**
 * Permissions that let another local user read a secret or swap a file:
 * - the sealed store (`<data dir>/store` and its files): no access for group or others;
 * - the data directory and every other file in it: not writable by group or others;
 * - the `--config` file: not writable by group or others, and not readable by them when
 *   it holds the secret API token.
 * Fails with `PERMISSIONS_TOO_OPEN` listing every offending path and its mode (or
 * `NOT_INITIALISED` when the data directory does not exist); passes otherwise. Reads modes only; never changes one.
 *
 * @example
 * checkPermissions({ config, configFile: { path: '/etc/custos.json', holdsToken: true } });
 */
export function checkPermissions(deps: LocalCheckDeps): CheckResult {
  const mode = deps.mode ?? fsMode;
  const list = deps.list ?? ((dir: string) => readdirSync(dir));
  const problems: string[] = [];
  const expect = (path: string, forbidden: number, why: string) => {
    const m = mode(path);
    if (m !== undefined && (m & forbidden) !== 0) problems.push(`${path} ${octal(m)} (${why})`);
  };
  const dataDir = deps.config.dataDir;
  if (mode(dataDir) === undefined) {
    return fail('file permissions', 'NOT_INITIALISED', `${dataDir} does not exist`);
  }
  expect(dataDir, 0o022, 'writable by group or others');
  const storeDir = join(dataDir, 'store');
  for (const entry of list(dataDir)) {
    const path = join(dataDir, entry);
    if (path === storeDir) continue;
    expect(path, 0o022, 'writable by group or others');
  }
  if (mode(storeDir) !== undefined) {
    expect(storeDir, 0o077, 'store open to group or others');
    for (const entry of list(storeDir)) {
      expect(join(storeDir, entry), 0o077, 'store open to group or others');
    }
  }
  if (deps.configFile) {
    expect(deps.configFile.path, 0o022, 'writable by group or others');
    if (deps.configFile.holdsToken) {
      expect(deps.configFile.path, 0o044, 'holds the token, readable by group or others');
    }
  }
  if (problems.length > 0) {
    return fail('file permissions', 'PERMISSIONS_TOO_OPEN', problems.join('; '));
  }
  return pass('file permissions', `${dataDir}: store private, nothing writable by others`);
}

/**
 * Whether the companion verifies and signs sr25519 through the native addon (decision
 * 0010): passes naming its file; fails with `SR25519_NOT_NATIVE` and the loader's reason
 * otherwise. Without it the companion is correct but about eight times slower per
 * signature check, so a flood of requests costs its provider more.
 *
 * @example
 * checkSr25519Addon(); // { name: 'sr25519 native addon', status: 'pass', detail: 'loaded from …' }
 */
export function checkSr25519Addon(status: Sr25519AddonStatus = sr25519AddonStatus()): CheckResult {
  if (status.loaded) return pass('sr25519 native addon', `loaded from ${status.path}`);
  return fail(
    'sr25519 native addon',
    'SR25519_NOT_NATIVE',
    `${status.reason}: sr25519 runs in wasm, about 8x slower per signature check (build the addon with npm run native:build in the repository; the companion image has it)`,
  );
}
