/**
 * The product as an operator installs it: `npm pack` of this repository (its `files`: the
 * compiled dist/src and dist/chain-types, the dashboard, the sr25519 addon when built), installed with `npm install --omit=dev` into an
 * empty project under `dir`. Asynchronous (a devnet's chain may run in the same process);
 * rejects with npm's stderr when a step fails.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tools/build/compiled.js';

/** Where the installed product is. */
export interface InstalledProduct {
  /** The empty project it was installed into. */
  app: string;
  /** Its node_modules. */
  modules: string;
  /** The `custos` bin npm linked. */
  bin: string;
}

const run = (cmd: string, args: string[], cwd: string) =>
  new Promise<string>((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 240_000 }, (error, out, err) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${error.message} ${err}`));
      else resolve(out);
    });
  });

/**
 * Packs the repository into `dir` and installs the tarball with `--omit=dev` into
 * `dir/app`.
 *
 * @example
 * const { bin } = await installPackedProduct(mkdtempSync(join(tmpdir(), 'custos-install-')));
 * spawnSync(bin, ['--help']);
 */
export async function installPackedProduct(dir: string): Promise<InstalledProduct> {
  // `--json` prints the tarball's name.
  const packed = JSON.parse(
    await run('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT),
  );
  const tarball = join(dir, packed[0].filename as string);
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "install-check", "private": true }\n');
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', tarball], app);
  const modules = join(app, 'node_modules');
  return { app, modules, bin: join(modules, '.bin/custos') };
}
