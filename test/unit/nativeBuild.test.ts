/**
 * scripts/native-build.sh's refusals, run for real in a copy of its folder layout (no
 * cargo build happens: each case ends before or at a failing build).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../tools/build/compiled.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the script beside a crate folder that has a stale addon and no sources. */
function layout() {
  const root = mkdtempSync(join(tmpdir(), 'custos-native-build-'));
  dirs.push(root);
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'native/sr25519'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'scripts/native-build.sh'), join(root, 'scripts/native-build.sh'));
  const addon = join(root, 'native/sr25519/custos-sr25519.node');
  writeFileSync(addon, 'an addon of older sources');
  const run = (...args: string[]) =>
    spawnSync('bash', [join(root, 'scripts/native-build.sh'), ...args], {
      encoding: 'utf8',
      // A HOME of its own: no cargo target dir of the real one is touched.
      env: { ...process.env, HOME: root, CUSTOS_NATIVE_TARGET_DIR: join(root, 'target') },
    });
  return { addon, run };
}

describe('scripts/native-build.sh', () => {
  it('refuses an unknown argument and leaves the addon be', () => {
    const { addon, run } = layout();
    const res = run('--bogus');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown argument: --bogus (only --optional)');
    expect(existsSync(addon)).toBe(true);
  });

  it('removes an older addon when the build fails: exit 0 with --optional, 1 without', () => {
    for (const [args, status] of [
      [['--optional'], 0],
      [[], 1],
    ] as const) {
      const { addon, run } = layout();
      const res = run(...args);
      expect(res.status).toBe(status);
      // Without cargo, or with cargo and no crate to build: either way nothing is built.
      expect(res.stderr).toMatch(
        /\[native-build\] (no cargo on PATH|cargo build of native\/sr25519 failed)/,
      );
      expect(existsSync(addon)).toBe(false);
      if (status === 0) expect(res.stderr).toContain('the companion will use schnorrkel in wasm');
    }
  });
});
