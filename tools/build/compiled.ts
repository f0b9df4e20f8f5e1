/**
 * The compiled `custos` (dist/, emitted by `npm run build` from tsconfig.build.test.json)
 * as the dev tooling runs it: the devnet, the benches and the test harnesses spawn these files
 * with plain `node`, never `tsx`, so that what they exercise is what a validator runs.
 *
 * {@link ensureBuilt} rebuilds dist/ when a source it is built from is newer than the last
 * build, so that a test or a devnet never runs stale JavaScript after an edit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The compiled CLI (`package.json` `bin.custos`). */
export const CUSTOS_CLI = join(REPO_ROOT, 'dist/src/cli/main.js');

/**
 * Test-only wrappers around the compiled CLI (sources under test/fixtures/, compiled with
 * it so that they patch the same module instances the CLI runs).
 */
export const COMPILED_FIXTURES = {
  /** Kills itself at the crash point named by `CUSTOS_TEST_CRASH_AT`. */
  crashable: join(REPO_ROOT, 'dist/test/fixtures/crashable-custos.js'),
  /** A provider a test can turn Byzantine while it runs. */
  byzantine: join(REPO_ROOT, 'dist/test/fixtures/byzantine-custos.js'),
  /** An escrow member that releases random bytes instead of its share. */
  lyingEscrowMember: join(REPO_ROOT, 'dist/test/fixtures/lying-escrow-member.js'),
} as const;

/** tsc's incremental state; its modification time marks the last successful build. */
const STAMP = join(REPO_ROOT, 'dist/.tsbuildinfo');

/** Inputs of tsconfig.build.test.json (directories are walked). */
const INPUTS = [
  'src',
  'chain-types/src',
  'test/fixtures/crashable-custos.ts',
  'test/fixtures/byzantine-custos.ts',
  'test/fixtures/lying-escrow-member.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.build.test.json',
  'package.json',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Whether dist/ is older than one of its sources (or absent).
 *
 * @example
 * if (isStale()) console.log('run npm run build');
 */
export function isStale(): boolean {
  const outputs = [STAMP, CUSTOS_CLI, ...Object.values(COMPILED_FIXTURES)];
  if (!outputs.every((output) => existsSync(output))) return true;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(REPO_ROOT, input)) > built);
}

/**
 * Builds dist/ incrementally (`tsc -p tsconfig.build.test.json`) when {@link isStale}; a no-op
 * otherwise. Synchronous; throws (with tsc's output on stderr) when the build fails.
 * Guarantees that afterwards {@link CUSTOS_CLI} is the compilation of the current sources.
 *
 * @example
 * ensureBuilt();
 * spawn(process.execPath, [CUSTOS_CLI, '--help']);
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.test.json'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // tsc leaves its build info untouched when nothing changed; mark this check as done.
  const now = new Date();
  utimesSync(STAMP, now, now);
}
